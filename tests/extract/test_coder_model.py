"""The learned coder: the shipped model loads and decides the same way twice, training is reproducible,
and extraction runs from a checkout with no gold sets beside it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from powderkeg.errors import DataFileError
from powderkeg.extract import training
from powderkeg.extract.coder_model import MODEL_FILE, NONE, CoderModel, LinearModel, shipped_model
from powderkeg.lexicons import data_path
from powderkeg.pipeline import Pipeline, coder_model

pytestmark = pytest.mark.slow

#: Training articles written for this test (not real news, marked as such): gold in SCHEMA.md shape.
OWN = [
    {"id": "own-1", "title": None, "url": None, "outlet": "test", "published": "2025-03-02",
     "text": "Ankara accused Athens of militarising islands in the Aegean. Greece rejected the claim.\n\n"
             "Turkey and Greece agreed to hold talks in Brussels next month.",
     "gold": {"events": [
         {"source": "TUR", "target": "GRC", "type": "ACCUSE", "negated": False, "status": "reported",
          "quote": "Ankara accused Athens of militarising islands in the Aegean"},
         {"source": "TUR", "target": "GRC", "type": "AGREE", "negated": False, "status": "reported",
          "quote": "Turkey and Greece agreed to hold talks"}]}},
    {"id": "own-2", "title": None, "url": None, "outlet": "test", "published": "2025-04-10",
     "text": "Chile recalled its ambassador from Peru after the border incident.\n\n"
             "Peru said Chilean patrol boats had fired on a fishing vessel, a charge Santiago denied.",
     "gold": {"events": [
         {"source": "CHL", "target": "PER", "type": "SANCTION", "negated": False, "status": "reported",
          "quote": "Chile recalled its ambassador from Peru"},
         {"source": "PER", "target": "CHL", "type": "ACCUSE", "negated": False, "status": "reported",
          "quote": "Peru said Chilean patrol boats had fired on a fishing vessel"},
         {"source": "CHL", "target": "PER", "type": "COERCE", "negated": False, "status": "claimed",
          "quote": "Chilean patrol boats had fired on a fishing vessel"}]}},
]


@pytest.fixture(scope="module")
def own_examples() -> list[training.Example]:
    pipe = Pipeline(coder="rules")
    return [e for p in training.parse_all(pipe, OWN) for e in training.examples_of(pipe, p)]


def test_gold_spans_find_quotes_and_labels_follow_them(own_examples: list[training.Example]) -> None:
    spans = training.gold_spans(OWN[1]["text"], OWN[1]["gold"]["events"])
    assert [(s.source, s.target, s.type) for s in spans] == [
        ("CHL", "PER", "SANCTION"), ("PER", "CHL", "ACCUSE"), ("CHL", "PER", "COERCE")]
    labels = {e.label for e in own_examples}
    assert {"ACCUSE", "SANCTION", NONE} <= labels


def test_training_is_reproducible(own_examples: list[training.Example], tmp_path: Path) -> None:
    a, b = training.fit(own_examples), training.fit(list(own_examples))
    a.save(tmp_path / "a.json")
    b.save(tmp_path / "b.json")
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes()
    assert a.types.classes[0] == NONE
    again = CoderModel.load(tmp_path / "a.json")
    assert again.to_dict() == a.to_dict()
    # the model learned its own training data: the ACCUSE candidate scores ACCUSE
    accuse = next(e for e in own_examples if e.label == "ACCUSE")
    probs = again.types.probabilities(accuse.columns)
    assert again.types.classes[max(range(len(probs)), key=probs.__getitem__)] == "ACCUSE"


def test_shipped_model_loads_and_is_deterministic() -> None:
    path = data_path(MODEL_FILE)
    assert path.exists(), "scripts/train_coder.py writes the shipped model"
    assert path.stat().st_size < 5_000_000
    m1, m2 = CoderModel.load(path), CoderModel.load(path)
    assert m1.types.classes[0] == NONE and len(m1.types.classes) == 17
    assert set(m1.status.classes) <= {"reported", "claimed", "planned", "denied"}
    cols = sorted(m1.types.weights)[:40]
    assert m1.types.probabilities(cols) == m2.types.probabilities(cols)
    assert abs(sum(m1.types.probabilities(cols)) - 1.0) < 1e-9


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("not json", "cannot read"),
        (json.dumps({"format": 99, "n_features": 1}), "retrain"),
    ],
)
def test_bad_model_file_names_the_file(tmp_path: Path, raw: str, reason: str) -> None:
    path = tmp_path / "coder_model.json"
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(DataFileError, match=reason) as err:
        CoderModel.load(path)
    assert str(path) in str(err.value)


def test_linear_model_rejects_ragged_rows() -> None:
    with pytest.raises(ValueError, match="class list"):
        LinearModel.from_dict({"classes": ["NONE", "ACCUSE"], "intercept": [0.0, 0.0], "weights": {"3": [1.0]}})


def test_coder_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    assert coder_model("rules") is None
    assert coder_model("learned") is shipped_model()
    monkeypatch.setenv("POWDERKEG_CODER", "learned")
    assert coder_model() is shipped_model()
    with pytest.raises(ValueError, match="unknown event coder 'neural'"):
        coder_model("neural")


@pytest.mark.parametrize("coder", ["rules", "learned"])
def test_extract_runs_without_shared(tmp_path: Path, coder: str) -> None:
    """A checkout with no ../shared: the CLI extracts with either coder from package data alone."""
    work = tmp_path / "clone" / "sub"
    work.mkdir(parents=True)
    assert not (work.parent / "shared").exists()
    inp = work / "in.jsonl"
    inp.write_text(json.dumps({"id": "x1", "text": OWN[0]["text"]}) + "\n", encoding="utf-8")
    exe = shutil.which("powderkeg", path=str(Path(sys.executable).parent))
    assert exe
    env = {**os.environ, "POWDERKEG_CODER": coder}
    proc = subprocess.run([exe, "extract", str(inp), "-o", str(work / "out.jsonl")], cwd=work, env=env,
                          capture_output=True, text=True, check=False, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    line = json.loads((work / "out.jsonl").read_text(encoding="utf-8"))
    assert ("TUR", "GRC", "ACCUSE") in {(e["source"], e["target"], e["type"]) for e in line["events"]}
    assert all(e["quote"] in OWN[0]["text"] for e in line["events"])

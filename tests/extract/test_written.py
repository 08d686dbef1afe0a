"""Training articles written here (training/written/): the loader reads them, they are well-formed gold,
cross-validation never holds one out or scores one, and the shipped model was trained on exactly these."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from powderkeg.extract import training
from powderkeg.extract.coder_model import MODEL_FILE, CoderModel
from powderkeg.lexicons import data_path

ROOT = Path(__file__).resolve().parents[2]
WRITTEN = ROOT / "training" / "written"
PLOVER_TYPES = {"ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",  # alphabetical
                "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"}
STATUSES = {"reported", "claimed", "denied", "planned"}


def _codes() -> set[str]:
    with data_path("actors.csv").open(encoding="utf-8") as fh:
        return {row["code"] for row in csv.DictReader(line for line in fh if not line.startswith("#"))}


def _written() -> list[dict[str, Any]]:
    return training.read_gold(training.written_files(WRITTEN))


def test_the_loader_reads_the_folder() -> None:
    files = training.written_files(WRITTEN)
    assert len(files) >= 40
    gold = training.read_gold(files)
    assert all(training.is_written(str(g["id"])) for g in gold)
    assert len({g["id"] for g in gold}) == len(gold)
    assert sum(len(g["gold"]["events"]) for g in gold) >= 150
    # non-events are there too: articles that must stay uncoded
    assert any(not g["gold"]["events"] for g in gold)


def test_written_articles_are_well_formed_gold() -> None:
    codes = _codes()
    for g in _written():
        assert g["annotated"] == ["events"] and "not real news" in g["outlet"], g["id"]
        for e in g["gold"]["events"]:
            assert e["quote"] in g["text"], (g["id"], e["quote"])
            assert {e["source"], e["target"]} <= codes, (g["id"], e)
            assert e["type"] in PLOVER_TYPES and e["status"] in STATUSES and e["negated"] is False, (g["id"], e)
        # every quote locates: training labels candidates by the quote's span
        assert len(training.gold_spans(g["text"], g["gold"]["events"])) == len(g["gold"]["events"])


def test_the_loader_refuses_an_article_without_the_written_prefix(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(json.dumps({"id": "train-z01", "text": "x", "gold": {}}), encoding="utf-8")
    with pytest.raises(ValueError, match=r"a\.json: a written training article needs an id starting with"):
        training.written_files(tmp_path)


def test_cv_folds_never_hold_out_a_written_article() -> None:
    written = [str(g["id"]) for g in _written()]
    real = [f"train-{g}{n:02d}" for g in "abcdefgh" for n in range(1, 4)] + ["seed-001", "wide-001", "plover-0002"]
    ids = written[:5] + real + written[5:]
    for k in (2, 4, 5):
        folds = training.make_folds(ids, k)
        assert not any(training.is_written(a) for f in folds for a in f)
        assert sorted(a for f in folds for a in f) == sorted(real)
    assert {training.story_group(a) for a in written} == {"written"}


def _data(gold_id: str, n: int) -> training.ArticleData:
    key = ("A", "B", "ACCUSE", False)
    other = ("B", "A", "REJECT", False)
    return training.ArticleData(gold_id, ((key, (1, n)), (other, (2, n))), (), frozenset(),
                                frozenset({key} if n % 2 else {other}))


def test_threshold_tuning_trains_on_written_articles_but_scores_only_real_ones(
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = [_data(f"train-{g}{n:02d}", n) for g in "abcd" for n in range(1, 4)]
    data += [_data(f"written-w{n}", n) for n in range(6)]
    scored: list[str] = []
    fitted: list[set[str]] = []
    real_f1 = training.events_f1
    real_fit = training._fit_keys

    def spy_f1(d: Any, preds: Any) -> float:
        scored.extend(x.gold_id for x in d)
        return real_f1(d, preds)

    def spy_fit(d: Any, *args: Any) -> Any:
        fitted.append({x.gold_id for x in d})
        return real_fit(d, *args)

    monkeypatch.setattr(training, "events_f1", spy_f1)
    monkeypatch.setattr(training, "_fit_keys", spy_fit)
    training.tune_thresholds(data)
    assert scored and not any(training.is_written(a) for a in scored)
    assert fitted and all({f"written-w{n}" for n in range(6)} <= ids for ids in fitted)


@pytest.mark.parametrize(("scope", "tuned_with_written", "status_with_written"),
                         [("all", True, True), ("keys", False, False), ("model", False, True)])
def test_written_scope_says_which_fits_see_written_rows(monkeypatch: pytest.MonkeyPatch, scope: str,
                                                        tuned_with_written: bool, status_with_written: bool) -> None:
    data = [_data(f"train-{g}{n:02d}", n) for g in "abcd" for n in range(1, 4)]
    data += [_data(f"written-w{n}", n) for n in range(6)]
    status = training.Example((7,), "ACCUSE", "claimed")
    data = [training.ArticleData(d.gold_id, d.keys, (status,), d.rules, d.gold) for d in data]
    fitted: list[set[str]] = []
    status_rows: list[int] = []
    real_fit, real_linear = training._fit_keys, training._fit_linear

    def spy_fit(d: Any, *args: Any) -> Any:
        fitted.append({x.gold_id for x in d})
        return real_fit(d, *args)

    def spy_linear(rows: Any, labels: Any, first: Any = None, **kw: Any) -> Any:
        if first == "reported":
            status_rows.append(len(rows))
        return real_linear(rows, labels, first, **kw)

    monkeypatch.setattr(training, "_fit_keys", spy_fit)
    monkeypatch.setattr(training, "_fit_linear", spy_linear)
    model = training.fit(data, ["ACCUSE", "REJECT"], written_scope=scope)
    written = {f"written-w{n}" for n in range(6)}
    inner, final = fitted[:-1], fitted[-1]
    assert inner and all((written <= ids) is tuned_with_written and bool(written & ids) is tuned_with_written
                         for ids in inner)
    assert written <= final  # the key model always learns from the written rows
    assert status_rows == [18 if status_with_written else 12]
    assert (model.meta or {})["written_scope"] == scope


def test_an_unknown_written_scope_is_refused() -> None:
    with pytest.raises(ValueError, match="written_scope: 'status' is not one of all, keys, model"):
        training.fit([_data("train-a01", 1)], ["ACCUSE"], written_scope="status")


def test_written_weight_changes_the_fit() -> None:
    data = [_data(f"train-a{n:02d}", n) for n in range(1, 5)] + [_data(f"written-w{n}", 1) for n in range(6)]
    full = training._fit_keys(data, 1.0).to_dict()
    light = training._fit_keys(data, 0.1).to_dict()
    assert full != light


def test_the_shipped_model_names_the_written_articles_it_saw() -> None:
    """Reproducible from the repo for the written part: a model trained with written articles records their
    hash, which must be this folder's (the shipped one is trained without them: they did not pay)."""
    meta = CoderModel.load(data_path(MODEL_FILE)).meta or {}
    if "written_sha256" not in meta:
        assert "written_articles" not in meta
        return
    files = training.written_files(WRITTEN)
    assert meta.get("written_articles") == len(files)
    assert meta["written_sha256"] == training.written_digest(files), \
        "training/written/ changed: run scripts/train_coder.py --with-written and commit the model"


@pytest.mark.slow
def test_train_coder_reads_written_articles_on_request(tmp_path: Path) -> None:
    gold_dir, written_dir = tmp_path / "gold", tmp_path / "written"
    gold_dir.mkdir()
    written_dir.mkdir()
    real = {"id": "own-1", "title": None, "url": None, "outlet": "test", "published": "2025-03-02",
            "text": "Greece accused Turkey of sending warships into its waters. Ankara rejected the charge.",
            "gold": {"events": [dict(quote="Greece accused Turkey", source="GRC", target="TUR", type="ACCUSE",
                                     status="reported", negated=False)]}}
    (gold_dir / "own-1.json").write_text(json.dumps(real), encoding="utf-8")
    src = training.written_files(WRITTEN)[0]
    (written_dir / src.name).write_bytes(src.read_bytes())
    for extra, count in ((["--with-written"], 1), ([], 0)):
        out = tmp_path / f"model{count}.json"
        proc = subprocess.run([sys.executable, str(ROOT / "scripts" / "train_coder.py"), "--gold", str(gold_dir),
                               "--written", str(written_dir), "--out", str(out), *extra],
                              capture_output=True, text=True, check=False)
        assert proc.returncode == 0, proc.stderr
        meta = CoderModel.load(out).meta or {}
        assert meta.get("written_articles", 0) == count and meta["articles"] == 1 + count
        assert ("written_sha256" in meta) is bool(count)
        assert f"({count} written here)" in proc.stdout

"""Grouped K-fold cross-validation of the event coders (used by `benchmarks/accuracy.py --cv K`).

Why in-process: each article is parsed once and its candidates featurised once (the rules
do not change between folds); only the model is re-fitted per fold, exactly as
scripts/train_coder.py fits it (powderkeg.extract.training). Each held-out article is then
extracted by `Pipeline.extract_parsed` — the same call `powderkeg extract` makes — with its
fold's model, and all held-out predictions are scored together by the shared scorer, which
micro-averages over articles (the pooled out-of-fold figure).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from powderkeg.extract import training
from powderkeg.extract.coder_model import CoderModel
from powderkeg.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
SCORER = EVAL / "score.py"
SETS = ("dev", "dev-wide", "train")
PLOVER = SHARED / "peers" / "plover" / "dev"
#: Training articles written in this repo (not real news): in the training part of every fold, never scored.
WRITTEN = ROOT / "training" / "written"
#: Scored as a whole only (issue 15: train groups e-h were never read while writing rules).
HELD_OUT = "train-e-h"


group_of = training.story_group
make_folds = training.make_folds


def score(gold_files: Sequence[Path], lines: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The shared scorer's --json summary of these predictions on copies of these gold files."""
    with tempfile.TemporaryDirectory() as tmp:
        gold_dir = Path(tmp) / "gold"
        gold_dir.mkdir()
        for f in gold_files:
            shutil.copy(f, gold_dir / f.name)
        pred = Path(tmp) / "pred.jsonl"
        pred.write_text("".join(json.dumps(lines[json.loads(f.read_text(encoding="utf-8"))["id"]],
                                           ensure_ascii=False) + "\n" for f in gold_files), encoding="utf-8")
        proc = subprocess.run([sys.executable, str(SCORER), str(gold_dir), "--json", "--pred", str(pred)],
                              capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"score.py failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


@dataclass
class CVResult:
    """Pooled figures per system ("rules", "learned") and scope, and how they were made."""

    k: int
    folds: list[list[str]]
    out_of_fold: dict[str, dict[str, Any]] = field(default_factory=dict)  # "rules/all", "learned/train"...
    in_sample: dict[str, dict[str, Any]] = field(default_factory=dict)
    plover: dict[str, dict[str, Any]] = field(default_factory=dict)
    seconds: float = 0.0
    model_sha256: str = ""
    written: int = 0  # written training articles in every fold's training part
    written_weight: float = training.WRITTEN_WEIGHT
    written_scope: str = training.WRITTEN_SCOPE


def extract_lines(pipe: Pipeline, parsed: Sequence[training.Parsed], model: CoderModel | None) -> dict[str, dict[str, Any]]:
    """`powderkeg extract` output lines of already parsed articles, with this event model (None: rules)."""
    pipe.model = model
    out = {}
    for p in parsed:
        ext = pipe.extract_parsed(p.article, p.mentions, p.parsed, n_units=p.n_units)
        line = ext.to_contract()
        out[str(line["id"])] = line
    return out


def run(k: int, model_path: Path, log: Any = print, *, written: Path | None = None,
        written_weight: float = training.WRITTEN_WEIGHT, written_scope: str = training.WRITTEN_SCOPE) -> CVResult:
    """K-fold CV over dev + dev-wide + train + the PLOVER sentences; in-sample with the shipped model.

    Each PLOVER sentence is its own group (they are independent examples); the 105
    articles are scored as before, and the PLOVER sentences out-of-fold on their own.
    The written training articles (`written`, None: none) train every fold and are never held
    out nor scored (`training.make_folds` leaves them out of the folds).
    """
    t0 = time.perf_counter()
    files = {name: sorted((EVAL / name).glob("*.json")) for name in SETS}
    all_files = [f for name in SETS for f in files[name]]
    plover_files = sorted(PLOVER.glob("*.json"))
    written_files = training.written_files(written) if written is not None and written.is_dir() else []
    gold = training.read_gold(all_files + plover_files + written_files)
    pipe = Pipeline(coder="rules")
    parsed_all = training.parse_all(pipe, gold)
    parsed = [p for p in parsed_all if not training.is_written(p.gold_id)]  # what is held out and scored
    by_id = {p.gold_id: p for p in parsed}
    types = training.event_types(gold)
    data = {p.gold_id: training.article_data(pipe, p, types) for p in parsed_all}
    log(f"parsed and featurised {len(parsed_all)} articles ({len(written_files)} written here) "
        f"in {time.perf_counter() - t0:.1f} s")
    ids = [p.gold_id for p in parsed_all]
    if len(set(ids)) != len(ids):
        sys.exit("two gold files share an id")
    folds = make_folds(ids, k)
    if sorted(len({group_of(a) for a in f}) for f in folds)[0] == 0:
        sys.exit(f"fewer story groups than folds ({k})")
    if any(training.is_written(a) for f in folds for a in f):
        sys.exit("a written training article is in a test fold")
    res = CVResult(k, folds, written=len(written_files), written_weight=written_weight,
                   written_scope=written_scope)
    rules = extract_lines(pipe, parsed, None)
    learned: dict[str, dict[str, Any]] = {}
    for j, held in enumerate(folds):
        model = training.fit([data[a] for a in ids if a not in set(held)], types, written_weight=written_weight,
                             written_scope=written_scope)
        learned.update(extract_lines(pipe, [by_id[a] for a in held], model))
        log(f"fold {j + 1}/{k}: {len(held)} held out; thresholds add {model.add} drop {model.drop} add_type {model.add_type} "
            f"(inner CV events F1 {(model.meta or {}).get('inner_cv_events_f1')})")
    scopes = {"all": all_files, **files,
              HELD_OUT: [f for f in files["train"] if f.name[:7] in ("train-e", "train-f", "train-g", "train-h")]}
    for name, fl in scopes.items():
        res.out_of_fold[f"rules/{name}"] = score(fl, rules)
        res.out_of_fold[f"learned/{name}"] = score(fl, learned)
    if plover_files:  # PLOVER sentences are training data too, held out in their own folds like any article
        res.plover["rules"] = score(plover_files, rules)
        res.plover["learned"] = score(plover_files, learned)
    shipped = CoderModel.load(model_path) if model_path.exists() else None
    if shipped is not None:
        res.model_sha256 = hashlib.sha256(model_path.read_bytes()).hexdigest()
        ins = extract_lines(pipe, parsed, shipped)
        for name, fl in scopes.items():
            res.in_sample[f"learned/{name}"] = score(fl, ins)
            res.in_sample[f"rules/{name}"] = res.out_of_fold[f"rules/{name}"]
        if plover_files:
            res.plover["learned, in-sample"] = score(plover_files, ins)
    pipe.model = None
    res.seconds = round(time.perf_counter() - t0, 1)
    return res

"""Accuracy gate (like trafilatura's eval gate): the dev-set F1 may not silently fall, in sample or out of fold.

Runs the real `powderkeg extract` through the shared scorer on the gold sets
beside the repo and compares each field with tests/accuracy_baseline.json (the default coder,
in-sample). The out-of-fold figures come from tests/accuracy_oof.json, written by
`benchmarks/accuracy.py --cv 5` (too slow for every test run); these checks need no ../shared.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
#: Gold set name in accuracy_baseline.json -> its folder beside the repo.
GOLD = {"dev": EVAL / "dev", "dev-wide": EVAL / "dev-wide", "plover": ROOT.parent / "shared" / "peers" / "plover" / "dev"}
BASELINE = json.loads((Path(__file__).parent / "accuracy_baseline.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("gold_set", sorted(GOLD))
def test_f1_not_below_pinned_baseline(gold_set: str) -> None:
    if not (EVAL / "score.py").exists():
        pytest.skip("../shared/eval is not beside this checkout")
    exe = shutil.which("powderkeg", path=str(Path(sys.executable).parent))
    assert exe, "the powderkeg console script is not installed in this environment"
    proc = subprocess.run(
        [sys.executable, str(EVAL / "score.py"), str(GOLD[gold_set]), "--json",
         "--cmd", f"{exe} extract {{input}} -o {{output}}"],
        capture_output=True, text=True, check=False, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    summary = json.loads(proc.stdout)
    assert summary["evidence_exact"] == 1.0
    assert not summary["missing_predictions"]
    drops = {
        field: (summary[field]["f1"], pinned)
        for field, pinned in BASELINE[gold_set].items()
        if summary[field]["f1"] < pinned - BASELINE["tolerance"]
    }
    assert not drops, f"F1 fell below the pinned baseline on {gold_set}: {drops}"


OOF = json.loads((Path(__file__).parent / "accuracy_oof.json").read_text(encoding="utf-8"))


def test_out_of_fold_figures_describe_the_shipped_model() -> None:
    """tests/accuracy_oof.json is rewritten by `benchmarks/accuracy.py --cv`: retrain, re-run the CV, commit both."""
    import hashlib

    from powderkeg.extract.coder_model import MODEL_FILE
    from powderkeg.lexicons import data_path

    shipped = hashlib.sha256(data_path(MODEL_FILE).read_bytes()).hexdigest()
    assert OOF["model_sha256"] == shipped, "the model changed since the last `benchmarks/accuracy.py --cv` run"


@pytest.mark.parametrize("scope", sorted(BASELINE["out_of_fold"]))
def test_out_of_fold_not_below_pinned(scope: str) -> None:
    drops = {
        field: (OOF["out_of_fold"][scope][field], pinned)
        for field, pinned in BASELINE["out_of_fold"][scope].items()
        if OOF["out_of_fold"][scope][field] < pinned - BASELINE["tolerance"]
    }
    assert not drops, f"out-of-fold F1 fell below the pinned figures ({scope}): {drops}"

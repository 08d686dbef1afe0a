"""Fuzz run: the property tests of tests/fuzz with the large budgets, and the counts per property.

    .venv/bin/python benchmarks/fuzz.py            # HYPOTHESIS_PROFILE=fuzz pytest tests/fuzz

Budgets are in tests/fuzz/fuzzkit.py (10,000+ cases in all, 2,000 of them through spaCy).
Prints, per property, the cases run and whether it failed; exits non-zero on any failure.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        stats, junit = Path(tmp) / "stats.json", Path(tmp) / "junit.xml"
        env = {**os.environ, "HYPOTHESIS_PROFILE": "fuzz", "FUZZ_STATS": str(stats)}
        cmd = [sys.executable, "-m", "pytest", "tests/fuzz", "-q", "-p", "no:cacheprovider",
               f"--junitxml={junit}", "-k", "not hostile_regressions", *sys.argv[1:]]
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env=env, check=False)
        seconds = time.perf_counter() - start
        cases: dict[str, int] = json.loads(stats.read_text()) if stats.exists() else {}
        failed = {case.get("name", "") for case in ET.parse(junit).iter("testcase")
                  if case.find("failure") is not None or case.find("error") is not None} if junit.exists() else set()
    print(f"\n{'property':<32} {'cases':>7}  result")
    for name, n in sorted(cases.items()):
        test = {"reader_bytes": "test_random_bytes", "reader_text": "test_text_and_markdown", "reader_html": "test_html",
                "reader_feed": "test_feeds", "reader_jsonl": "test_jsonl", "strip_markdown": "test_strip_markdown",
                "split_units": "test_split_units", "extract": "test_extract"}[name.split("[")[0]]
        bad = any(f.startswith(test) and (("[" not in name) or name[name.index("["):] in f) for f in failed)
        print(f"{name:<32} {n:>7}  {'FAILED' if bad else 'ok'}")
    print(f"{'total':<32} {sum(cases.values()):>7}  in {seconds:.0f} s, {len(failed)} failing properties")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())

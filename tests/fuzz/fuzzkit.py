"""Budgets and counters shared by the property tests in tests/fuzz.

The default suite runs each property on a few dozen cases; `HYPOTHESIS_PROFILE=fuzz`
(benchmarks/fuzz.py) runs the budgets below, 10,000+ cases in all, and FUZZ_STATS=file
makes the session write how many cases each property actually ran.
"""

from __future__ import annotations

import os
from collections import Counter

#: Cases per property in the fuzz run; the spaCy-bound extract property gets 2,000 (~100 cases/s).
FUZZ_BUDGET: dict[str, int] = {
    "reader_bytes": 600,  # per format: text, markdown, html, rss, jsonl
    "reader_text": 600,
    "reader_html": 500,
    "reader_feed": 500,
    "reader_jsonl": 600,
    "strip_markdown": 1000,
    "split_units": 2000,
    "extract": 2000,
}
SMALL_BUDGET: dict[str, int] = {name: 60 for name in FUZZ_BUDGET} | {"extract": 25, "reader_bytes": 40}

#: How many cases each property ran in this session.
CASES: Counter[str] = Counter()


def fuzzing() -> bool:
    return os.environ.get("HYPOTHESIS_PROFILE") == "fuzz"


def examples(name: str) -> int:
    """max_examples for the property `name` under the current profile."""
    return (FUZZ_BUDGET if fuzzing() else SMALL_BUDGET)[name]


def tally(name: str) -> None:
    CASES[name] += 1

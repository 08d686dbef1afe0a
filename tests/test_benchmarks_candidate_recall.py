"""benchmarks/candidate_recall.py sorts each gold event by why the learned coder can or cannot reach it.

Why tested: the ceiling it prints steers which recall work is done; a gold event put in the
wrong class would send that work to the wrong place. On an article written for this test.
"""

from __future__ import annotations

import pytest

import benchmark_module
from powderkeg.extract import training
from powderkeg.pipeline import Pipeline

cr = benchmark_module.load("candidate_recall")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(coder="rules")

TEXT = ("Chile accused Peru of blocking the river talks on Monday. "
        "Separately, Bolivia and Paraguay signed a rail agreement in Asuncion.")


def _event(source: str, target: str, etype: str, quote: str) -> dict[str, object]:
    return {"source": source, "target": target, "type": etype, "negated": False, "status": "reported", "quote": quote}


@pytest.mark.parametrize(
    ("event", "cls"),
    [
        (_event("CHL", "PER", "ACCUSE", "Chile accused Peru"), cr.IN_REACH),
        # the pair is scored for every type (the rules coded it), but no word of the sentence is an attack
        (_event("CHL", "PER", "ASSAULT", "Chile accused Peru"), cr.NOT_CITABLE),
        # Norway is named nowhere
        (_event("NOR", "PER", "ACCUSE", "Chile accused Peru"), "actor not found"),
        # the two parties never share a sentence, and the quote's sentence names only one of them
        (_event("CHL", "PRY", "AGREE", "Bolivia and Paraguay signed a rail agreement"), "party outside the sentence"),
    ],
)
def test_classes(pipeline: Pipeline, event: dict[str, object], cls: str) -> None:
    gold = {"id": "test-1", "title": "", "published": "2024-03-04", "text": TEXT, "gold": {"events": [event]}}
    parsed = training.parse_all(pipeline, [gold])
    rows, n_keys = cr.article_rows(pipeline, parsed[0], "test", ("ACCUSE", "AGREE", "ASSAULT"))
    assert n_keys > 0
    assert [r.cls for r in rows] == [cls], rows

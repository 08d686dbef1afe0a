"""Shared fixtures for the extractor tests: one Pipeline (and spaCy model) per session."""

from __future__ import annotations

import pytest

from powderkeg.models import Article, Extraction
from powderkeg.pipeline import Pipeline
from powderkeg.readers import article_id


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The hand-written rules alone: these tests pin the rules' own constructions. The default (learned)
    coder keeps every rules event and adds what its model scores high: tests/extract/test_coder_model.py."""
    return Pipeline(coder="rules")


@pytest.fixture(scope="session")
def run_text(pipeline: Pipeline):
    """Extract one text written for the test."""
    cache: dict[str, Extraction] = {}

    def run(text: str) -> Extraction:
        if text not in cache:
            art = Article(id=article_id(text), text=text)
            cache[text] = next(iter(pipeline.run([art])))
        return cache[text]

    return run

"""Quotes: placeholder wired into the pipeline; the extractor is being written (issue 4)."""

from __future__ import annotations

from collections.abc import Sequence

from powderkeg.extract.events import Unit
from powderkeg.extract.people import PersonTable
from powderkeg.models import Article, Event, Mention, Quote


def extract_quotes(
    article: Article, units: Sequence[Unit], mentions: Sequence[Mention], people: PersonTable,
    events: Sequence[Event],
) -> list[Quote]:
    """Direct and reported speech with speaker, actor and cue."""
    return []

"""Labels: placeholder wired into the pipeline; the extractor is being written (issue 4)."""

from __future__ import annotations

from collections.abc import Sequence

from powderkeg.extract.events import Unit
from powderkeg.extract.people import PersonTable
from powderkeg.models import Article, Event, Label, Mention


def extract_labels(
    article: Article, units: Sequence[Unit], mentions: Sequence[Mention], people: PersonTable,
    events: Sequence[Event],
) -> list[Label]:
    """Loaded or contested terms and the actor each describes."""
    return []

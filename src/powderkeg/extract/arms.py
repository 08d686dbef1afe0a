"""Arms: placeholder wired into the pipeline; the extractor is being written (issue 4)."""

from __future__ import annotations

from collections.abc import Sequence

from powderkeg.extract.events import Unit
from powderkeg.extract.people import PersonTable
from powderkeg.models import ArmsTransfer, Article, Event, Mention


def extract_arms(
    article: Article, units: Sequence[Unit], mentions: Sequence[Mention], people: PersonTable,
    events: Sequence[Event],
) -> list[ArmsTransfer]:
    """Weapon transfers: supplier, recipient, system, quantity, value, status."""
    return []

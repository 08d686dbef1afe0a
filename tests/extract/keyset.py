"""An event as the shared scorer counts it, (source, target, type, negated): what the event tests compare."""

from __future__ import annotations

from powderkeg.models import Extraction

Key = tuple[str, str, str, bool]


def keys(ex: Extraction) -> set[Key]:
    """The extraction's events as scorer keys (status, evidence and dates left out)."""
    return {(e.source, e.target, e.type, e.negated) for e in ex.events}

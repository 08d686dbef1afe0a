"""The knowledge base's rows of one extraction, built where the extraction is made.

Why a module of its own, outside `store/` (issue 17: the writer's CPU): an ingest has one
writing process and several extracting ones, so whatever a write needs that does not depend
on the store (the copy fingerprint above all: shingles, MinHash, band keys; event ids; one
tuple per row) is built by the workers, beside the extraction, and the writer only inserts.
The store package imports DuckDB, which the workers never need; this module does not. The
tuples follow the column order of `store.schema._TABLES`; the two rows stamped with the time
of the write (the article's and its report's) are made by the writer (`store.write`).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import date
from typing import Any

from powderkeg import copies
from powderkeg.models import Article, Event, Extraction

logger = logging.getLogger(__name__)

#: The tables whose rows an extraction fills alone (the article's row and its report are stamped at the write).
CHILD_TABLES = ("copy_bands", "article_actors", "mentions", "people", "events", "arms", "quotes", "labels")


@dataclass(frozen=True)
class ArticleRows:
    """One extraction as the store's rows: what a worker sends the writer instead of the Extraction."""

    article: Article
    published: date | None  # the article's day (iso_date), copied into its rows
    n_words: int
    wire: str | None  # the news agency the text credits (copies.wire_credit)
    children: dict[str, list[tuple[Any, ...]]]  # CHILD_TABLES -> rows, in `_TABLES` column order
    n_events: int  # events extracted (an exact duplicate, dropped from the rows, still counted)


def event_id(article_id: str, event: Event) -> str:
    """Deterministic event id, so re-ingesting an article gives its events the same ids."""
    key = "|".join(
        (article_id, event.source, event.target, event.type, str(event.negated), str(event.start))
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def iso_date(value: str | None, article_id: str) -> date | None:
    """The published day as a date, or None (with a warning) when it is not ISO."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        logger.warning("article %s: published date %r is not ISO; stored as NULL", article_id, value)
        return None


def article_rows(x: Extraction) -> ArticleRows:
    """The rows of one extraction for every table but `articles` and `reports` (stamped by the writer)."""
    art = x.article
    aid = art.id
    mark = copies.fingerprint(art.text)
    published = iso_date(art.published, aid)
    events: list[tuple[Any, ...]] = []
    seen: set[str] = set()
    for i, e in enumerate(x.events):
        eid = event_id(aid, e)
        if eid in seen:
            logger.debug("article %s: duplicate event %s %s->%s dropped", aid, e.type, e.source, e.target)
            continue
        seen.add(eid)
        events.append((
            eid, aid, e.source, e.target, e.type, e.negated, e.status, e.evidence, e.start, e.end,
            e.trigger, e.source_text, e.target_text, e.rule, e.attributed_to, e.disputed_by, e.dispute_evidence,
            e.date, e.date_source, i, published,
        ))
    children: dict[str, list[tuple[Any, ...]]] = {
        "copy_bands": [(aid, band, key) for band, key in enumerate(mark.bands)],
        "article_actors": [(aid, code, i) for i, code in enumerate(x.actors)],
        "mentions": [(aid, m.start, m.end, m.text, m.code, m.kind, m.role, i) for i, m in enumerate(x.mentions)],
        "people": [(aid, p.name, p.actor, p.role, p.start, p.end, i) for i, p in enumerate(x.people)],
        "events": events,
        "arms": [
            (aid, a.supplier, a.recipient, a.system, a.status, a.evidence, a.start, a.end, a.quantity,
             a.value_usd, a.weapon_class, a.attributed_to, a.disputed_by, a.dispute_evidence, a.written, a.package, i,
             published)
            for i, a in enumerate(x.arms)
        ],
        "quotes": [(aid, q.speaker, q.actor, q.cue, q.text, q.kind, q.start, q.end, i, published)
                   for i, q in enumerate(x.quotes)],
        "labels": [(aid, lab.target, lab.term, lab.evidence, lab.start, lab.end, i, published)
                   for i, lab in enumerate(x.labels)],
    }
    return ArticleRows(article=art, published=published, n_words=len(art.text.split()), wire=mark.wire,
                       children=children, n_events=len(x.events))

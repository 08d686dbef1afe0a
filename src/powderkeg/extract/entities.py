"""A parsed paragraph's named entities as plain data, read once per doc.

Why: `Doc.ents` builds a Span (and Tokens for its offsets) for every entity of the doc on each call, and the
people table, `build_unit` and the date finders each asked again, five times a paragraph (issue 17). The
entities are held as numbers and strings only, in a weak per-doc table: a held Span refers to its doc, so
holding Spans would keep every doc of an ingest alive.
"""

from __future__ import annotations

from typing import NamedTuple
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span


class Ent(NamedTuple):
    """One entity of `Doc.ents`: its token range, label and text, without the doc."""

    start: int
    end: int
    label: str
    start_char: int
    end_char: int
    text: str


_ENTS: WeakKeyDictionary[Doc, tuple[Ent, ...]] = WeakKeyDictionary()


def doc_ents(doc: Doc) -> tuple[Ent, ...]:
    """`doc.ents` in order, as `Ent`s, read once per doc while it lives."""
    found = _ENTS.get(doc)
    if found is None:
        found = _ENTS[doc] = tuple(Ent(e.start, e.end, e.label_, e.start_char, e.end_char, e.text) for e in doc.ents)
    return found


def span_ents(span: Span) -> list[Ent]:
    """`span.ents` as `Ent`s: the doc's entities that fall wholly within the span (spaCy's own walk, which
    stops at the first entity that starts inside the span and ends past it)."""
    out: list[Ent] = []
    for ent in doc_ents(span.doc):
        if ent.start >= span.start:
            if ent.end <= span.end:
                out.append(ent)
            else:
                break
    return out


def as_span(doc: Doc, ent: Ent) -> Span:
    """The entity's Span, as `doc.ents` gives it (its label; NER sets no knowledge-base or span id)."""
    return Span(doc, ent.start, ent.end, label=ent.label)

"""A doc's named entities, found once per doc (issue 17).

Why: `Doc.ents` builds every entity Span anew on each call (and `Span.ents` calls it), and the
people table, the coder's units and the date finder each ask again for the same paragraph.
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span

_ENTS: WeakKeyDictionary[Doc, tuple[Span, ...]] = WeakKeyDictionary()


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """`doc.ents`, held while the doc lives (the pipeline never sets a doc's entities after the parse)."""
    found = _ENTS.get(doc)
    if found is None:
        found = _ENTS[doc] = tuple(doc.ents)
    return found


def span_ents(span: Span) -> list[Span]:
    """`span.ents` from the doc's held entities: those wholly inside the span, as spaCy selects them."""
    out: list[Span] = []
    for ent in doc_ents(span.doc):
        if ent.start >= span.start:
            if ent.end <= span.end:
                out.append(ent)
            else:
                break
    return out

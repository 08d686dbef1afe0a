"""A parsed paragraph's named entities as plain data, read once per doc.

Why: `Doc.ents` builds a Span (and Tokens for its offsets) for every entity of the doc on each call, and the
people table, `build_unit` and the date finders each asked again, five times a paragraph (issue 17). The
entities are held as numbers and strings only, in a weak per-doc table: a held Span refers to its doc, so
holding Spans would keep every doc of an ingest alive.
"""

from __future__ import annotations

from typing import NamedTuple
from weakref import WeakKeyDictionary

from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, LENGTH, ORTH, SPACY
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
_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()
_OFFSETS: WeakKeyDictionary[Doc, tuple[list[int], list[int], list[int]]] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per doc from its arrays (`Doc.text` builds every Token on each call)."""
    found = _TEXTS.get(doc)
    if found is None:
        strings = doc.vocab.strings
        found = _TEXTS[doc] = "".join(strings[orth] + " " if space else strings[orth]
                                      for orth, space in doc.to_array([ORTH, SPACY]).tolist())
    return found


def token_offsets(doc: Doc) -> tuple[list[int], list[int], list[int]]:
    """Each token's first char (`tok.idx`), the char after its text (`tok.idx + len(tok)`) and the char after
    its trailing space (`tok.idx + len(tok.text_with_ws)`), read once per doc."""
    found = _OFFSETS.get(doc)
    if found is None:
        idx, length, space = doc.to_array([IDX, LENGTH, SPACY]).T.tolist() if len(doc) else ([], [], [])
        ends = [i + n for i, n in zip(idx, length, strict=True)]
        found = _OFFSETS[doc] = (idx, ends, [e + s for e, s in zip(ends, space, strict=True)])
    return found


def doc_ents(doc: Doc) -> tuple[Ent, ...]:
    """`doc.ents` in order, as `Ent`s, read once per doc while it lives.

    Read from the ENT_IOB and ENT_TYPE arrays by spaCy's own walk (`Doc.ents`): a B or an O closes the
    open entity, a B opens one, a B without a type counts as an O, and entities without a label are dropped.
    """
    found = _ENTS.get(doc)
    if found is None:
        spans: list[tuple[int, int, int]] = []
        start, label = -1, 0
        rows = doc.to_array([ENT_IOB, ENT_TYPE]).tolist() if len(doc) else []
        for i, (iob, etype) in enumerate(rows):
            if iob == 1:
                if start == -1:
                    raise ValueError(f"token {i} continues an entity that none begins (spaCy's E093)")
            elif iob in (0, 2) or (iob == 3 and etype == 0):
                if start != -1:
                    spans.append((start, i, label))
                start, label = -1, 0
            elif iob == 3:
                if start != -1:
                    spans.append((start, i, label))
                start, label = i, etype
        if start != -1:
            spans.append((start, len(rows), label))
        strings, text = doc.vocab.strings, doc_text(doc)
        starts, ends, _ = token_offsets(doc)
        found = _ENTS[doc] = tuple(Ent(s, e, strings[lab], starts[s], ends[e - 1], text[starts[s]:ends[e - 1]])
                                   for s, e, lab in spans if strings[lab] != "")
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

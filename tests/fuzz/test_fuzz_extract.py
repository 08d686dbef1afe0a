"""Property tests of the unit splitter and of `powderkeg.extract` on generated news text.

Sentences are built from real pieces (gazetteer names, people, trigger verbs, weapons,
quotes, numbers) with Unicode noise between them. Whatever the parse, every offset lies
inside the text, every evidence is the text it points at, and the output is JSON.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from functools import cache

import pytest
from fuzzkit import examples, tally
from hypothesis import given, settings
from hypothesis import strategies as st

import powderkeg
from powderkeg.lexicons import data_path
from powderkeg.pipeline import MAX_UNIT_CHARS, split_units
from powderkeg.readers.common import article_id

# --------------------------------------------------------------------------- splitter

UNIT_TEXT = st.lists(st.sampled_from([*"ab. \n\t\r\u00a0\u2028.", "Serbia", ". ", "\n\n"]), max_size=150).map("".join)


@settings(max_examples=examples("split_units"))
@given(st.one_of(UNIT_TEXT, st.text(max_size=200),
                 st.tuples(st.integers(3000, 9000), st.sampled_from(["a", "ab. ", "x ", "🇽🇰"])).map(lambda t: t[1] * (t[0] // len(t[1])))))
def test_split_units_slices_the_text(text: str) -> None:
    tally("split_units")
    units = split_units(text)
    end = 0
    for unit in units:
        assert unit.text and unit.text == unit.text.strip()
        assert unit.start >= 0 and unit.start + len(unit.text) <= len(text)
        assert text[unit.start: unit.start + len(unit.text)] == unit.text
        assert unit.start >= end, "units overlap or go backwards"
        assert len(unit.text) <= MAX_UNIT_CHARS
        assert text[end:unit.start].strip() == "" or "\n" in text[end:unit.start]
        end = unit.start + len(unit.text)
    covered = "".join(u.text for u in units)
    assert "".join(text.split()) == "".join(covered.split()), "a non-space character fell out of every unit"


# ----------------------------------------------------------------------------- extract


@cache
def _column(name: str, column: str, *, where: tuple[str, str] | None = None) -> tuple[str, ...]:
    with data_path(name).open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return tuple(sorted({r[column] for r in rows if r.get(column) and (where is None or r.get(where[0]) == where[1])}))


def _verb_forms(lemma: str) -> list[str]:
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    return [lemma + "s", stem + "ed", lemma]


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    actors = st.sampled_from(_column("actors.csv", "alias", where=("kind", "state"))
                             + _column("actors.csv", "alias", where=("kind", "capital")))
    people = st.sampled_from(_column("people.csv", "name"))
    verbs = st.sampled_from(_column("verbs.csv", "lemma")).flatmap(lambda v: st.sampled_from(_verb_forms(v)))
    weapons = st.sampled_from(_column("weapons.csv", "system"))
    cues = st.sampled_from(["said", "told reporters", "warned", "claimed", "denied", "added", "according to"])
    number = st.sampled_from(["two", "40", "1,200", "$3.5 billion", "€200 million", "dozens of", "12"])
    noise = st.sampled_from(["", "", "", " 🇽🇰", "\u200d", "\u202e", "\u0301", "\u00a0", " 👨‍👩‍👧‍👦", "\u2028", " —", " (AP)"])
    subject = draw(st.one_of(actors, people, actors.map(lambda a: f"the government of {a}")))
    body = f"{subject} {draw(verbs)} {draw(actors)}"
    shape = draw(st.integers(0, 4))
    if shape == 1:
        body += f" and {draw(st.sampled_from(['sent', 'delivered', 'supplied', 'sold']))} {draw(number)} {draw(weapons)} to {draw(actors)}"
    elif shape == 2:
        body = f"“{body}{draw(noise)},” {draw(people)} {draw(cues)}"
    elif shape == 3:
        body = f"{draw(people)} {draw(cues)} that {body} over the {draw(st.sampled_from(['border', 'sanctions', 'attack']))}"
    elif shape == 4:
        body += f" on {draw(st.sampled_from(['Monday', 'March 3', '2024-02-30']))}{draw(noise)}, calling it a {draw(st.sampled_from(['regime', 'terrorist group', 'puppet state', 'so-called republic']))}"
    return body + draw(noise) + draw(st.sampled_from([".", ".", "!", "?", "", "..."]))


@st.composite
def news_article(draw: st.DrawFn) -> str:
    sentences = draw(st.lists(news_sentence(), min_size=1, max_size=4))
    glue = st.sampled_from([" ", " ", "\n\n", "\n", "  "])
    text = sentences[0]
    for s in sentences[1:]:
        text += draw(glue) + s
    if draw(st.integers(0, 5)) == 0:
        text = draw(st.text(max_size=30)) + " " + text  # raw unicode noise in front
    return text


def _check_span(text: str, start: int, end: int, evidence: str | None = None) -> None:
    assert 0 <= start <= end <= len(text), (start, end, len(text))
    if evidence is not None:
        assert text[start:end] == evidence


@pytest.mark.slow
@settings(max_examples=examples("extract"))
@given(news_article())
def test_extract_offsets_and_json(text: str) -> None:
    tally("extract")
    [ex] = list(powderkeg.extract([text]))
    assert ex.article.text == text and ex.article.id == article_id(text)
    for m in ex.mentions:
        _check_span(text, m.start, m.end, m.text)
    for p in ex.people:
        assert (p.start, p.end) == (-1, -1) or 0 <= p.start <= p.end <= len(text)
    for e in ex.events:
        _check_span(text, e.start, e.end, e.evidence)
        assert e.dispute_evidence is None or e.dispute_evidence in text
    for a in ex.arms:
        _check_span(text, a.start, a.end, a.evidence)
        assert a.dispute_evidence is None or a.dispute_evidence in text
    for q in ex.quotes:
        _check_span(text, q.start, q.end, q.text)
    for lab in ex.labels:
        _check_span(text, lab.start, lab.end, lab.evidence)
    json.dumps(asdict(ex), ensure_ascii=False).encode("utf-8")
    json.dumps(ex.to_contract(), ensure_ascii=False).encode("utf-8")

"""The store's rows of one extraction (powderkeg/rows.py), built in an ingest's workers instead of its writer."""

from __future__ import annotations

import pickle
from datetime import date

import pytest

from powderkeg import copies
from powderkeg.models import Article, Event, Extraction, Label, Mention, Quote
from powderkeg.rows import CHILD_TABLES, article_rows, event_id
from powderkeg.store.schema import _TABLES

LONG = (
    "BELGRADE (Reuters) - Serbia recalled its ambassador from Montenegro on Tuesday after the government in "
    "Podgorica expelled two Serbian diplomats, the foreign ministry said in a statement. Officials in both "
    "capitals said talks on the border crossings would resume next month, but neither side named a date. "
    "The European Union urged both governments to lower their voices and return to the table."
)
SHORT = "Serbia recalled its ambassador."


def _event(start: int, *, type_: str = "REDUCE") -> Event:
    return Event(source="SRB", target="MNE", type=type_, negated=False, status="asserted",
                 evidence=LONG[:120], start=start, end=start + 120, trigger="recalled")


def _extraction(text: str, *, published: str | None = "2025-04-08T10:00:00Z") -> Extraction:
    article = Article(id=f"id-{len(text)}", text=text, title="Envoy recalled", outlet="Balkan Wire",
                      published=published)
    twice = _event(0)
    return Extraction(
        article=article, actors=("SRB", "MNE"),
        mentions=(Mention(start=20, end=26, text="Serbia", code="SRB", kind="state"),),
        events=(twice, _event(200, type_="ACCUSE"), twice),  # the same event twice: one row, three counted
        quotes=(Quote(speaker="foreign ministry", actor="SRB", cue="said", text="talks would resume",
                      kind="indirect", start=130, end=160),),
        labels=(Label(target="MNE", term="regime", evidence=LONG[:40], start=0, end=40),),
    )


def test_an_extractions_rows_follow_the_store_columns_and_carry_its_day() -> None:
    rows = article_rows(_extraction(LONG))
    assert set(rows.children) == set(CHILD_TABLES)
    for table, table_rows in rows.children.items():
        assert all(len(r) == len(_TABLES[table]) for r in table_rows), table
    assert rows.published == date(2025, 4, 8)
    for table in ("events", "quotes", "labels"):
        assert {r[-1] for r in rows.children[table]} == {date(2025, 4, 8)}
    assert [r[0] for r in rows.children["events"]] == [event_id("id-" + str(len(LONG)), e) for e in
                                                       (_event(0), _event(200, type_="ACCUSE"))]
    assert rows.n_events == 3
    assert rows.wire == "Reuters" and rows.n_words == len(LONG.split())


@pytest.mark.parametrize(("text", "n_bands"), [(LONG, copies.BANDS), (SHORT, 0)])
def test_the_copy_bands_are_the_fingerprints_and_none_for_a_text_too_short(text: str, n_bands: int) -> None:
    rows = article_rows(_extraction(text))
    assert [r[2] for r in rows.children["copy_bands"]] == list(copies.fingerprint(text).bands)
    assert len(rows.children["copy_bands"]) == n_bands


def test_an_unreadable_day_is_stored_as_none_and_the_rows_survive_the_trip_from_a_worker() -> None:
    rows = article_rows(_extraction(LONG, published="last Tuesday"))
    assert rows.published is None and rows.children["events"][0][-1] is None
    assert pickle.loads(pickle.dumps(rows)) == rows

"""Event dates (issue 16): the date a sentence states for its act, resolved against publication."""

from __future__ import annotations

from datetime import date

import pytest

import powderkeg
from powderkeg.extract.dates import resolve
from powderkeg.models import Article
from powderkeg.readers.common import article_id

PUBLISHED = date(2024, 3, 14)  # a Thursday


@pytest.mark.parametrize(("phrase", "forward", "expected"), [
    ("June 10, 1999", False, "1999-06-10"),
    ("10 June 1999", False, "1999-06-10"),
    ("2023-09-24", False, "2023-09-24"),
    ("September 2023", False, "2023-09"),
    ("1999", False, "1999"),
    ("the 1998-1999", False, "1998"),
    ("March 3", False, "2024-03-03"),
    ("December 12", False, "2023-12-12"),  # a December date named in March is last December's
    ("December 12", True, "2024-12-12"),  # ... unless it is planned
    ("March 20", True, "2024-03-20"),
    ("in May", False, "2023-05"),
    ("Tuesday", False, "2024-03-12"),
    ("Thursday", False, "2024-03-14"),  # the day of publication
    ("last Thursday", False, "2024-03-07"),
    ("Monday", True, "2024-03-18"),  # a planned act's Monday is the next one
    ("yesterday", False, "2024-03-13"),
    ("this morning", False, "2024-03-14"),
    ("last month", False, "2024-02"),
    ("earlier this month", False, "2024-03"),
    ("next month", True, "2024-04"),
    ("last year", False, "2023"),
    ("this year", False, "2024"),
    ("three days ago", False, "2024-03-11"),
    ("two months ago", False, "2024-01"),
    ("February 30, 2024", False, "2024-02"),  # no such day: the month is still right
])
def test_phrases_resolve_against_the_publication_date(phrase: str, forward: bool, expected: str) -> None:
    when = resolve(phrase, PUBLISHED, forward=forward)
    assert when is not None and when.iso == expected


@pytest.mark.parametrize("phrase", ["three years", "decades", "the 1990s", "recent weeks", "a long time"])
def test_durations_and_decades_are_no_date(phrase: str) -> None:
    assert resolve(phrase, PUBLISHED) is None


def test_relative_phrases_need_a_publication_date() -> None:
    assert resolve("last month", None) is None
    assert resolve("in 2008", None) is not None and resolve("in 2008", None).iso == "2008"  # type: ignore[union-attr]


def _dated(text: str, published: str | None = "2024-03-14") -> list[tuple[str, str, str, str | None, str | None]]:
    (got,) = powderkeg.extract([Article(id=article_id(text), text=text, published=published)])
    return [(e.source, e.target, e.type, e.date, e.date_source) for e in got.events]


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # the act's own date, however far back
    ("NATO bombed Serbia in 1999, and Belgrade has not forgotten it.",
     ("NATO", "SRB", "ASSAULT", "1999", "text")),
    ("On Tuesday, Serbia accused Kosovo of provoking violence in the north.",
     ("SRB", "XKX", "ACCUSE", "2024-03-12", "text")),
    ("Greece accused Turkey last month of violating its airspace.",
     ("GRC", "TUR", "ACCUSE", "2024-02", "text")),
    # a date that describes something else in the sentence is not the act's
    ("The United States reaffirmed its support for Guyana and the 1899 border award.",
     ("USA", "GUY", "SUPPORT", "2024-03-14", "published")),
    # no date stated: the publication date, marked as such
    ("Serbia accused Kosovo of provoking violence in the north.",
     ("SRB", "XKX", "ACCUSE", "2024-03-14", "published")),
])
def test_events_carry_the_date_their_sentence_states(text: str, expected: tuple[str, ...]) -> None:
    assert expected in _dated(text)


@pytest.mark.slow
def test_an_undated_article_leaves_undated_events_undated() -> None:
    assert ("SRB", "XKX", "ACCUSE", None, None) in _dated("Serbia accused Kosovo of provoking violence.", None)


@pytest.mark.slow
@pytest.mark.parametrize(("text", "expected"), [
    # a caption's full date is what an undated article is read against: "on Monday" counts from it
    ("Protesters block a road near the border crossing, Tuesday, Oct. 14, 2025. (Photo: wire)\n\n"
     "Greece accused Turkey on Monday of violating its airspace over the Aegean.",
     ("GRC", "TUR", "ACCUSE", "2025-10-13", "text")),
    # no date in the sentence: the undated article's first full date
    ("ATHENS, March 3, 2025 - Greece accused Turkey of violating its airspace over the Aegean.",
     ("GRC", "TUR", "ACCUSE", "2025-03-03", "text")),
    # a narrative paragraph: the acts after a stated date happened then
    ("In April 2016, a Serbian train painted with nationalist slogans was stopped at the boundary. "
     "When Pristina objected, Serbia accused Kosovo of seeking war.",
     ("SRB", "XKX", "ACCUSE", "2016-04", "text")),
])
def test_an_undated_article_is_read_against_the_dates_its_text_gives(text: str, expected: tuple[str, ...]) -> None:
    assert expected in _dated(text, None)


@pytest.mark.slow
def test_a_dated_article_does_not_carry_a_paragraphs_earlier_date_onto_the_next_act() -> None:
    text = ("In April 2016, a Serbian train painted with nationalist slogans was stopped at the boundary. "
            "Serbia accused Kosovo of seeking war.")
    assert ("SRB", "XKX", "ACCUSE", "2024-03-14", "published") in _dated(text)


def test_the_anchor_of_an_undated_article_may_come_from_an_unparsed_caption() -> None:
    from powderkeg.extract.dates import text_anchor

    caption = "Leaders pose at the summit in Vilnius, Jul 11, 2024. (Photo: agency)\n\nOfficials said on Sunday ..."
    assert text_anchor([], caption) is not None and text_anchor([], caption).iso == "2024-07-11"  # type: ignore[union-attr]
    assert text_anchor([], "Officials met in May 2022 and again last week.") is None  # no full date: no anchor


@pytest.mark.parametrize("phrase", [
    "The envoys met on 2023-11-04 in Doha.", "Talks resumed on March 3, 2021, in Vienna.",
    "The truce of 14th of February 2019 collapsed.", "Troops withdrew on 9 Sept. 2020.",
])
def test_a_full_date_holds_a_year_so_a_text_without_one_is_not_searched(phrase: str) -> None:
    """`text_anchor` skips the full-date patterns when the text has no year: every match of them holds one."""
    from powderkeg.extract.dates import _PATTERNS, _YEAR_IN, text_anchor

    matches = [m.group() for _, pattern in _PATTERNS[:3] for m in pattern.finditer(phrase)]
    assert matches and all(_YEAR_IN.search(m) for m in matches)
    assert text_anchor([], phrase) is not None
    assert text_anchor([], _YEAR_IN.sub("", phrase)) is None

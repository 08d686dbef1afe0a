"""Highlight segmentation and chart layout, without a server."""

from __future__ import annotations

import pytest

from powderkeg.store import Facet
from powderkeg.web.render import (
    Span,
    cell,
    chips,
    excerpt,
    facet_views,
    find_term,
    listing,
    segments,
    timeline_chart,
)

TEXT = "Serbia accused Kosovo of provocations. The EU called for calm. Nothing else happened."


def test_segments_cover_the_text_exactly_once() -> None:
    spans = [Span(0, 38, "event", "event-a"), Span(0, 6, "actor", "actor-0"), Span(15, 21, "actor", "actor-1"),
             Span(39, 62, "quote", "quote-0")]
    parts = segments(TEXT, spans)
    assert "".join(p.text for p in parts) == TEXT
    assert [p.offset for p in parts] == sorted(p.offset for p in parts)
    first = parts[0]
    assert first.text == "Serbia" and first.kind == "event" and set(first.facts) == {"event-a", "actor-0"}
    assert set(first.starts) == {"event-a", "actor-0"}
    kosovo = next(p for p in parts if p.text == "Kosovo")
    assert kosovo.facts == ["event-a", "actor-1"] and kosovo.starts == ["actor-1"]
    assert parts[-1].text == " Nothing else happened." and parts[-1].kind is None and not parts[-1].facts


@pytest.mark.parametrize("span", [Span(-1, 4, "event", "x"), Span(5, 5, "event", "x"), Span(80, 200, "event", "x")])
def test_stale_or_empty_offsets_are_ignored(span: Span) -> None:
    parts = segments(TEXT, [span])
    assert [(p.text, p.facts) for p in parts] == [(TEXT, [])]


def test_arms_outranks_event_when_both_cover_a_sentence() -> None:
    parts = segments(TEXT, [Span(0, 38, "event", "e"), Span(0, 38, "arms", "a")])
    assert parts[0].kind == "arms" and parts[0].kinds == ["arms", "event"]


@pytest.mark.parametrize(("term", "expected"), [
    ("the EU", (39, 45)),          # case-insensitive, inside the sentence
    ("breakaway region", (39, 62)),  # absent: the whole evidence range
])
def test_find_term(term: str, expected: tuple[int, int]) -> None:
    assert find_term(TEXT, term, 39, 62) == expected


def test_timeline_chart_stacks_types_and_keeps_quiet_months() -> None:
    rows = [("2025-01", "ACCUSE", 3), ("2025-01", "AGREE", 1), ("2025-04", "ACCUSE", 2)]
    chart = timeline_chart(rows, width=400, height=200)
    months = sorted({b.month for b in chart.bars})
    assert months == ["2025-01", "2025-04"]
    assert [m for _, m in chart.ticks] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert chart.y_max == 4
    january = [b for b in chart.bars if b.month == "2025-01"]
    assert sum(b.height for b in january) == pytest.approx(200 - 24 - 8)  # the tallest bar fills the plot
    assert {t for t, _, _ in chart.legend} == {"ACCUSE", "AGREE"}
    assert dict((t, n) for t, _, n in chart.legend) == {"AGREE": 1, "ACCUSE": 5}


def test_timeline_chart_of_nothing_is_empty() -> None:
    assert timeline_chart([]).empty


@pytest.mark.parametrize(("offset", "total", "shown", "prev", "nxt"), [
    (0, 107, 50, None, "/events?type=ACCUSE&offset=50"),
    (30, 107, 50, "/events?type=ACCUSE", "/events?type=ACCUSE&offset=80"),  # never offset=-20
    (50, 107, 50, "/events?type=ACCUSE", "/events?type=ACCUSE&offset=100"),
    (100, 107, 7, "/events?type=ACCUSE&offset=50", None),
    (5000, 107, 0, "/events?type=ACCUSE&offset=100", None),  # past the end: back to the last page
    (40, 0, 0, "/events?type=ACCUSE", None),
])
def test_listing_links(offset: int, total: int, shown: int, prev: str | None, nxt: str | None) -> None:
    page = listing("/events", {"type": "ACCUSE", "offset": offset, "actor": None}, offset=offset, page=50,
                   total=total, shown=shown, api="/api/events", download_limit=100)
    assert (page.prev_url, page.next_url) == (prev, nxt)
    assert page.first_url == "/events?type=ACCUSE"
    assert page.past_end == (shown == 0 and offset > 0)
    assert page.truncated == (total > 100)
    assert page.csv_url == "/api/events?type=ACCUSE&format=csv&limit=100"


def test_facet_links_add_to_the_filters_and_mark_the_selected() -> None:
    facets = [Facet("type", [("ACCUSE", 5), ("REJECT", 3)]), Facet("year", [("2025", 8), (None, 2)]),
              Facet("class", [("drone", 2)], truncated=True)]
    views = facet_views("/events", {"type": "ACCUSE", "offset": 50, "sort": "type"}, facets)
    accuse, reject = views[0].items
    assert accuse.selected and accuse.url is None
    assert reject.url == "/events?type=ACCUSE%2CREJECT&sort=type"
    year, undated = views[1].items
    assert year.url == "/events?type=ACCUSE&sort=type&since=2025&until=2025"
    assert (undated.label, undated.n, undated.url) == ("undated", 2, None)
    assert views[2].items[0].url == "/events?type=ACCUSE&sort=type&system=drone" and views[2].truncated


def test_chips_remove_one_filter_each() -> None:
    found = chips("/events", {"type": "ACCUSE,REJECT", "q": "Vučić", "sort": "type", "offset": 50}, {"q": "text"})
    assert [(c.name, c.value, c.remove_url) for c in found] == [
        ("type", "ACCUSE", "/events?type=REJECT&q=Vu%C4%8Di%C4%87&sort=type"),
        ("type", "REJECT", "/events?type=ACCUSE&q=Vu%C4%8Di%C4%87&sort=type"),
        ("text", "Vučić", "/events?type=ACCUSE%2CREJECT&sort=type"),
    ]


def test_excerpt_marks_the_evidence_and_its_words_inside_its_paragraph() -> None:
    text = "Headline here.\n\n" + TEXT + "\nNext paragraph."
    start = text.index("Serbia")
    cut = excerpt(text, start, start + 38, [("Serbia", "source"), ("accused", "trigger"), ("Kosovo", "target"),
                                            ("absent words", "source")])
    assert "".join(s.text for s in cut.segments) == TEXT
    assert cut.cut_before and cut.cut_after
    marked = {s.text: s.kinds for s in cut.segments if s.kinds}
    assert marked["Serbia"] == ["event", "source"] and marked["accused"] == ["event", "trigger"]
    assert marked["Kosovo"] == ["event", "target"]
    assert "".join(s.text for s in cut.segments if "event" in s.kinds) == TEXT[:38]


@pytest.mark.parametrize(("value", "shown"), [(None, ""), (3, "3"), ("x" * 301, "x" * 300 + "…"), ("ok", "ok")])
def test_sql_cells(value: object, shown: str) -> None:
    assert cell(value) == shown

"""Highlight segmentation and chart layout, without a server."""

from __future__ import annotations

import pytest

from powderkeg.web.render import Span, find_term, segments, timeline_chart

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

"""Pure helpers the pages use: article text cut into highlight segments, and chart geometry.

Kept apart from the routes so they can be tested without a server. Nothing here
builds HTML: templates do, with Jinja's autoescaping, so article text can never
become markup.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

#: Highlight kinds, most prominent first: a segment covered by several takes the first one's colour.
KINDS: tuple[str, ...] = ("arms", "event", "quote", "label", "actor")

#: One colour per PLOVER type, for charts and badges (stable, so a type keeps its colour on every page).
TYPE_COLOURS: dict[str, str] = {
    "AGREE": "#4e79a7", "CONSULT": "#76b7b2", "SUPPORT": "#59a14f", "CONCEDE": "#8cd17d",
    "COOPERATE": "#a0cbe8", "AID": "#b6992d", "RETREAT": "#f1ce63", "REQUEST": "#9d7660",
    "ACCUSE": "#e15759", "REJECT": "#ff9d9a", "THREATEN": "#f28e2b", "PROTEST": "#ffbe7d",
    "SANCTION": "#b07aa1", "MOBILIZE": "#d37295", "COERCE": "#fabfd2", "ASSAULT": "#79706e",
}
OTHER_COLOUR = "#bab0ac"


@dataclass(frozen=True)
class Span:
    """A fact's place in the article text: [start, end) with its kind and a page-unique id."""

    start: int
    end: int
    kind: str
    fact_id: str


@dataclass
class Segment:
    """A run of text covered by the same set of facts (possibly none)."""

    text: str
    offset: int = 0  # where it starts in the article text
    kinds: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    starts: list[str] = field(default_factory=list)  # facts whose span begins here (anchor targets)

    @property
    def kind(self) -> str | None:
        """The kind that colours this segment."""
        for kind in KINDS:
            if kind in self.kinds:
                return kind
        return None


def segments(text: str, spans: Iterable[Span]) -> list[Segment]:
    """Cut `text` at every span boundary; each piece lists the facts that cover it.

    Spans outside the text or empty are ignored, so a stale offset cannot break a page.
    """
    valid = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in valid), *(s.end for s in valid)})
    starting: dict[int, list[Span]] = defaultdict(list)
    for span in valid:
        starting[span.start].append(span)
    out: list[Segment] = []
    open_spans: list[Span] = []
    for left, right in pairwise(cuts):
        open_spans = [s for s in open_spans if s.end > left] + starting.get(left, [])
        covering = sorted(open_spans, key=lambda s: (KINDS.index(s.kind) if s.kind in KINDS else len(KINDS)))
        out.append(Segment(
            text=text[left:right],
            offset=left,
            kinds=sorted({s.kind for s in covering}, key=lambda k: KINDS.index(k) if k in KINDS else len(KINDS)),
            facts=[s.fact_id for s in covering],
            starts=[s.fact_id for s in starting.get(left, [])],
        ))
    return out


def find_term(text: str, term: str, start: int, end: int) -> tuple[int, int]:
    """Where `term` occurs (case-insensitively) inside text[start:end]; the whole range if it does not."""
    at = text.lower().find(term.lower(), max(start, 0), end) if term else -1
    return (at, at + len(term)) if at >= 0 else (start, end)


@dataclass(frozen=True)
class Bar:
    """One stacked piece of the events-over-time chart."""

    x: float
    y: float
    width: float
    height: float
    colour: str
    month: str
    type: str
    n: int


@dataclass(frozen=True)
class Chart:
    """Geometry of a stacked bar chart (events per month by type), drawn by a template as SVG."""

    width: int
    height: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # (x, month label) on the x axis
    y_max: int
    legend: list[tuple[str, str, int]]  # (type, colour, total)

    @property
    def empty(self) -> bool:
        return not self.bars


def timeline_chart(rows: Sequence[tuple[str, str, int]], *, width: int = 760, height: int = 220,
                   max_ticks: int = 12) -> Chart:
    """Lay out (month, type, n) rows as stacked bars, one bar per month from first to last."""
    if not rows:
        return Chart(width, height, [], [], 0, [])
    by_month: dict[str, dict[str, int]] = defaultdict(dict)
    totals: dict[str, int] = defaultdict(int)
    for month, kind, n in rows:
        by_month[month][kind] = by_month[month].get(kind, 0) + n
        totals[kind] += n
    months = _month_range(min(by_month), max(by_month))
    y_max = max(sum(v.values()) for v in by_month.values())
    left, bottom, top = 36.0, 24.0, 8.0
    plot_w, plot_h = width - left - 8.0, height - bottom - top
    step = plot_w / len(months)
    bar_w = max(step * 0.8, 1.0)
    order = [t for t in TYPE_COLOURS if t in totals] + sorted(t for t in totals if t not in TYPE_COLOURS)
    bars: list[Bar] = []
    for i, month in enumerate(months):
        y = top + plot_h
        for kind in order:
            n = by_month.get(month, {}).get(kind, 0)
            if not n:
                continue
            h = plot_h * n / y_max
            y -= h
            bars.append(Bar(left + i * step + (step - bar_w) / 2, y, bar_w, h,
                            TYPE_COLOURS.get(kind, OTHER_COLOUR), month, kind, n))
    every = max(1, -(-len(months) // max_ticks))
    ticks = [(left + i * step + step / 2, m) for i, m in enumerate(months) if i % every == 0]
    legend = [(t, TYPE_COLOURS.get(t, OTHER_COLOUR), totals[t]) for t in order]
    return Chart(width, height, bars, ticks, y_max, legend)


def _month_range(first: str, last: str) -> list[str]:
    """Every 'YYYY-MM' from first to last inclusive, so quiet months show as gaps."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out = []
    while (year, month) <= end:
        out.append(f"{year:04d}-{month:02d}")
        month += 1
        if month > 12:
            year, month = year + 1, 1
    return out

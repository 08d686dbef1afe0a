"""Pure helpers the pages use: article text cut into highlight segments, chart geometry, and the
paging, download and facet links of the list pages.

Kept apart from the routes so they can be tested without a server. Nothing here
builds HTML: templates do, with Jinja's autoescaping, so article text can never
become markup.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

if TYPE_CHECKING:
    from powderkeg.store import Facet

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

    @property
    def paths(self) -> list[tuple[str, str, str]]:
        """(type, colour, SVG path data) drawing every bar of a type as one path of vertical strokes.

        Why: one <rect> with its own <title> per bar made ten years of an actor's events 200 KB of SVG
        (issue 17: a page under 300 ms on a big store); a path per type and a hover target per month
        (`months`) draw and tell the same in a quarter of that."""
        by_type: dict[str, list[str]] = defaultdict(list)
        colours: dict[str, str] = {}
        for b in self.bars:
            by_type[b.type].append(f"M{b.x + b.width / 2:.1f} {b.y:.1f}v{b.height:.1f}")  # stroked as wide as a bar
            colours[b.type] = b.colour
        return [(t, colours[t], "".join(d)) for t, d in by_type.items()]

    @property
    def months(self) -> list[tuple[float, float, float, str]]:
        """(x, y, height, hover text) of each month's whole stack: "2025-03: 7 events (ACCUSE 5, AGREE 2)"."""
        stacks: dict[str, list[Bar]] = defaultdict(list)
        for b in self.bars:
            stacks[b.month].append(b)
        out = []
        for month, bars in stacks.items():
            top = min(b.y for b in bars)
            total = sum(b.n for b in bars)
            parts = ", ".join(f"{b.type} {b.n}" for b in sorted(bars, key=lambda b: (-b.n, b.type)))
            out.append((bars[0].x, top, sum(b.height for b in bars),
                        f"{month}: {total} event{'s' if total != 1 else ''} ({parts})"))
        return out


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


# --------------------------------------------------------------------------- #
# Lists: paging, downloads and facet links (the analyst's desk, issue 14 §5)
# --------------------------------------------------------------------------- #

#: Query keys that page or order a list rather than filter it.
NOT_FILTERS = frozenset({"offset", "sort", "order", "limit", "format"})


def url(path: str, query: Mapping[str, Any]) -> str:
    """`path` with the non-empty `query` values, so no link carries `actor=&type=`."""
    clean = {k: v for k, v in query.items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")


@dataclass(frozen=True)
class Listing:
    """The frame around one page of a list: the total, the rows shown, the neighbours and the downloads.

    A download takes at most `download_limit` rows; `truncated` says the selection is larger,
    so the page can say the file holds only the first rows.
    """

    total: int
    offset: int
    shown: int
    first_url: str
    prev_url: str | None
    next_url: str | None
    csv_url: str | None
    json_url: str | None
    download_limit: int

    @property
    def past_end(self) -> bool:
        """An offset beyond the last row: the page says so instead of "nothing matches"."""
        return self.shown == 0 and self.offset > 0

    @property
    def truncated(self) -> bool:
        return self.total > self.download_limit

    @property
    def first(self) -> int:
        return self.offset + 1

    @property
    def last(self) -> int:
        return self.offset + self.shown


def listing(path: str, query: Mapping[str, Any], *, offset: int, page: int, total: int, shown: int,
            api: str | None = None, download_limit: int = 10_000, after: str | None = None,
            max_offset: int | None = None) -> Listing:
    """Links for one page of `path`: Previous never goes below offset 0 (and from past the end it goes
    to the last page), Next only when rows remain; CSV/JSON links ask `api` for the whole selection.

    `after` (the last row's id) makes Next a keyset link (`after=` beside the offset it shows), so a deep
    page is read from its cursor, not by skipping every row before it (issue 17). Past `max_offset` (the most a
    page may skip) there is no Previous link, only the first page's (the pager shows it)."""
    keep = {k: v for k, v in query.items() if k not in ("offset", "after")}
    prev_url = None
    if offset > 0:
        before = offset - page if offset < total else ((total - 1) // page) * page if total else 0
        if max_offset is None or before <= max_offset:
            prev_url = url(path, {**keep, "offset": max(before, 0) or None})
    next_url = (url(path, {**keep, "after": after, "offset": offset + page})
                if offset + shown < total and shown else None)
    downloads = {k: v for k, v in keep.items() if k not in ("sort", "order") or api == "/api/events"}
    return Listing(
        total=total, offset=offset, shown=shown, first_url=url(path, keep), prev_url=prev_url, next_url=next_url,
        csv_url=url(api, {**downloads, "format": "csv", "limit": download_limit}) if api else None,
        json_url=url(api, {**downloads, "limit": download_limit}) if api else None,
        download_limit=download_limit,
    )


@dataclass(frozen=True)
class FacetItem:
    """One value of a facet: its count, and the link that adds it to the current filters (None when the
    value cannot be filtered on, such as "undated", or is already selected)."""

    label: str
    n: int
    url: str | None
    selected: bool = False


@dataclass(frozen=True)
class FacetView:
    name: str
    items: list[FacetItem]
    truncated: bool
    estimated: bool = False  # counted on a sample of a very large selection ("about")


@dataclass(frozen=True)
class Chip:
    """A filter in force, shown above a list with a link that removes it."""

    name: str
    value: str
    remove_url: str


#: Facet name -> the query key its values filter on ("year" sets since and until together).
FACET_KEYS: dict[str, str] = {
    "type": "type", "status": "status", "outlet": "outlet", "actor": "actor", "year": "year",
    "supplier": "supplier", "recipient": "recipient", "class": "system", "kind": "kind", "speaker": "speaker",
}
#: Keys that take several comma-separated values (a facet link adds to them).
MULTI_KEYS = frozenset({"type"})
_NONE_LABELS = {"year": "undated", "outlet": "no outlet", "actor": "no actor", "class": "no class"}


def _values(query: Mapping[str, Any], key: str) -> list[str]:
    raw = query.get(key)
    if not raw:
        return []
    return [v for v in str(raw).split(",") if v] if key in MULTI_KEYS else [str(raw)]


def facet_views(path: str, query: Mapping[str, Any], facets: Sequence[Facet]) -> list[FacetView]:
    """Each facet's values as links that add that filter to `query` (and go back to the first page)."""
    base = {k: v for k, v in query.items() if k != "offset"}
    out = []
    for facet in facets:
        key = FACET_KEYS.get(facet.name, facet.name)
        current = [v.lower() for v in _values(base, key)]
        items = []
        for value, n in facet.values:
            if value is None:
                items.append(FacetItem(_NONE_LABELS.get(facet.name, "none"), n, None))
                continue
            if key == "year":
                selected = base.get("since") == value and base.get("until") == value
                link = {**base, "since": value, "until": value}
            else:
                selected = value.lower() in current
                joined = ",".join([*_values(base, key), value]) if key in MULTI_KEYS else value
                link = {**base, key: joined}
            items.append(FacetItem(value, n, None if selected else url(path, link), selected))
        out.append(FacetView(facet.name, items, facet.truncated, facet.estimated))
    return out


def chips(path: str, query: Mapping[str, Any], names: Mapping[str, str] | None = None) -> list[Chip]:
    """The filters in `query`, each with a link to the same list without it (one chip per type value)."""
    base = {k: v for k, v in query.items() if k != "offset"}
    out = []
    for key, raw in base.items():
        if key in NOT_FILTERS or raw in (None, ""):
            continue
        label = (names or {}).get(key, key)
        if key in MULTI_KEYS:
            values = _values(base, key)
            for value in values:
                rest = ",".join(v for v in values if v != value)
                out.append(Chip(label, value, url(path, {**base, key: rest or None})))
        else:
            out.append(Chip(label, str(raw), url(path, {**base, key: None})))
    return out


@dataclass(frozen=True)
class Excerpt:
    """The stretch of article text around one fact, cut into segments for highlighting."""

    segments: list[Segment]
    cut_before: bool
    cut_after: bool


def excerpt(text: str, start: int, end: int, marks: Iterable[tuple[str, str]] = (), *,
            context: int = 320) -> Excerpt:
    """text[start:end] with its paragraph (at most `context` characters either side), the span marked
    as kind "event" and each (words, kind) of `marks` found inside it marked too (trigger, source, target)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    para_start = text.rfind("\n", 0, start) + 1
    left = max(para_start, start - context)
    if left > para_start:
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else left
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    right = min(para_end, end + context)
    if right < para_end:
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else right
    spans = [Span(start - left, end - left, "event", "evidence")]
    lowered = text.lower()
    for words, kind in marks:
        at = lowered.find(words.lower(), start, end) if words else -1
        if at >= 0:
            spans.append(Span(at - left, at - left + len(words), kind, kind))
    return Excerpt(segments(text[left:right], spans), left > 0, right < len(text))


def cell(value: Any, width: int = 300) -> str:
    """A SQL result value as page text: None as empty, long text cut at `width` characters."""
    if value is None:
        return ""
    shown = str(value)
    return shown if len(shown) <= width else shown[:width] + "…"

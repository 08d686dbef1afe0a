"""The read side: lists, counts, facets and lookups behind the CLI, the API and the web pages.

Each list takes its filters from a WHERE builder (where.py) that its count and
facets share.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, ClassVar

from powderkeg.errors import StoreError
from powderkeg.models import (
    ActorRecord,
    ArmsRecord,
    ArmsTransfer,
    Article,
    ArticleRecord,
    DisputeRecord,
    Event,
    EventRecord,
    Extraction,
    Failure,
    Label,
    LabelRecord,
    LabelUsage,
    Mention,
    Person,
    PersonRecord,
    Quote,
    QuoteRecord,
    Stance,
    StoreSummary,
)
from powderkeg.store import rollups
from powderkeg.store.schema import _PERSON_KEY, _TABLES, _q
from powderkeg.store.where import WhereMixin
from powderkeg.store.where import _check_date as _check_date_str

#: Columns the events table can be sorted by (`Store.events(sort=...)`), and the SQL each means.
EVENT_SORTS: dict[str, str] = {
    "published": "a.published", "source": "e.source", "target": "e.target", "type": "e.type",
    "status": "e.status", "outlet": "a.outlet", "title": "a.title",
}


#: Sorts served from the events table alone (its own columns and its copy of the publication day).
_OWN_SORTS: dict[str, str] = {
    "published": "e.published", "source": "e.source", "target": "e.target", "type": "e.type", "status": "e.status",
}


def _after(keys: list[tuple[str, bool]], cursor: list[Any], *, inclusive: bool = False) -> tuple[str, list[Any]]:
    """A WHERE condition true for rows after `cursor` in the order `keys` ((SQL, descending), NULLs last):
    lexicographic, as a keyset page needs (`inclusive` also keeps the cursor's own row)."""
    terms: list[str] = []
    params: list[Any] = []
    equal: list[str] = []
    equal_params: list[Any] = []
    for (key, desc), value in zip(keys, cursor, strict=True):
        if value is not None:  # NULLs sort last: after a value come the values beyond it, then NULL
            terms.append("(" + " AND ".join([*equal, f"({key} IS NULL OR {key} {'<' if desc else '>'} ?)"]) + ")")
            params += [*equal_params, value]
            equal.append(f"{key} = ?")
            equal_params.append(value)
        else:
            equal.append(f"{key} IS NULL")
    if inclusive:
        terms.append("(" + " AND ".join(equal) + ")")
        params += equal_params
    return ("(" + " OR ".join(terms) + ")" if terms else "FALSE"), params


def _day_runs(arts: list[tuple[Any, ...]]) -> tuple[str, list[Any]]:
    """A condition on e.published holding the days of a walk's batch of articles (rows of
    `_WALK_COLUMNS`: key at 1, day at 2): one range per run of the same key, so a batch that crosses
    from one outlet to the next does not span every day between (the zone maps skip the rest)."""
    runs: list[list[Any]] = []
    undated = False
    for art in arts:
        if art[2] is None:
            undated = True
            continue
        if runs and runs[-1][0] == art[1]:
            runs[-1][1], runs[-1][2] = min(runs[-1][1], art[2]), max(runs[-1][2], art[2])
        else:
            runs.append([art[1], art[2], art[2]])
    if len(runs) > 8:  # a walk in title order changes key at every article: one range then
        runs = [[None, min(r[1] for r in runs), max(r[2] for r in runs)]]
    terms = ["e.published BETWEEN ? AND ?"] * len(runs) + (["e.published IS NULL"] if undated else [])
    return " OR ".join(terms) or "FALSE", [d for _, lo, hi in runs for d in (lo, hi)]


def _own_day(filters: dict[str, Any]) -> bool:
    """Whether a list of arms, quotes or labels can be filtered and ordered by its own copy of the day
    (no outlet filter: that needs the articles)."""
    return not (filters.get("outlet") or "").strip()


#: Own sorts whose pages rollup_years can place: its (value, year) counts say which values and years a
#: page falls in, so the page's query reads only those (issue 17: a deep page sorted by source was a
#: top-N over every event).
_SPAN_SORTS = ("source", "target", "type")
#: Most (value, year) groups one placed page may span; a wider page (a large limit) sorts the whole selection.
_SPAN_GROUPS = 64


def _span_key(value: str | None, year: int | None, descending: bool) -> tuple[Any, ...]:
    """A (value, year) group's place in an events order by a column then the day, NULLs last in both:
    the column's order is DuckDB's (bytes, which for UTF-8 is code points), reversed when `descending`."""
    if value is None:
        head: tuple[Any, ...] = (1, ())
    elif descending:  # a longer string after its prefix ascending, so before it descending: the end marker
        head = (0, (*(-ord(c) for c in value), 1))
    else:
        head = (0, tuple(ord(c) for c in value))
    return (*head, year is None, year or 0)


def _overlapping(rows: list[tuple[Any, ...]], count: int, offset: int, limit: int) -> tuple[list[tuple[Any, ...]], int]:
    """The rows (each holding `row[count]` events, in order) that positions offset .. offset+limit-1 fall in,
    and how many events the rows before them hold."""
    seen, before = 0, 0
    chosen: list[tuple[Any, ...]] = []
    for row in rows:
        n = int(row[count])
        if seen + n > offset:
            if not chosen:
                before = seen
            chosen.append(row)
        seen += n
        if seen >= offset + limit:
            break
    return chosen, before


def _from_cursor(rows: list[tuple[Any, ...]], count: int, key: Callable[[tuple[Any, ...]], Any], at: Any,
                 limit: int) -> list[tuple[Any, ...]]:
    """The rows (in order, each holding `row[count]` events) from the cursor's (`at`, by `key`) until those
    after it hold `limit` events: they hold the next `limit` events after the cursor, whatever the cursor's
    own row holds after it."""
    later = 0
    chosen: list[tuple[Any, ...]] = []
    for row in rows:
        k = key(row)
        if k < at:
            continue
        chosen.append(row)
        if k > at:
            later += int(row[count])
            if later >= limit:
                break
    return chosen


def _span_where(column: str, groups: list[tuple[Any, ...]], start: tuple[Any, date] | None = None
                ) -> tuple[str, list[Any]]:
    """A condition holding the events of contiguous (value, year, n) groups: per value, its years as one
    day range (years between with no group hold none of the selection), and its undated events if chosen.
    `start` (a cursor's value and day) begins that value's range on that day, not on 1 January."""
    years: dict[Any, list[int | None]] = {}
    for value, year, _ in groups:
        years.setdefault(value, []).append(year)
    terms: list[str] = []
    params: list[Any] = []
    for value, chosen in years.items():
        dated = [y for y in chosen if y is not None]
        days = ["e.published BETWEEN ? AND ?"] if dated else []
        first = date(min(dated), 1, 1) if dated else None
        if first is not None and start is not None and start[0] == value and start[1].year == first.year:
            first = start[1]
        params += [*([] if value is None else [value]), *([first, date(max(dated), 12, 31)] if dated else [])]
        if None in chosen:
            days.append("e.published IS NULL")
        head = f"{column} IS NULL" if value is None else f"{column} = ?"
        terms.append(f"({head} AND ({' OR '.join(days)}))")
    return "(" + " OR ".join(terms) + ")", params


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


@dataclass(frozen=True)
class Facet:
    """Counts of one column's values among the rows a list's filters select (datasette-style facets).

    A value of None counts rows without one (an undated article, an unnamed outlet);
    `truncated` says values beyond the first `limit` were left out.
    """

    name: str
    values: list[tuple[str | None, int]]
    truncated: bool = False
    estimated: bool = False  # counted on a sample of a very large selection and scaled: "about" so many


#: Above this many matching events the events' facets are counted on a sample (issue 17: a facet over ten
#: million rows costs seconds a page), about FACET_SAMPLE_ROWS rows, and marked estimated.
FACET_SAMPLE_ABOVE = 500_000
FACET_SAMPLE_ROWS = 100_000


_YEAR = "CAST(year(a.published) AS VARCHAR)"
#: Facet name -> the SQL giving each row's value(s), per list; `unnest` counts a row once per party.
EVENT_FACETS: dict[str, str] = {
    "type": "e.type", "status": "e.status", "outlet": "a.outlet",
    "actor": "unnest(list_distinct([e.source, e.target]))", "year": _YEAR,
}
ARMS_FACETS: dict[str, str] = {
    "supplier": "r.supplier", "recipient": "r.recipient", "status": "r.status", "class": "r.weapon_class",
    "outlet": "a.outlet", "year": _YEAR,
}
#: No speaker facet: the speaker filter matches part of a name, so its counts could not promise the rows a
#: click gives ("he" would also find "the ministry").
QUOTE_FACETS: dict[str, str] = {"actor": "q.actor", "kind": "q.kind", "outlet": "a.outlet", "year": _YEAR}


class QueryMixin(WhereMixin):
    """Every query the front ends ask: lists, counts, facets, lookups and summaries."""

    def _rollups_fresh(self) -> bool:
        """Whether the pre-aggregated tables (rollups.py) match the store now; else queries read the live rows."""
        with self._cursor() as cur:
            return rollups.fresh(cur)

    def rollups_current(self) -> bool:
        """Whether the rollups match the store now: then whole-store counts (an actor's people and coverage)
        are cheap, and a page need not bound them (the web's actor page)."""
        return self._rollups_fresh()

    @staticmethod
    def _rollup_actor(actor: str | None) -> tuple[str, list[Any]]:
        if not actor:
            return "", []
        return " AND (source = ? OR target = ?)", [actor.upper(), actor.upper()]

    def events(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        sort: str | None = None,
        descending: bool = False,
        after: str | None = None,
        **filters: Any,
    ) -> list[EventRecord]:
        """Events matching every filter `_event_where` takes (actor, source, target, dyad, type, status,
        outlet, since, until, article_id, text), in publication order unless `sort` names a column
        (one of EVENT_SORTS).

        Unless the outlet or a column of the article orders them, the page is cut from events alone
        (by their copy of the publication day), then joined to its articles: on a big store the first
        page reads only the first row groups (issue 17).

        `after` (an event id) is a keyset cursor: the page starts after that event in this order
        (offset is then ignored), so a deep page costs what the first one does.
        """
        if after is not None:
            return self._events_after(after, limit=limit, sort=sort, descending=descending, **filters)
        if sort in EVENT_SORTS and sort not in _OWN_SORTS and limit is not None:  # outlet, title: walk the articles
            return self._events_walk(self._order_keys(sort, descending, False), None, limit, sort, descending,
                                     filters, skip=max(offset, 0))
        own = not (filters.get("outlet") or "").strip() and (sort is None or sort in _OWN_SORTS)
        found = self._event_where(**filters, published="e.published" if own else "a.published")
        if found is None:
            return []
        where, params = found
        if sort is not None and sort not in EVENT_SORTS:
            raise StoreError(f"cannot sort events by {sort!r}; expected one of {', '.join(EVENT_SORTS)}")
        direction = "DESC" if descending else "ASC"
        columns = (
            "SELECT e.id, e.article_id, e.source, e.target, e.type, e.negated, e.status, e.evidence, "
            'e.start, e."end", e.trigger, e.source_text, e.target_text, e.rule, '
            'a.outlet, a.published, a.title, a.url, e.attributed_to, e.disputed_by, e."date", e.date_source '
        )
        if own:
            order = "e.published NULLS LAST, e.article_id, e.start, e.seq"
            if sort is not None:
                order = f"{_OWN_SORTS[sort]} {direction} NULLS LAST, {order}"
                span = self._span_at(sort, descending, filters, max(offset, 0), limit) if limit is not None else None
                if span is not None:
                    where += (" AND " if where else " WHERE ") + span[0]
                    params += span[1]
                    offset = span[2]
            elif limit is not None:
                days = self._first_years(filters, limit + max(offset, 0))
                if days is not None:
                    where += (" AND " if where else " WHERE ") + "e.published BETWEEN ? AND ?"
                    params += list(days)
            query = ("SELECT e.id, e.article_id, e.source, e.target, e.type, e.negated, e.status, e.evidence, "
                     'e.start, e."end", e.trigger, e.source_text, e.target_text, e.rule, e.published, '
                     'e.attributed_to, e.disputed_by, e."date", e.date_source '
                     f"FROM events e{where} ORDER BY {order}" + self._paging(params, limit, offset))
            rows = self._rows(query, params)
            articles = self._page_articles([(r[1], r[14]) for r in rows])
            return [_event_record((*r[:14], *articles[r[1]], *r[15:])) for r in rows if r[1] in articles]
        order = "a.published NULLS LAST, e.article_id, e.start, e.seq"
        if sort is not None:
            order = f"{EVENT_SORTS[sort]} {direction} NULLS LAST, {order}"
        query = (
            columns + "FROM events e JOIN articles a ON a.id = e.article_id"
            + where
            + " ORDER BY " + order
            + self._paging(params, limit, offset)
        )
        return [_event_record(row) for row in self._rows(query, params)]

    def _order_keys(self, sort: str | None, descending: bool, own: bool) -> list[tuple[str, bool]]:
        """The events' order as (SQL, descending) keys, NULLs last, ending in a unique key per event."""
        day = "e.published" if own else "a.published"
        keys = [(day, False), ("e.article_id", False), ("e.start", False), ("e.seq", False)]
        if sort is not None:
            keys.insert(0, ((_OWN_SORTS if own else EVENT_SORTS)[sort], descending))
        return keys

    def _events_after(self, after: str, *, limit: int | None, sort: str | None, descending: bool,
                      **filters: Any) -> list[EventRecord]:
        """The page of `events` after the event `after` (a keyset cursor; see `events`).

        Sorted by an article column (outlet, title), the articles are walked in that order from the
        cursor's, a growing batch at a time, and their events read (zone maps bound them by the batch's
        days); else the order's keys compare with the cursor's in one query on events."""
        if sort is not None and sort not in EVENT_SORTS:
            raise StoreError(f"cannot sort events by {sort!r}; expected one of {', '.join(EVENT_SORTS)}")
        own = sort is None or sort in _OWN_SORTS
        keys = self._order_keys(sort, descending, own)
        join = "" if own else " JOIN articles a ON a.id = e.article_id"
        found = self._rows(f"SELECT {', '.join(k for k, _ in keys)} FROM events e{join} WHERE e.id = ?",
                           [after.strip().lower()])
        if not found:
            raise StoreError(f"no event {after!r} to page after (the cursor's event is gone: start from the first page)")
        cursor = list(found[0])
        if own or limit is None:
            return self._events_keyset(keys, cursor, limit, sort, descending, filters)
        return self._events_walk(keys, cursor, limit, sort, descending, filters)

    def _events_keyset(self, keys: list[tuple[str, bool]], cursor: list[Any], limit: int | None,
                       sort: str | None, descending: bool, filters: dict[str, Any]) -> list[EventRecord]:
        own = keys[-4][0] == "e.published"
        found = self._event_where(**filters, published="e.published" if own else "a.published")
        if found is None:
            return []
        where, params = found
        later, later_params = _after(keys, cursor)
        where += (" AND " if where else " WHERE ") + later
        params += later_params
        if own and keys[0][0] == "e.published" and cursor[0] is not None:  # lets the zone maps skip the days before
            where += f" AND (e.published {'<=' if keys[0][1] else '>='} ? OR e.published IS NULL)"
            params.append(cursor[0])
        elif own and sort in _SPAN_SORTS and limit is not None:
            span = self._span_after(sort, descending, filters, cursor[0], cursor[1], limit)
            if span is not None:
                where += " AND " + span[0]
                params += span[1]
        order = ", ".join(f"{k} {'DESC' if d else 'ASC'} NULLS LAST" for k, d in keys)
        cols = ("SELECT e.id, e.article_id, e.source, e.target, e.type, e.negated, e.status, e.evidence, "
                'e.start, e."end", e.trigger, e.source_text, e.target_text, e.rule, ')
        tail = ', e.attributed_to, e.disputed_by, e."date", e.date_source '
        if own:
            rows = self._rows(cols + "e.published" + tail + f"FROM events e{where} ORDER BY {order}"
                              + self._paging(params, limit, 0), params)
            articles = self._page_articles([(r[1], r[14]) for r in rows])
            return [_event_record((*r[:14], *articles[r[1]], *r[15:])) for r in rows if r[1] in articles]
        rows = self._rows(cols + "a.outlet, a.published, a.title, a.url" + tail
                          + f"FROM events e JOIN articles a ON a.id = e.article_id{where} ORDER BY {order}"
                          + self._paging(params, limit, 0), params)
        return [_event_record(r) for r in rows]

    #: Most articles read by the first step of a walk in an article column's order (`_events_walk`);
    #: doubled each step.
    WALK_ARTICLES = 400
    #: Days of an outlet's articles read per window of a walk in outlet order (`_outlet_articles`); doubled
    #: each window that comes back short.
    WALK_DAYS = 32
    #: An outlet with at most this many articles is read in one query in a walk in outlet order (a window
    #: at a time would cost a query per empty window).
    WALK_SMALL = 2_000

    def _events_walk(self, keys: list[tuple[str, bool]], cursor: list[Any] | None, limit: int, sort: str | None,
                     descending: bool, filters: dict[str, Any], skip: int = 0) -> list[EventRecord]:
        """A page of events in an article column's order (outlet, title): the articles are walked in that
        order from the cursor's (None: from the first), a growing batch at a time, and their events read,
        bounded by each batch's days so the zone maps skip the rest. `skip` events are passed over first
        (an offset page): the batches wholly before it are only counted."""
        article_keys = [*keys[:2], ("a.id", False)]  # (column, published, id) order the articles
        art_where: list[str] = []
        art_params: list[Any] = []
        self._common_filters(art_where, art_params, filters.get("outlet"), filters.get("since"),
                             filters.get("until"), filters.get("undated"))
        event_filters = {k: v for k, v in filters.items() if k not in ("outlet", "since", "until", "undated")}
        out: list[EventRecord] = []
        start: list[Any] | None = None if cursor is None else cursor[:3]
        # a first batch about a page's worth of articles (most hold several events), growing from there
        step, first, inclusive = min(self.WALK_ARTICLES, max(limit, 16)), cursor is not None, True
        step = max(step, skip // 10)  # an offset page: batches sized to reach it in a few counts
        while len(out) < limit:
            if sort == "outlet":
                arts = self._outlet_articles(descending, start, inclusive, step, art_where, art_params)
            else:
                arts = self._ordered_articles(article_keys, start, inclusive, step, art_where, art_params)
            if not arts:
                break
            if skip:  # an offset page: count each article's events; read only the articles the page falls in
                where, params = self._walk_where(event_filters, arts, cursor if first else None)
                counts = {str(i): int(n) for i, n in
                          self._rows(f"SELECT e.article_id, count(*) FROM events e{where} GROUP BY 1", params)}
                page: list[tuple[Any, ...]] = []
                for art in arts:
                    n = counts.get(art[0], 0)
                    if not page and skip >= n:
                        skip -= n
                    elif n and sum(counts[p[0]] for p in page) < skip + limit - len(out):
                        page.append(art)
            else:
                page = arts
            if page:
                where, params = self._walk_where(event_filters, page, cursor if first else None)
                rows = self._rows(
                    "SELECT e.id, e.article_id, e.source, e.target, e.type, e.negated, e.status, e.evidence, "
                    'e.start, e."end", e.trigger, e.source_text, e.target_text, e.rule, e.attributed_to, '
                    f'e.disputed_by, e."date", e.date_source FROM events e{where} ORDER BY e.start, e.seq', params)
                by_article: dict[str, list[tuple[Any, ...]]] = {}
                for r in rows:
                    by_article.setdefault(r[1], []).append(r)
                for art in page:
                    for r in by_article.get(art[0], []):
                        if skip:
                            skip -= 1
                            continue
                        out.append(_event_record((*r[:14], *art[4:8], *r[14:])))
            if len(arts) < step:
                break
            last = arts[-1]
            start, inclusive = [last[1], last[2], last[3]], False
            step, first = step * 2, False
        return out[:limit]

    _WALK_COLUMNS = "a.id, {key}, a.published, a.id, a.outlet, a.published, a.title, a.url"

    def _walk_where(self, event_filters: dict[str, Any], arts: list[tuple[Any, ...]],
                    cursor: list[Any] | None) -> tuple[str, list[Any]]:
        """The WHERE clause of a walk's events in `arts` (bounded by their days), after `cursor`'s event."""
        found = self._event_where(**event_filters, published="e.published")
        where, params = found if found is not None else (" WHERE FALSE", [])
        where += (" AND " if where else " WHERE ") + "e.article_id IN (SELECT unnest(?::VARCHAR[]))"
        params.append([r[0] for r in arts])
        bound, bound_params = _day_runs(arts)
        where += f" AND ({bound})"
        params += bound_params
        if cursor is not None:  # the cursor's own article: only its events after the cursor's
            where += " AND (e.article_id <> ? OR e.start > ? OR (e.start = ? AND e.seq > ?))"
            params += [cursor[2], cursor[3], cursor[3], cursor[4]]
        return where, params

    def _ordered_articles(self, article_keys: list[tuple[str, bool]], start: list[Any] | None, inclusive: bool,
                          step: int, art_where: list[str], art_params: list[Any]) -> list[tuple[Any, ...]]:
        """Up to `step` articles from `start` in the order `article_keys` (one top-n over every article)."""
        at, at_params = _after(article_keys, start, inclusive=inclusive) if start is not None else ("TRUE", [])
        order = ", ".join(f"{k} {'DESC' if d else 'ASC'} NULLS LAST" for k, d in article_keys)
        cond = " AND ".join([*art_where, at])
        return self._rows(f"SELECT {self._WALK_COLUMNS.format(key=article_keys[0][0])} FROM articles a WHERE {cond} "
                          f"ORDER BY {order} LIMIT ?", [*art_params, *at_params, step])

    def _outlet_articles(self, descending: bool, start: list[Any] | None, inclusive: bool, step: int,
                         art_where: list[str], art_params: list[Any]) -> list[tuple[Any, ...]]:
        """Up to `step` articles from `start` ((outlet, day, id); None: the first) in outlet order (NULL last),
        then day (undated last), then id: one outlet at a time, its dated articles a window of days at a time.

        Why not one top-n like `_ordered_articles`: every outlet spans every day, so that reads all
        articles each step (0.6 s, and the tail of a deep page on ten million events); the articles lie
        in day order, so a window of days is a few row groups."""
        if self._rollups_fresh():
            sizes = {r[0]: int(r[1]) for r in self._rows("SELECT outlet, n_articles FROM rollup_outlets")}
        else:  # unknown sizes: every outlet is read a window at a time
            sizes = {r[0]: step + self.WALK_SMALL for r in self._rows("SELECT DISTINCT outlet FROM articles")}
        named = list(sizes)
        outlets: list[str | None] = sorted((o for o in named if o is not None), reverse=descending)
        if None in named:
            outlets.append(None)
        first_day, last_day = self._rows("SELECT min(published), max(published) FROM articles")[0]
        begin = outlets.index(start[0]) if start is not None and start[0] in outlets else 0
        out: list[tuple[Any, ...]] = []
        cols = self._WALK_COLUMNS.format(key="a.outlet")
        for outlet in outlets[begin:]:
            same = start is not None and outlet == start[0]
            base = [*art_where, "a.outlet = ?" if outlet is not None else "a.outlet IS NULL"]
            base_params = [*art_params, *([outlet] if outlet is not None else [])]
            if sizes[outlet] <= self.WALK_SMALL:  # a small outlet: all of it in one query, no windows
                cond, params = list(base), list(base_params)
                if same and start is not None:
                    at, at_params = _after([("a.published", False), ("a.id", False)], start[1:],
                                           inclusive=inclusive)
                    cond.append(at)
                    params += at_params
                out += self._rows(f"SELECT {cols} FROM articles a WHERE {' AND '.join(cond)} "
                                  "ORDER BY a.published NULLS LAST, a.id LIMIT ?", [*params, step - len(out)])
                if len(out) >= step:
                    break
                continue
            if first_day is not None and not (same and start is not None and start[1] is None):
                lo = start[1] if same and start is not None else first_day
                width = self.WALK_DAYS
                while lo <= last_day and len(out) < step:
                    hi = lo + timedelta(days=width)
                    cond, params = [*base, "a.published >= ?", "a.published < ?"], [*base_params, lo, hi]
                    if same and start is not None:  # the cursor's day: only from its article on
                        cond.append(f"(a.published <> ? OR a.id {'>=' if inclusive else '>'} ?)")
                        params += [start[1], start[2]]
                    out += self._rows(f"SELECT {cols} FROM articles a WHERE {' AND '.join(cond)} "
                                      "ORDER BY a.published, a.id LIMIT ?", [*params, step - len(out)])
                    lo, width = hi, width * 2
            if len(out) < step:  # its undated articles come last
                cond, params = [*base, "a.published IS NULL"], list(base_params)
                if same and start is not None and start[1] is None:
                    cond.append(f"a.id {'>=' if inclusive else '>'} ?")
                    params.append(start[2])
                out += self._rows(f"SELECT {cols} FROM articles a WHERE {' AND '.join(cond)} ORDER BY a.id LIMIT ?",
                                  [*params, step - len(out)])
            if len(out) >= step:
                break
        return out

    def newest_window(self, n: int, *, until: str | None = None) -> tuple[str, int] | None:
        """(first day, events) of the newest whole months holding at least `n` dated events up to `until`
        (all when None), from the month rollup: the bound of the web's text search on a big store
        (issue 17). None when fewer events than that exist there, or the rollups lag."""
        if not self._rollups_fresh():
            return None
        day = _check_date_str(until, "until")
        rows = self._rows("SELECT month, sum(n) FROM rollup_months WHERE month IS NOT NULL"
                          + (" AND month <= CAST(? AS DATE)" if day else "") + " GROUP BY 1 ORDER BY 1 DESC",
                          [day] if day else [])
        seen = 0
        for month, count in rows:
            seen += int(count)
            if seen >= n and month != rows[-1][0]:
                return str(month.isoformat()), seen
        return None

    def _first_years(self, filters: dict[str, Any], need: int) -> tuple[date, date] | None:
        """The span of years holding the first `need` events the actor/dyad/type filters select, from
        rollup_years: a bound that lets the events' zone maps skip every other year of a big store
        (issue 17). None when other filters apply, the rollups lag, or fewer dated events match."""
        given = {k for k, v in filters.items() if v}
        if not given or not given <= {"actor", "dyad", "source", "target", "type"} or not self._rollups_fresh():
            return None
        where, params = self._event_where(**{k: filters[k] for k in given}) or ("", [])
        rows = self._rows("SELECT year, sum(n) FROM rollup_years e" + where
                          + (" AND" if where else " WHERE") + " year IS NOT NULL GROUP BY 1 ORDER BY 1", params)
        seen = 0
        for year, n in rows:
            seen += int(n)
            if seen >= need:
                return date(int(rows[0][0]), 1, 1), date(int(year), 12, 31)
        return None

    def _span_groups(self, sort: str | None, descending: bool, filters: dict[str, Any],
                     pick: Callable[[list[tuple[Any, ...]]], list[tuple[Any, ...]]]) -> list[tuple[Any, ...]] | None:
        """(value, year, events) groups of the selection sorted by `sort` (one of _SPAN_SORTS), in the page
        order, for the values `pick` chooses from the (value, events) list in that order: the values from
        rollup_dyads (small), then only their years from rollup_years. None when other filters than
        actor/dyad/type apply or the rollups lag."""
        given = {k for k, v in filters.items() if v}
        if sort not in _SPAN_SORTS or not given <= {"actor", "dyad", "source", "target", "type"} \
                or not self._rollups_fresh():
            return None
        where, params = self._event_where(**{k: filters[k] for k in given}) or ("", [])
        values = sorted(self._rows(f"SELECT {sort}, sum(n) FROM rollup_dyads e{where} GROUP BY 1 HAVING sum(n) > 0",
                                   params), key=lambda r: _span_key(r[0], None, descending))
        chosen = pick(values)
        if not chosen or len(chosen) > _SPAN_GROUPS:
            return [] if not chosen else None
        named = [v for v, _ in chosen if v is not None]
        one = ([f"e.{sort} IN (SELECT unnest(?::VARCHAR[]))"] if named else []) + \
            ([f"e.{sort} IS NULL"] if len(named) < len(chosen) else [])
        rows = self._rows(f"SELECT {sort}, year, sum(n) FROM rollup_years e{where}"
                          + (" AND (" if where else " WHERE (") + " OR ".join(one) + ") GROUP BY 1, 2 HAVING sum(n) > 0",
                          [*params, *([named] if named else [])])
        return sorted(rows, key=lambda r: _span_key(r[0], r[1], descending))

    def _span_at(self, sort: str, descending: bool, filters: dict[str, Any], offset: int, limit: int
                 ) -> tuple[str, list[Any], int] | None:
        """The page at `offset` of the events sorted by `sort`, placed by the rollups: a condition holding
        the (value, year) groups it falls in, and the offset within them (so DuckDB sorts thousands of rows,
        not millions). None when the rollups cannot place it."""
        before = 0

        def pick(values: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
            nonlocal before
            chosen, seen = _overlapping(values, 1, offset, limit)
            before = seen
            return chosen

        groups = self._span_groups(sort, descending, filters, pick)
        if groups is None:
            return None
        chosen, seen = _overlapping(groups, 2, offset - before, limit)
        if not chosen:
            return "FALSE", [], 0
        if len(chosen) > _SPAN_GROUPS:
            return None
        where, params = _span_where(_OWN_SORTS[sort], chosen)
        return where, params, offset - before - seen

    def _span_after(self, sort: str, descending: bool, filters: dict[str, Any], value: Any, day: date | None,
                    limit: int) -> tuple[str, list[Any]] | None:
        """A condition holding the next `limit` events after a cursor (its `sort` value and day) in that
        order, placed by the rollups: the cursor's group and the groups after it until they hold `limit`
        (the cursor's own group may hold none after it). None when the rollups cannot place it."""
        year = day.year if day is not None else None
        groups = self._span_groups(sort, descending, filters, lambda values: _from_cursor(
            values, 1, lambda r: _span_key(r[0], None, descending)[:2], _span_key(value, None, descending)[:2], limit))
        if groups is None:
            return None
        chosen = _from_cursor(groups, 2, lambda r: _span_key(r[0], r[1], descending),
                              _span_key(value, year, descending), limit)
        if not chosen:
            return "FALSE", []
        if len(chosen) > _SPAN_GROUPS:
            return None
        return _span_where(_OWN_SORTS[sort], chosen, (value, day) if day is not None else None)

    def _page_articles(self, keys: list[tuple[str, Any]]) -> dict[str, tuple[Any, ...]]:
        """(outlet, published, title, url) of the articles of a page of rows, by id, read with the page's
        publication days as bounds so the articles' zone maps skip the rest of a big store."""
        if not keys:
            return {}
        days = [d for _, d in keys if d is not None]
        bounds = ["published BETWEEN ? AND ?"] if days else []
        params: list[Any] = [sorted({i for i, _ in keys})] + ([min(days), max(days)] if days else [])
        if len(days) < len(keys):
            bounds.append("published IS NULL")
        rows = self._rows("SELECT id, outlet, published, title, url FROM articles "
                          f"WHERE id IN (SELECT unnest(?::VARCHAR[])) AND ({' OR '.join(bounds)})", params)
        return {str(r[0]): r[1:] for r in rows}

    def count_events(self, **filters: Any) -> int:
        """How many events match the filters `events` takes (limit, offset and sort aside).

        Read from the dyad rollup when only actors and types filter and it is current; from events
        alone (no join) unless an outlet filters.
        """
        counted = self._count_from_rollup(filters)
        if counted is not None:
            return counted
        own = not (filters.get("outlet") or "").strip()
        found = self._event_where(**filters, published="e.published" if own else "a.published")
        if found is None:
            return 0
        where, params = found
        table = "events e" if own else "events e JOIN articles a ON a.id = e.article_id"
        rows = self._rows(f"SELECT count(*) FROM {table}" + where, params)
        return int(rows[0][0])

    def _count_from_rollup(self, filters: dict[str, Any]) -> int | None:
        """The count of events filtered only by actor, dyad, source, target and type, from rollup_dyads;
        None when other filters apply or the rollups lag."""
        given = {k for k, v in filters.items() if v}
        if not given <= {"actor", "dyad", "source", "target", "type"} or not self._rollups_fresh():
            return None
        where, params = self._event_where(**{k: filters[k] for k in given}) or ("", [])
        query = "SELECT coalesce(sum(n), 0) FROM rollup_dyads e" + where
        return int(self._rows(query, params)[0][0])

    def event_timeline(self, *, actor: str | None = None, outlet: str | None = None) -> list[tuple[str, str, int]]:
        """(month 'YYYY-MM', PLOVER type, events) for dated articles: the overview and actor charts."""
        if outlet is None and self._rollups_fresh():
            only, params = (" AND code = ?", [actor.upper()]) if actor else ("", [])
            table = "rollup_actor_months" if actor else "rollup_months"
            query = (f"SELECT strftime(month, '%Y-%m'), type, sum(n) FROM {table} WHERE month IS NOT NULL"
                     + only + " GROUP BY 1, 2 ORDER BY 1, 2")
            return [(str(m), str(t), int(n)) for m, t, n in self._rows(query, params)]
        where, params = self._event_where(actor=actor, outlet=outlet) or ("", [])
        query = (
            "SELECT strftime(a.published, '%Y-%m') AS month, e.type, count(*) "
            "FROM events e JOIN articles a ON a.id = e.article_id"
            + (where + " AND" if where else " WHERE") + " a.published IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
        )
        return [(str(m), str(t), int(n)) for m, t, n in self._rows(query, params)]

    def event_counts(self, *, actor: str | None = None, outlet: str | None = None) -> list[tuple[str, int]]:
        """(PLOVER type, events) involving `actor` as source or target, in `outlet`'s articles if given."""
        if self._rollups_fresh():
            only, params = self._rollup_actor(actor)
            table = "rollup_dyads a"
            if (outlet or "").strip():  # the outlet's mix, by the rollup of events per outlet
                named: list[str] = []
                self._outlet_filter(named, params, outlet)
                table, only = "rollup_outlet_events a", only + " AND " + named[0]
            query = (f"SELECT type, sum(n) AS n FROM {table} WHERE TRUE" + only
                     + " GROUP BY 1 ORDER BY n DESC, 1")
            return [(str(t), int(n)) for t, n in self._rows(query, params)]
        where, params = self._event_where(actor=actor, outlet=outlet) or ("", [])
        query = ("SELECT e.type, count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id"
                 + where + " GROUP BY 1 ORDER BY n DESC, 1")
        return [(str(t), int(n)) for t, n in self._rows(query, params)]

    def dyads(self, actor: str) -> list[tuple[str, str, str, int]]:
        """(source, target, type, events) for every event `actor` is party to, most frequent first."""
        code = actor.upper()
        table, n = ("rollup_dyads", "sum(n)") if self._rollups_fresh() else ("events", "count(*)")
        query = (
            f"SELECT source, target, type, {n} AS n FROM {table} WHERE source = ? OR target = ? "
            "GROUP BY ALL ORDER BY n DESC, source, target, type"
        )
        return [(str(s), str(t), str(k), int(n)) for s, t, k, n in self._rows(query, [code, code])]

    def outlets(self) -> list[tuple[str, int, int]]:
        """(outlet, articles, events) for every named outlet, the most prolific first."""
        if self._rollups_fresh():
            query = ("SELECT outlet, n_articles, n_events FROM rollup_outlets WHERE outlet IS NOT NULL "
                     "ORDER BY 2 DESC, 1")
            return [(str(o), int(na), int(ne)) for o, na, ne in self._rows(query)]
        query = (
            "SELECT a.outlet, count(DISTINCT a.id), count(e.id) FROM articles a "
            "LEFT JOIN events e ON e.article_id = a.id WHERE a.outlet IS NOT NULL "
            "GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        return [(str(o), int(na), int(ne)) for o, na, ne in self._rows(query)]

    def arms(self, *, limit: int | None = None, offset: int = 0, newest_first: bool = False,
             **filters: Any) -> list[ArmsRecord]:
        """The arms register: transfers matching every filter `_arms_where` takes, in publication order
        (`newest_first` reverses it).

        `system` matches the canonical name or the weapon class, case-insensitively
        and as a substring ("javelin", "air defence").
        """
        own = _own_day(filters)
        found = self._arms_where(**filters, published="r.published" if own else "a.published")
        if found is None:
            return []
        where, params = found
        day = "r.published" if own else "a.published"
        if own and newest_first and limit is not None:
            start = self._newest_from("arms r", where, params, limit + max(offset, 0))
            if start is not None:
                where += (" AND " if where else " WHERE ") + "r.published >= ?"
                params.append(start)
        order = (f" ORDER BY {day} DESC NULLS LAST, r.article_id DESC, r.seq DESC" if newest_first
                 else f" ORDER BY {day} NULLS LAST, r.article_id, r.seq")
        rows = self._day_page(
            "SELECT r.article_id, r.supplier, r.recipient, r.system, r.weapon_class, r.quantity, r.value_usd, "
            'r.status, r.evidence, r.start, r."end", {outlet}, {day}, {title}, r.attributed_to, r.disputed_by',
            "arms r", where + order + self._paging(params, limit, offset), params, own, day_at=12)
        return [
            ArmsRecord(article_id=r[0], supplier=r[1], recipient=r[2], system=r[3], weapon_class=r[4],
                       quantity=r[5], value_usd=r[6], status=r[7], evidence=r[8], start=r[9], end=r[10],
                       outlet=r[11], published=_iso(r[12]), title=r[13], attributed_to=r[14], disputed_by=r[15])
            for r in rows
        ]

    #: Days the first window of a newest-first list spans (`_newest_from`); doubled while it holds too few rows.
    NEWEST_DAYS = 16

    def _newest_from(self, table: str, where: str, params: list[Any], need: int) -> date | None:
        """The first day of the newest window of days holding at least `need` rows of `table` ("arms r", with
        its own `published`) that `where` selects: a bound that lets a newest-first page (the deal register's
        newest 3,000 records) read the last row groups only, as the rows lie in date order (a top-N over every
        row read 160,000 of 1.5 million arms records, 130 ms). Each window is a count the zone maps bound; the
        window doubles while short. None when the rows of every day are needed."""
        alias = table.split()[1]
        first, last = self._rows(f"SELECT min({alias}.published), max({alias}.published) FROM {table}")[0]
        if last is None or need <= 0:
            return None
        days = self.NEWEST_DAYS
        while True:
            start: date = last - timedelta(days=days)
            if start <= first:
                return None
            n = self._rows(f"SELECT count(*) FROM {table}{where}" + (" AND " if where else " WHERE ")
                           + f"{alias}.published >= ?", [*params, start])[0][0]
            if n >= need:
                return start
            days *= 2

    def _day_page(self, select: str, table: str, rest: str, params: list[Any], own: bool, *,
                  day_at: int) -> list[tuple[Any, ...]]:
        """A page of `table` ("arms r"), which holds its article's day (schema 7): cut from the table alone
        when `own` (rows lie in date order, so zone maps skip the rest of a big store), then only the
        page's articles are read for outlet and title; else joined to articles throughout.

        `select` names {outlet}, {day} and {title}; a row's day sits at index `day_at`, between them.
        """
        alias = table.split()[1]
        if not own:
            return self._rows(select.format(outlet="a.outlet", day="a.published", title="a.title")
                              + f" FROM {table} JOIN articles a ON a.id = {alias}.article_id" + rest, params)
        rows = self._rows(select.format(outlet="NULL", day=f"{alias}.published", title="NULL")
                          + f" FROM {table}" + rest, params)
        articles = self._page_articles([(r[0], r[day_at]) for r in rows])
        out = []
        for r in rows:
            if r[0] in articles:
                outlet, published, title, _url = articles[r[0]]
                out.append((*r[:day_at - 1], outlet, published, title, *r[day_at + 2:]))
        return out

    def quotes(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[QuoteRecord]:
        """Who said what: quotes matching every filter `_quotes_where` takes, in publication order.

        `speaker` and `contains` match case- and accent-insensitively as substrings
        ("vucic" finds "Vučić").
        """
        own = _own_day(filters)
        found = self._quotes_where(**filters, published="q.published" if own else "a.published")
        if found is None:
            return []
        where, params = found
        day = "q.published" if own else "a.published"
        rows = self._day_page(
            'SELECT q.article_id, q.speaker, q.actor, q.cue, q.text, q.kind, q.start, q."end", '
            "{outlet}, {day}, {title}", "quotes q",
            where + f" ORDER BY {day} NULLS LAST, q.article_id, q.seq" + self._paging(params, limit, offset),
            params, own, day_at=9)
        return [
            QuoteRecord(article_id=r[0], speaker=r[1], actor=r[2], cue=r[3], text=r[4], kind=r[5], start=r[6],
                        end=r[7], outlet=r[8], published=_iso(r[9]), title=r[10])
            for r in rows
        ]

    def labels(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[LabelRecord]:
        """Each use of a framing label matching every filter `_labels_where` takes, in publication order."""
        own = _own_day(filters)
        found = self._labels_where(**filters, published="l.published" if own else "a.published")
        if found is None:
            return []
        where, params = found
        day = "l.published" if own else "a.published"
        rows = self._day_page(
            'SELECT l.article_id, l.target, l.term, l.evidence, l.start, l."end", {outlet}, {day}, {title}',
            "labels l",
            where + f" ORDER BY {day} NULLS LAST, l.article_id, l.seq" + self._paging(params, limit, offset),
            params, own, day_at=7)
        return [
            LabelRecord(article_id=r[0], target=r[1], term=r[2], evidence=r[3], start=r[4], end=r[5],
                        outlet=r[6], published=_iso(r[7]))
            for r in rows
        ]

    def _label_filter(self, target: str | None, outlet: str | None) -> tuple[str, list[Any]]:
        """The WHERE clause (labels as l, articles as a) and its parameters of the label-usage queries."""
        where: list[str] = []
        params: list[Any] = []
        if target:
            where.append("l.target = ?")
            params.append(target.upper())
        self._outlet_filter(where, params, outlet)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def label_usage(self, *, target: str | None = None, outlet: str | None = None,
                    top: int | None = None) -> list[LabelUsage]:
        """Per outlet, which terms it applies to which actor and how often: framing side by side.

        Terms are grouped case-insensitively; articles with no outlet are grouped as "(unknown)".
        `top` keeps only the most used rows (still in table order). Read from the label rollup when
        it is current (rollups.py), else from the live rows.
        """
        cond, params = self._label_filter(target, outlet)
        if self._rollups_fresh():
            query = ("SELECT coalesce(l.outlet, '(unknown)') AS outlet, l.target, l.term, l.n, l.n_articles, "
                     f"l.example FROM rollup_labels l{cond.replace('a.outlet', 'l.outlet')}")
        else:
            query = (
                "SELECT coalesce(a.outlet, '(unknown)') AS outlet, l.target, min(l.term) AS term, count(*) AS n, "
                "count(DISTINCT l.article_id) AS n_articles, min(l.evidence) AS example "
                f"FROM labels l JOIN articles a ON a.id = l.article_id{cond} GROUP BY 1, 2, lower(l.term)"
            )
        if top is not None:
            query = (f"SELECT * EXCLUDE (rk) FROM (SELECT *, row_number() OVER (ORDER BY n DESC, target, outlet, "
                     f"term) AS rk FROM ({query})) WHERE rk <= ?")
            params.append(max(top, 0))
        query = f"SELECT * FROM ({query}) ORDER BY 2, 1, 4 DESC, 3"
        return [LabelUsage(*r) for r in self._rows(query, params)]

    def count_label_usage(self, *, target: str | None = None, outlet: str | None = None) -> int:
        """How many rows `label_usage` gives without `top`."""
        cond, params = self._label_filter(target, outlet)
        if self._rollups_fresh():
            query = f"SELECT count(*) FROM rollup_labels l{cond.replace('a.outlet', 'l.outlet')}"
        else:
            query = ("SELECT count(*) FROM (SELECT DISTINCT coalesce(a.outlet, '(unknown)'), l.target, lower(l.term) "
                     f"FROM labels l JOIN articles a ON a.id = l.article_id{cond})")
        return int(self._rows(query, params)[0][0])

    def label_targets(self) -> list[str]:
        """Every actor some label is applied to, in code order (the labels and outlets pages' pickers)."""
        table = "rollup_labels" if self._rollups_fresh() else "labels"
        return [str(r[0]) for r in self._rows(f"SELECT DISTINCT target FROM {table} WHERE target IS NOT NULL "
                                              "ORDER BY 1")]

    #: The facts asserted and denied: (kind, source, target, what, status, by, denier, article, evidence,
    #: start, denial evidence) for events (not negated, not planned) and arms transfers.
    _FACTS = (
        "SELECT 'event' AS kind, source, target, type AS what, status, attributed_to, disputed_by, "
        "article_id, evidence, start, dispute_evidence, published FROM events "
        "WHERE NOT negated AND status <> 'planned' "
        "UNION ALL SELECT 'arms', r.supplier, r.recipient, r.system, r.status, r.attributed_to, r.disputed_by, "
        "r.article_id, r.evidence, r.start, r.dispute_evidence, a.published FROM arms r "
        "JOIN articles a ON a.id = r.article_id"
    )

    def _disputed(self, actor: str | None, kind: str | None) -> tuple[str, list[Any]]:
        """SELECT kind, source, target, what (lowered), n_asserted, n_denied of every disputed fact, in key order.

        From the rollup of fact counts when it is current (rollups.py), else from the live rows.
        """
        if kind not in (None, "event", "arms"):
            raise StoreError(f"unknown dispute kind {kind!r}; expected event or arms")
        where, params = [], []
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if actor:
            where.append("(source = ? OR target = ?)")
            params += [actor.upper(), actor.upper()]
        cond = (" WHERE " + " AND ".join(where)) if where else ""
        if self._rollups_fresh():
            query = ("SELECT kind, source, target, what, sum(n_asserted) AS n_asserted, sum(n_denied) AS n_denied "
                     f"FROM rollup_facts{cond} GROUP BY 1, 2, 3, 4")
        else:
            query = (
                "SELECT kind, source, target, lower(what) AS what, "
                "count(*) FILTER (WHERE status <> 'denied') AS n_asserted, "
                "count(*) FILTER (WHERE status = 'denied' OR disputed_by IS NOT NULL) AS n_denied "
                f"FROM ({self._FACTS}){cond} GROUP BY 1, 2, 3, 4"
            )
        return (f"SELECT * FROM ({query}) WHERE n_asserted > 0 AND n_denied > 0 ORDER BY 1, 2, 3, 4"), params

    def count_disputes(self, *, actor: str | None = None, kind: str | None = None) -> int:
        """How many facts `disputes` lists without a limit (read from the fact-count rollup when current)."""
        query, params = self._disputed(actor, kind)
        return int(self._rows(f"SELECT count(*) FROM ({query})", params)[0][0])

    def disputes(self, *, actor: str | None = None, kind: str | None = None, limit: int | None = None,
                 offset: int = 0, stances: int | None = None) -> list[DisputeRecord]:
        """Facts one party asserts and another denies, linked within and across articles.

        A fact is (source, target, PLOVER type) for events and (supplier, recipient,
        system) for arms. It is disputed when some article reports a denial of it
        (status denied, or a denial beside the claim in the same article) and some
        article asserts it (reported, claimed, or any non-denied arms status).
        `stances` keeps at most that many stances per side, the earliest (a fact reported
        by thousands of articles would otherwise carry thousands); `n_asserted` and
        `n_denied` always count them all.
        """
        disputed, params = self._disputed(actor, kind)
        disputed += self._paging(params, limit, offset)
        # rank each fact's rows per side so only the first `stances` of each side are read
        cap = ""
        if stances is not None:
            cap = " WHERE ra <= ? OR rd <= ?"
            params += [max(stances, 0), max(stances, 0)]
        # ordered and ranked by the facts' own copy of the publication day; the outlet is read only for
        # the rows kept (a big store's articles are not all joined for it)
        order = "f.published NULLS LAST, f.article_id, f.start"
        side = "PARTITION BY f.kind, f.source, f.target, lower(f.what), {flag} ORDER BY " + order
        # each side joins the page's facts first, so only their rows meet the articles (arms need their day)
        facts = (
            "SELECT 'event' AS kind, e.source, e.target, e.type AS what, e.status, e.attributed_to, e.disputed_by, "
            "e.article_id, e.published, e.evidence, e.dispute_evidence, e.start, d.n_asserted, d.n_denied "
            "FROM events e JOIN d ON d.kind = 'event' AND d.source = e.source AND d.target = e.target "
            "AND d.what = lower(e.type) WHERE NOT e.negated AND e.status <> 'planned' "
            "UNION ALL SELECT 'arms', r.supplier, r.recipient, r.system, r.status, r.attributed_to, r.disputed_by, "
            "r.article_id, a.published, r.evidence, r.dispute_evidence, r.start, d.n_asserted, d.n_denied "
            "FROM arms r JOIN d ON d.kind = 'arms' AND d.source = r.supplier AND d.target = r.recipient "
            "AND d.what = lower(r.system) JOIN articles a ON a.id = r.article_id"
        )
        query = (
            f"WITH d AS ({disputed}), f AS ({facts}), rows AS ("
            "SELECT f.*, "
            "CASE WHEN f.status <> 'denied' THEN row_number() OVER ("
            + side.format(flag="f.status <> 'denied'") + ") END AS ra, "
            "CASE WHEN f.status = 'denied' OR f.disputed_by IS NOT NULL THEN row_number() OVER ("
            + side.format(flag="(f.status = 'denied' OR f.disputed_by IS NOT NULL)") + ") END AS rd "
            "FROM f), "
            "kept AS (SELECT * EXCLUDE (ra, rd) FROM rows" + cap + ") "
            "SELECT k.kind, k.source, k.target, k.what, k.status, k.attributed_to, k.disputed_by, k.article_id, "
            "a.outlet, k.published, k.evidence, k.dispute_evidence, k.start, k.n_asserted, k.n_denied "
            "FROM kept k JOIN articles a ON a.id = k.article_id AND a.published IS NOT DISTINCT FROM k.published"
            " ORDER BY k.kind, k.source, k.target, lower(k.what), k.published NULLS LAST, k.article_id, k.start"
        )
        keep = stances if stances is not None else None
        groups: dict[tuple[str, str, str, str], tuple[list[Stance], list[Stance]]] = {}
        shown: dict[tuple[str, str, str, str], str] = {}
        totals: dict[tuple[str, str, str, str], tuple[int, int]] = {}
        for (kind_, src, tgt, what, status, by, denier, aid, outlet, published, evidence, denial, start,
             n_asserted, n_denied) in self._rows(query, params):
            key = (kind_, src, tgt, what.lower())
            shown.setdefault(key, what)
            totals[key] = (int(n_asserted), int(n_denied))
            asserted, denied = groups.setdefault(key, ([], []))
            stance = Stance(by=by, status=status, article_id=aid, outlet=outlet, published=_iso(published),
                            evidence=evidence, start=start)
            if status == "denied":
                denied.append(stance)
                continue
            asserted.append(stance)
            if denier:
                denied.append(Stance(by=denier, status="denied", article_id=aid, outlet=outlet,
                                     published=_iso(published), evidence=denial or evidence))
        return [
            DisputeRecord(kind=k[0], source=k[1], target=k[2], what=shown[k], asserted=tuple(a[:keep]),
                          denied=tuple(d[:keep]), n_asserted=totals[k][0], n_denied=totals[k][1])
            for k, (a, d) in groups.items() if a and d
        ]

    def actors(self, code: str | None = None) -> list[ActorRecord]:
        """Every actor code (or just `code`) with mention, article and event counts, most widely covered first."""
        one = code.upper() if code else None
        if self._rollups_fresh():
            with self._cursor() as cur:
                rows = cur.execute(
                    "WITH names AS (SELECT code, first(text ORDER BY n_preferred > 0 DESC, n DESC, text) AS name "
                    "FROM rollup_forms GROUP BY code) "
                    "SELECT r.code, coalesce(names.name, r.code), n_mentions, n_articles, n_source, n_target "
                    "FROM rollup_actors r LEFT JOIN names ON names.code = r.code "
                    + ("WHERE r.code = $code " if one else "")
                    + "ORDER BY 4 DESC, 3 DESC, r.code", {"code": one} if one else None).fetchall()
            return [ActorRecord(*row) for row in rows]
        only = "WHERE {col} = $code" if one else ""
        query = f"""
        WITH seen AS (
            SELECT code, article_id FROM article_actors {only.format(col="code")}
            UNION SELECT code, article_id FROM mentions {only.format(col="code")}
            UNION SELECT source, article_id FROM events {only.format(col="source")}
            UNION SELECT target, article_id FROM events {only.format(col="target")}
        ), arts AS (SELECT code, count(DISTINCT article_id) AS n FROM seen GROUP BY code),
        men AS (SELECT code, count(*) AS n FROM mentions {only.format(col="code")} GROUP BY code),
        src AS (SELECT source AS code, count(*) AS n FROM events {only.format(col="source")} GROUP BY source),
        tgt AS (SELECT target AS code, count(*) AS n FROM events {only.format(col="target")} GROUP BY target)
        SELECT act.code, act.name, coalesce(men.n, 0), coalesce(arts.n, 0),
               coalesce(src.n, 0), coalesce(tgt.n, 0)
        FROM actors act
        LEFT JOIN arts ON arts.code = act.code LEFT JOIN men ON men.code = act.code
        LEFT JOIN src ON src.code = act.code LEFT JOIN tgt ON tgt.code = act.code
        {only.format(col="act.code")}
        ORDER BY 4 DESC, 3 DESC, act.code
        """
        with self._cursor() as cur:
            rows = cur.execute(query, {"code": one} if one else None).fetchall()
        return [ActorRecord(*row) for row in rows]

    def people(self, *, actor: str | None = None, articles: list[str] | None = None) -> list[PersonRecord]:
        """One row per person and actor, with the role most often given to them.

        One person across spellings ("Vucic", "Vučić"; "Djukanovic", "Đukanović") is one
        row under the spelling with diacritics (issue 15, 3.10): rows group by `_PERSON_KEY`. Among
        spellings with as many diacritics the longer one is shown ("Zelenskyy"), then the one in mixed
        case, so the choice never depends on row order (the rollups pick the same way).
        `articles` counts only in those articles (an actor page's bounded candidates on a big store).
        """
        if articles is None and self._rollups_fresh():
            return self._people_rollup(actor)
        where = ""
        params: list[Any] = []
        only = ""
        if articles is not None:
            only = " WHERE article_id IN (SELECT unnest(?::VARCHAR[]))"
            params.append(articles)
        if actor:
            where = "WHERE p.actor = ?"
            params.append(actor.upper())
        key = _PERSON_KEY.format(col="name")
        query = f"""
        WITH keyed AS MATERIALIZED (
            SELECT *, {key} AS pkey FROM people{only}
        ), roles AS (
            SELECT pkey, actor, role, count(*) AS n FROM keyed WHERE role IS NOT NULL GROUP BY ALL
        ), best AS (
            SELECT pkey, actor, role FROM (
                SELECT *, row_number() OVER (PARTITION BY pkey, actor ORDER BY n DESC, role) AS rk
                FROM roles) WHERE rk = 1
        ), seen AS (
            SELECT pkey, list(DISTINCT role ORDER BY role) FILTER (WHERE role IS NOT NULL) AS roles,
                   list(DISTINCT actor ORDER BY actor) FILTER (WHERE actor IS NOT NULL) AS actors
            FROM keyed GROUP BY pkey
        )
        SELECT arg_max(p.name, (strlen(p.name) - length(p.name), length(p.name), p.name)) AS name, p.actor, any_value(b.role),
               count(DISTINCT p.article_id) AS n_articles, any_value(s.roles), any_value(s.actors)
        FROM keyed p LEFT JOIN best b ON b.pkey = p.pkey AND b.actor IS NOT DISTINCT FROM p.actor
        JOIN seen s ON s.pkey = p.pkey
        {where}
        GROUP BY p.pkey, p.actor
        ORDER BY n_articles DESC, name, p.actor NULLS LAST
        """
        return [PersonRecord(name, actor, role, n, tuple(roles or ()), tuple(actors or ()))
                for name, actor, role, n, roles, actors in self._rows(query, params)]

    def _people_rollup(self, actor: str | None) -> list[PersonRecord]:
        """`people` from the person rollups (rollups.py): the same rows, without reading every person row."""
        code = actor.upper() if actor else None
        mine = "WHERE actor = $code" if code else ""
        query = f"""
        WITH wanted AS (SELECT DISTINCT pkey FROM rollup_person_articles {mine}),
        f AS MATERIALIZED (SELECT * FROM rollup_person_forms WHERE pkey IN (SELECT pkey FROM wanted)),
        roles AS (SELECT pkey, actor, role, sum(n) AS n FROM f WHERE role IS NOT NULL GROUP BY 1, 2, 3),
        best AS (
            SELECT pkey, actor, role FROM (
                SELECT *, row_number() OVER (PARTITION BY pkey, actor ORDER BY n DESC, role) AS rk FROM roles)
            WHERE rk = 1
        ), seen AS (
            SELECT pkey, list(DISTINCT role ORDER BY role) FILTER (WHERE role IS NOT NULL) AS roles,
                   list(DISTINCT actor ORDER BY actor) FILTER (WHERE actor IS NOT NULL) AS actors
            FROM f GROUP BY pkey
        ), names AS (
            SELECT pkey, actor, arg_max(name, (strlen(name) - length(name), length(name), name)) AS name FROM f GROUP BY ALL
        )
        SELECT names.name, p.actor, b.role, p.n_articles, s.roles, s.actors
        FROM rollup_person_articles p JOIN names ON names.pkey = p.pkey AND names.actor IS NOT DISTINCT FROM p.actor
        LEFT JOIN best b ON b.pkey = p.pkey AND b.actor IS NOT DISTINCT FROM p.actor
        JOIN seen s ON s.pkey = p.pkey
        {mine.replace('actor', 'p.actor')}
        ORDER BY p.n_articles DESC, names.name, p.actor NULLS LAST
        """
        with self._cursor() as cur:
            rows = cur.execute(query, {"code": code} if code else None).fetchall()
        return [PersonRecord(name, actor, role, n, tuple(roles or ()), tuple(actors or ()))
                for name, actor, role, n, roles, actors in rows]

    _ARTICLE_COLUMNS = (
        "a.id, a.title, a.outlet, a.published, a.url, a.n_words, "
        "a.external_id, a.source_path, a.fmt, a.ingested_at"
    )

    def _article_records(self, rows: list[tuple[Any, ...]]) -> list[ArticleRecord]:
        """Records of a page of articles, with their event counts read for that page only.

        Why not a subquery per row: DuckDB turns it into a count of every article's events.
        Bounding the events by the page's publication days lets their zone maps skip the rest.
        """
        counts: dict[str, int] = {}
        if rows:
            days = [r[3] for r in rows if r[3] is not None]
            bounds = ["published BETWEEN ? AND ?"] if days else []
            params: list[Any] = [[r[0] for r in rows]] + ([min(days), max(days)] if days else [])
            if len(days) < len(rows):
                bounds.append("published IS NULL")
            counts = {str(i): int(n) for i, n in self._rows(
                "SELECT article_id, count(*) FROM events WHERE article_id IN (SELECT unnest(?::VARCHAR[])) "
                f"AND ({' OR '.join(bounds)}) GROUP BY 1", params)}
        return [
            ArticleRecord(
                id=row[0], title=row[1], outlet=row[2], published=_iso(row[3]), url=row[4],
                n_words=row[5] or 0, n_events=counts.get(row[0], 0), external_id=row[6], source_path=row[7],
                fmt=row[8], ingested_at=_iso(row[9]),
            )
            for row in rows
        ]

    def articles(
        self,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
        undated: str | None = None,
    ) -> list[ArticleRecord]:
        """Stored articles (without their text), in publication order; `text` matches title or body."""
        where, params = self._articles_where(outlet=outlet, since=since, until=until, text=text, undated=undated)
        order = "a.published DESC NULLS LAST, a.id" if newest_first else "a.published NULLS LAST, a.id"
        query = (
            f"SELECT {self._ARTICLE_COLUMNS} FROM articles a"
            + where
            + " ORDER BY " + order
            + self._paging(params, limit, offset)
        )
        return self._article_records(self._rows(query, params))

    def articles_counted(self, *, limit: int, offset: int = 0, newest_first: bool = False, **filters: Any
                         ) -> tuple[list[ArticleRecord], int]:
        """A page of `articles` and how many the filters select without a limit, in one pass over the rows
        when a text filter makes each row costly to test (issue 17: matching a word ignoring accents costs
        microseconds an article; the page and its count read every body twice). Else the list and `count`."""
        if not filters.get("text"):
            return (self.articles(limit=limit, offset=offset, newest_first=newest_first, **filters),
                    self.count_articles(**filters))
        where, params = self._articles_where(**filters)
        order = "published DESC NULLS LAST, id" if newest_first else "published NULLS LAST, id"
        paging = self._paging(params, limit, offset)
        total, ids = self._rows(f"WITH m AS MATERIALIZED (SELECT a.id, a.published FROM articles a{where}) "
                                f"SELECT (SELECT count(*) FROM m), (SELECT list(id) FROM (SELECT id FROM m ORDER BY "
                                f"{order}{paging}))", params)[0]
        if not ids:
            return [], int(total)
        found = {r[0]: r for r in self._rows(f"SELECT {self._ARTICLE_COLUMNS} FROM articles a "
                                             "WHERE a.id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)])}
        return self._article_records([found[i] for i in ids if i in found]), int(total)

    #: What `count` counts: the table, its alias, and how it joins the articles (for their dates).
    _COUNTED: ClassVar[dict[str, str]] = {
        "events": "events e JOIN articles a ON a.id = e.article_id",
        "arms": "arms r JOIN articles a ON a.id = r.article_id",
        "quotes": "quotes q JOIN articles a ON a.id = q.article_id",
        "labels": "labels l JOIN articles a ON a.id = l.article_id",
        "articles": "articles a",
    }

    def count(self, what: str, /, **filters: Any) -> int:
        """How many events, arms, quotes, labels or articles match `filters` (those their listing takes)."""
        builders: dict[str, Callable[..., tuple[str, list[Any]] | None]] = {
            "events": self._event_where, "arms": self._arms_where, "quotes": self._quotes_where,
            "labels": self._labels_where, "articles": self._articles_where}
        if what not in builders:
            raise StoreError(f"cannot count {what!r}; expected one of {', '.join(builders)}")
        for key in ("limit", "offset", "sort", "descending", "newest_first"):
            filters.pop(key, None)
        if what == "events":
            return self.count_events(**filters)
        table = self._COUNTED[what]
        if what != "articles" and _own_day(filters):  # their own copy of the day: no join (schema 7)
            table = table.split(" JOIN ")[0]
            filters["published"] = table.split()[1] + ".published"
        found = builders[what](**filters)
        if found is None:
            return 0
        where, params = found
        return int(self._rows(f"SELECT count(*) FROM {table}{where}", params)[0][0])

    def count_undated(self, what: str, /, **filters: Any) -> int:
        """How many `what` items the date range of `filters` leaves out because their article has no date.

        0 when `filters` has no since/until (undated items are then listed) or already keeps them.
        """
        if not (filters.get("since") or filters.get("until")) or filters.get("undated"):
            return 0
        return self.count(what, **{**filters, "since": None, "until": None, "undated": "only"})

    def article(self, article_id: str) -> ArticleRecord | None:
        """One article's metadata by id or unique id prefix; None when nothing matches."""
        resolved = self._resolve_id(article_id)
        if resolved is None:
            return None
        rows = self._rows(f"SELECT {self._ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", [resolved])
        return self._article_records(rows)[0] if rows else None

    def article_text(self, article_id: str) -> str | None:
        """The full text evidence offsets point into."""
        resolved = self._resolve_id(article_id)
        if resolved is None:
            return None
        rows = self._rows("SELECT text FROM articles WHERE id = ?", [resolved])
        return str(rows[0][0]) if rows else None

    def extraction(self, article_id: str) -> Extraction | None:
        """Rebuild the Extraction stored for an article (as written by `write_batch`)."""
        resolved = self._resolve_id(article_id)
        if resolved is None:
            return None

        def rows(table: str) -> list[tuple[Any, ...]]:
            cols = ", ".join(_q(c.name) for c in _TABLES[table]
                             if c.name not in ("article_id", "seq", "id", "published"))
            return self._rows(f"SELECT {cols} FROM {table} WHERE article_id = ? ORDER BY seq", [resolved])

        art = self._rows(
            "SELECT id, text, title, url, outlet, published, source_path, fmt, external_id "
            "FROM articles WHERE id = ?", [resolved])[0]
        article = Article(
            id=art[0], text=art[1], title=art[2], url=art[3], outlet=art[4], published=_iso(art[5]),
            source_path=art[6], fmt=art[7], external_id=art[8],
        )
        return Extraction(
            article=article,
            actors=tuple(r[0] for r in rows("article_actors")),
            mentions=tuple(Mention(*r) for r in rows("mentions")),
            people=tuple(Person(*r) for r in rows("people")),
            events=tuple(Event(*r) for r in rows("events")),
            arms=tuple(
                ArmsTransfer(supplier=r[0], recipient=r[1], system=r[2], status=r[3], evidence=r[4],
                             start=r[5], end=r[6], quantity=r[7], value_usd=r[8], weapon_class=r[9],
                             attributed_to=r[10], disputed_by=r[11], dispute_evidence=r[12], written=r[13],
                             package=r[14])
                for r in rows("arms")
            ),
            quotes=tuple(Quote(*r) for r in rows("quotes")),
            labels=tuple(Label(*r) for r in rows("labels")),
        )

    def failures(self) -> list[Failure]:
        """Inputs that could not be read, most recent first."""
        return [Failure(p, r) for p, r in self._rows("SELECT path, reason FROM failures ORDER BY seen_at DESC, path")]

    def summary(self) -> StoreSummary:
        """Headline counts for `powderkeg stats` and the web front page."""
        if self._rollups_fresh():
            actors_n, people_n, events, n = ("rollup_actors", "rollup_people", "rollup_dyads", "sum(n)")
        else:
            actors_n, events, n = "actors", "events", "count(*)"
            people_n = f"(SELECT DISTINCT {_PERSON_KEY.format(col='name')}, actor FROM people)"
        counts = self._rows(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
            f"(SELECT count(*) FROM {actors_n}), (SELECT count(*) FROM {people_n}), "
            "(SELECT count(*) FROM failures)"
        )[0]
        by_type = self._rows(f"SELECT type, {n} AS n FROM {events} GROUP BY type ORDER BY n DESC, type")
        dyads = self._rows(
            f"SELECT source, target, {n} AS n FROM {events} GROUP BY source, target "
            "ORDER BY n DESC, source, target LIMIT 10"
        )
        return StoreSummary(
            n_articles=counts[0], n_events=counts[1], n_actors=counts[2], n_people=counts[3],
            events_by_type={t: n for t, n in by_type},
            top_dyads=[(s, t, n) for s, t, n in dyads],
            n_failures=counts[4],
        )

    # -- counts and facets for the web pages ---------------------------------
    # Totals and facets use the same WHERE builders as the lists (`_arms_where`,
    # `_quotes_where`, ...), so a facet or a total counts exactly the rows the list shows
    # (tests/test_store_facets.py checks they agree).

    def count_arms(self, **filters: Any) -> int:
        """How many transfers `arms(**filters)` would list without a limit."""
        return self.count("arms", **filters)

    def count_quotes(self, **filters: Any) -> int:
        """How many quotes `quotes(**filters)` would list without a limit."""
        return self.count("quotes", **filters)

    def count_labels(self, **filters: Any) -> int:
        """How many label uses `labels(**filters)` would list without a limit."""
        return self.count("labels", **filters)

    def count_articles(self, **filters: Any) -> int:
        """How many articles `articles(**filters)` would list without a limit."""
        return self.count("articles", **filters)

    def _facets(self, base: str, found: tuple[str, list[Any]] | None, columns: dict[str, str],
                limit: int, fraction: float | None = None) -> list[Facet]:
        """One Facet per column: its `limit` commonest values among the rows `base + where` selects
        (counted on a `fraction` of them, scaled and marked estimated, when given)."""
        if found is None:
            return [Facet(name, []) for name in columns]
        where, params = found
        # One pass: the selected rows' facet columns are read once (joins included), then each facet
        # is a GROUP BY over them; an `unnest(...)` facet keeps its list and is unnested at counting.
        kept, counted = [], []
        for i, expr in enumerate(columns.values()):
            if expr.startswith("unnest(") and expr.endswith(")"):
                kept.append(f"{expr[len('unnest('):-1]} AS c{i}")
                counted.append(f"SELECT {i} AS facet, CAST(v AS VARCHAR) AS v, count(*) AS n "
                               f"FROM (SELECT unnest(c{i}) AS v FROM f) GROUP BY 2")
            else:
                kept.append(f"{expr} AS c{i}")
                counted.append(f"SELECT {i} AS facet, CAST(c{i} AS VARCHAR) AS v, count(*) AS n FROM f GROUP BY 2")
        query = (f"WITH f AS MATERIALIZED (SELECT {', '.join(kept)} {base}{where}), c AS ("
                 + " UNION ALL ".join(counted) + ") SELECT facet, v, n FROM (SELECT *, row_number() OVER "
                 "(PARTITION BY facet ORDER BY n DESC, v NULLS LAST) AS rk FROM c) WHERE rk <= ? ORDER BY facet, rk")
        found_rows: dict[int, list[tuple[Any, int]]] = {}
        for facet, v, n in self._rows(query, [*params, limit + 1]):
            found_rows.setdefault(int(facet), []).append((v, int(n)))
        scale = 1 / fraction if fraction else 1
        out = []
        for i, name in enumerate(columns):
            rows = found_rows.get(i, [])
            values = [(None if v is None else str(v), round(n * scale)) for v, n in rows[:limit]]
            out.append(Facet(name, values, truncated=len(rows) > limit, estimated=fraction is not None))
        return out

    def event_facets(self, *, limit: int = 10, sample_above: int | None = FACET_SAMPLE_ABOVE,
                     **filters: Any) -> list[Facet]:
        """Events matching the filters `events` takes, counted by type, status, outlet, actor and year.

        When more than `sample_above` events match (None: never), they are counted on a sample of
        about FACET_SAMPLE_ROWS events (whole row groups) and scaled: each Facet says `estimated`.
        """
        rolled = self._rollup_facets(limit, filters)
        if rolled is not None:
            return rolled
        events = "events"
        fraction = None
        if sample_above is not None:
            total = self.count_events(**filters)
            if total > max(sample_above, FACET_SAMPLE_ROWS):
                fraction = FACET_SAMPLE_ROWS / total
                events = f"(SELECT * FROM events TABLESAMPLE {fraction * 100:.6f}% (system, 17))"
        return self._facets(f"FROM {events} e JOIN articles a ON a.id = e.article_id", self._facet_where(filters),
                            EVENT_FACETS, limit, fraction)

    def _facet_where(self, filters: dict[str, Any]) -> tuple[str, list[Any]] | None:
        """The event facets' WHERE: a date range read on both sides of the join, the events' copy of the day
        and the articles' (equal), so the zone maps of both skip the other days (issue 17: a text search
        over the newest months joined every event to its article first, 0.6 s)."""
        found = self._event_where(**filters, published="e.published")
        dates = {k: filters.get(k) for k in ("since", "until", "undated")}
        if found is None or not any(dates.values()):
            return found
        where: list[str] = []
        params: list[Any] = []
        self._date_filters(where, params, dates["since"], dates["until"], dates["undated"], "a.published")
        if not where:
            return found
        return (found[0] + (" AND " if found[0] else " WHERE ") + " AND ".join(where)), found[1] + params

    #: Event facet -> (rollup, the SQL of its value there): exact facets when only actors and types filter.
    _ROLLUP_FACETS: ClassVar[dict[str, tuple[str, str]]] = {
        "type": ("rollup_dyads", "e.type"), "status": ("rollup_statuses", "e.status"),
        "outlet": ("rollup_outlet_events", "e.outlet"),
        "actor": ("rollup_dyads", "unnest(list_distinct([e.source, e.target]))"),
        "year": ("rollup_years", "CAST(e.year AS VARCHAR)"),
    }

    def _rollup_facets(self, limit: int, filters: dict[str, Any]) -> list[Facet] | None:
        """The event facets from the rollups (exact, a few thousand rows read) when only actor, dyad,
        source, target and type filter and the rollups are current (issue 17); else None."""
        given = {k for k, v in filters.items() if v}
        if not given <= {"actor", "dyad", "source", "target", "type"} or not self._rollups_fresh():
            return None
        where, params = self._event_where(**{k: filters[k] for k in given}) or ("", [])
        parts, all_params = [], []
        for i, name in enumerate(EVENT_FACETS):
            table, expr = self._ROLLUP_FACETS[name]
            parts.append(f"SELECT {i} AS facet, CAST(v AS VARCHAR) AS v, sum(n) AS n FROM "
                         f"(SELECT {expr} AS v, e.n FROM {table} e{where}) GROUP BY 2")
            all_params += params
        query = ("SELECT facet, v, n FROM (SELECT *, row_number() OVER (PARTITION BY facet ORDER BY n DESC, "
                 f"v NULLS LAST) AS rk FROM ({' UNION ALL '.join(parts)})) WHERE rk <= ? AND n > 0 "
                 "ORDER BY facet, rk")
        found: dict[int, list[tuple[Any, int]]] = {}
        for facet, v, n in self._rows(query, [*all_params, limit + 1]):
            found.setdefault(int(facet), []).append((None if v is None else str(v), int(n)))
        return [Facet(name, found.get(i, [])[:limit], truncated=len(found.get(i, [])) > limit)
                for i, name in enumerate(EVENT_FACETS)]

    def arms_facets(self, *, limit: int = 10, sample_above: int | None = FACET_SAMPLE_ABOVE,
                    **filters: Any) -> list[Facet]:
        """Transfers matching the filters `arms` takes, by supplier, recipient, status, class, outlet, year
        (on a sample above `sample_above` matching rows, as `event_facets`)."""
        return self._table_facets("arms r", self._arms_where, ARMS_FACETS, limit, sample_above, filters)

    def quote_facets(self, *, limit: int = 10, sample_above: int | None = FACET_SAMPLE_ABOVE,
                     **filters: Any) -> list[Facet]:
        """Quotes matching the filters `quotes` takes, by actor, kind, outlet and year (on a sample above
        `sample_above` matching rows, as `event_facets`)."""
        return self._table_facets("quotes q", self._quotes_where, QUOTE_FACETS, limit, sample_above, filters)

    def _table_facets(self, table: str, builder: Callable[..., tuple[str, list[Any]] | None],
                      columns: dict[str, str], limit: int, sample_above: int | None,
                      filters: dict[str, Any]) -> list[Facet]:
        """Facets of arms or quotes: exact, or above `sample_above` matching rows counted on about
        FACET_SAMPLE_ROWS of them (whole row groups) and scaled, each Facet marked `estimated` (issue 17)."""
        name, alias = table.split()
        source, fraction = name, None
        if sample_above is not None:
            total = self.count(name, **filters)
            if total > max(sample_above, FACET_SAMPLE_ROWS):
                fraction = FACET_SAMPLE_ROWS / total
                source = f"(SELECT * FROM {name} TABLESAMPLE {fraction * 100:.6f}% (system, 17))"
        return self._facets(f"FROM {source} {alias} JOIN articles a ON a.id = {alias}.article_id", builder(**filters),
                            columns, limit, fraction)

    def event(self, event_id: str) -> EventRecord | None:
        """One event by its id (as the events list and the API give it); None when no event has it."""
        rows = self._rows("SELECT article_id FROM events WHERE id = ?", [event_id.strip()])
        if not rows:
            return None
        found = [e for e in self.events(article_id=str(rows[0][0])) if e.id == event_id.strip()]
        return found[0] if found else None



def _event_record(row: tuple[Any, ...]) -> EventRecord:
    return EventRecord(
        id=row[0], article_id=row[1], source=row[2], target=row[3], type=row[4], negated=row[5],
        status=row[6], evidence=row[7], start=row[8], end=row[9], trigger=row[10],
        source_text=row[11], target_text=row[12], rule=row[13],
        outlet=row[14], published=_iso(row[15]), title=row[16], url=row[17],
        attributed_to=row[18], disputed_by=row[19], date=row[20], date_source=row[21],
    )

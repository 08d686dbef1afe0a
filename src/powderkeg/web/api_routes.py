"""The JSON API under /api: the CLI's queries over HTTP, with paging and CSV download.

Every route only reads. Lists answer {"items", "count", "limit", "offset", "next", ...};
`format=csv` returns the same rows as a CSV file instead. No reply grows past the
server's byte cap (`serve --max-reply-bytes`): a list page is cut short and says so
(`truncated`, and `next` goes on from the cut), and /api/sql runs in its own small
pool of workers with row, byte, cell-length and time limits (issue 14, section 4).
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, TypeVar
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import Response

from powderkeg import csvout
from powderkeg.api import KnowledgeBase
from powderkeg.errors import StoreError
from powderkeg.models import (
    ActorRecord,
    ArmsRecord,
    ArticleRecord,
    EventRecord,
    LabelRecord,
    LabelUsage,
    PersonRecord,
    QueryResult,
    QuoteRecord,
)
from powderkeg.store import CELL_TRUNCATED
from powderkeg.story import INCIDENT_SORTS, copy_row, deal_row, incident_row, report_row, sort_incidents
from powderkeg.web import params as P
from powderkeg.web import schemas as S

if TYPE_CHECKING:
    from powderkeg.deals import Deal
    from powderkeg.incidents import Incident

router = APIRouter(prefix="/api", tags=["api"])
_T = TypeVar("_T")

Format = Annotated[str, Query(alias="format", pattern=r"^(json|csv)$", description="json or csv.")]
#: SQL results are capped at this many rows, and a query at this many seconds (see create_app).
SQL_MAX_ROWS = 10_000


@dataclass(frozen=True)
class Limits:
    """What one reply may cost the server (set by `powderkeg serve` options)."""

    max_reply_bytes: int = 4_000_000
    max_cell_chars: int = 10_000
    sql_timeout: float = 5.0
    sql_workers: int = 2
    sql_wait: float = 2.0  # seconds a query waits for a free worker before a 503
    sql_memory_mb: int = 1024


@dataclass
class SqlGate:
    """At most `workers` SQL queries at once, in threads of their own, so they cannot starve the pages.

    A request waits up to `wait` seconds for a worker, then gets a 503. A worker is
    given back only when its query really ends (not when its client goes away).
    """

    workers: int
    wait: float
    _pool: ThreadPoolExecutor = field(init=False)
    _slots: dict[int, asyncio.Semaphore] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._pool = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="powderkeg-sql")

    def _semaphore(self, loop: asyncio.AbstractEventLoop) -> asyncio.Semaphore:
        # One per event loop (a test client may run several); a server has one.
        return self._slots.setdefault(id(loop), asyncio.Semaphore(self.workers))

    async def run(self, work: Callable[[], _T]) -> _T:
        loop = asyncio.get_running_loop()
        slots = self._semaphore(loop)
        try:
            await asyncio.wait_for(slots.acquire(), timeout=self.wait)
        except TimeoutError:
            raise HTTPException(503, f"busy: {self.workers} SQL queries are already running; try again in a moment",
                                headers={"Retry-After": "1"}) from None
        try:
            future = self._pool.submit(work)
        except BaseException:
            slots.release()
            raise
        future.add_done_callback(lambda _: loop.call_soon_threadsafe(slots.release))
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def get_kb(request: Request) -> KnowledgeBase:
    """The app's read-only knowledge base."""
    kb: KnowledgeBase = request.app.state.kb
    return kb


def get_limits(request: Request) -> Limits:
    limits: Limits = request.app.state.limits
    return limits


KB = Annotated[KnowledgeBase, Depends(get_kb)]
Caps = Annotated[Limits, Depends(get_limits)]


# --------------------------------------------------------------------------- replies


def _dump(value: Any) -> bytes:
    """JSON as Starlette's JSONResponse writes it."""
    return json.dumps(jsonable_encoder(value), ensure_ascii=False, allow_nan=False,
                      separators=(",", ":")).encode("utf-8")


def _public(record: Any) -> dict[str, Any]:
    """A record as a dict, without server-side fields (an article's source_path); a row already built as
    a dict (powderkeg.story's shapes) is kept as it is."""
    if isinstance(record, dict):
        return record
    row = dataclasses.asdict(record)
    if isinstance(record, ArticleRecord):
        for name in S.PRIVATE_ARTICLE_FIELDS:
            row.pop(name, None)
    return row


def _rows(records: Sequence[Any]) -> list[dict[str, Any]]:
    return [_public(r) for r in records]


def _json(body: Any, limits: Limits) -> Response:
    """A JSON reply; one over the byte cap is refused rather than built (lists and SQL cut instead)."""
    data = _dump(body)
    if len(data) > limits.max_reply_bytes:
        raise HTTPException(413, f"the reply would be {len(data):,} bytes, over this server's cap of "
                                 f"{limits.max_reply_bytes:,} (powderkeg serve --max-reply-bytes)")
    return Response(data, media_type="application/json")


def _csv_response(chunks: list[str], name: str, truncated_by: Sequence[str], next_url: str | None,
                  total: int | None = None) -> Response:
    """CSV; its headers say whether rows were left out (and by which limit) and how many match in all."""
    headers = {"Content-Disposition": f'attachment; filename="powderkeg-{name}.csv"',
               "X-Truncated": "true" if truncated_by else "false"}
    if total is not None:
        headers["X-Total-Count"] = str(total)
    if truncated_by:
        headers["X-Powderkeg-Truncated"] = ",".join(truncated_by)
    if next_url:
        headers["X-Powderkeg-Next"] = next_url
    return Response("".join(chunks), media_type="text/csv; charset=utf-8", headers=headers)


def _next_url(request: Request, offset: int, last_id: Any = None) -> str:
    """The next page's link: the offset moved on, and a keyset cursor (`after=`) moved to the last item sent."""
    query = dict(request.query_params)
    query["offset"] = str(offset)
    if "after" in query and last_id is not None:
        query["after"] = str(last_id)
    return f"{request.url.path}?{urlencode(query)}"


def _page(request: Request, records: list[Any], *, name: str, fmt: str, limit: int, offset: int,
          limits: Limits, columns: Sequence[str], total: int | None = None,
          extra: dict[str, Any] | None = None) -> Response:
    """One page of records (`limit + 1` were fetched, so a next link is given only when more exist).

    Items are written one by one until the byte cap: a page cut there is marked
    `truncated` (by "bytes") and its `next` link starts at the first item left out; a page
    with more rows after it is `truncated` by "rows", so a download says it is not the whole
    selection. An offset past the end answers an empty page with `total` and a `note`.
    """
    more = len(records) > limit
    rows = _rows(records[:limit])
    budget = limits.max_reply_bytes - 2048  # room for the envelope around the items
    kept: list[bytes | str] = []
    used = 0
    if fmt == "csv":
        header = csvout.row(_public_columns(rows, columns))
        used = len(header.encode())
        for row in rows:
            line = csvout.row(row.values())
            used += len(line.encode())
            if used > budget:
                break
            kept.append(line)
    else:
        for row in rows:
            item = _dump(row)
            used += len(item) + 1
            if used > budget:
                break
            kept.append(item)
    cut = len(kept) < len(rows)
    truncated_by = ["bytes"] if cut else ["rows"] if more else []
    last_id = rows[len(kept) - 1].get("id") if kept else None
    nxt = _next_url(request, offset + len(kept), last_id) if (more or cut) else None
    if fmt == "csv":
        return _csv_response([header, *(str(k) for k in kept)], name, truncated_by, nxt, total)
    note = None
    if not rows and offset > 0:
        note = f"offset {offset} is past the end of the list" + (f" ({total} in all)" if total is not None else "")
    envelope: dict[str, Any] = {"count": len(kept), "limit": limit, "offset": offset, "next": nxt,
                                "total": total, "note": note, "truncated": bool(truncated_by),
                                "truncated_by": truncated_by, **(extra or {})}
    names = P.resolved_json(request)
    if names:
        envelope["resolved"] = names  # which code each actor name stood for
    head = _dump(envelope)[:-1]
    items = b",".join(k if isinstance(k, bytes) else k.encode() for k in kept)
    return Response(head + b',"items":[' + items + b"]}", media_type="application/json")


def _public_columns(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> list[str]:
    names = list(rows[0]) if rows else list(columns)
    return [c for c in names if c not in S.PRIVATE_ARTICLE_FIELDS]


def _undated(request: Request, kb: KnowledgeBase, kind: str, filters: dict[str, Any]) -> dict[str, Any]:
    """{"undated_left_out": N, "undated_url": ...} when since/until left out N undated items, else {}."""
    n = kb.count_undated(kind, **filters)
    if not n:
        return {}
    query = {k: v for k, v in request.query_params.items() if k not in ("offset", "undated_only")}
    query["include_undated"] = "true"
    return {"undated_left_out": n, "undated_url": f"{request.url.path}?{urlencode(query)}"}


def _fields(record_type: type) -> list[str]:
    return [f.name for f in dataclasses.fields(record_type)]


# --------------------------------------------------------------------------- routes


@router.get("/summary", summary="Headline counts", response_model=S.Summary)
def summary(kb: KB, limits: Caps) -> Response:
    """Articles, events, actors, people, failures; events by type; the top dyads."""
    return _json(dataclasses.asdict(kb.summary()), limits)


@router.get("/articles", summary="Articles (metadata)", response_model=S.ArticlePage,
            responses=S.responses(422, csv=True))
def articles(request: Request, kb: KB, limits: Caps, outlet: P.Outlet = None, since: P.Since = None,
             until: P.Until = None,
             text: Annotated[str | None, Query(alias="q", max_length=500,
                                               description="Title or text contains this.")] = None,
             undated: P.Undated = None, limit: P.Limit = 50, offset: P.Offset = 0,
             fmt: Format = "json") -> Response:
    """Stored articles in publication order, without their text (see /api/articles/{id})."""
    filters: dict[str, Any] = {"outlet": outlet or None, "since": since or None, "until": until or None,
                               "text": text or None,
                               "undated": undated}
    records = kb.articles(**filters, limit=limit + 1, offset=offset)
    return _page(request, records, name="articles", fmt=fmt, limit=limit, offset=offset, limits=limits,
                 columns=_fields(ArticleRecord), total=kb.store.count_articles(**filters), extra=_undated(request, kb, "articles", filters))


@router.get("/articles/{article_id}", summary="One article with everything extracted from it",
            response_model=S.ArticleDetail, responses=S.responses(404, 422))
def article(article_id: Annotated[str, Path(max_length=80)], kb: KB, limits: Caps) -> Response:
    """Metadata, full text, and every event, arms transfer, quote, label, mention and person,
    each with its character offsets into the text. A text too long for the byte cap is cut
    (`truncated`); the offsets still count from the start of the full text."""
    record = kb.article(article_id)
    extraction = kb.extraction(record.id)
    body: dict[str, Any] = {
        "article": _public(record),
        "text": "",
        "events": _rows(kb.events(article_id=record.id)),
        "arms": _rows(kb.arms(article_id=record.id)),
        "quotes": _rows(kb.quotes(article_id=record.id)),
        "labels": _rows(kb.labels(article_id=record.id)),
        "mentions": _rows(extraction.mentions),
        "people": _rows(extraction.people),
        "truncated": False,
        "truncated_by": [],
    }
    text = extraction.article.text
    room = limits.max_reply_bytes - len(_dump(body)) - 64
    if len(_dump(text)) > room:
        body.update(truncated=True, truncated_by=["bytes"])
        text = _fit(text, max(room, 0))
    body["text"] = text
    return _json(body, limits)


def _fit(text: str, room: int) -> str:
    """The longest prefix of `text` whose JSON takes at most `room` bytes (with the cut marker)."""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if len(_dump(text[:mid] + CELL_TRUNCATED)) <= room:
            low = mid
        else:
            high = mid - 1
    return text[:low] + CELL_TRUNCATED if low < len(text) else text


@router.get("/actors", summary="Actors", response_model=S.ActorPage, responses=S.responses(422, csv=True))
def actors(request: Request, kb: KB, limits: Caps, limit: P.Limit = 500, offset: P.Offset = 0,
           fmt: Format = "json") -> Response:
    """Every actor code seen, most widely covered first, with mention and event counts."""
    every = kb.actors()
    return _page(request, every[offset:offset + limit + 1], name="actors", fmt=fmt, limit=limit, offset=offset,
                 limits=limits, columns=_fields(ActorRecord), total=len(every))


@router.get("/actors/{code}", summary="One actor: dyads, people, labels, arms", response_model=S.ActorDetail,
            responses=S.responses(404, 422))
def actor(code: Annotated[str, Path(pattern=P.CODE)], kb: KB, limits: Caps) -> Response:
    """Who the actor acts on and who acts on it (by type), its people, the labels each outlet
    gives it, and the arms it supplies or receives."""
    found = kb.actors(code)
    if not found:
        raise HTTPException(404, f"no actor {code.upper()!r} in this knowledge base")
    dyads = [{"source": s, "target": t, "type": k, "n": n} for s, t, k, n in kb.dyads(code)]
    return _json({
        "actor": dataclasses.asdict(found[0]),
        "dyads": dyads,
        "timeline": [{"month": m, "type": t, "n": n} for m, t, n in kb.event_timeline(actor=code)],
        "people": _rows(kb.people(actor=code)),
        "labels": _rows(kb.label_usage(target=code)),
        "arms": _rows(kb.arms(actor=code, limit=200)),  # the rest: /api/arms?actor=CODE
    }, limits)


@router.get("/people", summary="People", response_model=S.PersonPage, responses=S.responses(422, csv=True))
def people(request: Request, kb: KB, limits: Caps, actor: P.Actor = None, limit: P.Limit = 500,
           offset: P.Offset = 0, fmt: Format = "json") -> Response:
    """Named people with the actor they act for and their most common role."""
    every = kb.people(actor=actor or None)
    return _page(request, every[offset:offset + limit + 1], name="people", fmt=fmt, limit=limit, offset=offset,
                 limits=limits, columns=_fields(PersonRecord), total=len(every))


@router.get("/events", summary="Events", response_model=S.EventPage, responses=S.responses(422, csv=True))
def events(request: Request, kb: KB, limits: Caps, filters: Annotated[P.EventFilters, Depends(P.event_filters)],
           sort: P.Sort = None, order: P.Order = "asc", limit: P.Limit = 50, offset: P.Offset = 0,
           after: P.After = None, fmt: Format = "json") -> Response:
    """Events matching every filter, each with its evidence sentence and article; `total` counts all
    matches. `after=<event id>` starts after that event (a keyset cursor: deep pages stay fast)."""
    kwargs = filters.store_kwargs()
    try:
        records = kb.events(**kwargs, sort=sort, descending=order == "desc", limit=limit + 1, offset=offset,
                            after=after)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    total = kb.count_events(**kwargs)
    return _page(request, records, name="events", fmt=fmt, limit=limit, offset=offset, limits=limits,
                 columns=_fields(EventRecord), total=total, extra=_undated(request, kb, "events", kwargs))


@router.get("/arms", summary="Arms register", response_model=S.ArmsPage, responses=S.responses(422, csv=True))
def arms(request: Request, kb: KB, limits: Caps, supplier: P.Supplier = None, recipient: P.Recipient = None,
         actor: P.Actor = None,
         system: Annotated[str | None, Query(max_length=200, description="System or class contains this.")] = None,
         status: Annotated[str | None, Query(pattern=P.ARMS_STATUS, description="Arms status.")] = None,
         outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None, undated: P.Undated = None,
         article: P.Article = None, limit: P.Limit = 50, offset: P.Offset = 0, fmt: Format = "json") -> Response:
    """Transfers of weapon systems: supplier, recipient, system, quantity, value, status, evidence."""
    filters: dict[str, Any] = {
        "supplier": supplier or None, "recipient": recipient or None, "actor": actor or None,
        "system": system or None, "status": status or None, "outlet": outlet or None, "since": since or None,
        "until": until or None, "undated": undated, "article_id": article or None}
    records = kb.arms(**filters, limit=limit + 1, offset=offset)
    return _page(request, records, name="arms", fmt=fmt, limit=limit, offset=offset, limits=limits,
                 columns=_fields(ArmsRecord), total=kb.store.count_arms(**filters), extra=_undated(request, kb, "arms", filters))


@router.get("/quotes", summary="Quotes", response_model=S.QuotePage, responses=S.responses(422, csv=True))
def quotes(request: Request, kb: KB, limits: Caps,
           speaker: Annotated[str | None, Query(max_length=200, description="Speaker contains this.")] = None,
           actor: P.Actor = None,
           text: Annotated[str | None, Query(alias="q", max_length=500, description="Quote contains this.")] = None,
           kind: Annotated[str | None, Query(pattern=r"^(direct|indirect)$")] = None,
           outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None, undated: P.Undated = None,
           article: P.Article = None, limit: P.Limit = 50, offset: P.Offset = 0, fmt: Format = "json") -> Response:
    """Who said what, direct or reported, with the speaker's actor."""
    filters: dict[str, Any] = {
        "speaker": speaker or None, "actor": actor or None, "contains": text or None, "kind": kind or None,
        "outlet": outlet or None, "since": since or None, "until": until or None, "undated": undated, "article_id": article or None}
    records = kb.quotes(**filters, limit=limit + 1, offset=offset)
    return _page(request, records, name="quotes", fmt=fmt, limit=limit, offset=offset, limits=limits,
                 columns=_fields(QuoteRecord), total=kb.store.count_quotes(**filters), extra=_undated(request, kb, "quotes", filters))


@router.get("/labels", summary="Labels", response_model=S.LabelPage, responses=S.responses(422, csv=True))
def labels(request: Request, kb: KB, limits: Caps, target: P.Target = None,
           term: Annotated[str | None, Query(max_length=200, description="Term contains this.")] = None,
           outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None, undated: P.Undated = None,
           article: P.Article = None, limit: P.Limit = 50, offset: P.Offset = 0, fmt: Format = "json") -> Response:
    """Each use of a framing label ("breakaway region", "Republic of Kosovo") for an actor."""
    filters: dict[str, Any] = {
        "target": target or None, "term": term or None, "outlet": outlet or None, "since": since or None,
        "until": until or None, "undated": undated, "article_id": article or None}
    records = kb.labels(**filters, limit=limit + 1, offset=offset)
    return _page(request, records, name="labels", fmt=fmt, limit=limit, offset=offset, limits=limits,
                 columns=_fields(LabelRecord), total=kb.store.count_labels(**filters), extra=_undated(request, kb, "labels", filters))


@router.get("/labels/usage", summary="Labels by outlet", response_model=S.LabelUsagePage,
            responses=S.responses(422, csv=True))
def label_usage(request: Request, kb: KB, limits: Caps, target: P.Target = None, outlet: P.Outlet = None,
                limit: P.Limit = 500, offset: P.Offset = 0, fmt: Format = "json") -> Response:
    """Per outlet, which terms it applies to which actor and how often."""
    every = kb.label_usage(target=target or None, outlet=outlet or None)
    return _page(request, every[offset:offset + limit + 1], name="label-usage", fmt=fmt, limit=limit,
                 offset=offset, limits=limits, columns=_fields(LabelUsage), total=len(every))


@router.get("/disputes", summary="Disputed facts", response_model=S.DisputePage,
            responses=S.responses(422, csv=True))
def disputes(request: Request, kb: KB, limits: Caps, actor: P.Actor = None,
             kind: Annotated[str | None, Query(pattern=r"^(event|arms)$")] = None,
             limit: P.Limit = 50, offset: P.Offset = 0, fmt: Format = "json",
             stances: Annotated[int, Query(ge=1, le=1000, description="Stances kept per side of each fact, the "
                                           "earliest; n_asserted and n_denied count them all.")] = 20) -> Response:
    """Facts one party asserts and another denies, with both sides' evidence (the first `stances` of each side,
    and how many there are in all). In CSV the stances are JSON arrays."""
    records = kb.disputes(actor=actor or None, kind=kind or None, limit=limit + 1, offset=offset, stances=stances)
    return _page(request, records, name="disputes", fmt=fmt, limit=limit, offset=offset, limits=limits,
                 columns=("kind", "source", "target", "what", "n_asserted", "n_denied", "asserted", "denied"),
                 total=kb.count_disputes(actor=actor or None, kind=kind or None))


IncidentSort = Annotated[str, Query(pattern=r"^(" + "|".join(INCIDENT_SORTS) + r")$",
                                    description="date (of the act), independent (sources) or reports; "
                                                "the last two most first.")]
MinReports = Annotated[int, Query(ge=1, le=10_000, description="Only incidents with this many reports or more.")]
Window = Annotated[int, Query(ge=0, le=60, description="Days two reports' act dates may differ and still "
                                                       "tell one act.")]


#: Incidents are merged in Python from the events a request selects: on a large knowledge base the pages
#: and the API build them from the newest this many, and say so (narrower filters reach older ones).
#: 3,000 keeps /incidents and /deals under 300 ms on a ten-million-event store (10,000: 0.6-0.8 s).
INCIDENT_EVENTS = 3_000
#: Copy groups are built from the articles of the newest this many reports (issue 17: every report of a
#: ten-million-event store is ~2 million rows read into Python per request).
COPY_REPORTS = 10_000
#: An actor page's per-outlet coverage counts in the newest this many articles naming the actor
#: (10,000: 0.4-0.47 s for the page on a ten-million-event store).
COVERAGE_ARTICLES = 3_000


@dataclass(frozen=True)
class Bound:
    """How many matching events (or arms records) incidents (or deals) were built from, of how many."""

    used: int
    matching: int
    noun: str = "events"
    hint: str = "actor, dyad, type, dates"

    @property
    def note(self) -> str | None:
        if self.used >= self.matching:
            return None
        if not self.hint:
            return (f"Built from the newest {self.used:,} of {self.matching:,} {self.noun}; older ones are left out "
                    "(the CLI and the Python API read them all).")
        return (f"Built from the newest {self.used:,} of {self.matching:,} matching {self.noun}; older reports are "
                f"left out. Narrow the filters ({self.hint}) to reach them.")


def copy_rows(kb: KnowledgeBase) -> tuple[list[dict[str, Any]], Bound]:
    """The copy groups (powderkeg.story rows) of the page and the API, built from the articles of the newest
    COPY_REPORTS reports, and that bound."""
    matching = kb.store.count_reports()
    rows = [copy_row(g) for g in kb.copy_groups(max_reports=COPY_REPORTS)]
    return rows, Bound(min(matching, COPY_REPORTS), matching, "reports", "")


def incident_rows(kb: KnowledgeBase, filters: P.EventFilters, *, window: int, min_reports: int,
                  sort: str) -> tuple[list[dict[str, Any]], Bound]:
    """The incidents of the events `filters` select, as powderkeg.story rows (the API's and the page's list),
    and the bound they were built under."""
    kwargs = filters.store_kwargs()
    matching = kb.count("events", **kwargs)
    found = kb.incidents(window=window, max_events=INCIDENT_EVENTS, **kwargs)
    rows = sort_incidents([incident_row(i) for i in found if len(i.reports) >= min_reports], sort)
    return rows, Bound(min(matching, INCIDENT_EVENTS), matching)


@router.get("/copies", summary="Copy groups", response_model=S.CopyGroupPage, responses=S.responses(422, csv=True))
def copies(request: Request, kb: KB, limits: Caps, limit: P.Limit = 50, offset: P.Offset = 0,
           fmt: Format = "json") -> Response:
    """Reports that are copies of one text (exact or near: retitled, trimmed, credited), origin first,
    with the wire the text credits. Only groups of two or more reports. In CSV the reports are JSON arrays."""
    every, bound = copy_rows(kb)
    return _page(request, every[offset:offset + limit + 1], name="copies", fmt=fmt, limit=limit, offset=offset,
                 limits=limits, columns=("group", "wire", "reports"), total=len(every),
                 extra={"reports_used": bound.used, "reports_matching": bound.matching, "bound_note": bound.note})


@router.get("/incidents", summary="Incidents", response_model=S.IncidentPage, responses=S.responses(422, csv=True))
def incidents(request: Request, kb: KB, limits: Caps,
              filters: Annotated[P.EventFilters, Depends(P.event_filters)], min_reports: MinReports = 1,
              sort: IncidentSort = "date", window: Window = 3, limit: P.Limit = 50, offset: P.Offset = 0,
              fmt: Format = "json") -> Response:
    """Events that several reports give of one act, merged (filters as /api/events): the reports, outlets,
    independent sources (copies of one origin count once) and statuses of each. In CSV the lists are JSON."""
    every, bound = incident_rows(kb, filters, window=window, min_reports=min_reports, sort=sort)
    return _page(request, every[offset:offset + limit + 1], name="incidents", fmt=fmt, limit=limit, offset=offset,
                 limits=limits, columns=tuple(S.IncidentRow.model_fields), total=len(every),
                 extra={"events_used": bound.used, "events_matching": bound.matching, "bound_note": bound.note})


def find_incident(kb: KnowledgeBase, incident_id: str, filters: P.EventFilters, window: int) -> Incident:
    """The incident with this id among those the filters and window build, or a 404 saying so."""
    found = next((i for i in kb.incidents(window=window, max_events=INCIDENT_EVENTS, **filters.store_kwargs())
                  if i.id == incident_id), None)
    if found is None:
        raise HTTPException(404, f"no incident {incident_id!r} among those these filters and window={window} build")
    return found


@router.get("/incidents/{incident_id}", summary="One incident with its reports", response_model=S.IncidentDetail,
            responses=S.responses(404, 422))
def incident(incident_id: Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")], kb: KB, limits: Caps,
             filters: Annotated[P.EventFilters, Depends(P.event_filters)], window: Window = 3) -> Response:
    """An incident's row and its reports in order (event, article, outlet, status, evidence). Its id
    depends on the events it merges: give the filters and window of the list it came from."""
    found = find_incident(kb, incident_id, filters, window)
    coverage = [dataclasses.asdict(c) for c in kb.incident_coverage(found)]
    return _json({**incident_row(found), "timeline": [report_row(r) for r in found.reports], "coverage": coverage},
                 limits)


@router.get("/deals", summary="Deal register", response_model=S.DealPage, responses=S.responses(422, csv=True))
def deals(request: Request, kb: KB, limits: Caps, supplier: P.Supplier = None, recipient: P.Recipient = None,
          actor: P.Actor = None,
          system: Annotated[str | None, Query(max_length=200, description="System or class contains this.")] = None,
          status: Annotated[str | None, Query(pattern=P.ARMS_STATUS, description="Arms status.")] = None,
          outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None, limit: P.Limit = 50,
          offset: P.Offset = 0, fmt: Format = "json") -> Response:
    """Arms records of one deal across reports, one row each with its steps (requested -> approved ->
    delivered), quantities, values and the reports of each step. In CSV the steps are JSON arrays."""
    query = {"supplier": supplier, "recipient": recipient, "actor": actor, "system": system, "status": status,
             "outlet": outlet, "since": since, "until": until}
    every, bound = deal_list(kb, query)
    return _page(request, [deal_row(d) for d in every[offset:offset + limit + 1]], name="deals", fmt=fmt,
                 limit=limit, offset=offset, limits=limits, columns=tuple(S.DealRow.model_fields), total=len(every),
                 extra={"records_used": bound.used, "records_matching": bound.matching,
                        "bound_note": bound.note})


def deal_list(kb: KnowledgeBase, query: dict[str, Any]) -> tuple[list[Deal], Bound]:
    """The deals of the arms records `query` selects, built from the newest INCIDENT_EVENTS records at most
    (the page's and the API's list), and that bound. Callers make powderkeg.story rows of the page they
    show only (issue 17: rows of every deal cost more than the rest of the page)."""
    kwargs = {k: v for k, v in query.items() if v}
    matching = kb.count("arms", **kwargs)
    return kb.deals(max_records=INCIDENT_EVENTS, **kwargs), Bound(min(matching, INCIDENT_EVENTS), matching, "arms records", "supplier, recipient, system, dates")


@dataclass(frozen=True)
class _OutletRow:
    outlet: str
    n_articles: int
    n_events: int


@router.get("/outlets", summary="Outlets", response_model=S.OutletPage, responses=S.responses(422, csv=True))
def outlets(request: Request, kb: KB, limits: Caps, limit: P.Limit = 500, offset: P.Offset = 0,
            fmt: Format = "json") -> Response:
    """Each named outlet with its article and event counts."""
    every = [_OutletRow(o, a, e) for o, a, e in kb.outlets()]
    return _page(request, every[offset:offset + limit + 1], name="outlets", fmt=fmt, limit=limit, offset=offset,
                 limits=limits, columns=_fields(_OutletRow), total=len(every))


@router.get("/sql", summary="Read-only SQL", response_model=S.SqlReply,
            responses=S.responses(400, 422, 503, csv=True))
async def sql(request: Request, kb: KB, limits: Caps,
              q: Annotated[str, Query(min_length=1, max_length=20_000, description="One read-only SELECT.")],
              limit: Annotated[int, Query(ge=1, le=SQL_MAX_ROWS)] = 1000, fmt: Format = "json") -> Response:
    """Run one read-only query against the tables (articles, events, arms, quotes, labels, people,
    mentions, actors). Writes, ATTACH, INSTALL/LOAD and file access are refused with a 400.
    The result is cut at `limit` rows, at the server's reply byte cap, and each text cell at its
    cell length (ending in …[truncated]); `truncated_by` says which. The query, its fetching and
    the writing of the reply share the server's time limit. A few queries run at once; the
    others wait briefly, then get a 503 (try again)."""
    gate: SqlGate = request.app.state.sql_gate
    return await gate.run(lambda: _run_sql(kb, q, limit, fmt, limits))


def _run_sql(kb: KnowledgeBase, query: str, limit: int, fmt: str, limits: Limits) -> Response:
    """The query and its reply, built in a SQL worker thread; over the time limit it is an error."""
    started = time.monotonic()
    budget = limits.max_reply_bytes - 1024
    try:
        result = kb.sql(query, limit=limit, timeout=limits.sql_timeout, max_bytes=budget,
                        max_cell=limits.max_cell_chars, memory_limit_mb=limits.sql_memory_mb)
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from exc
    reply = _sql_csv(result, budget) if fmt == "csv" else _sql_json(result, budget, limits, limit)
    if time.monotonic() - started > limits.sql_timeout:
        raise HTTPException(400, f"query stopped after the {limits.sql_timeout:g} s time limit "
                                 "(while writing its reply)")
    return reply


def _sql_json(result: QueryResult, budget: int, limits: Limits, limit: int) -> Response:
    used = len(_dump(result.columns))
    kept: list[bytes] = []
    for row in result.rows:
        item = _dump(list(row))
        used += len(item) + 1
        if used > budget:
            break
        kept.append(item)
    hit = list(result.truncated_by)
    if len(kept) < len(result.rows) and "bytes" not in hit:
        hit.append("bytes")
    envelope = {"columns": result.columns, "count": len(kept), "truncated": bool(hit), "truncated_by": hit,
                "cells_truncated": result.cells_truncated,
                "limits": {"rows": limit, "bytes": limits.max_reply_bytes,
                           "cell_chars": limits.max_cell_chars, "seconds": limits.sql_timeout}}
    head = _dump(envelope)[:-1]
    return Response(head + b',"rows":[' + b",".join(kept) + b"]}", media_type="application/json")


def _sql_csv(result: QueryResult, budget: int) -> Response:
    header = csvout.row(result.columns)
    used = len(header.encode())
    kept = [header]
    for row in result.rows:
        line = csvout.row(row)
        used += len(line.encode())
        if used > budget:
            break
        kept.append(line)
    hit = list(result.truncated_by)
    if len(kept) - 1 < len(result.rows) and "bytes" not in hit:
        hit.append("bytes")
    return _csv_response(kept, "sql", hit, None)

"""The JSON API under /api: the CLI's queries over HTTP, with paging and CSV download.

Every route only reads. Lists answer {"items", "count", "limit", "offset", "next"};
`format=csv` returns the same rows as a CSV file instead.
"""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable, Sequence
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, Response

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
    QuoteRecord,
)
from powderkeg.web import params as P

router = APIRouter(prefix="/api", tags=["api"])

Format = Annotated[str, Query(alias="format", pattern=r"^(json|csv)$", description="json or csv.")]
#: SQL results are capped at this many rows, and a query at this many seconds (see create_app).
SQL_MAX_ROWS = 10_000


def get_kb(request: Request) -> KnowledgeBase:
    """The app's read-only knowledge base."""
    kb: KnowledgeBase = request.app.state.kb
    return kb


KB = Annotated[KnowledgeBase, Depends(get_kb)]


def _rows(records: Iterable[Any]) -> list[dict[str, Any]]:
    return [dataclasses.asdict(r) for r in records]


def _csv(rows: Sequence[dict[str, Any]], name: str, columns: Sequence[str] = ()) -> Response:
    """Rows as a downloadable CSV; nested values (dispute stances) are written as JSON-ish text."""
    buf = io.StringIO()
    fields = list(rows[0]) if rows else list(columns)
    writer = csv.DictWriter(buf, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: v if not isinstance(v, list | tuple | dict) else str(v) for k, v in row.items()})
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="powderkeg-{name}.csv"'})


def _page(request: Request, records: list[Any], *, name: str, fmt: str, limit: int, offset: int,
          extra: dict[str, Any] | None = None, columns: Sequence[str] = ()) -> Response:
    """One page of records: `limit + 1` were fetched, so a next link is given only when more exist."""
    more = len(records) > limit
    rows = _rows(records[:limit])
    if fmt == "csv":
        return _csv(rows, name, columns)
    nxt = None
    if more:
        query = dict(request.query_params)
        query["offset"] = str(offset + limit)
        nxt = f"{request.url.path}?{urlencode(query)}"
    body: dict[str, Any] = {"items": rows, "count": len(rows), "limit": limit, "offset": offset, "next": nxt}
    body.update(extra or {})
    names = P.resolved_json(request)
    if names:
        body["resolved"] = names  # which code each actor name stood for
    return _json(body)


def _undated(request: Request, kb: KnowledgeBase, kind: str, filters: dict[str, Any]) -> dict[str, Any]:
    """{"undated_left_out": N, "undated_url": ...} when since/until left out N undated items, else {}."""
    n = kb.count_undated(kind, **filters)
    if not n:
        return {}
    query = {k: v for k, v in request.query_params.items() if k not in ("offset", "undated_only")}
    query["include_undated"] = "true"
    return {"undated_left_out": n, "undated_url": f"{request.url.path}?{urlencode(query)}"}


def _json(body: Any) -> JSONResponse:
    return JSONResponse(jsonable_encoder(body))


def _fields(record_type: type) -> list[str]:
    return [f.name for f in dataclasses.fields(record_type)]


@router.get("/summary", summary="Headline counts")
def summary(kb: KB) -> Response:
    """Articles, events, actors, people, failures; events by type; the top dyads."""
    return _json(dataclasses.asdict(kb.summary()))


@router.get("/articles", summary="Articles (metadata)")
def articles(request: Request, kb: KB, outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None,
             text: Annotated[str | None, Query(alias="q", max_length=500,
                                               description="Title or text contains this.")] = None,
             undated: P.Undated = None, limit: P.Limit = 50, offset: P.Offset = 0,
             fmt: Format = "json") -> Response:
    """Stored articles in publication order, without their text (see /api/articles/{id})."""
    filters: dict[str, Any] = {"outlet": outlet or None, "since": since or None, "until": until or None,
                               "text": text or None,
               "undated": undated}
    records = kb.articles(**filters, limit=limit + 1, offset=offset)
    return _page(request, records, name="articles", fmt=fmt, limit=limit, offset=offset,
                 columns=_fields(ArticleRecord), extra=_undated(request, kb, "articles", filters))


@router.get("/articles/{article_id}", summary="One article with everything extracted from it")
def article(article_id: Annotated[str, Path(max_length=80)], kb: KB) -> Response:
    """Metadata, full text, and every event, arms transfer, quote, label, mention and person,
    each with its character offsets into the text."""
    record = kb.article(article_id)
    extraction = kb.extraction(record.id)
    return _json({
        "article": dataclasses.asdict(record),
        "text": extraction.article.text,
        "events": _rows(kb.events(article_id=record.id)),
        "arms": _rows(kb.arms(article_id=record.id)),
        "quotes": _rows(kb.quotes(article_id=record.id)),
        "labels": _rows(kb.labels(article_id=record.id)),
        "mentions": _rows(extraction.mentions),
        "people": _rows(extraction.people),
    })


@router.get("/actors", summary="Actors")
def actors(request: Request, kb: KB, limit: P.Limit = 500, offset: P.Offset = 0,
           fmt: Format = "json") -> Response:
    """Every actor code seen, most widely covered first, with mention and event counts."""
    records = kb.actors()[offset:offset + limit + 1]
    return _page(request, records, name="actors", fmt=fmt, limit=limit, offset=offset,
                 columns=_fields(ActorRecord))


@router.get("/actors/{code}", summary="One actor: dyads, people, labels, arms")
def actor(code: Annotated[str, Path(pattern=P.CODE)], kb: KB) -> Response:
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
    })


@router.get("/people", summary="People")
def people(request: Request, kb: KB, actor: P.Actor = None, limit: P.Limit = 500, offset: P.Offset = 0,
           fmt: Format = "json") -> Response:
    """Named people with the actor they act for and their most common role."""
    records = kb.people(actor=actor or None)[offset:offset + limit + 1]
    return _page(request, records, name="people", fmt=fmt, limit=limit, offset=offset,
                 columns=_fields(PersonRecord))


@router.get("/events", summary="Events")
def events(request: Request, kb: KB, filters: Annotated[P.EventFilters, Depends(P.event_filters)],
           sort: P.Sort = None, order: P.Order = "asc", limit: P.Limit = 50, offset: P.Offset = 0,
           fmt: Format = "json") -> Response:
    """Events matching every filter, each with its evidence sentence and article; `total` counts all
    matches."""
    kwargs = filters.store_kwargs()
    records = kb.events(**kwargs, sort=sort, descending=order == "desc", limit=limit + 1, offset=offset)
    extra = {} if fmt == "csv" else {"total": kb.count_events(**kwargs), **_undated(request, kb, "events", kwargs)}
    return _page(request, records, name="events", fmt=fmt, limit=limit, offset=offset, extra=extra,
                 columns=_fields(EventRecord))


@router.get("/arms", summary="Arms register")
def arms(request: Request, kb: KB, supplier: P.Supplier = None, recipient: P.Recipient = None,
         actor: P.Actor = None,
         system: Annotated[str | None, Query(max_length=200, description="System or class contains this.")] = None,
         status: Annotated[str | None, Query(pattern=P.ARMS_STATUS, description="Arms status.")] = None,
         outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None, undated: P.Undated = None,
         article: P.Article = None, limit: P.Limit = 50, offset: P.Offset = 0, fmt: Format = "json") -> Response:
    """Transfers of weapon systems: supplier, recipient, system, quantity, value, status, evidence."""
    filters = {"supplier": supplier, "recipient": recipient, "actor": actor, "system": system or None,
               "status": status or None, "outlet": outlet or None, "since": since or None, "until": until or None,
               "undated": undated, "article_id": article or None}
    records = kb.arms(**filters, limit=limit + 1, offset=offset)
    return _page(request, records, name="arms", fmt=fmt, limit=limit, offset=offset, columns=_fields(ArmsRecord),
                 extra=_undated(request, kb, "arms", filters))


@router.get("/quotes", summary="Quotes")
def quotes(request: Request, kb: KB,
           speaker: Annotated[str | None, Query(max_length=200, description="Speaker contains this.")] = None,
           actor: P.Actor = None,
           text: Annotated[str | None, Query(alias="q", max_length=500, description="Quote contains this.")] = None,
           kind: Annotated[str | None, Query(pattern=r"^(direct|indirect)$")] = None,
           outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None, undated: P.Undated = None,
           article: P.Article = None, limit: P.Limit = 50, offset: P.Offset = 0, fmt: Format = "json") -> Response:
    """Who said what, direct or reported, with the speaker's actor."""
    filters = {"speaker": speaker or None, "actor": actor, "contains": text or None, "kind": kind or None,
               "outlet": outlet or None, "since": since or None, "until": until or None, "undated": undated,
               "article_id": article or None}
    records = kb.quotes(**filters, limit=limit + 1, offset=offset)
    return _page(request, records, name="quotes", fmt=fmt, limit=limit, offset=offset,
                 columns=_fields(QuoteRecord), extra=_undated(request, kb, "quotes", filters))


@router.get("/labels", summary="Labels")
def labels(request: Request, kb: KB, target: P.Target = None,
           term: Annotated[str | None, Query(max_length=200, description="Term contains this.")] = None,
           outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None, undated: P.Undated = None,
           article: P.Article = None, limit: P.Limit = 50, offset: P.Offset = 0, fmt: Format = "json") -> Response:
    """Each use of a framing label ("breakaway region", "Republic of Kosovo") for an actor."""
    filters = {"target": target, "term": term or None, "outlet": outlet or None, "since": since or None,
               "until": until or None, "undated": undated, "article_id": article or None}
    records = kb.labels(**filters, limit=limit + 1, offset=offset)
    return _page(request, records, name="labels", fmt=fmt, limit=limit, offset=offset,
                 columns=_fields(LabelRecord), extra=_undated(request, kb, "labels", filters))


@router.get("/labels/usage", summary="Labels by outlet")
def label_usage(request: Request, kb: KB, target: P.Target = None, outlet: P.Outlet = None,
                fmt: Format = "json") -> Response:
    """Per outlet, which terms it applies to which actor and how often."""
    records = kb.label_usage(target=target or None, outlet=outlet or None)
    return _page(request, records, name="label-usage", fmt=fmt, limit=len(records) or 1, offset=0,
                 columns=_fields(LabelUsage))


@router.get("/disputes", summary="Disputed facts")
def disputes(request: Request, kb: KB, actor: P.Actor = None,
             kind: Annotated[str | None, Query(pattern=r"^(event|arms)$")] = None,
             limit: P.Limit = 50, offset: P.Offset = 0, fmt: Format = "json") -> Response:
    """Facts one party asserts and another denies, with both sides' evidence (every stance of each fact)."""
    records = kb.disputes(actor=actor or None, kind=kind or None, limit=limit + 1, offset=offset)
    return _page(request, records, name="disputes", fmt=fmt, limit=limit, offset=offset,
                 columns=("kind", "source", "target", "what", "asserted", "denied"))


@router.get("/outlets", summary="Outlets")
def outlets(kb: KB) -> dict[str, Any]:
    """Each named outlet with its article and event counts."""
    return {"items": [{"outlet": o, "n_articles": a, "n_events": e} for o, a, e in kb.outlets()]}


@router.get("/sql", summary="Read-only SQL")
def sql(request: Request, kb: KB,
        q: Annotated[str, Query(min_length=1, max_length=20_000, description="One read-only SELECT.")],
        limit: Annotated[int, Query(ge=1, le=SQL_MAX_ROWS)] = 1000, fmt: Format = "json") -> Response:
    """Run one read-only query against the tables (articles, events, arms, quotes, labels, people,
    mentions, actors). Writes, ATTACH, INSTALL/LOAD and file access are refused with a 400;
    results are cut at `limit` rows and the query at the server's time limit."""
    try:
        result = kb.sql(q, limit=limit, timeout=request.app.state.sql_timeout)
    except StoreError as exc:
        raise HTTPException(400, str(exc)) from exc
    if fmt == "csv":
        return _csv([dict(zip(result.columns, r, strict=False)) for r in result.rows], "sql", result.columns)
    return JSONResponse(jsonable_encoder({"columns": result.columns, "rows": [list(r) for r in result.rows],
                                          "count": len(result.rows), "truncated": result.truncated}))

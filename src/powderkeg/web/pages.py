"""Server-rendered HTML pages: overview, events explorer, article view, actors, arms, disputes, outlets.

Each page is one function that asks the public API for records and hands them
to a Jinja template (autoescaping on). The only script is static/app.js, which
drives the article view's side panel; every page works without it.
"""

from __future__ import annotations

from collections import defaultdict
from importlib.resources import files
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from powderkeg.errors import StoreError
from powderkeg.models import ARMS_STATUSES, EVENT_STATUSES, EVENT_TYPES
from powderkeg.web import params as P
from powderkeg.web.api_routes import KB
from powderkeg.web.render import TYPE_COLOURS, Span, find_term, segments, timeline_chart

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(files("powderkeg.web").joinpath("templates")))
templates.env.globals.update(TYPE_COLOURS=TYPE_COLOURS, EVENT_TYPES=EVENT_TYPES,
                             EVENT_STATUSES=EVENT_STATUSES, ARMS_STATUSES=ARMS_STATUSES)

PAGE = 50
DISPUTES_PAGE = 20
STANCES_SHOWN = 5  # per side of a dispute; the rest are one link away
ACTOR_ARMS = 50


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    context.setdefault("filter_notes", P.resolved_notes(request))  # 'actor "Kosovo" = XKX' under the form
    return templates.TemplateResponse(request, name, context)


def _undated_note(n: int, noun: str, mode: str | None, include_url: str, only_url: str) -> dict[str, Any]:
    """What filter_notes.html says about undated items: how many the date range left out, and links."""
    return {"n": n, "noun": noun, "mode": mode, "include_url": include_url, "only_url": only_url}


def _url(path: str, query: dict[str, Any]) -> str:
    clean = {k: v for k, v in query.items() if v not in (None, "")}
    return path + ("?" + urlencode(clean) if clean else "")


@router.get("/types.css")
def type_colours() -> Response:
    """One class per PLOVER type (badges, legend keys), built from render.TYPE_COLOURS."""
    rules = [f".t-{t} {{ --c: {c}; }}" for t, c in TYPE_COLOURS.items()]
    return Response("\n".join(rules) + "\n", media_type="text/css",
                    headers={"Cache-Control": "public, max-age=3600"})


@router.get("/", response_class=HTMLResponse)
def overview(request: Request, kb: KB) -> HTMLResponse:
    """Counts, events by type over time, top dyads, latest articles."""
    summary = kb.summary()
    return _render(request, "overview.html", summary=summary, chart=timeline_chart(kb.event_timeline()),
                   latest=kb.articles(limit=10, newest_first=True),
                   undated_events=kb.count("events", undated="only"))


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, kb: KB, filters: Annotated[P.EventFilters, Depends(P.event_filters)],
           sort: P.Sort = None, order: P.Order = "asc", offset: P.Offset = 0) -> HTMLResponse:
    """The events explorer: filter bar, sortable columns, a link from each row to its evidence."""
    kwargs = filters.store_kwargs()
    rows = kb.events(**kwargs, sort=sort, descending=order == "desc", limit=PAGE + 1, offset=offset)
    total = kb.count_events(**kwargs)
    query = {**filters.query(), "sort": sort, "order": order if sort else None}
    undated = _undated_note(kb.count_undated("events", **kwargs), "events", filters.undated,
                            _url("/events", filters.with_undated("include")),
                            _url("/events", filters.with_undated("only")))

    def sort_link(column: str) -> str:
        flip = "desc" if sort == column and order == "asc" else "asc"
        return _url("/events", {**filters.query(), "sort": column, "order": flip})

    return _render(
        request, "events.html", rows=rows[:PAGE], total=total, filters=filters, sort=sort, order=order,
        undated_note=undated,
        offset=offset, sort_link=sort_link, outlets=[o for o, _, _ in kb.outlets()],
        prev_url=_url("/events", {**query, "offset": offset - PAGE}) if offset > 0 else None,
        next_url=_url("/events", {**query, "offset": offset + PAGE}) if len(rows) > PAGE else None,
        csv_url=_url("/api/events", {**query, "format": "csv", "limit": P.MAX_LIMIT}),
    )


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, kb: KB, outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None,
             text: Annotated[str | None, Query(alias="q", max_length=500)] = None,
             undated: P.Undated = None, offset: P.Offset = 0) -> HTMLResponse:
    """Articles, newest first, searchable by title and text."""
    filters = {"outlet": outlet, "since": since, "until": until, "text": text, "undated": undated}
    rows = kb.articles(**filters, limit=PAGE + 1, offset=offset, newest_first=True)
    base = {"outlet": outlet, "since": since, "until": until, "q": text}
    query = {**base, "include_undated": "true" if undated == "include" else None,
             "undated_only": "true" if undated == "only" else None}
    note = _undated_note(kb.count_undated("articles", **filters), "articles", undated,
                         _url("/articles", {**base, "include_undated": "true"}),
                         _url("/articles", {**base, "since": None, "until": None, "undated_only": "true"}))
    return _render(
        request, "articles.html", rows=rows[:PAGE], query=query, outlets=[o for o, _, _ in kb.outlets()],
        undated_note=note,
        prev_url=_url("/articles", {**query, "offset": offset - PAGE}) if offset > 0 else None,
        next_url=_url("/articles", {**query, "offset": offset + PAGE}) if len(rows) > PAGE else None,
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, kb: KB, article_id: Annotated[str, Path(max_length=80)]) -> HTMLResponse:
    """The article text with every fact highlighted where it was read, and the coding beside it."""
    try:
        record = kb.article(article_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    extraction = kb.extraction(record.id)
    text = extraction.article.text
    events = kb.events(article_id=record.id)  # EventRecords: they carry the ids the explorer links to
    arms, quotes, labels = extraction.arms, extraction.quotes, extraction.labels
    spans = [Span(e.start, e.end, "event", f"event-{e.id}") for e in events]
    spans += [Span(a.start, a.end, "arms", f"arms-{i}") for i, a in enumerate(arms)]
    spans += [Span(q.start, q.end, "quote", f"quote-{i}") for i, q in enumerate(quotes)]
    spans += [Span(*find_term(text, lab.term, lab.start, lab.end), "label", f"label-{i}")
              for i, lab in enumerate(labels)]
    spans += [Span(m.start, m.end, "actor", f"actor-{i}") for i, m in enumerate(extraction.mentions)]
    return _render(request, "article.html", article=record, segments=segments(text, spans), events=events,
                   arms=arms, quotes=quotes, labels=labels, mentions=extraction.mentions,
                   people=extraction.people)


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, kb: KB) -> HTMLResponse:
    """Every actor with mention and event counts."""
    return _render(request, "actors.html", rows=kb.actors())


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor(request: Request, kb: KB, code: Annotated[str, Path(pattern=P.CODE)]) -> HTMLResponse:
    """Who the actor acts on and who acts on it, over time; its people, labels by outlet, and arms."""
    code = code.upper()
    found = kb.actors(code)
    if not found:
        raise HTTPException(404, f"no actor {code!r} in this knowledge base")
    acts_on: dict[str, dict[str, int]] = defaultdict(dict)
    acted_on_by: dict[str, dict[str, int]] = defaultdict(dict)
    for source, target, kind, n in kb.dyads(code):
        if source == code:
            acts_on[target][kind] = n
        if target == code and source != code:
            acted_on_by[source][kind] = n
    return _render(
        request, "actor.html", actor=found[0], acts_on=_ranked(acts_on), acted_on_by=_ranked(acted_on_by),
        chart=timeline_chart(kb.event_timeline(actor=code)), people=kb.people(actor=code),
        labels=kb.label_usage(target=code), supplies=kb.arms(supplier=code, limit=ACTOR_ARMS),
        receives=kb.arms(recipient=code, limit=ACTOR_ARMS), arms_shown=ACTOR_ARMS,
    )


def _ranked(table: dict[str, dict[str, int]]) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(counterpart, total, [(type, n)...]) with the busiest counterpart first."""
    rows = [(other, sum(by.values()), sorted(by.items(), key=lambda kv: -kv[1])) for other, by in table.items()]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


@router.get("/arms", response_class=HTMLResponse)
def arms(request: Request, kb: KB, supplier: P.Supplier = None, recipient: P.Recipient = None,
         system: Annotated[str | None, Query(max_length=200)] = None,
         status: Annotated[str | None, Query(pattern=P.ARMS_STATUS)] = None,
         offset: P.Offset = 0) -> HTMLResponse:
    """The arms register, SIPRI-style: supplier, recipient, system, number, value, status, source."""
    rows = kb.arms(supplier=supplier, recipient=recipient, system=system, status=status, limit=PAGE + 1,
                   offset=offset)
    query = {"supplier": supplier, "recipient": recipient, "system": system, "status": status}
    return _render(
        request, "arms.html", rows=rows[:PAGE], query=query,
        prev_url=_url("/arms", {**query, "offset": offset - PAGE}) if offset > 0 else None,
        next_url=_url("/arms", {**query, "offset": offset + PAGE}) if len(rows) > PAGE else None,
        csv_url=_url("/api/arms", {**query, "format": "csv", "limit": P.MAX_LIMIT}),
    )


@router.get("/disputes", response_class=HTMLResponse)
def disputes(request: Request, kb: KB, actor: P.Actor = None,
             kind: Annotated[str | None, Query(pattern=r"^(event|arms)$")] = None,
             offset: P.Offset = 0) -> HTMLResponse:
    """Each disputed fact with the claims and the denials side by side (a few of each, the rest linked)."""
    rows = kb.disputes(actor=actor, kind=kind, limit=DISPUTES_PAGE + 1, offset=offset)
    query = {"actor": actor, "kind": kind}
    return _render(
        request, "disputes.html", rows=rows[:DISPUTES_PAGE], query=query, offset=offset, shown=STANCES_SHOWN,
        prev_url=_url("/disputes", {**query, "offset": max(offset - DISPUTES_PAGE, 0)}) if offset > 0 else None,
        next_url=_url("/disputes", {**query, "offset": offset + DISPUTES_PAGE}) if len(rows) > DISPUTES_PAGE
        else None,
    )


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request, kb: KB, actor: P.Actor = None,
            a: Annotated[str | None, Query(max_length=200)] = None,
            b: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    """Two outlets side by side: the labels each gives an actor and the mix of events it reports."""
    names = [o for o, _, _ in kb.outlets()]
    left = a or (names[0] if names else None)
    right = b or (names[1] if len(names) > 1 else left)
    sides = []
    for outlet in (left, right):
        if outlet is None:
            continue
        mix = kb.event_counts(actor=actor, outlet=outlet)
        total = sum(n for _, n in mix) or 1
        sides.append({
            "outlet": outlet,
            "labels": kb.label_usage(target=actor, outlet=outlet),
            "mix": [(t, n, 100.0 * n / total) for t, n in mix],
            "n_events": sum(n for _, n in mix),
        })
    return _render(request, "outlets.html", sides=sides, names=names, actor=actor, a=left, b=right,
                   actors=sorted({u.target for u in kb.label_usage()} | ({actor} if actor else set())))

"""Server-rendered HTML pages: overview, events (list and one event), incidents (list and one), copies,
deals, articles, article view, actors, arms, quotes, labels, disputes, outlets and a SQL page.

Each page is one function that asks the public API (or, for counts and facets, the Store
behind it) for records and hands them to a Jinja template (autoescaping on). The only script
is static/app.js: the article view's side panel, keyboard access to highlights, and forms
that leave empty fields out of the URL. Every page works without it.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from importlib.resources import files
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from powderkeg.api import KnowledgeBase
from powderkeg.errors import StoreError
from powderkeg.filters import parse_date
from powderkeg.models import ARMS_STATUSES, EVENT_STATUSES, EVENT_TYPES, QueryResult
from powderkeg.story import DEAL_FACETS, INCIDENT_FACETS, deal_row, facets, incident_row
from powderkeg.web import params as P
from powderkeg.web.api_routes import (
    COVERAGE_ARTICLES,
    KB,
    IncidentSort,
    Limits,
    MinReports,
    SqlGate,
    Window,
    copy_rows,
    deal_list,
    find_incident,
    incident_rows,
)
from powderkeg.web.render import (
    TYPE_COLOURS,
    Span,
    cell,
    chips,
    excerpt,
    facet_views,
    find_term,
    listing,
    segments,
    timeline_chart,
    url,
)

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(files("powderkeg.web").joinpath("templates")))
templates.env.globals.update(TYPE_COLOURS=TYPE_COLOURS, EVENT_TYPES=EVENT_TYPES,
                             EVENT_STATUSES=EVENT_STATUSES, ARMS_STATUSES=ARMS_STATUSES)
templates.env.filters["cell"] = cell

PAGE = 50
#: The events page refuses an offset beyond this without a cursor (issue 17: offset 50,000 in outlet order took
#: 5 s on ten million events); its Next links carry a cursor (after=) and reach any depth.
EVENTS_MAX_OFFSET = 10_000
#: A text search on the events page reads the newest whole months holding at least this many events; one on
#: the articles page reads the articles of those months.
TEXT_SEARCH_EVENTS = 1_000_000
DISPUTES_PAGE = 20
STANCES_SHOWN = 5  # per side of a dispute; the rest are one link away
LABEL_USAGE_SHOWN = 300  # rows of the term x outlet x actor table; the most used when there are more
#: An actor page's lists (counterparts, people, labels) show this many rows, the busiest first; arms this many
#: of each side; each outlet's labels and speakers this many. Each bounded list says so and links the whole.
ACTOR_ROWS = 30
ACTOR_ARMS = 20
ACTOR_TERMS = 8
#: Rows of a SQL result shown on the page; the CSV/JSON links fetch up to P.MAX_LIMIT.
SQL_PAGE_ROWS = 500

#: Ready-made questions for the SQL page, over the real tables (each runs in the read-only sandbox).
CANNED_QUERIES: tuple[tuple[str, str], ...] = (
    ("Events by type", "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC"),
    ("Busiest dyads", "SELECT source, target, count(*) AS n FROM events\nGROUP BY ALL ORDER BY n DESC LIMIT 20"),
    ("Denials, with their outlet",
     "SELECT e.source, e.type, e.target, a.outlet, a.published, e.evidence\n"
     "FROM events e JOIN articles a ON a.id = e.article_id\nWHERE e.status = 'denied' ORDER BY a.published"),
    ("Arms transfers by supplier",
     "SELECT supplier, recipient, system, weapon_class, quantity, status\nFROM arms ORDER BY supplier, recipient"),
    ("Most quoted speakers",
     "SELECT speaker, actor, count(*) AS n FROM quotes\nGROUP BY ALL ORDER BY n DESC LIMIT 20"),
    ("Labels each outlet uses",
     "SELECT a.outlet, l.target, lower(l.term) AS term, count(*) AS n\n"
     "FROM labels l JOIN articles a ON a.id = l.article_id\nGROUP BY ALL ORDER BY n DESC"),
    ("Articles per outlet and month",
     "SELECT outlet, strftime(published, '%Y-%m') AS month, count(*) AS n\n"
     "FROM articles GROUP BY ALL ORDER BY month, outlet"),
)


def _render(request: Request, name: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    context.setdefault("filter_notes", P.resolved_notes(request))  # 'actor "Kosovo" = XKX' under the form
    return templates.TemplateResponse(request, name, context, status_code=status_code)


def _outlet_names(kb: KnowledgeBase) -> list[str]:
    return [o for o, _, _ in kb.outlets()]


def _undated_note(n: int, noun: str, mode: str | None, include_url: str, only_url: str) -> dict[str, Any]:
    """What filter_notes.html says about undated items: how many the date range left out, and links."""
    return {"n": n, "noun": noun, "mode": mode, "include_url": include_url, "only_url": only_url}


def _undated_for(kb: KnowledgeBase, what: str, noun: str, path: str, base: dict[str, Any], undated: str | None,
                 filters: dict[str, Any]) -> dict[str, Any]:
    """The undated note of a list page at `path` whose query without undated options is `base`."""
    return _undated_note(kb.count_undated(what, **filters), noun, undated,
                         url(path, {**base, "include_undated": "true"}),
                         url(path, {**base, "since": None, "until": None, "undated_only": "true"}))


def _undated_query(undated: str | None) -> dict[str, str | None]:
    """The query parameters that keep an undated mode in links."""
    return {"include_undated": "true" if undated == "include" else None,
            "undated_only": "true" if undated == "only" else None}


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


def _types(request: Request) -> str | None:
    """Every `type` value of the request, comma-joined: a multi-select sends one `type=` per choice,
    the API's comma form works too. Each is checked (the dependency only sees the last)."""
    values = [v.strip().upper() for raw in request.query_params.getlist("type") for v in raw.split(",") if v.strip()]
    unknown = sorted(set(values) - set(EVENT_TYPES))
    if unknown:
        raise HTTPException(422, f"invalid value for type: {', '.join(unknown)} (expected PLOVER types such as "
                                 "ACCUSE,REJECT)")
    return ",".join(dict.fromkeys(values)) or None


@router.get("/events", response_class=HTMLResponse)
def events(request: Request, kb: KB, filters: Annotated[P.EventFilters, Depends(P.event_filters)],
           sort: P.Sort = None, order: P.Order = "asc", offset: P.Offset = 0, after: P.After = None) -> HTMLResponse:
    """The events explorer: filter bar and facets, sortable columns, a link from each row to its event
    page and to its evidence. Next links carry a keyset cursor (`after=` the last event shown), with
    the offset only for the "showing" line."""
    if after is None and offset > EVENTS_MAX_OFFSET:
        raise HTTPException(400, f"offset={offset:,} skips more than the {EVENTS_MAX_OFFSET:,} events a page of "
                                 "this list may skip (skipping is slow on a big store). Page with the Next → links from "
                                 "the first page instead: they carry a cursor (after=<event id>), so a deep page costs "
                                 "what the first one does; or narrow the filters, or download the whole selection "
                                 "with /api/events or `powderkeg events`.")
    filters = dataclasses.replace(filters, type=_types(request))
    kwargs = filters.store_kwargs()
    text_note = _bound_text_search(kb, kwargs)
    try:
        rows = kb.events(**kwargs, sort=sort, descending=order == "desc", limit=PAGE, offset=offset, after=after)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    total = kb.count_events(**kwargs)
    query = {**filters.query(), "sort": sort, "order": order if sort else None}
    undated = _undated_note(kb.count_undated("events", **kwargs), "events", filters.undated,
                            url("/events", filters.with_undated("include")),
                            url("/events", filters.with_undated("only")))

    def sort_link(column: str) -> str:
        flip = "desc" if sort == column and order == "asc" else "asc"
        return url("/events", {**filters.query(), "sort": column, "order": flip})

    return _render(
        request, "events.html", rows=rows, filters=filters, sort=sort, order=order, sort_link=sort_link,
        selected_types=(filters.type or "").split(","), outlets=_outlet_names(kb),
        page=listing("/events", query, offset=offset, page=PAGE, total=total, shown=len(rows), api="/api/events",
                     download_limit=P.MAX_LIMIT, after=rows[-1].id if rows else None, max_offset=EVENTS_MAX_OFFSET),
        facets=facet_views("/events", query, kb.store.event_facets(**kwargs)),
        chips=chips("/events", query, {"q": "text"}),
        undated_note=undated, incidents_url=url("/incidents", filters.query()), text_note=text_note,
    )


def _bound_text_search(kb: KnowledgeBase, kwargs: dict[str, Any]) -> str | None:
    """Bound a text search (`q=`) to the newest TEXT_SEARCH_EVENTS events before `until`, by raising `since`
    in `kwargs`, and say so; None when the search reads every event its filters select.

    Why: matching a word in every evidence sentence of a ten-million-event store takes most of a second
    (three times over: the page, its count and its facets); the API and the CLI search them all."""
    if not kwargs.get("text") or kwargs.get("undated") == "only":
        return None
    window = _text_window(kb, kwargs)
    if window is None:
        return None
    first, n = window
    return (f"The text search reads the newest {n:,} events (published from {first} on"
            + (f" to {kwargs['until']}" if kwargs.get("until") else "") + "); set since/until to search older ones "
            "(the API and the CLI search every event).")


def _text_window(kb: KnowledgeBase, filters: dict[str, Any]) -> tuple[str, int] | None:
    """(first day, events) of the newest whole months holding TEXT_SEARCH_EVENTS events before `until`, set as
    `since` in `filters` when that is later than the filters' own; None (filters unchanged) otherwise."""
    window = kb.store.newest_window(TEXT_SEARCH_EVENTS, until=filters.get("until"))
    if window is None:
        return None
    since = filters.get("since")
    if since and parse_date(since, option="since") >= window[0]:
        return None
    filters["since"] = window[0]
    return window


def _bound_article_search(kb: KnowledgeBase, filters: dict[str, Any]) -> str | None:
    """Bound a text search of the articles (`q=`) to those published in the months the events page's search
    reads, by raising `since` in `filters`, and say so; None when the search reads every article selected.

    Why: matching a word in every title and body, ignoring case and accents, reads all the text of the store
    twice (the page and its count): 0.6-1 s on 1.8 million articles; the API and the CLI search them all."""
    if not filters.get("text") or filters.get("undated") == "only":
        return None
    window = _text_window(kb, filters)
    if window is None:
        return None
    n = kb.store.count_articles(since=window[0], until=filters.get("until"))
    return (f"The text search reads the newest {n:,} articles (published from {window[0]} on"
            + (f" to {filters['until']}" if filters.get("until") else "") + "); set since/until to search older "
            "ones (the API and the CLI search every article).")


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, kb: KB,
          event_id: Annotated[str, Path(pattern=r"^[0-9a-fA-F]{1,64}$")]) -> HTMLResponse:
    """One event's permalink: its evidence highlighted in its paragraph, its coding, its article, and the
    other events read from the same article."""
    record = kb.store.event(event_id.lower())
    if record is None:
        raise HTTPException(404, f"no event {event_id!r} in this knowledge base")
    text = kb.article_text(record.article_id)
    marks = [(record.source_text, "source"), (record.trigger, "trigger"), (record.target_text, "target")]
    siblings = [e for e in kb.events(article_id=record.article_id) if e.id != record.id]
    return _render(request, "event.html", e=record, excerpt=excerpt(text, record.start, record.end, marks),
                   siblings=siblings)


def _incident_query(filters: P.EventFilters, window: int, min_reports: int = 1, sort: str = "date") -> dict[str, Any]:
    """The incident list's query: the event filters plus its own options, defaults left out of the URL."""
    return {**filters.query(), "window": window if window != 3 else None,
            "min_reports": min_reports if min_reports != 1 else None, "sort": sort if sort != "date" else None}


@router.get("/incidents", response_class=HTMLResponse)
def incidents(request: Request, kb: KB, filters: Annotated[P.EventFilters, Depends(P.event_filters)],
              min_reports: MinReports = 1, sort: IncidentSort = "date", window: Window = 3,
              offset: P.Offset = 0) -> HTMLResponse:
    """The events the filters select, grouped into incidents: one row per act with its date span, coding,
    reports, independent sources, outlets and statuses, each linking to its timeline of reports."""
    filters = dataclasses.replace(filters, type=_types(request))
    every, bound = incident_rows(kb, filters, window=window, min_reports=min_reports, sort=sort)
    rows = every[offset:offset + PAGE]
    query = _incident_query(filters, window, min_reports, sort)
    detail = {**filters.query(), "window": window if window != 3 else None}
    return _render(
        request, "incidents.html", rows=rows, filters=filters, window=window, min_reports=min_reports, sort=sort,
        selected_types=(filters.type or "").split(","), outlets=_outlet_names(kb),
        detail_url=lambda ident: url(f"/incidents/{ident}", detail),
        events_url=url("/events", filters.query()),
        page=listing("/incidents", query, offset=offset, page=PAGE, total=len(every), shown=len(rows),
                     api="/api/incidents", download_limit=P.MAX_LIMIT),
        chips=chips("/incidents", query, {"q": "text"}),
        facets=facet_views("/incidents", query, facets(every, INCIDENT_FACETS)), bound_note=bound.note,
    )


@router.get("/incidents/{incident_id}", response_class=HTMLResponse)
def incident(request: Request, kb: KB, incident_id: Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")],
             filters: Annotated[P.EventFilters, Depends(P.event_filters)], window: Window = 3) -> HTMLResponse:
    """One incident: its coding and counts, then every report in publication order with its outlet,
    status and evidence (linked to the event page and the article)."""
    filters = dataclasses.replace(filters, type=_types(request))
    found = find_incident(kb, incident_id, filters, window)
    titles = {a.id: a for a in (kb.article(aid) for aid in found.articles)}
    return _render(request, "incident.html", i=incident_row(found), reports=found.reports, articles=titles,
                   coverage=kb.incident_coverage(found), back_url=url("/incidents", _incident_query(filters, window)))


@router.get("/copies", response_class=HTMLResponse)
def copies(request: Request, kb: KB, offset: P.Offset = 0) -> HTMLResponse:
    """Copy groups: every report of one text (origin first) with its outlet, title, date and links."""
    every, bound = copy_rows(kb)
    rows = every[offset:offset + PAGE]
    return _render(request, "copies.html", rows=rows, bound_note=bound.note,
                   page=listing("/copies", {}, offset=offset, page=PAGE, total=len(every), shown=len(rows),
                                api="/api/copies", download_limit=P.MAX_LIMIT))


@router.get("/deals", response_class=HTMLResponse)
def deals(request: Request, kb: KB, supplier: P.Supplier = None, recipient: P.Recipient = None,
          actor: P.Actor = None, system: Annotated[str | None, Query(max_length=200)] = None,
          status: Annotated[str | None, Query(pattern=P.ARMS_STATUS)] = None, outlet: P.Outlet = None,
          since: P.Since = None, until: P.Until = None, offset: P.Offset = 0) -> HTMLResponse:
    """The deal register: one row per deal with its steps (requested -> approved -> delivered), their
    figures, first reports and evidence."""
    query = {"supplier": supplier, "recipient": recipient, "actor": actor, "system": system, "status": status,
             "outlet": outlet, "since": since, "until": until}
    every, bound = deal_list(kb, query)
    rows = [deal_row(d) for d in every[offset:offset + PAGE]]
    return _render(request, "deals.html", rows=rows, query=query, outlets=_outlet_names(kb),
                   page=listing("/deals", query, offset=offset, page=PAGE, total=len(every), shown=len(rows),
                                api="/api/deals", download_limit=P.MAX_LIMIT),
                   chips=chips("/deals", query), facets=facet_views("/deals", query, facets(every, DEAL_FACETS)),
                   bound_note=bound.note)


@router.get("/articles", response_class=HTMLResponse)
def articles(request: Request, kb: KB, outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None,
             text: Annotated[str | None, Query(alias="q", max_length=500)] = None,
             undated: P.Undated = None, offset: P.Offset = 0) -> HTMLResponse:
    """Articles, newest first, searchable by title and text (ignoring case and accents)."""
    filters = {"outlet": outlet, "since": since, "until": until, "text": text, "undated": undated}
    text_note = _bound_article_search(kb, filters)
    rows, total = kb.store.articles_counted(**filters, limit=PAGE, offset=offset, newest_first=True)
    base = {"outlet": outlet, "since": since, "until": until, "q": text}
    query = {**base, **_undated_query(undated)}
    note = _undated_for(kb, "articles", "articles", "/articles", base, undated, filters)
    return _render(
        request, "articles.html", rows=rows, query=query, outlets=_outlet_names(kb), undated_note=note,
        text_note=text_note,
        page=listing("/articles", query, offset=offset, page=PAGE, total=total, shown=len(rows),
                     api="/api/articles", download_limit=P.MAX_LIMIT),
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
    rows = kb.actors()
    return _render(request, "actors.html", rows=rows,
                   page=listing("/actors", {}, offset=0, page=max(len(rows), 1), total=len(rows), shown=len(rows),
                                api="/api/actors", download_limit=P.MAX_LIMIT))


@router.get("/actors/{code}", response_class=HTMLResponse)
def actor(request: Request, kb: KB, code: Annotated[str, Path(pattern=P.CODE)]) -> HTMLResponse:
    """Who the actor acts on and who acts on it, over time; its people, labels by outlet, and arms.

    Every count is over the whole knowledge base, read from the rollups (store/rollups.py) when they
    are current; each list shows its first ACTOR_ROWS rows and says how many there are, with a link to
    the filtered list holding them all (issue 17: 400 KB and 0.3-0.4 s a page on ten million events)."""
    code = code.upper()
    found = kb.actors(code)
    if not found:
        raise HTTPException(404, f"no actor {code!r} in this knowledge base")
    with kb.store.session():
        if kb.store.rollups_current():
            named, people, coverage = 0, kb.people(actor=code), kb.coverage(code, incidents=False)
        else:  # the live rows: counted in the newest COVERAGE_ARTICLES articles naming the actor
            named = kb.store.count_actor_articles(code)
            people, coverage = kb.actor_view(code, max_articles=COVERAGE_ARTICLES)
        acts_on: dict[str, dict[str, int]] = defaultdict(dict)
        acted_on_by: dict[str, dict[str, int]] = defaultdict(dict)
        for source, target, kind, n in kb.dyads(code):
            if source == code:
                acts_on[target][kind] = n
            if target == code and source != code:
                acted_on_by[source][kind] = n
        n_labels = kb.store.count_label_usage(target=code)
        return _render(
            request, "actor.html", actor=found[0], acts_on=_ranked(acts_on), acted_on_by=_ranked(acted_on_by),
            chart=timeline_chart(kb.event_timeline(actor=code)), shown=ACTOR_ROWS, terms_shown=ACTOR_TERMS,
            people=people, labels=kb.label_usage(target=code, top=ACTOR_ROWS), n_labels=n_labels,
            supplies=kb.arms(supplier=code, limit=ACTOR_ARMS), receives=kb.arms(recipient=code, limit=ACTOR_ARMS),
            arms_shown=ACTOR_ARMS, undated_events=kb.count("events", actor=code, undated="only"),
            coverage=coverage,
            coverage_note=(f"People and the per-outlet coverage are counted in the newest {COVERAGE_ARTICLES:,} "
                           f"of {named:,} articles naming {code}; older ones are left out (the CLI and the Python "
                           "API read them all)." if named > COVERAGE_ARTICLES else None),
        )


def _ranked(table: dict[str, dict[str, int]]) -> list[tuple[str, int, list[tuple[str, int]]]]:
    """(counterpart, total, [(type, n)...]) with the busiest counterpart first."""
    rows = [(other, sum(by.values()), sorted(by.items(), key=lambda kv: -kv[1])) for other, by in table.items()]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


@router.get("/arms", response_class=HTMLResponse)
def arms(request: Request, kb: KB, supplier: P.Supplier = None, recipient: P.Recipient = None,
         actor: P.Actor = None,
         system: Annotated[str | None, Query(max_length=200)] = None,
         status: Annotated[str | None, Query(pattern=P.ARMS_STATUS)] = None,
         outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None, undated: P.Undated = None,
         offset: P.Offset = 0) -> HTMLResponse:
    """The arms register, SIPRI-style (supplier, recipient, system, number, value, status, source), with
    facets."""
    base = {"supplier": supplier, "recipient": recipient, "actor": actor, "system": system,
            "status": status, "outlet": outlet, "since": since, "until": until}
    filters = {**base, **_undated_query(undated)}
    kwargs: dict[str, Any] = {k: v for k, v in {**base, "undated": undated}.items() if v}
    rows = kb.arms(**kwargs, limit=PAGE, offset=offset)
    total = kb.store.count_arms(**kwargs)
    note = _undated_for(kb, "arms", "transfers", "/arms", base, undated, kwargs)
    return _render(
        request, "arms.html", rows=rows, query=filters, outlets=_outlet_names(kb), undated_note=note,
        page=listing("/arms", filters, offset=offset, page=PAGE, total=total, shown=len(rows), api="/api/arms",
                     download_limit=P.MAX_LIMIT),
        facets=facet_views("/arms", filters, kb.store.arms_facets(**kwargs)), chips=chips("/arms", filters),
    )


@router.get("/quotes", response_class=HTMLResponse)
def quotes(request: Request, kb: KB,
           speaker: Annotated[str | None, Query(max_length=200)] = None, actor: P.Actor = None,
           text: Annotated[str | None, Query(alias="q", max_length=500)] = None,
           kind: Annotated[str | None, Query(pattern=r"^(direct|indirect)$")] = None,
           outlet: P.Outlet = None, since: P.Since = None, until: P.Until = None, undated: P.Undated = None,
           offset: P.Offset = 0) -> HTMLResponse:
    """Who said what: each quote with its speaker, their actor and outlet, linked to its sentence."""
    base = {"speaker": speaker, "actor": actor, "q": text, "kind": kind, "outlet": outlet, "since": since,
            "until": until}
    query = {**base, **_undated_query(undated)}
    kwargs: dict[str, Any] = {k: v for k, v in {"speaker": speaker, "actor": actor, "contains": text, "kind": kind,
                                "outlet": outlet, "since": since, "until": until,
                                "undated": undated}.items() if v}
    rows = kb.quotes(**kwargs, limit=PAGE, offset=offset)
    total = kb.store.count_quotes(**kwargs)
    note = _undated_for(kb, "quotes", "quotes", "/quotes", base, undated, kwargs)
    return _render(
        request, "quotes.html", rows=rows, query=query, outlets=_outlet_names(kb), undated_note=note,
        page=listing("/quotes", query, offset=offset, page=PAGE, total=total, shown=len(rows), api="/api/quotes",
                     download_limit=P.MAX_LIMIT),
        facets=facet_views("/quotes", query, kb.store.quote_facets(**kwargs)),
        chips=chips("/quotes", query, {"q": "text"}),
    )


@router.get("/labels", response_class=HTMLResponse)
def labels(request: Request, kb: KB, target: P.Target = None,
           term: Annotated[str | None, Query(max_length=200)] = None, outlet: P.Outlet = None,
           offset: P.Offset = 0) -> HTMLResponse:
    """Framing labels: which term each outlet gives each actor and how often, then every use with its
    evidence sentence."""
    query = {"target": target, "term": term, "outlet": outlet}
    kwargs = {k: v for k, v in query.items() if v}
    if term:
        usage = [u for u in kb.label_usage(target=target, outlet=outlet) if term.lower() in u.term.lower()]
        usage_total = len(usage)
        if usage_total > LABEL_USAGE_SHOWN:  # a big store's table would be megabytes: the most used, in order
            kept = {id(u) for u in sorted(usage, key=lambda u: -u.n)[:LABEL_USAGE_SHOWN]}
            usage = [u for u in usage if id(u) in kept]
    else:  # the most used rows, cut in the store (from its rollup on a big store)
        usage = kb.label_usage(target=target, outlet=outlet, top=LABEL_USAGE_SHOWN)
        usage_total = kb.store.count_label_usage(target=target, outlet=outlet)
    rows = kb.labels(**kwargs, limit=PAGE, offset=offset)
    total = kb.store.count_labels(**kwargs)
    return _render(
        request, "labels.html", usage=usage, usage_total=usage_total, rows=rows, query=query,
        outlets=_outlet_names(kb),
        targets=kb.store.label_targets(),
        page=listing("/labels", query, offset=offset, page=PAGE, total=total, shown=len(rows), api="/api/labels",
                     download_limit=P.MAX_LIMIT),
    )


@router.get("/disputes", response_class=HTMLResponse)
def disputes(request: Request, kb: KB, actor: P.Actor = None,
             kind: Annotated[str | None, Query(pattern=r"^(event|arms)$")] = None,
             offset: P.Offset = 0) -> HTMLResponse:
    """Each disputed fact with the claims and the denials side by side (a few of each, the rest linked)."""
    rows = kb.disputes(actor=actor, kind=kind, limit=DISPUTES_PAGE, offset=offset, stances=STANCES_SHOWN)
    total = kb.count_disputes(actor=actor, kind=kind)
    query = {"actor": actor, "kind": kind}
    return _render(
        request, "disputes.html", rows=rows, query=query, shown=STANCES_SHOWN,
        page=listing("/disputes", query, offset=offset, page=DISPUTES_PAGE, total=total, shown=len(rows),
                     api="/api/disputes", download_limit=P.MAX_LIMIT),
    )


@router.get("/outlets", response_class=HTMLResponse)
def outlets(request: Request, kb: KB, actor: P.Actor = None,
            a: Annotated[str | None, Query(max_length=200)] = None,
            b: Annotated[str | None, Query(max_length=200)] = None) -> HTMLResponse:
    """Two outlets side by side: the labels each gives an actor and the mix of events it reports."""
    names = _outlet_names(kb)
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
                   actors=sorted(set(kb.store.label_targets()) | ({actor} if actor else set())),
                   page=listing("/outlets", {}, offset=0, page=max(len(names), 1), total=len(names),
                                shown=len(names), api="/api/outlets", download_limit=P.MAX_LIMIT))


def _run_sql(kb: KnowledgeBase, query: str, limits: Limits) -> QueryResult:
    """The SQL page's one way into the sandbox: read-only checks and the caps /api/sql has (time,
    bytes, cell length, memory), with a row cap of its own. StoreError (refused, invalid or too
    slow) carries the reason the page shows."""
    try:
        return kb.sql(query, limit=SQL_PAGE_ROWS, timeout=limits.sql_timeout, max_bytes=limits.max_reply_bytes,
                      max_cell=limits.max_cell_chars, memory_limit_mb=limits.sql_memory_mb)
    except StoreError as exc:
        raise StoreError(str(exc).replace(str(kb.path), "the knowledge base")) from exc


@router.get("/sql", response_class=HTMLResponse)
async def sql(request: Request, kb: KB,
              q: Annotated[str | None, Query(max_length=20_000)] = None) -> HTMLResponse:
    """Write a read-only SELECT, see the result as a table, download it as CSV or JSON; ready-made
    queries and every table's columns are beside the box."""
    result, error = None, None
    if q and q.strip():
        try:
            # through the same small pool as /api/sql, so the page cannot starve the server either
            gate: SqlGate = request.app.state.sql_gate
            limits: Limits = request.app.state.limits
            result = await gate.run(lambda: _run_sql(kb, q, limits))
        except StoreError as exc:
            error = str(exc)
    api = {"q": q, "limit": P.MAX_LIMIT}
    return _render(
        request, "sql.html", status_code=400 if error else 200, q=q or "", result=result, error=error,
        canned=[(title, query, url("/sql", {"q": query})) for title, query in CANNED_QUERIES],
        schemas=kb.store.schemas(), shown_rows=SQL_PAGE_ROWS,
        csv_url=url("/api/sql", {**api, "format": "csv"}) if result else None,
        json_url=url("/api/sql", api) if result else None,
    )

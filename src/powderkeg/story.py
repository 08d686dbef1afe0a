"""One story, many reports (issue 16) as rows: copy groups, incidents and deals as plain dicts.

Why: the CLI's JSON and CSV and the web's API give the same shape, so both build it here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from powderkeg.store.queries import Facet

if TYPE_CHECKING:  # only the shapes: importing these modules would load the lexicons for nothing
    from powderkeg.deals import Deal
    from powderkeg.incidents import Incident, Report
    from powderkeg.models import CopyGroup


def copy_row(g: CopyGroup) -> dict[str, Any]:
    """A copy group: its origin's id, the wire it credits, every report (origin first)."""
    return {"group": g.group, "wire": g.wire, "reports": [
        {"article": r.article_id, "outlet": r.outlet, "title": r.title, "url": r.url, "published": r.published}
        for r in g.reports]}


def incident_row(i: Incident) -> dict[str, Any]:
    """An incident as the CLI and the API give it (issue 16's shape)."""
    asserted, denied = i.stances  # read once: `disputed` would build them again
    return {"id": i.id, "source": i.source, "target": i.target, "type": i.type, "negated": i.negated,
            "date_start": i.date_start, "date_end": i.date_end, "articles": i.articles, "outlets": i.outlets,
            "reports": len(i.reports), "independent": i.independent, "statuses": i.statuses,
            "first_report": i.first_report, "last_report": i.last_report,
            "evidence": i.reports[0].evidence if i.reports else None, "disputed": bool(asserted) and bool(denied),
            "denied_by": sorted({s.by or "?" for s in denied})}


def report_row(r: Report) -> dict[str, Any]:
    """One report of an incident: the event, its article and outlet, what it says and when."""
    return {"event": r.event_id, "article": r.article_id, "outlet": r.outlet, "published": r.published,
            "date": r.date, "status": r.status, "evidence": r.evidence, "copy_of": r.copy_group
            if r.copy_group and r.copy_group != r.article_id else None}


def deal_row(d: Deal) -> dict[str, Any]:
    """A deal, one register row with its steps."""
    return {"id": d.id, "supplier": d.supplier, "recipient": d.recipient, "system": d.system, "status": d.status,
            "quantity": d.quantity, "value_usd": d.value_usd, "reports": len(d.reports),
            "independent": d.independent, "disputed": d.disputed,
            "steps": [{"status": s.status, "first_reported": s.first_reported, "quantity": s.quantity,
                       "value_usd": s.value_usd, "reports": [{"article": r.article_id, "outlet": r.outlet,
                                                              "published": r.published, "evidence": r.evidence}
                                                             for r in s.reports]} for s in d.steps]}


#: How `sort=` orders incidents: by act date (the builder's order), or most sources / reports first.
INCIDENT_SORTS = ("date", "independent", "reports")


def sort_incidents(rows: list[dict[str, Any]], sort: str) -> list[dict[str, Any]]:
    """Incident rows in the order `sort` names (one of INCIDENT_SORTS); the CLI and the web agree."""
    if sort == "date":
        return rows
    return sorted(rows, key=lambda r: (-r[sort], r["date_start"] or ""))


#: Facet name -> the values one row counts under (a row counts once per distinct value).
Facets = dict[str, Callable[[Any], Iterable[str | None]]]
INCIDENT_FACETS: Facets = {
    "type": lambda r: [r["type"]],
    "actor": lambda r: [r["source"], r["target"]],
    "status": lambda r: list(r["statuses"]),
    "outlet": lambda r: r["outlets"],
}
#: Over Deal objects, not deal rows: the deal register counts its facets over every deal it built but
#: makes rows only for the page it shows (issue 17: 3,000 rows of steps and reports cost more than the page).
DEAL_FACETS: Facets = {
    "supplier": lambda d: [d.supplier],
    "recipient": lambda d: [d.recipient],
    "status": lambda d: [s.status for s in d.steps],
    "outlet": lambda d: [rep.outlet for s in d.steps for rep in s.reports],
}


def facets(rows: Sequence[Any], spec: Facets, limit: int = 12) -> list[Facet]:
    """Counts of each facet's values over incident rows or deals, most frequent first (as the store's
    facets are for events): these lists are built in Python, so their facets are too."""
    out = []
    for name, values in spec.items():
        counts: Counter[str | None] = Counter()
        for row in rows:
            counts.update(set(values(row)))
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] is None, str(kv[0])))
        out.append(Facet(name, ranked[:limit], truncated=len(ranked) > limit))
    return out

"""Query parameters shared by the JSON API and the pages, validated once.

FastAPI turns a value that fails these checks into a 422 naming the parameter,
before any SQL runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Query
from pydantic import AfterValidator

from powderkeg.models import ARMS_STATUSES, EVENT_STATUSES, EVENT_TYPES
from powderkeg.store import EVENT_SORTS

CODE = r"^[A-Za-z][A-Za-z0-9_]{0,15}$"
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
TYPES = r"(?i)^(" + "|".join(EVENT_TYPES) + r")(,(" + "|".join(EVENT_TYPES) + r"))*$"
STATUSES = r"(?i)^(" + "|".join(EVENT_STATUSES) + r")$"
ARMS_STATUS = r"(?i)^(" + "|".join(ARMS_STATUSES) + r")$"
DYAD = r"^[A-Za-z][A-Za-z0-9_]{0,15}-[A-Za-z][A-Za-z0-9_]{0,15}$"
SORTS = r"^(" + "|".join(EVENT_SORTS) + r")$"

MAX_LIMIT = 10_000

Actor = Annotated[str | None, Query(pattern=CODE, description="Actor code, as source or target (e.g. SRB).")]
Source = Annotated[str | None, Query(pattern=CODE, description="Source actor code.")]
Target = Annotated[str | None, Query(pattern=CODE, description="Target actor code.")]
Dyad = Annotated[str | None, Query(pattern=DYAD, description="Two actor codes, either direction: SRB-XKX.")]
EventType = Annotated[str | None, Query(alias="type", pattern=TYPES,
                                        description="PLOVER type(s), comma-separated: ACCUSE,THREATEN.")]
Status = Annotated[str | None, Query(pattern=STATUSES, description="reported | claimed | denied | planned.")]
Outlet = Annotated[str | None, Query(max_length=200, description="Outlet name (case-insensitive).")]
Since = Annotated[str | None, Query(pattern=DATE, description="Published on or after YYYY[-MM[-DD]].")]
Until = Annotated[str | None, Query(pattern=DATE, description="Published on or before YYYY[-MM[-DD]].")]
Text = Annotated[str | None, Query(alias="q", max_length=500, description="Free text the evidence contains.")]
Article = Annotated[str | None, Query(alias="article", max_length=80, description="Article id or id prefix.")]
Sort = Annotated[str | None, Query(pattern=SORTS, description="Sort column: " + ", ".join(EVENT_SORTS) + ".")]
Order = Annotated[str, Query(pattern=r"^(asc|desc)$", description="asc or desc.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
# A negative offset (a "previous" link from the first page) is clamped to 0, not refused.
Offset = Annotated[int, Query(le=10_000_000, description="Rows to skip (a negative value counts as 0)."),
                   AfterValidator(lambda v: max(v, 0))]


@dataclass(frozen=True)
class EventFilters:
    """The event filters of the CLI, as the API and the explorer page take them."""

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    dyad: str | None = None
    type: str | None = None
    status: str | None = None
    outlet: str | None = None
    since: str | None = None
    until: str | None = None
    text: str | None = None
    article: str | None = None

    def store_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for KnowledgeBase.events / count_events."""
        pair = tuple(self.dyad.split("-", 1)) if self.dyad else None
        types = self.type.split(",") if self.type else None
        out: dict[str, Any] = {
            "actor": self.actor, "source": self.source, "target": self.target, "dyad": pair,
            "type": types, "status": self.status, "outlet": self.outlet, "since": self.since,
            "until": self.until, "text": self.text, "article_id": self.article,
        }
        return {k: v for k, v in out.items() if v}

    def query(self) -> dict[str, str]:
        """The filters as URL query parameters (for paging and CSV links)."""
        names = {"text": "q"}
        return {names.get(k, k): v for k, v in self.__dict__.items() if v}


def event_filters(actor: Actor = None, source: Source = None, target: Target = None, dyad: Dyad = None,
                  type_: EventType = None, status: Status = None, outlet: Outlet = None, since: Since = None,
                  until: Until = None, text: Text = None, article: Article = None) -> EventFilters:
    """A FastAPI dependency: the validated event filters of one request (empty strings mean unset)."""
    return EventFilters(actor=actor or None, source=source or None, target=target or None, dyad=dyad or None,
                        type=type_ or None, status=status or None, outlet=outlet or None, since=since or None,
                        until=until or None, text=text or None, article=article or None)

"""Query parameters shared by the JSON API and the pages, validated once.

FastAPI turns a value that fails these checks into a 422 naming the parameter,
before any SQL runs. Dates go through powderkeg.filters.parse_date and actors
through KnowledgeBase.resolve_actor, the checks the CLI makes too, so `since=2023-13`
or `actor=Kosvo` is refused the same way everywhere (issue 14). What an actor
name resolved to is kept on `request.state.resolved` for the reply to show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator

from powderkeg.errors import FilterError
from powderkeg.filters import DATE_FORMS, parse_date
from powderkeg.models import ARMS_STATUSES, EVENT_STATUSES, EVENT_TYPES
from powderkeg.store import EVENT_SORTS

if TYPE_CHECKING:
    from powderkeg.api import KnowledgeBase
    from powderkeg.filters import ActorMatch

CODE = r"^[A-Za-z][A-Za-z0-9_]{0,15}$"
DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
TYPES = r"(?i)^(" + "|".join(EVENT_TYPES) + r")(,(" + "|".join(EVENT_TYPES) + r"))*$"
STATUSES = r"(?i)^(" + "|".join(EVENT_STATUSES) + r")$"
ARMS_STATUS = r"(?i)^(" + "|".join(ARMS_STATUSES) + r")$"
DYAD = r"^[A-Za-z][A-Za-z0-9_]{0,15}-[A-Za-z][A-Za-z0-9_]{0,15}$"
SORTS = r"^(" + "|".join(EVENT_SORTS) + r")$"

MAX_LIMIT = 10_000



def _invalid(param: str, message: str) -> RequestValidationError:
    """The error FastAPI raises for a bad query value, so the app answers it like any other 422."""
    return RequestValidationError([{"loc": ("query", param), "msg": message, "type": "value_error"}])


def _kb(request: Request) -> KnowledgeBase:
    kb: KnowledgeBase = request.app.state.kb
    return kb


def resolved(request: Request) -> dict[str, ActorMatch]:
    """The actor parameters of this request that were names, by parameter: {"actor": "Kosovo" = XKX}."""
    found: dict[str, ActorMatch] | None = getattr(request.state, "resolved", None)
    if found is None:
        found = {}
        request.state.resolved = found
    return found


def resolved_json(request: Request) -> dict[str, dict[str, str]]:
    """`resolved` as the JSON API reports it: {"actor": {"text": "Kosovo", "code": "XKX", "matched": "Kosovo"}}."""
    return {name: {"text": m.text, "code": m.code, "matched": m.matched} for name, m in resolved(request).items()}


def resolved_notes(request: Request) -> list[str]:
    """`resolved` as the pages show it beside the filter form: 'actor "Kosovo" = XKX'."""
    return [f"{name} {m.describe()}" for name, m in resolved(request).items() if m.matched != "code"]


def resolve_actor(request: Request, param: str, value: str | None) -> str | None:
    """The code an actor parameter names (a code, a name or an alias), or a 422 naming the parameter."""
    if value is None or not value.strip():
        return None
    try:
        match = _kb(request).resolve_actor(value, option=param)
    except FilterError as exc:
        raise _invalid(param, exc.reason) from None
    resolved(request)[param] = match
    return match.code


def _actor_param(param: str, description: str) -> Callable[..., str | None]:
    """A dependency reading query parameter `param` as an actor and returning its code."""

    def dependency(request: Request, value: str | None = None) -> str | None:
        return resolve_actor(request, param, value)

    # set as objects, not as a string annotation: FastAPI evaluates strings in the module's globals,
    # where `param` and `description` do not exist
    dependency.__annotations__ = {
        "request": Request, "return": str | None,
        "value": Annotated[str | None, Query(alias=param, max_length=200, description=description)],
    }
    return dependency


def _dyad(request: Request, value: Annotated[str | None, Query(
        alias="dyad", max_length=400,
        description="Two actors, either direction: SRB-XKX, or names: Serbia,Kosovo.")] = None) -> str | None:
    if value is None or not value.strip():
        return None
    try:
        one, two = _kb(request).resolve_dyad(value, option="dyad")
    except FilterError as exc:
        raise _invalid("dyad", exc.reason) from None
    for match in (one, two):
        if match.matched != "code":
            resolved(request)[f"dyad {match.text}"] = match
    return f"{one.code}-{two.code}"


_NAMES = " A code, a name or an alias (SRB, Serbia, Belgrade)."
Actor = Annotated[str | None, Depends(_actor_param("actor", "Actor as source or target." + _NAMES))]
Source = Annotated[str | None, Depends(_actor_param("source", "Source actor." + _NAMES))]
Target = Annotated[str | None, Depends(_actor_param("target", "Target actor." + _NAMES))]
Supplier = Annotated[str | None, Depends(_actor_param("supplier", "Supplier of arms." + _NAMES))]
Recipient = Annotated[str | None, Depends(_actor_param("recipient", "Recipient of arms." + _NAMES))]
Dyad = Annotated[str | None, Depends(_dyad)]


def _date_check(param: str) -> Callable[[str | None], str | None]:
    def check(value: str | None) -> str | None:
        if value is not None and value.strip():
            try:
                parse_date(value, option=param, end=param == "until")
            except FilterError as exc:
                raise ValueError(exc.reason) from None  # pydantic reports a ValueError as a 422
        return value

    return check


def undated_mode(
    include_undated: Annotated[bool, Query(description="With since/until, list undated items too.")] = False,
    undated_only: Annotated[bool, Query(description="List only undated items.")] = False,
) -> str | None:
    """include_undated / undated_only as the store's `undated` mode (None: left out by since/until)."""
    if include_undated and undated_only:
        raise _invalid("undated_only", "give include_undated or undated_only, not both")
    return "only" if undated_only else "include" if include_undated else None


Undated = Annotated[str | None, Depends(undated_mode)]
EventType = Annotated[str | None, Query(alias="type", pattern=TYPES,
                                        description="PLOVER type(s), comma-separated: ACCUSE,THREATEN.")]
Status = Annotated[str | None, Query(pattern=STATUSES, description="reported | claimed | denied | planned.")]
Outlet = Annotated[str | None, Query(max_length=200, description="Outlet name contains this (any case).")]
Since = Annotated[str | None, Query(max_length=10, description=f"Published on or after ({DATE_FORMS}); undated "
                                                               "items are left out and counted."),
                  AfterValidator(_date_check("since"))]
Until = Annotated[str | None, Query(max_length=10, description=f"Published on or before ({DATE_FORMS}); undated "
                                                               "items are left out and counted."),
                  AfterValidator(_date_check("until"))]
Text = Annotated[str | None, Query(alias="q", max_length=500, description="Free text the evidence contains.")]
Article = Annotated[str | None, Query(alias="article", max_length=80, description="Article id or id prefix.")]
Sort = Annotated[str | None, Query(pattern=SORTS, description="Sort column: " + ", ".join(EVENT_SORTS) + ".")]
Order = Annotated[str, Query(pattern=r"^(asc|desc)$", description="asc or desc.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Rows per page.")]
# A negative offset (a "previous" link from the first page) is clamped to 0, not refused.
After = Annotated[str | None, Query(pattern=r"^[0-9a-fA-F]{1,64}$",
                                    description="Keyset cursor: start after this event id (the offset is then "
                                                "only shown, not skipped).")]
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
    undated: str | None = None  # "include" or "only" (see undated_mode)

    def store_kwargs(self) -> dict[str, Any]:
        """Keyword arguments for KnowledgeBase.events / count_events."""
        pair = tuple(self.dyad.split("-", 1)) if self.dyad else None
        types = self.type.split(",") if self.type else None
        out: dict[str, Any] = {
            "actor": self.actor, "source": self.source, "target": self.target, "dyad": pair,
            "type": types, "status": self.status, "outlet": self.outlet, "since": self.since,
            "until": self.until, "text": self.text, "article_id": self.article, "undated": self.undated,
        }
        return {k: v for k, v in out.items() if v}

    def query(self) -> dict[str, str]:
        """The filters as URL query parameters (for paging and CSV links)."""
        names = {"text": "q"}
        out = {names.get(k, k): v for k, v in self.__dict__.items() if v and k != "undated"}
        if self.undated:
            out["undated_only" if self.undated == "only" else "include_undated"] = "true"
        return out

    def with_undated(self, undated: str | None) -> dict[str, str]:
        """query() with another undated mode: the "include them" / "only them" links."""
        out = {k: v for k, v in self.query().items() if k not in ("include_undated", "undated_only")}
        if undated == "only":
            out = {k: v for k, v in out.items() if k not in ("since", "until")}
            out["undated_only"] = "true"
        elif undated == "include":
            out["include_undated"] = "true"
        return out


def event_filters(actor: Actor = None, source: Source = None, target: Target = None, dyad: Dyad = None,
                  type_: EventType = None, status: Status = None, outlet: Outlet = None, since: Since = None,
                  until: Until = None, text: Text = None, article: Article = None,
                  undated: Undated = None) -> EventFilters:
    """A FastAPI dependency: the validated event filters of one request (empty strings mean unset)."""
    return EventFilters(actor=actor or None, source=source or None, target=target or None, dyad=dyad or None,
                        type=type_ or None, status=status or None, outlet=outlet or None, since=since or None,
                        until=until or None, text=text or None, article=article or None, undated=undated)

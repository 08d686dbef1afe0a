"""The shapes of the API's replies, for the OpenAPI document (/docs, /openapi.json).

Routes build their replies from the store's dataclasses; these pydantic models only
describe them, so a client generated from the spec sees the real fields, the paging
fields and the one error shape every 4xx/5xx uses.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, create_model

from powderkeg.models import (
    ActorRecord,
    ArmsRecord,
    ArticleRecord,
    DisputeRecord,
    EventRecord,
    LabelRecord,
    LabelUsage,
    Mention,
    Person,
    PersonRecord,
    QuoteRecord,
)

T = TypeVar("T")

#: ArticleRecord fields never sent over HTTP: where the file sat on the server (issue 14, section 4).
PRIVATE_ARTICLE_FIELDS: frozenset[str] = frozenset({"source_path"})


class ErrorDetail(BaseModel):
    """One invalid parameter."""

    model_config = ConfigDict(populate_by_name=True)

    param: str
    in_: str = Field(alias="in", description="query or path")
    message: str


class ErrorReply(BaseModel):
    """Every error reply: a one-line message, and for a 422 the parameters at fault."""

    error: str
    details: list[ErrorDetail] | None = None


class Page(BaseModel, Generic[T]):
    """One page of a list. Follow `next` for more; `total` counts every match when it is known."""

    items: list[T]
    count: int = Field(description="Items in this page.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page, or null on the last one.")
    total: int | None = Field(None, description="Every match (events, actors, people; past the end: all lists).")
    note: str | None = Field(None, description="Set when the offset is past the end of the list.")
    truncated: bool = Field(False, description="True when the reply byte cap cut this page short; `next` goes on.")
    truncated_by: list[str] = Field(default_factory=list, description='"bytes" when the byte cap cut the page.')


def _public_article() -> type[BaseModel]:
    hints = typing.get_type_hints(ArticleRecord)
    fields: dict[str, Any] = {
        f.name: (hints[f.name], f.default if f.default is not dataclasses.MISSING else ...)
        for f in dataclasses.fields(ArticleRecord) if f.name not in PRIVATE_ARTICLE_FIELDS
    }
    model: type[BaseModel] = create_model("Article", __doc__="A stored article's metadata.", **fields)
    return model


Article = _public_article()


class ArticleDetail(BaseModel):
    """One article with everything extracted from it; every start/end is an offset into `text`."""

    article: Article  # type: ignore[valid-type]
    text: str
    events: list[EventRecord]
    arms: list[ArmsRecord]
    quotes: list[QuoteRecord]
    labels: list[LabelRecord]
    mentions: list[Mention]
    people: list[Person]
    truncated: bool = Field(False, description="True when `text` was cut to fit the reply byte cap.")
    truncated_by: list[str] = Field(default_factory=list)


class Dyad(BaseModel):
    source: str
    target: str
    type: str
    n: int


class TimelinePoint(BaseModel):
    month: str
    type: str
    n: int


class ActorDetail(BaseModel):
    """One actor: who it acts on and who acts on it, its people, labels and arms (first 200)."""

    actor: ActorRecord
    dyads: list[Dyad]
    timeline: list[TimelinePoint]
    people: list[PersonRecord]
    labels: list[LabelUsage]
    arms: list[ArmsRecord]


class Summary(BaseModel):
    n_articles: int
    n_events: int
    n_actors: int
    n_people: int
    events_by_type: dict[str, int]
    top_dyads: list[tuple[str, str, int]]
    n_failures: int


class Outlet(BaseModel):
    outlet: str
    n_articles: int
    n_events: int


class SqlLimits(BaseModel):
    """The limits this server applies to /api/sql (see `powderkeg serve --help`)."""

    rows: int
    bytes: int
    cell_chars: int
    seconds: float


class SqlReply(BaseModel):
    """A query's result. `truncated_by` names each limit that cut it: rows, bytes, cell."""

    columns: list[str]
    rows: list[list[Any]]
    count: int
    truncated: bool
    truncated_by: list[str]
    cells_truncated: int = Field(description="Text cells cut at `limits.cell_chars`, each ending in …[truncated].")
    limits: SqlLimits


class CopyReport(BaseModel):
    """One report of a copy group: the outlet, title and URL one article came under."""

    article: str
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None


class CopyGroupRow(BaseModel):
    """Reports that are copies of one text; `group` is the origin's article id, its report first."""

    group: str
    wire: str | None = Field(description='The news agency the text credits ("AP", "Reuters"), if any.')
    reports: list[CopyReport]


class IncidentRow(BaseModel):
    """One act as several reports give it (the shape of `powderkeg incidents --format json`)."""

    id: str
    source: str
    target: str
    type: str
    negated: bool
    date_start: str | None = Field(description="When the act happened (ISO, possibly partial: 1999, 2023-09).")
    date_end: str | None
    articles: list[str]
    outlets: list[str]
    reports: int
    independent: int = Field(description="Independent sources: copies of one origin count once.")
    statuses: dict[str, int] = Field(description="Reports by status: {asserted: n, claimed: m, denied: k}.")
    first_report: str | None
    last_report: str | None
    evidence: str | None = Field(description="The first report's evidence sentence.")
    disputed: bool = Field(False, description="One party asserts it and another denies it.")
    denied_by: list[str] = Field(default_factory=list, description="The parties that deny it ('?': unnamed).")


class IncidentReport(BaseModel):
    """One report of an incident, in publication order."""

    event: str
    article: str
    outlet: str | None
    published: str | None
    date: str | None
    status: str
    evidence: str
    copy_of: str | None = Field(description="The origin's article id when this article is a copy of another.")


class IncidentOutlet(BaseModel):
    """How one outlet covered the incident (KnowledgeBase.incident_coverage)."""

    outlet: str
    reported: bool
    articles: list[str]
    statuses: dict[str, int]
    labels: list[str]
    speakers: list[str]
    other_articles: int


class IncidentDetail(IncidentRow):
    timeline: list[IncidentReport]
    coverage: list[IncidentOutlet]


class DealStepReport(BaseModel):
    article: str
    outlet: str | None
    published: str | None
    evidence: str


class DealStep(BaseModel):
    """One stage of a deal: its first report, the largest figures reported for it, and its reports."""

    status: str
    first_reported: str | None
    quantity: int | None
    value_usd: float | None
    reports: list[DealStepReport]


class DealRow(BaseModel):
    """One deal, like a SIPRI register row citing its sources."""

    id: str
    supplier: str
    recipient: str
    system: str
    status: str = Field(description="The furthest stage reported.")
    quantity: int | None
    value_usd: float | None
    reports: int
    independent: int
    disputed: bool
    steps: list[DealStep]


ArticlePage = Page[Article]  # type: ignore[valid-type]
EventPage = Page[EventRecord]
ArmsPage = Page[ArmsRecord]
QuotePage = Page[QuoteRecord]
LabelPage = Page[LabelRecord]
LabelUsagePage = Page[LabelUsage]
DisputePage = Page[DisputeRecord]
ActorPage = Page[ActorRecord]
PersonPage = Page[PersonRecord]
OutletPage = Page[Outlet]
CopyGroupPage = Page[CopyGroupRow]
IncidentPage = Page[IncidentRow]
DealPage = Page[DealRow]

_CSV = {"text/csv": {"schema": {"type": "string"}}}


def responses(*errors: int, csv: bool = False) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for a route: its error codes with the real error shape, and CSV when offered."""
    described = {400: "Bad request (e.g. a refused SQL statement)", 404: "Not found",
                 422: "Invalid parameter", 503: "Busy: too many SQL queries running; try again"}
    out: dict[int | str, dict[str, Any]] = {
        code: {"model": ErrorReply, "description": described[code]} for code in errors
    }
    if csv:
        out[200] = {"content": _CSV, "description": "JSON, or CSV with format=csv"}
    return out

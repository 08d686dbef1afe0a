"""Typed records passed between pipeline stages.

Stages hand each other frozen dataclasses, never loose dicts, so a field
rename is caught by mypy rather than by an analyst reading a wrong table.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

#: The 16 PLOVER event categories (SCHEMA.md).
EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
EVENT_STATUSES: tuple[str, ...] = ("reported", "claimed", "denied", "planned")
ARMS_STATUSES: tuple[str, ...] = ("delivered", "approved", "requested", "planned", "alleged", "denied")


@dataclass(frozen=True)
class Article:
    """One news article as read from any input format.

    `id` is a content hash (stable across re-ingests); `external_id` keeps an
    id the input itself gave (a JSONL `id`), which `extract` echoes back.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None  # ISO date "YYYY-MM-DD" when known
    source_path: str | None = None
    fmt: str = "text"  # text | markdown | html | rss | jsonl | stdin
    external_id: str | None = None


@dataclass(frozen=True)
class Failure:
    """An input that could not be read, with a reason an analyst can act on."""

    path: str
    reason: str

    def __str__(self) -> str:
        # one line whatever the file is called: a newline, a terminal escape or a bidi
        # override in a name is shown escaped ("two\\nlines.txt"), not obeyed
        path = "".join(_escaped(c) for c in self.path)
        return f"{path}: {self.reason}"


def _escaped(char: str) -> str:
    """A character as printed in a failure line: itself, or a backslash escape if it is
    a control, a bidi control or a lone surrogate (a file name that is not UTF-8)."""
    code = ord(char)
    if code < 0x20 or 0x7F <= code <= 0x9F or 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
        return char.encode("unicode_escape").decode("ascii")
    if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's escape for an undecodable byte
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return char


@dataclass(frozen=True)
class ActorEntry:
    """One gazetteer row: a surface form and the actor code it names."""

    code: str  # ISO alpha-3, XKX, or an IO acronym
    alias: str  # surface form as written in the data file
    kind: str  # state | adjective | capital | body | io | group | user
    role: str | None = None  # "foreign ministry", "army", ... for bodies


@dataclass(frozen=True)
class Mention:
    """A span of article text that names an actor (directly or as a metonym)."""

    start: int
    end: int
    text: str
    code: str
    kind: str
    role: str | None = None


@dataclass(frozen=True)
class Person:
    """A named person who acts or speaks, and the actor they act for."""

    name: str  # canonical full name, diacritics kept
    actor: str | None
    role: str | None
    start: int = -1  # first mention, char offset in article text
    end: int = -1


@dataclass(frozen=True)
class Event:
    """A coded PLOVER event with its evidence sentence (char offsets into text)."""

    source: str
    target: str
    type: str
    negated: bool
    status: str
    evidence: str  # exact sentence text == article.text[start:end]
    start: int
    end: int
    trigger: str = ""
    source_text: str = ""
    target_text: str = ""
    rule: str = ""  # which rule coded it, for `explain`
    attributed_to: str | None = None  # who claims it (claimed) or denies it (denied)
    disputed_by: str | None = None  # a party the same article reports denying it
    dispute_evidence: str | None = None  # the sentence with that denial
    date: str | None = None  # when the act happened: ISO, possibly partial ("1999", "2023-09")
    date_source: str | None = None  # "text" (the sentence says when) or "published"


@dataclass(frozen=True)
class ArmsTransfer:
    """A weapon transfer between two actors (filled by issue 4)."""

    supplier: str
    recipient: str
    system: str
    status: str
    evidence: str
    start: int
    end: int
    quantity: int | None = None
    value_usd: float | None = None
    weapon_class: str | None = None
    attributed_to: str | None = None  # who alleges it (alleged) or denies it (denied)
    disputed_by: str | None = None  # a party the same article reports denying it
    dispute_evidence: str | None = None  # the sentence with that denial
    written: str | None = None  # the system as the text writes it ("BMP-3s", "Pantsir-S1"), beside `system`
    # Where the deal's value is written (article offset): records of one package share it and its
    # value_usd (the annotation convention), so a sum counts each package once (issue 15, 3.8).
    package: int | None = None


@dataclass(frozen=True)
class Quote:
    """Something a speaker is reported to have said (filled by issue 4)."""

    speaker: str
    actor: str | None
    cue: str
    text: str
    kind: str  # direct | indirect
    start: int
    end: int


@dataclass(frozen=True)
class Label:
    """A loaded or contested term applied to an actor (filled by issue 4)."""

    target: str
    term: str
    evidence: str
    start: int
    end: int


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    actors: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()
    people: tuple[Person, ...] = ()
    events: tuple[Event, ...] = ()
    arms: tuple[ArmsTransfer, ...] = ()
    quotes: tuple[Quote, ...] = ()
    labels: tuple[Label, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def to_contract(self) -> dict[str, Any]:
        """The `extract` output line, in the shape of shared/eval/SCHEMA.md."""
        art = self.article
        return {
            "id": art.external_id if art.external_id is not None else art.id,
            "actors": list(self.actors),
            "people": [{"name": p.name, "actor": p.actor, "role": p.role} for p in self.people],
            "events": [
                {"source": e.source, "target": e.target, "type": e.type, "negated": e.negated,
                 "status": e.status, "quote": e.evidence, "date": e.date, "date_source": e.date_source}
                for e in self.events
            ],
            "arms": [
                # `system` as the text writes it (what a reader finds in the sentence), the lexicon's
                # canonical name beside it (issue 15, 3.8)
                {"supplier": a.supplier, "recipient": a.recipient, "system": a.written or a.system,
                 "canonical": a.system,
                 "quantity": a.quantity, "value_usd": a.value_usd, "status": a.status,
                 "quote": a.evidence, "written": a.written, "package": a.package}
                for a in self.arms
            ],
            "quotes": [
                {"speaker": q.speaker, "actor": q.actor, "cue": q.cue, "text": q.text}
                for q in self.quotes
            ],
            "labels": [{"target": lab.target, "term": lab.term} for lab in self.labels],
        }


def as_dict(record: Any) -> dict[str, Any]:
    """A dataclass record as a plain dict (for JSON/CSV output)."""
    return asdict(record)


# --- Store records (query results) ---


@dataclass(frozen=True)
class EventRecord:
    """A stored event joined with its article's metadata, so a row can be cited on its own."""

    id: str
    article_id: str
    source: str
    target: str
    type: str
    negated: bool
    status: str
    evidence: str
    start: int
    end: int
    trigger: str
    source_text: str
    target_text: str
    rule: str
    outlet: str | None
    published: str | None  # ISO date
    title: str | None
    url: str | None
    attributed_to: str | None = None
    disputed_by: str | None = None
    date: str | None = None  # when the act happened (ISO, possibly partial); see Event.date
    date_source: str | None = None  # "text" or "published"


@dataclass(frozen=True)
class ArmsRecord:
    """A stored arms transfer with its article's metadata: one row of the arms register."""

    article_id: str
    supplier: str
    recipient: str
    system: str
    weapon_class: str | None
    quantity: int | None
    value_usd: float | None
    status: str
    evidence: str
    start: int
    end: int
    outlet: str | None
    published: str | None
    title: str | None
    attributed_to: str | None = None
    disputed_by: str | None = None


@dataclass(frozen=True)
class QuoteRecord:
    """A stored quote with its article's metadata."""

    article_id: str
    speaker: str
    actor: str | None
    cue: str
    text: str
    kind: str
    start: int
    end: int
    outlet: str | None
    published: str | None
    title: str | None


@dataclass(frozen=True)
class LabelRecord:
    """One use of a framing label, with its article's metadata."""

    article_id: str
    target: str
    term: str
    evidence: str
    start: int
    end: int
    outlet: str | None
    published: str | None


@dataclass(frozen=True)
class LabelUsage:
    """How often an outlet applies a term to an actor (the `labels --by outlet` table)."""

    outlet: str
    target: str
    term: str
    n: int
    n_articles: int
    example: str  # one evidence sentence


@dataclass(frozen=True)
class Stance:
    """One side of a dispute: who asserts or denies a fact, where, and in which words."""

    by: str | None  # actor code of the claimant/denier; None when an outlet states it as fact
    status: str
    article_id: str
    outlet: str | None
    published: str | None
    evidence: str
    start: int = -1  # offset of the evidence sentence in the article text


@dataclass(frozen=True)
class DisputeRecord:
    """A fact one party asserts and another denies, within an article or across articles."""

    kind: str  # event | arms
    source: str  # event source or arms supplier
    target: str  # event target or arms recipient
    what: str  # PLOVER type or weapon system
    asserted: tuple[Stance, ...]
    denied: tuple[Stance, ...]
    n_asserted: int = 0  # every stance asserting it (`asserted` may hold only the first few)
    n_denied: int = 0  # every stance denying it


@dataclass(frozen=True)
class ActorRecord:
    """One actor code with how often the knowledge base sees it."""

    code: str
    name: str  # most frequent state/IO surface form, else the code
    n_mentions: int
    n_articles: int
    n_events_as_source: int
    n_events_as_target: int


@dataclass(frozen=True)
class PersonRecord:
    """One person and actor across articles and spellings; role is the most common one given.

    `roles` lists every role the person was given, `actors` every actor the same person
    (by spelling-blind key) was seen acting for (issue 16: one person across articles)."""

    name: str
    actor: str | None
    role: str | None
    n_articles: int
    roles: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()


@dataclass(frozen=True)
class ArticleRecord:
    """A stored article's metadata (the text is fetched separately: it can be long)."""

    id: str
    title: str | None
    outlet: str | None
    published: str | None  # ISO date
    url: str | None
    n_words: int
    n_events: int
    external_id: str | None = None
    source_path: str | None = None
    fmt: str | None = None
    ingested_at: str | None = None  # ISO timestamp (UTC)


@dataclass(frozen=True)
class StoreSummary:
    """Headline counts of a knowledge base."""

    n_articles: int
    n_events: int
    n_actors: int
    n_people: int
    events_by_type: dict[str, int]
    top_dyads: list[tuple[str, str, int]]  # (source, target, n_events), top 10
    n_failures: int


@dataclass(frozen=True)
class QueryResult:
    """Rows of an ad-hoc read-only query; `truncated` says a limit (rows, bytes, cell length) cut it short."""

    columns: list[str]
    rows: list[tuple[Any, ...]]
    truncated: bool = False
    truncated_by: tuple[str, ...] = ()  # the limits that cut it: "rows", "bytes", "cell"
    cells_truncated: int = 0  # text cells cut at the cell length limit


@dataclass(frozen=True)
class ReportRecord:
    """One report of a stored article: the outlet, title and URL it came under (issue 16)."""

    article_id: str
    outlet: str | None
    title: str | None
    url: str | None
    published: str | None  # ISO date
    wire: str | None = None  # the news agency the text credits


@dataclass(frozen=True)
class CopyGroup:
    """Reports that are copies of one text (exact, or near: retitled, trimmed, reworded).

    `group` is the origin's article id: the earliest report's article."""

    group: str
    reports: tuple[ReportRecord, ...]
    wire: str | None = None

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(r.article_id for r in self.reports))


@dataclass(frozen=True)
class OutletCoverage:
    """How one outlet covers one actor: what it carried, the words it used, whose voice it quoted.

    An outlet with zeros carried nothing on the actor (the "did not report" side)."""

    outlet: str
    articles: int
    events: int
    incidents: int | None  # None when not counted (KnowledgeBase.coverage(incidents=False))
    labels: tuple[str, ...]  # the label terms it applied to the actor
    quotes: int  # quotes of the actor's speakers it carried
    speakers: tuple[str, ...]


@dataclass(frozen=True)
class IncidentCoverage:
    """How one outlet covered one incident: whether it reported it, in which articles and with which
    statuses, the labels it applied to the incident's parties there, and whose quotes it carried.

    An outlet that did not report the incident but carried articles naming either party has
    `reported` False: `articles` then counts those articles and `labels` the terms it used for the
    parties in them (the "did not report" side)."""

    outlet: str
    reported: bool
    articles: tuple[str, ...]  # the reporting articles' ids; for a silent outlet, none
    statuses: dict[str, int]
    labels: tuple[str, ...]  # "term (CODE)"
    speakers: tuple[str, ...]  # "speaker (CODE)"
    other_articles: int = 0  # articles naming a party, when the outlet did not report the incident

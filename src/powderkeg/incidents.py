"""One act, many reports: events from different articles merged into incidents.

Why: a clash reported by a wire, reprinted by twenty papers and recalled a week later as
background is one incident, not twenty-two events (GDELT's 366 "kidnappings" in two days
were one). Reports of one incident share the coding (source, target, type, negated), have
compatible act dates (`Event.date`, partial dates widened to their month or year) and
agree in wording, or come from copies of one report. Different acts on one dyad stay apart:
a 2012 and a 2023 border clash have incompatible dates. An incident counts its reports, its
outlets and its independent sources: copies of one origin (one copy group) count once.
"""

from __future__ import annotations

import calendar
import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from powderkeg.extract.actors import fold
from powderkeg.lexicons import load_words

#: Reports of one act whose dates are this many days apart still join (a wire dates it Monday,
#: a weekly paper "last week").
DEFAULT_WINDOW_DAYS = 3
#: Share of content words two evidence sentences need to count as telling the same act
#: when their dates alone do not settle it.
MIN_OVERLAP = 0.15
#: A report that fits several incidents joins the best-worded one only when it leads by this much.
MARGIN = 0.15

_WORD = re.compile(r"[a-z][a-z'-]+")


@dataclass(frozen=True)
class Report:
    """One event as one article reports it."""

    event_id: str
    article_id: str
    source: str
    target: str
    type: str
    negated: bool
    status: str
    evidence: str
    date: str | None  # when the act happened (ISO, possibly partial), see Event.date
    published: str | None
    outlet: str | None = None
    copy_group: str | None = None  # articles that are copies of one report share it
    attributed_to: str | None = None  # who claims it (claimed) or denies it (denied)
    disputed_by: str | None = None  # a party the same article reports denying it


@dataclass(frozen=True)
class Stance:
    """Who, in which report, asserted or denied an incident, and when it was published."""

    by: str | None  # the party (None: stated as fact by the outlet)
    status: str
    outlet: str | None
    published: str | None
    evidence: str


@dataclass(frozen=True)
class Incident:
    """Reports of one act, first report first."""

    id: str
    source: str
    target: str
    type: str
    negated: bool
    date_start: str | None
    date_end: str | None
    reports: tuple[Report, ...] = field(default=())

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(r.article_id for r in self.reports))

    @property
    def outlets(self) -> list[str]:
        return sorted({r.outlet for r in self.reports if r.outlet})

    @property
    def independent(self) -> int:
        """Independent sources: each copy group (or article without one) counts once."""
        return len({r.copy_group or r.article_id for r in self.reports})

    @property
    def statuses(self) -> dict[str, int]:
        return dict(Counter(r.status for r in self.reports))

    @property
    def stances(self) -> tuple[list[Stance], list[Stance]]:
        """(asserted, denied): every report's stance, and the denials reported beside a claim."""
        asserted: list[Stance] = []
        denied: list[Stance] = []
        for r in self.reports:
            stance = Stance(r.attributed_to, r.status, r.outlet, r.published, r.evidence)
            (denied if r.status == "denied" else asserted).append(stance)
            if r.disputed_by and r.status != "denied":
                denied.append(Stance(r.disputed_by, "denied", r.outlet, r.published, r.evidence))
        return asserted, denied

    @property
    def disputed(self) -> bool:
        """One party asserts it and another denies it, in one report or across outlets."""
        asserted, denied = self.stances
        return bool(asserted) and bool(denied)

    @property
    def first_report(self) -> str | None:
        return min((r.published for r in self.reports if r.published), default=None)

    @property
    def last_report(self) -> str | None:
        return max((r.published for r in self.reports if r.published), default=None)


def interval(value: str | None) -> tuple[date, date] | None:
    """The days a partial ISO date covers: "1999" -> the year, "1999-03" -> March, a day -> itself."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
        day = date(parts[0], parts[1], parts[2])
        return day, day
    except ValueError:
        return None


def _precision(value: str | None) -> int:
    """3 for a day, 2 for a month, 1 for a year, 0 for no date: the most precise reports lead."""
    return 0 if not value else min(value.count("-") + 1, 3)


def compatible(a: tuple[date, date], b: tuple[date, date], window: int) -> bool:
    """Whether two date intervals overlap once each is widened by `window` days."""
    pad = timedelta(days=window)
    return a[0] - pad <= b[1] and b[0] - pad <= a[1]


def content_words(text: str) -> frozenset[str]:
    """The words of an evidence sentence that can tell one act from another (data/stopwords.csv left out)."""
    stop = load_words("stopwords.csv")
    return frozenset(w for w in _WORD.findall(fold(text)) if w not in stop and len(w) > 2)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


@dataclass
class _Open:
    """An incident being built: its reports, the date span its reports pin down, their evidence (whose words
    are read only when a later report must be compared with it: most incidents of a big page have one report)."""

    reports: list[Report]
    span: tuple[date, date] | None
    texts: list[str]
    groups: set[str]
    _words: set[frozenset[str]] = field(default_factory=set)
    _read: int = 0

    @property
    def words(self) -> set[frozenset[str]]:
        for text in self.texts[self._read:]:
            self._words.add(content_words(text))
        self._read = len(self.texts)
        return self._words


class _Lazy:
    """A report's content words, computed on first use."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._words: frozenset[str] | None = None

    def __call__(self) -> frozenset[str]:
        if self._words is None:
            self._words = content_words(self.text)
        return self._words


def _joins(report: Report, span: tuple[date, date] | None, words: _Lazy, inc: _Open, window: int) -> bool:
    if report.copy_group and report.copy_group in inc.groups:
        return True  # a copy of a report already in the incident
    if span is None or inc.span is None:
        return False  # an undated report joins only its own copies
    if not compatible(span, inc.span, window):
        return False
    same_day = span[0] == span[1] and inc.span[0] == inc.span[1] and span == inc.span
    return same_day or _agreement(words(), inc) >= MIN_OVERLAP


def build(reports: Iterable[Report], *, window: int = DEFAULT_WINDOW_DAYS) -> list[Incident]:
    """Incidents from reports: most precise dates first, each report joining the open incident of its
    coding it fits (`_choose`); a report that fits several equally well, such as "the 2023 clashes"
    beside two 2023 clashes, stays an incident of its own rather than merging them."""
    by_key: dict[tuple[str, str, str, bool], list[Report]] = {}
    for r in reports:
        by_key.setdefault((r.source, r.target, r.type, r.negated), []).append(r)
    out: list[Incident] = []
    for key, group in sorted(by_key.items()):
        ordered = sorted(group, key=lambda r: (-_precision(r.date), r.date or "", r.published or "", r.event_id))
        open_: list[_Open] = []
        for r in ordered:
            span, words = interval(r.date), _Lazy(r.evidence)
            fits = [inc for inc in open_ if _joins(r, span, words, inc, window)]
            inc = _choose(fits, words)
            if inc is not None:
                inc.reports.append(r)
                inc.texts.append(r.evidence)
                if r.copy_group:
                    inc.groups.add(r.copy_group)
                if span is not None and inc.span is not None and _precision(r.date) == 3:
                    inc.span = (min(inc.span[0], span[0]), max(inc.span[1], span[1]))
            else:
                open_.append(_Open([r], span, [r.evidence], {r.copy_group} if r.copy_group else set()))
        out.extend(_close(key, inc) for inc in open_)
    return sorted(out, key=lambda i: (i.date_start or "", i.id))


def _agreement(words: frozenset[str], inc: _Open) -> float:
    return max((overlap(words, w) for w in inc.words), default=0.0)


def _choose(fits: list[_Open], words: _Lazy) -> _Open | None:
    """The incident a report joins: the only one it fits, or among several the one whose wording
    agrees clearly best ("earlier this month" fits two May incidents; its words pick one)."""
    if len(fits) <= 1:
        return fits[0] if fits else None
    ranked = sorted(fits, key=lambda inc: -_agreement(words(), inc))
    best, runner_up = _agreement(words(), ranked[0]), _agreement(words(), ranked[1])
    return ranked[0] if best - runner_up >= MARGIN else None


def _close(key: tuple[str, str, str, bool], inc: _Open) -> Incident:
    reports = tuple(sorted(inc.reports, key=lambda r: (r.published or "9999", r.article_id, r.event_id)))
    ident = hashlib.sha256("|".join(sorted(r.event_id for r in reports)).encode()).hexdigest()[:16]
    dates = [r.date for r in reports if r.date]
    precise = [d for d in dates if _precision(d) == max(_precision(x) for x in dates)] if dates else []
    return Incident(id=ident, source=key[0], target=key[1], type=key[2], negated=key[3],
                    date_start=min(precise) if precise else None, date_end=max(precise) if precise else None,
                    reports=reports)


def pairwise(predicted: Sequence[Sequence[str]], truth: Sequence[Sequence[str]]) -> tuple[float, float, float]:
    """Pairwise precision, recall and F1 of a grouping of ids against the true grouping."""
    def pairs(groups: Sequence[Sequence[str]]) -> set[tuple[str, str]]:
        return {(a, b) for g in groups for a in g for b in g if a < b}
    found, true = pairs(predicted), pairs(truth)
    p = len(found & true) / len(found) if found else 1.0
    r = len(found & true) / len(true) if true else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)

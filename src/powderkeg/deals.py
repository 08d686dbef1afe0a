"""One arms deal, many reports: the register row with its history, like SIPRI's.

Why: the Javelin sale to Kosovo arrives as a request in one report, an approval in
another and a delivery in a third, each from another outlet with another figure; three
unrelated rows help nobody. Records with the same supplier, recipient and system (its
canonical name) form one deal, whose steps (requested -> approved -> delivered) keep their
quantities, values and evidence, each citing its report. A later request or approval after a
delivery, more than `NEW_DEAL_AFTER_DAYS` on, starts a new deal (a second batch).
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

#: The order a deal moves through; alleged and denied are claims about it, shown beside the steps.
STEP_ORDER = ("requested", "planned", "approved", "delivered")
#: A request or approval this long after a delivery is a new deal (a second batch), not a late report.
NEW_DEAL_AFTER_DAYS = 180


@dataclass(frozen=True)
class ArmsReport:
    """One arms record as one article reports it."""

    article_id: str
    supplier: str
    recipient: str
    system: str
    status: str
    evidence: str
    published: str | None = None
    outlet: str | None = None
    quantity: int | None = None
    value_usd: float | None = None
    copy_group: str | None = None


@dataclass(frozen=True)
class Step:
    """One stage of a deal and every report of it."""

    status: str
    first_reported: str | None
    quantity: int | None  # the largest figure reported for this stage
    value_usd: float | None
    reports: tuple[ArmsReport, ...]


@dataclass(frozen=True)
class Deal:
    id: str
    supplier: str
    recipient: str
    system: str
    steps: tuple[Step, ...]  # in STEP_ORDER, then alleged / denied

    @property
    def status(self) -> str:
        """The furthest stage reported (a deal only ever alleged or denied says so)."""
        done = [s.status for s in self.steps if s.status in STEP_ORDER]
        return max(done, key=STEP_ORDER.index) if done else self.steps[0].status

    @property
    def quantity(self) -> int | None:
        return next((s.quantity for s in reversed(self.steps) if s.status in STEP_ORDER and s.quantity), None)

    @property
    def value_usd(self) -> float | None:
        return next((s.value_usd for s in reversed(self.steps) if s.status in STEP_ORDER and s.value_usd), None)

    @property
    def reports(self) -> list[ArmsReport]:
        return [r for s in self.steps for r in s.reports]

    @property
    def independent(self) -> int:
        return len({r.copy_group or r.article_id for r in self.reports})

    @property
    def disputed(self) -> bool:
        return any(s.status == "denied" for s in self.steps) and any(s.status != "denied" for s in self.steps)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def build(reports: Iterable[ArmsReport]) -> list[Deal]:
    """Deals from arms records, first report first within each."""
    by_key: dict[tuple[str, str, str], list[ArmsReport]] = {}
    for r in reports:
        by_key.setdefault((r.supplier, r.recipient, r.system.casefold()), []).append(r)
    out = []
    for key, group in sorted(by_key.items()):
        if len(group) == 1:  # most keys of a page's newest records (issue 17: thousands of deals a request)
            out.append(_single(key, group[0]))
            continue
        for part in _split(sorted(group, key=lambda r: (r.published or "9999", r.article_id))):
            out.append(_deal(key, part))
    return out


def _single(key: tuple[str, str, str], r: ArmsReport) -> Deal:
    """The deal of one report: what `_deal` makes of it, without its grouping and counting."""
    step = Step(status=r.status, first_reported=r.published or None, quantity=r.quantity or None,
                value_usd=r.value_usd or None, reports=(r,))
    ident = hashlib.sha256("|".join([*key, r.published or ""]).encode()).hexdigest()[:16]
    return Deal(id=ident, supplier=key[0], recipient=key[1], system=r.system, steps=(step,))


def _split(ordered: list[ArmsReport]) -> list[list[ArmsReport]]:
    """Cut a key's reports where a new request or approval follows a delivery by months."""
    parts: list[list[ArmsReport]] = [[]]
    delivered: date | None = None
    for r in ordered:
        day = _day(r.published)
        if (delivered is not None and day is not None and r.status in ("requested", "approved", "planned")
                and day - delivered > timedelta(days=NEW_DEAL_AFTER_DAYS)):
            parts.append([])
            delivered = None
        parts[-1].append(r)
        if r.status == "delivered" and day is not None:
            delivered = max(delivered, day) if delivered else day
    return [p for p in parts if p]


def _deal(key: tuple[str, str, str], reports: list[ArmsReport]) -> Deal:
    stages: dict[str, list[ArmsReport]] = {}
    for r in reports:
        stages.setdefault(r.status, []).append(r)
    order = [*STEP_ORDER, "alleged", "denied"]
    steps = tuple(
        Step(status=status, first_reported=min((r.published for r in rs if r.published), default=None),
             quantity=max((r.quantity for r in rs if r.quantity), default=None),
             value_usd=max((r.value_usd for r in rs if r.value_usd), default=None), reports=tuple(rs))
        for status in sorted(stages, key=lambda s: order.index(s) if s in order else len(order))
        for rs in [stages[status]]
    )
    spellings = Counter(r.system for r in reports)  # the most used spelling, the first of equals
    shown = max((r.system for r in reports), key=spellings.__getitem__)
    ident = hashlib.sha256("|".join([*key, min(r.published or "" for r in reports)]).encode()).hexdigest()[:16]
    return Deal(id=ident, supplier=key[0], recipient=key[1], system=shown, steps=steps)

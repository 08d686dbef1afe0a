"""When each event happened: a date the sentence states, resolved against the publication date.

Why: an article of 2020 that mentions the 1999 bombing must not date that bombing
2020. spaCy's NER finds the date phrases ("on Tuesday", "last month", "in 1999",
"June 10, 1999"); the dependency parse decides which of them belongs to the
event's act; `resolve` turns the phrase into an ISO date of the precision the
text gives ("1999", "2023-09", "2023-09-24"), counting relative phrases from the
publication date (forward for what is only planned). An event whose sentence
gives no date of its own is dated by its publication (`date_source` "published").
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Span, Token

from powderkeg.extract.entities import as_span, doc_ents, span_ents
from powderkeg.extract.events import Unit, UnitIndex
from powderkeg.models import Event

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
#: Most specific first: the first pattern that matches a phrase decides its date and precision.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (precision, re.compile(pattern, re.IGNORECASE)) for precision, pattern in (
        ("day", r"\b(?P<year>1[89]\d\d|20\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("day", rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
        ("day", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
        ("month", rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b"),
        ("day", rf"\b{_MONTH}\s+{_DAY}\b"),
        ("day", rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b"),
        ("year", rf"\b{_YEAR}(?!s)\b"),
        ("month", rf"\b{_MONTH}\b"),
    )
)
_AGO = re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                  r"(?P<unit>day|week|month|year)s?\s+ago\b", re.IGNORECASE)
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10}
_RELATIVE = re.compile(r"\b(?P<which>last|past|previous|this|next|coming|earlier this|later this)\s+"
                       r"(?P<unit>week|month|year)\b", re.IGNORECASE)
_SAME_DAY = re.compile(r"\b(today|tonight|this (?:morning|afternoon|evening))\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?P<last>last\s+)?(?P<wd>" + "|".join(WEEKDAYS) + r")\b", re.IGNORECASE)
#: Dependencies that open a clause of their own: a date inside one dates that clause, not the act.
_CLAUSES = frozenset(("relcl", "acl", "advcl", "ccomp", "xcomp"))
#: A month or a bare month-day that is this far after publication belongs to the year before.
_SLACK = timedelta(days=2)


@dataclass(frozen=True)
class When:
    """A resolved date: ISO text of the precision the phrase gives ("1999", "1999-06", "1999-06-10")."""

    iso: str
    precision: str  # year | month | day


def _month_iso(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _shift_month(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def resolve(phrase: str, published: date | None, *, forward: bool = False) -> When | None:
    """The date `phrase` names, or None (a duration, a decade, or a relative phrase with no
    publication date to count from). `forward`: the act is planned, so "on Monday" is the next one."""
    text = " ".join(phrase.split())
    for precision, pattern in _PATTERNS:
        match = pattern.search(text)
        if match is None:
            continue
        found = match.groupdict()
        month = int(found["mnum"]) if found.get("mnum") else MONTHS.get((found.get("month") or "").lower())
        year = int(found["year"]) if found.get("year") else None
        if precision == "year":
            return When(f"{year:04d}", "year")
        if year is None:  # "June 10" or "in March": the year comes from the publication date
            if published is None or month is None:
                return None
            year = _year_for(published, month, int(found["day"]) if found.get("day") else None, forward)
        if month is None:
            return None
        if precision == "month":
            return When(_month_iso(year, month), "month")
        try:
            return When(date(year, month, int(found["day"])).isoformat(), "day")
        except ValueError:  # "February 30"
            return When(_month_iso(year, month), "month")
    return _relative(text, published, forward) if published is not None else None


def _year_for(published: date, month: int, day: int | None, forward: bool) -> int:
    """The year of a month (and day) named without one: the latest not after publication, or the
    first not before it for what is planned."""
    year = published.year
    if day is None:
        if forward and month < published.month:
            year += 1
        elif not forward and month > published.month:
            year -= 1
        return year
    probe = date(year, month, min(day, calendar.monthrange(year, month)[1]))
    if forward and probe < published:
        year += 1
    elif not forward and probe > published + _SLACK:
        year -= 1
    return year


def _relative(text: str, published: date, forward: bool) -> When | None:
    """Dates counted from publication: today, yesterday, weekdays, last month, three days ago."""
    lower = text.lower()
    if "yesterday" in lower:
        return When((published - timedelta(days=1)).isoformat(), "day")
    if "tomorrow" in lower:
        return When((published + timedelta(days=1)).isoformat(), "day")
    if _SAME_DAY.search(lower):
        return When(published.isoformat(), "day")
    ago = _AGO.search(lower)
    if ago:
        n = int(ago["n"]) if ago["n"].isdigit() else _NUMBER_WORDS[ago["n"]]
        unit = ago["unit"]
        if unit == "day":
            return When((published - timedelta(days=n)).isoformat(), "day")
        if unit == "week":
            return When((published - timedelta(weeks=n)).isoformat(), "day")
        if unit == "month":
            return When(_month_iso(*_shift_month(published, -n)), "month")
        return When(f"{published.year - n:04d}", "year")
    rel = _RELATIVE.search(lower)
    if rel:
        which, unit = rel["which"], rel["unit"]
        step = -1 if which in ("last", "past", "previous") else 1 if which in ("next", "coming") else 0
        if unit == "year":
            return When(f"{published.year + step:04d}", "year")
        if unit == "month":
            return When(_month_iso(*_shift_month(published, step)), "month")
        return When(_month_iso(*_shift_month(published + timedelta(weeks=step), 0)), "month")
    weekday = _WEEKDAY.search(lower)
    if weekday:
        wanted = WEEKDAYS[weekday["wd"]]
        if forward and not weekday["last"]:
            return When((published + timedelta(days=(wanted - published.weekday()) % 7)).isoformat(), "day")
        back = (published.weekday() - wanted) % 7 or (7 if weekday["last"] else 0)
        return When((published - timedelta(days=back)).isoformat(), "day")
    return None


# --------------------------------------------------------------------------- which date is the event's


def _trigger_token(sentence: Span, trigger: str) -> Token:
    """The event's trigger in its sentence (its first word), or the sentence's root."""
    words = trigger.lower().split()
    if words:
        for tok in sentence:
            if tok.lower_ == words[0] or tok.lemma_.lower() == words[0]:
                return tok
    return sentence.root


def _attachment(date_span: Span, trigger: Token) -> int | None:
    """How far up the trigger's chain of heads the date phrase hangs (0: on the trigger itself),
    or None when it belongs to something else: another verb's clause ("Serbia, which declared
    independence in 2006, accused ..."), or a noun it describes ("support for the 1899 award")."""
    chain = [trigger, *trigger.ancestors]
    tok = date_span.root
    if tok.dep_ in _CLAUSES:
        return None
    while True:
        if tok in chain:
            return chain.index(tok)
        if tok.head is tok:
            return None
        tok = tok.head
        if tok not in chain and (tok.pos_ in ("VERB", "AUX", "NOUN", "PROPN", "PRON") or tok.dep_ in _CLAUSES):
            return None


def stated_date(sentence: Span, trigger: str, published: date | None, *, forward: bool = False) -> When | None:
    """The date the sentence gives for the act its trigger names, if any."""
    anchor = _trigger_token(sentence, trigger)
    best: tuple[int, int, When] | None = None
    for found in span_ents(sentence):
        if found.label not in ("DATE", "TIME"):
            continue
        ent = as_span(sentence.doc, found)
        level = _attachment(ent, anchor)
        if level is None:
            continue
        when = resolve(ent.text, published, forward=forward)
        if when is None:
            continue
        key = (level, abs(ent.root.i - anchor.i), when)
        if best is None or key[:2] < best[:2]:
            best = key
    return best[2] if best else None


def _published(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _with_year(text: str) -> When | None:
    """A phrase's date when the phrase itself names the year (no publication date needed)."""
    when = resolve(text, None)
    return when if when is not None and _YEAR_IN.search(text) else None


_YEAR_IN = re.compile(_YEAR)


def text_anchor(units: Sequence[Unit], text: str | None = None) -> When | None:
    """The first full date (day, month and year) the text gives: what an undated article is read
    against. Photo captions and datelines, which carry one, come first; `text` (the whole article)
    is searched too, since a caption may not be among the parsed paragraphs."""
    if text and _YEAR_IN.search(text):  # each full-date pattern holds a year: no year, no search (issue 17)
        found = [(m.start(), m.group()) for _, pattern in _PATTERNS[:3] for m in pattern.finditer(text)]
        for _, phrase in sorted(found):
            when = resolve(phrase, None)
            if when is not None and when.precision == "day":
                return when
    for unit in sorted(units, key=lambda u: u.offset):
        for ent in doc_ents(unit.doc):
            if ent.label == "DATE":
                when = _with_year(ent.text)
                if when is not None and when.precision == "day":
                    return when
    return None


def _stated_before(unit: Unit, pos: int) -> When | None:
    """The last date with a year stated in `unit` before char `pos` of the unit: in a narrative
    paragraph ("In January 2017 ... When Kosovo objected, Serbia threatened ...") the acts that follow
    a date happened then."""
    found = None
    for ent in doc_ents(unit.doc):
        if ent.label == "DATE" and ent.end_char <= pos:
            found = _with_year(ent.text) or found
    return found


def date_events(published: str | None, units: Sequence[Unit], events: Sequence[Event],
                text: str | None = None) -> list[Event]:
    """`events` with `date` and `date_source` set: from their sentence when it states a date, else the
    publication date. An article without one is read against the first full date of its text (relative
    phrases count from it), and an event whose sentence gives no date takes the last date with a year
    stated before it in its paragraph, else that first full date (`date_source` "text" both ways; None
    when the text gives no year at all)."""
    pub = _published(published)
    anchor = text_anchor(units, text) if pub is None else None
    reference = pub or (date.fromisoformat(anchor.iso) if anchor is not None else None)
    index = UnitIndex(units)
    out = []
    for event in events:
        when = None
        unit = index.unit(event.start)
        if unit is not None:
            span = unit.doc.char_span(event.start - unit.offset, event.end - unit.offset, alignment_mode="expand")
            if span is not None and len(span):
                when = stated_date(span, event.trigger, reference, forward=event.status == "planned")
        if when is None and pub is None:
            when = (_stated_before(unit, event.start - unit.offset) if unit is not None else None) or anchor
        if when is not None:
            out.append(dataclasses.replace(event, date=when.iso, date_source="text"))
        else:
            out.append(dataclasses.replace(event, date=pub.isoformat() if pub else None,
                                           date_source="published" if pub else None))
    return out

"""Filter values as users type them, checked once for the CLI, the JSON API and the web pages.

Why one module: `--since 2023-13` used to crash the CLI with a traceback while
the web accepted `until=2023-00`; every front end now calls `parse_date` and
`ActorResolver.resolve`, so a value is accepted (or refused, with the same
message) the same way wherever it is typed (issue 14).
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from powderkeg.errors import FilterError

_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")

#: How a date filter is written, for messages.
DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


def parse_date(value: str, *, option: str, end: bool = False) -> str:
    """The ISO day a `since`/`until` value stands for; FilterError naming `option` if it is no date.

    A year or a month widens to its first day, or to its last day when `end`
    (so until=2024-02 includes 29 February 2024). Years start at 0001, months
    run 01-12 and days must exist in their month: "2023-13", "0000", "2023-00"
    and "2024-02-30" are refused.
    """
    text = value.strip()
    match = _DATE.fullmatch(text)
    if match is None:
        raise FilterError(option, f"{value!r} is not a date (use {DATE_FORMS})")
    year = int(match[1])
    if year < 1:
        raise FilterError(option, f"{value!r} is not a date: there is no year 0000")
    month = int(match[2]) if match[2] else None
    if month is not None and not 1 <= month <= 12:
        raise FilterError(option, f"{value!r} is not a date: month {match[2]} is not 01-12")
    if month is None:
        return f"{year:04d}-12-31" if end else f"{year:04d}-01-01"
    last = calendar.monthrange(year, month)[1]
    if match[3] is None:
        return f"{year:04d}-{month:02d}-{last if end else 1:02d}"
    day = int(match[3])
    if not 1 <= day <= last:
        raise FilterError(option, f"{value!r} is not a date: {calendar.month_name[month]} {year} "
                                  f"has days 01-{last}")
    return f"{year:04d}-{month:02d}-{day:02d}"


# --------------------------------------------------------------------------- actors


@dataclass(frozen=True)
class ActorMatch:
    """What an actor filter resolved to: the code used, and what in the gazetteer the text matched."""

    text: str  # as typed
    code: str
    matched: str  # "code", or the gazetteer alias that matched ("Kosovo", "United States")
    name: str | None = None  # the actor's name, when the gazetteer has one

    def describe(self) -> str:
        """`"Kosovo" = XKX` (a name that resolved), or just the code (a code as typed)."""
        return self.code if self.matched == "code" else f'"{self.text}" = {self.code}'


# Which row wins when one alias is written for several codes ("Georgia", "Congo"):
# a state's name before its capital, adjective, body or group.
_KIND_RANK = {"state": 0, "io": 1, "capital": 2, "adjective": 3, "body": 4, "group": 5, "user": 6}


def _key(text: str) -> str:
    """Case-, accent- and punctuation-blind form of a name ("Prishtinë" = "prishtine")."""
    from powderkeg.extract.actors import tokens

    toks = [t for t in tokens(text) if t not in ("'", ".")]
    if len(toks) > 1 and toks[0] == "the":
        toks = toks[1:]
    return " ".join(toks)


@dataclass(frozen=True)
class _Index:
    by_key: dict[str, tuple[str, str]]  # folded alias -> (code, alias as written)
    names: dict[str, str]  # code -> its first state/io alias (its name)


def _build(rows: Iterable[tuple[str, str, str]]) -> _Index:
    best: dict[str, tuple[int, str, str]] = {}
    names: dict[str, tuple[int, bool, int, int, str]] = {}
    for order, (code, alias, kind) in enumerate(rows):
        if kind == "ignore" or not code:
            continue
        rank = _KIND_RANK.get(kind, 6)
        key = _key(alias)
        if key and (key not in best or rank < best[key][0]):
            best[key] = (rank, code, alias)
        # the name shown for a code: a state/IO form without "of", dots or capitals only, the
        # longest of those ("United States" over "America" and "U.S.A.")
        plain = " of " not in f" {alias.lower()} " and "." not in alias and not alias.isupper()
        score = (rank, not plain, len(alias), order)
        if code not in names or score < names[code][:4]:
            names[code] = (*score, alias)
    return _Index(by_key={k: (c, a) for k, (_, c, a) in best.items()},
                  names={c: v[4] for c, v in names.items()})


@lru_cache(maxsize=8)
def _index(extra: str | None) -> _Index:
    from powderkeg.extract.actors import builtin_path, read_actor_rows

    rows = [(r.entry.code.upper(), r.entry.alias, r.entry.kind) for r in read_actor_rows(builtin_path())]
    if extra is not None:
        # a user's gazetteer rows win over the built-in ones, as they do when ingesting
        rows = [(r.entry.code.upper(), r.entry.alias, "state" if r.entry.kind == "user" else r.entry.kind)
                for r in read_actor_rows(extra)] + rows
    return _build(rows)


class ActorResolver:
    """Turns what a user typed for an actor (a code, a name, an alias) into one actor code.

    Codes win ("USA", "xkx"), then gazetteer aliases of any case and accent
    ("Kosovo", "united states", "Priština"), then `extra_codes` (codes a store
    holds that no gazetteer row names). Anything else is a FilterError that
    suggests the nearest codes and names.
    """

    def __init__(self, *, extra_gazetteer: str | Path | None = None) -> None:
        extra = str(Path(extra_gazetteer).resolve()) if extra_gazetteer is not None else None
        self._index = _index(extra)

    def name(self, code: str) -> str | None:
        """The gazetteer's name for `code` ("XKX" -> "Kosovo"), if it has one."""
        return self._index.names.get(code.upper())

    def resolve(self, text: str, *, option: str = "actor", extra_codes: Iterable[str] = ()) -> ActorMatch:
        """The actor `text` names; FilterError naming `option`, with suggestions, if none."""
        typed = " ".join(text.split())
        if not typed:
            raise FilterError(option, "empty actor")
        if len(typed) > 200:
            raise FilterError(option, "actor name longer than 200 characters")
        upper = typed.upper()
        names = self._index.names
        if upper in names:
            return ActorMatch(typed, upper, "code", names.get(upper))
        found = self._index.by_key.get(_key(typed))
        if found is not None:
            code, alias = found
            return ActorMatch(typed, code, alias, names.get(code))
        extra = {c.upper() for c in extra_codes}
        if upper in extra:
            return ActorMatch(typed, upper, "code", None)
        raise FilterError(option, f"unknown actor {typed!r}{self._suggest(typed, extra)}")

    def _suggest(self, typed: str, extra: set[str]) -> str:
        """ "; did you mean ..." with the nearest codes and names (difflib), or ""."""
        names = self._index.names
        codes = sorted(set(names) | extra)
        hits: list[str] = []
        wanted = typed.upper()
        scored = sorted((-difflib.SequenceMatcher(None, wanted, code).ratio(), -_prefix(wanted, code), code)
                        for code in codes)
        for score, _, code in scored[:5]:  # ties: the longer shared start first ("SRV" -> SRB before HRV)
            if -score >= 0.6:
                hits.append(f"{code} ({names[code]})" if code in names else code)
        keys = difflib.get_close_matches(_key(typed), list(self._index.by_key), n=3, cutoff=0.75)
        for key in keys:
            code, alias = self._index.by_key[key]
            label = f"{alias} ({code})"
            if not any(h.startswith(code) for h in hits):
                hits.append(label)
        return f"; did you mean {', '.join(hits[:6])}?" if hits else "; give a code (see `powderkeg actors`) or a country name"


def _prefix(one: str, two: str) -> int:
    """How many leading characters `one` and `two` share."""
    n = 0
    for a, b in zip(one, two, strict=False):
        if a != b:
            break
        n += 1
    return n


def parse_dyad(text: str, resolver: ActorResolver, *, option: str = "dyad",
               extra_codes: Iterable[str] = ()) -> tuple[ActorMatch, ActorMatch]:
    """Two actors, either direction: "SRB-XKX", "Serbia,Kosovo", "Serbia - Kosovo", "Guinea-Bissau,SEN"."""
    typed = text.strip()
    extra = list(extra_codes)
    if "," in typed:
        one, _, two = typed.partition(",")
        return (resolver.resolve(one, option=option, extra_codes=extra),
                resolver.resolve(two, option=option, extra_codes=extra))
    cuts = [m.start() for m in re.finditer("-", typed)]
    for cut in cuts:  # the first split where both halves are actors ("Guinea-Bissau-Senegal")
        try:
            return (resolver.resolve(typed[:cut], option=option, extra_codes=extra),
                    resolver.resolve(typed[cut + 1:], option=option, extra_codes=extra))
        except FilterError:
            continue
    if not cuts:
        raise FilterError(option, f"{text!r} is not two actors (write SRB-XKX or Serbia,Kosovo)")
    one, _, two = typed.partition("-")
    return (resolver.resolve(one, option=option, extra_codes=extra),
            resolver.resolve(two, option=option, extra_codes=extra))


__all__ = ["DATE_FORMS", "ActorMatch", "ActorResolver", "parse_date", "parse_dyad"]

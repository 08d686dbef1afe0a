"""PETRARCH2's unit-test records run through powderkeg, scored like UniversalPetrarch's English suite.

    .venv/bin/python benchmarks/petrarch.py [--show N] [--json]

Why: the records are someone else's coding of hard syntax (compounds, agents,
modifiers, dates), so they test the event coder on cases nobody here wrote.
UniversalPetrarch reported two measures for them: the share of expected
events found and the number of extra (unexpected) events per record.

What it does, and the rules that make the comparison fair:

* Records: every <Sentence> of ../shared/peers/petrarch2/PETR.UnitTest.records.xml.
  Records expecting a discard or a parse error are skipped (powderkeg has no
  such outcome); records expecting no event are kept, and whatever powderkeg
  codes for them counts as extra. The five records marked sentence="false"
  are kept like the others.
* Actors: PETRARCH's validation actor dictionary becomes a temporary
  `--actors` CSV (the built-in gazetteer stays as it is). A PETRARCH code is
  cut to its first three letters, the country-ish part (ARNGOV -> ARN,
  IGOEEU -> IGO), on both sides: in the CSV and in the expected codings.
  Codes whose first three characters are not letters (---, ###, +++, quoted
  names) name no country: expected events using them are not graded and
  dictionary entries carrying them are not loaded. Names are matched as whole
  words (PETRARCH's stem matching, ARGENTIN -> Argentina, is not emulated);
  of two identical names the later wins, as in powderkeg's own CSV. Entries whose code depends on the date, or that carry
  two codes ([ELR/GAL]), get a placeholder code in the CSV that is resolved
  per record after extraction, as PETRARCH resolves it while coding.
  Built-in codes that an unambiguous PETRARCH alias renames (Japan: JPN ->
  JAP) are renamed too, so "Tokyo" counts as JAP. An expected event whose two
  sides share a code (ARNGOV -> ARNMIL) stays graded although powderkeg never
  codes an actor acting on itself; the figure without them is printed too.
* Agents: "~XXX" agents (police, government, minister...) only add a suffix
  that the three-letter cut removes; the country comes from the actor named
  next to them, which is powderkeg's own job, so they are not loaded. Agents
  with a fixed prefix ("XXX~", e.g. human rights body -> NGO~) decide the code
  on their own and are loaded as groups.
* Event types: CAMEO codes go through ../shared/peers/plover/CAMEO2PLOVER-2021.txt,
  longest known prefix first (0231 -> 023 -> 02). A code falls back to its
  parent only where the table does not list that parent's sub-codes: 1717 is
  not a child of 171 (which has 1711 and 1712), so it is a synthetic test code,
  like 9xx and 174L. The table has no rows for CAMEO 01/02 (statements,
  appeals), nor for codes outside CAMEO (212, 223: WEIS codes, see below).
  Expected events with such codes are not graded, and a produced event on
  their dyad is neither found nor extra. PLOVER names become SCHEMA.md's 16
  types (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT).
  Caveat: the validation verb dictionary says most of its codes are WEIS, not
  CAMEO (041 "welcomed" is WEIS praise, CAMEO phone talks; 122 "condemned" is
  WEIS denounce, CAMEO rejection; 023 "believes ..." is WEIS comment, CAMEO
  appeal), so the mapped type is often not what the sentence says. The
  dyad-only figures do not depend on it.
* Matching: an expected event is found when powderkeg produced an event with
  the same (source, target, type) for that record; `negated` is not compared
  (PETRARCH has no such flag). Extras are produced events that match nothing.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT.parent / "shared" / "peers"
RECORDS = PEERS / "petrarch2" / "PETR.UnitTest.records.xml"
DICTIONARIES = PEERS / "petrarch2" / "dictionaries"
ACTORS = DICTIONARIES / "PETR.Validate.actors.txt"
AGENTS = DICTIONARIES / "PETR.Validate.agents.txt"
CAMEO2PLOVER = PEERS / "plover" / "CAMEO2PLOVER-2021.txt"

#: UniversalPetrarch's published English figures, and the targets of the issue.
PUBLISHED_FOUND_PCT = 68.3
PUBLISHED_EXTRA_PCT = 22.95
TARGET_FOUND_PCT = 75.0
TARGET_EXTRA_PCT = 15.0

#: PLOVER 0.5/0.8 names -> the 16 types of SCHEMA.md (as ../shared/peers/README.md maps them).
PLOVER_RENAME = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
SCHEMA_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
#: Single-word aliases with these endings are demonyms ("Eriadorian", "Danish"): gazetteer kind adjective.
_DEMONYM = re.compile(r"(?:IAN|ISH|ESE|ANI|ELI|ORI|ENCH)$")
_PLACEHOLDER = "PETRDICT"
#: PETRARCH matches case-blind; an alias that is also an English word must keep its case ("US", not "us").
_ENGLISH_WORDS = frozenset({"us", "it", "in", "at", "on", "no", "am", "is", "as", "be", "an", "or", "to", "of", "we"})


# -- records --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Coding:
    """One expected <EventCoding>: PETRARCH actor codes and a CAMEO event code, as written."""

    source: str
    target: str
    cameo: str


@dataclass(frozen=True)
class Record:
    """One <Sentence>: what PETRARCH2 must code for it (events, nothing, or an error/discard)."""

    id: str
    date: str  # YYYYMMDD
    category: str
    text: str
    codings: tuple[Coding, ...] = ()
    noevents: bool = False
    error: str | None = None

    @property
    def published(self) -> str:
        """The record date as ISO 8601 (what powderkeg reads from `published`)."""
        return f"{self.date[:4]}-{self.date[4:6]}-{self.date[6:8]}"


def parse_records(xml_text: str) -> list[Record]:
    """Every <Sentence> of a PETRARCH validation file, text whitespace-normalised.

    Newlines inside <Text> are line wrapping, not paragraphs; left in, they would
    split the sentence for powderkeg.
    """
    root = ET.fromstring(xml_text)
    out: list[Record] = []
    for sent in root.iter("Sentence"):
        text_el = sent.find("Text")
        text = " ".join((text_el.text or "").split()) if text_el is not None else ""
        codings: list[Coding] = []
        noevents = False
        error: str | None = None
        for ec in sent.findall("EventCoding"):
            attrs = ec.attrib
            if "error" in attrs:
                error = attrs["error"] or "error"
            elif "noevents" in attrs:
                noevents = True
            elif "eventcode" in attrs:
                codings.append(Coding(attrs.get("sourcecode", ""), attrs.get("targetcode", ""), attrs["eventcode"]))
        out.append(Record(id=sent.get("id", ""), date=sent.get("date", ""), category=sent.get("category", ""),
                          text=text, codings=tuple(codings), noevents=noevents, error=error))
    return out


# -- actor codes ----------------------------------------------------------------------------------


def truncate(code: str) -> str | None:
    """The country-ish part of a PETRARCH code (first three letters), or None if it names no country.

    ARNGOV -> ARN, IGOEEU -> IGO, pse -> PSE; ---GOV, ###, +++ and quoted
    placeholder names ("INJURY TOLL") -> None.
    """
    head = code.strip()[:3]
    return head.upper() if len(head) == 3 and head.isalpha() and head.isascii() else None


@dataclass(frozen=True)
class DatedCode:
    """A dictionary code block: its codes ([ELR/GAL] has two) and the dates it holds for (inclusive)."""

    codes: tuple[str, ...]
    first: str | None = None  # YYYYMMDD, None = open
    last: str | None = None

    @property
    def restricted(self) -> bool:
        return self.first is not None or self.last is not None

    def holds(self, date: str) -> bool:
        return (self.first is None or date >= self.first) and (self.last is None or date <= self.last)


@dataclass
class DictActor:
    """A PETRARCH actor dictionary entry: its names (first one, then +synonyms) and code blocks."""

    names: list[str]
    codes: list[DatedCode] = field(default_factory=list)

    def codes_on(self, date: str) -> tuple[str, ...]:
        """PETRARCH's choice for a date: the first restricted block that holds, else the open one(s)."""
        for block in self.codes:
            if block.restricted and block.holds(date):
                return block.codes
        return tuple(c for block in self.codes if not block.restricted for c in block.codes)


def _ymd(raw: str) -> dt.date:
    """A dictionary date: YYYYMMDD, or TABARI's YYMMDD (years from 30 on are 19xx)."""
    if len(raw) == 6:
        year = int(raw[:2])
        raw = f"{1900 + year if year >= 30 else 2000 + year}{raw[2:]}"
    return dt.datetime.strptime(raw, "%Y%m%d").date()


def parse_code_block(block: str) -> DatedCode | None:
    """`HOB`, `HOB < 950601`, `HOBREB > 990816`, `HOBGOV 19950601 - 19990815`, `ELR/GAL`; None if malformed."""
    parts = block.split(None, 1)
    if not parts:
        return None
    codes = tuple(c for c in parts[0].split("/") if c)
    rest = parts[1].strip() if len(parts) > 1 else ""
    if not rest:
        return DatedCode(codes)
    try:
        if m := re.fullmatch(r"([<>])\s*(\d{6}|\d{8})", rest):
            day = _ymd(m.group(2))
            if m.group(1) == "<":
                return DatedCode(codes, last=(day - dt.timedelta(days=1)).strftime("%Y%m%d"))
            return DatedCode(codes, first=(day + dt.timedelta(days=1)).strftime("%Y%m%d"))
        if m := re.fullmatch(r"(\d{6}|\d{8})\s*-\s*(\d{6}|\d{8})", rest):
            return DatedCode(codes, first=_ymd(m.group(1)).strftime("%Y%m%d"),
                             last=_ymd(m.group(2)).strftime("%Y%m%d"))
    except ValueError:
        return None
    return None


def _uncomment(text: str) -> Iterable[str]:
    """Lines with XML comment blocks and `#` comments removed (stripped, blanks dropped)."""
    in_block = False
    for raw in text.splitlines():
        line = raw.strip()
        if in_block:
            in_block = "-->" not in line
            continue
        if line.startswith("<"):
            in_block = line.startswith("<!") and "-->" not in line
            continue
        line = line.split("#", 1)[0].strip()
        if line:
            yield line


def parse_actor_dictionary(text: str) -> list[DictActor]:
    """Entries of a PETRARCH actor dictionary.

    A line `NAME [CODE]` (or a bare `NAME`) opens an entry, `+NAME` adds a
    synonym, and an indented `[CODE ...]` line adds a (possibly dated) code block.
    """
    entries: list[DictActor] = []
    cur: DictActor | None = None
    for line in _uncomment(text):
        name = line.partition("[")[0]
        blocks = [parse_code_block(b) for b in re.findall(r"\[([^\]]*)\]", line)]
        name = name.strip()
        if name.startswith("+"):
            if cur is not None and name[1:].strip():
                cur.names.append(name[1:].strip())
        elif name:
            cur = DictActor([name])
            entries.append(cur)
        if cur is not None:
            cur.codes.extend(b for b in blocks if b is not None)
    return entries


@dataclass(frozen=True)
class Agent:
    """An agent dictionary entry whose code is a fixed prefix ("XXX~"): name, plural, prefix."""

    names: tuple[str, ...]
    code: str


def parse_prefix_agents(text: str) -> list[Agent]:
    """Agents like `HUMAN_RIGHTS_BODY [NGO~]`, which set the first three letters of the code themselves.

    `~XXX` agents (police, minister) only add a suffix and are left out; `!X!`
    substitution patterns are left out too. Plurals follow the `{}`/`{PLURAL}`
    markers, else English -s/-ies, as PETRARCH forms them.
    """
    out: list[Agent] = []
    for line in _uncomment(text):
        m = re.fullmatch(r"([^\[{]+?)\s*(?:\{([^}]*)\})?\s*\[\s*([^\]]*?)\s*\]", line)
        if m is None or "!" in line:
            continue
        name, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        if not code.endswith("~") or truncate(code[:-1]) is None:
            continue
        names = [name]
        if plural is None:
            names.append(name[:-1] + "IES" if name.endswith("Y") else name + "S")
        elif plural.strip():
            names.append(plural.strip())
        out.append(Agent(tuple(names), code[:-1]))
    return out


def alias_of(name: str) -> str:
    """A dictionary name as the gazetteer wants it: `ARNOR_` -> `Arnor`, `NEW_ZEALAND` -> `New Zealand`.

    Underscores join words; a trailing one (PETRARCH's "whole word") is dropped.
    """
    words = name.replace("_", " ").split()
    if len(words) == 1 and sum(c.isalpha() for c in words[0]) <= 3:
        return words[0].upper()  # an acronym: UN, IMF, K.U.
    return " ".join("-".join(part.capitalize() for part in w.split("-")) if w.replace("-", "").isalpha() else w
                    for w in words)


@dataclass
class ActorTable:
    """The `--actors` CSV rows built from the dictionaries, and how to read powderkeg's codes back."""

    rows: list[dict[str, str]]
    placeholders: dict[str, DictActor]
    dictionary_codes: frozenset[str]
    skipped: int = 0  # entries with no country code on any date

    def resolve(self, code: str | None, date: str, rename: Mapping[str, str] | None = None) -> tuple[str, ...]:
        """Truncated codes a produced code stands for on `date` (placeholders and renames applied)."""
        if not code:
            return ()
        entry = self.placeholders.get(code)
        if entry is not None:
            return tuple(dict.fromkeys(t for c in entry.codes_on(date) if (t := truncate(c))))
        code = (rename or {}).get(code, code)
        t = truncate(code)
        return (t,) if t else (code.upper(),)


def build_actor_table(actors: Sequence[DictActor], agents: Sequence[Agent] = ()) -> ActorTable:
    """Gazetteer rows for every dictionary name with a usable code; placeholders for dated/multiple codes.

    An entry whose three-letter code is the same on every date is written with
    that code; one whose code varies with the date or which carries several
    codes gets a placeholder (`PETRDICT<n>`) that `ActorTable.resolve` undoes.
    """
    rows: list[dict[str, str]] = []
    placeholders: dict[str, DictActor] = {}
    codes: set[str] = set()
    skipped = 0
    for entry in actors:
        variants = {tuple(truncate(c) for c in block.codes) for block in entry.codes}
        usable = {t for v in variants for t in v if t}
        codes |= usable
        if not usable:
            skipped += 1
            continue
        fixed = len(variants) == 1 and len(next(iter(variants))) == 1 and None not in next(iter(variants))
        if fixed and any(not block.restricted for block in entry.codes):
            code = next(iter(usable))
        else:
            code = f"{_PLACEHOLDER}{len(placeholders) + 1}"
            placeholders[code] = entry
        for name in entry.names:
            rows.append(_row(code, name))
    for agent in agents:
        code = truncate(agent.code) or agent.code
        codes.add(code)
        rows.extend(_row(code, name, kind="group") for name in agent.names)
    return ActorTable(rows, placeholders, frozenset(codes), skipped)


def _row(code: str, name: str, kind: str | None = None) -> dict[str, str]:
    alias = alias_of(name)
    single = len(alias.split()) == 1
    if kind is None:
        kind = "adjective" if single and _DEMONYM.search(alias.upper()) else "state"
    return {"code": code, "alias": alias, "kind": kind, "role": "",
            "case_sensitive": "1" if alias.lower() in _ENGLISH_WORDS else "0"}


def write_actor_csv(table: ActorTable, path: Path) -> None:
    """The rows in powderkeg's gazetteer CSV format (code,alias,kind,role,case_sensitive)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["code", "alias", "kind", "role", "case_sensitive"])
        writer.writeheader()
        writer.writerows(table.rows)


def builtin_renames(table: ActorTable) -> dict[str, str]:
    """Built-in code -> PETRARCH code, where PETRARCH names the same place differently (JPN -> JAP).

    Found by looking each dictionary alias up in powderkeg's built-in gazetteer;
    kept only when every alias agrees and the built-in code is not itself a
    PETRARCH code (EGYPT is UAR but EGYPTIAN is EGY: no rename).
    """
    from powderkeg.extract.actors import load_gazetteer

    gaz = load_gazetteer()
    seen: dict[str, set[str]] = {}
    for row in table.rows:
        if row["code"].startswith(_PLACEHOLDER):
            continue
        hit = gaz.lookup(row["alias"])
        if hit is not None and hit.code != row["code"]:
            seen.setdefault(hit.code, set()).add(row["code"])
    return {b: next(iter(p)) for b, p in seen.items() if len(p) == 1 and b not in table.dictionary_codes}


# -- event codes ----------------------------------------------------------------------------------


def parse_cameo_table(text: str) -> dict[str, str]:
    """CAMEO code -> SCHEMA.md type from CAMEO2PLOVER lines `CODE: CATEGORY, mode, context # gloss`.

    The first row of a code wins (the table repeats 08 and 175).
    """
    table: dict[str, str] = {}
    for line in text.splitlines():
        m = re.match(r"\s*(\d{2,4})\s*:\s*([A-Za-z_]+)", line)
        if m:
            category = m.group(2).upper()
            table.setdefault(m.group(1), PLOVER_RENAME.get(category, category))
    return table


def plover_type(cameo: str, table: Mapping[str, str]) -> str | None:
    """The SCHEMA.md type of a CAMEO code, or None for a synthetic/unknown code.

    Longest prefix first (0231 -> 023 -> 02); a code may not fall back to a
    parent whose own sub-codes the table lists (1717 is no sub-code of 171).
    """
    cameo = cameo.strip()
    if not cameo.isdigit():
        return None
    for n in range(len(cameo), 1, -1):
        prefix = cameo[:n]
        if prefix in table:
            if n < len(cameo) and any(len(k) == n + 1 and k.startswith(prefix) for k in table):
                return None
            found = table[prefix]
            return found if found in SCHEMA_TYPES else None
    return None


# -- scoring --------------------------------------------------------------------------------------

Triple = tuple[str, str, str]


@dataclass
class RecordResult:
    """One record's comparison: graded expected events, produced events, and what matched."""

    id: str
    category: str
    text: str
    expected: list[Triple]
    produced: list[Triple]
    found: list[Triple]
    missed: list[Triple]
    extra: list[Triple]
    cameo: dict[str, str]  # "SRC->TGT TYPE" of an expected event -> the CAMEO code it came from
    ungraded: list[str]  # expected codings not graded, with the reason
    neutral: list[Triple]  # produced events on the dyad of an ungraded (synthetic-code) event


@dataclass
class Expectation:
    """A record's expected codings sorted into graded events, exclusions and neutral dyads."""

    graded: dict[Triple, str] = field(default_factory=dict)  # event -> CAMEO code
    ungraded: list[str] = field(default_factory=list)
    neutral_dyads: set[tuple[str, str]] = field(default_factory=set)
    reasons: Counter[str] = field(default_factory=Counter)
    unmapped: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0


def expectation(record: Record, cameo: Mapping[str, str]) -> Expectation:
    """Which expected codings of a record can be graded, and why the others cannot."""
    out = Expectation()
    for c in record.codings:
        src, tgt, typ = truncate(c.source), truncate(c.target), plover_type(c.cameo, cameo)
        label = f"{c.source}->{c.target} {c.cameo}"
        if typ is None:
            out.reasons["synthetic or unmapped CAMEO code"] += 1
            out.unmapped[c.cameo] += 1
            out.ungraded.append(f"{label} (CAMEO code not mapped)")
            if src and tgt:
                out.neutral_dyads.add((src, tgt))
        elif src is None or tgt is None:
            out.reasons["actor code names no country (---, ###, quoted)"] += 1
            out.ungraded.append(f"{label} (no country code)")
        else:
            triple = (src, tgt, typ)
            if triple in out.graded:
                out.duplicates += 1
            out.graded.setdefault(triple, c.cameo)
    return out


def _key(t: Triple) -> str:
    return f"{t[0]}->{t[1]} {t[2]}"


def compare(record: Record, exp: Expectation, produced: Iterable[Triple]) -> RecordResult:
    """Found, missed and extra events of one record (sets of (source, target, type))."""
    prod = sorted(set(produced))
    graded = set(exp.graded)
    found = sorted(graded.intersection(prod))
    neutral = [p for p in prod if p not in graded and (p[0], p[1]) in exp.neutral_dyads]
    extra = [p for p in prod if p not in graded and (p[0], p[1]) not in exp.neutral_dyads]
    return RecordResult(record.id, record.category, record.text, sorted(graded), prod, found,
                        sorted(graded - set(prod)), extra, {_key(t): c for t, c in exp.graded.items()},
                        exp.ungraded, neutral)


def miss_kind(missed: Triple, produced: Sequence[Triple]) -> str:
    """Why an expected event was not found, as far as the output shows it."""
    if not produced:
        return "nothing coded for the sentence"
    if any((p[0], p[1]) == missed[:2] for p in produced):
        return "right dyad, other type"
    if any((p[1], p[0]) == missed[:2] for p in produced):
        return "reversed dyad only"
    if any(missed[0] in p[:2] or missed[1] in p[:2] for p in produced):
        return "one actor right, the other not"
    return "other dyads only"


def produced_triples(events: Iterable[Mapping[str, object]], date: str, table: ActorTable,
                     rename: Mapping[str, str]) -> tuple[list[Triple], int, int]:
    """powderkeg's events as (source, target, type) in truncated PETRARCH codes.

    Returns (triples, negated count, events dropped because a placeholder has
    no code on that date).
    """
    out: list[Triple] = []
    negated = dropped = 0
    for ev in events:
        negated += bool(ev.get("negated"))
        sources = table.resolve(str(ev.get("source") or ""), date, rename)
        targets = table.resolve(str(ev.get("target") or ""), date, rename)
        if not sources or not targets:
            dropped += 1
            continue
        typ = str(ev.get("type") or "").upper()
        out.extend((s, t, typ) for s in sources for t in targets if s != t)
    return out, negated, dropped


@dataclass
class Summary:
    """The figures of one run (what `--json` prints and accuracy.py reads)."""

    records_total: int
    records_used: int
    records_skipped: dict[str, int]
    records_expecting_none: int
    expected_events: int
    found: int
    found_pct: float
    extras: int
    extra_per_record_pct: float
    dyad_found_pct: float
    dyad_extra_per_record_pct: float
    unordered_dyad_found_pct: float
    same_code_expected: int
    found_pct_without_same_code: float
    ungraded_events: dict[str, int]
    unmapped_cameo: dict[str, int]
    duplicate_codings_merged: int
    neutral_produced: int
    negated_produced: int
    dropped_produced: int
    extras_outside_dictionary: int
    miss_kinds: dict[str, int]
    type_confusions: dict[str, int]  # "CAMEO code: expected type -> produced type" on the right dyad
    actor_rows: int
    actor_entries_without_country: int
    renamed_builtin_codes: dict[str, str]
    seconds: float
    published_found_pct: float = PUBLISHED_FOUND_PCT
    published_extra_pct: float = PUBLISHED_EXTRA_PCT
    target_found_pct: float = TARGET_FOUND_PCT
    target_extra_pct: float = TARGET_EXTRA_PCT
    details: list[RecordResult] = field(default_factory=list, repr=False)

    def to_dict(self, details: bool = False) -> dict[str, object]:
        out = asdict(self)
        if not details:
            out.pop("details")
        return out


def _pct(num: int, den: int) -> float:
    return round(100.0 * num / den, 2) if den else 0.0


def summarise(records: Sequence[Record], outputs: Mapping[str, Mapping[str, object]], table: ActorTable,
              rename: Mapping[str, str], cameo: Mapping[str, str], seconds: float = 0.0) -> Summary:
    """Compare powderkeg's output lines (by id) with the expected codings of the used records."""
    skipped: Counter[str] = Counter(r.error for r in records if r.error)
    used = [r for r in records if not r.error]
    reasons: Counter[str] = Counter()
    unmapped: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    confusions: Counter[str] = Counter()
    results: list[RecordResult] = []
    dups = neg = dropped = 0
    dyad_found = dyad_expected = dyad_extra = undyad_found = same = same_found = 0
    for rec in used:
        exp = expectation(rec, cameo)
        reasons.update(exp.reasons)
        unmapped.update(exp.unmapped)
        dups += exp.duplicates
        events = outputs.get(rec.id, {}).get("events", [])
        triples, n_neg, n_drop = produced_triples(events if isinstance(events, list) else [],
                                                  rec.date, table, rename)
        neg += n_neg
        dropped += n_drop
        res = compare(rec, exp, triples)
        results.append(res)
        for m in res.missed:
            kinds[miss_kind(m, res.produced)] += 1
            confusions.update(f"{exp.graded[m]}: {m[2]} -> {p[2]}" for p in res.produced if p[:2] == m[:2])
        e_dyads = {(s, t) for s, t, _ in res.expected}
        p_dyads = {(s, t) for s, t, _ in res.produced}
        dyad_expected += len(e_dyads)
        dyad_found += len(e_dyads & p_dyads)
        dyad_extra += len(p_dyads - e_dyads - exp.neutral_dyads)
        p_unordered = {frozenset(d) for d in p_dyads}
        undyad_found += sum(frozenset(d) in p_unordered for d in e_dyads)
        same += sum(s == t for s, t, _ in res.expected)
        same_found += sum(s == t for s, t, _ in res.found)
    expected = sum(len(r.expected) for r in results)
    found = sum(len(r.found) for r in results)
    extras = sum(len(r.extra) for r in results)
    outside = sum(1 for r in results for s, t, _ in r.extra
                  if s not in table.dictionary_codes or t not in table.dictionary_codes)
    return Summary(
        records_total=len(records), records_used=len(used), records_skipped=dict(skipped),
        records_expecting_none=sum(1 for r in used if r.noevents or not r.codings),
        expected_events=expected, found=found, found_pct=_pct(found, expected),
        extras=extras, extra_per_record_pct=_pct(extras, len(used)),
        dyad_found_pct=_pct(dyad_found, dyad_expected), dyad_extra_per_record_pct=_pct(dyad_extra, len(used)),
        unordered_dyad_found_pct=_pct(undyad_found, dyad_expected),
        same_code_expected=same, found_pct_without_same_code=_pct(found - same_found, expected - same),
        ungraded_events=dict(reasons), unmapped_cameo=dict(sorted(unmapped.items())),
        duplicate_codings_merged=dups,
        neutral_produced=sum(len(r.neutral) for r in results), negated_produced=neg, dropped_produced=dropped,
        extras_outside_dictionary=outside, miss_kinds=dict(kinds.most_common()),
        type_confusions=dict(confusions.most_common()), actor_rows=len(table.rows),
        actor_entries_without_country=table.skipped,
        renamed_builtin_codes=dict(rename), seconds=round(seconds, 2), details=results,
    )


# -- running --------------------------------------------------------------------------------------


def powderkeg_exe() -> str:
    """The powderkeg console script of this interpreter's environment."""
    exe = shutil.which("powderkeg", path=str(Path(sys.executable).parent)) or shutil.which("powderkeg")
    if not exe:
        sys.exit("the powderkeg console script is not installed in this environment")
    return exe


def run(exe: str | None = None, records_path: Path = RECORDS) -> Summary:
    """Build the actor CSV and the input JSONL in a temp dir, run `powderkeg extract` once, score."""
    for path in (records_path, ACTORS, AGENTS, CAMEO2PLOVER):
        if not path.exists():
            sys.exit(f"missing {path} (../shared must be beside this checkout)")
    records = parse_records(records_path.read_text(encoding="utf-8"))
    table = build_actor_table(parse_actor_dictionary(ACTORS.read_text(encoding="utf-8")),
                              parse_prefix_agents(AGENTS.read_text(encoding="utf-8")))
    rename = builtin_renames(table)
    cameo = parse_cameo_table(CAMEO2PLOVER.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="pk-petrarch-") as tmp:
        work = Path(tmp)
        actors_csv, inp, out = work / "petrarch-actors.csv", work / "records.jsonl", work / "out.jsonl"
        write_actor_csv(table, actors_csv)
        with inp.open("w", encoding="utf-8") as fh:
            for rec in records:
                if not rec.error:
                    fh.write(json.dumps({"id": rec.id, "text": rec.text, "published": rec.published,
                                         "title": None, "url": None}) + "\n")
        start = time.perf_counter()
        proc = subprocess.run([exe or powderkeg_exe(), "extract", str(inp), "-o", str(out),
                               "--actors", str(actors_csv)], capture_output=True, text=True, check=False)
        seconds = time.perf_counter() - start
        if proc.returncode != 0:
            sys.exit(f"powderkeg extract failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
        outputs = {str(obj.get("id")): obj for obj in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    return summarise(records, outputs, table, rename, cameo, seconds)


def _fmt(triples: Iterable[Triple], cameo: Mapping[str, str] | None = None) -> str:
    keys = [_key(t) for t in triples]
    return ", ".join(f"{k} ({cameo[k]})" if cameo and k in cameo else k for k in keys) or "-"


def report(summary: Summary, show: int = 0) -> str:
    """The human-readable figures (and the first `show` records with a miss or an extra)."""
    s = summary
    lines = [
        f"PETRARCH2 unit-test records: {s.records_used} used of {s.records_total} "
        f"(skipped: {', '.join(f'{k} {v}' for k, v in sorted(s.records_skipped.items())) or 'none'}; "
        f"{s.records_expecting_none} expect no graded coding)",
        f"expected events graded:   {s.expected_events}  (not graded: "
        f"{', '.join(f'{v} {k}' for k, v in s.ungraded_events.items()) or 'none'})",
        f"found:                    {s.found}/{s.expected_events} = {s.found_pct:.1f} %   "
        f"(UniversalPetrarch {s.published_found_pct} %, target >= {s.target_found_pct:.0f} %)",
        f"extra events per record:  {s.extras}/{s.records_used} = {s.extra_per_record_pct:.1f} %   "
        f"(UniversalPetrarch {s.published_extra_pct} %, target <= {s.target_extra_pct:.0f} %)",
        f"dyad only (any type):     found {s.dyad_found_pct:.1f} %, extra {s.dyad_extra_per_record_pct:.1f} % "
        f"per record; unordered dyad found {s.unordered_dyad_found_pct:.1f} %",
        f"same-code expected events (powderkeg codes one only between two distinct sides of a place): {s.same_code_expected}; "
        f"found without them {s.found_pct_without_same_code:.1f} %",
        f"unmapped CAMEO codes: {', '.join(f'{k} x{v}' for k, v in s.unmapped_cameo.items()) or 'none'}",
        f"produced: {s.neutral_produced} on a synthetic-code dyad (neutral), {s.negated_produced} negated, "
        f"{s.dropped_produced} dropped (dated actor with no code); extras with an actor outside the "
        f"PETRARCH dictionary: {s.extras_outside_dictionary}",
        f"misses: {', '.join(f'{v} {k}' for k, v in s.miss_kinds.items()) or 'none'}",
        "type confusions on the right dyad (CAMEO code: expected -> produced): "
        + (", ".join(f"{k} x{v}" for k, v in list(s.type_confusions.items())[:10]) or "none"),
        f"powderkeg extract: {s.seconds:.1f} s, {s.actor_rows} dictionary aliases via --actors "
        f"({s.actor_entries_without_country} entries without a country code left out)",
    ]
    shown = 0
    for r in s.details:
        if shown >= show:
            break
        if not r.missed and not r.extra:
            continue
        shown += 1
        lines += ["", f"{r.id} [{r.category}] {r.text}",
                  f"  expected: {_fmt(r.expected, r.cameo)}"
                  + (f"   not graded: {'; '.join(r.ungraded)}" if r.ungraded else ""),
                  f"  produced: {_fmt(r.produced)}",
                  f"  missed:   {_fmt(r.missed, r.cameo)}", f"  extra:    {_fmt(r.extra)}"]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", type=int, default=0, metavar="N", help="list the first N records with misses/extras")
    ap.add_argument("--json", action="store_true", help="print a machine-readable summary")
    ap.add_argument("--details", action="store_true", help="with --json: include every record's comparison")
    args = ap.parse_args()
    summary = run()
    if args.json:
        print(json.dumps(summary.to_dict(details=args.details), indent=2))
    else:
        print(report(summary, show=args.show))


if __name__ == "__main__":
    main()

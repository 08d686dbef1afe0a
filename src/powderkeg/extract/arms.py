"""Arms transfers: who sends which weapon system to whom, how many, for how much (issue 4).

Why on top of the event coder and not beside it: an arms transfer is an AID event
with a weapon attached, so the coder's AID events (source, target, evidence) are
the first source of the dyad. The parse is read again only for the frames the
coder has no trigger for ("X received tanks from Y", "Y's sale of jets to X",
"a shipment of shells from Y arrived in X"). No second spaCy run: everything
comes from the parsed `units`.

Stages: find weapon mentions in each sentence (data/weapons.csv) -> climb the
parse from each mention to its transfer word -> supplier, recipient, status,
quantity, value for that mention (a `Claim`) -> merge the claims of one article
into one record per transfer (SCHEMA.md convention 5 for the status).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

from spacy.tokens import Span, Token

from powderkeg.errors import DataFileError
from powderkeg.extract.actors import body_codes
from powderkeg.extract.entities import doc_text, token_offsets
from powderkeg.extract.events import SPEECH, ArticleState, Coder, Unit, doc_arrays
from powderkeg.extract.people import PersonTable
from powderkeg.lexicons import data_path, load_anaphors, load_islands, load_words, read_rows
from powderkeg.models import ArmsTransfer, Article, Event, Mention

# --- lexicons ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Weapon:
    """One row of weapons.csv: a named system or a generic class noun."""

    system: str
    cls: str
    generic: bool
    aliases: tuple[str, ...]
    exact: bool = False
    origin: str | None = None  # the state whose industry makes it: the supplier when the text names only the buyer

    @property
    def catch_all(self) -> bool:
        """"weapons", "arms", "military equipment": no class of their own, they fit any transfer."""
        return self.cls == "weapon"


_SEP = r"[\s\-‐‑–]?"


def _alias_pattern(alias: str) -> str:
    parts = re.split(r"[\s\-‐‑–]+", alias.strip())
    return _SEP.join(re.escape(p) for p in parts if p)


_CHUNK = re.compile(r"[A-Za-z]+|[0-9]+")


def _first_chunk(text: str) -> str:
    m = _CHUNK.search(text)
    return m.group().lower() if m else ""


class AliasPattern(NamedTuple):
    """One alias's regex, compiled on first use.

    Why lazy: compiling all the aliases took longer than matching a whole batch,
    and most of them never meet a text that starts a word with their first chunk.
    """

    source: str
    flags: int

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        return _compiled(self.source, self.flags).match(text, pos)


@cache
def _compiled(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


@dataclass(frozen=True)
class WeaponLexicon:
    """Weapons with one small regex per alias, indexed by the alias's first word.

    Why not one big alternation: trying hundreds of aliases at every character made
    matching the slowest part of the stage; a dict lookup per word keeps it cheap.
    """

    weapons: tuple[Weapon, ...]
    by_first: dict[str, list[tuple[AliasPattern, Weapon]]] = field(hash=False, compare=False)

    def find(self, text: str) -> list[tuple[int, int, Weapon]]:
        """Non-overlapping (start, end, weapon) in `text`, longest match first."""
        found: list[tuple[int, int, Weapon]] = []
        low = text.lower()
        if self.by_first.keys().isdisjoint(_CHUNK.findall(low)):
            return found
        for chunk in _CHUNK.finditer(low):
            for pattern, weapon in self.by_first.get(chunk.group(), ()):
                m = pattern.match(text, chunk.start())
                if m is not None:
                    found.append((m.start(), m.end(), weapon))
        found.sort(key=lambda f: (f[0] - f[1], f[0]))
        kept: list[tuple[int, int, Weapon]] = []
        for f in found:
            if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
                kept.append(f)
        return sorted(kept)


def names_a_weapon(text: str) -> bool:
    """Does a sentence name a weapon of the lexicon? Such a sentence is parsed even with no actor in it:
    "It includes Stinger missiles and Javelins" lists the transfer the sentence before states."""
    return bool(load_weapons().find(text))


@lru_cache(maxsize=1)
def _head_words() -> re.Pattern[str]:
    """Cheap test for text that may hold a template system (weapon_heads.csv) but no lexicon match."""
    table = load_weapon_heads()
    words = sorted({*table.heads, *table.transfers}, key=len, reverse=True)
    return re.compile(rf"(?i)\b(?:{'|'.join(re.escape(w) for w in words)})(?:s|es)?\b")


#: A variant suffix after a model number: "J-10C", "F-16V", "Su-30MKI", "T-72B3" are the J-10, F-16, Su-30, T-72.
_VARIANT = r"(?:(?-i:[A-Z]{1,3}[0-9]?))?"
_HYPHEN_VARIANT = r"(?:-(?-i:[A-Z]{1,3}[0-9]?)(?![a-z]))?"


def _compile(alias: str, exact: bool) -> AliasPattern:
    flags = 0 if exact else re.IGNORECASE
    # "Rafale-M", "Leopard 2-A6": a variant letter code after a hyphen is the same system
    variant = (_VARIANT if alias[-1:].isdigit() else "") + _HYPHEN_VARIANT
    return AliasPattern(rf"(?<![\w\-])(?:{_alias_pattern(alias)}){variant}(?:['’]s|es|s)?(?!\w)(?!-\w)", flags)


@lru_cache(maxsize=4)
def load_weapons(path: Path | None = None) -> WeaponLexicon:
    """weapons.csv, checked row by row (a bad row names file and line)."""
    path = path or data_path("weapons.csv")
    weapons: list[Weapon] = []
    by_first: dict[str, list[tuple[AliasPattern, Weapon]]] = {}
    lengths: dict[AliasPattern, int] = {}
    for lineno, row in read_rows(path, ("system", "class", "kind")):
        kind = row["kind"].lower()
        if kind not in ("named", "generic"):
            raise DataFileError(str(path), lineno, f"kind must be named or generic, not {row['kind']!r}")
        case = row.get("case", "").lower()
        if case not in ("", "exact"):
            raise DataFileError(str(path), lineno, f"case must be empty or exact, not {row['case']!r}")
        aliases = tuple(a.strip() for a in row.get("aliases", "").split("|") if a.strip())
        origin = row.get("origin", "").strip().upper() or None
        if origin is not None and not re.fullmatch(r"[A-Z]{3}", origin):
            raise DataFileError(str(path), lineno, f"origin must be an ISO alpha-3 code, not {row['origin']!r}")
        weapon = Weapon(row["system"], row["class"].lower(), kind == "generic", aliases, case == "exact", origin)
        weapons.append(weapon)
        for alias in (weapon.system, *aliases):
            first = _first_chunk(alias)
            if not first:
                raise DataFileError(str(path), lineno, f"alias {alias!r} has no letters or digits")
            pattern = _compile(alias, weapon.exact)
            lengths[pattern] = len(alias)
            for key in (first, first + "s", first + "es"):  # "Humvees", "Javelins" start with a plural
                by_first.setdefault(key, []).append((pattern, weapon))
    for entries in by_first.values():
        entries.sort(key=lambda e: -lengths[e[0]])
    return WeaponLexicon(tuple(weapons), by_first)


@lru_cache(maxsize=4)
def load_makers(path: Path | None = None) -> tuple[re.Pattern[str], dict[str, str]]:
    """arms_makers.csv: (pattern of every maker name, lower-case name -> home state code)."""
    path = path or data_path("arms_makers.csv")
    codes: dict[str, str] = {}
    for lineno, row in read_rows(path, ("name", "code")):
        code = row["code"].strip().upper()
        if not re.fullmatch(r"[A-Z]{3}", code):
            raise DataFileError(str(path), lineno, f"code must be an ISO alpha-3 code, not {row['code']!r}")
        for name in (row["name"], *row.get("aliases", "").split("|")):
            if name.strip():
                codes[" ".join(re.split(r"[\s\-‐‑–]+", name.lower().strip()))] = code
    names = sorted(codes, key=len, reverse=True)
    return re.compile(rf"(?i)(?<![\w-])(?:{'|'.join(_alias_pattern(n) for n in names)})(?![\w-])"), codes


def maker_state(text: str) -> str | None:
    """The home state of the first arms maker `text` names ("Israeli producer Elbit Systems" -> ISR)."""
    pattern, codes = load_makers()
    m = pattern.search(text)
    if m is None:
        return None
    return codes.get(" ".join(re.split(r"[\s\-‐‑–]+", m.group().lower())))


@dataclass(frozen=True)
class WeaponHeads:
    """weapon_heads.csv: head nouns and modifiers that make a noun phrase a weapon system."""

    heads: dict[str, str] = field(hash=False)
    modifiers: dict[str, str] = field(hash=False)
    #: Transfer nouns a military modifier makes a system of their own: "a military transfer worth $80m".
    transfers: frozenset[str] = field(default=frozenset(), hash=False)


@lru_cache(maxsize=4)
def load_weapon_heads(path: Path | None = None) -> WeaponHeads:
    """weapon_heads.csv, checked row by row (a bad row names file and line)."""
    path = path or data_path("weapon_heads.csv")
    heads: dict[str, str] = {}
    modifiers: dict[str, str] = {}
    transfers: set[str] = set()
    for lineno, row in read_rows(path, ("word", "kind", "class")):
        word, kind, cls = row["word"].strip().lower(), row["kind"].strip().lower(), row["class"].strip().lower()
        if not word or not cls:
            raise DataFileError(str(path), lineno, "word and class must not be empty")
        if kind not in ("head", "modifier", "transfer"):
            raise DataFileError(str(path), lineno, f"kind must be head, modifier or transfer, not {row['kind']!r}")
        if kind == "transfer":
            transfers.add(word)
        else:
            (heads if kind == "head" else modifiers)[word] = cls
    return WeaponHeads(heads, modifiers, frozenset(transfers))


#: A model designation no lexicon row names: "BRDM-2", "KrAZ-6322", "Type-99" (a letter, then digits).
DESIGNATION = re.compile(r"[A-Z][A-Za-z]{0,6}-?\d{1,4}[A-Za-z0-9]*(?:-[A-Za-z0-9]+)?")
#: A hyphenated model designation anywhere ("S-350", "Mohajer-10s"): worth reading the sentence for.
_HYPHENATED = re.compile(r"(?<![\w-])[A-Z][A-Za-z]{0,7}-\d{1,4}[A-Za-z]?s?(?![\w-])")
#: A designation right before a class noun, with an optional calibre: "Fatah-360 ", "M795 155mm ".
PREFIX = re.compile(rf"(?<![\w\-])(?P<name>{DESIGNATION.pattern})(?:\s+\d{{2,3}}\s?mm)?\s+\Z")
#: Words that open a noun phrase without naming the system ("new tanks", "more drones").
_NOT_MODIFIERS = frozenset({"new", "more", "additional", "other", "several", "further", "first", "such",
                            "these", "those", "many", "few", "extra", "same", "various", "different",
                            "latest", "second", "last", "next", "own", "total"})
_FIRST_NUMBER = re.compile(r"\d+")
#: Participles that say where a weapon comes from, not what it is: "Chinese-made tanks", "US-supplied shells".
_ORIGIN_PARTICIPLES = frozenset({"made", "built", "supplied", "produced", "manufactured", "designed", "provided",
                                 "donated", "delivered", "sold", "exported", "owned", "funded", "labelled", "labeled"})
#: Demonyms of no actor that describe a weapon's era or bloc, not its model.
_ERA_WORDS = frozenset({"soviet", "western", "eastern", "warsaw", "allied", "nato", "european"})
#: Entity types that are never part of a weapon model's name ("Iranian drones", "2019 tanks").
_NOT_NAMES = frozenset({"GPE", "LOC", "DATE", "TIME", "MONEY", "CARDINAL", "QUANTITY", "ORDINAL",
                        "PERCENT", "EVENT", "LAW"})


def as_written(text: str) -> str:
    """A system's name without the plural or possessive the sentence gave it ("BMP-3s" -> "BMP-3")."""
    text = " ".join(text.split())
    return re.sub(r"(?:(?<=\d)s|['’]s)$", "", text)


def name_as_written(weapon: Weapon, text: str) -> str:
    """The system's name as the sentence writes it, without a plural: "Javelins" -> "Javelin",
    "Typhoons" -> "Typhoon", "HIMARS" stays (the "S" is the name's own).

    Why: an annotator copies the name from the text, so the written name is the one
    found inside a record written from the same sentence ("Shahed drones" holds
    "Shahed", not the canonical "Shahed-136").
    """
    text = as_written(text)
    if weapon.generic:
        return text
    flags = 0 if weapon.exact else re.IGNORECASE
    for alias in sorted((weapon.system, *weapon.aliases), key=len, reverse=True):
        m = re.match(rf"(?:{_alias_pattern(alias)})(?:['’]s|es|s)?\Z", text, flags)
        if m is not None:
            core = re.match(_alias_pattern(alias), text, flags)
            return text[:core.end()] if core is not None else text
    return text


def named_system(weapon: Weapon, written: str) -> str:
    """The canonical name, unless the text names another model of it: "BMP-3" is not "BMP-2".

    Why by the first number: a variant letter ("Leopard 2A6", "F-16V") is the same
    model, a different model number (BMP-3 under the BMP-2 row) is not.
    """
    mine, theirs = _FIRST_NUMBER.search(written), _FIRST_NUMBER.search(weapon.system)
    if mine and theirs and mine.group() != theirs.group():
        return as_written(written)
    return weapon.system


@dataclass(frozen=True)
class Currency:
    """One row of currencies.csv: a currency, its fixed US-dollar rate and how it is written."""

    code: str
    usd: Decimal
    aliases: tuple[str, ...]


@lru_cache(maxsize=4)
def load_currencies(path: Path | None = None) -> tuple[Currency, ...]:
    """currencies.csv: fixed rates, so a value never changes between runs."""
    path = path or data_path("currencies.csv")
    out = []
    for lineno, row in read_rows(path, ("code", "usd_per_unit", "aliases")):
        try:
            rate = Decimal(row["usd_per_unit"])
        except ArithmeticError as exc:
            raise DataFileError(str(path), lineno, f"usd_per_unit is not a number: {row['usd_per_unit']!r}") from exc
        aliases = tuple(a.strip() for a in row["aliases"].split("|") if a.strip())
        out.append(Currency(row["code"].upper(), rate, aliases))
    return tuple(out)


# --- numbers and money ---------------------------------------------------------------------

_UNITS = {w: i for i, w in enumerate((
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"))}
_TENS = {w: 10 * i for i, w in enumerate(
    ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")) if w}
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
           "trillion": 1_000_000_000_000, "dozen": 12, "k": 1_000, "m": 1_000_000, "mn": 1_000_000,
           "mln": 1_000_000, "mio": 1_000_000, "mil": 1_000_000, "bn": 1_000_000_000, "bln": 1_000_000_000,
           "b": 1_000_000_000, "tn": 1_000_000_000_000, "trn": 1_000_000_000_000, "crore": 10_000_000,
           "lakh": 100_000}
#: Words of approximation inside a count: "some 24", "more than 50" keep the number.
_HEDGES = frozenset({"some", "about", "around", "approximately", "nearly", "almost", "roughly", "over",
                     "more", "than", "up", "to", "at", "least", "a", "an", "another", "additional",
                     "further", "extra", "total", "of", "-", "just", "under", "only"})


def parse_count(words: Sequence[str]) -> int | None:
    """"246", "2,000", "two dozen", "2 million", "sixty-four" -> int; vague counts ("hundreds") -> None."""
    total, current, seen = 0, 0, False
    for raw in words:
        w = raw.lower().replace(",", "")
        if w in _HEDGES or not w:
            if w in ("a", "an") and not seen:
                current, seen = 1, True
            continue
        if re.fullmatch(r"\d+(\.\d+)?", w):
            current += float(w) if "." in w else int(w)  # type: ignore[assignment]
            seen = True
        elif w in _UNITS:
            current += _UNITS[w]
            seen = True
        elif w in _TENS:
            current += _TENS[w]
            seen = True
        elif "-" in w and all(p in _TENS or p in _UNITS for p in w.split("-")):
            current += sum(_TENS.get(p, 0) + _UNITS.get(p, 0) for p in w.split("-"))
            seen = True
        elif w in _SCALES and seen:
            scale = _SCALES[w]
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
        else:
            return None
    value = total + current
    return int(value) if seen and value > 0 else None


_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# Wire-service and local abbreviations too: "$75Mln", "1.2 bln euros", "USD 40 mil." (issue 15, 3.8).
# South Asian scales too: "Rs 5,000 crore", "80 lakh rupees".
_SCALE = r"trillions?|billions?|millions?|thousand|crores?|lakhs?|trn|tn|bln|bn|mln|mio|mil|mn|b|m|k"


@lru_cache(maxsize=1)
def _money_patterns() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, Currency]]:
    """(symbol-before pattern, word-after pattern, alias -> currency)."""
    by_alias: dict[str, Currency] = {}
    for cur in load_currencies():
        for a in cur.aliases:
            by_alias.setdefault(a.lower(), cur)
    symbols = sorted((a for a in by_alias if not a.isalpha() or a.isupper() or len(a) <= 3), key=len, reverse=True)
    words = sorted(by_alias, key=len, reverse=True)
    before = re.compile(
        rf"(?<![A-Za-z])(?P<cur>{'|'.join(re.escape(s) for s in symbols)})\s?(?P<num>{_NUM})(?:[\s\-‐‑]?(?P<scale>{_SCALE})\b)?",
        re.IGNORECASE)
    after = re.compile(
        rf"(?<![\w$€£¥])(?P<num>{_NUM})(?:[\s\-‐‑]?(?P<scale>{_SCALE})\b)?\s(?P<cur>{'|'.join(re.escape(w) for w in words)})\b",
        re.IGNORECASE)
    return before, after, by_alias


def find_money(text: str) -> list[tuple[int, int, float]]:
    """(start, end, value in US dollars) of every amount of money in `text` (fixed rates, currencies.csv)."""
    before, after, by_alias = _money_patterns()
    out: list[tuple[int, int, float]] = []
    for pattern in (before, after):
        for m in pattern.finditer(text):
            if any(s <= m.start() < e for s, e, _ in out):
                continue
            cur = by_alias.get(m.group("cur").lower())
            if cur is None:
                continue
            amount = Decimal(m.group("num").replace(",", ""))
            scale = (m.group("scale") or "").lower()
            amount *= _SCALES.get(scale if scale in _SCALES else scale.rstrip("s"), 1)
            out.append((m.start(), m.end(), float(round(amount * cur.usd))))
    return sorted(out)


# --- cue words (lemmas) -----------------------------------------------------------------------

#: Verbs whose subject hands the weapon over; the status when nothing else is said.
GIVE_VERBS = {
    "deliver": "delivered", "supply": "delivered", "send": "delivered", "ship": "delivered",
    "transfer": "delivered", "give": "delivered", "provide": "delivered", "donate": "delivered",
    "export": "delivered", "funnel": "delivered", "smuggle": "delivered", "channel": "delivered",
    "lend": "delivered", "loan": "delivered", "lease": "delivered", "gift": "delivered", "hand": "delivered", "dispatch": "delivered",
    "airlift": "delivered", "furnish": "delivered", "rush": "delivered", "grant": "delivered",
    "sell": "approved", "offer": "planned", "pledge": "planned", "promise": "planned", "add": "delivered",
    "fly": "delivered", "ferry": "delivered", "truck": "delivered", "airdrop": "delivered", "traffic": "delivered",
    "pump": "delivered", "pour": "delivered",  # "pumping weapons into Ukraine"
    "commit": "planned", "earmark": "planned",  # "committed 30 F-16s to Ukraine"
}
#: "arm X with Y": the object is the recipient.
ARM_VERBS = {"arm": "delivered", "equip": "delivered", "rearm": "delivered", "resupply": "delivered",
             }
#: Verbs whose subject is the recipient; the supplier comes after "from".
TAKE_VERBS = {
    "receive": "delivered", "get": "delivered", "obtain": "delivered", "acquire": "delivered",
    "import": "delivered", "buy": "approved", "purchase": "approved", "order": "approved",
    "procure": "approved", "seek": "requested", "request": "requested", "want": "requested",
    "need": "requested", "demand": "requested", "ask": "requested",
    "induct": "delivered", "commission": "delivered",  # "Pakistan inducted Chinese-built jets"
    "spend": "approved",  # "will spend $2 billion on NASAMS systems from the United States"
}
#: Verbs whose subject is the shipment itself: "the missiles arrived in Kyiv".
ARRIVE_VERBS = {"arrive": "delivered", "enter": "delivered", "reach": "delivered", "land": "delivered",
                "come": "delivered", "dock": "delivered", "go": "delivered", "flow": "delivered"}  # "two batteries will go to Kyiv"
#: Verbs and participles of carrying, and the vehicles that carry a cargo of weapons to a place.
CARRY_VERBS = frozenset({"carry", "transport", "haul", "bring", "ferry"})
LOADED = frozenset({"load", "loaded", "laden", "pack", "packed", "fill", "filled", "stuff", "stuffed"})
CARRIERS = frozenset({"ship", "vessel", "plane", "aircraft", "flight", "convoy", "truck", "lorry", "freighter",
                      "train", "boat", "cargo", "tanker", "airliner", "jet"})
#: Nouns of giving: the possessor/modifier actor is the supplier ("Washington's delivery of ...").
GIVE_NOUNS = {
    "delivery": "delivered", "shipment": "delivered", "supply": "delivered", "transfer": "delivered",
    "export": "delivered", "consignment": "delivered", "provision": "delivered", "batch": "delivered",
    "sale": "approved", "donation": "planned", "gift": "planned", "pledge": "planned", "offer": "planned",
    "package": "planned", "tranche": "planned", "aid": "delivered", "assistance": "delivered", "support": "delivered",
    "arrival": "delivered", "flow": "delivered",  # "the flow of US weapons to Israel"
}
#: Nouns of taking: the possessor is the recipient ("Poland's purchase of tanks from Korea").
TAKE_NOUNS = {"purchase": "approved", "acquisition": "approved", "order": "approved", "import": "delivered",
              "request": "requested", "plea": "requested", "appeal": "requested", "call": "requested"}
#: Words an amount prices a deal through: "worth $2bn", "valued at", "a $75m package".
PRICE_WORDS = frozenset({"worth", "value", "valued", "cost", "price", "package", "tranche", "order", "sale",
                         "purchase", "for", "at"})
#: People a state deploys: weapons sent with them are its own forces moving, not a transfer.
DEPLOYED = frozenset({"troop", "troops", "soldier", "force", "forces", "personnel", "marine", "paratrooper",
                      "battalion", "brigade", "sailor", "servicemember", "contingent"})
#: What a state's own forces are sent for: "sent jets to Romania for air policing" moves no weapon to Romania.
DRILLS = frozenset({"exercise", "exercises", "drill", "drills", "manoeuvre", "manoeuvres", "maneuver", "maneuvers",
                    "patrol", "patrols", "policing", "rotation", "war game", "wargame", "wargames", "visit"})
#: Transfer nouns that only portion a transfer out ("a batch of", "the first shipment of").
PORTIONS = frozenset({"batch", "batche", "shipment", "consignment", "tranche", "lot", "delivery", "deliverie"})
#: People whose word "according to" cites: a party's claim even when the text names no state.
INFORMANTS = frozenset({"official", "source", "diplomat", "officer", "spokesman", "spokeswoman", "spokesperson",
                        "minister", "ministry", "government", "intelligence", "agency", "prosecutor", "investigator"})
#: Sources with no state of their own that "say", "believe" or "suggest" a transfer: the text does not vouch
#: for it. Officials and ministries are left out: unnamed, they are often the supplier's own.
HEARSAY_SOURCES = frozenset({"intelligence", "source", "diplomat", "investigator", "expert", "monitor", "observer", "report",
                             "researcher", "analyst", "evidence", "document", "image", "footage", "analysis"})
#: Nouns a described epithet names a state by, beside anaphors.csv's: "the Gulf state", "the Asian power"
#: (bare "the state" is too often no actor at all to be one of the coder's anaphors).
EPITHET_STATES = frozenset({"state", "monarchy", "power", "democracy", "autocracy"})
#: Lemmas the parser gets wrong on words that decide a status ("hopes" -> "hop").
_LEMMA_FIXES = {"hopes": "hope", "hoped": "hope", "hoping": "hope", "greenlighted": "greenlight",
                "greenlit": "greenlight"}
#: Nouns for the party that sells or buys arms, said of an actor: "China is Pakistan's main arms supplier".
SUPPLIER_NOUNS = frozenset({"supplier", "exporter", "provider", "seller", "vendor"})
BUYER_NOUNS = frozenset({"buyer", "importer", "client", "customer", "purchaser"})
#: Nouns of a signed purchase: "signed a contract with Korea for 180 tanks" (the signer buys, "with" sells).
CONTRACT_NOUNS = {"contract": "approved", "deal": "approved", "agreement": "approved", "pact": "approved"}
#: Thanks for a weapon name its giver: "thanked Norway for the NASAMS", "grateful to Paris for the howitzers".
THANK_VERBS = frozenset({"thank", "praise", "commend"})
GRATEFUL = frozenset({"grateful", "thankful", "indebted"})
RELY_VERBS = frozenset({"rely", "depend"})
#: Verbs of paying for a transfer: the payer gives ("the EU will finance the delivery of shells to Kyiv").
FUND_VERBS = frozenset({"fund", "finance", "bankroll", "pay", "subsidise", "subsidize"})
#: Verbs of a seller winning an order: "won a contract from Romania" (the awarding party buys).
WIN_VERBS = frozenset({"win", "secure", "land", "clinch", "bag", "receive", "get", "obtain", "snag"})
#: "accepted Kenya's request to purchase": the accepting party supplies, the request's owner receives.
ACCEPT = frozenset({"accept", "approve", "grant", "endorse", "honour", "honor", "greenlight"})
REQUEST_NOUNS = frozenset({"request", "bid", "application", "plea", "demand"})
DENY = frozenset({"deny", "refute", "dismiss", "reject"})
SPEECH_EXTRA = frozenset({"explain", "tell", "say"})
#: Governing words that make the transfer an assertion of one party (SCHEMA.md convention 5).
ALLEGE = frozenset({"claim", "allege", "accuse", "accusation", "allegation", "insist", "charge", "assert",
                    "contend", "suspect", "according"})
#: Allegations against the other party: never its own confirmation.
ACCUSE = frozenset({"accuse", "accusation", "allege", "allegation", "charge"})
#: Verbs that report another party's word: what they govern is that party's claim, not the outlet's.
SAY = frozenset({"say", "tell", "state", "report", "add", "argue", "write", "believe", "suggest", "maintain"})
REPORTS = frozenset({"report", "claim", "allegation", "accusation", "rumour", "rumor", "story"})
#: Words that wave a report away ("called the reports absurd"), beside FALSE_WORDS.
DISMISSIVE = frozenset({"absurd", "nonsense", "ridiculous", "lie", "lies", "fabrication", "fiction", "propaganda",
                        "untrue", "slander", "speculation"})
#: A cheap test for a sentence worth reading for a denial.
_DENIAL_WORDS = re.compile(r"(?i)\b(?:den(?:y|ies|ied|ying)|reject|refut|dismiss|call(?:s|ed|ing)?\b)")
FALSE_WORDS = frozenset({"fabricated", "false", "baseless", "unfounded", "fake", "groundless"})
PLAN = frozenset({"plan", "intend", "agree", "pledge", "promise", "vow", "decide", "prepare", "aim", "ready",
                  "expect", "commit", "set", "announce", "consider", "offer", "propose", "schedule", "due",
                  "poise", "move"})
APPROVE = frozenset({"approve", "authorize", "authorise", "clear", "greenlight", "sign", "ratify", "okay",
                     "finalise", "finalize", "ink", "seal", "conclude"})
REQUEST = frozenset({"seek", "request", "ask", "want", "look", "hope", "lobby", "negotiate", "push", "plead",
                     "urge", "call", "talk", "negotiation", "bid", "discuss", "explore", "eye", "mull"})
#: Verbs that stop a transfer from happening: what they govern is no record.
#: Condemning or criticising a sale does not undo it ("Beijing condemned the sale of jets to Taiwan").
BLOCK = frozenset({"refuse", "decline", "block", "veto", "ban", "halt", "suspend", "stop", "oppose",
                   "rule", "prevent", "prohibit", "delay", "pause", "freeze", "withhold", "cancel", "scrap"})
#: Adjectives of a party holding back: what they govern is not done ("reluctant to send tanks").
RELUCTANT = frozenset({"reluctant", "unwilling", "hesitant", "loath", "loth", "unable", "wary"})
#: Verbs of asking someone to act ("urged Berlin to send"): the one asked is the doer of the transfer,
#: and the transfer is requested, not done.
ASKERS = frozenset({"urge", "ask", "call", "press", "push", "plead", "lobby", "petition", "pressure", "implore",
                    "beg", "appeal", "encourage", "persuade"})
#: Nouns of a party's own choice to act ("Washington's decision to sell"): their owner is the doer.
DECISION_NOUNS = frozenset({"decision", "plan", "move", "intention", "pledge", "promise", "offer", "commitment",
                            "readiness", "willingness", "agreement", "refusal", "bid", "attempt", "effort"})
#: Verbs of letting someone act ("allowed Kyiv to use US missiles"): the one let is the doer.
LETTERS = frozenset({"allow", "authorise", "authorize", "permit", "let", "enable", "help", "clear"})
#: Adverbs by which the text itself says it does not confirm what it reports.
HEDGES = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently"})
#: Verbs of a sale: agreeing to one is a deal struck, so `approved` ("agreed to buy 20 jets").
SALE_VERBS = frozenset({"sell", "buy", "purchase", "procure", "acquire", "order", "export"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
#: Passive verbs that raise the doer of their clause to subject: "Turkey is expected to receive jets".
RAISING = frozenset({"expect", "set", "schedule", "slate", "due", "poise", "suppose"}) | frozenset({
    "believe", "say", "report", "think", "understand", "know"})
#: Of those, the ones that make the clause an assertion nobody in the text confirms ("is believed to have sent").
HEARSAY = frozenset({"believe", "say", "report", "think", "understand"})
#: Verbs that lend their subject to a nominal transfer ("the US approved the sale of ...").
LIGHT_VERBS = APPROVE | frozenset({"announce", "complete", "begin", "start", "make", "confirm", "agree",
                                   "resume", "speed", "accelerate", "expedite", "carry", "conclude", "unveil",
                                   "notify", "propose", "seal", "ink", "fast-track", "submit", "launch", "pass"})
#: Nouns that name a count of items without being the item: "2 million rounds of ammunition".
CONTAINERS = frozenset({"worth", "batch", "shipment", "shipments", "consignment", "contingent", "package",
                        "number", "lot", "set", "pair", "fleet", "squadron", "battery", "batteries", "regiment",
                        "unit", "units", "piece", "pieces", "rounds", "round", "tons", "tonnes", "cargo",
                        "supply", "supplies", "delivery", "deliveries", "kind", "type", "types", "range"})
#: Verbs of making: "made in Korea" names where a weapon comes from.
MAKE_VERBS = frozenset({"make", "build", "produce", "manufacture", "design", "develop", "assemble"})
#: Verbs of putting a weapon to use: its user has it ("used Israeli-made drones").
#: Not "operate" or "field": "Norway operates Leopard 2s" says what an army has, not that it was handed over.
USE_VERBS = frozenset({"use", "fire", "launch", "employ", "drop", "display", "parade", "showcase"})
#: Verbs of weighing a step not taken: "is considering the purchase of Rafale jets" (an intention).
CONSIDER = frozenset({"consider", "weigh", "mull", "eye", "explore", "study", "contemplate"})
#: Verbs of attack whose "with" names the weapon used: "struck the bridge with US-made missiles".
STRIKE_VERBS = frozenset({"strike", "hit", "attack", "target", "shell", "bomb", "shoot", "down", "destroy",
                          "pound", "bombard", "kill", "intercept", "repel", "sink"})
#: Words of weapons taken from an enemy: no transfer from the state that made them.
CAPTURED = frozenset({"capture", "captured", "seize", "seized", "stolen", "steal", "looted", "loot", "trophy",
                      "abandoned", "abandon", "smuggled"})
#: Nouns of parts and upkeep: "spare parts for tanks", "engines for drones" transfer no tank or drone.
PARTS = frozenset({"part", "parts", "spare", "spares", "component", "components", "engine", "engines",
                   "maintenance", "repair", "repairs", "servicing", "upgrade", "upgrades", "training"})
#: Units of weight: a number on them is no count of items.
MASS_UNITS = frozenset({"ton", "tons", "tonne", "tonnes", "kilogram", "kilograms", "kg", "pound", "pounds"})
#: Filler unit nouns that count the system itself ("sixteen HIMARS systems").
FILLER_UNITS = frozenset({"system", "systems", "unit", "units", "piece", "pieces", "model", "models",
                          "platform", "platforms", "battery", "batteries", "vehicle", "vehicles",
                          "squadron", "squadrons", "regiment", "regiments"})
#: Class nouns a named system heads without a lexicon row of their own: "Su-35 fighters", "B-52 bombers".
CLASS_UNITS = frozenset({"fighter", "bomber", "trainer", "gunship", "interceptor", "variant", "version",
                         "howitzer", "mortar", "rifle", "frigate", "corvette", "destroyer", "submarine", "jet"})
#: Nouns whose "of" still carries the weapon to the transfer word: "billions of dollars of arms".
OF_NOUNS = frozenset({"dollar", "euro", "pound", "worth", "value", "tranche", "billion", "million", "thousand",
                      "hundred", "dozen", "quantity", "amount", "stock", "stockpile", "variety", "array", "part",
                      "portion", "share", "half", "rest", "load", "plane", "planeload", "truckload", "convoy",
                      "kind", "type", "range", "number", "lot", "set", "round", "ton", "tonne", "crate", "box", "arsenal",
                      "unit", "piece", "fleet", "squadron", "battery", "package", "list", "sale", "supply",
                      "deal", "contract", "purchase", "delivery", "transfer", "shipment", "consignment", "batch",
                      "total", "bulk", "majority", "first", "last", "remainder", "score"})
#: Non-state armed groups: a transfer to them is coded to the state they fight in.
ARMED_GROUPS = frozenset({"rebel", "militia", "militiaman", "paramilitary", "paramilitaries", "insurgent", "separatist",
                          "militant", "guerrilla", "guerilla", "jihadist", "fighter", "insurgency", "rebellion"})
#: Class words of what lands under its own power: "landed" says it flew there, not that it was handed over.
FLYING = frozenset({"aircraft", "jet", "helicopter", "bomber", "drone", "plane"})
#: Objects of "enter"/"land in" that make a weapon's flight an incursion, not a delivery.
INCURSION = frozenset({"territory", "airspace", "waters", "space", "border", "zone", "area"})
#: Nouns a weapon can modify and still be the thing transferred: "an arms deal".
DEAL_NOUNS = frozenset({"deal", "contract", "agreement", "programme", "program", "aid", "assistance"})
#: Nouns of negotiating: "with" on them names the seller ("in talks with Paris to buy jets").
TALK_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "discussion", "discussions"})
STATUS_RANK = {"requested": 0, "planned": 1, "approved": 2, "delivered": 3}


# --- claims ---------------------------------------------------------------------------------


@dataclass
class WeaponMention:
    """A lexicon match in a sentence, with the parse token that heads it."""

    weapon: Weapon
    text: str
    span: Span
    unit_noun: Token | None = None  # the generic noun a named system was absorbed into ("Javelin missiles")
    elaborated: bool = False  # a generic the sentence goes on to list ("equipment including Harpoons")

    @property
    def root(self) -> Token:
        return self.span.root


class StatusCue(NamedTuple):
    """What the words around a transfer say of it: its stage, how explicitly, and who denies or alleges it."""

    status: str | None  # None: the sentence does not make it a transfer
    strong: bool  # from an explicit cue (tense, modal, approve, plan), not a default
    denied: bool = False
    alleged: bool = False
    alleged_by: str | None = None  # the non-party asserting it ("according to a UN panel")
    denied_by: str | None = None  # who denies it ("the embassy said the claims were fabricated")
    said_by: str | None = None  # the speaker whose word alone made it alleged ("..., Germany's ministry said")


@dataclass
class Claim:
    """What one sentence says about one weapon: the raw material of an arms record."""

    weapon: Weapon
    system: str
    supplier: str | None
    recipient: str | None
    status: str | None  # None: the sentence does not say (it only names the weapon)
    strong: bool  # status from an explicit cue (tense, modal, approve, plan) not a default
    quantity: int | None
    quantity_rank: int  # 1: counts the system itself; 2: counts a part ("24 launchers" of a missile)
    value: float | None
    evidence: str
    start: int
    end: int
    order: int
    explicit: bool = True  # both parties named in the sentence itself
    denied: bool = False
    alleged: bool = False
    alleged_by: str | None = None  # the actor a non-party assertion comes from ("according to a UN panel")
    elaborates: int | None = None  # order of an earlier generic claim this one lists ("These include ...")
    denied_by: str | None = None  # the party a denial comes from
    written: str = ""  # the system as the sentence writes it
    package: int | None = None  # article offset of the amount `value` was read from
    trigger: int = -1  # token index of the transfer word in its paragraph
    anaphoric: bool = False  # told by a definite transfer noun ("the sale is for 280 missiles")
    said_by: str | None = None  # the speaker whose word alone made it alleged
    whole: bool = False  # the order a portion belongs to ("received the first two of 48 K9s": the 48)
    more: bool = False  # a further tranche of what the dyad already has ("will add four more launchers")


def _norm_generic(text: str) -> str:
    """Spelling-insensitive key of a generic system ("armored vehicle" == "armoured vehicles")."""
    t = text.lower().replace("armored", "armoured").replace("defense", "defence").replace("-", " ")
    words = [w[:-1] if w.endswith("s") and len(w) > 3 else w for w in t.split()]
    return " ".join(words)


def _class_words(text: str) -> set[str]:
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in re.split(r"[\s\-]+", text.lower()) if w}


def compatible(generic: Weapon, named: Weapon) -> bool:
    """Can a generic mention ("the missiles") refer to this system (a Javelin)?"""
    if generic.catch_all:
        return True
    return _class_words(generic.cls) <= _class_words(named.cls) | _class_words(named.system)


def _predicated(noun: Token) -> bool:
    """Is the noun said of an actor ("X is the largest arms buyer", "X, the main supplier,")?

    Why: "arms suppliers worry about costs" names no transfer; the copula or the
    apposition ties the role to a party.
    """
    return noun.dep_ == "appos" or (noun.dep_ == "attr" and noun.head.lemma_ in ("be", "become", "remain"))


def _predicate_subject(noun: Token) -> Token | None:
    """The actor a role noun is said of: the copula's subject or the apposition's head."""
    if noun.dep_ == "appos":
        return noun.head
    return next((c for c in noun.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)


class ArmsExtractor:
    """Finds arms claims sentence by sentence, then merges them into records per article."""

    def __init__(self, lexicon: WeaponLexicon | None = None, coder: Coder | None = None) -> None:
        self.lexicon = lexicon or load_weapons()
        self.coder = coder or Coder()
        self._names: frozenset[int] = frozenset()
        self._actor_tokens: frozenset[int] = frozenset()  # token indexes of actor mentions in the current unit

    # -- mentions ---------------------------------------------------------------------------

    def mentions(self, sent: Span, found: Sequence[tuple[int, int, Weapon]], text: str,
                 actors: Iterable[int] = ()) -> list[WeaponMention]:
        """Weapon mentions of a sentence from the lexicon matches made on its paragraph (`text`);
        `actors` are the tokens that name an actor (never part of a system's name)."""
        doc = sent.doc
        out: list[WeaponMention] = []
        for s, e, weapon in found:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span):
                out.append(WeaponMention(weapon, text[s:e], span))
        out = self._designations(sent, out, text)
        out = self._templates(sent, out, text)
        out = self._designated(sent, out, text)
        out = self._proper_named(out, text, set(actors))
        # a class noun right after a named system is that system's unit: "Javelin anti-tank missiles"
        named = [m for m in out if not m.weapon.generic]
        for n in named:
            dep = "compound" if n.root.dep_ == "nummod" and any(c.isalpha() for c in n.root.text) else n.root.dep_
            if dep in ("compound", "amod", "nmod") and (n.root.head.lower_ in FILLER_UNITS
                                              or n.root.head.lemma_.lower() in CLASS_UNITS):
                n.unit_noun = n.root.head  # "sixteen HIMARS systems"
            elif "-" in n.root.text and len(n.span) == 1:
                n.unit_noun = self._before_class_noun(n.root, set())  # "J-35 stealth fighters" (any parse)
        modifiers = []  # "drone components", "F-16 pilots": the weapon only describes another thing
        for n in out:
            head = n.root.head
            if (n.unit_noun is None and n.root.dep_ in ("compound", "amod", "nmod") and head.pos_ == "NOUN"
                    and head.lower_ not in CONTAINERS and head.lemma_.lower() not in CONTAINERS
                    and head.lemma_.lower() not in DEAL_NOUNS
                    and self._cue(head) is None and not any(o.span.start <= head.i < o.span.end for o in out)):
                modifiers.append(n)
        out = [m for m in out if m not in modifiers]
        named = [m for m in out if not m.weapon.generic]
        kept: list[WeaponMention] = []
        for m in out:
            if m.weapon.generic:
                owners = [n for n in named if n.root.i < m.root.i and n.root.i >= m.root.left_edge.i
                          and self._within(n.root, m.root)]
                if owners:
                    for n in owners:
                        n.unit_noun = m.root
                    continue
            kept.append(m)
        return kept

    def _modifiers(self, noun: Token) -> list[Token]:
        """The words left of a noun that describe it ("long-range precision strike" systems), nearest last."""
        mods: list[Token] = []
        subtree = {t.i for t in noun.subtree}
        i = noun.i - 1
        while i >= noun.sent.start and i in subtree:
            tok = noun.doc[i]
            if tok.text in ("-", "‐", "‑"):
                mods.insert(0, tok)
                i -= 1
                continue
            if tok.lower_ == "mm" and i - 1 in subtree and noun.doc[i - 1].like_num:
                mods[:0] = [noun.doc[i - 1], tok]  # a calibre is part of the name: "155 mm artillery rounds"
                i -= 2
                continue
            if tok.dep_ in ("amod", "compound", "nmod", "npadvmod", "advmod"):
                if tok.lower_ in _ORIGIN_PARTICIPLES or (tok.lower_ in _NOT_MODIFIERS or tok.lower_ in _HEDGES or tok.like_num
                        or tok.ent_type_ in ("NORP", "GPE", "ORG", "MONEY", "CARDINAL") or tok.pos_ == "PROPN"):
                    break
                mods.insert(0, tok)
                i -= 1
                continue
            break
        if (mods and mods[0].lower_ in load_words("weapon_use_verbs.csv") and mods[0].i > noun.sent.start
                and noun.doc[mods[0].i - 1].pos_ in ("VERB", "AUX", "PRON")):
            mods = mods[1:]  # a verb the parser took for a modifier: "it says fire drones ..."
        if len(mods) > 1 and mods[0].text in ("-", "‐", "‑") and i >= noun.sent.start and i + 1 == mods[0].i:
            mods = mods[2:]  # "Soviet-era", "Cold War-vintage": the word belongs to the name before the hyphen
        while mods and mods[0].text in ("-", "‐", "‑"):
            mods.pop(0)
        return mods

    def _templates(self, sent: Span, out: list[WeaponMention], text: str) -> list[WeaponMention]:
        """Weapon systems named by a head noun and its modifiers ("electronic warfare systems"), and
        generic mentions widened to the modifiers they were written with ("close-range ballistic missiles").

        Why templates: a closed list of phrases meets only the phrases it was written for
        (issue 15, 3.8); a head noun of a weapon class with a military modifier generalises.
        """
        table = load_weapon_heads()
        inside = {t.i: m for m in out for t in m.span}
        added: list[WeaponMention] = []
        dropped: set[int] = set()
        pos = doc_arrays(sent.doc).pos
        for i in range(sent.start, sent.end):
            if pos[i] != "NOUN" or i in inside:
                continue  # read from the doc's arrays: a Token only for the nouns (issue 17)
            tok = sent.doc[i]
            head_cls = table.heads.get(tok.lemma_.lower()) or table.heads.get(tok.lower_)
            if head_cls is None and (tok.lemma_.lower() in table.transfers or tok.lower_ in table.transfers):
                # "a military transfer worth $80m", "lethal aid": the noun is both the transfer and the system
                mods = [m for m in self._modifiers(tok) if m.i not in inside]
                if mods and all(table.modifiers.get(m.lower_) in ("military system", "weapon") for m in mods[-1:]):
                    span = sent.doc[mods[-1].i:tok.i + 1]
                    added.append(WeaponMention(Weapon(tok.lemma_.lower(), "weapon", True, ()),
                                               text[mods[-1].idx:tok.idx + len(tok.text)], span))
                continue
            if head_cls is None:
                continue
            mods = self._modifiers(tok)
            words = [m.lower_ for m in mods] + ["-".join(t.lower_ for t in mods[k:k + 3] if t.text not in ("-", "‐", "‑"))
                                                for k in range(len(mods))]
            cls = next((table.modifiers[w] for w in words if w in table.modifiers), None)
            inner = [inside[m.i] for m in mods if m.i in inside]
            if any(not m.weapon.generic for m in inner):
                continue  # "Pantsir-S1 missile defence systems": the named system owns the noun
            if inner:
                cls = cls or inner[0].weapon.cls
            lead = (mods[0] if mods else tok).i - 1
            if cls is None and lead >= sent.start and sent.doc[lead].pos_ == "PROPN" and lead not in inside:
                cls = head_cls  # "Super Tucano aircraft": a model name leads the class noun (see _proper_named)
            start_char = (mods[0] if mods else tok).idx
            if cls is None and PREFIX.search(text, sent.start_char, start_char) is not None and not any(
                    i in inside for i in range(max(lead - 3, sent.start), lead + 1)):
                cls = head_cls  # "FA-50 light attack aircraft": a model designation leads the class noun
            if cls is None:
                continue
            phrase = text[mods[0].idx:tok.idx + len(tok.text)] if mods else tok.text
            weapon = Weapon(tok.lemma_.lower(), cls if cls != "weapon" or head_cls == "weapon" else head_cls,
                            True, ())
            added.append(WeaponMention(weapon, phrase, sent.doc[mods[0].i if mods else tok.i:tok.i + 1]))
            dropped |= {id(m) for m in inner}
        kept = [m for m in out if id(m) not in dropped]
        for m in kept:
            if m.weapon.generic and not m.weapon.catch_all and m.span.end - 1 == m.root.i:
                mods = [t for t in self._modifiers(m.root) if t.i < m.span.start]
                if mods and mods[-1].i == m.span.start - 1:
                    m.text = text[mods[0].idx:m.span.end_char]
                    m.span = sent.doc[mods[0].i:m.span.end]
        # "rocket artillery systems": the widened phrase swallows the "rocket" it was written with
        wide = [m for m in kept + added if m.weapon.generic]
        kept = [m for m in kept if not (m.weapon.generic and any(
            w is not m and w.span.start <= m.span.start and m.span.end <= w.span.end for w in wide))]
        return sorted(kept + added, key=lambda m: m.span.start)

    def _designated(self, sent: Span, out: list[WeaponMention], text: str) -> list[WeaponMention]:
        """A class noun led by a model designation is that model: "Fatah-360 close-range ballistic missiles",
        "M795 155mm artillery shells" name the Fatah-360 and the M795 (issue 15, 3.8)."""
        taken = [(m.span.start_char, m.span.end_char) for m in out]
        for m in out:
            if not m.weapon.generic or m.weapon.catch_all:
                continue
            before = PREFIX.search(text, sent.start_char, m.span.start_char)
            if before is None or any(s <= before.start() < e for s, e in taken):
                continue
            span = sent.doc.char_span(before.start(), m.span.end_char, alignment_mode="expand")
            if span is None:
                continue
            name = before.group("name")
            m.weapon = Weapon(name, m.weapon.cls, False, ())
            m.text = text[before.start():m.span.end_char]
            m.span = span
        return out

    def _proper_named(self, out: list[WeaponMention], text: str, actors: set[int]) -> list[WeaponMention]:
        """A class noun led by a proper name is that model: "Super Tucano aircraft", "Harop drones",
        "Type 039 submarines" name the Super Tucano, the Harop, the Type 039 (issue 15, 3.8).

        Why a pattern and not more rows: model names are an open class, but a capitalised
        name compounded onto a weapon noun is almost always one. A name that is an actor
        ("Hamas rockets"), a place, a nationality or an arms maker ("Elbit drones": the
        maker says who sells, not what) leaves the mention generic.
        """
        taken = {t.i for m in out for t in m.span}
        for m in out:
            if not m.weapon.generic or m.weapon.catch_all:
                continue
            first = m.span.start
            doc = m.span.doc
            i = first - 1
            while i >= m.root.sent.start and i not in taken and self._model_word(doc[i], m.root, actors):
                i -= 1
            if i + 1 == first or not any(doc[k].text[:1].isupper() for k in range(i + 1, first)):
                continue
            if i in taken:
                continue  # "Rafale Marine jets": a variant word after a named system stays with it
            while i + 1 < first and not doc[i + 1].text[:1].isalnum():
                i += 1
            name = text[doc[i + 1].idx:doc[first - 1].idx + len(doc[first - 1].text)]
            if maker_state(name) is not None:
                continue
            m.weapon = Weapon(name, m.weapon.cls, False, ())
            m.text = text[doc[i + 1].idx:m.span.end_char]
            m.span = doc[i + 1:m.span.end]
            taken |= {t.i for t in m.span}
        return out

    @staticmethod
    def _model_word(tok: Token, root: Token, actors: set[int]) -> bool:
        """Can `tok` be part of a model name compounded onto the weapon noun `root`?"""
        if (tok.dep_ == "nummod" and "-" in tok.text and tok.i not in actors and root in tok.ancestors
                and any(c.isalpha() for c in tok.text) and DESIGNATION.fullmatch(tok.text)):
            return True  # "FTC-2000G fighter jets": the parser counts the designation
        if tok.i in actors or tok.ent_type_ in _NOT_NAMES or root not in tok.ancestors:
            return False
        if tok.ent_type_ == "NORP" and (tok.pos_ == "ADJ" or tok.lower_ in _ERA_WORDS):
            return False  # "Soviet tanks", "Western jets"; the parser also tags model names NORP ("Harop")
        if tok.text in ("-", "‐", "‑"):
            return True
        if tok.like_num:  # "Type 039", "Leopard 1": a number only inside a name
            prev = tok.nbor(-1) if tok.i > 0 else None
            return prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and prev.i not in actors
        if tok.dep_ not in ("compound", "nmod", "amod"):
            return False
        return (tok.pos_ == "PROPN" and tok.text[:1].isupper()) or bool(DESIGNATION.fullmatch(tok.text))

    @staticmethod
    def _before_class_noun(tok: Token, inside: set[int]) -> Token | None:
        """Is `tok` written just before a class noun, with only that noun's modifiers between ("J-35 stealth
        fighters", "Type-055 guided-missile destroyers")? The parser often hangs such a designation elsewhere."""
        doc = tok.doc
        for k in range(tok.i + 1, min(tok.i + 4, len(doc))):
            noun = doc[k]
            if noun.lemma_.lower() in CLASS_UNITS and noun.pos_ == "NOUN" and k not in inside:
                modifiers = all(doc[j].head.i == k and doc[j].dep_ in ("compound", "amod", "punct")
                                for j in range(tok.i + 1, k))
                return noun if modifiers else None
            if noun.dep_ not in ("compound", "amod", "punct"):
                return None
        return None

    def _designations(self, sent: Span, out: list[WeaponMention], text: str) -> list[WeaponMention]:
        """Model designations no lexicon row names, listed beside a known weapon: "30 T-72 tanks and 30 BRDM-2"."""
        inside = {t.i for m in out for t in m.span}
        roots = {m.root.i for m in out}
        added: list[WeaponMention] = []
        doc = sent.doc
        words, (starts, ends, _), pos = doc_text(doc), token_offsets(doc), doc_arrays(doc).pos
        for i in range(sent.start, sent.end):
            # the word's text and part of speech from the doc's arrays: a Token only for designations (issue 17)
            if i in inside or not DESIGNATION.fullmatch(words[starts[i]:ends[i]]) or pos[i] not in (
                    "NOUN", "PROPN", "NUM", "ADJ"):
                continue
            tok = doc[i]
            near = tok.head.i in roots or any(c.i in roots for c in tok.children if c.dep_ == "conj")
            if self._transferred(tok) and tok.ent_type_ not in ("DATE", "MONEY", "CARDINAL", "LAW", "EVENT"):
                # "Russia delivered the S-350 to Algeria", "Iran sent Mohajer-10s to Sudan": a model
                # designation is what a transfer verb moves even with no class noun beside it
                added.append(WeaponMention(Weapon(as_written(tok.text), "military system", False, ()), tok.text,
                                           sent.doc[tok.i:tok.i + 1]))
                continue
            if (((tok.dep_ in ("compound", "amod", "nmod", "nummod")
                  and (tok.head.lemma_.lower() in CLASS_UNITS or tok.head.lemma_.lower() in load_weapon_heads().heads)
                  and tok.head.i not in inside) or self._before_class_noun(tok, inside) is not None)
                    and "-" in tok.text and tok.ent_type_ not in ("DATE", "MONEY")):
                # "KF-21 fighters", "Type-054 frigates": a designation on a class noun no row names
                added.append(WeaponMention(Weapon(as_written(tok.text), "military system", False, ()), tok.text,
                                           sent.doc[tok.i:tok.i + 1]))
                continue
            if not (tok.dep_ in ("conj", "appos") and near) and not (
                    tok.dep_ in ("compound", "amod", "nmod") and tok.head.i in roots):
                continue
            partner = next((m for m in out if m.root.i == tok.head.i), None)
            if partner is not None and tok.dep_ != "conj" and tok.i < partner.span.start:
                # "30,000 M4 detonators": the class noun keeps the model it was written with
                partner.text = text[tok.idx:partner.span.end_char]
                partner.span = sent.doc[tok.i:partner.span.end]
                continue
            added.append(WeaponMention(Weapon(tok.text, "military system", False, ()), tok.text,
                                       sent.doc[tok.i:tok.i + 1]))
        return sorted(out + added, key=lambda m: m.span.start)

    def _transferred(self, tok: Token) -> bool:
        """Is `tok` (or the list it ends) the object of a transfer verb or of a transfer noun's "of"?"""
        while tok.dep_ == "conj" and tok.head.i != tok.i:
            tok = tok.head
        if "-" not in tok.text or tok.pos_ not in ("NOUN", "PROPN"):
            return False
        if tok.dep_ in ("dobj", "nsubjpass") and self._cue(tok.head) in ("give", "take"):
            return True
        return (tok.dep_ == "pobj" and tok.head.lower_ in ("of", "with")
                and self._cue(tok.head.head) in ("give-noun", "take-noun", "arm", "give"))

    @staticmethod
    def _within(tok: Token, head: Token) -> bool:
        for anc in tok.ancestors:
            if anc == head:
                return True
            if anc.pos_ in ("VERB", "AUX", "ADP") and anc.dep_ != "amod":
                return False
        return False

    # -- the transfer word ------------------------------------------------------------------

    @staticmethod
    def _cue(tok: Token) -> str | None:
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX"):
            for table, kind in ((GIVE_VERBS, "give"), (ARM_VERBS, "arm"), (TAKE_VERBS, "take"),
                                (ARRIVE_VERBS, "arrive")):
                if lemma in table:
                    return kind
            if lemma in ("include", "comprise", "contain"):
                return "include"
            if lemma in MAKE_VERBS and any(
                    c.dep_ == "prep" and c.lower_ == "for" and any(
                        t.ent_type_ in ("GPE", "NORP") for p in c.children if p.dep_ == "pobj" for t in p.subtree)
                    for c in (*tok.children, *(g for o in tok.children if o.dep_ == "dobj" for g in o.children))):
                return "give"  # "Turkey is building four corvettes for Pakistan": made to order for a buyer
        elif tok.pos_ in ("NOUN", "PROPN"):
            low = tok.lower_
            sing = lemma if lemma in GIVE_NOUNS or lemma in TAKE_NOUNS else low.rstrip("s")
            if sing in ("delivery", "deliverie") or low == "deliveries":
                return "give-noun"
            if lemma in ("possession", "receipt") and tok.dep_ == "dobj" and tok.head.lemma_.lower() == "take":
                return "give-noun"  # "took possession of the first Rafale jets": as "took delivery of"
            if sing in GIVE_NOUNS:
                return "give-noun"
            if sing in TAKE_NOUNS:
                return "take-noun"
            if sing in CONTRACT_NOUNS:
                return "deal-noun"
            if lemma in SUPPLIER_NOUNS and _predicated(tok):
                return "give-agent"
            if lemma in BUYER_NOUNS and _predicated(tok):
                return "take-agent"
        return None

    def trigger(self, mention: WeaponMention, by_root: dict[int, WeaponMention]) -> tuple[Token, str] | None:
        """Climb from the weapon to the word that transfers it; None for a component or a bare mention."""
        found = self._climb(mention, by_root)
        if found is None and mention.weapon.catch_all and self._cue(mention.root) in ("give-noun", "take-noun"):
            # "approved a military transfer to Taiwan", "a $1bn arms package for Taiwan": the catch-all is the transfer
            return mention.root, self._cue(mention.root) or "give-noun"
        if found is None:
            participle = self._participle(mention.unit_noun or mention.root)
            if participle is not None:
                return participle, self._cue(participle) or "give"  # "accused Kenya of funnelling weapons"
            used = self._used_foreign(mention)
            if used is not None:
                return used, "use"  # "Azerbaijan used Israeli-made drones": made there, in the user's hands
            item = mention.unit_noun or mention.root
            own = next((c for c in item.children if c.dep_ == "relcl" and self._cue(c) in ("give", "take")), None)
            if own is not None and item.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj"):
                # "displayed Javelin missiles it received from the US": the item's own clause transfers it
                return own, self._cue(own) or "take"
        return found

    def _raised_arrival(self, verb: Token) -> Token | None:
        """The arrival verb a raising word lends its subject to: "are due to arrive", "are expected to reach"
        ("be" + "due"/"set"/"expected" + an arrival verb): the subject is what arrives."""
        if verb.lemma_.lower() not in RAISING | {"be"}:
            return None
        hosts = [verb] + [c for c in verb.children if c.dep_ == "acomp" and c.lemma_.lower() in RAISING]
        for host in hosts:
            for xc in (c for c in host.children if c.dep_ == "xcomp"):
                if self._cue(xc) == "arrive" and not self._incursion(xc):
                    return xc
        return None

    def _raised_transfer(self, verb: Token) -> Token | None:
        """The passive transfer verb a raising word lends its subject to: "the jets are due to be delivered
        to Poland", "the howitzers are expected to be sent to Kyiv": the subject is what is handed over."""
        if verb.lemma_.lower() not in RAISING | {"be"}:
            return None
        hosts = [verb] + [c for c in verb.children if c.dep_ == "acomp" and c.lemma_.lower() in RAISING]
        for host in hosts:
            for xc in (c for c in host.children if c.dep_ == "xcomp"):
                if self._cue(xc) == "give" and any(c.dep_ == "auxpass" for c in xc.children):
                    return xc
        return None

    def _used_foreign(self, mention: WeaponMention) -> Token | None:
        """The use verb of "used Israeli-made drones", "fired US missiles", "used ATACMS": a weapon a party
        uses that another state makes reached the user from that state. The state is the one named on the
        weapon, else the named system's maker (weapons.csv origin); `parties` and `fill_parties` make sure
        it is not the user ("Russia fired Kalibr missiles" is no transfer)."""
        noun = mention.unit_noun or mention.root
        # "Iranian drones are being used by Russia": the passive names the user after "by"
        passive = noun.dep_ == "nsubjpass" and bool(self._preps(noun.head, ("by",)))
        if (noun.dep_ == "pobj" and noun.head.lower_ == "with" and noun.head.head.pos_ == "VERB"
                and noun.head.head.lemma_.lower() in STRIKE_VERBS and not self._passive(noun.head.head)):
            # "Ukraine struck the bridge with US-made missiles": the attacker's instrument is used as well
            verb = noun.head.head
        elif (noun.dep_ != "dobj" and not passive) or noun.head.lemma_.lower() not in USE_VERBS:
            return None
        else:
            verb = noun.head
        if any(
                c.lemma_.lower() in CAPTURED or c.lower_ in CAPTURED for c in noun.children):
            return None  # "used captured Russian tanks": taken, not handed over
        made = any(c.dep_ == "amod" and c.tag_ == "VBN" and c.lemma_.lower() in MAKE_VERBS for c in noun.children)
        named = any(c.dep_ in ("amod", "compound", "nmod") and c.i in self._actor_tokens for c in noun.children)
        return verb if made or named or mention.weapon.origin else None

    @staticmethod
    def _incursion(verb: Token) -> bool:
        """Does an arrival verb name a territory or airspace crossed ("entered Polish airspace")?"""
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        objs += [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
        return any(o.lemma_.lower() in INCURSION or o.lower_ in INCURSION for o in objs)

    def _participle(self, noun: Token) -> Token | None:
        """A transfer verb tagged as a modifier of the weapon: "the already provided HIMARS",
        "the drones, supplied by Iran to Russia," (a participle clause naming a party)."""
        for child in noun.children:
            if child.dep_ == "amod" and child.tag_ in ("VBG", "VBN") and self._cue(child) in ("give", "take"):
                return child
            if (child.dep_ == "acl" and child.tag_ in ("VBN", "VBD") and self._cue(child) in ("give", "take")
                    and self._preps(child, ("by", "to", "from"))):
                return child
        if noun.dep_ == "dobj":  # "Ukraine used ATACMS supplied by the US": the parse hangs it on the verb
            for sib in noun.head.children:
                if (sib.dep_ == "xcomp" and sib.tag_ == "VBN" and sib.i > noun.i and self._cue(sib) == "give"
                        and self._preps(sib, ("by",))):
                    return sib
        return None

    @staticmethod
    def _carrier(item: Token) -> Token | None:
        """The ship, plane or convoy that carries the item: "a cargo ship carrying weapons", "a plane loaded
        with drones"."""
        if item.dep_ == "dobj" and item.head.lemma_.lower() in CARRY_VERBS and item.head.dep_ in ("acl", "relcl"):
            carrier = item.head.head
        elif (item.dep_ == "pobj" and item.head.lower_ == "with" and item.head.head.lemma_.lower() in LOADED
              and item.head.head.dep_ in ("acl", "amod", "relcl")):
            carrier = item.head.head.head
        else:
            return None
        return carrier if carrier.lemma_.lower() in CARRIERS and carrier.pos_ == "NOUN" else None

    @staticmethod
    def _spent_on(item: Token, on: Token) -> bool:
        """Is the item itself what the money is spent on ("on tanks and jets"), not a part of it?"""
        node = item
        while node.i != on.i:
            if node.dep_ not in ("pobj", "conj") or node.head.i == node.i:
                return False
            node = node.head
        return True

    def _climb(self, mention: WeaponMention, by_root: dict[int, WeaponMention]) -> tuple[Token, str] | None:
        tok = mention.unit_noun or mention.root
        carrier = self._carrier(tok)
        if (carrier is not None and carrier.dep_ == "nsubj" and self._cue(carrier.head) == "arrive"
                and not self._incursion(carrier.head)):
            return carrier.head, "arrive"  # "a Russian cargo ship carrying weapons docked in Port Sudan"
        as_well = False  # "jets with radar, as well as tanks": the tanks join the jets, not the radar
        for _ in range(10):
            head = tok.head
            if head.i == tok.i:
                return None
            dep = tok.dep_
            if dep == "conj" and any(c.dep_ in ("cc", "advmod") and c.lower_ == "as" and c.i < tok.i
                                     for c in head.children):
                as_well = True
            if (dep == "nsubj" and head.tag_ == "VBN" and self._cue(head) == "give"
                    and not any(c.dep_ in ("aux", "auxpass") for c in head.children)):
                return head, "give"  # "Weapons supplied to the army by Germany rose": a reduced relative
            if dep in ("nsubj", "nsubjpass") and self._cue(head) is None:
                raised = self._raised_arrival(head)
                if raised is not None:
                    return raised, "arrive"  # "the first tanks are due to arrive in Poland"
                raised = self._raised_transfer(head)
                if raised is not None:
                    return raised, "give"  # "the jets are due to be delivered to Poland in 2026"
            if (dep == "dobj" and head.lemma_.lower() == "fly" and _class_words(mention.weapon.cls) & FLYING
                    and not self._preps(head, ("to", "into"))):
                return None  # "began flying F-16s": aircraft in use, not flown in to someone
            if dep == "nsubj":
                kind = self._cue(head)
                if kind == "arrive" and self._incursion(head):
                    return None  # "drones entered Polish airspace from Belarus": a flight, not a delivery
                if kind == "arrive" and head.lemma_.lower() == "land" and _class_words(mention.weapon.cls) & FLYING:
                    return None  # "six Chinese Y-20 transport aircraft landed in Belgrade": they flew there
                if kind == "arrive" and head.lemma_.lower() == "dock" and tok.i == (mention.unit_noun or mention.root).i:
                    return None  # "a Russian warship docked in Havana": a port call (a cargo ship docking is the carrier's)
                if kind == "include":
                    own = next((c for c in tok.children if c.dep_ in ("relcl", "acl")
                                and self._cue(c) in ("give", "take")), None)
                    if own is not None:
                        return own, self._cue(own) or "give"  # "the weapons Iran sent to Russia include ..."
                if kind == "arrive" or kind == "include":
                    return head, kind
                return None
            if (dep == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in ("return", "exchange")
                    and head.head.dep_ == "pobj"):
                return None  # "will send helicopters in return for US Black Hawks": the price, not the transfer
            if dep == "pobj" and head.lower_ == "for" and self._thanked(head) is not None:
                return head.head, "thank"  # "thanked Germany for the Patriot systems"
            if dep == "pobj" and head.lower_ == "for" and (
                    head.head.i in by_root or head.head.lemma_.lower() in PARTS or head.head.lower_ in PARTS):
                return None  # "detonators for howitzers", "spare parts for tanks": what the item is for
            if dep == "pobj" and head.lower_ == "for" and head.head.lemma_ == "be":
                subj = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
                if subj is not None and self._cue(subj) is not None and subj.pos_ == "NOUN":
                    return subj, self._cue(subj) or "give-noun"  # "the $650 million sale is for 280 missiles"
            if dep == "dobj" and head.lemma_.lower() in ("include", "comprise", "contain", "cover", "involve"):
                subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
                if subj is not None and (subj.lemma_.lower() in OF_NOUNS or subj.lower_ in CONTAINERS):
                    # "the latest tranche of US military aid to Ukraine includes ..."
                    subj = next((p for o in self._preps(subj, ("of",)) for p in [o] if self._cue(p)), subj)
                if (subj is not None and subj.pos_ == "NOUN"
                        and self._cue(subj) in ("give-noun", "take-noun", "deal-noun")
                        and any(c.dep_ in ("poss", "relcl", "acl") or (c.dep_ == "prep" and c.lower_ in (
                            "to", "for", "by", "from")) or (c.dep_ == "det" and c.lower_ in ("the", "this", "that"))
                                for c in subj.children)):  # "the sale covers ...": the sale just named
                    return subj, self._cue(subj) or "give-noun"  # "the sale, approved in May, covers 40 Patriots"
            if dep == "pobj" and head.lower_ == "for" and head.head.pos_ == "VERB":
                deal = next((c for c in head.head.children if c.dep_ == "dobj" and self._cue(c) == "deal-noun"), None)
                if deal is not None:
                    return deal, "deal-noun"  # "signed a contract with Korea for 180 tanks"
                won = next((c for c in head.head.children if c.dep_ == "dobj" and self._won_from(c) is not None), None)
                if won is not None:
                    return won, "deal-noun"  # "won an order from Hungary for 218 vehicles"
            if (dep == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB" and not as_well
                    and any(c.dep_ == "dobj" and c.i in by_root for c in head.head.children)):
                return None  # "delivered J-10 jets with PL-15 missiles": the jets' equipment
            if dep == "pobj" and head.lower_ == "with" and head.head.i in by_root:
                if not as_well:
                    return None  # "MiG-29 jets, with modern missiles": a component of another system
                tok, as_well = head.head, False
                continue
            if dep == "pobj" and head.lower_ in ("including", "like", "as") and head.dep_ == "prep":
                # "$1bn in equipment including Harpoons": the listed systems replace the generic
                for m in by_root.values():
                    if m.weapon.catch_all and m.root.i in {t.i for t in head.head.subtree}:
                        m.elaborated = True
                if head.head.pos_ in ("VERB", "AUX") and head.lower_ == "including":
                    # "notified Congress of a $1bn arms sale to Taiwan, including 60 Harpoons": the
                    # parse hangs the list on the verb; it lists the transfer noun before it
                    listed = [t for t in head.head.subtree if t.i < head.i and t.pos_ == "NOUN"
                              and self._cue(t) in ("give-noun", "take-noun", "deal-noun")]
                    if listed:
                        return listed[-1], self._cue(listed[-1]) or "give-noun"
                tok = head.head if head.lower_ != "as" else head.head.head
                if self._cue(tok) in ("give-noun", "take-noun", "deal-noun"):
                    return tok, self._cue(tok) or "give-noun"  # "an arms sale to Taiwan, including Harpoons"
                if head.lower_ == "including" and (tok.pos_ == "NUM" or tok.lemma_.lower() in OF_NOUNS or tok.text[:1].isdigit()):
                    # "announced $75 million in military aid for Ukraine, including HIMARS ammunition":
                    # the amount's own transfer noun is what the list details
                    aid = next((p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("in", "of")
                                for p in c.children if p.dep_ == "pobj" and self._cue(p) == "give-noun"), None)
                    if aid is not None:
                        return aid, "give-noun"
                continue
            if (dep == "conj" and head.pos_ == "VERB" and tok.pos_ in ("NOUN", "PROPN")
                    and self._cue(head) in ("give", "take", "arm")
                    and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "dobj") for c in tok.children)
                    and any(c.dep_ == "dobj" and c.i < tok.i for c in head.children)):
                return head, self._cue(head) or "give"  # "supplied machine guns and grenades": the parse
                # hangs the second object on the verb
            if dep in ("ccomp", "advcl", "parataxis") or (dep == "conj" and head.pos_ in ("VERB", "AUX")):
                return None
            if (dep == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN" and self._cue(head.head) is None
                    and head.head.lemma_.lower() not in OF_NOUNS and head.head.lower_ not in CONTAINERS
                    and head.head.lemma_.lower() not in DEAL_NOUNS and head.head.i not in by_root):
                return None  # "evidence of the origin of the drones": the weapon only describes another noun
            kind = self._cue(head)
            if (kind == "give-noun" and head.lower_.rstrip("s") in PORTIONS and head.dep_ == "nsubj"
                    and self._cue(head.head) == "arrive" and not self._incursion(head.head)):
                return head.head, "arrive"  # "the first batch of Harpoons would arrive from the US"
            if (kind == "give-noun" and head.lower_.rstrip("s") in PORTIONS and head.dep_ == "dobj"
                    and self._cue(head.head) in ("give", "take")):
                # "Egypt received the first batch of Rafales from France": the verb carries the parties
                return head.head, self._cue(head.head) or "take"
            if (kind == "give-noun" and head.lower_.rstrip("s") in PORTIONS and head.dep_ == "pobj"
                    and head.head.lower_ == "of" and self._cue(head.head.head) in ("give-noun", "take-noun")):
                tok = head  # "took delivery of the first batch of Abrams tanks": the outer noun carries the parties
                continue
            if kind is not None:
                # "has spent $2 billion on drones": the parse may hang "on" on the amount
                on = tok if dep == "prep" else next(
                    (c for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"), tok) if dep == "dobj" else tok
                if head.lemma_.lower() == "spend" and not (on.lower_ == "on" and self._spent_on(
                        mention.unit_noun or mention.root, on)):
                    return None  # "spend 100 billion on its army, including jets": the budget, not a purchase
                if kind == "include" and dep not in ("dobj", "conj", "appos"):
                    return None
                if kind == "include" and head.dep_ in ("relcl", "acl"):
                    # "a $400 million package for Ukraine that includes Stingers"; the parse may hang
                    # the clause on the last recipient ("a package for Ukraine, Israel and Taiwan that")
                    owner = head.head
                    for _ in range(5):
                        if self._cue(owner) is not None or owner.head.i == owner.i or owner.pos_ not in (
                                "NOUN", "PROPN", "ADP", "NUM", "ADJ"):  # "a package worth $2bn that includes"
                            break
                        owner = owner.head
                    if self._cue(owner) is not None:
                        return owner, self._cue(owner) or "give-noun"
                return head, kind
            tok = head
        return None

    # -- parties ----------------------------------------------------------------------------

    def _codes(self, tok: Token | None, unit: Unit, state: ArticleState) -> list[str]:
        """Actor codes a phrase names; "foreign powers, including the UAE and Egypt" names the list."""
        if tok is None:
            return []
        if tok.pos_ == "PRON" and tok.lower_ in ("we", "i") and tok.dep_ in ("nsubj", "nsubjpass"):
            # "'We have sent 3,000 vehicles,' the president said": the speaker's side
            for clause in (*tok.head.children, tok.head.head):
                if clause.lemma_.lower() in SPEECH | SPEECH_EXTRA and clause.pos_ == "VERB":
                    subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
                    if subj is not None and subj.i in unit.tok_actor:
                        return [unit.tok_actor[subj.i]]
        if tok.lower_ in ("it", "they") and tok.dep_ in ("nsubj", "nsubjpass"):
            # "Serbia denied reports that it had sold ammunition": the pronoun in what a party says,
            # denies or is accused of is that party (the coder resolves only across sentences)
            node = tok.head
            for _ in range(4):
                if node.head.i == node.i:
                    break
                node = node.head
                if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in SPEECH | SPEECH_EXTRA | DENY | SAY:
                    speaker = next((c for c in node.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
                    if speaker is not None and speaker.i in unit.tok_actor:
                        return [unit.tok_actor[speaker.i]]
                    break
        if tok.i not in unit.tok_actor:
            # "China's Taiwan region": the name inside the phrase, not its possessor
            inner = [unit.tok_actor[c.i] for c in tok.children if c.dep_ == "compound" and c.i in unit.tok_actor]
            if inner:
                return list(dict.fromkeys(inner))
        # "Ukraine's allies, including Denmark and Norway": the list names the parties, not the possessor
        listed: list[str] = []
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("including", "like", "as"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        listed += [c for c, _ in self.coder.actors(pobj, unit, state) if c not in listed]
        if tok.pos_ == "PROPN":
            maker = maker_state(tok.doc[tok.left_edge.i:tok.i + 1].text)
            if maker is not None:
                return [maker]  # "Lockheed Martin will deliver": the maker's home state, not a name inside it
        codes = listed if listed and tok.pos_ == "NOUN" else [c for c, _ in self.coder.actors(tok, unit, state)]
        codes = codes or listed or self._epithet(tok, unit, state)
        if not codes:
            # "the country's defence ministry signed", "the kingdom's air force will receive": the coder
            # resolves a bare "the country" as a party, not as the owner of the institution that acts
            owner = next((c for c in tok.children if c.dep_ == "poss" and c.tag_ == "NN"), None)
            codes = self._epithet(owner, unit, state, bare=True) if owner is not None else []
        if not codes and tok.pos_ in ("PROPN", "NOUN"):
            # "from Elbit", "Rheinmetall will deliver": a company sells from its home state (arms_makers.csv)
            doc = tok.doc
            phrase = doc[tok.left_edge.i:tok.i + 1].text
            flat = [c for c in tok.children if c.dep_ in ("appos", "compound", "flat") and c.i > tok.i]
            if flat:
                phrase = doc[tok.left_edge.i:max(c.i for c in flat) + 1].text
            home = maker_state(phrase)
            if home is not None:
                codes = [home]
        return codes

    @staticmethod
    def _epithet(tok: Token, unit: Unit, state: ArticleState, bare: bool = False) -> list[str]:
        """"the Balkan country received jets", "the Gulf state ordered drones": a described state noun
        (anaphors.csv, kind state) whose modifiers name no actor refers to the last state named before it.

        Why here and not in the coder: a transfer needs both its parties, and news names the second
        one by such an epithet far more often than it names the parties of other events that way.
        """
        lemma = tok.lemma_.lower()
        kind = "state" if lemma in EPITHET_STATES else load_anaphors().get(lemma)
        if tok.tag_ != "NN" or kind not in ("state", "island") or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children):
            return []
        mods = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod")]
        if (not mods and not bare) or any(t.i in unit.tok_actor for m in mods for t in m.subtree):
            return []  # bare "the country" is the coder's (`bare`: but not as an owner); "the Serbian state" names its actor
        if kind == "island":
            # "the self-ruled island": the last island named (islands.csv), the coder's own record of it
            last_island = state.last_island
            islands = load_islands()
            for i in range(tok.i - 1, -1, -1):
                if unit.tok_actor.get(i) in islands:
                    return [unit.tok_actor[i]]
            return [last_island] if last_island in islands else []
        return ArmsExtractor._referent(tok, unit, state)

    @staticmethod
    def _referent(tok: Token, unit: Unit, state: ArticleState) -> list[str]:
        """The state an epithet or an object "it" points back to: the nearest named before it outside its
        own clause, passing over the clause's other parties ("Serbia hosted Beijing's envoy. The Balkan
        country bought FK-3 systems from China" -> SRB, not CHN; "China's ties with Serbia grew after the
        Balkan country bought drones" -> SRB, named in the same sentence but outside the buying clause).

        Why: the other party of a transfer is never its epithet's referent, and the one named last is
        often that party (issue 15, 3.8: the buyer in one sentence, the deal in the next).
        """
        top = tok
        while top.head.i != top.i and top.dep_ not in ("acl", "relcl", "advcl"):
            top = top.head
        lo, hi = top.left_edge.i, top.right_edge.i
        parties = {code for i, code in unit.tok_actor.items() if lo <= i <= hi and i != tok.i}
        bodies = body_codes()
        for i in range(min(tok.i, lo) - 1, -1, -1):
            code = unit.tok_actor.get(i)
            if code and code not in bodies and code not in parties:
                return [code]
        last = state.last_actor
        return [last] if last and last not in bodies and last not in parties else []

    @staticmethod
    def _preps(tok: Token, preps: Iterable[str]) -> list[Token]:
        wanted = set(preps)
        out: list[Token] = []
        for child in tok.children:
            if child.dep_ in ("prep", "dative", "agent") and child.lower_ in wanted:
                out += [c for c in child.children if c.dep_ == "pobj"]
        return out

    def _item_preps(self, item: Token, preps: Iterable[str]) -> list[Token]:
        """Prepositions on the item or on the list it sits in: "40 tanks and 24 howitzers from Germany"."""
        wanted = tuple(preps)
        out = self._preps(item, wanted)
        for worth in (c for c in item.children if c.lower_ in ("worth", "valued", "costing")):
            # "air-defence systems worth 300 million euros from India": the parse hangs "from" on the amount
            out += [t for x in worth.subtree if x.dep_ == "prep" and x.lower_ in wanted
                    for t in x.children if t.dep_ == "pobj" and t not in out]
        group = [c for c in item.children if c.dep_ == "conj"] + ([item.head] if item.dep_ == "conj" else [])
        amount = self._amount_of(item)
        if amount is not None:
            # "thousands of rockets from Iran", "a batch of tanks from Poland": the parse hangs the
            # preposition on the amount the item is counted in
            group.append(amount)
        for other in group:
            out += [t for t in self._preps(other, wanted) if t not in out]
        return out

    def _thanked(self, prep: Token) -> Token | None:
        """The party thanked for what "for" governs, or relied on for it: "thanked Norway for", "is
        grateful to Paris for", "depends on Moscow for"."""
        verb = prep.head
        if verb.pos_ == "VERB" and verb.lemma_.lower() in THANK_VERBS:
            return next((c for c in verb.children if c.dep_ == "dobj"), None)
        if verb.pos_ == "VERB" and verb.lemma_.lower() in RELY_VERBS:
            return next(iter(self._preps(verb, ("on", "upon"))), None)  # "relies on Russia for its weapons"
        if verb.pos_ == "VERB" and verb.lemma_.lower() in ("turn", "look"):
            return next(iter(self._preps(verb, ("to",))), None)  # "turned to France for weapons"
        if verb.lemma_.lower() == "be":
            grateful = next((c for c in verb.children if c.dep_ == "acomp" and c.lower_ in GRATEFUL), None)
            if grateful is not None:
                return next(iter(self._preps(grateful, ("to",))), None)
        return None

    def _won_from(self, noun: Token) -> Token | None:
        """The buyer of an order or contract a seller wins: "won an order from Hungary", "secured a
        contract from Romania" (the awarding party, after "from"); None for any other noun."""
        if noun.dep_ != "dobj" or noun.head.lemma_.lower() not in WIN_VERBS:
            return None
        if noun.lemma_.lower() not in CONTRACT_NOUNS and noun.lemma_.lower() not in ("order", "tender"):
            return None
        return next(iter(self._preps(noun, ("from",)) or self._preps(noun.head, ("from",))), None)

    def _froms(self, verb: Token, item: Token) -> list[Token]:
        """The verb's "from" objects, the first one after the item first: "received Storm Shadows from London
        and SCALPs from Paris" (the parse hangs both on the verb)."""
        found = self._preps(verb, ("from",))
        return sorted(found, key=lambda t: (t.i < item.i, t.i if t.i > item.i else -t.i))

    @staticmethod
    def _amount_of(item: Token) -> Token | None:
        """The amount or container an item is counted in: "thousands" of "thousands of rockets", "batch"
        of "a batch of tanks" (a conjunct's own "of" counts: "tanks and a large quantity of shells")."""
        if item.dep_ != "pobj" or item.head.lower_ != "of":
            return None
        amount = item.head.head
        if amount.pos_ == "NUM" or amount.lemma_.lower() in OF_NOUNS or amount.lower_ in CONTAINERS:
            return amount
        return None

    @staticmethod
    def _passive(verb: Token) -> bool:
        return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)

    def _agent(self, verb: Token) -> Token | None:
        """The doer of a verb: its subject, climbing xcomp/conj chains; "accused X of arming" -> X."""
        v = verb
        for _ in range(5):
            if self._passive(v):
                by = self._preps(v, ("by",))
                if by:
                    return by[0]
                if v.i != verb.i and v.lemma_.lower() in ALLEGE | RAISING:
                    # "Iran is alleged to have sent", "Turkey is expected to receive": the raised subject;
                    # "... and is expected to deliver": with none, the subject of the verb it joins
                    raised = next((c for c in v.children if c.dep_ == "nsubjpass"), None)
                    if raised is not None or v.dep_ != "conj":
                        return raised
                elif v.i == verb.i:
                    return None
            subj = next((c for c in v.children if c.dep_ in ("nsubj", "csubj")), None)
            if subj is not None:
                if subj.lower_ in ("which", "that", "who") and v.dep_ == "relcl":
                    return v.head
                if subj.lower_ in ("it", "they") and v.dep_ in ("acl", "ccomp") and v.head.pos_ == "NOUN":
                    # "Britain's announcement that it will send ...": the announcer
                    poss = next((c for c in v.head.children if c.dep_ == "poss"), None)
                    if poss is not None:
                        return poss
                return subj
            if v.dep_ == "relcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children):
                # "Romania signed a deal to buy ...", "signed a contract worth $5bn to purchase": who signed buys
                n = v.head
                for _ in range(4):
                    if n.pos_ in ("VERB", "AUX") or n.head.i == n.i or n.dep_ not in (
                            "dobj", "npadvmod", "amod", "pobj", "prep", "appos"):
                        break
                    n = n.head
                if n.pos_ in ("VERB", "AUX") and n.i != v.i:
                    v = n
                    continue
            if v.dep_ == "relcl":
                return v.head
            if v.dep_ == "pcomp" and v.head.lower_ == "of":
                gov = v.head.head
                if (gov.dep_ == "xcomp" and gov.head.lemma_.lower() in ALLEGE and gov.lemma_.lower() not in ALLEGE
                        and any(c.dep_ == "dobj" for c in gov.children)):
                    # "accused neighbouring Chad of": the parser's verb "neighbouring" sits between
                    obj = next((c for c in gov.children if c.dep_ == "dobj"), None)
                    if obj is not None:
                        return obj
                if gov.lemma_.lower() in ALLEGE and gov.pos_ in ("VERB", "AUX"):
                    obj = next((c for c in gov.children if c.dep_ in ("dobj", "nsubjpass")), None)
                    if obj is not None:
                        return obj
                    v = gov
                    continue
                # "traded accusations for months of receiving arms": the verb over the noun
                for _ in range(4):
                    if gov.pos_ in ("VERB", "AUX") or gov.head.i == gov.i:
                        break
                    gov = gov.head
                if gov.pos_ in ("VERB", "AUX") and gov.i != v.i:
                    v = gov
                    continue
                return None
            if v.dep_ == "acl" and v.head.pos_ == "NOUN" and v.head.lemma_.lower() in DECISION_NOUNS:
                # "condemned Washington's decision to sell arms": the noun's owner acts, not who condemns
                owner = next((c for c in v.head.children if c.dep_ == "poss"), None)
                by = self._preps(v.head, ("by",))
                if owner is not None or by:
                    return owner if owner is not None else by[0]
            if v.dep_ == "acl" and v.head.lemma_.lower() in REQUEST_NOUNS:
                # "Kenya's request to purchase", "a request by Nairobi to buy": who asks
                owner = next((c for c in v.head.children if c.dep_ == "poss"), None)
                by = self._preps(v.head, ("by", "from"))
                if owner is not None or by:
                    return owner if owner is not None else by[0]
            if v.dep_ == "xcomp" and v.head.lemma_.lower() in ASKERS | LETTERS and v.head.pos_ == "VERB":
                # "Kyiv urged Washington to send Patriots", "called on Berlin to supply": the one asked does it
                asked = next((c for c in v.head.children if c.dep_ == "dobj"), None)
                asked = asked or next(iter(self._preps(v.head, ("on", "upon"))), None)
                if asked is not None:
                    return asked
            if v.dep_ in ("xcomp", "conj", "advcl", "acl", "acomp") and v.head.i != v.i:
                v = v.head
                if v.pos_ in ("NOUN", "PROPN"):
                    # "plans to send": the planner is the subject of the verb over the noun
                    v = v.head
                    if v.pos_ == "ADP" and v.dep_ == "prep" and v.head.pos_ in ("VERB", "AUX"):
                        v = v.head  # "Vietnam is in talks to buy": the subject of "is"
                    elif (v.pos_ == "ADP" and v.lower_ == "of" and v.head.pos_ == "NOUN" and v.head.dep_ == "dobj"
                          and v.head.head.pos_ == "VERB"):
                        v = v.head.head  # "signed a letter of intent to buy": the subject of "signed"
                continue
            break
        return None

    def parties(self, trig: Token, kind: str, item: Token, unit: Unit,
                state: ArticleState) -> tuple[list[str], list[str]]:
        """(suppliers, recipients) named around the transfer word."""
        code = self._codes
        sup: list[str] = []
        rec: list[str] = []
        if kind == "give":
            origin: list[str] = []
            # the item's own "from" first: "drones from Turkey and missiles from the US"
            for t in self._preps(item, ("from",)) + self._froms(trig, item) + self._item_preps(item, ("from",)):
                origin = origin or code(t, unit, state)
            used_by: list[str] = []
            reduced = trig.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in trig.children)
            if not origin and trig.dep_ == "amod" and trig.head.i == item.i:
                # "Israeli troops fired US-supplied shells": the actor on the participle supplies
                origin = [c for c in self._item_origin(item, unit)]
                user = item.head if item.dep_ == "dobj" else None
                if (item.dep_ == "pobj" and item.head.lower_ == "with"
                        and item.head.head.lemma_.lower() in STRIKE_VERBS):
                    user = item.head.head  # "Ukraine struck the bridge with US-supplied missiles"
                if user is not None and user.pos_ == "VERB":
                    used_by = code(next((c for c in user.children if c.dep_ == "nsubj"), None), unit, state)
            if not origin and reduced and trig.dep_ in ("acl", "xcomp", "ROOT", "advcl", "conj"):
                # "drones supplied by Iran", "weapons supplied to the army by Germany" (a "by" anywhere after)
                for t in [p for x in trig.subtree if x.dep_ in ("prep", "agent") and x.lower_ == "by"
                          for p in x.children if p.dep_ == "pobj"]:
                    origin = origin or code(t, unit, state)
                # "Ukraine fired missiles supplied by Britain": who uses the item received it
                user = trig.head if trig.dep_ == "xcomp" else item.head if item.dep_ == "dobj" else None
                if user is not None and user.pos_ == "VERB":
                    # "has started flying F-16s donated by Denmark": the user may be the subject higher up
                    used_by = code(self._agent(user), unit, state)
            sup = origin or code(self._agent(trig), unit, state) or self._pronoun_owner(trig, unit, state)
            if not sup and self._passive(trig):
                # "Ukraine was supplied with tanks by Germany and Poland": the parse hangs "by" on the item
                for t in self._item_preps(item, ("by",)):
                    sup = sup or code(t, unit, state)
            if not sup and self._passive(trig) and not self._preps(trig, ("by",)):
                sup = self._item_origin(item, unit)  # "Iranian drones were sent to Russia", "howitzers made in Korea"
            for t in self._preps(trig, ("to", "for", "into")) + self._object_to(trig, item):
                rec = rec or code(t, unit, state)
            if not rec and trig.dep_ in ("acl", "relcl") and self._won_from(trig.head) is not None:
                # "Hanwha secured a contract from Romania to supply howitzers": who awards it receives
                rec = [c for c in code(self._won_from(trig.head), unit, state) if c not in sup]
            if not rec and trig.lemma_.lower() in MAKE_VERBS:
                for t in self._preps(item, ("for",)):  # "is building four corvettes for Pakistan"
                    rec = rec or [c for c in code(t, unit, state) if c not in sup]
            dative = next((c for c in trig.children if c.dep_ == "dative" and c.pos_ != "ADP"), None)
            rec = rec or code(dative, unit, state)
            if dative is not None and dative.lower_ == "it" and set(rec) <= set(sup):  # "Russia will sell it jets"
                rec = [c for c in self._referent(dative, unit, state) if c not in sup]
            own_obj = next((c for c in trig.children if c.dep_ == "dobj" and item in c.subtree), None)
            if not rec and own_obj is not None:
                # "Washington has sent Kyiv over 30 Abrams tanks", "handed Ukraine dozens of tanks": the
                # parser makes both objects dobj; the first names the recipient
                first_obj = next((c for c in trig.children if c.dep_ == "dobj" and c.i < own_obj.left_edge.i), None)
                rec = [c for c in code(first_obj, unit, state) if c not in sup]
            rec = rec or [c for c in used_by if c not in sup]
            obj = next((c for c in trig.children if c.dep_ == "dobj"), None)
            first = obj.left_edge if obj is not None else None
            if (not rec and first is not None and first.i == trig.i + 1 and first.dep_ in ("compound", "nmod")
                    and first.pos_ == "PROPN" and first.i in unit.tok_actor):
                # "will give Israel bunker-buster bombs", "gifted Ukraine 14 tanks": the parse hangs the
                # recipient onto the object as a compound or a noun modifier
                rec = [c for c in code(first, unit, state) if c not in sup]
            if not rec and item.dep_ == "pobj" and item.head.lower_ == "with":
                armed = next((c for c in trig.children if c.dep_ == "dobj"), None)
                rec = code(armed, unit, state)
                if armed is not None and armed.lower_ == "it" and set(rec) <= set(sup):
                    # "Vietnam wants jets. Russia agreed to supply it with 12 Su-30s": "it" is the state before
                    rec = [c for c in self._referent(armed, unit, state) if c not in sup]
            if not rec and trig.dep_ == "xcomp" and trig.head.lemma_.lower() in ASKERS:
                # "Kyiv called on Berlin to supply Taurus missiles": who asks is who would receive
                asker = next((c for c in trig.head.children if c.dep_ == "nsubj"), None)
                rec = [c for c in code(asker, unit, state) if c not in sup]
            if not rec and self._passive(trig):
                subj = next((c for c in trig.children if c.dep_ == "nsubjpass"), None)
                if subj is not None and subj.i != item.i:
                    rec = code(subj, unit, state)
        elif kind == "thank":
            # "Kyiv thanked Berlin for the Patriots": who is thanked gave them, who thanks received them
            giver = self._thanked(next(c for c in trig.children if c.dep_ == "prep" and c.lower_ == "for"))
            rec = code(self._agent(trig), unit, state)
            sup = [c for c in code(giver, unit, state) if c not in rec]
            return sup, rec
        elif kind == "use":
            # "allowed Ukraine to use US missiles": the user (or who is let use them) received them
            letter = next((v for v in (trig.head, *trig.head.children) if v.i < trig.i and v.pos_ == "VERB"
                           and v.lemma_.lower() in LETTERS | ASKERS), None)
            let = next((c for c in letter.children if c.dep_ == "dobj"), None) if letter is not None else None
            # "the decision to authorise Ukraine to use ATACMS": the parse may hang "use" beside "authorise"
            rec = code(let, unit, state) if let is not None else code(self._agent(trig), unit, state)
            sup = [c for c in self._item_origin(item, unit) if c not in rec]
            return sup, rec
        elif kind == "arm":
            sup = code(self._agent(trig), unit, state)
            armed = next((c for c in trig.children if c.dep_ == ("nsubjpass" if self._passive(trig) else "dobj")), None)
            if armed is not None and (armed.lemma_.lower() in load_weapon_heads().heads
                                      or self.lexicon.find(armed.text)):
                return [], []  # "the drones can be equipped with missiles": a fit-out, not a transfer
            rec = code(armed, unit, state)
            if armed is not None and armed.lower_ in ("itself", "themselves"):
                # "accused Pristina of arming itself with Turkish drones": the doer receives, the maker gives
                rec, sup = sup, []
            if not sup:  # "Serbia's army is equipped with Russian-made weapons"
                sup = [c for c in self._item_origin(item, unit) if c not in rec]
        elif kind == "take":
            rec = code(self._agent(trig), unit, state) or self._group_named_before(self._agent(trig), unit)
            rec = rec or [c for c in self._pronoun_owner(trig, unit, state) if c not in sup]
            if not rec and self._passive(trig):
                rec = self._noun_owner(item, unit, state)  # "most of India's weapons are imported from Russia"
            for t in self._preps(item, ("from",)) + self._froms(trig, item) + self._item_preps(item, ("from",)):
                sup = sup or code(t, unit, state)
            sup = sup or self._sent_by(item, unit, state)
            deals = [trig.head] if trig.dep_ in ("acl", "relcl") else [
                c for c in trig.head.children if c.dep_ == "dobj"] if trig.dep_ in ("advcl", "xcomp") else []
            for deal in deals:
                if deal.lemma_.lower() in DEAL_NOUNS | TALK_NOUNS:
                    # "signed a deal with France to buy Rafale jets" ("with" on the deal or on "signed");
                    # "is in talks with China to acquire J-10C fighters"
                    for t in self._preps(deal, ("with",)) + self._preps(deal.head, ("with",)):
                        sup = sup or code(t, unit, state)
            asked = trig.head if trig.dep_ == "acl" and trig.head.lemma_.lower() in REQUEST_NOUNS else None
            if asked is not None and asked.dep_ == "dobj" and asked.head.lemma_.lower() in ACCEPT:
                # "Washington accepted Nairobi's request to purchase helicopters"
                sup = sup or code(self._agent(asked.head), unit, state)
            if not sup and trig.dep_ == "xcomp" and trig.head.lemma_.lower() in LETTERS | APPROVE:
                # "Washington cleared Kosovo to buy Javelins": who lets the buyer buy sells
                sup = [c for c in code(next((c for c in trig.head.children if c.dep_ == "nsubj"), None), unit, state)
                       if c not in rec]
            if not sup and trig.lemma_.lower() in ("ask", "request", "urge", "petition", "press"):
                sup = code(next((c for c in trig.children if c.dep_ == "dobj"), None), unit, state)
        elif kind == "deal-noun" and self._won_from(trig) is not None:
            # "Rheinmetall won an order from Hungary for vehicles": who wins the order sells, who awards it buys
            rec = code(self._won_from(trig), unit, state)
            sup = [c for c in code(self._agent(trig.head), unit, state) if c not in rec]
        elif kind == "deal-noun":
            verb = trig.head if trig.dep_ == "dobj" else None
            rec = self._noun_owner(trig, unit, state) or (code(self._agent(verb), unit, state) if verb is not None else [])
            for t in self._preps(trig, ("with",)) + (self._preps(verb, ("with",)) if verb is not None else []):
                sup = sup or code(t, unit, state)
            if not sup and trig.dep_ == "dobj":
                # "Manila signed a contract for two corvettes from South Korea": the seller sits on the item
                for t in self._item_preps(item, ("from",)):
                    sup = sup or [c for c in code(t, unit, state) if c not in rec]
            if trig.dep_ in ("nsubj", "nsubjpass"):
                # "the deal covers 180 tanks for Poland from South Korea": the parties sit on the items
                for t in self._item_preps(item, ("for", "to")):
                    rec = rec or code(t, unit, state)
                for t in self._item_preps(item, ("from",)):
                    sup = sup or [c for c in code(t, unit, state) if c not in rec]
        if kind in ("give", "arm") and (not rec or set(rec) <= set(sup)):
            rec = self._armed_group(trig, unit, state)
        if kind in ("give", "arrive") and not rec:
            rec = [c for c in self._ordered_by(item, unit, state) if c not in sup]
        if kind == "arrive":
            # "reached Russian troops in Ukraine": what is reached receives, before where
            for t in [c for c in trig.children if c.dep_ == "dobj"] + self._preps(trig, ("in", "at", "into", "to")):
                rec = rec or code(t, unit, state)
            carrier = self._carrier(item)
            if carrier is not None:  # "an Iranian plane loaded with drones": the carrier's state sends
                sup = [c for c in self._noun_owner(carrier, unit, state) or self._item_origin(carrier, unit)
                       if c not in rec]
            for t in self._preps(trig, ("from",)) + self._item_preps(item, ("from",)):
                sup = sup or code(t, unit, state)
            if trig.lemma_.lower() == "come":
                # "most of Serbia's weapons come from Russia": the owner received them; no "from", no transfer
                owner = self._noun_owner(item, unit, state)
                if not owner and item.dep_ == "pobj":  # "most of Serbia's weapons"
                    owner = self._noun_owner(item.head.head, unit, state)
                owner = [c for c in rec or owner if c not in sup]
                return (sup, owner) if sup and owner else ([], [])
            if sup and not rec:  # "India's first S-400 squadron arrives from Russia": the owner receives
                rec = [c for c in self._noun_owner(item, unit, state) if c not in sup]
            if (sup and not rec and trig.dep_ == "ccomp" and trig.head.pos_ == "VERB"
                    and trig.head.lemma_.lower() in SPEECH | SAY | {"confirm", "announce"}):
                # "Taiwan confirmed that the first tanks had arrived from the US": with no place named,
                # the party announcing the arrival received them
                rec = [c for c in code(self._agent(trig.head), unit, state) if c not in sup]
            sup = sup or self._noun_owner(item, unit, state)
        elif kind in ("give-noun", "take-noun"):
            owner = self._noun_owner(trig, unit, state)
            frm: list[str] = []
            for t in self._preps(trig, ("by", "from")):
                frm = frm or code(t, unit, state)
            to: list[str] = []
            for t in self._preps(trig, ("to", "for")) + [
                    p for of in self._preps(trig, ("of",)) for p in self._preps(of, ("to", "for"))]:
                to = to or code(t, unit, state)
            if not to and trig.dep_ in ("dobj", "pobj"):
                verb = trig.head if trig.dep_ == "dobj" else trig.head.head
                for t in self._preps(verb, ("to",)):
                    to = to or code(t, unit, state)
            for t in self._item_preps(item, ("from",)):
                frm = frm or code(t, unit, state)
            frm = frm or self._sent_by(item, unit, state)
            if not frm and trig.dep_ == "dobj" and kind == "take-noun":
                for t in self._preps(trig.head, ("from",)):  # "renewed its calls for Patriots from Germany"
                    frm = frm or code(t, unit, state)
            if kind == "give-noun" and trig.dep_ == "dobj" and trig.head.lemma_.lower() in ("take", "accept", "await", "expect"):
                kind = "take-noun"  # "Ukraine took delivery of howitzers": the subject receives
                owner = owner or code(self._agent(trig.head), unit, state)
            if (kind == "take-noun" and not owner and trig.dep_ == "dobj" and trig.head.lemma_.lower() in FUND_VERBS
                    and to):
                # "Washington will fund the purchase of HIMARS for Taiwan": the payer gives, "for" receives
                owner, frm = to, frm or [c for c in code(self._agent(trig.head), unit, state) if c not in to]
            if (kind == "take-noun" and not owner and trig.dep_ == "dobj"
                    and trig.head.lemma_.lower() not in APPROVE | BLOCK | DENY):
                owner = code(self._agent(trig.head), unit, state)  # "Kenya is negotiating the purchase of"
            if (kind == "take-noun" and not owner and frm and trig.dep_ == "dobj"
                    and trig.head.lemma_.lower() in APPROVE):
                # "Jakarta finalised an order for jets from Paris": with the seller named, who signs buys
                owner = [c for c in code(self._agent(trig.head), unit, state) if c not in frm]
            thanks = trig.head if trig.dep_ == "pobj" and trig.head.lower_ == "for" else None
            if kind == "give-noun" and not (owner or frm) and thanks is not None and self._thanked(thanks) is not None:
                # "thanked Norway for the delivery of NASAMS": the thanked party delivered to who thanks
                to = to or code(self._agent(thanks.head), unit, state)
                frm = [c for c in code(self._thanked(thanks), unit, state) if c not in to]
            if kind == "give-noun" and owner and frm and not to and not set(owner) & set(frm):
                sup, rec = frm, owner  # "India's S-400 deliveries from Russia": the owner receives what comes from
            elif kind == "give-noun":
                sup, rec = owner or frm, to
                if (not sup and trig.dep_ == "dobj" and trig.head.lemma_.lower() in LIGHT_VERBS | set(GIVE_VERBS) | FUND_VERBS
                        and trig.lemma_.lower() != "arrival"):  # "Serbia confirmed the arrival of": the receiver
                    sup = code(self._agent(trig.head), unit, state)
                if not sup:
                    # "the arms sale which the Biden administration announced": the relative clause's subject
                    for rel in (c for c in trig.children if c.dep_ in ("relcl", "acl")):
                        if rel.lemma_.lower() not in LIGHT_VERBS:
                            continue
                        for t in self._preps(rel, ("by",)):  # "the sale, approved by Washington,"
                            sup = sup or code(t, unit, state)
                        subj = next((c for c in rel.children if c.dep_ == "nsubj"
                                     and c.lower_ not in ("which", "that")), None)
                        sup = sup or code(subj, unit, state)
                if not rec:  # "arms exports worth 326 million euros to Israel": a "to" inside the phrase
                    for t in self._phrase_preps(trig, ("to",)):
                        rec = rec or [c for c in code(t, unit, state) if c not in sup]
                if not sup:  # "the arms support of the United States": an actor after "of" is the giver
                    for t in self._preps(trig, ("of",)):
                        if t.i != item.i and item.i not in {x.i for x in t.subtree}:
                            sup = sup or [c for c in code(t, unit, state) if c not in rec]
                if not rec:  # "the sale is for 280 missiles for Saudi Arabia"
                    for t in self._item_preps(item, ("to", "for")):
                        rec = rec or [c for c in code(t, unit, state) if c not in sup]
                if not rec and trig.dep_ == "dobj" and trig.head.lemma_.lower() in GIVE_VERBS:
                    # "provided military assistance worth $2bn to Taiwan, including Stingers"
                    for t in self._object_to(trig.head, trig):
                        rec = rec or code(t, unit, state)
                    rec = [c for c in rec if c not in sup]
                if (not sup and trig.dep_ == "pobj" and trig.head.head.pos_ == "VERB"
                        and (trig.head.head.lemma_.lower() in LIGHT_VERBS
                             or (trig.head.lower_ == "through" and trig.head.head.lemma_.lower() in ("push", "rush")))):
                    # "pushed through an emergency sale of tank shells to Israel": who pushes it through sells
                    sup = code(self._agent(trig.head.head), unit, state)  # "signed off on the sale of"
                amount = trig.head.head if trig.dep_ == "pobj" and trig.head.lower_ in ("in", "of") else None
                if (not sup and amount is not None and amount.dep_ == "dobj"
                        and (amount.pos_ == "NUM" or amount.lemma_.lower() in OF_NOUNS or amount.text[:1].isdigit())
                        and amount.head.lemma_.lower() in LIGHT_VERBS | set(GIVE_VERBS) | PLAN):
                    # "announced $500 million in military aid for Kyiv": who announces the amount gives it
                    sup = [c for c in code(self._agent(amount.head), unit, state) if c not in rec]
                pact = trig.head.head if trig.dep_ == "pobj" and trig.head.lower_ in ("for", "on", "of") else None
                if (not sup and pact is not None and pact.lemma_.lower() in DEAL_NOUNS | set(CONTRACT_NOUNS)
                        and pact.dep_ == "dobj" and pact.head.lemma_.lower() in LIGHT_VERBS):
                    # "Ankara and Doha signed an agreement for the sale of tanks to Qatar": the signer
                    # that is not the recipient sells
                    for t in self._preps(pact.head, ("to",)) if not rec else []:
                        rec = rec or code(t, unit, state)
                    sup = [c for c in code(self._agent(pact.head), unit, state) if c not in rec]
            else:
                rec, sup = owner, frm
                if not rec and trig.dep_ == "pobj" and trig.head.lower_ in ("for", "on"):
                    rec, sup = self._purchase_with(trig.head.head, unit, state, sup)
            if trig.lemma_.lower() == "arrival" and not rec:
                # "Kyiv awaits the arrival of Patriots from Germany", "their arrival in Kyiv"
                for t in self._preps(trig, ("in", "at", "to")) + self._preps(item, ("in", "to")):
                    rec = rec or code(t, unit, state)  # the parse may hang "in Poland" on the item
                if not rec and trig.dep_ == "dobj":
                    rec = [c for c in code(self._agent(trig.head), unit, state) if c not in sup]
            if not rec and trig.dep_ in ("nsubj", "nsubjpass"):
                for t in self._preps(trig.head, ("in", "at", "to", "into")):
                    rec = rec or code(t, unit, state)
                if trig.head.lemma_.lower() in ARRIVE_VERBS and not self._incursion(trig.head):
                    # "a shipment of guns from Belarus reached Venezuela"
                    for t in (c for c in trig.head.children if c.dep_ == "dobj"):
                        rec = rec or [c for c in code(t, unit, state) if c not in sup]
            if not sup and trig.dep_ == "nsubjpass" and trig.head.lemma_.lower() in GIVE_VERBS:
                for t in self._preps(trig.head, ("by",)):  # "the shipments were sent by Bulgaria to Ukraine"
                    sup = sup or [c for c in code(t, unit, state) if c not in rec]
        if kind in ("give-agent", "take-agent"):
            # "China is the main supplier of weapons to Pakistan", "Algeria is Russia's largest arms client"
            said_of = code(_predicate_subject(trig), unit, state)
            owner = self._noun_owner(trig, unit, state)
            other: list[str] = []
            copula = [trig.head] if trig.dep_ == "attr" else []  # "Israel has been a major arms supplier to Azerbaijan"
            for t in self._preps(trig, ("to", "for", "from")) + self._item_preps(item, ("to", "for", "from")) + [
                    p for v in copula for p in self._preps(v, ("to", "for", "from"))]:
                other = other or code(t, unit, state)
            sup, rec = (said_of, other or owner) if kind == "give-agent" else (other or owner, said_of)
        if not sup and kind in ("take", "arrive", "take-noun", "give-noun", "deal-noun", "take-agent"):
            # "Azerbaijan bought Israeli drones", "Iranian-made drones arrived": the maker's state sells
            sup = [c for c in self._item_origin(item, unit) if c not in rec]
        return sup, rec

    def _purchase_with(self, holder: Token, unit: Unit, state: ArticleState,
                       sup: list[str]) -> tuple[list[str], list[str]]:
        """(recipient, supplier) of "signed contracts with India for the purchase of launchers", "is
        negotiating with Seoul for the acquisition of", "in talks with Moscow for the purchase of": the
        party that signs or talks buys from the one it deals "with". `holder` is the word "for"/"on"
        hangs on: the signing or talking verb, or the deal or talks noun."""
        if holder.pos_ in ("VERB", "AUX"):
            verb, pacts = holder, [c for c in holder.children if c.dep_ == "dobj"]
        elif holder.lemma_.lower() in DEAL_NOUNS | set(CONTRACT_NOUNS) | TALK_NOUNS or holder.lower_ in TALK_NOUNS:
            pacts = [holder]
            verb = holder.head if holder.dep_ == "dobj" else holder.head.head if holder.dep_ == "pobj" else holder
        else:
            return [], sup
        dealt = any(p.lemma_.lower() in DEAL_NOUNS | set(CONTRACT_NOUNS) | TALK_NOUNS or p.lower_ in TALK_NOUNS
                    for p in pacts)
        if not dealt and verb.lemma_.lower() not in REQUEST | {"talk", "agree"}:
            return [], sup  # "paid for the purchase of": no deal named
        seller = list(sup)
        # "signed contracts worth $400 million with France": the parse may hang "with" on the amount
        for t in [p for n in (verb, *pacts) for p in self._preps(n, ("with",))] + [
                p for n in pacts for p in self._phrase_preps(n, ("with",))]:
            seller = seller or self._codes(t, unit, state)
        buyer = [c for c in self._codes(self._agent(verb), unit, state) if c not in seller]
        return (buyer, seller) if seller and buyer else ([], sup)

    @staticmethod
    def _item_origin(item: Token, unit: Unit) -> list[str]:
        """Actors named as the item's own modifiers ("Israeli drones", "Chinese-made jets", "US Stingers")."""
        found: list[str] = []
        first: Token | None = None
        for t in item.subtree:
            if t.i >= item.i or t.i not in unit.tok_actor:
                continue
            node, ok = t, True
            while node.i != item.i:
                if node.dep_ not in ("amod", "compound", "nmod", "npadvmod", "punct") or node.head.i == node.i:
                    ok = False
                    break
                node = node.head
            if ok and unit.tok_actor[t.i] not in found:
                found.append(unit.tok_actor[t.i])
                first = first or t
        if first is not None:
            # "Israeli and Turkish drones": each state of the conjoined modifiers made some of them
            also = [unit.tok_actor[c.i] for c in first.conjuncts if c.i in unit.tok_actor and c.i < item.i]
            return list(dict.fromkeys([found[0], *also]))
        if not found:
            # "the howitzers, which were made in South Korea": a clause of making names the maker's state
            for clause in (c for c in item.children if c.dep_ in ("acl", "relcl")):
                lemma = clause.lemma_.lower()
                # "frigates built by South Korea", "the tanks, supplied by Germany,": the maker or the giver
                wanted = ("in", "by") if lemma in MAKE_VERBS else ("by",) if lemma in GIVE_VERBS else ()
                for prep in (c for c in clause.children if c.dep_ in ("prep", "agent") and c.lower_ in wanted):
                    found += [unit.tok_actor[p.i] for p in prep.children if p.dep_ == "pobj" and p.i in unit.tok_actor]
        if not found:
            # "Kenya bought Elbit drones": a maker named on the item sells from its home state
            names = [t for t in item.subtree if t.i < item.i and t.pos_ == "PROPN" and t.dep_ in ("compound", "nmod")]
            home = maker_state(item.doc[names[0].i:names[-1].i + 1].text) if names else None
            found = [home] if home else []
        return found[:1]

    def _armed_group(self, trig: Token, unit: Unit, state: ArticleState) -> list[str]:
        """Arms for rebels are coded to the state they fight in (issue 15, 3.1): the place named on the
        group ("separatists in Balochistan"), else the state that accuses the supplier of arming them
        ("Mali accused Niger of sending guns to the rebels in its north" -> Niger to Mali)."""
        group = next((t for t in trig.subtree if t.i > trig.i and t.i not in unit.tok_actor and (
            (t.lemma_.lower() in ARMED_GROUPS and t.pos_ in ("NOUN", "PROPN"))
            or (t.lemma_.lower() == "group" and any(c.lower_ in ("the", "this", "that") for c in t.children)))),
                     None)
        if group is None:
            return []
        for t in self._preps(group, ("in",)) + self._preps(trig, ("in",)):
            found = self._codes(t, unit, state)
            if found:
                return found
        node = trig
        for _ in range(5):
            if node.head.i == node.i:
                break
            node = node.head
            if node.lemma_.lower() in ALLEGE and node.pos_ in ("VERB", "NOUN"):
                subj = next((c for c in node.children if c.dep_ in ("nsubj", "poss")), None)
                return self._codes(subj, unit, state)
        return self._group_named_before(group, unit)

    @staticmethod
    def _group_named_before(noun: Token | None, unit: Unit) -> list[str]:
        """"The Houthis fired at ships. Iran supplied the rebels with drones": "the rebels", "the group"
        is the armed group the paragraph named last, coded to the state it fights in (issue 15, 3.1)."""
        if noun is None or noun.i in unit.tok_actor or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "these", "that", "those") for c in noun.children):
            return []
        if noun.lemma_.lower() not in ARMED_GROUPS | {"group"}:
            return []
        named = next((i for i in range(noun.i - 1, -1, -1) if i in unit.groups and i in unit.tok_actor), None)
        return [unit.tok_actor[named]] if named is not None else []

    def _pronoun_owner(self, clause: Token, unit: Unit, state: ArticleState) -> list[str]:
        """"displayed the missiles it received": a pronoun subject of the item's clause is the subject
        of the verb that governs the item."""
        subj = next((c for c in clause.children if c.dep_ == "nsubj"), None)
        if clause.dep_ != "relcl" or subj is None or subj.lower_ not in ("it", "they", "we"):
            return []
        main = clause.head.head if clause.head.dep_ in ("dobj", "nsubj", "pobj") else None
        while main is not None and main.pos_ == "ADP":
            main = main.head
        if main is None or main.pos_ not in ("VERB", "AUX"):
            return []
        return self._codes(self._agent(main), unit, state)

    def _ordered_by(self, item: Token, unit: Unit, state: ArticleState) -> list[str]:
        """"the Rafale jets ordered by Serbia": a taking participle on the item names the recipient."""
        for child in item.children:
            if child.dep_ in ("acl", "relcl") and child.tag_ == "VBN" and self._cue(child) == "take":
                for t in self._preps(child, ("by",)):
                    found = self._codes(t, unit, state)
                    if found:
                        return found
        return []

    def _sent_by(self, item: Token, unit: Unit, state: ArticleState) -> list[str]:
        """"howitzers sent by France": a transfer participle on the item names the supplier."""
        for child in item.children:
            if child.dep_ == "acl" and self._cue(child) == "give":
                for t in self._preps(child, ("by", "from")):
                    found = self._codes(t, unit, state)
                    if found:
                        return found
        return []

    @staticmethod
    def _phrase_preps(noun: Token, preps: Iterable[str]) -> list[Token]:
        """Objects of `preps` anywhere in a noun's phrase, not inside a clause: "exports worth $5m to Israel"."""
        wanted = set(preps)
        out: list[Token] = []
        for tok in noun.subtree:
            if tok.dep_ != "prep" or tok.lower_ not in wanted or tok.i < noun.i:
                continue
            node, ok = tok.head, True
            while node.i != noun.i:
                if node.pos_ in ("VERB", "AUX") or node.dep_ in ("relcl", "acl", "ccomp") or node.head.i == node.i:
                    ok = False
                    break
                node = node.head
            if ok:
                out += [c for c in tok.children if c.dep_ == "pobj"]
        return out

    def _object_to(self, trig: Token, item: Token) -> list[Token]:
        """"delivered detonators, as well as shells to the Israeli army": a "to" anywhere in the object."""
        out = self._preps(item, ("to",))
        obj = next((c for c in trig.children if c.dep_ == "dobj"), item)
        # "sold K9 howitzers worth $2.3 billion to Warsaw": the parse may hang "to" on the price
        priced = [t for c in trig.children if c.dep_ == "prep" and c.lower_ in ("worth", "for", "at")
                  for t in c.subtree]
        for tok in [*obj.subtree, *priced]:
            if tok.dep_ == "prep" and tok.lower_ == "to" and tok.head.pos_ in ("NOUN", "PROPN", "NUM", "ADJ", "ADP"):
                out += [c for c in tok.children if c.dep_ == "pobj" and c not in out]
        return out

    def _noun_owner(self, noun: Token, unit: Unit, state: ArticleState) -> list[str]:
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ in ("compound", "amod", "nmod") and child.i in unit.tok_actor):
                return self._codes(child, unit, state)
        return []

    # -- status -----------------------------------------------------------------------------

    def status(self, trig: Token, kind: str, parties: set[str], unit: Unit,
               state: ArticleState) -> StatusCue:
        """The status cue from the transfer word and what governs it."""
        lemma = trig.lemma_.lower()
        table = {"give": GIVE_VERBS, "arm": ARM_VERBS, "take": TAKE_VERBS, "arrive": ARRIVE_VERBS,
                 "give-noun": GIVE_NOUNS, "take-noun": TAKE_NOUNS, "deal-noun": CONTRACT_NOUNS}.get(kind, {})
        key = lemma if lemma in table else trig.lower_.rstrip("s")
        # a deal noun with no row of its own ("won an order from") is a signed deal
        status: str | None = table.get(key, table.get("delivery" if key == "deliverie" else key,
                                                      "approved" if kind == "deal-noun" else "delivered"))
        if kind == "give" and lemma in MAKE_VERBS and trig.tag_ not in ("VBD", "VBN"):
            status = "planned"  # "is building corvettes for Pakistan": not handed over yet
        if (status == "delivered" and trig.dep_ == "xcomp"
                and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in trig.head.children)):
            status = "planned"  # "Ukraine has yet to receive the Taurus missiles": not arrived
        strong = kind not in ("give-noun", "take-noun", "use", "thank") and (
            trig.tag_ in ("VBD", "VBN") or any(c.dep_ == "aux" for c in trig.children))
        alleged, alleged_by, said_by = False, None, None
        if any(c.dep_ == "neg" for c in trig.children):
            modal = any((c.dep_ == "aux" and c.tag_ == "MD") or c.lower_ in FUTURE_AUX for c in trig.children)
            if trig.dep_ == "ccomp" and trig.head.lemma_.lower() in SPEECH | SPEECH_EXTRA and not modal:
                return StatusCue("denied", True, True,  # "Tehran said it had not supplied drones"
                                 denied_by=self._denier(trig.head, unit, state))
            status = None  # "would not buy weapons from Russia": a refusal, no transfer
        elif any(c.lower_ in FUTURE_AUX or (c.dep_ == "aux" and c.lower_ == "going") for c in trig.children):
            status, strong = "planned", True
        elif (trig.dep_ == "ROOT" and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children)
              and STATUS_RANK.get(status or "", 0) > 1):
            status, strong = "planned", True  # a headline's "Japan to provide radars to Manila": what it will do
        elif ((trig.dep_ in ("acl", "relcl") or (trig.dep_ == "ccomp" and self._passive(trig)))
              and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children)
              and trig.head.lemma_.lower() not in DEAL_NOUNS | set(CONTRACT_NOUNS)
              and STATUS_RANK.get(status or "", 0) > 1):
            status, strong = "planned", True  # "250 tanks to be delivered by 2026": not yet done
        if status in ("planned", "requested") and any(
                p.lemma_.lower() in DEAL_NOUNS | set(CONTRACT_NOUNS) | {"accord", "pact"}
                for p in self._preps(trig, ("under",))):
            status, strong = "approved", True  # "Warsaw will buy 180 tanks under the agreement": a signed deal
        node = trig
        for _ in range(6):
            dep, head = node.dep_, node.head
            if head.i == node.i:
                break
            hl = _LEMMA_FIXES.get(head.lower_, head.lemma_.lower())
            if hl in FALSE_WORDS or head.lower_ in FALSE_WORDS or any(c.lower_ in FALSE_WORDS for c in head.children if c.dep_ == "amod"):
                return StatusCue("denied", True, True, denied_by=self._denier(head, unit, state))
            if hl in DENY | BLOCK and node.lemma_.lower() in REQUEST_NOUNS and dep in ("dobj", "nsubjpass"):
                return StatusCue("requested", True)  # "rejected Kyiv's request for ATACMS": asked, not denied
            if hl in DENY and dep in ("xcomp", "ccomp", "pcomp", "dobj", "pobj", "acl", "prep"):
                if node.i != trig.i and dep == "dobj" and node.lemma_.lower() not in ALLEGE | REPORTS:
                    return StatusCue(None, False)  # "dismissed the idea of sending tanks": a refusal
                return StatusCue("denied", True, True, denied_by=self._denier(head, unit, state))
            # "the sale was cancelled" undoes it; "the deliveries were delayed" does not
            if hl in BLOCK and (dep in ("xcomp", "dobj", "pobj", "prep", "pcomp") or (
                    dep == "nsubjpass" and hl not in ("delay", "pause"))) and not _counterfactual(head):
                opposer = self._codes(self._agent(head), unit, state) if hl == "oppose" and head.pos_ == "VERB" else []
                if not opposer or set(opposer) & parties:
                    return StatusCue(None, False)
                # "China opposes US arms sales to Taiwan": a third party's opposition stops nothing
            if dep == "xcomp" and hl in RELUCTANT:
                return StatusCue(None, False)  # "has been reluctant to send weapons": not sent
            if dep == "acl" and head.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
                return StatusCue(None, False)  # "had no plans to sell weapons"
            if dep == "pcomp" and head.lower_ == "against":
                return StatusCue(None, False)  # "warned Washington against supplying Tomahawks"
            if dep == "xcomp" and any(c.dep_ == "neg" for c in head.children) and hl not in DENY:
                return StatusCue(None, False)  # "we were not going to sell weapons", "did not agree to send"
            if status is None:
                break
            if hl in HEARSAY and dep == "xcomp" and self._passive(head):
                alleged = True  # "North Korea is believed to have shipped shells to Russia"
            elif hl in ALLEGE:
                speaker = self._agent(head) if head.pos_ in ("VERB", "AUX") else None
                code = self._codes(speaker, unit, state) if speaker is not None else []
                if not code or not set(code) & parties or hl in ACCUSE:
                    # an accusation stays one even from the recipient ("Sudan accused Chad of arming rebels")
                    alleged, alleged_by = True, alleged_by or (code[0] if code else None)
            elif (hl in SAY and dep in ("ccomp", "parataxis") and head.pos_ in ("VERB", "AUX")
                  and all(t.pos_ in ("VERB", "AUX") for t in self._path(trig, node))):
                # "The US says Iran has shipped missiles to Russia": a third party's word, not the outlet's
                speaker = self._agent(head)
                code = self._codes(speaker, unit, state) if speaker is not None else []
                if code and not set(code) & parties:
                    alleged, alleged_by = True, alleged_by or code[0]
                    said_by = code[0]
                elif not code and speaker is not None and (speaker.lemma_.lower() in HEARSAY_SOURCES or any(
                        c.dep_ in ("compound", "amod") and c.lemma_.lower() in HEARSAY_SOURCES | {"western", "foreign"}
                        for c in speaker.children)):  # "Western intelligence officials told reporters"
                    # "Western intelligence believes Iran has supplied missiles", "evidence suggests":
                    # a source the text names but does not vouch for (as with "according to officials")
                    alleged = True
            if (hl in CONTRACT_NOUNS and head.pos_ == "NOUN" and dep in ("acl", "prep")
                    and kind in ("give", "give-noun")
                    and (status == "delivered" or (status == "planned" and trig.lemma_.lower() in MAKE_VERBS))):
                # "won a contract to supply jets", "the contract for the delivery of 24 jets": what a
                # contract binds a party to is signed, not yet done (SCHEMA.md convention 5)
                status, strong = "approved", True
            if hl in ACCEPT and dep in ("dobj", "nsubjpass") and node.lemma_.lower() in REQUEST_NOUNS:
                status, strong = "approved", True  # "accepted the request to purchase", "the request was granted"
            elif hl in APPROVE and dep in ("dobj", "xcomp", "ccomp", "pobj", "prep"):
                status, strong = "approved", True
            elif hl in APPROVE and dep == "advcl" and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in DEAL_NOUNS | set(CONTRACT_NOUNS) for c in head.children):
                status, strong = "approved", True  # "signed a deal to acquire jets": a signed contract
            elif hl == "agree" and dep == "xcomp" and node.lemma_.lower() in SALE_VERBS:
                status, strong = "approved", True  # "Greece agreed to buy 20 jets": a deal is struck
            elif (hl in CONSIDER and dep in ("dobj", "xcomp", "pcomp") and head.pos_ == "VERB"
                  and STATUS_RANK.get(status or "", 0) > 1):
                status, strong = "planned", True  # "is considering the purchase of Rafale jets": not decided
            elif hl in ASKERS and dep == "xcomp" and kind in ("give", "arm") and head.pos_ == "VERB":
                status, strong = "requested", True  # "Kyiv urged Berlin to send Taurus missiles"
            elif hl in PLAN and dep in ("xcomp", "acl", "pcomp", "prep", "pobj", "ccomp") and not (
                    hl == "announce" and dep == "ccomp") and STATUS_RANK.get(status, 0) > 0:
                status, strong = "planned", True
            elif (hl in REQUEST and dep in ("xcomp", "dobj", "pobj", "prep", "pcomp", "acl")
                  and kind in ("take", "take-noun")):
                status, strong = "requested", True
            elif dep in ("advcl", "xcomp") and kind == "take" and any(
                    p.lemma_.lower() in TALK_NOUNS or p.lower_ in TALK_NOUNS for p in self._preps(head, ("in",))):
                status, strong = "requested", True  # "India is in talks with Moscow to buy S-400s"
            if (hl == "be" and dep == "xcomp" and node.i == trig.i and head.pos_ == "AUX"
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.children)
                    and STATUS_RANK.get(status or "", 0) > 1):
                status, strong = "planned", True  # "France is to deliver 12 jets by 2029": a schedule
            if any(c.lower_ in FUTURE_AUX for c in head.children if c.dep_ == "aux") and (
                    dep in ("xcomp", "conj") or (dep in ("nsubj", "nsubjpass") and node.i == trig.i)):
                status, strong = "planned", True  # "the deliveries will start in summer"
            node = head
        if (kind == "give-noun" and status == "planned" and trig.dep_ == "nsubj"
                and trig.head.lemma_.lower() in ARRIVE_VERBS and trig.head.tag_ == "VBD"):
            status, strong = "delivered", True  # "Norway's gift of missiles arrived in April": handed over
        if kind == "use" and status is not None:
            status, strong = "delivered", False  # what a party uses, it has: "the decision to let Kyiv use ATACMS"
        verbs = [trig] + ([trig.head] if trig.dep_ in ("xcomp", "conj") else [])
        if status is not None and any(c.dep_ == "advmod" and c.lower_ in HEDGES for v in verbs for c in v.children):
            alleged = True  # "Russia has reportedly delivered jets to Iran": the text does not vouch for it
        root = trig
        while root.head.i != root.i:
            root = root.head  # the sentence root, without Token.sent (it re-splits the doc)
        ancestors = {a.i for a in trig.ancestors}
        if status is not None and not alleged and any(
                v.pos_ == "VERB" and v.lemma_.lower() in DENY and v.i > trig.i and v.i not in ancestors
                and not any(n.dep_ == "neg" for n in v.children)
                and any(t.pos_ == "NOUN" and (t.lemma_.lower() in ALLEGE | REPORTS or t.lower_ in ALLEGE | REPORTS)
                        and not any(c.dep_ == "prep" for c in t.children)  # "denied reports of casualties"
                        for t in v.subtree)
                for v in root.subtree):
            alleged = True  # "the UAE is arming the RSF, a charge Abu Dhabi denies": one party's word
        for child in root.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                # "according to a UN panel" alleges; "according to the newspaper" is the outlet's own report
                for pobj in (p for t in child.children if t.lower_ == "to" for p in t.children if p.dep_ == "pobj"):
                    by = next(iter(c for c in self._codes(pobj, unit, state) if c not in parties), None)
                    if by is not None:
                        alleged, alleged_by = True, alleged_by or by
                    elif pobj.lemma_.lower() in INFORMANTS:
                        alleged = True  # "according to Western officials": a party's word, not the outlet's
        return StatusCue(status, strong, False, alleged, alleged_by, said_by=said_by)

    @staticmethod
    def _path(low: Token, high: Token) -> list[Token]:
        """`low` and its heads up to `high`: a claim is asserted only through verbs, not a noun's presupposition."""
        path = [low]
        while path[-1].i != high.i and path[-1].head.i != path[-1].i:
            path.append(path[-1].head)
        return path

    def _denier(self, node: Token, unit: Unit, state: ArticleState) -> str | None:
        """Who a denial comes from: the subject of the denying or speaking verb above `node`."""
        for _ in range(6):
            if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in DENY | SPEECH | SPEECH_EXTRA:
                codes = self._codes(self._agent(node), unit, state)
                if codes:
                    return codes[0]
            if node.head.i == node.i:
                break
            node = node.head
        return None

    # -- quantity and value -----------------------------------------------------------------

    @staticmethod
    def _count_of(noun: Token, skip: Span, names: frozenset[int] = frozenset()) -> int | None:
        left = [t for t in noun.subtree if t.i < noun.i and t.dep_ in ("nummod", "quantmod", "compound", "amod")
                and t.head.i <= noun.i and (t.head == noun or t.head.dep_ in ("compound", "amod", "nmod") or (
                    # "36 FA-50 light attack aircraft": the count hangs on the designation
                    t.head.dep_ == "nummod" and DESIGNATION.fullmatch(t.head.text) is not None
                    and t.ent_type_ != "MONEY"))]
        for child in left:
            if skip.start <= child.i < skip.end or child.i in names:
                continue  # the "2" of "Leopard 2" names the model, it counts nothing
            if child.i + 1 < len(child.doc) and child.nbor(1).lower_ in ("mm", "millimetre", "millimeter"):
                continue  # "155 mm" is a calibre
            after = [t.lower_ for t in child.doc[child.i + 1:child.i + 3]]
            if after and after[0] in ("-", "‐", "‑") and len(after) > 1 and after[1] in MASS_UNITS | {"lb", "mm"}:
                continue  # "2,000-pound bombs" weigh 2,000 pounds each
            if child.dep_ in ("nummod", "quantmod") or (child.like_num and child.dep_ in ("compound", "amod")):
                words = [t.text for t in child.subtree]
                n = parse_count(words)
                if n is not None:
                    return n
        return None

    def quantity(self, mention: WeaponMention, names: frozenset[int] = frozenset()) -> tuple[int | None, int]:
        """(count, rank): the number on the system, its unit noun, or a container ("2 million rounds of")."""
        named = mention.weapon
        candidates: list[tuple[Token, int]] = [(mention.root, 1)]
        if mention.unit_noun is not None:
            unit_word = mention.unit_noun.lower_
            rank = 1 if (unit_word in FILLER_UNITS or mention.weapon.generic
                         or _class_words(unit_word) <= _class_words(named.cls)) else 2
            candidates.append((mention.unit_noun, rank))
        top = mention.unit_noun or mention.root
        if top.dep_ == "pobj" and top.head.lower_ == "of":
            # "received the first of six Pantsirs", "the first two of 96 Apaches": this transfer is the portion
            portion = top.head.head
            if portion.lower_ in ("first", "last") and portion.pos_ in ("ADJ", "NOUN"):
                return 1, 1
            if portion.pos_ == "NUM" and any(c.lower_ in ("first", "last", "initial") for c in portion.children):
                n = parse_count([portion.text])
                if n is not None:
                    return n, 1
        portion_of = self._first_n_of_m(top)
        if portion_of is not None:
            return portion_of[0], 1  # "delivered the first six of 19 F-16s", parsed as one number phrase
        if (top.dep_ == "pobj" and top.head.lower_ == "of" and top.head.head.lower_ in CONTAINERS
                and top.head.head.lemma_.lower() not in MASS_UNITS):
            candidates.append((top.head.head, 1))  # "300 tonnes of ammunition" weighs, it counts nothing
        for tok, rank in candidates:
            n = self._count_of(tok, mention.span, names)
            if n is not None:
                return n, rank
        return None, 1

    # -- one sentence -----------------------------------------------------------------------

    @staticmethod
    def _more(noun: Token) -> bool:
        """Does a count mark a further tranche: "four more launchers", "another 20 tanks", "30 additional
        jets"? Not "more than 50 tanks" (a hedge before the number)."""
        nums = [c for c in noun.children if c.dep_ == "nummod"]
        if not nums:
            return False
        if any(c.lower_ == "another" for c in noun.children if c.dep_ == "det"):
            return True
        return any(t.lower_ in ("more", "additional", "further", "extra") and t.i > n.i
                   for n in nums for t in (*n.subtree, *(c for c in noun.children if c.dep_ == "amod")))

    @staticmethod
    def _first_n_of_m(noun: Token) -> tuple[int, int] | None:
        """(N, M) of "the first N of M jets" when the parse makes it one number phrase on the noun."""
        for num in (c for c in noun.children if c.dep_ == "nummod"):
            words = [t for t in num.subtree]
            low = [t.lower_ for t in words]
            if "of" not in low or not any(w in ("first", "initial") for w in low):
                continue
            k = low.index("of")
            before = [t.text for t in words[:k] if t.like_num]
            after = [t.text for t in words[k + 1:] if t.like_num]
            n, m = parse_count(before[-1:]) if before else None, parse_count(after[:1]) if after else None
            if n is not None and m is not None and n < m:
                return n, m
        return None

    def _whole_order(self, mention: WeaponMention, names: frozenset[int] = frozenset()) -> int | None:
        """M of "the first (N) of M systems": the count of the order a delivered portion comes from.

        Not "the last of M": with the last one in, the whole order is delivered, no order is left open.
        """
        top = mention.unit_noun or mention.root
        portion_of = self._first_n_of_m(top)
        if portion_of is not None:
            return portion_of[1]
        if top.dep_ != "pobj" or top.head.lower_ != "of":
            return None
        portion = top.head.head
        if not (portion.lower_ == "first" or (
                portion.pos_ == "NUM" and any(c.lower_ in ("first", "initial") for c in portion.children))):
            return None
        for tok in (top, mention.root):
            n = self._count_of(tok, mention.span, names)
            if n is not None:
                return n
        return None

    def sentence_claims(self, sent: Span, unit: Unit, state: ArticleState, events: Sequence[Event],
                        order: int, matches: Sequence[tuple[int, int, Weapon]], text: str) -> list[Claim]:
        """The claims of one sentence: one per weapon mention and (supplier, recipient) pair."""
        mentions = self.mentions(sent, matches, text, unit.tok_actor)
        if not mentions:
            return []
        # tokens of a named system's name: never a count of another mention ("ordered Leopard 2 tanks")
        self._names = frozenset(t.i for m in mentions if not m.weapon.generic for t in m.span)
        self._actor_tokens = frozenset(unit.tok_actor)
        by_root = {m.root.i: m for m in mentions if m.weapon.generic}
        by_root.update({m.unit_noun.i: m for m in mentions if m.unit_noun is not None})
        by_root.update({m.root.i: m for m in mentions})
        start = unit.offset + sent.start_char
        evidence = text[sent.start_char:sent.end_char]
        money = find_money(evidence)
        aid = [e for e in events if e.type == "AID" and not e.negated and e.start == start]
        claims: list[Claim] = []
        for m in mentions:
            found = self.trigger(m, by_root)
            if found is None:
                continue
            trig, kind = found
            item = m.unit_noun or m.root
            if kind == "include":
                claims.append(self._claim(m, None, None, StatusCue("delivered", False), start, evidence,
                                          order, elaborates=-1))
                continue
            nothing = any(c.dep_ == "det" and c.lower_ in ("no", "any") for t in (item, trig) for c in t.children)
            if kind == "give" and (self._deployment(item) or self._drill(trig)):
                # "NATO sent troops and tanks to Estonia", "sent bombers to Venezuela for exercises":
                # forces deployed, not arms handed over
                continue
            sup, rec = self.parties(trig, kind, item, unit, state)
            coded = [e for e in aid if e.trigger == trig.text]
            # the coder's AID events on the same word fill what the frame left open
            # a self-dyad names no other party; the state that made the item ("Chinese drones") is not who got it
            made_in = set(self._item_origin(item, unit))
            coded = [e for e in coded if e.source != e.target and e.target not in made_in - set(rec)]
            if coded and not sup:
                sup = list(dict.fromkeys(e.source for e in coded if not rec or e.target in rec))
            if coded and not rec:
                rec = list(dict.fromkeys(e.target for e in coded if e.source in sup))
            own = next((c for c in item.children if c.dep_ == "relcl" and self._cue(c) in ("give", "take")), None)
            if own is not None and own.i != trig.i and not (sup and rec):
                # "the howitzers that Seoul sold to Warsaw are being delivered": the item's own clause names them
                own_sup, own_rec = self.parties(own, self._cue(own) or "give", item, unit, state)
                sup = sup or [c for c in own_sup if c not in rec]
                rec = rec or [c for c in own_rec if c not in sup]
            status = self.status(trig, kind, set(sup) | set(rec), unit, state)
            if status.status is None and own is not None and not nothing:
                # "has not received the Rafales it ordered from France", "is yet to deliver the tanks it
                # promised": the item's own clause states the order or the pledge the main verb leaves undone
                main, trig, kind = trig, own, self._cue(own) or "give"
                sup, rec = self.parties(trig, kind, item, unit, state)
                # "the jets it ordered": the clause's pronoun is the main clause's subject
                doer = [c for c in self._codes(self._agent(main), unit, state) if c not in sup + rec]
                if kind == "take" and not rec:
                    rec = doer
                elif kind == "give" and not sup:
                    sup = doer
                status = self.status(trig, kind, set(sup) | set(rec), unit, state)
            if status.status is None or (nothing and not status.denied):
                # "received no new Patriots", "any delivery of Taurus would cross a red line"; a denial
                # of "any" weapons is still the denied record ("denied sending any weapons to Russia")
                continue
            value = None
            clause = trig
            for _ in range(3):
                if clause.pos_ in ("VERB", "AUX") or clause.head.i == clause.i:
                    break
                clause = clause.head
            inside = {t.idx for t in clause.subtree}
            near = [mo for mo in money if any(sent.start_char + mo[0] <= i < sent.start_char + mo[1] for i in inside)]
            if not near and len(money) == 1 and self._prices_a_deal(sent, money[0]):
                near = money  # "signed a $75Mln deal with Moscow to buy ...": the sentence's one amount
            package = None
            if near:
                anchor = m.span.start_char - sent.start_char
                amount = min(near, key=lambda mo: abs(mo[0] - anchor))
                value, package = amount[2], start + amount[0]
            participle = self._participle(item)
            if participle is not None and participle.dep_ == "amod" and participle.i != trig.i and status.status:
                # "add four launchers to the already provided HIMARS": the participle dates this system
                base = GIVE_VERBS.get(participle.lemma_.lower()) or TAKE_VERBS.get(participle.lemma_.lower())
                status = status._replace(status=base or status.status, strong=participle.tag_ == "VBN")
            anaphoric = kind in ("give-noun", "take-noun", "deal-noun") and any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trig.children)
            # a priced deal, or "the sale", may name its parties earlier
            pairs = [(s, r) for s in (sup or [None]) for r in (rec or [None])  # type: ignore[list-item]
                     if s != r or (s is None and (value is not None or anaphoric))]
            for s, r in pairs:
                claim = self._claim(m, s, r, status, start, evidence, order)
                claim.value, claim.package, claim.trigger = value, package, trig.i
                claim.anaphoric = anaphoric
                claim.more = self._more(item)
                claims.append(claim)
                total = self._whole_order(m, self._names)
                if total is not None and claim.status == "delivered" and not (claim.denied or claim.alleged):
                    # "received the first two of 48 K9 howitzers": a delivered portion of an order of 48
                    claims.append(replace(claim, quantity=total, quantity_rank=1, status="approved",
                                          strong=False, whole=True))
        # one party lost to the parse: a sibling claim of the same transfer word has it
        # ("sent hundreds of Shahed-136 drones to Moscow" hangs "to Moscow" on "drones" only)
        for i, c in enumerate(claims):
            sibs = [o for o in claims if o is not c and o.supplier and o.recipient and o.trigger == c.trigger
                    and o.trigger >= 0 and (o.supplier == c.supplier or o.recipient == c.recipient)]
            if sibs and not (c.supplier and c.recipient):
                claims[i] = replace(c, supplier=sibs[0].supplier, recipient=sibs[0].recipient)
        # a listed generic gives way to what it lists ("equipment including Harpoon missiles")
        return [c for c in claims if not (c.weapon.generic and self._elaborated(c, mentions))]

    def _prices_a_deal(self, sent: Span, money: tuple[int, int, float]) -> bool:
        """Does an amount outside the transfer's clause price a deal ("a $75Mln deal", "worth $2bn")
        and not something else ("public debt exceeded $31 trillion")?"""
        span = sent.doc.char_span(sent.start_char + money[0], sent.start_char + money[1], alignment_mode="expand")
        if span is None:
            return False
        tok = span.root
        for _ in range(4):
            if tok.pos_ not in ("NUM", "SYM") and tok.i not in range(span.start, span.end):
                break
            if tok.head.i == tok.i:
                return False
            tok = tok.head
        lemma = tok.lemma_.lower()
        return (self._cue(tok) is not None or lemma in DEAL_NOUNS or lemma in PRICE_WORDS
                or lemma in CONTRACT_NOUNS or tok.lemma_.lower() in ("pay", "spend", "cost", "fund"))

    @staticmethod
    def _deployment(item: Token) -> bool:
        """Is the item sent beside troops ("sent troops and tanks", "tanks and soldiers")?"""
        group = [item, *item.conjuncts]
        return any(t.lemma_.lower() in DEPLOYED or t.lower_ in DEPLOYED for t in group)

    @staticmethod
    def _drill(verb: Token) -> bool:
        """Is the sending for an exercise, a patrol or air policing ("sent jets to Romania for NATO air
        policing", "sent bombers to Venezuela for joint exercises")? The sender's own forces move."""
        purposes = [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"
                    for p in c.children if p.dep_ == "pobj"]
        purposes += [p for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.lemma_.lower() in (
            "take", "join", "participate", "conduct", "hold") for p in c.subtree if p.dep_ in ("dobj", "pobj")]
        return any(p.lemma_.lower() in DRILLS or p.lower_ in DRILLS for p in purposes)

    @staticmethod
    def _elaborated(claim: Claim, mentions: Sequence[WeaponMention]) -> bool:
        return any(m.elaborated and m.weapon is claim.weapon and m.text == claim.system for m in mentions)

    def _claim(self, m: WeaponMention, sup: str | None, rec: str | None,
               status: StatusCue, start: int, evidence: str, order: int,
               elaborates: int | None = None) -> Claim:
        qty, rank = self.quantity(m, self._names)
        system = as_written(m.text) if m.weapon.generic else named_system(m.weapon, m.text)
        return Claim(weapon=m.weapon, system=system, supplier=sup, recipient=rec, status=status.status,
                     strong=status.strong, quantity=qty, quantity_rank=rank, value=None, evidence=evidence,
                     start=start, end=start + len(evidence), order=order, explicit=bool(sup and rec),
                     denied=status.denied, alleged=status.alleged, alleged_by=status.alleged_by,
                     elaborates=elaborates, denied_by=status.denied_by, said_by=status.said_by, written=_with_acronym(m, name_as_written(m.weapon, m.text)))

    # -- the article ------------------------------------------------------------------------

    def extract(self, article: Article, units: Sequence[Unit], events: Sequence[Event]) -> list[ArmsTransfer]:
        state = ArticleState()
        # The pronoun state moves on with every sentence, but only a claim or a denial reads it: the updates wait
        # here and run, in order, just before one does (most articles name no weapon: none run). Issue 17.
        pending: list[tuple[Span | None, Unit]] = []  # None: the unit's last sentence

        def current() -> ArticleState:
            for sent, at in pending:
                self.coder.update_state(sent if sent is not None else at.doc[len(at.doc) - 1].sent, at, state)
            pending.clear()
            return state

        claims: list[Claim] = []
        denials: list[tuple[int, str, int, int, str]] = []
        order = 0
        for unit in units:
            # match the lexicon once per paragraph; most sentences name no weapon and cost nothing more
            doc = unit.doc
            # the paragraph's text, cut from the article: Doc.text would join every token again
            size = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
            text = article.text[unit.offset:unit.offset + size]
            found = self.lexicon.find(text)
            if not found and not _head_words().search(text) and not _HYPHENATED.search(text):
                # no weapon here: only the pronoun state moves on (its last sentence sets it), and a
                # denial of what came just before is kept ("The Kremlin denied the claim")
                if claims and _DENIAL_WORDS.search(text):
                    for k, sent in enumerate(unit.sents):
                        denials += self._denial(sent, unit, current(), order + k, text)
                if len(doc):
                    pending.append((None, unit))
                order += max(1, int((doc.to_array("SENT_START") == 1).sum()))
                continue
            for sent in unit.sents:
                if claims and _DENIAL_WORDS.search(text, sent.start_char, sent.end_char):
                    denials += self._denial(sent, unit, current(), order, text)
                here = [f for f in found if sent.start_char <= f[0] < sent.end_char]
                if (here or _head_words().search(text, sent.start_char, sent.end_char)
                        or _HYPHENATED.search(text, sent.start_char, sent.end_char)):
                    claims += self.sentence_claims(sent, unit, current(), events, order, here, text)
                pending.append((sent, unit))
                order += 1
        resolved = resolve_elaboration(fill_parties(claims), events, article.text)
        return merge(under_contract(spread_package(disputed(resolved, denials))))

    def _denial(self, sent: Span, unit: Unit, state: ArticleState, order: int,
                text: str) -> list[tuple[int, str, int, int, str]]:
        """(order, denier, start, end, evidence) of a sentence where a party denies what was said before:
        "The Kremlin denied the claim", "Tehran has repeatedly denied this", "Pyongyang called the reports
        absurd" (issue 15, 3.8: a denial beside a claim sets `disputed_by`)."""
        out: list[tuple[int, str, int, int, str]] = []
        for tok in sent:
            lemma = tok.lemma_.lower()
            if tok.pos_ != "VERB" or any(c.dep_ == "neg" for c in tok.children):
                continue
            objs = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
            if lemma in DENY:
                ok = any(o.lemma_.lower() in REPORTS | ALLEGE or o.lower_ in ("this", "it", "that", "them", "these")
                         for o in objs)
            elif lemma == "call":
                ok = any(o.lemma_.lower() in REPORTS | ALLEGE for o in objs) and any(
                    t.lower_ in FALSE_WORDS | DISMISSIVE for c in tok.children if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp")
                    for t in c.subtree)
            else:
                continue
            if not ok:
                continue
            denier = self._codes(self._agent(tok), unit, state)
            if denier:
                start = unit.offset + sent.start_char
                out.append((order, denier[0], start, start + len(sent.text),
                            text[sent.start_char:sent.end_char]))
        return out


#: An AID event's status as the stage of the transfer a list after it details.
_AID_STAGE = {"reported": "delivered", "planned": "planned", "claimed": "delivered"}


def resolve_elaboration(claims: list[Claim], events: Sequence[Event] = (), text: str = "") -> list[Claim]:
    """"Russia armed Serbia with weapons. These include MiG-29 jets": the list takes the dyad, the generic goes.
    With no transfer of a weapon just before, the AID the sentence before states ("The Pentagon unveiled a
    new aid package for Kyiv. It includes Stingers") gives the dyad."""
    out: list[Claim] = []
    dropped: set[int] = set()
    aid = [e for e in events if e.type == "AID" and not e.negated and e.source and e.target]
    for c in claims:
        if c.elaborates is None:
            out.append(c)
            continue
        near = [p for p in out if c.order - 2 <= p.order <= c.order and p.supplier and p.recipient]
        prev = [p for p in near if p.weapon.catch_all] or near
        if not prev:
            before = [e for e in aid if e.end <= c.start and not text[e.end:c.start].strip()]
            if before and before[-1].status in _AID_STAGE:
                e = before[-1]
                # a package or pledge the list details is not handed over yet ("The package includes")
                stage = "planned" if c.status == "planned" else _AID_STAGE[e.status]
                out.append(replace(c, supplier=e.source, recipient=e.target, status=stage,
                                   strong=False, explicit=False, elaborates=None))
            continue
        src = prev[-1]
        if src.weapon.catch_all:
            dropped.add(id(src))  # "weapons. These include X": the list replaces the generic
        # the listed systems are the priced package's: they share its amount and where it is written
        value, package = (c.value, c.package) if c.value is not None else (src.value, src.package)
        out.append(replace(c, supplier=src.supplier, recipient=src.recipient, status=src.status,
                           strong=src.strong, denied=src.denied, alleged=src.alleged, explicit=False,
                           elaborates=None, value=value, package=package))
    return [c for c in out if id(c) not in dropped]


def disputed(claims: list[Claim], denials: Sequence[tuple[int, str, int, int, str]]) -> list[Claim]:
    """A party's denial in one of the next two sentences disputes the transfers just told: each gets a
    denying claim, so the record stays `alleged` and names who disputes it (SCHEMA.md convention 5)."""
    out = list(claims)
    for order, denier, start, end, evidence in denials:
        before = [c for c in claims if 0 < order - c.order <= 2 and not c.denied
                  and denier in (c.supplier, c.recipient)]
        last = max((c.order for c in before), default=None)
        for c in (c for c in before if c.order == last):
            out.append(replace(c, denied=True, denied_by=denier, status=None, strong=False, explicit=False,
                               evidence=evidence, start=start, end=end, order=order, quantity=None, value=None,
                               package=None, alleged=False, alleged_by=None))
    return out


def under_contract(claims: list[Claim]) -> list[Claim]:
    """A planned transfer between two parties whose weapons deal the article reports signed or approved is
    `approved` (SCHEMA.md convention 5: a signed contract, nothing delivered; `planned` is an intention
    *without* approval or contract): "Serbia signs weapons deal with Elbit ... Serbia will buy drones".

    Only a catch-all deal ("a weapons deal", "the arms sale") covers the systems named with it; a deal
    for one system says nothing of another.
    """
    deals = {(c.supplier, c.recipient) for c in claims if c.weapon.catch_all and c.status == "approved"
             and c.strong and not c.denied and c.supplier and c.recipient}
    if not deals:
        return claims
    return [replace(c, status="approved") if c.status == "planned" and (c.supplier, c.recipient) in deals else c
            for c in claims]


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def spread_package(claims: list[Claim]) -> list[Claim]:
    """"X will buy weapons for $1.6bn. It will buy drones and radars": the systems listed right after a
    priced catch-all transfer of the same dyad belong to that package and carry its value (issue 15, 3.8).
    The package offset stays one, so a sum counts the amount once."""
    out = list(claims)
    for i, c in enumerate(out):
        if c.value is not None or c.weapon.catch_all or not (c.supplier and c.recipient):
            continue
        lead = [p for p in out[:i] if p.weapon.catch_all and p.value is not None and 0 < c.order - p.order <= 2
                and (p.supplier, p.recipient) == (c.supplier, c.recipient)]
        if lead and set(_YEAR.findall(c.evidence)) <= set(_YEAR.findall(lead[-1].evidence)):
            # a year the lead does not name starts another deal ("In 2023, Hungary ordered ...")
            out[i] = replace(c, value=lead[-1].value, package=lead[-1].package)
    return out


def _with_acronym(m: WeaponMention, written: str) -> str:
    """"Army Tactical Missile System (ATACMS)": the acronym the text gives in brackets stays with the name,
    so the record holds both the spelled-out name and the short one a reader looks for."""
    doc, end = m.span.doc, m.span.end
    if end + 2 < len(doc) and doc[end].text == "(" and doc[end + 2].text == ")":
        short = doc[end + 1].text.strip("“”\"'")
        if len(short) >= 2 and short.rstrip("s").isupper() and short.rstrip("s") not in written:
            return f"{written} ({short})"
    return written


def _counterfactual(verb: Token) -> bool:
    """"a resolution which would have blocked the sale": the block did not happen."""
    aux = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    return "have" in aux and bool(aux & {"would", "could", "might"})


def fill_parties(claims: list[Claim]) -> list[Claim]:
    """A sentence naming one party ("Serbia also seeks S-300s") takes the other from the transfer before it;
    one naming neither takes both from an earlier transfer at the same price ("The $650 million sale is for
    280 missiles" after "a $650 million arms sale to Saudi Arabia")."""
    out: list[Claim] = []
    for c in claims:
        if c.elaborates is not None or (c.supplier and c.recipient):
            out.append(c)
            continue
        done = [p for p in out if p.supplier and p.recipient]
        if c.supplier is None and c.recipient is None:
            priced = [p for p in done if c.value is not None and p.value == c.value]
            # "... a $650m arms sale to Riyadh. The sale is for 280 missiles": the sale just before
            priced = priced or [p for p in done if c.anaphoric and 0 < c.order - p.order <= 2]
            if priced:
                out.append(replace(c, supplier=priced[-1].supplier, recipient=priced[-1].recipient, explicit=False,
                                   value=c.value if c.value is not None else priced[-1].value,
                                   package=c.package if c.value is not None else priced[-1].package))
            elif c.anaphoric:
                # "The Pentagon unveiled an aid package for Kyiv. The package includes Stingers": no weapon
                # before, so the AID the sentence before states gives the dyad (resolve_elaboration)
                out.append(replace(c, elaborates=-1))
            continue
        if c.supplier is None and c.recipient is not None:
            same = [p for p in done if p.recipient == c.recipient]
            fit = [p for p in same if _same_system(c, p)]
            origin = c.weapon.origin if c.weapon.origin != c.recipient else None
            if origin is not None and not fit:
                # a supplier the article names later for the same system beats the maker's state
                fit = [p for p in claims if p.supplier and p.recipient == c.recipient and p.weapon is c.weapon]
            pick = (fit or ([] if origin else same))[-1:]
            if pick:
                out.append(_own_word(replace(c, supplier=pick[0].supplier, explicit=False)))
            elif origin is not None:
                # "Serbia bought nine Wing Loong drones": a named system comes from the state that makes it
                out.append(_own_word(replace(c, supplier=origin, explicit=False)))
        elif c.recipient is None and c.supplier is not None:
            same = [p for p in done if p.supplier == c.supplier]
            near = [p for p in done if c.order - p.order <= 2]
            pick = (same or near)[-1:]
            if pick and pick[0].recipient != c.supplier:
                out.append(_own_word(replace(c, recipient=pick[0].recipient, explicit=False)))
    return out


def _own_word(c: Claim) -> Claim:
    """A speaker that turns out to be a party confirms the transfer, it does not allege it:
    "Ukraine has received 100 Leopard 1 tanks, Germany's defence ministry said" (Germany supplies)."""
    if c.alleged and c.said_by is not None and c.said_by in (c.supplier, c.recipient):
        return replace(c, alleged=False, alleged_by=None)
    return c


def _same_system(a: Claim, b: Claim) -> bool:
    if not a.weapon.generic and not b.weapon.generic:
        return a.weapon is b.weapon
    if a.weapon.generic and b.weapon.generic:
        na, nb = _norm_generic(a.system), _norm_generic(b.system)
        # "ballistic missiles" and "close-range ballistic missiles" of one dyad are one transfer
        return a.weapon.catch_all or b.weapon.catch_all or na == nb or na.endswith(" " + nb) or nb.endswith(" " + na)
    gen, named = (a, b) if a.weapon.generic else (b, a)
    return compatible(gen.weapon, named.weapon)


@dataclass
class _Group:
    claims: list[Claim]

    @property
    def head(self) -> Claim:
        return self.claims[0]


def merge(claims: list[Claim]) -> list[ArmsTransfer]:
    """One record per (supplier, recipient, system); class nouns fold into a named system of the dyad."""
    groups: list[_Group] = []
    named = [c for c in claims if not c.weapon.generic]
    generic = [c for c in claims if c.weapon.generic]
    for c in named:
        g = next((g for g in groups if (g.head.supplier, g.head.recipient) == (c.supplier, c.recipient)
                  and g.head.weapon is c.weapon and g.head.system == c.system and _same_deal(c, g)
                  and g.head.whole == c.whole and g.head.more == c.more), None)
        if g is None:
            groups.append(_Group([c]))
        else:
            g.claims.append(c)
    specific = [c for c in generic if not _is_catch_all(c)]
    for c in [*specific, *[c for c in generic if _is_catch_all(c)]]:
        dyad = [g for g in groups if (g.head.supplier, g.head.recipient) == (c.supplier, c.recipient)
                and _same_deal(c, g)]
        if c.more and c.quantity is not None and not _is_catch_all(c):
            # "sent sixteen HIMARS ... will add four more launchers": a further tranche of the named system
            base = next((g for g in dyad if not g.head.weapon.generic and not g.head.more
                         and _same_system(c, g.head)), None)
            if base is not None:
                tranche = replace(c, weapon=base.head.weapon, system=base.head.system, written=base.head.written)
                g = next((g for g in dyad if g.head.more and g.head.weapon is base.head.weapon), None)
                if g is None:
                    groups.append(_Group([tranche]))
                else:
                    g.claims.append(tranche)
                continue
        g = next((g for g in dyad if _same_system(c, g.head) and g.head.more == c.more), None)
        if _is_catch_all(c) and dyad:
            g = dyad[0] if not _another_stage(c, dyad[0]) else None
            if c.denied or c.alleged:
                # "reports of arms exports to X are false": the denial covers every system of the dyad
                for other in dyad[1:]:
                    other.claims.append(replace(c, status=None, quantity=None, value=None, explicit=False))
        if g is None:
            groups.append(_Group([c]))
        else:
            g.claims.append(c)
    out = [_record(g) for g in groups]
    return sorted(out, key=lambda a: a.start)


def _another_stage(c: Claim, group: _Group) -> bool:
    """A catch-all told in its own sentence at another stage is another transfer ("has been providing
    weapons to Taiwan for years" beside "approved a $500m arms sale to Taiwan"), not a part of the first."""
    return (c.explicit and c.strong and c.status is not None and not (c.denied or c.alleged)
            and all(o.order != c.order for o in group.claims)
            and merged_status(group.claims) != c.status)


def _same_deal(c: Claim, group: _Group) -> bool:
    """Claims priced at two different amounts are two deals ("a $300m contract in 2020, a second
    $150m one in 2022"): one record each, never one record with the first price."""
    priced = next((g.value for g in group.claims if g.value is not None), None)
    return c.value is None or priced is None or c.value == priced


def _is_catch_all(c: Claim) -> bool:
    return c.weapon.catch_all or c.system.lower() in ("ammunition", "munitions", "ammo")


def _record(group: _Group) -> ArmsTransfer:
    claims = sorted(group.claims, key=lambda c: c.order)
    head = next((c for c in claims if not c.weapon.generic),
                next((c for c in claims if not _is_catch_all(c)), claims[0]))
    own = [c for c in claims if c.weapon is head.weapon]
    best = next((c for c in own if c.explicit), next((c for c in claims if c.explicit), own[0]))
    qty = next((c.quantity for c in claims if c.quantity is not None and c.quantity_rank == 1), None)
    if qty is None:
        qty = next((c.quantity for c in claims if c.quantity is not None), None)
    valued = next((c for c in claims if c.value is not None), None)
    # a denial beside a claim: the record stays alleged and names who disputes it (issue 15, 3.8)
    asserted = any(not c.denied for c in claims)
    dispute = next((c for c in claims if c.denied and c.denied_by and asserted), None)
    return ArmsTransfer(
        supplier=head.supplier or "", recipient=head.recipient or "", system=head.system,
        status=merged_status(claims), evidence=best.evidence, start=best.start, end=best.end,
        quantity=qty, value_usd=valued.value if valued else None, weapon_class=head.weapon.cls,
        written=head.written or None, package=valued.package if valued else None,
        attributed_to=next((c.alleged_by for c in claims if c.alleged_by and not c.denied), None),
        disputed_by=dispute.denied_by if dispute is not None else None,
        dispute_evidence=dispute.evidence if dispute is not None else None,
    )


def merged_status(claims: Sequence[Claim]) -> str:
    """SCHEMA.md convention 5 over every sentence about one transfer.

    One party's assertion is `alleged`, also when another party denies it; `denied`
    only when the article reports nothing but the denial; otherwise the furthest
    stage an explicit cue reaches (delivered > approved > planned > requested).
    """
    denied = [c for c in claims if c.denied]
    asserted = [c for c in claims if not c.denied]
    if not asserted:
        return "denied"
    if denied or any(c.alleged for c in asserted):
        return "alleged"
    staged = [c for c in asserted if c.status is not None] or asserted
    pool = [c for c in staged if c.strong] or staged
    return max((c.status or "delivered" for c in pool), key=lambda s: STATUS_RANK.get(s, 3))


@lru_cache(maxsize=1)
def _extractor() -> ArmsExtractor:
    return ArmsExtractor()


def extract_arms(
    article: Article, units: Sequence[Unit], mentions: Sequence[Mention], people: PersonTable,
    events: Sequence[Event],
) -> list[ArmsTransfer]:
    """Weapon transfers: supplier, recipient, system, quantity, value, status."""
    return _extractor().extract(article, units, events)

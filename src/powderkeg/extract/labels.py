"""Labels: loaded or contested terms ("breakaway region", "Kiev regime") and the actor each describes.

Why raw-text patterns and not the parse: a label can sit in a paragraph the
gate never sent to the parser, and the terms are short fixed phrases that a
regex over the folded text finds cheaply. The lexicon is data
(`data/labels.csv`, SCHEMA.md convention 7); its small pattern language is
described in that file's header. The parse, where there is one, only gives
sentence boundaries for the evidence.

One `Label` per (target, term) per article, with the sentence of the occurrence
kept as evidence (every occurrence would be cheap, but the Label record and
the output contract hold one per line and the scorer counts duplicates as
false positives). A term contained in another of the same target ("the
regime" in "Zionist regime") is the same label, not a second one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from powderkeg.errors import DataFileError
from powderkeg.extract.actors import fold
from powderkeg.extract.events import RECOGNISE, Unit
from powderkeg.extract.people import PersonTable, first_word_states, known_index, person_key, role_words
from powderkeg.extract.quotes import load_cues, state_media
from powderkeg.lexicons import data_path, read_rows
from powderkeg.models import Article, Event, Label, Mention

ROLES = frozenset({"self", "place", "agent", "ignore"})
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")
_SLOT = re.compile(r"<(actor|other|word|name|quoted|named|qname)>|@([a-z]+)")
_LITERAL = re.compile(r"^[\w'.-]+$")
#: Opening and closing marks of a scare quote.
_OPEN = "'\"‘“"
_CLOSE = "'\"’”"
#: Words stripped from the front of a matched term: the label is the phrase, not its determiner.
_LEADING = re.compile(r"(?:(?:the|this|that|these|those|a|an|in|of|from|into|across|throughout|to|inside|within)\s+)+")
#: Event types whose source is the side a term such as "invaders" or "aggressor" points at.
_ATTACKS = frozenset({"ASSAULT", "COERCE", "THREATEN"})
#: Head nouns that denote an armed group: the nearest group mention is what they describe.
GROUP_HEADS = frozenset({
    "group", "groups", "militia", "militias", "organisation", "organization", "movement", "gang", "gangs",
    "network", "cell", "cells", "outfit", "outfits", "fighters", "militants", "proxies", "proxy", "mercenaries", "mercenary",
    "terrorists", "separatists", "rebels", "hirelings",
})
_SENT_END = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")


def _is_word_char(ch: str) -> bool:
    """What the regex `\\w` matches in a str pattern."""
    return ch.isalnum() or ch == "_"


@dataclass(frozen=True)
class LabelRule:
    """One lexicon row, compiled once; `<actor>` slots match the article's masked actor spans."""

    pattern: str
    role: str
    targets: tuple[str, ...]
    quoted: bool
    regex: re.Pattern[str]  # the row without its leading word boundary: use `matches`
    slots: tuple[tuple[str, str], ...]  # (group name, "actor" | "other" | "name")
    anchors: tuple[str, ...]  # folded literal words, one of which must occur in the text
    line: int

    def matches(self, text: str) -> Iterator[re.Match[str]]:
        """The rule's matches in `text` (folded, or masked when it has slots), left to right.

        The same as finditer with `(?<![\\w-])` in front of the regex. Why the boundary is
        checked here: a regex that starts with a lookbehind cannot skip ahead to its
        first letters, so it was tried at every character of every article.
        """
        pos = 0
        while (m := self.regex.search(text, pos)) is not None:
            start = m.start()
            if start > 0 and (_is_word_char(text[start - 1]) or text[start - 1] == "-"):
                pos = start + 1
                continue
            yield m
            pos = max(m.end(), start + 1)  # a rule always matches at least one word


#: In the masked text every actor occurrence is \x01 then \x02s (same length), so an `<actor>`
#: slot is one fixed regex: the rules compile once, not once per article's set of names.
_MASK_SLOT = "\x01\x02*"


class _PatternError(ValueError):
    """A lexicon pattern that does not parse (reported by the loader as a DataFileError)."""


def _word_regex(word: str) -> str:
    """A literal word: hyphens also match a space or nothing, apostrophes any apostrophe."""
    folded = fold(word)
    out = []
    for ch in folded:
        if ch == "-":
            out.append(r"[-\s]?")
        elif ch == "'":
            out.append("'")
        else:
            out.append(re.escape(ch))
    return "".join(out)


class _Compiler:
    """Turns one row's pattern into a regex (recursive descent over words, groups and slots)."""

    def __init__(self, pattern: str, sets: dict[str, tuple[str, list[str]]]) -> None:
        self.src = pattern
        self.sets = sets
        self.slots: list[tuple[str, str]] = []
        self.anchors: list[str] = []
        self.item_anchors: list[list[str]] = []  # literals of each required top-level item
        self.pos = 0

    def compile(self) -> str:
        regex = self._sequence(top=True)
        if self.pos != len(self.src):
            raise _PatternError(f"unexpected {self.src[self.pos]!r} at column {self.pos + 1}")
        return regex

    def _sequence(self, top: bool = False) -> str:
        """Items separated by spaces; an optional item takes its separator with it.

        At the top level "a|b" is a choice of one word; inside a group "|" separates phrases.
        """
        items: list[tuple[str, str]] = []  # (regex, word | optional | not)
        while self.pos < len(self.src):
            ch = self.src[self.pos]
            if ch == " ":
                self.pos += 1
                continue
            if ch in ")]|" and not top:
                break
            if ch in ")]|":
                raise _PatternError(f"unbalanced {ch!r} at column {self.pos + 1}")
            mark = len(self.anchors)
            items.append(self._item(top))
            if top and items[-1][1] == "word" and len(self.anchors) > mark:
                self.item_anchors.append(self.anchors[mark:])
        if not items:
            raise _PatternError("empty pattern or group")
        first = next((i for i, (_, kind) in enumerate(items) if kind == "word"), None)
        if first is None or any(kind == "not" for _, kind in items[:first]):
            raise _PatternError("a pattern or group needs a word that is not optional before any '!'")
        out = "".join(rf"(?:{regex}\s+)?" for regex, _ in items[:first]) + items[first][0]
        for regex, kind in items[first + 1 :]:
            out += {"word": rf"\s+{regex}", "optional": rf"(?:\s+{regex})?", "not": regex}[kind]
        return out

    def _item(self, top: bool) -> tuple[str, str]:
        ch = self.src[self.pos]
        if ch in "([":
            close = ")" if ch == "(" else "]"
            self.pos += 1
            alts = [self._sequence()]
            while self.pos < len(self.src) and self.src[self.pos] == "|":
                self.pos += 1
                alts.append(self._sequence())
            if self.pos >= len(self.src) or self.src[self.pos] != close:
                raise _PatternError(f"missing {close!r}")
            self.pos += 1
            return "(?:" + "|".join(alts) + ")", "optional" if close == "]" else "word"
        if ch == "!":
            end = self.pos + 1
            while end < len(self.src) and self.src[end] not in " ()[]|":
                end += 1
            word = self.src[self.pos + 1 : end]
            if not _LITERAL.match(word):
                raise _PatternError(f"bad word after '!': {word!r}")
            self.pos = end
            return rf"(?!\s+{_word_regex(word)}(?![\w-]))", "not"
        end = self.pos
        stops = " ()[]" if top else " ()[]|"
        while end < len(self.src) and self.src[end] not in stops:
            end += 1
        token = self.src[self.pos : end]
        self.pos = end
        return "(?:" + "|".join(self._alternative(alt) for alt in token.split("|")) + ")", "word"

    def _alternative(self, alt: str) -> str:
        """One word of a `a|b` token; it may hold slots ("<actor>-backed") or be a set ("@office")."""
        if not alt:
            raise _PatternError("empty alternative in 'a|b'")
        out, pos = [], 0
        for m in _SLOT.finditer(alt):
            literal = alt[pos : m.start()]
            if pos and literal.startswith("-"):
                out.append("-")  # "<actor>-occupied": the hyphen is required ("Russia occupied" is a verb)
                literal = literal[1:]
            out.append(self._literal(literal))
            if m.group(1) == "word":
                out.append(r"[a-z][a-z'-]*")
            elif m.group(1) == "quoted":
                # a word or two in scare quotes before a head: "the “puppet” military", "the 'fascist' government"
                name = f"q{len(self.slots)}"
                self.slots.append((name, "quoted"))
                out.append(rf"(?P<{name}>[\"“‘'][a-z][a-z-]*(?:\s+[a-z][a-z-]*)?[\"”’'])")
            elif m.group(1) == "qname":
                # a name in quotes that is no actor mention: the so-called “NKR”, the so-called “Artsakh Republic”
                name = f"q{len(self.slots)}"
                self.slots.append((name, "qname"))
                out.append(rf"(?P<{name}>[\"“‘'][a-z0-9][\w'-]*(?:\s+[\w'-]+){{0,3}}[\"”’'])")
            elif m.group(1) == "name":
                # a capitalised word that is no actor mention: a leader's name ("the Assad regime")
                name = f"n{len(self.slots)}"
                self.slots.append((name, "name"))
                out.append(rf"(?P<{name}>[a-z][a-z'-]*?)(?:'s)?")
            elif m.group(1):
                name = f"s{len(self.slots)}"
                self.slots.append((name, m.group(1)))
                # "a puppet of the United States": an actor's article is not part of its name
                out.append(rf"(?:the\s+)?(?P<{name}>{_MASK_SLOT})(?:'s)?")
            else:
                if m.group(2) not in self.sets:
                    raise _PatternError(f"unknown word set @{m.group(2)}")
                out.append(self.sets[m.group(2)][0])
                self.anchors.extend(self.sets[m.group(2)][1])
            pos = m.end()
        literal = alt[pos:]
        if pos and literal.startswith("-"):
            out.append("-")
            literal = literal[1:]
        out.append(self._literal(literal))
        return "".join(out)

    def _literal(self, text: str) -> str:
        if not text:
            return ""
        if not _LITERAL.match(text):
            raise _PatternError(f"bad word {text!r}")
        self.anchors.append(max(re.split(r"[-']", fold(text)), key=len))
        return _word_regex(text)


def _set_regex(words: str) -> tuple[str, list[str]]:
    """A word set: alternatives, longest first so "security forces" beats "forces"; and its anchors."""
    alts = sorted((w.strip() for w in words.split("|") if w.strip()), key=len, reverse=True)
    regex = "(?:" + "|".join(r"\s+".join(_word_regex(w) for w in alt.split()) for alt in alts) + ")"
    return regex, [max(re.split(r"[-'\s]", fold(a)), key=len) for a in alts]


def _anchors(compiler: _Compiler) -> tuple[str, ...]:
    """The words of the rule's most telling required item: one must occur for the rule to be tried.

    Why: most rows never match an article, and a substring test is far cheaper than the regex.
    """
    best = max(compiler.item_anchors, key=lambda words: min(map(len, words)), default=compiler.anchors)
    return tuple(a for a in best if a)


@lru_cache(maxsize=4)
def load_label_rules(path: Path | None = None) -> tuple[LabelRule, ...]:
    """labels.csv compiled; a malformed row raises DataFileError naming the file and line."""
    path = path or data_path("labels.csv")
    sets: dict[str, tuple[str, list[str]]] = {}
    rules: list[LabelRule] = []
    for lineno, row in read_rows(path, ("pattern", "role")):
        pattern = row["pattern"]
        if row["role"] == "set" or (pattern.startswith("@") and " " not in pattern):  # "@stigma @polity" is a rule
            if row["role"] != "set" or not row.get("target") or not pattern.startswith("@"):
                raise DataFileError(str(path), lineno, "a word set row needs role 'set' and its words in 'target'")
            sets[pattern[1:]] = _set_regex(row["target"])
            continue
        role = row["role"]
        if role not in ROLES:
            raise DataFileError(str(path), lineno, f"role must be one of {sorted(ROLES)}, not {role!r}")
        targets = tuple(t for t in row.get("target", "").split("|") if t)
        bad = [t for t in targets if not _CODE.match(t)]
        if bad:
            raise DataFileError(str(path), lineno, f"bad actor code {bad[0]!r}")
        quoted = row.get("quoted", "0") or "0"
        if quoted not in ("0", "1"):
            raise DataFileError(str(path), lineno, f"quoted must be 0 or 1, not {quoted!r}")
        compiler = _Compiler(pattern, sets)
        try:
            body = compiler.compile()
        except _PatternError as exc:
            raise DataFileError(str(path), lineno, f"bad pattern {pattern!r}: {exc}") from exc
        if not compiler.anchors:
            raise DataFileError(str(path), lineno, f"pattern {pattern!r} has no literal word")
        rules.append(LabelRule(
            pattern=pattern, role=role, targets=targets, quoted=quoted == "1",
            regex=re.compile(rf"{body}(?![\w-])"), slots=tuple(compiler.slots),
            anchors=_anchors(compiler), line=lineno,
        ))
    return tuple(rules)


# --- per-article matching -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Hit:
    """A lexicon match before its target is known."""

    start: int
    end: int
    rule: LabelRule
    slot_codes: tuple[tuple[str, str, int, int], ...]  # (kind, code, start, end) of filled slots


@dataclass(frozen=True)
class _Actor:
    """An actor occurrence in the text: a gazetteer mention or a named person."""

    start: int
    end: int
    code: str
    kind: str
    role: str = ""  # the gazetteer's role of a mention ("breakaway region")


def _whole_words(text: str, word: str) -> Iterator[int]:
    """Starts of a non-empty `word` in `text` with no word character on either side, left to right.

    The same matches as re.finditer(r"(?<!\\w)word(?!\\w)"), without a regex per name: each new
    name was compiled (pushing other patterns out of re's cache) and tried at every character.
    """
    start = text.find(word) if word else -1
    while start >= 0:
        end = start + len(word)
        if (start == 0 or not _is_word_char(text[start - 1])) and (end == len(text) or not _is_word_char(text[end])):
            yield start
            start = text.find(word, end)
        else:
            start = text.find(word, start + 1)


def _take(spans: list[_Actor], taken: set[tuple[int, int]], actor: _Actor) -> bool:
    """Add `actor` unless it starts or ends inside a span already taken; True when added."""
    if any(s <= actor.start < e or s < actor.end <= e for s, e in taken):
        return False
    taken.add((actor.start, actor.end))
    spans.append(actor)
    return True


def _actor_spans(text: str, folded: str, mentions: Sequence[Mention], people: PersonTable) -> list[_Actor]:
    """Gazetteer mentions plus every occurrence of a known person's name or surname (`folded`: fold(text))."""
    spans = [_Actor(m.start, m.end, m.code, m.kind, m.role or "") for m in mentions]
    taken = {(m.start, m.end) for m in mentions}
    for person in people.people:
        if not person.actor:
            continue
        names = {fold(person.name)}
        parts = fold(person.name).split()
        if len(parts) > 1 and len(parts[-1]) > 2:
            names.add(parts[-1])
        written = folded[person.start : person.end] if 0 <= person.start < person.end <= len(text) else ""
        if len(written) > 2 and written in parts:
            names.add(written)  # the name as the text writes it: "Yoon" of "Yoon Suk Yeol" (family name first)
        for name in sorted(names, key=len, reverse=True):
            for start in _whole_words(folded, name):
                end = start + len(name)
                if not text[start].isupper():
                    continue
                _take(spans, taken, _Actor(start, end, person.actor, "person"))
    # a listed figure's full name the people table missed ("the Yoon Suk Yeol puppet group": a modifier)
    full = known_index().full
    for run in _CAPITALISED_RUN.finditer(text):
        words = [(w.start(), w.end()) for w in re.finditer(r"\S+", run.group())]
        i = 0
        while i < len(words) - 1:
            for n in range(min(4, len(words) - i), 1, -1):
                start, end = run.start() + words[i][0], run.start() + words[i + n - 1][1]
                known = full.get(person_key(text[start:end]))
                if known is not None and known.actor and _take(spans, taken, _Actor(start, end, known.actor, "person")):
                    i += n - 1
                    break
            i += 1
    for name, (code, kind) in _seats().items():
        for start in _whole_words(folded, name):
            end = start + len(name)
            if text[start].isupper():
                _take(spans, taken, _Actor(start, end, code, {"seat": "capital", "region": "group"}.get(kind, kind)))
    spans.sort(key=lambda a: (a.start, -a.end))
    return spans


#: Two to four capitalised words in a row: where a listed figure's full name can be.
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'.-]*(?:[ \t]+[A-Z][\w'.-]*){1,5}")


@lru_cache(maxsize=1)
def _seats() -> dict[str, tuple[str, str]]:
    """data/label_seats.csv: folded name -> (code, kind) of a breakaway government's seat or adjective."""
    path = data_path("label_seats.csv")
    out: dict[str, tuple[str, str]] = {}
    for lineno, row in read_rows(path, ("name", "code", "kind")):
        if not _CODE.match(row["code"]) or row["kind"] not in ("seat", "region", "adjective"):
            raise DataFileError(str(path), lineno, f"bad code or kind in {row!r}")
        out[fold(row["name"])] = (row["code"], row["kind"])
    return out


#: Capitalised words that open a phrase or qualify a noun: never a leader's name before "regime".
_NOT_NAMES = frozenset({
    "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our", "your", "new", "old",
    "current", "former", "same", "ruling", "military", "civilian", "interim", "transitional", "sanctions", "visa",
    "regime", "junta", "clique", "dictatorship", "every", "any", "no", "one", "whole", "entire", "both",
})


def _name_code(text: str, start: int, end: int, surnames: frozenset[str]) -> str | None:
    """A `<name>` slot: the actor of the listed figure with that surname ("Assad" -> SYR); "" for the
    surname of a person the article names but no list ties to an actor; None for any other word
    ("the Schengen regime" is a treaty's, not a ruler's)."""
    word = text[start:end]
    if not word[:1].isupper() or fold(word) in _NOT_NAMES:
        return None
    known = known_index().lookup_surname(word)
    if known is not None and known.actor:
        return known.actor
    if "-" in word.strip("-"):  # "the Ortega-Murillo regime": a ruling couple or a dynasty, named by either
        codes = {code for i, part in _parts(word) if part[:1].isupper()
                 if (code := _name_code(text, start + i, start + i + len(part), surnames)) is not None}
        if codes:
            return max(codes, key=len)  # "" only when no part names a listed figure
    # "the Kim regime": a regime is named after a ruler, so a family name most listed rulers of one state share
    ruler = _ruler_families().get(fold(word))
    if ruler:
        return ruler
    # a surname other listed figures share: the text says whose
    return "" if fold(word) in surnames or fold(word) in _listed_surnames() else None


#: Offices whose holder a regime or a junta is named after.
_RULING_ROLES = ("leader", "president", "prime minister", "king", "emir", "sultan", "chairman", "head of state")


@lru_cache(maxsize=1)
def _ruler_families() -> dict[str, str]:
    """Family name -> the state most listed rulers with it led, when one state has more of them than any other
    ("kim" -> PRK: three leaders, one South Korean prime minister)."""
    counts: dict[str, Counter[str]] = {}
    for key, person in known_index().full.items():
        if person_key(person.name) != key or not person.actor or not any(r in (person.role or "") for r in _RULING_ROLES):
            continue
        parts = key.split()
        if len(parts) < 2:
            continue
        # the family name: the last word, or the first where names are written family name first (Kim Jong Un)
        family = {parts[-1], parts[0]} if person.actor in first_word_states() else {parts[-1]}
        for part in family:
            counts.setdefault(part, Counter())[person.actor] += 1
    out: dict[str, str] = {}
    for part, by_actor in counts.items():
        ranked = by_actor.most_common(2)
        if len(ranked) > 1 and ranked[0][1] > ranked[1][1]:
            out[part] = ranked[0][0]
    return out


def _polity_name(name: str) -> bool:
    """A quoted name of a polity: an acronym ("NKR", "DPR") or capitalised words ending in a polity or status
    word ("Artsakh Republic", "Islamic Emirate")."""
    words = name.split()
    if len(words) == 1 and 2 <= len(name) <= 6 and name.isupper() and name.isalpha():
        return True
    return bool(words) and name[:1].isupper() and (
        fold(words[-1]) in _word_set("polity") | _word_set("place") | _word_set("polity_titles")
        or fold(words[0]) in ("republic", "state", "emirate"))


def _parts(word: str) -> list[tuple[int, str]]:
    """The hyphen-separated parts of a word with their offsets."""
    out, pos = [], 0
    for part in word.split("-"):
        out.append((pos, part))
        pos += len(part) + 1
    return out


@lru_cache(maxsize=1)
def _listed_surnames() -> frozenset[str]:
    """Folded surnames of every listed figure of people.csv: the last word, or a first word three figures
    share (a family name written first: Kim, Park)."""
    out: set[str] = set()
    firsts: Counter[str] = Counter()
    for key in known_index().full:
        parts = key.split()
        if len(parts) > 1:
            out.add(parts[-1])
            firsts[parts[0]] += 1
    return frozenset(w for w in out | {w for w, n in firsts.items() if n >= 3} if len(w) > 2)


#: Words that never head a noun phrase: after an actor's name they show the name is not a modifier.
_CLOSED_WORDS = frozenset({
    "", "is", "was", "are", "were", "has", "had", "have", "will", "would", "must", "should", "could", "can", "may",
    "might", "did", "does", "do", "and", "or", "but", "of", "in", "to", "for", "with", "on", "at", "by", "as", "from",
    "which", "that", "who", "whose", "says", "said", "continues", "keeps", "remains", "wants", "seeks", "itself",
})
_WORD_AFTER = re.compile(r"[ \t]+([a-z][a-z-]*)")


def _next_word(folded: str, pos: int) -> str:
    m = _WORD_AFTER.match(folded, pos)
    return m.group(1) if m else ""


#: A capitalised word right after an actor: the actor is part of a longer name ("Taiwan Relations Act").
_NAME_GOES_ON = re.compile(r"[ \t]+[A-Z][a-z]")


def _masked(folded: str, actors: Sequence[_Actor]) -> str:
    """The text with each actor's span replaced by \\x01 and \\x02s: slots match a masked actor, plain words never."""
    chars = list(folded)
    for a in actors:
        chars[a.start : a.end] = "\x01" + "\x02" * (a.end - a.start - 1)
    return "".join(chars)


def _match(
    text: str, folded: str, rules: Sequence[LabelRule], actors: Sequence[_Actor], surnames: frozenset[str] = frozenset(),
) -> list[_Hit]:
    """Every lexicon match in the text (`folded`: fold(text)), then the longest of overlapping ones."""
    by_start = {a.start: a for a in actors}
    masked = _masked(folded, actors)
    # a `<name>` slot reads a ruler's name as a word even where the people table found him ("the Lai authorities")
    unnamed = [a for a in actors if a.kind != "person"]
    masked_names = masked if len(unnamed) == len(actors) else _masked(folded, unnamed)
    hits: list[_Hit] = []
    # each distinct anchor tested once (292 words for 633 rule anchors): most are absent, and an absent
    # word's substring test reads the whole text (issue 17)
    present = {a for a in {a for rule in rules for a in rule.anchors} if a in folded}
    for rule in rules:
        if present.isdisjoint(rule.anchors):
            continue
        text_of_rule = masked_names if any(k == "name" for _, k in rule.slots) else masked if rule.slots else folded
        for m in rule.matches(text_of_rule):
            filled: list[tuple[str, str, int, int]] = []
            ok = True
            titled: int | None = None
            for name, kind in rule.slots:
                if m.group(name) is None:
                    continue
                if kind == "qname":
                    if not _polity_name(text[m.start(name) + 1 : m.end(name) - 1]):
                        ok = False  # "the so-called 'peace plan'", "the so-called 'Ramstein' format": no polity's name
                        break
                    continue
                if kind == "quoted":
                    if not text[m.start(name) + 1].islower():
                        ok = False  # "the 'Wagner' group" quotes a name, not a charged word
                        break
                    continue
                if kind == "name":
                    found = _name_code(text, m.start(name), m.end(name), surnames)
                    if found is None:
                        ok = False
                        break
                    if found:
                        filled.append(("actor", found, m.start(name), m.end(name)))
                    continue
                actor = by_start.get(m.start(name))
                if actor is None or actor.end != m.end(name):
                    ok = False  # the same words, but not where the gazetteer found an actor ("us")
                    break
                if kind == "named" and (actor.kind == "adjective" or folded.startswith("'", actor.end)
                                        or _next_word(folded, actor.end) not in _CLOSED_WORDS):
                    ok = False  # "hostile Russian aircraft", "imperialist US aggression": the word is the noun's
                    break
                filled.append(("actor" if kind == "named" else kind, actor.code, actor.start, actor.end))
                if kind == "named" and actor.kind == "person" and actor.end == m.end():
                    titled = actor.start  # "the traitor Yoon": the label is the title, the name its target
            if not ok:
                continue
            if filled and filled[-1][3] == m.end() and _NAME_GOES_ON.match(text, m.end()):
                continue  # "the so-called Taiwan Relations Act": the actor is the first word of a longer name
            if filled and filled[-1][3] == m.end() and _next_word(folded, m.end()) in _word_set("abstract"):
                continue  # "the so-called Wagner mutiny": the term is about an act the actor names
            start, end = m.start(), m.end()
            if titled is not None:
                end = len(folded[:titled].rstrip())
            lead = _LEADING.match(folded, start, end)
            if lead and lead.end() < end:
                start = lead.end()
            if rule.quoted:
                if not (start > 0 and end < len(text) and text[start - 1] in _OPEN and text[end] in _CLOSE):
                    continue
                start, end = start - 1, end + 1
            hits.append(_Hit(start, end, rule, tuple(filled)))
    # of two rules over the same words, one that fixes the target wins ("Islamic regime" is IRN's)
    hits.sort(key=lambda h: (h.start, -(h.end - h.start), len(h.rule.targets) != 1))
    kept: list[_Hit] = []
    for hit in hits:
        outer = next((k for k in kept if k.start <= hit.start and hit.end <= k.end), None)
        if outer is not None:
            if len(hit.rule.targets) == 1 and not outer.rule.targets and not outer.slot_codes and outer.rule.role == hit.rule.role:
                # "the usurping Zionist regime": the longer phrase, named by the row that fixes its target
                kept[kept.index(outer)] = _Hit(outer.start, outer.end, hit.rule, hit.slot_codes)
            continue
        kept = [k for k in kept if not (hit.start <= k.start and k.end <= hit.end)]
        kept.append(hit)
    # an "ignore" row (an official name) only blocks the shorter matches inside it
    return _merge_adjacent([h for h in kept if h.rule.role != "ignore"], text)


def _merge_adjacent(hits: list[_Hit], text: str) -> list[_Hit]:
    """Join hits that overlap or have only a space between them.

    "'Taiwan independence' separatist forces" is one label, not two; the
    merged hit keeps the rule that fixes a target, else the later (head) rule.
    """
    out: list[_Hit] = []
    for hit in hits:
        prev = out[-1] if out else None
        if prev is not None and (hit.start < prev.end or (hit.start - prev.end <= 2 and not text[prev.end : hit.start].strip())):
            rule = prev.rule if len(prev.rule.targets) == 1 else hit.rule
            out[-1] = _Hit(prev.start, max(prev.end, hit.end), rule, prev.slot_codes + hit.slot_codes)
        else:
            out.append(hit)
    return out


# --- sentences ------------------------------------------------------------------------------------------


def _sentences(text: str, units: Sequence[Unit], hits: Sequence[_Hit]) -> list[tuple[int, int]]:
    """Sentence spans of the text: the parser's where it ran, a punctuation split elsewhere.

    Only parsed paragraphs holding a hit are walked: iterating a Doc's sentences is not free.
    """
    spans: list[tuple[int, int]] = []
    covered: list[tuple[int, int]] = []
    for unit in units:
        start, end = unit.offset, unit.end
        if any(start <= h.start < end for h in hits):
            covered.append((start, end))  # the other paragraphs get the punctuation split below
            spans.extend((start + s.start_char, start + s.end_char) for s in unit.sents)
    pos = 0
    for line in text.split("\n"):
        lstart, lend = pos, pos + len(line)
        pos = lend + 1
        if not line.strip() or any(s <= lstart + (len(line) - len(line.lstrip())) < e for s, e in covered):
            continue
        cut = lstart
        for m in _SENT_END.finditer(line):
            spans.append((cut, lstart + m.start()))
            cut = lstart + m.end()
        spans.append((cut, lend))
    out = []
    for s, e in sorted(spans):
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            out.append((s, e))
    return out


def _sentence_of(spans: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence holding [start, end); several when a term crosses a boundary."""
    inside = [s for s in spans if s[0] < end and start < s[1]]
    if not inside:
        return start, end
    return min(s for s, _ in inside), max(e for _, e in inside)


# --- targets --------------------------------------------------------------------------------------------

_AFTER_OF = re.compile(r"\s*(?:,?\s*(?:of|in|from)\s+)?(?:the\s+)?")
_AFTER_FROM = re.compile(r"\s*(?:,?\s*(?:of|from)\s+)?(?:the\s+)?")
_AFTER_BY = re.compile(r"\s*,?\s*by\s+(?:the\s+)?")
_BEFORE_OWNER = re.compile(r"(?:'s?)?[\s-]*$")
_BEFORE_COPULA = re.compile(
    r"(?:'s?)?\s*(?:,|\bis|\bwas|\bas|\bremains|\bbecame|\bbeing|\bbe)\s+(?:(?:a|an|the|its|now)\s+)*$"
)


@dataclass
class _Context:
    """What target resolution needs about the article."""

    text: str
    folded: str
    actors: list[_Actor]
    counts: Counter[str]
    attackers: Counter[str]
    sentences: list[tuple[int, int]]
    units: Sequence[Unit] = ()
    reach: dict[tuple[int, int], int] = field(default_factory=dict)  # (start, end) of a hit -> end at its head
    labelled: list[tuple[int, str]] = field(default_factory=list)  # (end, target) of each term resolved so far
    speakers: set[str] | None = None  # the article's speakers (`_speakers`), computed when first needed


def _allowed(code: str, rule: LabelRule, excluded: set[str]) -> bool:
    if code in excluded:
        return False
    return len(rule.targets) < 2 or code in rule.targets


def _adjacent(hit: _Hit, ctx: _Context, excluded: set[str]) -> str | None:
    """An actor right next to the term: "regime in Kyiv", "Kosovo's de facto leader", "occupied by X"."""
    rule = hit.rule
    if rule.role == "agent":
        after = (_AFTER_BY,)
    elif _head(ctx.text[hit.start : hit.end]) in GROUP_HEADS:
        after = (_AFTER_FROM,)  # "mercenaries in Mali" says where they fight, not whose they are
    else:
        after = (_AFTER_OF,)
    # "the puppet military gangsters of south Korea": after the term, or after the head it reaches
    for end in dict.fromkeys((hit.end, ctx.reach.get((hit.start, hit.end), hit.end))):
        for regex in after:
            m = regex.match(ctx.folded, end)
            pos = m.end() if m else None
            if pos is not None:
                for a in ctx.actors:
                    if a.start == pos and _allowed(a.code, rule, excluded) and not ctx.folded.startswith("'", a.end):
                        return a.code  # not "of Serbia's southern province": the province is what the term names
                figure = _figure_at(ctx.text, pos) if regex is not _AFTER_BY else None
                if figure is not None and _allowed(figure, rule, excluded):
                    return figure  # "the puppet clique of Yoon Suk Yeol": a listed figure the people table missed
    if rule.role != "agent" and _head(ctx.text[hit.start : hit.end]) in _word_set("force") | _word_set("status"):
        # "a ‘peacekeeping force’ in the province, known as KFOR": the body's own name, given after it
        m = _KNOWN_AS.match(ctx.folded, ctx.reach.get((hit.start, hit.end), hit.end))
        if m is not None:
            for a in ctx.actors:
                if a.start == m.end() and a.kind in ("body", "io") and _allowed(a.code, rule, excluded):
                    return a.code
    before_res = (_BEFORE_OWNER,) if rule.role == "agent" else (_BEFORE_OWNER, _BEFORE_COPULA)
    for a in reversed(ctx.actors):
        if a.end > hit.start or hit.start - a.end > 40:
            continue
        gap = ctx.folded[a.end : hit.start]
        if any(r.fullmatch(gap) for r in before_res) and _allowed(a.code, rule, excluded) and not _backer(a, ctx):
            return a.code
        break
    return None


#: The name a body goes by, a few words after the term: "..., known as", "... in the province known as".
_KNOWN_AS = re.compile(r"[^.;:!?]{0,40}?\b(?:known|referred to) as\s+(?:the\s+)?")


#: A backer's name beside a term: "Kremlin-backed separatists", "militias armed by Iran". The backer is
#: not the referent; the term describes the backed side (issue 15, 3.9).
_BACKER_AFTER = re.compile(r"-(?:backed|supported|funded|financed|sponsored|armed|trained|allied|aligned)\b")
#: "pro-Russian separatists": the side the term is for is not the side it names.
_PRO_BEFORE = re.compile(r"\bpro-$")
_BACKER_BEFORE = re.compile(
    r"\b(?:(?:backed|supported|funded|financed|sponsored|armed|trained) by|(?:allied|aligned) with|loyal to)\s+(?:the\s+)?$")


def _backer(a: _Actor, ctx: _Context) -> bool:
    return bool(_BACKER_AFTER.match(ctx.folded, a.end) or _BACKER_BEFORE.search(ctx.folded, max(0, a.start - 40), a.start)
                or _PRO_BEFORE.search(ctx.folded, max(0, a.start - 4), a.start))


#: A capitalised name of two to four words ("Yoon Suk Yeol", "Bashar al-Assad").
_FIGURE = re.compile(r"[A-Z][\w'-]+(?:[ \t]+(?:al-|el-|bin |van |de )?[A-Z][\w'-]+){1,3}")


def _figure_at(text: str, pos: int) -> str | None:
    """The actor of a listed figure whose full name starts at `pos` (people.csv), else None."""
    m = _FIGURE.match(text, pos)
    if m is None:
        return None
    words = m.group().split()
    for n in range(len(words), 1, -1):  # the longest name that is a listed figure
        known = known_index().lookup(" ".join(words[:n]))
        if known is not None and known.actor:
            return known.actor
    return None


#: Between two members of a list: "the US and the puppet clique", "the regime, Russia and Iran".
_LIST_BEFORE = re.compile(r"(?:'s?)?\s*(?:,|\band|\bor|\bas well as|\bnor)\s+(?:(?:its|their|the|a|an)\s+)?$")
_LIST_AFTER = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+)(?:the\s+)?")


def _listed_beside(a: _Actor, hit: _Hit, ctx: _Context) -> bool:
    """Is the actor another member of a list the term is in ("the US and the puppet clique staged drills")?
    A list names different parties: the actor beside the term is not its referent (issue 15, 3.9)."""
    if a.end <= hit.start:
        return _LIST_BEFORE.fullmatch(ctx.folded, a.end, hit.start) is not None
    end = max(hit.end, ctx.reach.get((hit.start, hit.end), hit.end))
    return a.start >= end and _LIST_AFTER.fullmatch(ctx.folded, end, a.start) is not None


def _nearest(hit: _Hit, ctx: _Context, sent: tuple[int, int], excluded: set[str]) -> str | None:
    """The closest actor in the sentence before the term, else after it (the subject side comes first);
    never a backer named beside it."""
    best: tuple[int, int, int, int, str] | None = None
    group_head = _head(ctx.text[hit.start : hit.end]) in GROUP_HEADS
    territorial = _territorial(ctx.text[hit.start : hit.end])
    for a in ctx.actors:
        if a.start < sent[0] or a.end > sent[1] or (a.start < hit.end and hit.start < a.end):
            continue
        if _backer(a, ctx) or (a.kind != "adjective" and _listed_beside(a, hit, ctx)):
            continue
        if not _allowed(a.code, hit.rule, excluded):
            continue
        dist = hit.start - a.end if a.end <= hit.start else a.start - hit.end
        # "the terror group", "mercenaries": an armed group named nearby before a state or city
        kind = 0 if not group_head or a.kind == "group" else 1
        # an armed group is coded where it acts: "Tehran's proxies in Yemen", "militias attacked bases in Syria"
        place = 0 if territorial and a.kind != "adjective" and _IN_PLACE.search(
            ctx.folded, max(sent[0], a.start - 24), a.start) else 1
        key = (kind, place, 0 if a.end <= hit.start else 1, dist, a.code)
        if best is None or key < best:
            best = key
    return best[4] if best else None


#: A place phrase right before an actor: "in Yemen", "across northern Syria".
_IN_PLACE = re.compile(r"\b(?:in|inside|within|across|throughout)\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern|-eastern|-western)?\s+)?$")


def _most(counter: Counter[str], rule: LabelRule, excluded: set[str]) -> str | None:
    for code, _ in counter.most_common():
        if _allowed(code, rule, excluded):
            return code
    return None


def _is_bare(term: str) -> bool:
    """A head noun alone ("the regime", "regime's"), with no word saying whose."""
    words = [w for w in re.findall(r"[a-z]+", fold(term)) if w not in ("the", "s")]
    return len(words) == 1


#: The key of `earlier` for the polity a confident term names ("Zionist regime" -> ISR).
_POLITY_KEY = "@polity"


def _loaded_only(term: str) -> bool:
    """A head with only loaded modifiers before it ("the usurping entity", "the criminal regime")."""
    words = [w for w in re.findall(r"[a-z'-]+", fold(term)) if w not in ("the", "this", "that", "a", "an")]
    return all(w in _word_set("stigma") or w in _word_set("polity_loaders") for w in words[:-1])


def _owned_before(hit: _Hit, ctx: _Context, sent: tuple[int, int], excluded: set[str]) -> bool:
    """Does the sentence name an actor before the term (the subject side, read first by `_nearest`), other than
    the one whose statement holds it ("Iranian state media said the child-killing regime ...")?"""
    before = [a for a in ctx.actors if sent[0] <= a.start and a.end <= hit.start and a.code not in excluded
              and a.kind != "person" and not _backer(a, ctx)]
    return bool(before) and bool({a.code for a in before} - _voices(hit, ctx, sent, speakers_only=True))


def _head(term: str) -> str:
    """The last word of a term, for "the regime" pointing back to "the Israeli regime"."""
    words = re.findall(r"[a-z]+", fold(term))
    return words[-1] if words else ""


_AFTER_IN = re.compile(r"\s*(?:in|inside)\s+(?:the\s+)?")


def _acting_in(hit: _Hit, ctx: _Context, slot_start: int) -> str | None:
    """The place an armed or secessionist group named by its ethnic adjective acts in: "Armenian
    separatists in Karabakh" are coded where they act, like "ethnic Armenian protesters in Georgia"
    (issue 15, 3.1 and 3.9); None when the term says no place or the slot is no adjective."""
    term = ctx.text[hit.start : hit.end]
    if not _territorial(term) or _head(term) in _POLITY_HEADS:
        return None
    if not any(a.start == slot_start and a.kind == "adjective" for a in ctx.actors):
        return None
    m = _AFTER_IN.match(ctx.folded, hit.end)
    if m is None:
        return None
    return next((a.code for a in ctx.actors if a.start == m.end()), None)


#: Words of a term for a dependent: its owner is the master, not the referent ("Russia's puppets",
#: "the US and its vassal states"; issue 15, 3.9).
_DEPENDENT_WORDS = frozenset({"puppet", "puppets", "vassal", "vassals", "satellite", "satellites", "stooge", "stooges",
                              "lackey", "lackeys", "henchmen", "pawn", "pawns"})
#: A dependent's word right before its master: "lackeys of Washington" (not "the puppet warmongers of the ROK").
_OF_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(_DEPENDENT_WORDS)) + r")\s+of\s+(?:the\s+)?$")
_OWNER_GAP = re.compile(r"(?:(?P<s>'s?)|\b(?:its|their))\s*(?:own\s+)?$")


def _masters(hit: _Hit, ctx: _Context, sent: tuple[int, int]) -> set[str]:
    """The owner of a term for a dependent: "Russia's puppets" (RUS), "the US and its vassal states" (USA)."""
    if not _DEPENDENT_WORDS & set(re.findall(r"[a-z]+", fold(ctx.text[hit.start : hit.end]))):
        return set()
    inside = {code for _, code, start, end in hit.slot_codes
              if ctx.folded.startswith("'", end) or _OF_BEFORE.search(ctx.folded, hit.start, start)}
    if inside:
        return inside  # the owner is inside the term: "Russia's puppets", "lackeys of Washington"
    m = _OWNER_GAP.search(ctx.folded, max(sent[0], hit.start - 12), hit.start)
    if m is None:
        return set()
    before = [a for a in ctx.actors if sent[0] <= a.start and a.end <= m.start()]
    if m.group("s"):  # the possessor ends where the "'s" starts
        return {a.code for a in before if a.end == m.start()}
    return {before[-1].code} if before else set()


def _resolve(hit: _Hit, ctx: _Context, sent: tuple[int, int], earlier: dict[str, str], disputed: Counter[str]) -> str | None:
    """The actor a term describes; None when the text does not say (the term is then dropped)."""
    rule = hit.rule
    masters = _masters(hit, ctx, sent)
    for kind, code, start, _ in hit.slot_codes:
        if kind == "actor" and code not in masters:
            return _acting_in(hit, ctx, start) or code
    excluded = {code for kind, code, _, _ in hit.slot_codes if kind == "other"} | masters
    inside = [a for a in ctx.actors if hit.start <= a.start and a.end <= hit.end]
    if rule.role == "self":
        for a in inside:
            if a.code not in excluded:
                return a.code
    elif rule.role == "place" and not rule.targets and (region := next((a for a in inside if a.kind == "group"), None)):
        # "the breakaway Transnistria region": a territory named inside is the referent (a parent
        # state's adjective, "breakaway Serbian region", is not)
        return region.code
    elif rule.role == "place" and not rule.targets and (parent := _parent_of_region(hit, ctx)):
        return parent
    else:
        # "breakaway Serbian region", "occupied Palestinian territories": the actor inside is not the target
        excluded |= {a.code for a in inside}
    if len(rule.targets) == 1:
        if rule.role == "place" and rule.targets[0] in _voices(hit, ctx, sent, speakers_only=True):
            return None  # Kosovo's central bank writing "the Republic of Kosovo": an actor's own name for itself
        return rule.targets[0]
    if rule.role != "agent":
        excluded |= _relative_agents(hit, ctx)
        found = _referent(hit, ctx, excluded)
        if found:
            return found
    found = _adjacent(hit, ctx, excluded)
    if found:
        return found
    term = ctx.text[hit.start : hit.end]
    if _is_bare(term) and _head(term) in earlier and not (_territorial(term) and _place_named(hit, ctx, sent, excluded)):
        # "the regime" points back to the last "X regime" of the article; "terrorists" in a sentence
        # naming where they act are that place's, not the last group's (issue 15, 3.9)
        return earlier[_head(term)]
    if (_POLITY_KEY in earlier and _head(term) in _word_set("polity") and _loaded_only(term)
            and _allowed(earlier[_POLITY_KEY], rule, excluded) and not _owned_before(hit, ctx, sent, excluded)):
        # "the Zionist regime ... the usurping entity": a loaded name for a polity, with no owner beside it,
        # is the polity the article has already named with one, not an actor named after it
        return earlier[_POLITY_KEY]
    if rule.role == "agent":
        # "the Zionist regime's attack ... the occupying regime": an occupier labelled before counts as named
        return _most(ctx.attackers, rule, excluded) or (
            (_most(ctx.counts, rule, excluded) or _most(disputed, rule, excluded)) if rule.targets
            else _nearest(hit, ctx, sent, excluded))
    if rule.role == "place":
        excluded |= _actors_on(hit, ctx)  # "Russia recognised the so-called republics": not Russia's
        return (_most(disputed, rule, excluded) or _most(ctx.counts, rule, excluded)
                or _nearest(hit, ctx, sent, excluded))
    if _territorial(ctx.text[hit.start : hit.end]):
        excluded |= _sponsors(hit, ctx)
    else:
        excluded |= _addressees(hit, ctx)  # "the self-styled government asked Moscow for help": not Moscow's
        voices = _voices(hit, ctx, sent)  # a loaded name in someone's statement is not the speaker's own
        excluded |= voices - _own_parts(term, ctx)
    if rule.targets:
        return _nearest(hit, ctx, sent, excluded) or _most(ctx.counts, rule, excluded)
    if any(stem in fold(term) for stem in _SECESSION):
        # "the self-proclaimed republic is recognised by no UN member": the breakaway part the article is
        # about (a territory labelled before, else a breakaway region it names), not the nearest actor
        groups = Counter(a.code for a in ctx.actors if a.kind == "group")
        found = _most(disputed, rule, excluded) or _most(groups, rule, excluded)
        if found:
            return found
    found = _nearest(hit, ctx, sent, excluded)
    if found or masters:
        return found  # a dependent whose master the sentence names is not the last actor of the sentence before
    # an insult for a side ("the warmongers"), not a group acting on a territory ("terrorists", "putschists")
    bare_epithet = (_is_bare(term) and _head(term) in _word_set("zealots") | _word_set("epithet")
                    and not _territorial(term) and "putsch" not in fold(term))
    if not bare_epithet:
        # "the warmongers will pay" in a statement is rarely about the actor named just before (often the speaker);
        # nor is an insult ever the speaker's name for itself ("North Korea condemned the drills. KCNA said
        # the puppet warmongers ...")
        insult = _insult(term)
        found = _named_before(hit, ctx, sent, excluded | (_speakers(ctx) if insult else set()), subject_only=insult)
    if not found and len(disputed) == 1:
        # "... the accusations by the putschists were false": the one actor the article's other terms label
        found = next(iter(disputed))
        found = found if _allowed(found, rule, excluded) else None
    if not found and _is_bare(term):
        # "The junta expelled the envoy. Paris said it did not recognise the putschists' authority": a bare
        # loaded name in a sentence naming no one is the body the article labelled just before
        before = [(end, code) for end, code in ctx.labelled if end <= hit.start and hit.start - end < 400]
        if before and _allowed(max(before)[1], rule, excluded):
            found = max(before)[1]
    return found


def _parent_of_region(hit: _Hit, ctx: _Context) -> str | None:
    """The parent state an adjective in a territory term names ("the breakaway Moldovan region"), when the
    article names a breakaway region coded to that state (Transnistria: MDA): the region takes its parent
    state's code. A region with a code of its own (Kosovo) is never the parent's ("breakaway Serbian region")."""
    parents = {code for kind, code, _, _ in hit.slot_codes if kind == "other"}
    return next((a.code for a in ctx.actors if a.kind == "group" and a.code in parents), None)


def _insult(term: str) -> bool:
    """A term that names a side by an insult ("puppet", "warmongers", "traitor"): never the speaker's own."""
    words = set(re.findall(r"[a-z-]+", fold(term)))
    return bool(words & (_DEPENDENT_WORDS | _word_set("zealots") | _word_set("epithet")))


def _speakers(ctx: _Context) -> set[str]:
    """The actors whose statements the article reports: the subject of a reporting or naming verb ("North Korea
    condemned ...", "Seoul said ..."), and the state whose news agency it quotes (KCNA: PRK)."""
    if ctx.speakers is None:
        verbs = set(load_cues()) | NAMING_VERBS
        found: set[str] = set()
        for unit in ctx.units:
            for i, code in unit.tok_actor.items():
                head = unit.doc[i]
                while head.dep_ in ("compound", "amod", "poss", "flat") and head.head is not head:
                    head = head.head
                if head.dep_ == "nsubj" and head.head.lemma_.lower() in verbs:
                    found.add(code)
        found |= {code for pattern, code in state_media() if pattern.search(ctx.text)}
        ctx.speakers = found
    return ctx.speakers


#: Word stems of terms for a breakaway polity or its officials.
_SECESSION = ("breakaway", "separatis", "secession", "self-proclaimed", "self-declared", "self-styled", "unrecognis",
              "unrecogniz", "de facto")


#: Words that deny a body the status its head noun names ("the so-called parliament"): like scare quotes,
#: what a parent state says of its breakaway part's bodies.
_DENIAL = ("so-called", "pseudo", "illegal", "illegitimate", "puppet")


#: Word stems of terms for armed or secessionist groups: coded to the territory they act in, which is
#: often the speaker's own ("Azerbaijan said the separatist authorities in Karabakh must disarm").
_TERRITORIAL = ("separatis", "secession", "terror")


#: Heads that name a polity: "a terrorist state" is a state someone names, not a group acting somewhere.
_POLITY_HEADS = frozenset({"state", "states", "regime", "regimes", "government", "governments", "country", "nation",
                           "entity", "republic", "authorities", "administration", "leadership"})


def _territorial(term: str) -> bool:
    folded = fold(term)
    if _DEPENDENT_WORDS & set(re.findall(r"[a-z]+", folded)):
        return False  # "the puppet group": a political dependent, not an armed group acting on a territory
    if _head(term) in _POLITY_HEADS and not any(stem in folded for stem in ("separatis", "secession")):
        return False  # but "the separatist authorities" still rule the place they sit in
    return _head(term) in GROUP_HEADS or any(stem in folded for stem in _TERRITORIAL)


#: Verbs whose subject sponsors the armed group in their object ("accused Kyiv of backing terrorists").
_SPONSOR_VERBS = frozenset({"support", "back", "arm", "fund", "finance", "sponsor", "train", "harbour", "harbor",
                            "shelter", "host", "supply", "equip", "help", "aid", "assist", "use", "deploy", "send",
                            "hire", "recruit", "create", "protect"})


def _hit_span(hit: _Hit, ctx: _Context) -> tuple[Unit, Span] | None:
    """The paragraph a term stands in and its phrase in the parse (None when the parse has no span)."""
    unit = next((u for u in ctx.units if u.offset <= hit.start < u.end), None)
    if unit is None:
        return None
    span = unit.doc.char_span(hit.start - unit.offset, hit.end - unit.offset, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return unit, span


def _phrase_head(hit: _Hit, ctx: _Context) -> tuple[Unit, Token] | None:
    """The unit and the head of the term's phrase, out of any coordination ("a traitor and a puppet"):
    the token whose relation to its verb says who acts on the phrase."""
    found = _hit_span(hit, ctx)
    if found is None:
        return None
    unit, span = found
    head = span.root
    while head.dep_ == "conj" and head.head is not head:
        head = head.head
    return unit, head


def _denied(hit: _Hit, ctx: _Context) -> bool:
    """Is the term a name denied to its subject or object ("we are not terrorists", "does not consider the
    group a terrorist organisation", "never called Kosovo a state")? A name refused is not applied."""
    found = _phrase_head(hit, ctx)
    if found is None:
        return False
    _, head = found
    if head.dep_ in ("attr", "oprd", "acomp") or (
            head.dep_ in ("dobj", "xcomp", "ccomp") and head.head.lemma_.lower() in NAMING_VERBS - _RECOGNISING):
        verb = head.head
    elif head.dep_ == "pobj" and head.head.lower_ == "as":
        verb = head.head.head
    else:
        return False
    return any(c.dep_ == "neg" for c in verb.children) or any(c.dep_ == "det" and c.lower_ == "no" for c in head.children)


def _an_act(hit: _Hit, ctx: _Context) -> bool:
    """Is a term whose head names an act used for the act, not its doer ("a consequence of the occupation",
    "an end to the occupation")? The doer is a subject, an object or under whom one lives: "the occupation
    killed two youths", "under Israeli occupation"."""
    if _head(ctx.text[hit.start : hit.end]) not in _word_set("act_heads"):
        return False
    found = _phrase_head(hit, ctx)
    if found is None:
        return False
    _, head = found
    return head.dep_ not in ("nsubj", "nsubjpass", "dobj", "appos") and not (
        head.dep_ == "pobj" and head.head.lower_ in ("by", "with", "against", "under"))


def _sponsors(hit: _Hit, ctx: _Context) -> set[str]:
    """Actors said to back the group the term names: "Mali accused Kyiv of supporting terrorist groups"
    (the group is coded where it acts, never to its sponsor: issue 15, 3.9)."""
    found = _phrase_head(hit, ctx)
    if found is None:
        return set()
    unit, head = found
    verb = head.head
    if head.dep_ != "dobj" or verb.lemma_.lower() not in _SPONSOR_VERBS:
        return set()
    agents = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb.dep_ == "pcomp" and verb.head.lower_ == "of":  # "accused Kyiv of backing ...": the accused
        agents += [c for c in verb.head.head.children if c.dep_ == "dobj"]
    out: set[str] = set()
    for tok in agents:
        out |= {code for i, code in unit.tok_actor.items() if tok.left_edge.i <= i <= tok.right_edge.i}
    return out


def _acts_on(verb: Token, offset: int, hit: _Hit) -> bool:
    """Is the term inside the verb's object ("sanctioned the regime", "accused the junta of ...")?

    Through an infinitive or gerund complement too: "Moscow denied arming the Kim regime",
    "Washington vowed to punish the junta" (the subject acts on the regime; issue 15, 3.9).
    """
    for child in verb.children:
        if child.dep_ == "xcomp" and child.pos_ in ("VERB", "AUX") and _acts_on(child, offset, hit):
            return True
        objs = [child] if child.dep_ in ("dobj", "dative") else (
            [c for c in child.children if c.dep_ == "pobj"] if child.dep_ == "prep" else [])
        for obj in objs:
            lo = offset + obj.left_edge.idx
            hi = offset + obj.right_edge.idx + len(obj.right_edge.text)
            if lo <= hit.start and hit.end <= hi:
                return True
    return False


def _addressees(hit: _Hit, ctx: _Context) -> set[str]:
    """Actors the labelled phrase acts on when it is a verb's subject ("the puppet regime thanked Russia",
    "the so-called republic sent a letter to Moscow"): the one acted on is another party, not the referent."""
    found = _hit_span(hit, ctx)
    if found is None:
        return set()
    unit, span = found
    head = span.root
    if head.dep_ == "poss":
        head = head.head  # "the regime's foreign minister threatened Vilnius": the official acts for the regime
    elif head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head.head  # "the foreign minister of the self-declared republic visited Ankara"
    if head.dep_ not in ("nsubj", "nsubjpass") or head.head.pos_ not in ("VERB", "AUX"):
        return set()
    verb = head.head
    objs = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    objs += [o for p in verb.children if p.dep_ == "prep" for o in p.children if o.dep_ == "pobj"]
    out: set[str] = set()
    for obj in objs:
        lo, hi = obj.left_edge.i, obj.right_edge.i
        for i, code in unit.tok_actor.items():
            if lo <= i <= hi and _in_phrase(unit.doc[i], obj):
                out.add(code)
    return out


#: Prepositions that say where something happens, not whom it is done to.
_PLACE_PREPS = frozenset({"in", "inside", "within", "across", "throughout", "from", "near", "at", "around"})


def _in_phrase(tok: Token, top: Token) -> bool:
    """Is `tok` part of the noun phrase `top` itself, not of a clause or a place phrase inside it
    ("authority to expel our envoy from Niger" names no addressee)?"""
    while tok.i != top.i:
        if tok.pos_ in ("VERB", "AUX") or (tok.dep_ == "prep" and tok.lower_ in _PLACE_PREPS):
            return False
        if tok.head is tok:
            return False
        tok = tok.head
    return not (tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS)


def _relative_agents(hit: _Hit, ctx: _Context) -> set[str]:
    """The subject of a relative clause on the term's head ("the “republics” Moscow set up", "the regime
    that Washington armed"): who acts on the labelled body is not that body."""
    found = _phrase_head(hit, ctx)
    if found is None:
        return set()
    unit, head = found
    out: set[str] = set()
    for clause in (c for c in head.children if c.dep_ == "relcl" and c.pos_ in ("VERB", "AUX")):
        for subj in (c for c in clause.children if c.dep_ == "nsubj" and c.lower_ not in ("which", "that", "who")):
            out |= {code for i, code in unit.tok_actor.items() if subj.left_edge.i <= i <= subj.right_edge.i}
    return out


def _actors_on(hit: _Hit, ctx: _Context) -> set[str]:
    """The subject of the verb whose object the term's phrase is ("Russia recognised the so-called
    republics", "Moscow vowed to annex the new regions"): the one acting on a territory is not that
    territory. Only the object itself: "Somalia called the deal with the breakaway region void" is
    about Somalia's own region."""
    found = _phrase_head(hit, ctx)
    if found is None:
        return set()
    unit, head = found
    if head.dep_ != "dobj":
        return set()
    verb = head.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if not subjects and verb.dep_ == "xcomp":
        subjects = [c for c in verb.head.children if c.dep_ == "nsubj"]
    out: set[str] = set()
    for tok in subjects:
        out |= {code for i, code in unit.tok_actor.items() if tok.left_edge.i <= i <= tok.right_edge.i}
    return out


def _voices(hit: _Hit, ctx: _Context, sent: tuple[int, int], speakers_only: bool = False) -> set[str]:
    """Actors whose statement holds the term ("X said (that) ...", "according to X") or who act on
    what it names ("X sanctioned the regime"): a loaded name is not the speaker's or the actor's own."""
    out: set[str] = set()
    cues = load_cues()
    for unit in ctx.units:
        if unit.end <= sent[0] or unit.offset >= sent[1]:
            continue
        for i, code in unit.tok_actor.items():
            tok = unit.doc[i]
            pos = unit.offset + tok.idx
            if not sent[0] <= pos < sent[1] or hit.start <= pos < hit.end:
                continue
            head = tok
            while head.head is not head:
                if head.dep_ in ("compound", "amod", "poss", "flat"):
                    head = head.head
                elif head.dep_ == "pobj" and head.head.lower_ in ("in", "of", "for") and head.head.dep_ == "prep":
                    # "the Taiwan Affairs Office in Beijing said", "a spokesman for the ministry said": the speaker is its
                    head = head.head.head
                else:
                    break
            verb = head.head
            lo = unit.offset + head.left_edge.idx
            hi = unit.offset + head.right_edge.idx + len(head.right_edge.text)
            if lo <= hit.start and hit.end <= hi:
                continue  # "Thaçi, the president and alleged war criminal, said": the term is about the speaker
            if head.dep_ == "nsubj" and verb.pos_ in ("VERB", "AUX") and not speakers_only and _acts_on(verb, unit.offset, hit):
                out.add(code)  # "Washington sanctioned the authoritarian regime": the regime is someone else
            elif head.dep_ == "nsubj" and verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in cues:
                for clause in (c for c in verb.children if c.dep_ == "ccomp"):
                    if (unit.offset + clause.left_edge.idx <= hit.start
                            and hit.end <= unit.offset + clause.right_edge.idx + len(clause.right_edge.text)):
                        out.add(code)  # the term is in what the speaker said
            elif head.dep_ == "pobj" and verb.lower_ == "to" and verb.head.lower_ == "according":
                out.add(code)
    return out


#: Verbs that give a thing another name: "the group, known in Iran as “Hypocrites”" (a scare-quoted noun only).
NICKNAMING_VERBS = frozenset({"know", "nickname"})
#: Verbs whose object predicate names the object: "Beijing calls Taiwan a renegade province".
NAMING_VERBS = frozenset({"call", "consider", "label", "brand", "describe", "regard", "see", "term", "dub", "deem",
                          "view", "treat", "declare", "name", "refer", "portray", "depict", "characterise",
                          "characterize", "designate", "list", "denounce", "dismiss", "slam", "condemn"}) | RECOGNISE
#: Naming verbs whose object is a thing recognised, not a name: "does not recognise the unilateral declaration"
#: refuses the act, not the words that label it (only "recognised X as “...”" names X).
_RECOGNISING = RECOGNISE


def _token_code(tok: Token, unit: Unit) -> str | None:
    """The actor a noun phrase's head names, directly or through its compound ("South Korea")."""
    if tok.i in unit.tok_actor:
        return unit.tok_actor[tok.i]
    for child in tok.children:
        if child.dep_ in ("compound", "poss") and child.i in unit.tok_actor and child.i < tok.i:
            return None if child.dep_ == "poss" else unit.tok_actor[child.i]
    return None


def _referent(hit: _Hit, ctx: _Context, excluded: set[str]) -> str | None:
    """The actor the labelled phrase refers to in the parse, not the nearest one (issue 15, 3.9).

    "Kosovo, the former province": the apposition; "Taiwan is a renegade province": the
    subject; "Beijing calls Taiwan a renegade province", "Taiwan, which Beijing calls a
    renegade province": the named object, not the caller.
    """
    found = _hit_span(hit, ctx)
    if found is None:
        return None
    unit, span = found
    head = span.root
    candidates: list[Token] = []
    namers: set[str] = set()
    every_namer: set[str] = set()
    if head.dep_ == "appos":
        candidates.append(head.head)
    candidates += [c for c in head.children if c.dep_ == "appos"]
    if hit.rule.role == "self":
        # "the putschist soldiers in Niamey", "the regime in Damascus": where the described body sits
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "in" and prep.i >= span.end:
                for obj in (c for c in prep.children if c.dep_ == "pobj"):
                    candidates += [obj, *(c for c in obj.children if c.dep_ == "appos")]
    if head.dep_ in ("attr", "oprd", "dobj") or (head.dep_ == "pobj" and head.head.lower_ == "as"):
        verb = head.head if head.dep_ != "pobj" else head.head.head
        if head.dep_ in ("oprd", "pobj", "dobj") and verb.lemma_.lower() in NAMING_VERBS:
            candidates += [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i != head.i]
            # the parser may read "called Lai Ching-te a separatist" as two predicates: the first is the named
            candidates += [c for c in verb.children if c.dep_ == "oprd" and c.i < head.i and c.pos_ == "PROPN"]
            # "referred to Yoon as a traitor": the object of "to"
            candidates += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" and p.i < head.i
                           for o in p.children if o.dep_ == "pobj"]
            # "called Maduro a dictator" parsed with the name inside the complement
            dets = [c.i for c in head.children if c.dep_ == "det"]
            candidates += [c for c in head.children if c.dep_ == "nmod" and c.pos_ == "PROPN" and dets and c.i < min(dets)]
            # the namer is never the named ("Beijing calls the self-ruled island a breakaway province"),
            # but armed groups are the namer's own when they act on its soil ("Kinshasa called the M23 ...");
            # a named object the text names wins either way ("Beijing regards Lai as a separatist")
            every_namer = {code for c in verb.children if c.dep_ == "nsubj"
                           if (code := _token_code(c, unit) or _owner(c, unit)) is not None}
            if not _territorial(span.text):
                namers |= every_namer
            if verb.dep_ == "relcl":
                candidates.append(verb.head)  # "Taiwan, which Beijing calls a renegade province"
        elif head.dep_ == "attr":
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
            candidates += subj
            if verb.dep_ == "relcl" and any(c.lower_ in ("which", "that", "who", "whom") for c in subj):
                candidates.append(verb.head)
    for tok in candidates:
        if tok.lower_ in ("which", "that", "who", "whom"):
            continue
        code = _token_code(tok, unit) or _listed_figure(tok) or _label_actor(tok, unit, ctx)
        if code is not None and _allowed(code, hit.rule, excluded):
            return code
        if tok.pos_ == "PROPN" and hit.rule.role == "self":
            namers |= every_namer  # "Beijing regards Lai as a separatist": a name is named, not the namer
    excluded |= namers - _own_parts(span.text, ctx)
    return None


def _own_parts(term: str, ctx: _Context) -> set[str]:
    """The states whose breakaway parts the article names, when the term denies a body its status: a state
    speaking of its own breakaway part is its referent ("the breakaway enclave's leaders ..., Azerbaijan said",
    "Tbilisi condemned the “elections” in Abkhazia": the region takes its parent state's code)."""
    if not (any(stem in fold(term) for stem in _SECESSION + _DENIAL) or _has_quote(term)):
        return set()
    return {a.code for a in ctx.actors if a.kind == "group"}


def _label_actor(tok: Token, unit: Unit, ctx: _Context) -> str | None:
    """An actor only the labels extractor knows (a breakaway seat or adjective, a person's name as written) in the
    words of a noun phrase up to its head: "called the Abkhaz leadership Russia's puppet regime" -> GEO."""
    lo, hi = unit.offset + tok.left_edge.idx, unit.offset + tok.idx + len(tok.text)
    return next((a.code for a in ctx.actors if lo <= a.start and a.end <= hi and a.kind != "person"
                 and a.start not in {unit.offset + unit.doc[i].idx for i in unit.tok_actor}), None)


def _owner(tok: Token, unit: Unit) -> str | None:
    """The actor whose official or body a noun is ("Argentina's president")."""
    owner = next((c for c in tok.children if c.dep_ == "poss" and c.i in unit.tok_actor), None)
    return unit.tok_actor[owner.i] if owner is not None else None


def _listed_figure(tok: Token) -> str | None:
    """The actor of a listed figure a name token heads ("Lai Ching-te"), when the article's people missed him."""
    if tok.pos_ != "PROPN":
        return None
    name = tok.doc[tok.left_edge.i : tok.i + 1].text if tok.left_edge.i >= tok.i - 3 else tok.text
    known = known_index().lookup(name) or known_index().lookup_surname(tok.text)
    return known.actor if known is not None and known.actor else None


#: The rule a scare-quoted body of an actor carries ("the “Kosovo police”"): its target is the actor's.
_QUOTED_BODY_RULE = LabelRule(pattern="“<actor> @status”", role="self", targets=(), quoted=True,
                              regex=re.compile(r"(?!)"), slots=(), anchors=(), line=0)


def _quoted_bodies(text: str, actors: Sequence[_Actor]) -> list[_Hit]:
    """An actor's body named in scare quotes, its status word in the gazetteer's name ("the “Kosovo police”",
    "the 'Kosovo Security Force'"), or a breakaway region's name ("the “TRNC”"): the writer denies it the
    status, as with ‘authorities’ (SCHEMA.md convention 7). A quoted name with no status word ("“Wagner”")
    is a name, not a label."""
    out = []
    status = _word_set("status")
    for a in actors:
        if a.kind in ("person", "adjective") or a.start == 0 or a.end >= len(text):
            continue
        if text[a.start - 1] not in _OPEN or text[a.end] not in _CLOSE:
            continue
        words = fold(text[a.start : a.end]).split()
        if a.role != "breakaway region" and (len(words) < 2 or not ({words[-1], " ".join(words[-2:])} & status)):
            continue  # a breakaway region's name in quotes is denied its status too: the “TRNC”
        out.append(_Hit(a.start - 1, a.end + 1, _QUOTED_BODY_RULE, (("actor", a.code, a.start, a.end),)))
    return out


#: The rule a scare-quoted name carries ("called South Korea a “puppet” state"): its target is the named object.
_SCARE_RULE = LabelRule(pattern="<naming verb> <actor> “...”", role="self", targets=(), quoted=True,
                        regex=re.compile(r"(?!)"), slots=(), anchors=(), line=0)
#: A scare-quoted name longer than this is a statement quoted, not a label.
MAX_SCARE_WORDS = 5


def _complements(verb: Token) -> list[Token]:
    """What a naming verb calls its object: "a puppet state" in "called X a puppet state", "as ..."."""
    # a quoted noun read as a clause ("branded X “warmongers” after ...") is a complement too
    out = [c for c in verb.children if c.dep_ in ("oprd", "attr", "xcomp") or (c.dep_ == "ccomp" and c.pos_ == "NOUN")]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
        out += [c for c in prep.children if c.dep_ == "pobj"]
    dobjs = [c for c in verb.children if c.dep_ == "dobj"]
    if len(dobjs) == 2 and not _possessor(dobjs[0]):  # the parser may read "called Seoul a 'puppet'" as two objects
        out.append(dobjs[1])
    return out


def _possessor(tok: Token) -> bool:
    """A word the parser took for an object that is only an owner ("described Eritrea’s alleged ...")."""
    return any(c.dep_ == "case" for c in tok.children)


def _named_object(verb: Token, complement: Token, unit: Unit) -> str | None:
    """The actor a naming verb applies its name to: its object, the subject of a passive, or what a
    relative clause hangs on ("Taiwan, which Beijing calls ...")."""
    objs = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.i != complement.i and not _possessor(c)]
    # "called Lai Ching-te a “separatist”" parsed as two predicates: the proper name first is the named
    objs += [c for c in verb.children if c.dep_ == "oprd" and c.i < complement.i and c.pos_ == "PROPN"]
    objs += [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "to" and p.i < complement.i
             for o in p.children if o.dep_ == "pobj"]  # "referred to Yoon as a “traitor”"
    if (verb.dep_ == "relcl" and (not objs or objs[0].lower_ in ("which", "that", "who", "whom"))) or (
            verb.dep_ == "acl" and not objs):
        objs = [verb.head]  # "Taiwan, which Beijing calls ...", "the group, known as ..."
    for tok in objs[:1]:
        if tok.i > complement.i or complement.left_edge.i <= tok.i:
            return None  # the name follows what it names ("called X a “puppet”", "described X as ...")
        code = _token_code(tok, unit) or _listed_figure(tok)
        if code is not None:
            return code
        # "branded the Lithuanian government “warmongers”": an actor's body named by its adjective
        adjective = next((c for c in tok.children if c.dep_ in ("amod", "compound") and c.i in unit.tok_actor), None)
        if adjective is not None and tok.lemma_.lower() in _word_set("office"):
            return unit.tok_actor[adjective.i]
        # "called Guyana's president a “slave”", "called Yoon's government ...": a label on an actor's
        # official or body is the actor's
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.i in unit.tok_actor), None)
        if owner is not None and tok.i not in unit.person_tokens and (
                tok.lemma_.lower() in role_words() or tok.lower_ in _word_set("office")):
            return unit.tok_actor[owner.i]
    return None


#: Verbs whose subject their complement describes: "Japan had become a “troublemaker”", "acting as a “pawn”".
COPULAS = frozenset({"be", "become", "remain", "act", "serve"})
#: Words a quotation of a whole phrase opens with: "“a reliable partner”" is a quote, "a “puppet”" a scare quote.
_DETERMINERS = frozenset({"a", "an", "the", "this", "that", "our", "their", "its", "his", "her"})


def _described(verb: Token, unit: Unit) -> str | None:
    """The actor a copula's complement describes: its subject, or whom a verb holding it is about
    ("accused the Philippines of acting as a “pawn”": the accused; "wants Serbia to remain ...": the object)."""
    subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj and verb.dep_ == "pcomp" and verb.head.lower_ == "of":
        subj = [c for c in verb.head.head.children if c.dep_ == "dobj"]
    elif not subj and verb.dep_ in ("xcomp", "ccomp") and verb.head is not verb:
        subj = [c for c in verb.head.children if c.dep_ == "dobj"] or [
            c for c in verb.head.children if c.dep_ == "nsubj"]
    for tok in subj[:1]:
        code = _token_code(tok, unit)
        if code is not None:
            return code
        owner = next((c for c in tok.children if c.dep_ == "poss" and c.i in unit.tok_actor), None)
        if owner is not None and (tok.lemma_.lower() in role_words() or tok.lower_ in _word_set("office")):
            return unit.tok_actor[owner.i]
    return None


def _apposed(appos: Token, unit: Unit) -> str | None:
    """The actor an apposition describes: the noun it hangs on, or that noun's owner ("Taiwan's president")."""
    tok = appos.head
    code = _token_code(tok, unit)
    if code is not None:
        return code
    owner = next((c for c in tok.children if c.dep_ in ("poss", "compound") and c.i in unit.tok_actor), None)
    if owner is not None and (tok.lemma_.lower() in role_words() or tok.lower_ in _word_set("office")
                              or tok.i in unit.person_tokens):
        return unit.tok_actor[owner.i]
    return None


def _quoted_part(comp: Token) -> tuple[int, int] | None:
    """The token indices of the scare-quote marks in a complement, its coordinated parts left out
    ("a “traitor” and a “puppet”" are two names); None when it holds no quoted word."""
    stop = min((c.left_edge.i for c in comp.children if c.dep_ in ("cc", "conj") and c.i > comp.i),
               default=comp.right_edge.i + 1)
    toks = [t for t in comp.subtree if t.i < stop]
    first = next((t.i for t in toks if t.text in ("\"", "“", "‘")), None)
    if (first is None or first > comp.i) and comp.left_edge.i > 0 and comp.doc[comp.left_edge.i - 1].text in ("\"", "“", "‘"):
        first = comp.left_edge.i - 1  # the parser hung the opening mark on the preposition: as “the ...”
    if first is None:
        return None
    last = next((t.i for t in toks if t.text in ("\"", "”", "’") and t.i > first), None)
    return None if last is None else (first, last)


@lru_cache(maxsize=32)  # one entry per @set the code reads (about a dozen)
def _word_set(name: str) -> frozenset[str]:
    """The words of one `@name` word set row of labels.csv ("office": government, army, president ...)."""
    for _, row in read_rows(data_path("labels.csv"), ("pattern", "role")):
        if row["role"] == "set" and row["pattern"] == f"@{name}":
            return frozenset(w.strip().lower() for w in row.get("target", "").split("|") if w.strip())
    return frozenset()


def _confident(h: _Hit) -> bool:
    """A hit whose target the term itself fixes: a filled actor slot or a row with one target."""
    return any(k == "actor" for k, *_ in h.slot_codes) or len(h.rule.targets) == 1


def _scare_names(text: str, units: Sequence[Unit], hits: Sequence[_Hit]) -> list[_Hit]:
    """Names in scare quotes (or charged nouns of `@epithet`) a naming verb, a copula or an apposition
    applies to an actor: "called South Korea a “puppet” state",
    "branded Kosovo's leaders “separatists”" (issue 15, 3.9: a charged name put on an actor by the writer,
    found by its construction, not by a list of words). The term is the complement as written; its
    target is the named object, not the nearest actor."""
    out: list[_Hit] = []
    for unit in units:
        for i, lemma in enumerate(unit.lemmas):
            copula = lemma in COPULAS
            appos = unit.deps[i] == "appos" and unit.pos[i] in ("NOUN", "PROPN")  # no Token per word
            known = lemma in NICKNAMING_VERBS
            if not appos and ((lemma not in NAMING_VERBS and not copula and not known)
                              or unit.pos[i] not in ("VERB", "AUX")):
                continue
            verb = unit.doc[i]
            # "Taiwan's president Lai, a “troublemaker” to Beijing": an apposition names what it hangs on
            comps = [verb] if appos else _complements(verb)
            comps += [c for comp in comps for c in comp.children if c.dep_ == "conj"]
            for comp in comps:
                found = _quoted_part(comp)
                if found is None and (comp.lower_ in _word_set("epithet") or comp.lemma_.lower() in _word_set("epithet")):
                    found = (comp.i, comp.i)  # "said Kosovo's prime minister was a terrorist": a charged noun unquoted
                elif found is None:
                    continue
                first, last = found
                if known and (comp.pos_ != "NOUN" or first == last):
                    continue  # "known as “Wagner”" gives a name; "known in Iran as “Hypocrites”" a charged noun
                if (copula or appos) and first != last and (
                        comp.doc[first + 1].lower_ in _DETERMINERS or last - first != 2):
                    continue  # "Serbia is “a reliable partner”": a phrase quoted from a speaker, not a name
                if comp.lemma_.lower() in _word_set("relational") or comp.lower_ in _word_set("relational"):
                    continue  # "called Tokyo a “friend”": a relation, not a label (SCHEMA.md convention 7)
                # the phrase ends at its head or the closing mark, whichever is later: "a “puppet” state",
                # but "“warmongers”" of "“warmongers” after the closure"
                left = min(comp.left_edge.i, first)
                for j in range(left, first):
                    if comp.doc[j].text in (",", ";", ":", "(", "—", "–"):
                        left = j + 1  # the parser may hang the named noun on the apposition: "Lai, a “...”"
                lo = unit.offset + comp.doc[left].idx
                hi = unit.offset + max(comp.doc[last].idx + 1, comp.idx + len(comp.text))
                phrase = text[lo:hi]
                if len(phrase.split()) > MAX_SCARE_WORDS + 1 or any(
                        h.start < hi and lo < h.end and _confident(h) for h in hits):
                    continue
                code = (_apposed(verb, unit) if appos else _described(verb, unit) if copula
                        else _named_object(verb, comp, unit))
                if code is None:
                    continue
                lead = _LEADING.match(fold(phrase))
                start = lo + (lead.end() if lead and lead.end() < len(phrase) else 0)
                out.append(_Hit(start, hi, _SCARE_RULE, (("actor", code, start, hi),)))
    return out


_PLACE_BEFORE = re.compile(r"\b(?:in|inside|within|across|throughout|near|from)\s+(?:the\s+)?(?:[a-z-]+\s+)?$")


def _place_named(hit: _Hit, ctx: _Context, sent: tuple[int, int], excluded: set[str]) -> bool:
    """Does the sentence name a place the term's group acts in ("killed six terrorists in northern Syria",
    "near the Afghan border")? Then that place, not a group labelled earlier, is what a bare term is about."""
    return any(sent[0] <= a.start and a.end <= sent[1] and a.code not in excluded and not (a.start < hit.end and hit.start < a.end)
               and _PLACE_BEFORE.search(ctx.folded, max(sent[0], a.start - 30), a.start) for a in ctx.actors)


def _named_before(hit: _Hit, ctx: _Context, sent: tuple[int, int], excluded: set[str],
                  subject_only: bool = False) -> str | None:
    """For a sentence naming nobody ("The junta, critics say, is weak"): the actor named just before.

    An armed-group head ("this militia") looks a few sentences back for a group;
    anything else only at the previous sentence's subject, else (unless `subject_only`: an insult is
    not for whoever was named last) its last actor.
    """
    if _head(ctx.text[hit.start : hit.end]) in GROUP_HEADS:
        for a in reversed(ctx.actors):
            if a.end <= hit.start and hit.start - a.end < 600 and a.kind == "group" and a.code not in excluded:
                return a.code
        return None
    prev = [s for s in ctx.sentences if s[1] <= sent[0]]
    if not prev:
        return None
    start, end = prev[-1]
    subject = _subject_of(ctx, start, end, excluded)
    if subject is not None:
        return subject  # "Burkina Faso's military rulers expelled three French diplomats. The junta ...": the subject
    if subject_only:
        return None
    inside = [a for a in ctx.actors if start <= a.start and a.end <= end and a.code not in excluded]
    return inside[-1].code if inside else None


def _subject_of(ctx: _Context, start: int, end: int, excluded: set[str]) -> str | None:
    """The actor of the main clause's subject of the sentence at [start, end) when it is parsed: the party a
    following sentence goes on about, more often than the last actor it names (issue 15, 3.9)."""
    unit = next((u for u in ctx.units if u.offset <= start < u.end), None)
    if unit is None:
        return None
    span = unit.doc.char_span(start - unit.offset, end - unit.offset, alignment_mode="expand")
    if span is None or not len(span):
        return None
    root = span.root
    if root.lemma_.lower() in load_cues():
        # "Washington says Venezuela is ruled by ...": what is said is about the clause's subject, not the speaker
        root = next((c for c in root.children if c.dep_ == "ccomp"), root)
    for subj in (c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")):
        for i in range(subj.left_edge.i, subj.right_edge.i + 1):
            code = unit.tok_actor.get(i)
            if code is not None and code not in excluded:
                return code
    return None


_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?")


def _coordinated(hit: _Hit, ctx: _Context, code: str) -> list[str]:
    """The other actors of a list a plural term names: "the juntas of Mali, Burkina Faso and Niger" labels all
    three, not the first alone (issue 15, 3.9: every referent of the phrase)."""
    words = set(re.findall(r"[a-z]+", fold(ctx.text[hit.start : hit.end]))) - {"authorities", "forces"}
    if not any(w.endswith("s") and w in _body_heads() | _word_set("place") for w in words):
        return []  # a singular head; "authorities", "forces": one body's plural name
    reach = ctx.reach.get((hit.start, hit.end), hit.end)
    first = next((a for a in ctx.actors if a.code == code and hit.start <= a.start <= reach + 12
                  and a.kind != "adjective"), None)
    if first is None:
        return []
    if first.start < hit.end and first.end != hit.end:
        return []  # inside the term, the list must go on after it: "the juntas of Mali, Burkina Faso and ..."
    if first.start >= hit.end and not _AFTER_OF.fullmatch(ctx.folded, max(hit.end, reach), first.start):
        return []  # "the military juntas in Mali, ...", not an actor further on
    out: list[str] = []
    by_start = {a.start: a for a in ctx.actors}
    pos = first.end
    while (m := _LIST_GAP.match(ctx.folded, pos)) is not None and (nxt := by_start.get(m.end())) is not None:
        if nxt.code != code and nxt.code not in out and _allowed(nxt.code, hit.rule, set()):
            out.append(nxt.code)
        pos = nxt.end
    return out


def _term(text: str, hit: _Hit) -> str:
    return text[hit.start : hit.end]


@lru_cache(maxsize=1)
def _body_heads() -> frozenset[str]:
    """Nouns for a body or its people a term may reach to: @office, @polity, @force, @zealots, @bodies."""
    words = set(GROUP_HEADS)
    for name in ("office", "polity", "force", "zealots", "bodies"):
        words |= {w for w in _word_set(name) if " " not in w}
    return frozenset(words)


def _reach_head(hit: _Hit, ctx: _Context) -> int:
    """Where a term ends once it takes the noun its last word modifies: "Burkina Faso's junta" of "Burkina
    Faso's junta leader", "'Taiwan independence'" of "'Taiwan independence' diehards" (issue 15, 3.9: the label
    is the phrase naming the body, not the modifier alone). Only a head for a body or its people, never a
    name, an act or a cause ("the Kiev regime's attacks" stays "Kiev regime")."""
    found = _hit_span(hit, ctx)
    if found is None:
        return hit.end
    unit, span = found
    tok = span[-1]
    if tok.is_punct and tok.text in _CLOSE and len(span) > 1:
        tok = span[-2]  # "'Taiwan independence' forces": the quoted words modify the head after the mark
    end = hit.end
    heads = _body_heads()
    if span[-1].text in _CLOSE and span.end < len(unit.doc):
        after = unit.doc[span.end]  # the parser may hang the head elsewhere: '"Taiwan independence" diehards'
        if after.pos_ == "NOUN" and after.lower_ in heads and after.idx == span[-1].idx + 2:
            return unit.offset + after.idx + len(after.text)
    while tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i and tok.head.i - tok.i <= 3:
        head = tok.head
        between = unit.doc[tok.i + 1 : head.i]
        if (head.pos_ != "NOUN" or head.i in unit.person_tokens or head.lower_ not in heads
                or any(t.is_punct and t.text not in _CLOSE + "-" for t in between)
                or any(t.head.i != head.i and t.head.i not in range(tok.i, head.i) for t in between)):
            break
        hi = unit.offset + head.idx + len(head.text)
        if hi <= end:
            break
        end = hi
        tok = head
    return end


def _key(term: str) -> str:
    """Folded term without quote marks and possessives, for "one label per (target, term)"."""
    return " ".join(re.findall(r"[\w-]+", re.sub(r"'s\b", "", fold(term))))


def _scare_quoted(term: str) -> bool:
    """A term in scare quotes (‘regime’): another label than the same word written plainly."""
    return len(term) > 2 and term[0] in _OPEN and term[-1] in _CLOSE


def _has_quote(term: str) -> bool:
    return any(c in _OPEN or c in _CLOSE for c in term.replace("'s", ""))


def _dedupe(labels: list[Label]) -> list[Label]:
    """One label per target and term; terms of one target where one holds the other are one label.
    A scare-quoted term ("the "regime"") stays beside a plain one ("authoritarian regime"): the
    quotes are the label; it merges into a term that holds quotes ("'Taiwan independence' forces").

    The form kept is the longest one without a possessive ("Maduro regime" over
    "Nicolás Maduro's regime" and over "the regime"): the most telling wording.
    """
    order = sorted(range(len(labels)), key=lambda i: ("'s" in fold(labels[i].term), -len(_key(labels[i].term))))
    kept: list[int] = []
    for i in order:
        key = _key(labels[i].term)
        quoted = _scare_quoted(labels[i].term)
        if any(labels[k].target == labels[i].target
               and (key == _key(labels[k].term) or (quoted <= _has_quote(labels[k].term)
                                                    and (key in _key(labels[k].term) or _key(labels[k].term) in key)))
               for k in kept):
            continue
        kept.append(i)
    return [labels[i] for i in sorted(kept)]


def extract_labels(
    article: Article, units: Sequence[Unit], mentions: Sequence[Mention], people: PersonTable,
    events: Sequence[Event],
) -> list[Label]:
    """Loaded or contested terms and the actor each describes, with the sentence as evidence."""
    return list(_labels(article.text, units, mentions, people, events, load_label_rules()))


def _labels(
    text: str, units: Sequence[Unit], mentions: Sequence[Mention], people: PersonTable,
    events: Sequence[Event], rules: Sequence[LabelRule],
) -> Iterator[Label]:
    folded = fold(text)  # once per article: the text is long and rarely ASCII
    actors = _actor_spans(text, folded, mentions, people)
    surnames = frozenset(fold(p.name).split()[-1] for p in people.people if p.name.split())
    hits = _match(text, folded, rules, actors, surnames)
    quoted = [h for h in _quoted_bodies(text, actors) if not any(k.start < h.end and h.start < k.end for k in hits)]
    if quoted:
        hits = sorted(hits + quoted, key=lambda h: h.start)
    scare = _scare_names(text, units, hits)
    # a lexicon term inside a scare-quoted name takes the name's referent ("described Armenia as an “occupier”")
    hits = sorted([h for h in hits if not any(s.start <= h.start and h.end <= s.end for s in scare)] + scare,
                  key=lambda h: h.start)
    if not hits:
        return
    sentences = _sentences(text, units, hits)
    ctx = _Context(
        text=text, folded=folded, actors=actors,
        counts=Counter(a.code for a in actors if a.kind not in ("adjective", "person")),
        attackers=Counter(e.source for e in events if e.type in _ATTACKS and not e.negated),
        sentences=sentences, units=units,
    )
    for hit in hits:
        end = _reach_head(hit, ctx)
        if any(h.start < end and hit.end <= h.start for h in hits if h is not hit):
            end = hit.end  # the head belongs to another term
        ctx.reach[(hit.start, hit.end)] = end
    # confident hits first (a slot or a fixed target), so vaguer ones can lean on what they found
    confident = _confident

    resolved: dict[int, str] = {}
    disputed: Counter[str] = Counter()
    earlier: dict[str, str] = {}
    for pass_confident in (True, False):
        for i, hit in enumerate(hits):
            if confident(hit) != pass_confident or _denied(hit, ctx) or _an_act(hit, ctx):
                continue
            sent = _sentence_of(sentences, hit.start, hit.end)
            code = _resolve(hit, ctx, sent, earlier if not pass_confident else {}, disputed)
            if code is None:
                continue
            resolved[i] = code
            ctx.labelled.append((hit.end, code))
            if hit.rule.role == "place" or pass_confident:
                disputed[code] += 1
            if pass_confident:
                earlier.setdefault(_head(_term(text, hit)), code)
                if _head(_term(text, hit)) in _word_set("polity"):
                    earlier.setdefault(_POLITY_KEY, code)
    out: list[Label] = []
    reach: list[int] = []  # where each term ends once it takes its head noun
    ends: list[int] = []
    for i, hit in enumerate(hits):
        if i not in resolved:
            continue
        s, e = _sentence_of(sentences, hit.start, hit.end)
        for code in (resolved[i], *_coordinated(hit, ctx, resolved[i])):
            out.append(Label(target=code, term=_term(text, hit), evidence=text[s:e], start=s, end=e))
            reach.append(ctx.reach[(hit.start, hit.end)])
            ends.append(hit.end)
    # one label per term as matched; the one kept is written out to the head it reaches
    index = {id(lab): k for k, lab in enumerate(out)}
    for lab in _dedupe(out):
        k = index[id(lab)]
        if reach[k] > ends[k]:
            s, e = _sentence_of(sentences, ends[k] - len(lab.term), reach[k])
            lab = Label(target=lab.target, term=text[ends[k] - len(lab.term) : reach[k]], evidence=text[s:e], start=s, end=e)
        yield lab

"""Load the lexicons kept as data files in `powderkeg/data/`.

Why a module of its own: every lexicon row is checked on load and a bad row
raises DataFileError naming the file and line, so a typo in a CSV is found
at start-up, not as a silently missing event.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from powderkeg.errors import DataFileError
from powderkeg.models import EVENT_TYPES


def data_path(name: str) -> Path:
    """Path of a bundled data file."""
    return Path(str(resources.files("powderkeg") / "data" / name))


def read_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a CSV whose `#` lines are comments."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), 0, f"cannot read: {exc}") from exc
    lines = [(n, line) for n, line in enumerate(raw.splitlines(), 1) if line.strip() and not line.startswith("#")]
    if not lines:
        raise DataFileError(str(path), 0, "no header row")
    reader = csv.reader([line for _, line in lines])
    header = [h.strip() for h in next(reader)]
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(str(path), lines[0][0], f"missing column(s): {', '.join(missing)}")
    for (lineno, _), fields in zip(lines[1:], reader, strict=True):
        if len(fields) != len(header):
            raise DataFileError(str(path), lineno, f"expected {len(header)} fields, got {len(fields)}")
        row = {h: f.strip() for h, f in zip(header, fields, strict=True)}
        for col in required:
            if not row[col]:
                raise DataFileError(str(path), lineno, f"empty {col!r}")
        yield lineno, row


@dataclass(frozen=True)
class Trigger:
    """One row of verbs.csv: a word that can carry a PLOVER event."""

    lemma: str
    pos: str  # VERB | NOUN
    type: str
    objects: frozenset[str]  # required direct-object lemmas (empty: any)
    target_preps: frozenset[str]
    negated_type: str | None
    flags: frozenset[str] = frozenset()  # mutual, verbal (see the header of verbs.csv)


@lru_cache(maxsize=4)
def load_triggers(path: Path | None = None) -> dict[tuple[str, str], list[Trigger]]:
    """verbs.csv keyed by (lemma, pos)."""
    path = path or data_path("verbs.csv")
    out: dict[tuple[str, str], list[Trigger]] = {}
    for lineno, row in read_rows(path, ("lemma", "pos", "type")):
        pos = row["pos"].upper()
        if pos not in ("VERB", "NOUN"):
            raise DataFileError(str(path), lineno, f"pos must be VERB or NOUN, not {row['pos']!r}")
        for col in ("type", "negated_type"):
            if row.get(col) and row[col] not in EVENT_TYPES:
                raise DataFileError(str(path), lineno, f"unknown PLOVER type {row[col]!r}")
        trig = Trigger(
            lemma=row["lemma"].lower(),
            pos=pos,
            type=row["type"],
            objects=_objects(row.get("object", ""), path, lineno),
            target_preps=frozenset(x for x in row.get("target_preps", "").lower().split("|") if x),
            negated_type=row.get("negated_type") or None,
            flags=frozenset(x for x in row.get("flags", "").lower().split("|") if x),
        )
        out.setdefault((trig.lemma, pos), []).append(trig)
    return out


@lru_cache(maxsize=1)
def object_classes() -> dict[str, frozenset[str]]:
    """object_classes.csv: class name -> lemmas."""
    path = data_path("object_classes.csv")
    out: dict[str, set[str]] = {}
    for _, row in read_rows(path, ("class", "lemma")):
        out.setdefault(row["class"].lower(), set()).add(row["lemma"].lower())
    return {name: frozenset(words) for name, words in out.items()}


def _objects(column: str, path: Path, lineno: int) -> frozenset[str]:
    """A verbs.csv `object` cell: lemmas, and "@class" names expanded from object_classes.csv."""
    out: set[str] = set()
    for item in (x for x in column.lower().split("|") if x):
        if item.startswith("@"):
            members = object_classes().get(item[1:])
            if members is None:
                raise DataFileError(str(path), lineno, f"unknown object class {item!r} (see object_classes.csv)")
            out |= members
        else:
            out.add(item)
    return frozenset(out)


def surface_forms(lemma: str) -> set[str]:
    """Cheap inflections of a lemma, for the pre-parse gate (over-generation is harmless)."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing"}
    if lemma.endswith("e"):
        forms |= {lemma[:-1] + "ing", lemma + "d"}
    if lemma.endswith("y"):
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwy" and lemma[-2] in "aeiou":
        forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return forms


@dataclass(frozen=True)
class KnownPerson:
    """One row of people.csv."""

    name: str
    actor: str
    role: str | None
    aliases: tuple[str, ...]


@lru_cache(maxsize=2)
def load_people(path: Path | None = None) -> tuple[KnownPerson, ...]:
    """people.csv: well-known figures, a fallback when the text does not say who they act for."""
    path = path or data_path("people.csv")
    if not path.exists():
        return ()
    out = []
    for _, row in read_rows(path, ("name", "actor")):
        aliases = tuple(a.strip() for a in row.get("aliases", "").split("|") if a.strip())
        out.append(KnownPerson(row["name"], row["actor"].upper(), row.get("role") or None, aliases))
    return tuple(out)


@lru_cache(maxsize=2)
def load_roles(path: Path | None = None) -> dict[str, str]:
    """roles.csv: office titles (lower case) -> kind."""
    path = path or data_path("roles.csv")
    if not path.exists():
        return {}
    return {row["role"].lower(): row.get("kind", "official") for _, row in read_rows(path, ("role",))}


def read_lemma_kinds(path: Path, column: str, kinds: tuple[str, ...]) -> dict[str, str]:
    """A data file mapping a lemma to one of a few kinds; an unknown kind names the file and line."""
    out: dict[str, str] = {}
    for lineno, row in read_rows(path, ("lemma", column)):
        if row[column] not in kinds:
            raise DataFileError(str(path), lineno, f"{column} must be one of {', '.join(kinds)}, not {row[column]!r}")
        out[row["lemma"].lower()] = row[column]
    return out


@lru_cache(maxsize=2)
def load_anaphors(path: Path | None = None) -> dict[str, str]:
    """anaphors.csv: nouns that, after "the", refer back to a body, a state, the last act's agent or an owner."""
    path = path or data_path("anaphors.csv")
    return read_lemma_kinds(path, "refers_to", ("body", "state", "island", "act", "owner")) if path.exists() else {}


def read_lemmas(path: Path) -> frozenset[str]:
    """A one-column data file of lemmas (empty when the file is absent)."""
    if not path.exists():
        return frozenset()
    return frozenset(row["lemma"].lower() for _, row in read_rows(path, ("lemma",)))


@lru_cache(maxsize=2)
def load_stances(path: Path | None = None) -> dict[str, str]:
    """stances.csv: stance predicates ("critical", "opposed") -> the PLOVER type they code."""
    path = path or data_path("stances.csv")
    return read_lemma_kinds(path, "type", ("ACCUSE", "REJECT", "SUPPORT")) if path.exists() else {}


@lru_cache(maxsize=1)
def load_type_words() -> dict[str, frozenset[str]]:
    """Lemma -> the PLOVER types it names for the learned coder's features (not the rules): type_words.csv,
    the condemning words of assessments.csv, harms.csv and stance_terms.csv (ACCUSE), and stances.csv.

    Why beside verbs.csv: a type's words are a semantic class ("retaliation", "baseless", "Iran-backed")
    wider than the triggers whose grammar the rules can read; the model weighs them, the rules never fire."""
    out: dict[str, set[str]] = {}
    pairs = [*read_typed_lemmas(data_path("type_words.csv")), *read_typed_lemmas(data_path("stance_terms.csv")),
             *((lemma, "ACCUSE") for name in ("assessments.csv", "harms.csv") for lemma in load_words(name)),
             *load_stances().items()]
    for lemma, etype in pairs:
        out.setdefault(lemma, set()).add(etype)
    return {k: frozenset(v) for k, v in out.items()}


def read_typed_lemmas(path: Path) -> list[tuple[str, str]]:
    """(lemma, PLOVER type) rows of a data file with `lemma` and `type` columns; an unknown type names the
    file and line."""
    out: list[tuple[str, str]] = []
    for lineno, row in read_rows(path, ("lemma", "type")):
        if row["type"] not in EVENT_TYPES:
            raise DataFileError(str(path), lineno, f"unknown PLOVER type {row['type']!r}")
        out.append((row["lemma"].lower(), row["type"]))
    return out


@lru_cache(maxsize=1)
def load_islands() -> frozenset[str]:
    """islands.csv: actor codes that "the island" can refer back to."""
    path = data_path("islands.csv")
    return frozenset(row["code"].strip().upper() for _, row in read_rows(path, ("code",))) if path.exists() else frozenset()


@lru_cache(maxsize=8)
def load_words(name: str) -> frozenset[str]:
    """A one-column lemma list in data/, lower-cased: assessments.csv (words that condemn what they
    are said of), harms.csv (verbs that condemn their subject's act), agent_heads.csv (nouns that make
    "Moroccan X" one of Morocco's agents), groups.csv (generic groups that take their setting's country)."""
    return read_lemmas(data_path(name))

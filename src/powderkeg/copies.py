"""Copies of one report (syndication): MinHash over word shingles, banded for lookup, checked exactly.

Why: the same wire story arrives under many outlets, retitled, trimmed, with boilerplate
appended; counted as separate reports it inflates every figure (GDELT's failure). Each
article gets a MinHash signature of its 5-word shingles; the signature is cut into bands
whose hashes the store keeps in a table, so the candidates for a new article come from a
join, need no index in RAM and survive restarts. A candidate is a copy only when the exact
shingle sets agree: Jaccard >= `MIN_JACCARD`, or one text nearly contained in the other
(a trimmed copy). Wire credits ("(AP)", "Reuters") are read from the text's edges.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from powderkeg.extract.actors import fold
from powderkeg.lexicons import data_path

if TYPE_CHECKING:
    from datasketch import MinHash

#: Words per shingle: long enough that two stories on the same dyad share few of them.
SHINGLE_WORDS = 5
#: LSH bands x rows per band = permutations. With 3 rows, a pair at Jaccard 0.5 shares a band
#: with probability 1 - (1 - 0.5**3)**42 = 0.996, a pair at 0.1 with 0.04.
BANDS = 42
ROWS = 3
NUM_PERM = BANDS * ROWS
SEED = 14
#: A copy shares at least half its shingles with the other text ...
MIN_JACCARD = 0.5
#: ... or nearly all of the shorter text is in the longer one (a copy with a paragraph cut).
MIN_CONTAINMENT = 0.8
#: Candidates checked exactly per new article, those sharing most bands first (store/write.py).
MAX_CHECKS = 20
#: Texts shorter than this many shingles are too short to tell copies from shared phrases.
MIN_SHINGLES = 8

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """The text's words, case- and accent-folded, so retyped quotes and accents do not matter."""
    return _WORD.findall(fold(text))


def shingles(text: str) -> frozenset[str]:
    """Every run of `SHINGLE_WORDS` words (the whole text as one shingle when it is shorter)."""
    w = words(text)
    if len(w) < SHINGLE_WORDS:
        return frozenset([" ".join(w)]) if w else frozenset()
    return frozenset(" ".join(w[i:i + SHINGLE_WORDS]) for i in range(len(w) - SHINGLE_WORDS + 1))


def signature(items: Iterable[str]) -> MinHash:
    """A MinHash of the shingles; the same text always gives the same signature (fixed seed)."""
    mh = _empty_signature().copy()
    mh.update_batch([s.encode("utf-8") for s in items])
    return mh


@cache
def _empty_signature() -> MinHash:
    """The MinHash of no shingles, copied for each text: its 126 permutations are drawn once, not per article."""
    from datasketch import MinHash  # imported here: half a second that only the processes fingerprinting pay

    return MinHash(num_perm=NUM_PERM, seed=SEED)


def band_keys(mh: MinHash) -> list[int]:
    """One signed 64-bit key per band (DuckDB BIGINT): equal keys in a band make a candidate pair."""
    values = mh.hashvalues
    out = []
    for band in range(BANDS):
        chunk = values[band * ROWS:(band + 1) * ROWS].tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(2, "big")).digest()
        out.append(int.from_bytes(digest, "big", signed=True))
    return out


@dataclass(frozen=True)
class Likeness:
    """How much of two texts is the same: Jaccard of their shingles and the shorter one's containment."""

    jaccard: float
    containment: float

    @property
    def is_copy(self) -> bool:
        return self.jaccard >= MIN_JACCARD or self.containment >= MIN_CONTAINMENT


def likeness(a: frozenset[str], b: frozenset[str]) -> Likeness:
    """The exact check behind a candidate pair."""
    if not a or not b:
        return Likeness(0.0, 0.0)
    shared = len(a & b)
    return Likeness(shared / len(a | b), shared / min(len(a), len(b)))


def comparable(items: frozenset[str]) -> bool:
    """Whether a text is long enough for copy detection at all."""
    return len(items) >= MIN_SHINGLES


@dataclass(frozen=True)
class Fingerprint:
    """What the store keeps of an article for copy lookups."""

    bands: tuple[int, ...]
    n_shingles: int
    wire: str | None


def fingerprint(text: str) -> Fingerprint:
    """Band keys (none for a text too short to compare), shingle count and wire credit."""
    items = shingles(text)
    bands = tuple(band_keys(signature(items))) if comparable(items) else ()
    return Fingerprint(bands=bands, n_shingles=len(items), wire=wire_credit(text))


@cache
def _wires() -> tuple[tuple[str, re.Pattern[str]], ...]:
    rows = []
    for line in data_path("wires.csv").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or line.startswith("name,"):
            continue
        name, pattern = line.split(",", 1)
        rows.append((name, re.compile(pattern)))
    return tuple(rows)


#: Credits sit in the dateline or the last lines.
EDGE = 300


def wire_credit(text: str) -> str | None:
    """The news agency a text credits ("PRISTINA (AP) -", "... (Reuters)"), if any."""
    edges = text[:EDGE] + "\n" + text[-EDGE:]
    for name, pattern in _wires():
        if pattern.search(edges):
            return name
    return None


def groups(pairs: Sequence[tuple[str, str]], members: Iterable[str] = ()) -> dict[str, str]:
    """Union-find over copy pairs: each article id -> its group's id (the smallest member id)."""
    parent: dict[str, str] = {m: m for m in members}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = root(a), root(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {m: root(m) for m in list(parent)}

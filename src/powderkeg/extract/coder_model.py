"""The learned coder: the rules' events, checked and completed by a model trained on the gold articles.

Why a hybrid at the article level: the shared scorer counts an event once per article
as (source, target, type, negated), and out of fold the rules are precise (P ~0.7)
but find a third of the gold. So the model scores each key the article's candidates
make possible (extract/candidates.py `Pair`, extract/features.py `key_features`);
a rules event is kept unless the model scores its key below `drop`, and a key the
rules missed is added when the model scores it at least `add`. Both thresholds are
chosen by cross-validation inside the training articles (extract/training.py).

Why linear and stored as JSON: logistic regressions over hashed features are fast
(a few dictionary look-ups per key), deterministic, and their weights are plain
numbers anyone can read or diff; nothing is unpickled. The model file is written by
scripts/train_coder.py and shipped in powderkeg/data/, so a fresh clone runs
without the gold sets.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

import numpy as np

from powderkeg.errors import DataFileError
from powderkeg.extract.candidates import Candidate, Pair, Salience, article_candidates, article_pairs
from powderkeg.extract.events import Unit
from powderkeg.extract.features import (
    N_FEATURES,
    _named_types,
    _type_prefix,
    crossed_bytes,
    dep_path,
    hash_feature,
    hashed,
    key_hashes,
    key_own,
    key_rules,
    own_places,
    pair_bag,
    pair_shared,
    plausible_types,
)
from powderkeg.lexicons import data_path
from powderkeg.models import Event, Mention

#: The class that means "no event" (first in the key model's class list).
NONE = "NONE"
#: The class that means "this key is an event of the article".
YES = "EVENT"
MODEL_FILE = "coder_model.json"
FORMAT = 2


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression over hashed columns: weights only for columns seen in training."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[int, tuple[float, ...]]

    @cached_property
    def _margin(self) -> dict[int, float]:
        """Two classes: each column's weight for the second minus the first (one sum per call, not two)."""
        return {col: row[1] - row[0] for col, row in self.weights.items()}

    @staticmethod
    def p_of_margin(margin: float) -> float:
        """The logistic of a two-class margin, computed without overflow."""
        return 1.0 / (1.0 + math.exp(-margin)) if margin >= 0 else math.exp(margin) / (1.0 + math.exp(margin))

    def probabilities(self, columns: Sequence[int]) -> list[float]:
        """Softmax of intercept + the summed weight rows of the active columns."""
        if len(self.classes) == 2:  # the key model, called ~100 times an article: a logistic of the margin
            margin = self.intercept[1] - self.intercept[0] + sum(map(self._margin.get, columns, repeat(0.0)))
            p = self.p_of_margin(margin)
            return [1.0 - p, p]
        z = list(self.intercept)
        for col in columns:
            row = self.weights.get(col)
            if row is not None:
                for k, w in enumerate(row):
                    z[k] += w
        top = max(z)
        exp = [math.exp(v - top) for v in z]
        total = sum(exp)
        return [e / total for e in exp]

    def to_dict(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "intercept": [round(v, 5) for v in self.intercept],
                "weights": {str(k): [round(v, 5) for v in row] for k, row in sorted(self.weights.items())}}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> LinearModel:
        classes = tuple(str(c) for c in raw["classes"])
        weights = {int(k): tuple(float(v) for v in row) for k, row in raw["weights"].items()}
        if any(len(row) != len(classes) for row in weights.values()) or len(raw["intercept"]) != len(classes):
            raise ValueError("weight rows do not match the class list")
        return cls(classes, tuple(float(v) for v in raw["intercept"]), weights)


@dataclass(frozen=True)
class CoderModel:
    """The key model (is this (source, target, type) an event of the article?), the status model, the thresholds."""

    keys: LinearModel  # classes (NONE, YES)
    status: LinearModel  # on candidate columns: reported / claimed / planned / denied
    types: tuple[str, ...]  # the event types the key model scores
    add: float = 0.5  # a key the rules missed is coded when P(event) is at least this
    drop: float = 0.0  # a rules event is dropped when P(event) of its key is below this
    add_type: float = 1.01  # a type the article has no event of yet: its best citable key is coded at this P
    meta: dict[str, Any] | None = None  # what it was trained on (counts, feature space), for humans

    @cached_property
    def scorer(self) -> KeyScorer:
        """The key model's columns as `score_keys` reads them (built once per model)."""
        return KeyScorer(self)

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "n_features": N_FEATURES, "add": self.add, "drop": self.drop, "add_type": self.add_type,
                "types": list(self.types), "meta": self.meta or {},
                "keys": self.keys.to_dict(), "status": self.status.to_dict()}

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> CoderModel:
        """Read a model file; DataFileError names the file and what is wrong with it."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataFileError(str(path), 0, f"cannot read the coder model: {exc}") from exc
        if raw.get("format") != FORMAT or raw.get("n_features") != N_FEATURES:
            raise DataFileError(str(path), 0, f"coder model format {raw.get('format')}/{raw.get('n_features')} "
                                f"is not {FORMAT}/{N_FEATURES}; retrain with scripts/train_coder.py")
        try:
            keys, status = LinearModel.from_dict(raw["keys"]), LinearModel.from_dict(raw["status"])
            types = tuple(str(t) for t in raw["types"])
            add, drop, add_type = float(raw["add"]), float(raw["drop"]), float(raw.get("add_type", 1.01))
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(str(path), 0, f"bad coder model: {exc}") from exc
        if keys.classes != (NONE, YES):
            raise DataFileError(str(path), 0, f"the key model's classes must be {NONE}, {YES}")
        return cls(keys, status, types, add, drop, add_type, raw.get("meta"))


@lru_cache(maxsize=1)
def shipped_model() -> CoderModel | None:
    """The model in powderkeg/data/, or None when the package has none (rules only)."""
    path = data_path(MODEL_FILE)
    return CoderModel.load(path) if path.exists() else None


@dataclass(frozen=True)
class ScoredKey:
    """The model's verdict on one article-level key (for `powderkeg explain` and the decision)."""

    pair: Pair
    type: str
    p: float  # P(this key is an event of the article)
    rules: bool  # the rules coded exactly this key (not negated)
    coded: bool  # the hybrid codes it: kept rules event, or added


def key_columns(pairs: Sequence[Pair], types: Sequence[str],
                salience: Salience) -> list[tuple[Pair, str, list[int]]]:
    """(pair, type, hashed key features) for every plausible key of the article."""
    per_candidate = {id(c): c.features for p in pairs for c in p.candidates}
    out = []
    for pair in pairs:
        bag = pair_bag(pair, per_candidate)
        crossed = crossed_bytes(bag)
        for etype in plausible_types(pair, bag, tuple(types)):
            out.append((pair, etype, key_hashes(pair, etype, crossed, salience, bag)))
    return out


#: Crossed features whose weighted columns `KeyScorer` keeps at most (emptied when full: memory stays flat).
CROSSED_CACHE = 1 << 17
#: Entries each of `KeyScorer`'s key-base caches keeps at most (the pair's shared features; the two halves of
#: `key_rest`). When a key base was cached whole (with the pair's shared features), few recurred beyond one
#: article and an entry held ~850 bytes: a cache as large as CROSSED_CACHE made each worker of a long ingest
#: ~110 MiB larger. The halves recur (200 short leads: 1,223 and ~2,000 distinct) and hold a few columns each.
BASE_CACHE = 1 << 12


def _cached_columns(cache: dict[Any, list[int]], features: Callable[..., Iterable[str]], key: tuple[Any, ...]) -> list[int]:
    """The hashed columns of `features(*key)`, from a cache cleared whenever it reaches BASE_CACHE entries."""
    found = cache.get(key)
    if found is None:
        found = [hash_feature(x) for x in features(*key)]
        if len(cache) >= BASE_CACHE:
            cache.clear()
        cache[key] = found
    return found


class KeyScorer:
    """The key model's P(event) for every key of an article: the same figures as `key_columns` +
    `LinearModel.probabilities`, with a fraction of the work.

    Why exact: `probabilities` adds the margins of a key's distinct columns one after another in column
    order, starting from 0.0. Here all the keys of a pair are one matrix, a row per type: its crossed
    columns (`key_hashes`' crc32 run on from the type's prefix) and its base columns, padded with a column
    past the last whose margin is 0.0. Each row is sorted, a repeated column's margin is replaced by 0.0, and
    the rows are summed by `np.cumsum` along the row, which adds one after another. A 0.0 leaves a float sum
    unchanged (no margin is -0.0: it is a difference of two weights), so every row gives its key's sum.
    Why faster (issue 17): a crossed feature is hashed once for all the types (a row of `_table`), and so is
    each of the pair's shared features (`pair_shared`), which a key holds both as it is and crossed with the
    type (`type|x` is crc32 run on from the type's prefix, like the bag's crossed features). The rest of a key's
    base features depends on the type and a few bucketed counts only and is hashed once per distinct
    combination (cached). A pair's ~100 additions per type run in a handful of numpy calls.
    """

    def __init__(self, model: CoderModel) -> None:
        keys = model.keys
        self.model = keys
        self.types = model.types
        self.index = {t: i for i, t in enumerate(model.types)}
        self.prefixes = [_type_prefix(t) for t in model.types]
        #: a margin per column, and one more (0.0) for the padding column N_FEATURES
        self.margin = np.zeros(N_FEATURES + 1, dtype=np.float64)
        for col, m in keys._margin.items():
            self.margin[col] = m
        self._bias = keys.intercept[1] - keys.intercept[0]
        #: crossed feature -> its row of `_table`: the feature's column for every type
        self._row: dict[bytes, int] = {}
        self._table = np.zeros((1024, len(self.types)), dtype=np.int64)
        self._shared: dict[frozenset[str], tuple[list[bytes], list[int]]] = {}
        self._own: dict[tuple[object, ...], list[int]] = {}
        self._base: dict[tuple[object, ...], list[int]] = {}

    def _rows(self, features: list[bytes]) -> list[int]:
        """The rows of `_table` that hold each crossed feature's column for every type, as `key_hashes`
        computes them (crc32 run on from the type's prefix); a feature seen before is not hashed again."""
        found = self._row
        if len(found) + len(features) > CROSSED_CACHE:
            found.clear()  # memory stays flat; never inside the loop, whose rows must stay valid
        out = []
        for b in features:
            r = found.get(b)
            if r is None:
                r = found[b] = len(found)
                if r == len(self._table):
                    self._table = np.vstack((self._table, np.zeros_like(self._table)))
                self._table[r] = [zlib.crc32(b, prefix) % N_FEATURES for prefix in self.prefixes]
            out.append(r)
        return out

    def _pair_part(self, of_pair: frozenset[str]) -> tuple[list[bytes], list[int]]:
        """`pair_shared`'s features as a key holds them for any type: crossed with the type (`type|x`, the
        bytes to run crc32 on from the type's prefix) and as they are (their columns, the same for every type)."""
        found = self._shared.get(of_pair)
        if found is None:
            found = ([x.encode("utf-8") for x in of_pair], [hash_feature(x) for x in of_pair])
            if len(self._shared) >= BASE_CACHE:
                self._shared.clear()
            self._shared[of_pair] = found
        return found

    def _base_columns(self, pair: Pair, etype: str, places: frozenset[str], named: int) -> list[int]:
        """The columns of `key_rest`: `_key_base` without the pair's shared features (`_pair_part` adds them).
        Each half is cached by what it reads: the type, where the pair's sentences name it (`own_places`) and
        how many types they name (`key_own`); the type and the rules' types for the pair and its reverse
        (`key_rules`). Why halves: each has a few hundred combinations over an ingest, their product thousands,
        which a bounded cache kept emptying (12 k misses in 18.6 k look-ups over 200 short leads)."""
        return (_cached_columns(self._own, key_own, (etype, places, named))
                + _cached_columns(self._base, key_rules, (etype, pair.rule_types, pair.reverse_types)))

    def _p_rows(self, rows: np.ndarray) -> list[float]:
        """P(event) of each row of columns (repeats allowed; N_FEATURES pads): distinct margins summed in order."""
        rows = np.sort(rows, axis=1)
        values = self.margin[rows]
        values[:, 1:][rows[:, 1:] == rows[:, :-1]] = 0.0  # a column counts once
        totals = np.cumsum(values, axis=1)[:, -1].tolist() if rows.shape[1] else [0.0] * len(rows)
        p_of_margin, bias = self.model.p_of_margin, self._bias
        return [p_of_margin(bias + total) for total in totals]

    def p_event(self, cols: np.ndarray) -> float:
        """P(event) of a key from its columns (any order, repeats allowed), as `probabilities(...)[1]`."""
        return self._p_rows(np.asarray(cols, dtype=np.int64).reshape(1, -1))[0]

    def scores(self, pairs: Sequence[Pair], salience: Salience) -> list[tuple[Pair, str, float]]:
        """(pair, type, P(event)) for every plausible key, in `key_columns`' order.

        A key's columns are one row: the bag's crossed features and the pair's shared features, both crossed
        with the type (`_table`), the shared features as they are, and the rest of `_key_base` (padded)."""
        per_candidate = {id(c): c.features for p in pairs for c in p.candidates}
        out: list[tuple[Pair, str, float]] = []
        for pair in pairs:
            bag = pair_bag(pair, per_candidate)
            types = plausible_types(pair, bag, self.types)
            if not types:
                continue
            places = own_places(bag)
            named = _named_types(bag)
            shared, plain = self._pair_part(pair_shared(pair, salience))
            bases = [self._base_columns(pair, etype, places.get(etype, frozenset()), named)
                     for etype in types]
            width = max(map(len, bases))
            rows = self._rows(crossed_bytes(bag) + shared)
            crossed = self._table[rows][:, [self.index[t] for t in types]].T  # (types, crossed features)
            n_crossed, n_plain = crossed.shape[1], len(plain)
            keys = np.empty((len(types), n_crossed + n_plain + width), dtype=np.int64)
            keys[:, :n_crossed] = crossed
            keys[:, n_crossed:n_crossed + n_plain] = plain
            keys[:, n_crossed + n_plain:] = [b + [N_FEATURES] * (width - len(b)) for b in bases]
            out.extend((pair, etype, p) for etype, p in zip(types, self._p_rows(keys), strict=True))
        return out


def score_keys(model: CoderModel, units: Sequence[Unit], verdicts: dict[int, list[Event]],
               rule_events: Sequence[Event], mentions: Sequence[Mention]) -> list[ScoredKey]:
    """The model's verdict on every plausible key of an article."""
    pairs = article_pairs(article_candidates(units, verdicts), rule_events)
    out = []
    for pair, etype, p in model.scorer.scores(pairs, Salience.of(mentions)):
        ruled = etype in pair.rule_types
        # a key the rules coded as negated ("has not imposed sanctions") is never added unnegated
        addable = p >= model.add and f"{etype}-neg" not in pair.rule_types
        out.append(ScoredKey(pair, etype, p, ruled, p >= model.drop if ruled else addable))
    return type_pass(model, out, rule_events)


def type_pass(model: CoderModel, scored: list[ScoredKey], rule_events: Sequence[Event]) -> list[ScoredKey]:
    """Each type the article has no coded event of gets its most probable citable key, when that scores at
    least `add_type`.

    Why: an article's gold names a handful of types, and a type the text states once ("rejected",
    "demanded") is often scored below `add` on every pair; the best of its keys is the article's likeliest
    event of that type. The threshold is chosen by inner cross-validation (extract/training.py)."""
    read = rules_read(rule_events)
    have = {ev.type for ev in rule_events} | {s.type for s in scored if s.coded and (s.rules or citable(
        s.pair, s.type, read))}
    best: dict[str, int] = {}
    for k, s in enumerate(scored):
        if (s.type in have or s.rules or s.p < model.add_type or f"{s.type}-neg" in s.pair.rule_types
                or not citable(s.pair, s.type, read)):
            continue
        if s.type not in best or s.p > scored[best[s.type]].p:
            best[s.type] = k
    return [replace(s, coded=True) if k in best.values() else s for k, s in enumerate(scored)]


def _evidence(pair: Pair, etype: str) -> Candidate:
    """The candidate whose sentence best stands for the key: the meeting word of its actors names the type."""
    for prefix in ("lca_class=", "on_path_class=", "shead_class=", "thead_class=", "sent_class="):
        for c in pair.candidates:
            if f"{prefix}{etype}" in c.features:
                return c
    return pair.candidates[0]


def _names_type(pair: Pair, etype: str) -> bool:
    """Some sentence of the pair has a word of the type's lexicon class, or a rules verdict of that type.

    Why: every fact cites the sentence it came from. Without this, a key could cite "Chief negotiators
    agreed on a roadmap ... mediated by the EU" for EU->XKX ACCUSE. It costs 0.004-0.007 of out-of-fold
    events F1 (keys the gold has but no sentence names by a lexicon word) and gains precision."""
    if pair.source == pair.target:
        # two sides of one place (issue 15 §3.1): the type's word must join them ("clashes between the army and
        # the RSF"), not merely sit in the sentence ("attacks against Houthi targets in Houthi-held Yemen")
        return any(_joins(c, etype) for c in pair.candidates)
    marks = (f"sent_class={etype}", f"rule={etype}")
    return any(m in c.features for c in pair.candidates for m in marks)


def _joins(c: Candidate, etype: str) -> bool:
    """The word where the candidate's two sides meet, or one on the path between them, is of the type; or the
    two sides are what a noun of the type is "between"."""
    f = c.features
    if {f"lca_class={etype}", f"on_path_class={etype}", f"rule={etype}"} & f:
        return True
    return any(f"{side}prep=between" in f and f"{side}prep_class={etype}" in f for side in ("s", "t"))


def to_event(model: CoderModel, s: ScoredKey) -> Event:
    """The event of a key the model adds (the rules did not code it): its best sentence as evidence."""
    c = _evidence(s.pair, s.type)
    sp = model.status.probabilities(hashed(c.features))
    status = model.status.classes[max(range(len(sp)), key=lambda j: sp[j])]
    _, lca, _ = dep_path(c.source_tok, c.target_tok)
    evidence = c.sent.text
    return Event(source=c.source, target=c.target, type=s.type, negated=False, status=status,
                 evidence=evidence, start=c.start, end=c.start + len(evidence), trigger=lca.text,
                 source_text=c.source_tok.text, target_text=c.target_tok.text, rule=f"model {s.p:.2f}")


def decide(model: CoderModel, units: Sequence[Unit], verdicts: dict[int, list[Event]],
           rule_events: Sequence[Event], mentions: Sequence[Mention]) -> list[Event]:
    """An article's events: the rules' events the model does not reject, then the keys it adds."""
    scored = score_keys(model, units, verdicts, rule_events, mentions)
    verdict = {(s.pair.source, s.pair.target, s.type): s for s in scored}
    out = []
    for ev in rule_events:
        s = verdict.get((ev.source, ev.target, ev.type))
        if ev.negated or s is None or s.coded:
            out.append(ev if s is None or ev.negated else replace(ev, rule=f"{ev.rule} + model {s.p:.2f}"))
    read = rules_read(rule_events)
    out.extend(to_event(model, s) for s in scored if s.coded and not s.rules and citable(s.pair, s.type, read))
    return out


def recheck_added(events: Sequence[Event], later: Sequence[Event]) -> list[Event]:
    """`events` without the model's added keys whose sentence a later rule reads as an act of that type with
    either party: the `citable` test, repeated for the speakers' stance events (extract/stance.py), which are
    coded after the model from the quotes ("UNIFIL said it recorded Israeli violations" is the UN's ACCUSE
    of Israel, no evidence for ISR->LBN ACCUSE)."""
    read = rules_read(later)
    return [ev for ev in events if not ev.rule.startswith("model ")
            or not {(ev.start, ev.type, ev.source), (ev.start, ev.type, ev.target)} & read]


def rules_read(rule_events: Sequence[Event]) -> set[tuple[int, str, str]]:
    """(sentence start, type, party) of every act the rules read: what `citable` checks an added key against."""
    return {(ev.start, ev.type, party) for ev in rule_events if not ev.negated for party in (ev.source, ev.target)}


def citable(pair: Pair, etype: str, read: set[tuple[int, str, str]]) -> bool:
    """A key the rules missed may be added only if it has a sentence to cite that states it.

    Some sentence of the pair must name the type (`_names_type`), and its evidence sentence must not hold
    the rules' own reading of an act of that type with either party: that sentence says something else
    ("New Delhi accused Islamabad ..." is no evidence for PAK->IND ACCUSE, "New Delhi accused Beijing of
    giving Pakistan ..." none for PAK->CHN ACCUSE). Training applies the same test when it picks the
    threshold (extract/training.py), so the threshold fits the keys that can really be added.
    """
    if not _names_type(pair, etype):
        return False
    c = _evidence(pair, etype)
    return not {(c.start, etype, pair.source), (c.start, etype, pair.target)} & read

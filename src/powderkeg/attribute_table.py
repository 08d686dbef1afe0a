"""An exact, faster stand-in for spaCy's attribute ruler (issue 17, docs/performance.md "Throughput").

Why: the English model's attribute ruler maps the tagger's TAG (and a few LOWER/DEP tests) to POS,
MORPH and some lemmas through a `Matcher` of 179 patterns, ~17 % of the parse. Every pattern is a
fixed run of tokens, each tested on TAG, LOWER, DEP and IS_SPACE only, so what the ruler does to a
token is a function of those four values (plus, for the few multi-token patterns, its neighbours').
`AttributeTable` works that outcome out once per distinct row of values, caches it, and writes a
doc's outcomes with one `Doc.from_array`: the same patterns applied in the same order (a later pattern
wins, as in the ruler), so POS, MORPH, LEMMA and TAG come out identical (tests/test_nlp.py).

A pattern outside that shape (an operator such as "?" or "+", another attribute, another predicate)
makes `AttributeTable.supports` false, and `powderkeg.nlp.load` then keeps spaCy's ruler.
"""

# No `from __future__ import annotations` here: spaCy's registry reads the factories' annotations at
# run time, and the confection that spaCy 3.8.7 pins cannot resolve them as strings.
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

#: Token attributes a pattern may test (the columns of a doc's row key, in this order).
TESTED = ("TAG", "LOWER", "DEP", "IS_SPACE")
_TESTED_IDS = [TAG, LOWER, DEP, IS_SPACE]
#: Attributes a pattern may set (the columns written back with Doc.from_array).
WRITTEN = (TAG, POS, MORPH, LEMMA, DEP)
#: What the component is registered as (it takes the ruler's name in the pipeline).
FACTORY = "powderkeg_attribute_table"
#: Masks kept per tested attribute at most (LOWER grows with the vocabulary; emptied when full).
MASK_CACHE = 1 << 17

Predicate = Callable[[Any], bool]


def _value_test(value: Any) -> Predicate | None:
    """A test of one attribute value as the Matcher does it (equality, IN, NOT_IN, REGEX), or None if unsupported."""
    if isinstance(value, str | bool):
        return lambda v: v == value
    if isinstance(value, dict) and len(value) == 1:
        (op, arg), = value.items()
        if op == "IN" and isinstance(arg, list):
            inside = frozenset(arg)
            return lambda v: v in inside
        if op == "NOT_IN" and isinstance(arg, list):
            outside = frozenset(arg)
            return lambda v: v not in outside
        if op == "REGEX" and isinstance(arg, str):
            rx = re.compile(arg)
            return lambda v: rx.search(v) is not None
    return None


@dataclass(frozen=True)
class _Pattern:
    """One alternative of one ruler entry: its order (`rank`), its elements' bits, the offset of the token it sets."""

    rank: int
    bits: tuple[int, ...]  # one bit per element, in the token masks
    index: int  # already made non-negative


_Outcome = int  # an index into AttributeTable's outcome arrays


class AttributeTable:
    """The attribute ruler's patterns, applied through cached per-token outcomes (see the module docstring).

    Each element of each pattern has a bit. For a value of a tested attribute, a mask holds the bits of
    the elements that value does not rule out; a token's mask (the AND over its four attributes) holds
    the elements it passes. The masks are cached per attribute value (a vocabulary's worth at most), the
    outcomes per distinct set of matched entries (a few hundred).
    """

    def __init__(self, ruler: Any) -> None:
        self.vocab = ruler.vocab
        self.supported = True
        #: Per rank: the normalised {attr id: value} the ruler sets (MORPH already a morphology key).
        self.sets: list[dict[int, int]] = []
        #: Per tested attribute: (element bit, test) for the elements that test it.
        self.tests: list[list[tuple[int, Predicate]]] = [[] for _ in TESTED]
        self.patterns: list[_Pattern] = []
        bit = 0
        for rank, entry in enumerate(ruler.patterns):
            attrs = ruler.attrs[rank]
            if any(k not in WRITTEN for k in attrs):
                self.supported = False
            self.sets.append({k: int(v) for k, v in attrs.items() if k in WRITTEN})
            index = int(entry["index"])
            for alternative in entry["patterns"]:
                if not alternative or not -len(alternative) <= index < len(alternative):
                    self.supported = False
                    continue
                bits = []
                for spec in alternative:
                    for key, value in spec.items():
                        test = _value_test(value) if key in TESTED else None
                        if test is None or (key == "IS_SPACE") != isinstance(value, bool):
                            self.supported = False
                        else:
                            self.tests[TESTED.index(key)].append((1 << bit, test))
                    bits.append(1 << bit)
                    bit += 1
                self.patterns.append(_Pattern(rank, tuple(bits), index % len(alternative)))
        self.all_bits = (1 << bit) - 1
        self.single = [p for p in self.patterns if len(p.bits) == 1]
        self.multi = [p for p in self.patterns if len(p.bits) > 1]
        self.single_bits = sum(p.bits[0] for p in self.single)
        self.multi_first = sum(p.bits[0] for p in self.multi)
        #: Per tested attribute: value id -> mask.
        self._masks: list[dict[int, int]] = [{} for _ in TESTED]
        #: (single-token bits matched, extra ranks from multi-token matches) -> outcome index.
        self._outcome_ids: dict[tuple[int, tuple[int, ...]], _Outcome] = {}
        self._set = np.zeros((0, len(WRITTEN)), dtype=bool)
        self._values = np.zeros((0, len(WRITTEN)), dtype=np.uint64)

    @staticmethod
    def supports(ruler: Any) -> bool:
        """Whether every pattern of `ruler` has the shape this table reproduces exactly."""
        return AttributeTable(ruler).supported

    def _mask(self, col: int, value: int) -> int:
        """The bits of the elements whose test of attribute `col` this value passes (or that do not test it)."""
        plain: Any = bool(value) if col == 3 else (self.vocab.strings[value] if value else "")
        mask = self.all_bits
        for bit, test in self.tests[col]:
            if not test(plain):
                mask &= ~bit
        if len(self._masks[col]) >= MASK_CACHE:
            self._masks[col].clear()
        self._masks[col][value] = mask
        return mask

    def _outcome(self, matched: int, extra: tuple[int, ...]) -> _Outcome:
        """The outcome index for these single-token bits and extra ranks: entries applied in rank order, later wins."""
        ranks = sorted({p.rank for p in self.single if matched & p.bits[0]} | set(extra))
        merged: dict[int, int] = {}
        for rank in ranks:
            merged.update(self.sets[rank])
        found = self._outcome_ids[matched, extra] = len(self._outcome_ids)
        self._set = np.vstack([self._set, [[a in merged for a in WRITTEN]]])
        self._values = np.vstack([self._values, np.array([[merged.get(a, 0) for a in WRITTEN]], dtype=np.uint64)])
        return found

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        tags, lowers, deps, spaces = doc.to_array(_TESTED_IDS).T.tolist()
        mt, ml, md, ms = self._masks
        masks = [(mt.get(t) or self._mask(0, t)) & (ml.get(low) or self._mask(1, low))
                 & (md.get(d) or self._mask(2, d)) & (ms.get(sp) or self._mask(3, sp))
                 for t, low, d, sp in zip(tags, lowers, deps, spaces, strict=True)]
        extra: dict[int, list[int]] = {}
        if any(m & self.multi_first for m in masks):
            for i, m in enumerate(masks):
                if m & self.multi_first:
                    for p in self.multi:
                        if i + len(p.bits) <= n and all(masks[i + e] & b for e, b in enumerate(p.bits)):
                            extra.setdefault(i + p.index, []).append(p.rank)
        ids = self._outcome_ids
        single = self.single_bits
        out = []
        for i, m in enumerate(masks):
            key = (m & single, tuple(sorted(set(extra[i]))) if i in extra else ())
            found = ids.get(key)
            out.append(self._outcome(*key) if found is None else found)
        rows = np.fromiter(out, dtype=np.intp, count=n)
        current = doc.to_array(list(WRITTEN))
        doc.from_array(list(WRITTEN), np.where(self._set[rows], self._values[rows], current))  # type: ignore[arg-type]
        return doc


@Language.factory(FACTORY, default_config={"source": "attribute_ruler"})
def make_attribute_table(nlp: Language, name: str, source: str) -> AttributeTable:
    """Build the table from the pipeline's attribute ruler named `source` (which the caller then removes)."""
    return AttributeTable(nlp.get_pipe(source))


#: What the lemma component is registered as (it takes the lemmatizer's name in the pipeline).
LEMMA_FACTORY = "powderkeg_lemma_table"
#: Cached lemmas kept at most (the cache is emptied when full: memory stays flat on a long ingest).
LEMMA_CACHE = 1 << 16


class LemmaTable:
    """spaCy's rule lemmatizer with every answer cached by (ORTH, POS, MORPH), written with one Doc.from_array.

    Why exact: the rule lemmatizer's answer is a function of the token's text, POS and morphology (its own
    cache is keyed on the same three), and it runs only on tokens without a lemma (`overwrite` off); this
    asks it once per distinct key and token without a POS (which it warns about) always. Why faster: spaCy's
    caches only the rule path, so every singular noun and base verb re-reads its morphology in Python, and
    its rule path tests `form in index` on lists of up to 57,000 words: they become frozensets here (the
    same membership, in constant time).
    """

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        index = lemmatizer.lookups.get_table("lemma_index", None)
        if index is not None:
            for key, words in list(index.items()):
                if isinstance(words, list):
                    index[key] = frozenset(words)
        self.strings = lemmatizer.vocab.strings
        self._cache: dict[tuple[int, int, int], int] = {}

    @staticmethod
    def supports(lemmatizer: Any) -> bool:
        """Only the rule mode, not overwriting: the case whose answer depends on (ORTH, POS, MORPH) alone."""
        return getattr(lemmatizer, "mode", None) == "rule" and not getattr(lemmatizer, "overwrite", True)

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        arr = doc.to_array([ORTH, POS, MORPH, LEMMA])
        cache = self._cache
        lemmas = arr[:, 3]
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(arr.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = cache.get(key)
            if found is None:
                found = self.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
                if pos:  # no POS: spaCy warns each time, so ask it each time
                    if len(cache) >= LEMMA_CACHE:
                        cache.clear()
                    cache[key] = found
            lemmas[i] = found
            changed = True
        if changed:
            doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
        return doc


@Language.factory(LEMMA_FACTORY, default_config={"source": "lemmatizer"})
def make_lemma_table(nlp: Language, name: str, source: str) -> LemmaTable:
    """Wrap the pipeline's lemmatizer named `source` (which the caller then removes)."""
    return LemmaTable(nlp.get_pipe(source))

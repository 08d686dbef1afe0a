"""Features of a candidate event, for the learned coder.

Why these: they describe the grammar and the lexicon, not the words of any one
article. The dependency path between the two actors and the word where their paths
meet say who does what to whom; the lexicon class of that word (verbs.csv) carries
the type to lemmas the gold never showed; negation, modal and reporting context
carry status; the rules' own verdicts let the model keep what the rules get right.
The verbs and nouns of a pair's sentences (`w=` lemma), crossed with the type at the key
level, let the model learn each type's words beyond the lexicon ("voiced its protest")
from the gold, and from more gold with no code change.
Features are strings hashed into a fixed number of columns, so the shipped model
holds numbers only, never a vocabulary.
"""

from __future__ import annotations

import zlib
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from weakref import WeakKeyDictionary

from spacy.tokens import Doc, Span, Token

from powderkeg.extract.candidates import Candidate, Pair, Salience
from powderkeg.extract.events import SPEECH, Unit, ancestor_indices, head_indices
from powderkeg.lexicons import load_triggers, load_type_words

#: Hashed feature columns (2**18): collisions are rare at a few tens of thousands of distinct features.
N_FEATURES = 1 << 18
MODALS = frozenset({"will", "would", "could", "may", "might", "should", "can", "must", "shall"})
CONTENT_POS = frozenset({"VERB", "NOUN", "ADJ"})
MAX_PATH = 6
#: Parts of speech whose lemmas become per-type word features at the key level (a learned vocabulary of types).
WORD_POS = frozenset({"VERB", "NOUN"})


@lru_cache(maxsize=1)
def lexicon_classes() -> dict[str, frozenset[str]]:
    """Lemma -> the PLOVER types verbs.csv gives it (any part of speech, any object constraint), and the
    type words the rules do not read (lexicons.load_type_words: "retaliation", "baseless", "backing")."""
    out: dict[str, set[str]] = {}
    for (lemma, _pos), trigs in load_triggers().items():
        out.setdefault(lemma.split(" ", 1)[0], set()).update(t.type for t in trigs)
    for lemma, types in load_type_words().items():
        out.setdefault(lemma, set()).update(types)
    return {k: frozenset(v) for k, v in out.items()}


def path_indices(heads: list[int], a: int, b: int) -> tuple[list[int], int, list[int]]:
    """`dep_path` on token indices: (a up to the meeting point, the meeting point, down from it to b)."""
    up_a, up_b = ancestor_indices(heads, a), ancestor_indices(heads, b)
    on_b = set(up_b)
    k_a = next((k for k, i in enumerate(up_a) if i in on_b), len(up_a) - 1)
    lca = up_a[k_a]
    k_b = next((k for k, i in enumerate(up_b) if i == lca), len(up_b))
    return up_a[:k_a], lca, up_b[:k_b][::-1]


def dep_path(a: Token, b: Token) -> tuple[list[Token], Token, list[Token]]:
    """(tokens from a up to the meeting point, the meeting point, tokens from the meeting point down to b).

    Walked on head indices; Token objects are built only for the path (issue 17)."""
    doc = a.doc
    left, lca, right = path_indices(head_indices(doc), a.i, b.i)
    return [doc[i] for i in left], doc[lca], [doc[i] for i in right]


def _classes(prefix: str, lemma: str) -> list[str]:
    return [f"{prefix}={ty}" for ty in sorted(lexicon_classes().get(lemma, ()))]


#: A doc's sentence features by sentence start, held while the doc lives (`sentence_features`).
_SENTENCE_FEATURES: WeakKeyDictionary[Doc, dict[int, frozenset[str]]] = WeakKeyDictionary()


def sentence_features(unit: Unit, sent: Span) -> frozenset[str]:
    """The lexicon classes and words of a candidate's sentence (`sent_class=`, `w=`).

    Why cached: they are the same for every candidate of the sentence (a sentence holds two on
    average), and walking its tokens again for each was a tenth of the coder's time (issue 17).
    Read from the unit's arrays, so no Token is built.
    """
    by_start = _SENTENCE_FEATURES.get(unit.doc)
    if by_start is None:
        by_start = _SENTENCE_FEATURES[unit.doc] = {}
    found = by_start.get(sent.start)
    if found is not None:
        return found
    f: set[str] = set()
    pos, lemmas, words = unit.pos, unit.lemmas, unit.words
    for i in range(sent.start, sent.end):
        if pos[i] in CONTENT_POS:
            f.update(_classes("sent_class", lemmas[i]))
            if pos[i] in WORD_POS and words[i]:
                f.add(f"w={lemmas[i]}")
    found = by_start[sent.start] = frozenset(f)
    return found


def _path_words(unit: Unit, left: list[int], lca: int, right: list[int]) -> set[str]:
    """The path, meeting word and content words on the path of one mention pair (`path_indices`), with classes."""
    deps, lemmas, pos = unit.deps, unit.lemmas, unit.pos
    path = [f"{deps[x]}^" for x in left] + [f"v{deps[y]}" for y in right]
    lemma = lemmas[lca]
    f = {f"path={'/'.join(path)}" if len(path) <= MAX_PATH else "path=long", f"lca={lemma}",
         *_classes("lca_class", lemma)}
    for x in (*left[1:], *right[:-1]):
        if pos[x] in CONTENT_POS:
            f.add(f"on_path={lemmas[x]}")
            f.update(_classes("on_path_class", lemmas[x]))
    return f


def candidate_features(c: Candidate) -> list[str]:
    """The feature strings of one candidate (sorted, no duplicates).

    Read from the unit's arrays (lemmas, parts of speech, dependency labels, heads, children): no Token
    is built here (issue 17)."""
    f: set[str] = {"bias"}
    # the rules' verdicts on this pair, the reverse pair and the rest of the sentence
    if c.rule_events:
        for ev in c.rule_events:
            f.update({f"rule={ev.type}", f"rule_status={ev.status}", f"rule_name={ev.rule.split('+')[0]}",
                      f"rule_neg={ev.negated}"})
    else:
        f.add("rule=none")
    for ev in c.sentence_events:
        if (ev.source, ev.target) == (c.target, c.source):
            f.add(f"rule_rev={ev.type}")
        elif (ev.source, ev.target) != (c.source, c.target):
            f.add(f"rule_other={ev.type}")
            if ev.source == c.source:
                f.add(f"rule_same_src={ev.type}")
            if ev.target == c.target:
                f.add(f"rule_same_tgt={ev.type}")
    if c.source == c.target:
        f.add("same_actor")
    unit = c.unit
    heads, lemmas, deps, lowers = head_indices(unit.doc), unit.lemmas, unit.deps, unit.lowers
    s, t = c.source_tok.i, c.target_tok.i
    left, lca, right = path_indices(heads, s, t)
    f |= _path_words(unit, left, lca, right)
    f.add(f"path_len={min(len(left) + len(right), MAX_PATH + 1)}")
    f.update({f"lca_pos={unit.pos[lca]}", f"lca_dep={deps[lca]}"})
    f.update({f"sdep={deps[s]}", f"tdep={deps[t]}", f"deps={deps[s]}|{deps[t]}"})
    for side, tok in (("s", s), ("t", t)):
        head = heads[tok]
        f.add(f"{side}head={lemmas[head]}")
        f.update(_classes(f"{side}head_class", lemmas[head]))
        if deps[tok] == "pobj":
            f.add(f"{side}prep={lowers[head]}")
            f.add(f"{side}prep_head={lemmas[heads[head]]}|{lowers[head]}")
            f.update(_classes(f"{side}prep_class", lemmas[heads[head]]))
        if tok in unit.person_tokens:
            f.add(f"{side}_person")
    if c.act_toks is not None:
        # the mentions the act joins, pooled with the shallowest pair's: its meeting word, path and path words
        f |= _path_words(unit, *path_indices(heads, c.act_toks[0].i, c.act_toks[1].i))
    f.update(sentence_features(unit, c.sent))
    # modality, negation and reporting around the meeting point
    children = unit.children
    for x in (lca, *left[1:], *right[:-1]):
        for ch in children[x]:
            if deps[ch] == "neg":
                f.add("neg")
            if deps[ch] == "aux" and lowers[ch] in MODALS:
                f.add(f"modal={lowers[ch]}")
    for i in ancestor_indices(heads, lca)[1:]:
        if lemmas[i] in SPEECH:
            f.add("under_speech")
            f.add(f"under_speech={lemmas[i]}")
            break
    if lemmas[lca] in SPEECH:
        f.add("lca_speech")
    f.add("s_first" if s < t else "t_first")
    f.add(f"dist={min(abs(s - t) // 3, 6)}")
    f.add(f"sent_len={min(len(c.sent) // 10, 5)}")
    return sorted(f)


@lru_cache(maxsize=1 << 18)
def hash_feature(name: str) -> int:
    """Stable column of a feature string (crc32: the same on every run and machine)."""
    return zlib.crc32(name.encode("utf-8")) % N_FEATURES


def hashed(features: Iterable[str]) -> list[int]:
    """Sorted distinct columns of a candidate's features."""
    return sorted({hash_feature(x) for x in features})


#: Candidate features that are crossed with the event type at the key level: grammar, lexicon class, rules, words.
CROSSED = ("rule", "lca", "on_path", "sent_class", "shead", "thead", "sprep", "tprep", "path", "under_speech",
           "neg", "modal", "deps", "w=")


def _bucket(n: int, cuts: tuple[int, ...] = (1, 2, 3, 5, 8)) -> int:
    return sum(n >= c for c in cuts)


def pair_bag(pair: Pair, per_candidate: Mapping[int, Collection[str]]) -> frozenset[str]:
    """The union of the features of a pair's candidates (`per_candidate` is keyed by id(candidate))."""
    return frozenset(x for c in pair.candidates for x in per_candidate[id(c)])


def plausible_types(pair: Pair, bag: frozenset[str], types: tuple[str, ...]) -> list[str]:
    """The types worth scoring for a pair: all when the rules coded it or its reverse, else those a lexicon
    class or a rule verdict in its sentences names.

    A pair the rules saw often holds other types in the gold too (an accusation and a
    rejection, an attack and a threat). Scoring every type for every pair would add noise
    and time for types no word of the sentences points to. In reach: 0.83 of the gold keys
    (0.92 of gold pairs); 0.71 without the first clause, out-of-fold events F1 0.453 -> 0.460.
    """
    if pair.rule_types or pair.reverse_types:
        return list(types)
    named = {x.split("=", 1)[1] for x in bag if "class=" in x or x.startswith("rule")}
    return [t for t in types if t in named]


#: Where a word of the key's own type can sit (candidate feature prefixes): `own=` features say so for any type.
OWN_PLACES = ("lca_class", "on_path_class", "shead_class", "thead_class", "sprep_class", "tprep_class", "sent_class",
              "rule_rev", "rule_other", "rule_same_src", "rule_same_tgt")


def own_type(bag: frozenset[str], etype: str) -> set[str]:
    """Where the pair's sentences name the key's own type ("own=lca_class": the word joining the two actors is
    of the type), shared by every type.

    Why: the crossed features (`ACCUSE|lca_class=ACCUSE`) learn each type on its own, and a rare type (CONCEDE,
    RETREAT, COERCE) has a few gold keys to learn from; "a word of this key's type joins the pair" means the
    same for all of them. Also how many types the sentences name, since a sentence naming one type is clearer.
    """
    return set(_own(frozenset(place for place in OWN_PLACES if f"{place}={etype}" in bag), _named_types(bag)))


@lru_cache(maxsize=1024)
def _own(places: frozenset[str], named: int) -> frozenset[str]:
    """`own_type` from the places that name the type (`own_places`) and the bucketed count of named types."""
    f = {f"own={place}" for place in places}
    f.add(f"own_n={_bucket(len(f))}")
    f.add(f"named_types={named}")
    return frozenset(f)


#: The same places as a set, for `own_places`.
_OWN_PLACE_SET = frozenset(OWN_PLACES)


def own_places(bag: frozenset[str]) -> dict[str, frozenset[str]]:
    """Type -> the places (`OWN_PLACES`) where the pair's sentences name it: what `own_type(bag, type)` tests
    one place at a time, found in one pass over the bag for all the types (the scorer asks for each)."""
    found: dict[str, set[str]] = {}
    for x in bag:
        place, eq, value = x.partition("=")
        if eq and place in _OWN_PLACE_SET:
            found.setdefault(value, set()).add(place)
    return {etype: frozenset(places) for etype, places in found.items()}


@lru_cache(maxsize=64)
def _named_types(bag: frozenset[str]) -> int:
    """How many types the sentences' words name (bucketed), once per pair, not once per key."""
    return _bucket(sum(x.startswith("sent_class=") for x in bag))


def pair_shared(pair: Pair, salience: Salience) -> frozenset[str]:
    """The part of a key's base features that depends on its pair only: the same for every type scored."""
    shared = {f"n_sent={_bucket(len({c.start for c in pair.candidates}))}",
              f"rules_pair={bool(pair.rule_types)}", f"rules_rev={bool(pair.reverse_types)}"}
    if pair.source == pair.target:
        # two sides of one place (extract/candidates.py `same_code_pairs`): domestic events have their own types
        shared.add("same_code")
    for side, code in (("s", pair.source), ("t", pair.target)):
        shared.add(f"{side}_count={_bucket(salience.count.get(code, 0))}")
        shared.add(f"{side}_rank={min(salience.rank.get(code, 9), 4)}")
    return frozenset(shared)


def _key_base(pair: Pair, etype: str, salience: Salience, bag: frozenset[str],
              of_pair: frozenset[str] | None = None) -> set[str]:
    """The features of a key that are not its bag crossed with the type (`of_pair`: `pair_shared`, when the
    caller scores several types of the pair and built it once)."""
    shared = pair_shared(pair, salience) if of_pair is None else of_pair
    places = frozenset(place for place in OWN_PLACES if f"{place}={etype}" in bag)
    f = key_rest(etype, places, _named_types(bag), pair.rule_types, pair.reverse_types)
    f.update(shared)
    f.update(f"{etype}|{x}" for x in shared)
    return f


def key_rest(etype: str, places: frozenset[str], named: int, rule_types: frozenset[str],
             reverse_types: frozenset[str]) -> set[str]:
    """`_key_base` without the pair's shared features: what depends on the type, where the pair's sentences name
    it (`own_places`), how many types they name (`_named_types`) and the rules' types for the pair and its
    reverse. Why apart: it reads no bag, so the scorer hashes each half once per distinct combination (issue 17)."""
    return key_own(etype, places, named) | key_rules(etype, rule_types, reverse_types)


def key_own(etype: str, places: frozenset[str], named: int) -> set[str]:
    """The half of `key_rest` that says where the pair's sentences name the type (`own_type`), crossed with it."""
    own = _own(places, named)
    return {f"T={etype}", *own, *(f"{etype}|{x}" for x in own)}


def key_rules(etype: str, rule_types: frozenset[str], reverse_types: frozenset[str]) -> set[str]:
    """The half of `key_rest` that gives the rules' types for the pair and its reverse, crossed with the type."""
    f = {f"{etype}|krule={etype in rule_types}", f"{etype}|krule_rev={etype in reverse_types}"}
    f.update(f"{etype}|kr={y}" for y in rule_types)
    f.update(f"{etype}|krev={y}" for y in reverse_types)
    return f


def key_features(pair: Pair, etype: str, bag: frozenset[str], salience: Salience) -> list[str]:
    """Features of one article-level key (source, target, type): pooled evidence, crossed with the type."""
    f = _key_base(pair, etype, salience, bag)
    f.update(f"{etype}|{x}" for x in bag if x.startswith(CROSSED))
    return sorted(f)


def crossed_bytes(bag: frozenset[str]) -> list[bytes]:
    """The bag's features that are crossed with the type, encoded once per pair for `key_hashes`."""
    return [x.encode("utf-8") for x in bag if x.startswith(CROSSED)]


@lru_cache(maxsize=64)
def _type_prefix(etype: str) -> int:
    return zlib.crc32(f"{etype}|".encode())


def key_hashes(pair: Pair, etype: str, crossed: list[bytes], salience: Salience, bag: frozenset[str]) -> list[int]:
    """`hashed(key_features(...))` without building a string per crossed feature and type: crc32 runs on
    from the type's prefix. Why: a pair the rules coded is scored for every type, and the bag holds its
    sentences' words, so this is most of the learned coder's cost at ingest."""
    prefix = _type_prefix(etype)
    cols = {hash_feature(x) for x in _key_base(pair, etype, salience, bag)}
    cols.update([zlib.crc32(b, prefix) % N_FEATURES for b in crossed])
    return sorted(cols)

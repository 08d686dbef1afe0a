"""Candidate events for the learned coder: every (source, target) pair a sentence could code.

Why a separate, high-recall step: the learned coder (extract/coder_model.py) can only
choose among what it is shown. A candidate is an ordered pair of actors of one sentence:
each pair of different actors the gazetteer or the people table tags in the sentence,
plus every pair the hand-written rules (extract/events.py) coded there, which brings in
what only the rules resolve (pronouns, "the bloc", an actor's own territory). The rules'
verdicts travel with the candidate and become features.

Two mentions of one code make a pair too when they are distinct sides of one place (issue 15,
section 3.1): "Ethnic Armenian protesters in Georgia clashed with Georgian police" is GEO->GEO.
Never a mention with itself, its own setting ("protesters in Georgia") or a namesake
("Serbian officials met Serbian officials"), and one side must be a group that is not the
state's own agent (`same_code_pairs`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from spacy.tokens import Span, Token

from powderkeg.extract.events import STATE_AGENT_HEADS, Unit, head_indices, role_heads
from powderkeg.lexicons import load_words
from powderkeg.models import Event, Mention

#: At most this many actors per sentence make pairs (n actors give n*(n-1) candidates).
MAX_ACTORS = 8
#: Dependencies by which a tagged word names the noun it modifies: "Kosovo police", "Pristina's authorities".
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss", "flat"})
#: At most this many mentions of one actor per sentence are tried when choosing a pair's mention tokens.
MAX_MENTIONS = 4
#: Dependencies by which a source reaches the word that joins it to its target as the one acting.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "agent", "csubj"})
#: Dependencies that open a clause of their own: a path through one joins the two mentions only loosely.
CLAUSE_DEPS = frozenset({"advcl", "ccomp", "xcomp", "conj", "relcl", "acl", "parataxis", "csubj"})
#: Prepositions that make a place the setting of an act or a group ("in Georgia", "from Kosovo").
PLACE_PREPS = frozenset({"in", "inside", "within", "across", "throughout", "near", "from", "of", "at", "around"})


@dataclass(frozen=True)
class Candidate:
    """An ordered actor pair of one sentence, with the tokens that name them and the rules' verdicts."""

    unit: Unit
    sent: Span
    source: str
    target: str
    source_tok: Token
    target_tok: Token
    rule_events: tuple[Event, ...] = ()  # the rules' events for exactly this pair in this sentence
    sentence_events: tuple[Event, ...] = field(default=(), repr=False)  # every rule event of the sentence
    act_toks: tuple[Token, Token] | None = None  # the mention pair the act joins, when not the shallowest pair

    @cached_property
    def features(self) -> frozenset[str]:
        """Its feature strings (extract/features.py), computed once: the key model, the guards that
        decide what may be added, its evidence and the status model all read them."""
        from powderkeg.extract.features import candidate_features  # features imports this module

        return frozenset(candidate_features(self))

    @property
    def start(self) -> int:
        """Char offset of the sentence in the article text."""
        return self.unit.offset + self.sent.start_char

    @property
    def end(self) -> int:
        return self.start + len(self.sent.text)


def depth(tok: Token) -> int:
    """Steps from the token up to its sentence root (the head of a mention is the shallowest token)."""
    return _depth(head_indices(tok.doc), tok.i)


def _depth(heads: list[int], i: int) -> int:
    """`depth` of token i, on the doc's head indices."""
    n = 0
    while heads[i] != i and n < 50:
        i, n = heads[i], n + 1
    return n


def actor_tokens(sent: Span, unit: Unit) -> dict[str, Token]:
    """Each actor tagged in the sentence -> the token that best stands for it (its shallowest mention token)."""
    heads = head_indices(sent.doc)
    best: dict[str, int] = {}
    for i in range(sent.start, sent.end):
        code = unit.tok_actor.get(i)
        if code is None:
            continue  # most of a sentence names no actor
        if code not in best or _depth(heads, i) < _depth(heads, best[code]):
            best[code] = i
    return {code: sent.doc[i] for code, i in best.items()}  # a Token only for the chosen words (issue 17)


def mention_tokens(sent: Span, unit: Unit) -> dict[str, list[Token]]:
    """Each actor tagged in the sentence -> the head token of each of its mentions (a tagged token whose head is
    not tagged with the same code), shallowest first, at most MAX_MENTIONS."""
    doc, tagged = sent.doc, unit.tok_actor
    heads = head_indices(doc)
    found: dict[str, list[int]] = {}
    for i in range(sent.start, sent.end):
        code = tagged.get(i)
        if code is not None and (heads[i] == i or tagged.get(heads[i]) != code):
            found.setdefault(code, []).append(i)
    # a Token only for the mentions kept (issue 17)
    return {code: [doc[i] for i in sorted(idx, key=lambda j: (_depth(heads, j), j))[:MAX_MENTIONS]]
            for code, idx in found.items()}


def _pair_rank(unit: Unit, heads: list[int], a: int, b: int) -> tuple[int, int, int, int, int, int, int]:
    """Sort key of a mention pair (token indices), best first: the word where their paths meet is a trigger of
    the lexicon, the source reaches it as its subject, the path stays in one clause, it is short, the mentions
    are shallow. Read from the unit's arrays (issue 17)."""
    from powderkeg.extract.features import lexicon_classes, path_indices  # features imports this module

    left, lca, right = path_indices(heads, a, b)
    deps = unit.deps
    trigger = unit.lemmas[lca] in lexicon_classes()
    subject = bool(left) and deps[left[-1]] in SUBJECT_DEPS
    clause = any(deps[x] in CLAUSE_DEPS for x in (*left, *right))
    return (not trigger, not subject, clause, len(left) + len(right), _depth(heads, a) + _depth(heads, b), a, b)


def best_mentions(sources: Sequence[Token], targets: Sequence[Token], unit: Unit) -> tuple[Token, Token]:
    """The mention pair of two actors whose dependency connection states the act (issue 15): in "After
    Azerbaijani troops shelled Armenian positions, Yerevan recalled its envoy from Baku" AZE->ARM is also read
    through "troops shelled positions", not only through the shallower "Baku" and "Yerevan" joined by "recalled".
    Pooled beside the shallowest pair rather than replacing it: replacing it cost out-of-fold events F1."""
    pairs = [(a, b) for a in sources for b in targets if a.i != b.i]
    if not pairs:
        return sources[0], targets[0]
    heads = head_indices(unit.doc)
    return min(pairs, key=lambda ab: _pair_rank(unit, heads, ab[0].i, ab[1].i))


def mention_head(unit: Unit, i: int) -> int:
    """The noun a tagged word (token index i) names: "Sudanese" in "the Sudanese army" -> army, "Pristina" in
    "the authorities in Pristina" -> authorities; a name stands for itself. Walked on the unit's arrays."""
    heads, deps, pos = head_indices(unit.doc), unit.deps, unit.pos
    n = 0
    while n < 5 and heads[i] != i:
        head = heads[i]
        if deps[i] in MODIFIER_DEPS and pos[head] in ("NOUN", "PROPN"):
            i = head
        elif (deps[i] == "pobj" and unit.lowers[head] in PLACE_PREPS and pos[heads[head]] == "NOUN"
              and unit.lemmas[heads[head]] in party_heads()):
            i = heads[head]
        else:
            break
        n += 1
    return i


@lru_cache(maxsize=1)
def party_heads() -> frozenset[str]:
    """Nouns a place after "in"/"of" belongs to ("the authorities in Pristina", "protesters in Georgia"):
    agent_heads.csv, groups.csv and setting_heads.csv."""
    return load_words("agent_heads.csv") | load_words("groups.csv") | load_words("setting_heads.csv")


def _setting(head: int, unit: Unit) -> bool:
    """A place's own name after a preposition of place ("rallied in Tbilisi", "returned from Kosovo"): where an
    act happens, not a side of it."""
    return head in unit.named and unit.deps[head] == "pobj" and unit.lowers[head_indices(unit.doc)[head]] in PLACE_PREPS


@lru_cache(maxsize=1)
def side_heads() -> frozenset[str]:
    """Lemmas of groups that can stand against their own state or each other (protesters, rebels, civilians,
    a community): groups.csv and setting_heads.csv without the state's agents (officials, police)."""
    return (load_words("groups.csv") | load_words("setting_heads.csv")) - role_heads() - STATE_AGENT_HEADS


def _is_side(tagged: int, head: int, unit: Unit) -> bool:
    """A mention that is a group of its place, not its state: an armed group's or community's name, or a
    group noun ("protesters", "rebels")."""
    return tagged in unit.groups or head in unit.groups or unit.lemmas[head] in side_heads()


def _within(heads: list[int], deps: list[str], a: int, b: int) -> bool:
    """Token a lies inside b's phrase ("Georgia" in "protesters in Georgia", an appositive, "Serbs of Kosovo");
    a conjunct is a party of its own ("the army and the RSF")."""
    n = 0
    while a != b and heads[a] != a and n < 50:
        if deps[a] == "conj":
            return False
        a, n = heads[a], n + 1
    return a == b


def same_code_pairs(sent: Span, unit: Unit) -> list[tuple[str, Token, Token]]:
    """(code, source head, target head) for every ordered pair of distinct sides of one place in the sentence.

    Why so strict: a pair of one code is a domestic event only between two parties the text keeps apart
    (police and protesters, an army and a rebel group, two communities). A mention and its own setting,
    appositive or namesake is one party, and two agents of the state (its police and its government)
    act for it, not on each other.
    """
    sides: dict[str, dict[int, tuple[int, int]]] = {}
    for i in range(sent.start, sent.end):
        code = unit.tok_actor.get(i)
        if code is None:
            continue
        head = mention_head(unit, i)
        if _setting(head, unit):
            continue
        side = sides.setdefault(code, {})
        if head not in side or _is_side(i, head, unit):
            side[head] = (i, head)
    heads, deps, lemmas, doc = head_indices(unit.doc), unit.deps, unit.lemmas, sent.doc
    out: list[tuple[str, Token, Token]] = []
    for code, side in sides.items():
        for tag_a, a in side.values():
            for tag_b, b in side.values():
                if a == b or lemmas[a] == lemmas[b] or _within(heads, deps, a, b) or _within(heads, deps, b, a):
                    continue
                if not (_is_side(tag_a, a, unit) or _is_side(tag_b, b, unit)):
                    continue
                if a in unit.person_tokens and b in unit.person_tokens:
                    continue
                out.append((code, doc[a], doc[b]))  # a Token only for the pairs kept (issue 17)
    return out


def _find_token(sent: Span, text: str) -> Token | None:
    """The first token of the sentence whose text is `text` (how a rule event names its argument)."""
    if not text:
        return None
    return next((t for t in sent if t.text == text), None)


def sentence_candidates(sent: Span, unit: Unit, rule_events: Sequence[Event] = ()) -> list[Candidate]:
    """The candidates of one sentence, in a stable order (tagged pairs by position, then rule-only pairs)."""
    tokens = actor_tokens(sent, unit)
    if len(tokens) > MAX_ACTORS:
        keep = sorted(tokens.items(), key=lambda kv: (depth(kv[1]), kv[1].i))[:MAX_ACTORS]
        tokens = dict(keep)
    order = sorted(tokens, key=lambda c: tokens[c].i)
    by_pair: dict[tuple[str, str], list[Event]] = {}
    for ev in rule_events:
        by_pair.setdefault((ev.source, ev.target), []).append(ev)
    pairs: list[tuple[str, str]] = [(s, t) for s in order for t in order if s != t]
    mentions = mention_tokens(sent, unit)
    out: list[Candidate] = []
    everything = tuple(rule_events)
    for code, a, b in same_code_pairs(sent, unit):
        out.append(Candidate(unit, sent, code, code, a, b, tuple(by_pair.get((code, code), ())), everything))
    seen = set(pairs) | {(c.source, c.target) for c in out}
    pairs += [p for p in by_pair if p not in seen]
    for s, t in pairs:
        evs = by_pair.get((s, t), [])
        first = evs[0] if evs else None
        # a pair the rules coded on one actor ("Protesters in Georgia rallied"): the words the rule read as its sides
        own = first.source_text != first.target_text if first is not None and s == t else False
        s_tok, t_tok = tokens.get(s), tokens.get(t)
        act: tuple[Token, Token] | None = None
        if s_tok is not None and t_tok is not None and s in mentions and t in mentions:
            act = best_mentions(mentions[s], mentions[t], unit)
            if (act[0].i, act[1].i) == (s_tok.i, t_tok.i):
                act = None
        if own:
            s_tok = t_tok = None
        s_tok = s_tok or (_find_token(sent, first.source_text) if first else None)
        t_tok = t_tok or (_find_token(sent, first.target_text) if first else None)
        trig = _find_token(sent, first.trigger) if first else None
        s_tok = s_tok or trig or sent.root
        t_tok = t_tok or trig or sent.root
        out.append(Candidate(unit, sent, s, t, s_tok, t_tok, tuple(evs), everything, act))
    return out


def article_candidates(units: Sequence[Unit], verdicts: dict[int, list[Event]]) -> list[Candidate]:
    """Every candidate of an article; `verdicts` is what Coder.code(units, verdicts) filled in."""
    out: list[Candidate] = []
    for unit in units:
        for sent in unit.sents:
            out.extend(sentence_candidates(sent, unit, verdicts.get(unit.offset + sent.start_char, ())))
    return out


@dataclass(frozen=True)
class Salience:
    """How prominent each actor is in the article: mentions and order of first mention (from the gazetteer)."""

    count: dict[str, int]
    rank: dict[str, int]

    @classmethod
    def of(cls, mentions: Sequence[Mention]) -> Salience:
        count: dict[str, int] = {}
        first: dict[str, int] = {}
        for m in mentions:
            count[m.code] = count.get(m.code, 0) + 1
            first.setdefault(m.code, m.start)
        return cls(count, {code: r for r, code in enumerate(sorted(first, key=lambda c: (first[c], c)))})


@dataclass(frozen=True)
class Pair:
    """Every candidate of one ordered actor pair in an article: the article-level unit the scorer counts.

    The shared scorer counts an event once per article as (source, target, type, negated),
    so the coder decides keys, not sentences: a pair's evidence is pooled over all the
    sentences that name it, with the rules' article-level verdicts on it and its reverse.
    """

    source: str
    target: str
    candidates: tuple[Candidate, ...]
    rule_types: frozenset[str]  # the rules' types for this pair in the article ("ACCUSE", "AID-neg")
    reverse_types: frozenset[str]  # ... and for the reverse pair


def article_pairs(cands: Sequence[Candidate], rule_events: Sequence[Event]) -> list[Pair]:
    """The candidates grouped by ordered pair, in order of first appearance."""
    grouped: dict[tuple[str, str], list[Candidate]] = {}
    for c in cands:
        grouped.setdefault((c.source, c.target), []).append(c)
    ruled: dict[tuple[str, str], set[str]] = {}
    for ev in rule_events:
        ruled.setdefault((ev.source, ev.target), set()).add(ev.type + ("-neg" if ev.negated else ""))
    return [Pair(s, t, tuple(cs), frozenset(ruled.get((s, t), ())), frozenset(ruled.get((t, s), ())))
            for (s, t), cs in grouped.items()]

"""Events: who did what to whom, coded to PLOVER from the dependency parse.

Why syntax and not co-occurrence: a sentence that merely mentions Serbia and
Kosovo is not an event between them. An event needs a trigger (a verb or
noun from data/verbs.csv) whose subject/agent resolves to one actor and whose
object or target preposition resolves to another.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from weakref import WeakKeyDictionary

import numpy as np
from spacy.attrs import DEP, HEAD, IS_ALPHA, LEMMA, LENGTH, LOWER, POS
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.strings import StringStore
from spacy.tokens import Doc, Span, Token

from powderkeg.extract.actors import body_codes, fold
from powderkeg.extract.entities import doc_ents, doc_text, token_offsets
from powderkeg.extract.people import PersonTable
from powderkeg.lexicons import (
    Trigger,
    load_anaphors,
    load_islands,
    load_roles,
    load_stances,
    load_triggers,
    load_words,
    object_classes,
)
from powderkeg.models import Event, Mention

SPEECH = frozenset({
    "say", "claim", "allege", "insist", "assert", "state", "tell", "report", "add", "argue", "write",
    "announce", "declare", "maintain", "suggest", "believe", "contend", "stress", "note", "warn",
})
DENY = frozenset({"deny", "dismiss", "refute", "reject"})
#: What a blanket denial denies ("denied the reports").
CLAIM_NOUNS = frozenset({"report", "claim", "allegation", "accusation", "charge", "story", "rumour", "rumor", "assertion"})
PLAN = frozenset({"ready", "willing", "prepared", "plan", "intend", "aim", "prepare", "schedule", "expect", "set", "seek", "want", "hope", "propose", "consider"})
REFUSE = frozenset({"refuse", "decline", "fail"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
GROUP_PRONOUNS = frozenset({"it", "they", "them", "its", "their", "we", "our", "us"})
BORDER_HEADS = frozenset({"border", "boundary", "frontier", "crossing"})
#: Nouns of answering an act: "in retaliation for", "in response to" (the act's agent is the target).
REPRISALS = frozenset({"retaliation", "response", "revenge", "reprisal", "riposte"})
#: Acts aimed at whoever they answer when no target is named.
REPRISAL_TYPES = frozenset({"ASSAULT", "THREATEN", "MOBILIZE", "COERCE", "SANCTION"})
#: Predicates of a stance towards someone: "is critical of Kyiv", "is opposed to French mediation".
STANCE_PREPS = frozenset({"of", "about", "over", "with", "at", "to", "toward", "towards"})


#: The parts of speech `Coder._lookup` finds lexicon entries for (any other word only as a stance word).
_LOOKUP_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})


def _stance(word: str) -> Trigger | None:
    """The pseudo-trigger of a stance predicate listed in stances.csv, or None."""
    etype = load_stances().get(word)
    return None if etype is None else _stance_trigger(word, etype)


@lru_cache(maxsize=64)
def _stance_trigger(word: str, etype: str) -> Trigger:
    return Trigger(lemma=f"(stance:{word})", pos="VERB", type=etype, objects=frozenset(),
                   target_preps=STANCE_PREPS, negated_type=None)


#: Nouns for an act just reported, judged by a speaker: "said this incident was unacceptable".
INCIDENTS = frozenset({"incident", "episode", "act"})
#: What only a state or territory has: "recognise its independence", "violated its sovereignty".
SOVEREIGNTY = frozenset({"independence", "sovereignty", "statehood", "secession", "integrity"})
#: Addressees that name no one: "called on all sides to ...", "urged all parties" (SCHEMA convention 2).
UNNAMED_PARTIES = frozenset({"side", "party", "faction", "stakeholder", "belligerent", "actor", "combatant"})
PLACE_HEADS = frozenset({"region", "province", "territory", "part", "republic", "state", "island", "enclave"})
#: Verbs and nouns of demanding: with a subjunctive that-clause they make a REQUEST to its subject.
MANDATIVE = frozenset({"insist", "demand", "ask", "urge", "recommend", "request", "require", "propose", "suggest"})
#: Adverbs that make an act a guess: "will likely send", "seemingly wants to", "may possibly".
HEDGES = frozenset({"likely", "possibly", "probably", "seemingly", "perhaps", "maybe", "conceivably", "presumably"})
#: Verbs that direct their object to act: "told Beijing to back off", "ordered the envoy to leave".
DIRECTIVES = frozenset({"tell", "order", "instruct", "direct", "command"})
#: Verbs that restate a demand in words: "reiterated that Libya must hand over the suspects".
OBLIGING = frozenset({"reiterate", "remind", "repeat", "emphasise", "emphasize", "underline"})
MANDATE = Trigger(lemma="(mandative)", pos="VERB", type="REQUEST", objects=frozenset(),
                  target_preps=frozenset(), negated_type=None)
#: The same carried by a noun: "the EU's demand that Serbia must recognise Kosovo", "a reminder to Iraq that it must".
NOUN_MANDATE = Trigger(lemma="(mandative)", pos="NOUN", type="REQUEST", objects=frozenset(),
                       target_preps=frozenset({"to"}), negated_type=None)
#: Nouns that put a demand in a that-clause.
MANDATE_NOUNS = frozenset({"demand", "request", "call", "reminder", "insistence", "ultimatum", "warning"})
#: Verbs that characterise what they act on: "described the vote as illegal", "called the raid a crime".
CHARACTERISE = frozenset({
    "describe", "call", "label", "brand", "term", "characterise", "characterize", "dub", "denounce",
    "condemn", "consider", "deem", "regard", "view", "qualify", "decry",
})
_SPEECH_OR_OBLIGING = SPEECH | OBLIGING
#: Verbs that can pass judgement on what they report or name (`Coder._judged` decides).
_JUDGING = SPEECH | OBLIGING | CHARACTERISE
#: Copulas of a judgement: "the referendum was illegal", "the strikes constitute a war crime".
COPULAS = frozenset({"be", "constitute", "represent", "amount", "remain", "become"})
ASSESS = Trigger(lemma="(condemnation)", pos="VERB", type="ACCUSE", objects=frozenset(),
                 target_preps=frozenset(), negated_type=None)
#: Verbs whose object act is only asked for: "demanded the withdrawal", "called for the deployment".
ASKING = frozenset({"demand", "request", "seek", "urge"})
ASKING_FOR = frozenset({"call", "appeal", "press", "push", "ask", "plead", "clamour", "clamor"})
#: Verbs whose infinitive complement is only threatened or promised, not done ("threatened to shell X").
THREAT_VERBS = frozenset({"threaten", "warn"})
RECOGNISE = frozenset({"recognise", "recognize"})
#: Bodies that speak for a state: their protest is a statement (ACCUSE), not a demonstration.
OFFICIAL_BODIES = frozenset({"ministry", "government", "embassy", "office", "foreign", "cabinet", "presidency"})
#: Verbs whose "against" + gerund names an act the speaker wants not done ("cautioned Finland against joining").
WARNING_VERBS = frozenset({"warn", "caution", "advise", "counsel"})
#: Prepositions that carry the target of an act named in an infinitive complement.
COMPLEMENT_PREPS = frozenset({"to", "on", "with", "against", "from", "for", "at", "into", "over", "toward", "towards"})
#: Acts of force and pressure: promised or conditional, they are threats (CAMEO 13).
HOSTILE = frozenset({"ASSAULT", "COERCE", "SANCTION", "MOBILIZE"})
#: Heads of a pledge: "agreed to resume talks", "is ready to help" (PLOVER: intent to cooperate is AGREE).
PLEDGE_HEADS = frozenset({"agree", "offer", "pledge", "promise", "vow", "commit", "ready", "willing", "prepared"})
#: Nouns of a pledge with an infinitive: "expressed readiness to hold talks with X", "its commitment to resume aid".
PLEDGE_NOUNS = frozenset({"readiness", "willingness", "commitment", "pledge", "promise", "offer", "vow"})
#: "Beijing's decision to halt imports from Lithuania", "Ankara's move to close the crossing": the noun's owner
#: does the act its infinitive names (issue 15, acts in background phrases).
DECISION_NOUNS = frozenset({"decision", "move"})
#: Heads of an intention: "plans to impose tariffs", "intends to reopen the embassy".
INTENT_HEADS = frozenset({"plan", "intend", "prepare", "decide", "aim"})
#: Cooperative acts: announced ("will visit", "plans to resume talks") they are already a pledge (AGREE).
COOPERATIVE = frozenset({"CONSULT", "COOPERATE", "SUPPORT"})
#: Acts that become AGREE when pledged ("agreed to withdraw", "ready to provide aid"); an arms pledge is
#: still AID only (pipeline.link_arms_events drops the AGREE, SCHEMA convention 3).
PLEDGEABLE = COOPERATIVE | {"CONCEDE", "RETREAT", "AID"}
#: Leaving a state: threatened, it is aimed at the state one belongs to ("threatened to secede").
SECESSION = frozenset({"secede", "separate"})
#: Verbs of trying: what they try to make someone do is not done ("tried to force X to leave").
ATTEMPTS = frozenset({"try", "attempt", "seek", "strive", "endeavour", "endeavor"})
#: Verbs whose infinitive subject is their object: "prompted Somalia to expel ...".
OBJECT_CONTROL = frozenset({
    "prompt", "force", "urge", "ask", "persuade", "convince", "lead", "allow", "push", "compel", "order",
    "encourage", "press", "pressure", "call", "invite", "help", "enable", "tell", "oblige", "require",
})
#: Acts whose place is their target when no actor is named: force, repression, protest, visits.
#: Verbs of mediating: as a prefixed participle ("EU-mediated talks") the prefix is the mediator.
MEDIATING = frozenset({"mediate", "broker"})
#: Acts between two armed sides: named "between" two forces of one state, a war at home.
HOSTILE_BETWEEN = frozenset({"ASSAULT", "COERCE"})
#: Heads in groups.csv / setting_heads.csv that are a state's own agents, not a side against it.
STATE_AGENT_HEADS = frozenset({"police", "policeman", "policemen"})
LOCATIVE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "CONSULT"})
#: Cooperative acts: their partner may sit inside the object ("welcomed the resumption of ties with X").
RELATIONAL = frozenset({"SUPPORT", "AGREE", "COOPERATE", "CONSULT"})
#: Answers to someone's offer, demand or plan: aimed at whoever made it ("rejected an offer from X").
RESPONSES = frozenset({"REJECT", "AGREE", "CONCEDE", "SUPPORT"})
#: Pledges, threats and refusals aim at what their complement acts on; "seeks to", "wants to" do not.
COMPLEMENT_TYPES = frozenset({"THREATEN", "AGREE", "REJECT"})
#: Acts a hyphenated prefix can make an event of: "Iranian-backed", "Qatari-funded", "US-trained".
BACKING = frozenset({"SUPPORT", "AID", "COOPERATE"})
#: Verbs of having or getting: "has the backing of X", "won the support of X", "counts on the aid of X".
RECEIVING = frozenset({"have", "enjoy", "win", "gain", "receive", "get", "secure", "obtain", "count", "rely",
                       "depend"})
LOSING = frozenset({"lose", "forfeit"})
#: Mention kinds that name an actor itself; other kinds (groups, adjectives) name an agent of it.
NAME_KINDS = frozenset({"state", "capital", "io", "user"})
#: Acts a state may direct at its own people: arrests, force, bans, charges.
REPRESSIVE = frozenset({"COERCE", "ASSAULT", "ACCUSE", "SANCTION"})
#: Verbs of letting someone act: "allowed UN inspectors to return".
PERMIT = frozenset({"allow", "let", "permit"})
#: Verbs of taking part in an act named by their "in" object: "were engaged in ethnic cleansing".
PARTAKE = frozenset({"engage", "involve", "participate"})
#: Predicates of a standing state: "a truce between Sudan and South Sudan has held since 2012" is no act.
STATIVE = frozenset({"hold", "remain", "last", "stand", "exist", "endure", "survive", "stay", "govern", "persist"})
#: Words that end a relation: "the cancellation of air services agreements with Tehran" cuts ties (SANCTION).
ENDING = frozenset({"cancel", "cancellation", "suspend", "suspension", "terminate", "termination", "scrap",
                    "scrapping", "revoke", "revocation", "annul", "annulment", "freeze", "abrogate", "abrogation",
                    "sever", "severing", "downgrade", "downgrading", "end"})
#: Modals that turn a warning into a demand: "warned Hungary that it should not buy Chinese cameras" (REQUEST).
DEMAND_MODALS = frozenset({"should", "must", "ought", "need"})
#: Nominal acts aimed at someone; with no target named, the one who meets them is (Coder._addressee).
ADDRESSED = frozenset({"REQUEST", "ACCUSE", "THREATEN", "REJECT", "PROTEST"})
#: Verbs that answer a demand or objection made to their subject: "turned down a request from Seoul".
ANSWERING = frozenset({"reject", "refuse", "decline", "turn", "dismiss", "ignore", "defy", "heed", "accept", "grant",
                       "receive", "block", "veto", "rebuff", "snub", "spurn", "brush", "answer", "meet", "honour",
                       "honor", "fulfil", "fulfill", "satisfy", "comply", "disregard", "deny"})
#: Participles that name whom a measure is for: "sanctions aimed at / targeting / directed against X".
AIMING = frozenset({"aim", "target", "direct", "focus"})
#: Prepositions of an act done in the face of another's: "despite objections from Algeria" (SCHEMA: REJECT).
DESPITE = frozenset({"despite", "notwithstanding"})
SOURCE_FROM = frozenset({"REJECT", "ACCUSE", "PROTEST", "REQUEST", "THREATEN", "SUPPORT", "AID"})
#: Heads naming a state's own forces: fighting between two of them is each side's attack on the other.
STATE_FORCES = frozenset({"troop", "force", "army", "military", "soldier", "navy", "government", "jet", "warship"})
#: Nouns of an answer to come: "Britain will face a proportionate response", "will be met with retaliation".
RESPONSE_NOUNS = frozenset({"response", "retaliation", "reprisal", "riposte", "retribution", "consequence",
                            "countermeasure", "repercussion"})
#: Verbs of answering: "we will respond decisively", "would react firmly if Greece ..." (a threat only when coming).
RESPONSE_VERBS = frozenset({"respond", "react"})
#: Verbs whose subject meets the answer: "X will face consequences", "any attack will be met with a response".
FACING = frozenset({"face", "meet", "receive", "suffer", "bear", "draw", "incur", "invite", "provoke", "trigger",
                    "get"})
#: Auxiliaries of a future or conditional frame: what makes an announced answer a threat.
COMING_AUX = frozenset({"will", "would", "shall", "'ll", "'d", "wo"})
#: Heads that make an infinitive answer a promise: "vowed to respond", "is ready to react".
COMING_HEADS = PLEDGE_HEADS | THREAT_VERBS
RESPONSE = Trigger(lemma="(coming response)", pos="VERB", type="THREATEN", objects=frozenset(),
                   target_preps=frozenset({"to", "against"}), negated_type=None)
#: "Azerbaijan is against the extension of the mission": a stance of opposition (SCHEMA: REJECT).
AGAINST = Trigger(lemma="(stance:against)", pos="VERB", type="REJECT", objects=frozenset(),
                  target_preps=frozenset({"against"}), negated_type=None)


@dataclass
class ArticleState:
    """What earlier sentences said, for pronouns: the last actor and the last person acting."""

    last_actor: str | None = None
    last_person_actor: str | None = None
    last_agent: str | None = None  # the source of the last event coded, for "the move", "the decision"
    owners: dict[str, str] = field(default_factory=dict)  # "ministry" -> whose ministry was last named
    last_island: str | None = None  # the last island actor named, for "the island"


_HEADS: WeakKeyDictionary[Doc, list[int]] = WeakKeyDictionary()


def _dead() -> None:
    return None


#: The doc asked last and its entry (`head_indices`, `doc_arrays`), weakly held. Why: callers ask tens of thousands
#: of times an article, mostly for the doc they asked for just before, and a WeakKeyDictionary look-up builds
#: a weak reference each time (issue 17). A dead reference gives None, so a new doc never takes its place.
_HEADS_LAST: tuple[Callable[[], Doc | None], list[int]] = (_dead, [])


def head_indices(doc: Doc) -> list[int]:
    """Each token's head index (`tok.head.i`), read once per doc from its arrays.

    Why: walking up the tree through `tok.head` builds a new Token object at every step, and the coder's
    candidates and features walk it thousands of times an article (issue 17). Held per doc while it lives.
    """
    global _HEADS_LAST
    last, held = _HEADS_LAST
    if last() is doc:
        return held
    found = _HEADS.get(doc)
    if found is None:
        # HEAD is stored relative to the token, as uint64: back to signed, then absolute
        found = _HEADS[doc] = (np.arange(len(doc), dtype=np.int64) + doc.to_array(HEAD).astype(np.int64)).tolist()
    _HEADS_LAST = (weakref.ref(doc), found)
    return found


@dataclass(frozen=True)
class DocArrays:
    """A doc's token attributes as lists (`tok.dep_`, `tok.pos_`, `tok.lower_`, `tok.children` as indices)."""

    deps: list[str]
    pos: list[str]
    lowers: list[str]
    children: list[list[int]]


_ARRAYS: WeakKeyDictionary[Doc, DocArrays] = WeakKeyDictionary()
_ARRAYS_LAST: tuple[Callable[[], Doc | None], DocArrays | None] = (_dead, None)


def _names(strings: StringStore, hashes: list[int]) -> list[str]:
    """`strings[h]` for each hash, looking each distinct hash up once (a StringStore lookup costs more than a
    dict's, and a paragraph repeats most of its labels and words)."""
    table = {h: strings[h] for h in set(hashes)}
    return [table[h] for h in hashes]


def doc_arrays(doc: Doc) -> DocArrays:
    """The doc's `DocArrays`, read once per doc while it lives.

    Why: the coder's argument finders ask a word's children for a label thousands of times an article, and
    `tok.children` builds a Token per child (issue 17)."""
    global _ARRAYS_LAST
    last, found = _ARRAYS_LAST
    if last() is doc and found is not None:
        return found
    found = _ARRAYS.get(doc)
    if found is None:
        strings = doc.vocab.strings
        deps, pos, lowers = (doc.to_array([DEP, POS, LOWER]).T.tolist() if len(doc) else ([], [], []))
        children: list[list[int]] = [[] for _ in range(len(doc))]
        for i, h in enumerate(head_indices(doc)):
            if h != i:
                children[h].append(i)
        found = _ARRAYS[doc] = DocArrays(_names(strings, deps), [POS_NAMES[p] for p in pos],
                                         _names(strings, lowers), children)
    _ARRAYS_LAST = (weakref.ref(doc), found)
    return found


def char_range(doc: Doc, start: int, end: int) -> range | None:
    """The token indices of `doc.char_span(start, end, alignment_mode="expand")`, or None where it gives None.

    Why: `char_span` builds a Span and Tokens for every mention of every paragraph, and `build_unit` only
    needs the indices (issue 17). The same search as spaCy's: the token whose text or trailing space holds
    the char; a span that starts on a token's trailing space starts at the next token."""
    starts, text_ends, ends = token_offsets(doc)

    def at(char: int) -> int:
        k = bisect.bisect_right(starts, char) - 1
        return k if k >= 0 and char < ends[k] else -1

    first, last = at(start), at(end - 1)
    if first < 0 or last < 0:
        return None
    if start == text_ends[first]:
        first += 1
    if first > last + 1:
        raise IndexError(f"no span from token {first} to {last + 1} (chars {start}-{end}), as Doc.char_span")
    return range(first, last + 1)


def ancestor_indices(heads: list[int], i: int) -> list[int]:
    """Token i and its heads up to the root (at most 50), as indices."""
    chain = [i]
    while heads[chain[-1]] != chain[-1] and len(chain) < 50:
        chain.append(heads[chain[-1]])
    return chain


@dataclass
class Unit:
    """A parsed paragraph: its offset in the article text and the token-to-actor map."""

    offset: int
    doc: Doc
    tok_actor: dict[int, str] = field(default_factory=dict)
    person_tokens: set[int] = field(default_factory=set)
    named: set[int] = field(default_factory=set)  # tokens of a state, capital or international body's own name
    groups: set[int] = field(default_factory=set)  # tokens of a group's name: an armed group, a community of a place
    end: int = -1  # offset + len(doc.text), kept because Doc.text joins every token anew

    def __post_init__(self) -> None:
        if self.end < 0:
            # len(doc.text) without the join: the last token's offset plus its text and trailing space
            last = self.doc[-1] if len(self.doc) else None
            self.end = self.offset + (last.idx + len(last.text_with_ws) if last is not None else 0)

    @cached_property
    def text(self) -> str:
        """The paragraph's text (`doc.text`), joined once: `Doc.text` builds every token anew on each call.

        Joined from the doc's arrays (each token's text, then a space where it has one, as
        `Token.text_with_ws`), so no Token object is built (issue 17)."""
        return doc_text(self.doc)

    @cached_property
    def lemmas(self) -> list[str]:
        """Each token's lemma, lower-cased (`tok.lemma_.lower()`), read once from the doc's arrays.

        Why: extractors walk every token for a few lemmas or parts of speech, and each `doc[i]` builds a
        Token object; a scan over these lists builds Tokens only for the words it keeps (issue 17).
        """
        hashes, strings = self.doc.to_array(LEMMA).tolist(), self.doc.vocab.strings
        table = {h: strings[h].lower() for h in set(hashes)}  # each distinct lemma looked up once
        return [table[h] for h in hashes]

    @cached_property
    def pos(self) -> list[str]:
        """Each token's coarse part of speech (`tok.pos_`), read once from the doc's arrays."""
        return doc_arrays(self.doc).pos

    @cached_property
    def lowers(self) -> list[str]:
        """Each token's lower-case form (`tok.lower_`), read once from the doc's arrays."""
        return doc_arrays(self.doc).lowers

    @cached_property
    def deps(self) -> list[str]:
        """Each token's dependency label (`tok.dep_`), read once from the doc's arrays."""
        return doc_arrays(self.doc).deps

    @cached_property
    def children(self) -> list[list[int]]:
        """Each token's children (`tok.children`) as indices in order: the tokens whose head it is."""
        return doc_arrays(self.doc).children

    @cached_property
    def words(self) -> list[bool]:
        """Each token is alphabetic and longer than two characters (`tok.is_alpha and len(tok) > 2`)."""
        return [bool(alpha) and n > 2 for alpha, n in self.doc.to_array([IS_ALPHA, LENGTH]).tolist()]

    @cached_property
    def sents(self) -> tuple[Span, ...]:
        """The paragraph's sentences (`doc.sents`), found once: every extractor walks them, and `Doc.sents`
        scans the whole doc for sentence starts on each call (issue 17)."""
        return tuple(self.doc.sents)


class UnitIndex:
    """Finds the parsed paragraph (and token) at a char offset of the article text.

    Token offsets are listed per paragraph on first lookup: most callers only ask
    for paragraphs, and walking every token of the article each time was costly.
    """

    def __init__(self, units: Sequence[Unit]) -> None:
        self.units = sorted(units, key=lambda u: u.offset)
        self.starts = [u.offset for u in self.units]
        self._idx: dict[int, list[int]] = {}

    def unit(self, pos: int) -> Unit | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        if k < 0:
            return None
        u = self.units[k]
        return u if pos < u.end else None

    def token(self, pos: int) -> tuple[Unit, Token] | None:
        u = self.unit(pos)
        if u is None or not len(u.doc):
            return None
        k = self.unit_index(u)
        idx = self._idx.get(k)
        if idx is None:
            idx = self._idx[k] = token_offsets(u.doc)[0]  # no Token per word
        j = max(bisect.bisect_right(idx, pos - u.offset) - 1, 0)
        return u, u.doc[j]

    def unit_index(self, unit: Unit) -> int:
        return self.starts.index(unit.offset)


def build_unit(offset: int, doc: Doc, mentions: Sequence[Mention], people: PersonTable) -> Unit:
    """Map each token to the actor its mention or person names (person affiliations included)."""
    unit = Unit(offset, doc)
    end = unit.end
    for m in mentions:
        if m.start < offset or m.end > end:
            continue
        span = char_range(doc, m.start - offset, m.end - offset)
        if span is not None:
            for i in span:
                unit.tok_actor[i] = m.code
                if m.kind in NAME_KINDS:
                    unit.named.add(i)
                elif m.kind == "group":
                    unit.groups.add(i)
    for ent in doc_ents(doc):
        if ent.label not in ("PERSON", "ORG"):
            continue
        person = people.find(ent.text)
        if person is not None and person.actor:
            for i in range(ent.start, ent.end):
                unit.tok_actor.setdefault(i, person.actor)
                unit.person_tokens.add(i)
    # surnames the NER missed ("Vučić said")
    for i, pos in enumerate(unit.pos):
        if pos != "PROPN" or i in unit.tok_actor:
            continue
        text = doc[i].text
        key = fold(text)
        if text[:1].isupper() and key in people.by_key:
            person = people.people[people.by_key[key]]
            if person.actor:
                unit.tok_actor[i] = person.actor
                unit.person_tokens.add(i)
    return unit


RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "that"})
#: Clause links a relative pronoun's verb may sit under inside its relative clause ("which Belgrade has
#: refused to recognise": recognise is the xcomp of the relcl refused).
RELATIVE_INNER = frozenset({"xcomp", "ccomp", "conj"})


def relative_antecedent(tok: Token) -> Token | None:
    """The noun a relative pronoun stands for ("Kosovo, which Belgrade refuses to recognise" -> Kosovo), else None.

    Why: an act told in a relative clause names one of its parties only through the pronoun (issue 15,
    background clauses); the clause's verb may be a complement of the relcl's own verb.
    """
    if tok.lower_ not in RELATIVE_PRONOUNS:
        return None
    verb, n = tok.head, 0
    while verb.dep_ in RELATIVE_INNER and verb.head.i != verb.i and n < 3 and tok.tag_ in ("WDT", "WP"):
        verb, n = verb.head, n + 1
    if verb.dep_ != "relcl" or verb.head.i == verb.i:
        return None
    return verb.head


def governor(tok: Token) -> Token:
    """The verb that carries a nominal act ("imposed a curfew" -> imposed); a verb is its own."""
    return tok.head if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") else tok


def merge_reports(kept: Event, new: Event) -> Event:
    """One fact told twice in an article: a claim and its denial become a claimed fact disputed by the denier.

    Per SCHEMA.md's fifth convention, a party's assertion stays `claimed` although another party
    denies it; the status is `denied` only when the denial is all the text reports.
    """
    if kept.status == "denied" and new.status in ("claimed", "reported"):
        return replace(new, disputed_by=kept.attributed_to, dispute_evidence=kept.evidence)
    if new.status == "denied" and kept.status in ("claimed", "reported") and kept.disputed_by is None:
        return replace(kept, disputed_by=new.attributed_to, dispute_evidence=new.evidence)
    return kept


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """Last words of office titles (minister, president, spokeswoman): nouns that denote a person."""
    return frozenset(role.split()[-1] for role in load_roles())


@dataclass
class Decision:
    """What one trigger word did: the events it coded, or why it coded none (for `powderkeg explain`)."""

    token: Token
    trigger: Trigger
    rule: str
    sources: list[tuple[str, Token]] = field(default_factory=list)
    targets: list[tuple[str, Token]] = field(default_factory=list)
    source_token: Token | None = None
    target_tokens: list[Token] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    reason: str = ""


class Coder:
    """Codes events in parsed paragraphs of one article."""

    def __init__(self, triggers: dict[tuple[str, str], list[Trigger]] | None = None) -> None:
        self.triggers = triggers or load_triggers()
        # verbs with a phrasal row ("call off"): only these need their particle looked at
        self._phrasal = frozenset(lemma.split(" ", 1)[0] for lemma, pos in self.triggers if pos == "VERB" and " " in lemma)
        # _candidates is asked about the same token many times (its own trigger, a complement's
        # head, an object's governor); the answer depends only on the parse, so keep it per doc
        self._memo_doc: Doc | None = None
        self._memo: dict[int, list[Trigger]] = {}

    # -- actor resolution ---------------------------------------------------------------------

    def _resolve_one(self, tok: Token, unit: Unit, state: ArticleState, depth: int = 0) -> str | None:
        settled = self._settled(tok, unit)
        if settled:
            return settled
        if tok.i in unit.tok_actor:
            return unit.tok_actor[tok.i]
        if depth > 2:
            return None
        if tok.pos_ == "PRON" or tok.lower_ in GROUP_PRONOUNS | PERSON_PRONOUNS:
            return self._resolve_pronoun(tok, unit, state) if depth < 2 else None
        if self._definite_ref(tok):
            found = self._definite(tok, unit, state)
            if found:
                return found
        antecedent = relative_antecedent(tok)
        if antecedent is not None:
            return self._resolve_one(antecedent, unit, state, depth + 1)
        if tok.lemma_.lower() in BORDER_HEADS:
            for pobj in self._prep_objects(tok, ("with",)):
                found = self._resolve_one(pobj, unit, state, depth + 1)
                if found:
                    return found
        if tok.lemma_.lower() in PLACE_HEADS:
            # "China's Taiwan region", "Serbia's Kosovo province": the place named is the actor, not its claimant
            named = next((c for c in tok.children if c.dep_ == "compound" and c.i in unit.tok_actor), None)
            if named is not None:
                return unit.tok_actor[named.i]
            # "the breakaway Serbian region of Kosovo": the place named after "of" is the actor
            for pobj in self._prep_objects(tok, ("of",)):
                found = self._resolve_one(pobj, unit, state, depth + 1)
                if found:
                    return found
        # modifiers inside the noun phrase: "the Serbian government", "Kosovo's prime minister"
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "poss", "nmod") and child.i in unit.tok_actor:
                return unit.tok_actor[child.i]
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "nmod") or (child.dep_ == "amod" and child.lemma_.lower() == "lead"):
                # "Kosovo's prime minister", "the Saudi-led coalition" (the leader acts)
                for sub in child.subtree:
                    if sub.i in unit.tok_actor:
                        return unit.tok_actor[sub.i]
        for child in tok.children:
            if tok.dep_ == "conj" and child.dep_ == "appos" and child.i in unit.tok_actor:
                # "Sweden and its neighbour Finland": a list member named in apposition is that name, not the
                # possessive's referent (the list's first member)
                return unit.tok_actor[child.i]
        for child in tok.children:
            if child.dep_ == "poss" and child.pos_ == "PRON" and depth < 2:
                # "its fighters", "their troops": whoever the possessive points back to
                return self._resolve_pronoun(child, unit, state)
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in ("of", "in", "from"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self._resolve_one(pobj, unit, state, depth + 1)
                        if found:
                            return found
            if child.dep_ == "appos":
                found = self._resolve_one(child, unit, state, depth + 1)
                if found:
                    return found
        return None

    @staticmethod
    def _settled(tok: Token, unit: Unit) -> str | None:
        """"Ethnic Armenian protesters in Georgia", "Serbs in northern Kosovo", "Kosovo Serbs": people named
        by where they live act for that territory, not for their ethnicity (setting_heads.csv)."""
        def demonym(t: Token) -> bool:
            return t.i in unit.tok_actor and t.i not in unit.named and t.tag_ in ("NNS", "NNPS")

        def people(t: Token) -> bool:
            # a bare demonym may be expatriates ("Americans in Lebanon"); "ethnic Serbs" live there
            ethnic = demonym(t) and any(c.lower_ == "ethnic" for c in t.children)
            return ethnic or t.lemma_.lower() in load_words("setting_heads.csv")

        if demonym(tok):
            # "Kosovo Serbs", "Bosnian Serbs": a place before the demonym names the community's home
            homes = {unit.tok_actor[c.i] for c in tok.children
                     if c.dep_ in ("compound", "nmod", "amod") and c.i in unit.tok_actor} - {unit.tok_actor[tok.i]}
            if len(homes) == 1:
                return homes.pop()

        heads = [tok]
        if tok.i not in unit.tok_actor and not people(tok):
            # "hundreds of Albanians in North Macedonia": the quantity carries the setting
            heads += [p for prep in tok.children if prep.dep_ == "prep" and prep.lower_ == "of"
                      for p in prep.children if p.dep_ == "pobj"]
        if not any(people(t) for t in heads):
            return None
        places: list[Token] = []
        for head in heads:
            places += [c for c in head.children if c.dep_ in ("compound", "nmod", "poss") and c.i in unit.named]
            for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in ("in", "from", "inside", "of")):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    # "northern Kosovo": the named token may sit under a modifier
                    places += [t for t in pobj.subtree if t.i in unit.named]
        codes = {unit.tok_actor[t.i] for t in places}
        return codes.pop() if len(codes) == 1 else None

    @staticmethod
    def _definite_ref(tok: Token) -> bool:
        """"the bloc", "this country": a definite description that may refer back (anaphors.csv)."""
        return tok.lemma_.lower() in load_anaphors() and tok.tag_ in ("NN", "NNP") and any(
            c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in tok.children)

    def _definite(self, tok: Token, unit: Unit, state: ArticleState,
                  exclude: AbstractSet[str] = frozenset()) -> str | None:
        """"the bloc", "the alliance" -> the nearest earlier international body; "the country" -> state.

        `exclude`: the act's own source, which a target never refers back to ("X's delegation visited the island").
        """
        bodies = body_codes()
        kind = load_anaphors()[tok.lemma_.lower()]
        if any(c.dep_ in ("amod", "compound", "poss") for c in tok.children):
            return None  # "the Western alliance", "the Balkan country": described, not referring back
        if kind == "act":
            return state.last_agent
        if kind == "owner":
            return state.owners.get(tok.lemma_.lower())
        def fits(code: str | None) -> bool:
            if not code or code in exclude:
                return False
            return code in load_islands() if kind == "island" else (code in bodies) == (kind == "body")

        for i in range(tok.i - 1, -1, -1):
            if fits(unit.tok_actor.get(i)):
                return unit.tok_actor[i]
        if kind == "island":
            return state.last_island if fits(state.last_island) else None
        return state.last_actor if fits(state.last_actor) else None

    def _antecedent(self, tok: Token, unit: Unit, state: ArticleState, exclude: set[str]) -> str | None:
        """For "recognise its independence": the topic actor the pronoun points back to, never the source.

        The sentence's own main subject comes first, then the previous sentence's, then the
        nearest earlier actor outside the verb's subject.
        """
        poss = [c for c in tok.children if c.dep_ == "poss" and c.lower_ in ("its", "their")]
        if tok.lower_ not in ("it", "its", "them", "their", "this") and not poss:
            return None
        if poss and tok.lemma_.lower() in SOVEREIGNTY:
            # "refusing to recognise its independence": only a state or territory has one, the
            # nearest named before the pronoun (an international body does not)
            bodies = body_codes()
            for i in range(poss[0].i - 1, tok.sent.start - 1, -1):
                earlier = unit.tok_actor.get(i)
                if earlier and earlier not in exclude and earlier not in bodies and i not in unit.person_tokens:
                    return earlier
        root = tok.sent.root
        for child in root.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.i in unit.tok_actor:
                code = unit.tok_actor[child.i]
                if code not in exclude:
                    return code
        if state.last_actor and state.last_actor not in exclude:
            return state.last_actor
        anchor = poss[0] if poss else tok
        verb = tok.head if tok.dep_ in ("dobj", "nsubjpass") else tok.head.head
        skip = {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        for i in range(anchor.i - 1, -1, -1):
            if i in skip:
                continue
            earlier = unit.tok_actor.get(i)
            if earlier and earlier not in exclude:
                return earlier
        return None

    def _resolve_pronoun(self, tok: Token, unit: Unit, state: ArticleState) -> str | None:
        low = tok.lower_
        # "Hezbollah said it fired ...": the subject of the reporting verb above; "said its
        # fighters attacked ...": the same from the clause the possessed noun is subject of
        head = tok.head.head if tok.dep_ == "poss" and tok.head.dep_ in ("nsubj", "nsubjpass") else tok.head
        for _ in range(5):
            if (head.dep_ in ("ccomp", "xcomp", "conj", "advcl") or (head.dep_ in ("pcomp", "prep")
                                                                     and head.lemma_.lower() in SPEECH | {"as"})) \
                    and head.head is not head:
                # "was quoted as saying he would ...": up through "as saying" to whoever was quoted
                head = head.head
                for child in head.children:
                    if child.dep_ in ("nsubj", "nsubjpass") and child is not tok and child.pos_ != "PRON":
                        found = self._resolve_one(child, unit, state, 2)
                        if found:
                            return found
            else:
                break
        if tok.dep_ == "poss" and low in ("its", "their", "his", "her"):
            # "Ankara defended its military operation": the subject of the clause owns the act
            verb = tok.head
            while (verb.pos_ not in ("VERB", "AUX") or verb.dep_ == "prep") and verb.head is not verb:
                # "was expelled following its invasion of Ukraine": a participle used as a
                # preposition ("following", "including") is not the clause that owns the act
                verb = verb.head
            subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c is not tok.head), None)
            if subj is not None and subj.pos_ != "PRON":
                found = self._resolve_one(subj, unit, state, 2)
                if found:
                    return found
            if low == "its":
                # "supplying Russia with shells to be used in its war": no subject owns the act, so the
                # nearest actor named before the pronoun in the sentence, not the last one before the sentence
                nearest = self._nearest_owner(tok, unit)
                if nearest is not None:
                    return nearest
        if low in PERSON_PRONOUNS:
            return state.last_person_actor
        if low in GROUP_PRONOUNS:
            return state.last_actor
        return None

    @staticmethod
    def _nearest_owner(tok: Token, unit: Unit) -> str | None:
        """The actor named nearest before "its" in its sentence, skipping people (who are not "its") and
        adjectives, which describe a noun rather than name what "its" can point to ("Turkish troops occupied
        37% of its territory", "Israeli-made weapons in its fighting")."""
        for i in range(tok.i - 1, tok.sent.start - 1, -1):
            code = unit.tok_actor.get(i)
            t = tok.doc[i]
            if code is None or i in unit.person_tokens or t.pos_ == "ADJ" or "amod" in (t.dep_, t.head.dep_):
                continue
            return code
        return None

    def actors(
        self, tok: Token | None, unit: Unit, state: ArticleState, exclude: set[str] | None = None
    ) -> list[tuple[str, Token]]:
        """Actors an argument names, one per coordinated conjunct ("Serbia and Russia")."""
        if tok is None:
            return []
        out: list[tuple[str, Token]] = []
        members = [tok, *tok.conjuncts]
        if tok.i not in unit.tok_actor and tok.tag_ in ("NNS", "NNPS"):
            # "five EU members ...: Spain, Romania and Greece": the list in apposition names the actors
            for child in tok.children:
                if child.dep_ == "appos":
                    members = [child, *child.conjuncts]
                    break
        if len(members) == 1 and tok.i not in unit.tok_actor:
            # "the foreign ministers of Armenia and Azerbaijan": one actor per conjunct after "of"
            for pobj in self._prep_objects(tok, ("of",)):
                if pobj.conjuncts and pobj.i in unit.tok_actor:
                    members = [pobj, *pobj.conjuncts]
        if len(members) == 1 and tok.i not in unit.tok_actor:
            # "Serbian and Albanian officials": coordinated modifiers name one actor each
            for child in tok.children:
                if child.dep_ in ("amod", "compound", "nmod") and child.i in unit.tok_actor and child.conjuncts:
                    members = [child, *child.conjuncts]
                    break
        members += [t for t in self._split_list(members, unit) if t not in members]
        for t in members:
            code = None
            if exclude is not None and not (t.lemma_.lower() in BORDER_HEADS and self._prep_objects(t, ("with",))):
                # "its border with Finland" names its own actor; no pronoun to resolve
                code = self._antecedent(t, unit, state, exclude)
                if code is None and t.i not in unit.tok_actor and self._definite_ref(t):
                    code = self._definite(t, unit, state, exclude)
            code = code or self._resolve_one(t, unit, state)
            if code and code not in (c for c, _ in out):
                out.append((code, t))
        return out

    @staticmethod
    def _split_list(members: list[Token], unit: Unit) -> list[Token]:
        """Names of a comma list the parser cut off: "Cyprus, Greece, Romania and Spain refused" (the
        tail hung off the first name), "with Greece, Romania, Slovakia and Spain refusing" (the head
        of the list left under "with"). Only other names that are coordinated themselves join."""
        doc = members[0].doc
        out: list[Token] = []
        for tok in members:
            if tok.i not in unit.named:
                continue
            for child in tok.children:
                if (child.dep_ in ("npadvmod", "appos") and child.i > tok.i and child.i in unit.named
                        and child.conjuncts and doc[child.left_edge.i - 1].text == ","):
                    out += [child, *child.conjuncts]
        if len(members) > 1 and all(t.i in unit.named for t in members):
            j = min(t.left_edge.i for t in members)
            if j >= 2 and doc[j - 1].text == ",":
                before = doc[j - 2]
                if before.i in unit.named and before.conjuncts and before.i not in {t.i for t in members}:
                    out += [before, *before.conjuncts]
        return out

    # -- argument finding ---------------------------------------------------------------------

    @staticmethod
    def _child(tok: Token, *deps: str) -> Token | None:
        """The first child with one of the labels (read on the doc's arrays: a Token only for the one found)."""
        doc = tok.doc
        arrays = doc_arrays(doc)
        labels = arrays.deps
        return next((doc[c] for c in arrays.children[tok.i] if labels[c] in deps), None)

    @staticmethod
    def _prep_objects(tok: Token, preps: Iterable[str]) -> list[Token]:
        """The objects of the word's prepositions among `preps` (read on the doc's arrays, issue 17)."""
        preps = set(preps)
        doc = tok.doc
        arrays = doc_arrays(doc)
        children, labels = arrays.children, arrays.deps
        out: list[Token] = []
        for child in children[tok.i]:
            if labels[child] in ("prep", "dative") and arrays.pos[child] == "ADP" and arrays.lowers[child] in preps:
                out.extend(doc[c] for c in children[child] if labels[c] == "pobj")
        return out

    def _subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The grammatical agent of a verb, climbing xcomp/conj/advcl chains; (token, via_passive)."""
        if self._participle(verb):
            # "rebels backed by Iran", "Iranian-backed rebels": a participle's agent is its by-phrase or prefix
            agent = self._child(verb, "agent")
            if agent is not None:
                return self._child(agent, "pobj"), True
            return next((c for c in verb.children if c.dep_ in ("npadvmod", "compound", "nmod", "amod")
                         and c.i < verb.i and verb.doc[verb.i - 1].text == "-"), None), True
        v = verb
        for _ in range(4):
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in v.children)
            if passive:
                agent = self._child(v, "agent")
                if agent is not None:
                    return self._child(agent, "pobj"), True
                if v.lemma_.lower() in PARTAKE and self._child(v, "nsubjpass") is not None:
                    return self._child(v, "nsubjpass"), False  # "Serb forces were engaged in ethnic cleansing"
                if v is verb:
                    return None, True
            subj = self._child(v, "nsubj", "csubj")
            if subj is not None:
                # "CAIRO (AP) -- Egypt accused ...": a dateline parsed as a second subject; the nearer one acts
                subj = max((c for c in v.children if c.dep_ == "nsubj" and c.i < v.i), key=lambda c: c.i,
                           default=subj)
                if subj.lower_ in ("which", "who", "that") and v.dep_ == "relcl":
                    return v.head, False
                return subj, False
            if v.dep_ == "relcl":
                return v.head, False
            if v.dep_ == "advcl" and v.tag_ == "VBG":
                # "... fired on the boats, Manila said, describing the move as illegal": the speaker
                said = next((c for c in v.head.children if c.dep_ == "parataxis" and c.i < v.i
                             and c.lemma_.lower() in SPEECH), None)
                speaker = self._child(said, "nsubj") if said is not None else None
                if speaker is not None:
                    return speaker, False
            if v.dep_ == "pcomp" and v.head.lower_ in ("of", "for") and v.head.head.pos_ == "VERB":
                # "accused China of ramming", "punished Kurti for banning": the one accused acts
                accused = self._child(v.head.head, "dobj", "nsubjpass")  # "X was accused of ..."
                if accused is not None:
                    return accused, False
            # "Beijing's decision to halt imports": the decided act itself, never a clause climbed from below it
            decided = v.i == verb.i and v.head.lemma_.lower() in DECISION_NOUNS
            if v.dep_ == "acl" and (v.head.lemma_.lower() in PLEDGE_NOUNS or decided) and v.head is not v:
                # "Moscow expressed readiness to hold talks", "Ankara's offer to mediate": the pledger acts
                owner = self._child(v.head, "poss")
                if owner is not None:
                    return owner, False
                # "Following the decision to halt imports, Vilnius ...": whoever acts next did not decide
                if v.head.dep_ in (("dobj", "attr") if v.head.lemma_.lower() in DECISION_NOUNS else ("dobj", "pobj", "attr")):
                    v = v.head.head if v.head.dep_ != "pobj" else v.head.head.head
                    continue
                break
            if v.dep_ == "xcomp" and v.head.lemma_.lower() in OBJECT_CONTROL:
                controller = self._child(v.head, "dobj")
                if controller is not None:
                    return controller, False
            if v.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and v.head is not v:
                v = v.head if v.dep_ != "pcomp" else v.head.head
                continue
            break
        return None, False

    @staticmethod
    def _participle(verb: Token) -> bool:
        """A past participle describing a noun: "the rebels, backed by Iran", "Iranian-backed rebels"."""
        return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and verb.head.pos_ in ("NOUN", "PROPN")

    def verb_args(self, verb: Token, trig: Trigger) -> tuple[Token | None, list[Token]] | None:
        """(source token, target candidates in order) for a verb trigger; None if its object test fails."""
        if trig.lemma.startswith("(stance:"):
            # the one who holds the stance is the subject, also of "is opposed to"
            holder = self._child(verb, "nsubjpass") or self._subject(verb)[0]
            return holder, self._prep_objects(verb, trig.target_preps)
        source, _ = self._subject(verb)
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        dobj = self._child(verb, "dobj") or self._up_to(verb)
        # "the embargo, which the EU imposed on Syria": the relative pronoun stands for the noun it follows
        dobj = relative_antecedent(dobj) or dobj if dobj is not None else None
        if "receiver" in trig.flags:
            # "Eritrea received money from Qatar": the giver acts on the one who receives
            if passive or dobj is None or not self._object_ok(dobj, trig):
                return None
            giver = next(iter(self._prep_objects(verb, ("from",)) + self._prep_objects(dobj, ("from",))), None)
            return giver, [source] if source is not None else []
        if trig.objects:
            obj = dobj if dobj is not None or not passive else self._child(verb, "nsubjpass")
            if obj is None and verb.dep_ == "relcl" and verb.head.lemma_.lower() in trig.objects:
                obj = verb.head
            if obj is None and "owner" in trig.flags:
                # "crossed into Guyanese waters": the object of a target preposition stands in for it
                obj = next((p for p in self._prep_objects(verb, trig.target_preps) if self._object_ok(p, trig)), None)
            if obj is None or not self._object_ok(obj, trig):
                return None
            # "launched artillery, mortar and rocket fire against the camps": any conjunct of the object
            targets = [p for o in (obj, *obj.conjuncts) for p in self._prep_objects(o, trig.target_preps)]
            targets += self._prep_objects(verb, trig.target_preps)
            for part in self._prep_objects(obj, ("of",)):
                # "launched several waves of attacks against Israel": the target hangs off the partitive
                targets += self._prep_objects(part, trig.target_preps - {"of"})
            targets += self._aimed_at(obj)  # "imposed sanctions aimed at Belarusian exporters"
            if "owner" in trig.flags:
                targets.append(obj)  # "entered Guyanese waters", "closed the Afghan border": whose it is
            dative = self._child(verb, "dative")
            if dative is not None and dative.pos_ != "ADP":
                targets.insert(0, dative)
            return source, targets
        if passive:
            subj = self._child(verb, "nsubjpass")
            return source, [subj] if subj is not None else []
        if self._participle(verb):
            # "Kosovo's US-backed declaration": what the participle describes, or whose it is. A prefix
            # agent of a hostile act is a standing description ("Israeli-occupied"), not an event.
            if self._child(verb, "agent") is None and trig.type not in BACKING and trig.lemma not in MEDIATING:
                source = None  # "EU-mediated talks", "a US-brokered truce": the prefix mediates (CONSULT)
            return source, [verb.head, *(c for c in verb.head.children if c.dep_ == "poss")]
        # "fired water cannon at Philippine vessels": when the object names no actor, a target preposition may
        # "discussed Croatia's advance": the object of a "topic" verb is what is talked about, not with whom
        cands = [t for t in (None if "topic" in trig.flags else dobj, self._child(verb, "dative"))
                 if t is not None and t.pos_ != "ADP"]
        cands += self._prep_objects(verb, trig.target_preps)
        if dobj is not None and "topic" not in trig.flags:
            # "fired two artillery shells at Seoul": the parser hangs the target off the object;
            # "provide 70 million dollars of aid for Romania": or off its partitive, with that noun's own preps
            nodes = (dobj, *self._prep_objects(dobj, ("of",)))
            preps = set(trig.target_preps).union(*(own.target_preps for node in nodes for own in self.triggers.get(
                (node.lemma_.lower(), "NOUN"), []) if own.type == trig.type))
            for node in (*nodes, verb):
                cands += self._prep_objects(node, preps)
        if dobj is not None and trig.type in RELATIONAL:
            # "welcomed the resumption of ties with Georgia": the partner hangs off the object
            for node in (dobj, *self._prep_objects(dobj, ("of",))):
                cands += self._prep_objects(node, ("with", "between", "to"))
        if dobj is not None and trig.type in RESPONSES:
            # "rejected a fresh offer from Kabul", "accepted a proposal by Cairo": whose it was
            cands += self._prep_objects(dobj, ("from", "by"))
        return source, cands

    def _gives_words(self, verb: Token) -> bool:
        """"delivered a message to Sudan", "provided no evidence": what a verb of giving hands over is only words."""
        dobj = self._child(verb, "dobj")
        given = [*self._prep_objects(verb, ("with",))]
        if dobj is not None and dobj.pos_ == "NOUN":
            given += [dobj, *dobj.conjuncts]
        words = object_classes()["words"]
        return bool(given) and all(g.lemma_.lower() in words for g in given)

    def _up_to(self, verb: Token) -> Token | None:
        """"kidnapped up to 16 Russian advisers": a quantity the parser took for a particle and a preposition."""
        for prt in (c for c in verb.children if c.dep_ == "prt" and c.lower_ == "up"):
            for obj in self._prep_objects(prt, ("to",)):
                if any(c.dep_ == "nummod" for c in obj.children):
                    return obj
        return None

    def _codes_itself(self, verb: Token) -> bool:
        """Whether a verb is a trigger in its own right here (its object constraint, if any, met)."""
        dobj = self._child(verb, "dobj")
        return any(not t.objects or (dobj is not None and self._object_ok(dobj, t)) for t in self._candidates(verb))

    def _object_ok(self, obj: Token, trig: Trigger) -> bool:
        """The object satisfies the entry's constraint, also through a partitive ("a round of talks")."""
        cands = [obj, *obj.conjuncts, *self._prep_objects(obj, ("of",))]
        if obj.pos_ == "PROPN":
            # "received Somali President Hassan Sheikh Mohamud": the title before a name
            cands += [c for c in obj.children if c.dep_ == "compound"]
        return any(cand.lemma_.lower() in trig.objects or cand.lower_ in trig.objects for cand in cands)

    def complement_targets(self, verb: Token) -> list[Token]:
        """Target candidates inside a verb's infinitive complement: its object and target prepositions."""
        out: list[Token] = []
        for xcomp in (c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")):
            if self._codes_itself(xcomp) and verb.lemma_.lower() not in THREAT_VERBS:
                continue  # "agreed to send tanks to Kyiv": the complement is an act of its own
            # "refused to allow UN planes to land": the one let (or not let) act is the subject of its clause
            allowed = [s for c in xcomp.children if c.dep_ == "ccomp" and xcomp.lemma_.lower() in PERMIT
                       for s in c.children if s.dep_ == "nsubj"]
            out += self._clause_targets(xcomp, allowed)
        return out

    def purpose_targets(self, tok: Token) -> list[Token]:
        """Target candidates in a purpose clause: "blocked roads to show their anger at Washington's policy"."""
        out: list[Token] = []
        verb = governor(tok)
        for clause in (c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"):
            if any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
                out += self._clause_targets(clause)
        return out

    def _clause_targets(self, clause: Token, extra: Sequence[Token] = ()) -> list[Token]:
        """A clause's objects (and `extra` ones), its target prepositions, and those of its objects, in that order."""
        objs = [c for c in clause.children if c.dep_ in ("dobj", "dative") and c.pos_ != "ADP"] + list(extra)
        out = objs + self._prep_objects(clause, COMPLEMENT_PREPS)
        for obj in objs:
            out += self._prep_objects(obj, COMPLEMENT_PREPS | {"of"})
        return out

    def _noun_objects(self, noun: Token, trig: Trigger) -> list[Token]:
        """Objects of "of"/"for" that meet a noun's constraint: "arrival of troops", "preparations for war"."""
        return [p for p in self._prep_objects(noun, ("of", "for")) if p.lemma_.lower() in trig.objects]

    def noun_args(self, noun: Token, trig: Trigger, unit: Unit) -> tuple[Token | None, list[Token]]:
        """(source token, target candidates) for a nominal trigger ("Washington's delivery of X to Y")."""
        if noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN"):
            # "the NATO bombing campaign against Serbia": the phrase's head carries the arguments
            src, tgts = self.noun_args(noun.head, trig, unit)
            for child in noun.children:
                if child.i in unit.tok_actor:
                    src = child
            return src, tgts
        source: Token | None = None
        for child in noun.children:
            if child.dep_ == "poss" or (child.dep_ in ("compound", "amod", "nmod") and child.i in unit.tok_actor):
                source = child
                break
        if source is None:
            agent_preps = ("by",) + (("from",) if trig.type in SOURCE_FROM else ())
            by = self._prep_objects(noun, agent_preps)
            for of in self._prep_objects(noun, ("of",)):
                # "the arrest of three officers by Kosovo police": the agent often hangs off the object
                by += self._prep_objects(of, ("by",))
            if by:
                source = by[0]
        if source is None and "of-agent" in trig.flags:
            # "the arrival of Turkish troops", "the deployment of Russian forces": who moves is who acts
            source = next((o for o in self._prep_objects(noun, ("of",)) if o.i in unit.tok_actor or any(
                c.dep_ in ("amod", "compound", "poss", "nmod") and c.i in unit.tok_actor for c in o.children)), None)
        anchor = noun
        while (anchor.dep_ == "pobj" and anchor.head.lower_ == "of" and anchor.head.head.pos_ == "NOUN"
               and not self._candidates(anchor.head.head)):
            # "held a fresh round of talks": the partitive noun stands where the act does
            anchor = anchor.head.head
        head = anchor.head
        between = self._prep_objects(noun, ("between",))
        if not between and noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB":
            # "fighting erupted between the army and the RSF", "clashes were reported between ...":
            # the pair hangs off the verb the act is subject of
            between = self._prep_objects(head, ("between",))
        if source is None and between:
            # "clashes between Serb protesters and Kosovo police": the pair are both parties
            return between[0], []
        governor = head if anchor.dep_ in ("dobj", "attr", "nsubjpass") else head.head if anchor.dep_ == "pobj" else None
        if (source is None and trig.type in BACKING and governor is not None
                and governor.lemma_.lower() in RECEIVING and (anchor.dep_ == "dobj" or head.lower_ == "on")):
            # "Manila has the backing of Washington", "can count on the support of Egypt": the one
            # named after "of" gives, the subject receives
            giver = next(iter(self._prep_objects(noun, ("of", "from"))), None)
            receiver, _ = self._subject(governor)
            if giver is not None and receiver is not None:
                return giver, [receiver]
        if trig.type in BACKING and governor is not None and governor.lemma_.lower() in LOSING:
            return None, []  # "Belgrade lost the support of Moscow": support ended, no act named
        if (source is None and governor is not None and governor.pos_ in ("VERB", "AUX")
                and (anchor.dep_ != "pobj" or head.dep_ == "prep") and not self._codes_itself(governor)):
            # "Russia launched an offensive": a support verb lends its subject; "Moscow condemned
            # the attack" does not, its subject is not the attacker
            source, _ = self._subject(governor)
            if (source is not None and source.pos_ == "NOUN" and source.i not in unit.tok_actor
                    and self._candidates(source)):
                # "the Western arming of Georgia is a warning": the act's own agent, not the one armed
                source = self.noun_args(source, self._candidates(source)[0], unit)[0]
        preps = trig.target_preps
        targets = self._prep_objects(noun, preps)
        for of in self._prep_objects(noun, ("of",)):
            targets += self._prep_objects(of, preps - {"of"})
        if (source is not None and source.dep_ == "pobj" and source.head.lower_ in ("by", "from")
                and trig.lemma in (noun.lemma_.lower(), noun.lower_)):
            # "sanctions by the EU on Belarus": the parser often hangs the target off the agent; only a
            # name there ("attacks by nationalists on Albanian shops" names a setting, not a state)
            targets += [t for t in self._prep_objects(source, preps - {"of"}) if t.i in unit.named]
        if trig.objects:
            for obj in self._noun_objects(noun, trig):
                if obj.head.lower_ == "for":
                    targets += self._prep_objects(obj, preps)  # "preparations for war against Ethiopia"
        if anchor.dep_ == "dobj" and head.pos_ == "VERB":
            targets += self._prep_objects(head, preps)
        elif governor is not None and anchor.dep_ == "pobj" and governor.lemma_.lower() in PARTAKE:
            targets += self._prep_objects(governor, preps)  # "engaged in fighting against the rebels"
        targets += self._aimed_at(noun)
        if noun.dep_ == "compound" or (noun.head.pos_ == "NOUN" and noun.dep_ in ("nmod",)):
            targets += self._aimed_at(noun.head)  # "a sanctions package aimed at Belarusian exporters"
        if (source is not None and trig.type in ADDRESSED and self._own_agent(noun)
                and not [t for t in targets if t.i != source.i]):
            addressee = self._addressee(anchor)
            if addressee is not None:
                targets = [addressee]
        return source, targets

    def _aimed_at(self, noun: Token) -> list[Token]:
        """Who a measure is aimed at by a participle after it: "sanctions aimed at / targeting / directed
        against Russian banks"."""
        out: list[Token] = []
        for acl in (c for c in noun.children if c.dep_ == "acl" and c.lemma_.lower() in AIMING):
            out += self._prep_objects(acl, ("at", "against", "on"))
            out += [c for c in acl.children if c.dep_ == "dobj"]
        return out

    def _reporter(self, tok: Token, unit: Unit, state: ArticleState) -> str | None:
        """The actor whose speech verb (said, told, claimed) carries the act, when the act is not negated."""
        said = self._speech_verb(governor(tok), through=("conj", "xcomp", "ccomp"), steps=4, unnegated=True)
        if said is None:
            return None
        speaker, _ = self._subject(said)
        return self._resolve_one(speaker, unit, state) if speaker is not None else None

    def _speech_verb(self, node: Token, *, through: tuple[str, ...], steps: int, unnegated: bool) -> Token | None:
        """The speech verb (said, told, claimed) whose content clause `node` is, climbing `steps` heads at most
        through the dependencies `through` (coordinated or embedded clauses); with `unnegated`, not a denied one."""
        for _ in range(steps):
            head = node.head
            if head is node:
                return None
            if (node.dep_ in ("ccomp", "parataxis") and head.lemma_.lower() in SPEECH
                    and not (unnegated and self.negated(head))):
                return head
            if node.dep_ not in through:
                return None
            node = head
        return None

    @staticmethod
    def _elliptic_subjects(tok: Token) -> list[Token]:
        """"Japan supports Ukraine's bid, and so does South Korea", "..., as did France", "neither has
        Greece": an elided repeat of the act by a further subject."""
        node = governor(tok)
        out: list[Token] = []
        for clause in (c for c in node.children if c.dep_ in ("conj", "advcl")):
            if clause.lemma_.lower() not in ("do", "have", "be", "will", "would", "can"):
                continue
            if any(c.dep_ in ("dobj", "attr", "acomp", "xcomp", "ccomp") for c in clause.children):
                continue  # a verb of its own ("and did the same in May" aside), not an elided repeat
            if any(c.lower_ in ("so", "as", "neither", "nor") for c in clause.children if c.i < clause.i):
                out += [c for c in clause.children if c.dep_ == "nsubj"]
        return out

    @staticmethod
    def _own_agent(noun: Token) -> bool:
        """"turned down a request from Seoul", "rejected Turkey's demands": the object is another's act."""
        return any(c.dep_ == "poss" and c.pos_ != "PRON" for c in noun.children) or any(
            c.dep_ == "prep" and c.lower_ in ("from", "by") for c in noun.children)

    def _addressee(self, noun: Token) -> Token | None:
        """Who a demand or objection with no named target was made to: whoever meets it in the clause.

        "Japan turned down a request from South Korea", "ignored warnings by the UN", "despite objections
        from Algeria, Spain endorsed the plan": the subject of the verb that takes or defies the noun.
        """
        if noun.dep_ == "dobj" and noun.head.pos_ == "VERB" and noun.head.lemma_.lower() in ANSWERING:
            verb = noun.head
        elif noun.dep_ == "pobj" and noun.head.lower_ in DESPITE and noun.head.head.pos_ in ("VERB", "AUX"):
            verb = noun.head.head
        else:
            return None
        subject, passive = self._subject(verb)
        return None if passive else subject

    def _act_agents(self, cands: list[Token], unit: Unit) -> list[Token]:
        """Put the doer of a nominal act first: condemning "the arrest of X by Kosovo police" targets Kosovo."""
        out: list[Token] = []
        for cand in cands:
            if cand.pos_ == "NOUN" and cand.i not in unit.tok_actor:
                trigs = self.triggers.get((cand.lemma_.lower(), "NOUN"), [])
                for trig in trigs[:1]:
                    src, _ = self.noun_args(cand, trig, unit)
                    if src is not None and src.head is not cand.head:
                        out.append(src)
                if not trigs:
                    # "protested against abuses by the police": the doer of an act the lexicon does not list
                    out += self._prep_objects(cand, ("by",))
            out.append(cand)
        return out

    def _places(self, tok: Token) -> list[Token]:
        """Objects of locative prepositions on the trigger, or on the verb a nominal trigger is object of."""
        nodes = [tok]
        verb = governor(tok)
        if tok.dep_ == "pobj" and tok.head.lower_ == "on" and tok.head.head.pos_ == "VERB":
            verb = tok.head.head  # "arrived in Amman on a surprise visit"
        if verb is not tok and verb.pos_ == "VERB":
            nodes.append(verb)
        return [p for node in nodes for p in self._prep_objects(node, ("in", "inside", "across", "throughout"))]

    def _setting_group(
        self, tok: Token, cands: list[Token], source: tuple[str, Token], unit: Unit, state: ArticleState, *,
        hostile: bool = False,
    ) -> list[tuple[str, Token]]:
        """"Police dispersed demonstrators in Lagos": a generic group takes the country of the setting.

        With no place named, the group belongs to the state whose agent acts on it, unless another
        state charges an attack on it: then the group is that state's.
        """
        groups = load_words("groups.csv")
        code, agent = source
        # "dozens of opposition supporters": the group hangs off a quantity
        cands = [c for cand in cands for c in (cand, *self._prep_objects(cand, ("of",)))]
        for cand in cands:
            if cand.lemma_.lower() not in groups or any(t.i in unit.tok_actor for t in cand.subtree):
                continue
            for node in (cand, tok):
                for place in self._prep_objects(node, ("in", "near", "across", "inside")):
                    found = self._resolve_one(place, unit, state)
                    if found:
                        return [(found, cand)]
            accuser = self._accuser(tok) if hostile else None
            if accuser is not None:
                if accuser.i == agent.i:
                    return []  # the parse made the accuser the agent: "X accused Y of ..., wounding ..." misread
                by = self._resolve_one(accuser, unit, state)
                if by is not None and by != code and by not in body_codes():  # the UN has no civilians
                    # "Armenia accused Azerbaijan of shelling villages, wounding two civilians": the people an
                    # accused act harmed are the accuser's own
                    return [(by, cand)]
            if code not in body_codes():
                return [(code, cand)]
        return []

    def _accuser(self, tok: Token) -> Token | None:
        """Who charges the act: the subject of an accusation that governs it ("X accused Y of
        shelling ...", "... wounding ...", "blamed Y for ...")."""
        node = tok
        for _ in range(5):
            if node.head is node:
                break
            node = node.head
            if node.lemma_.lower() in ("accuse", "blame", "charge", "suspect") and node.pos_ == "VERB":
                return self._subject(node)[0]
        return None

    def _retaliated(self, tok: Token) -> list[Token]:
        """What an act answers: "in retaliation for X", "in response to X", "when Kosovo objected"."""
        out: list[Token] = []
        for node in {tok, governor(tok)}:
            for noun in self._prep_objects(node, ("in", "as")):
                if noun.lemma_.lower() in REPRISALS:
                    out += self._prep_objects(noun, ("for", "to", "against", "over"))
            for clause in (c for c in node.children if c.dep_ == "advcl" and c.i < node.i):
                # "When Athens protested, Ankara recalled its envoy": whoever acted first
                if any(m.dep_ in ("mark", "advmod") and m.lower_ in ("when", "after") for m in clause.children):
                    out += [c for c in clause.children if c.dep_ == "nsubj"]
        for node in {tok, governor(tok), *(c for c in tok.children if c.dep_ == "xcomp")}:
            for clause in (c for c in node.children if c.dep_ == "advcl"):
                # "threatened a general strike unless Israel rescinded ...": whoever must meet the condition
                if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
                    out += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        return out

    @staticmethod
    def _definite_act(tok: Token, unit: Unit) -> bool:
        """"the attack", "this blockade": an act named before, with no agent or owner of its own here."""
        return tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("the", "this", "these") for c in tok.children) \
            and not any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in tok.children) \
            and not any(t.i in unit.tok_actor for t in tok.subtree)

    @staticmethod
    def _reciprocal(tok: Token) -> bool:
        """"each other", "one another": the parties act on one another."""
        pair = {"other": "each", "another": "one", "one": "another"}.get(tok.lower_)
        return pair is not None and any(c.lower_ == pair for c in tok.children)

    @staticmethod
    def _companions(tok: Token | None, verb: Token | None = None) -> list[Token]:
        """Actors an agent is said to act with: "Ukraine, like Spain and Slovakia, ...", "X, along with Y, ...",
        "X, joined by Y, ...", and on the verb: "Together with Germany, the Netherlands pledged ...",
        "Alongside Britain, France imposed ..." (issue 15, section 3.6: every member of a list acts)."""
        if tok is None or tok.dep_ not in ("nsubj", "nsubjpass"):
            return []
        out: list[Token] = []
        heads = [tok] if verb is None or tok.head.i != verb.i else [tok, verb]
        for head in heads:
            for child in head.children:
                if child.dep_ in ("acl", "advcl") and child.lower_ == "joined" and (head is tok or child.i < head.i):
                    out += [p for by in child.children if by.dep_ == "agent"
                            for pobj in by.children if pobj.dep_ == "pobj" for p in (pobj, *pobj.conjuncts)]
                if child.dep_ != "prep" or (head is not tok and child.i > head.i):
                    continue  # on the verb, only a phrase before it: not "placed troops alongside the border"
                preps = [child] if child.lower_ in ("like", "alongside") or (child.lower_ == "with" and any(
                    c.lower_ in ("along", "together") for c in child.children)) else [
                    c for c in child.children if c.dep_ == "prep" and c.lower_ == "with"
                ] if child.lower_ in ("along", "together") else []
                for prep in preps:
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        out += [pobj, *pobj.conjuncts]
        return out

    @staticmethod
    def _pledged(tok: Token) -> bool:
        """The act is an infinitive under a pledge ("agreed to resume talks", "ready to send troops",
        "expressed readiness to hold talks")."""
        node = governor(tok)
        if node.dep_ == "acl" and node.head.lemma_.lower() in PLEDGE_NOUNS and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            return not any(c.dep_ == "neg" for c in node.children)
        if node.dep_ != "xcomp":
            return False
        head = node.head
        return head.lemma_.lower() in PLEDGE_HEADS and not any(c.dep_ == "neg" for c in head.children)

    @staticmethod
    def _bystander(tok: Token) -> bool:
        """The target names private people ("200 Ukrainian refugees", "millions of Syrian refugees")."""
        head = tok.head if tok.dep_ in ("amod", "compound", "nmod", "poss") else tok
        if head.like_num or head.lemma_.lower() in ("hundred", "thousand", "million", "dozen", "number"):
            head = next((p for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
                         for p in prep.children if p.dep_ == "pobj"), head)
        return head.lemma_.lower() in load_words("bystanders.csv")

    @staticmethod
    def _decided(tok: Token) -> bool:
        """"India decided to expel a Canadian diplomat": a decision taken is the act, not a threat."""
        node = governor(tok)
        return node.dep_ == "xcomp" and node.head.lemma_.lower() == "decide" and node.head.tag_ in ("VBD", "VBN")

    @staticmethod
    def _ended(tok: Token) -> bool:
        """A relation that is being ended: "cancelled the agreement", "the suspension of talks with X"."""
        node = tok
        for _ in range(3):
            if node.dep_ == "pobj" and node.head.lower_ == "of":
                node = node.head.head
            elif node.dep_ in ("dobj", "nsubjpass", "compound", "conj") and node.head is not node:
                node = node.head
            else:
                return False
            if node.lemma_.lower() in ENDING:
                return True
        return False

    @staticmethod
    def _demanded(tok: Token) -> bool:
        """A warning whose content clause says what the addressee should or must do, or must not start
        ("warned Poland against sending tanks")."""
        return any(c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in DEMAND_MODALS for a in c.children)
                   for c in tok.children) or any(
            c.dep_ == "prep" and c.lower_ == "against" and any(p.dep_ == "pcomp" for p in c.children)
            for c in tok.children)

    @staticmethod
    def _intended(tok: Token) -> bool:
        """The act is only announced: "will visit Tirana", "plans to impose tariffs", "is prepared to ..."."""
        node = governor(tok)
        if any(c.dep_ == "aux" and (c.lower_ in FUTURE_AUX or c.lower_ == "going") for c in node.children):
            return not any(c.dep_ == "neg" for c in node.children)
        return node.dep_ == "xcomp" and node.head.lemma_.lower() in INTENT_HEADS | PLEDGE_HEADS

    @staticmethod
    def _conditional(tok: Token) -> bool:
        """"would impose sanctions if Caracas moved troops": an act on a condition is a threat."""
        verb = governor(tok)
        if not any(c.lower_ in ("would", "will", "could", "may", "might", "'d", "'ll")
                   for c in verb.children if c.dep_ == "aux"):
            return False
        return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in c.children)
                   for c in verb.children)

    @staticmethod
    def _domestic(src: Token, tgt: Token, unit: Unit, etype: str = "") -> bool:
        """"Turkish police detained Kurdish activists": two agents of one state act on each other, or the state
        and a group of its own.

        Never when either side is the state's own name or a pronoun: "Serbia said Serbia ..."
        and "Kosovo defended its police" are not domestic events.
        """
        if src.i == tgt.i or src.lemma_ == tgt.lemma_:
            return False
        if all(t.pos_ in ("NOUN", "PROPN") and t.i not in unit.named for t in (src, tgt)):
            return True
        if (src.i in unit.named and tgt.i in unit.groups) or (src.i in unit.groups and tgt.i in unit.named):
            # "Kinshasa accused M23 of ...", "the RSF shelled Khartoum": a state and an armed group or
            # community of its own (issue 15, section 3.1)
            return True
        # "Croatia is investigating crimes by Croatian extremists": the state moves against a group its adjective names
        return (etype in REPRESSIVE and src.i in unit.named and tgt.pos_ == "NOUN" and tgt.i not in unit.tok_actor
                and any(c.dep_ == "amod" and c.i in unit.tok_actor and c.i not in unit.named for c in tgt.children))

    def _home_sides(self, side: tuple[str, Token], src: Token, unit: Unit, state: ArticleState,
                    etype: str) -> list[tuple[str, Token]]:
        """Another conjunct of a mutual act's subject that is a second side of the same place: "the Sudanese
        army and the RSF clashed" -> [(SDN, RSF)]; "the army and the RSF traded accusations": a bare state
        organ beside a group of a place is that place's.

        Why one side must be a group of the place (an armed group's name, protesters, rebels, the opposition):
        two agents of one state ("the army and the police cooperated") act together, not on each other; a
        state with its own name or capital ("Serbia and Belgrade") is one party; "the RSF and its allies" names
        the allies only through the RSF."""
        code, tok = side
        groups = load_words("groups.csv") - STATE_AGENT_HEADS
        tagged = unit.tok_actor

        def named_here(t: Token) -> bool:
            # its own words name its place ("the RSF", "Georgian police", "Sudan's army"); "its allies" does not
            return t.i in tagged or any(c.i in tagged and c.dep_ in ("amod", "compound", "nmod", "poss")
                                        for c in t.children)

        def bare_organ(t: Token) -> bool:
            return (t.lemma_.lower() in load_words("agent_heads.csv") and t.i not in unit.named
                    and not any(c.dep_ in ("poss", "compound", "amod", "nmod") for c in t.children))

        for other in (src, *src.conjuncts):
            if other.i == tok.i:
                continue
            if named_here(other):
                if self._resolve_one(other, unit, state) != code:
                    continue
            elif not (named_here(tok) and bare_organ(other)):
                continue
            if not self._domestic(tok, other, unit, etype):
                continue
            if any(t.i in unit.groups or t.lemma_.lower() in groups for t in (tok, other)):
                return [(code, other)]
        return []

    @classmethod
    def _official_voice(cls, tok: Token, unit: Unit) -> bool:
        """A state, capital or body by name, a named person, an office holder or a ministry: who speaks for a
        state, never a crowd ("Serbs", "protesters")."""
        head = tok.head if tok.dep_ == "compound" else tok
        return (tok.i in unit.named or cls._is_person(tok, unit)
                or head.lemma_.lower() in OFFICIAL_BODIES | object_classes()["official"])

    @staticmethod
    def _is_person(tok: Token, unit: Unit) -> bool:
        """A named person or an office holder ("Kosovo's prime minister"): attacks on them are verbal."""
        return tok.i in unit.person_tokens or tok.lemma_.lower() in role_heads()

    @staticmethod
    def _mandate_subject(tok: Token) -> Token | None:
        """"insisted that the Council approve the deal": the subject of a clause that asks it to act.

        After a verb or noun of demanding, a bare verb form or "should" asks; "insisted
        that the UK did transfer" is a claim. After any speech verb an obligation asks:
        "said that Belgrade must recognise Pristina", "must be ready to mediate" (not
        "must have known", a guess, nor "should be a key player", an opinion).
        """
        mandative = tok.lemma_.lower() in MANDATIVE
        for clause in tok.children:
            if clause.dep_ not in ("ccomp", "acl") or clause.pos_ not in ("VERB", "AUX"):
                continue
            auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
            bare = not auxes and clause.tag_ in ("VB", "VBP") and clause.lower_ == clause.lemma_.lower()
            should = any(a.lower_ == "should" for a in auxes) or (
                clause.tag_ == "VBN" and [a.lower_ for a in auxes] == ["be"])
            acting = (clause.pos_ == "VERB" and clause.lemma_ != "be") or any(
                a.dep_ == "acomp" and any(x.dep_ == "xcomp" for x in a.children) for a in clause.children)
            must = acting and any(a.lower_ in ("must", "should") for a in auxes) and not any(
                a.lemma_ == "have" for a in auxes)
            if must or (mandative and (bare or should)):
                return next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        return None

    @staticmethod
    def _condemning(tok: Token) -> bool:
        """A predicate that condemns: "illegal", "a clear violation", "a dangerous escalation"."""
        words = load_words("assessments.csv")
        heads = [tok, *(c for c in tok.children if c.dep_ == "pobj")] if tok.pos_ == "ADP" else [tok]
        return any(h.lemma_.lower() in words or h.lower_ in words or any(
            c.dep_ in ("amod", "compound") and (c.lemma_.lower() in words or c.lower_ in words) for c in h.children)
            for h in heads)

    def _judged(self, tok: Token) -> Token | None:
        """What a speaker condemns by calling it something ("described the move as illegal",
        "said the referendum was a provocation"): the thing judged, whose actor is accused."""
        lemma = tok.lemma_.lower()
        if lemma in CHARACTERISE:
            dobj = self._child(tok, "dobj")
            if dobj is None:  # "denounced as a crime Serbia's crackdown": the object moved past "as"
                shifted = [self._child(o, "appos") for o in self._prep_objects(tok, ("as",))]
                dobj = next((o for o in shifted if o is not None), None)
            if dobj is not None:
                preds = [c for c in tok.children if c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp")]
                preds += [c for c in (*tok.children, *dobj.children) if c.dep_ == "prep" and c.lower_ == "as"]
                preds += [c for c in dobj.children if c.dep_ == "appos"]  # "called the plan a mistake", parsed
                if any(self._condemning(p) for p in preds):
                    return dobj
        if lemma in _SPEECH_OR_OBLIGING:
            clauses = [c for c in tok.children if c.dep_ == "ccomp"]
            if tok.dep_ == "parataxis" and tok.head.pos_ in ("VERB", "AUX"):
                clauses.append(tok.head)  # "..., the ambassador said": the clause reported is the head
            for clause in clauses:
                if self.negated(clause):
                    continue
                subj = self._child(clause, "nsubj")
                if subj is not None and subj.lower_ in ("this", "that"):
                    continue  # "said this was illegal": what "this" is, the parse does not tell
                if clause.lemma_.lower() in load_words("harms.csv") and clause.tag_ != "VBN" and subj is not None:
                    return subj  # "said Israel's strikes were endangering the region": the subject harms
                if clause.lemma_.lower() not in COPULAS:
                    continue
                preds = [c for c in clause.children if c.dep_ in ("attr", "acomp", "dobj")]
                preds += [c for c in clause.children if c.dep_ == "prep" and c.lower_ == "to"]  # "amounts to"
                if any(self._condemning(p) for p in preds):
                    return self._child(clause, "nsubj")
        return None

    # -- modality -----------------------------------------------------------------------------

    @staticmethod
    def negated(tok: Token) -> bool:
        return any(c.dep_ == "neg" for c in tok.children)

    def status(self, tok: Token, parties: set[str], unit: Unit, state: ArticleState) -> tuple[str, str | None]:
        """(status, who claims or denies it) from the trigger's governors (SCHEMA.md convention 5).

        reported / claimed / denied / planned; the second item is the actor whose
        claim or denial it is, when the text names one.
        """
        if any(c.lower_ in FUTURE_AUX or (c.dep_ == "aux" and c.lower_ == "going") for c in tok.children):
            return "planned", None
        node = tok
        for _ in range(5):
            dep, head = node.dep_, node.head
            if head is node:
                break
            lemma = head.lemma_.lower()
            if dep in ("xcomp", "ccomp", "pcomp", "dobj") and lemma in DENY and not (
                    dep == "dobj" and node.pos_ == "NOUN" and self._own_agent(node)):
                # "rejected demands from Turkey" refuses the demand; it does not deny it was made
                denier_tok, _ = self._subject(head)
                return "denied", self._resolve_one(denier_tok, unit, state) if denier_tok is not None else None
            if dep == "xcomp" and lemma in PLAN:
                return "planned", None
            if dep in ("ccomp", "pcomp", "pobj") and lemma in SPEECH | {"accuse", "of"}:
                speaker_tok, _ = self._subject(head if lemma != "of" else head.head)
                speaker = self._resolve_one(speaker_tok, unit, state) if speaker_tok is not None else None
                if lemma == "of" and head.head.lemma_.lower() not in ("accuse", "suspect"):
                    node = head
                    continue
                if speaker is None or speaker not in parties:
                    return "claimed", speaker
                return "reported", None
            node = head
        for child in tok.sent.root.children:
            if child.dep_ == "prep" and child.lower_ == "according":
                by = next((self._resolve_one(p, unit, state) for p in self._prep_objects(child, ("to",))), None)
                return "claimed", by
        return "reported", None

    # -- the coder ----------------------------------------------------------------------------

    @staticmethod
    def _state_side(tok: Token, unit: Unit) -> bool:
        """A side named as a state or its forces ("Armenia", "Azerbaijani troops"), not a community or
        fighters whose state the setting decides ("Serbs", "Albanian independence fighters")."""
        head = tok
        while head.dep_ == "conj" and head.head is not head:
            head = head.head  # "Armenian and Azerbaijani troops": the adjectives share the noun
        if head.dep_ in ("amod", "compound", "nmod", "poss"):
            head = head.head
        return tok.i in unit.named or tok.lemma_.lower() in STATE_FORCES or head.lemma_.lower() in STATE_FORCES

    def _facing(self, tok: Token) -> Token | None:
        """The verb that puts an answer in a future or conditional frame, or None.

        "Britain will face a proportionate response", "any attack will be met with a resolute response"
        (the facing verb), "we will respond decisively", "vowed to react" (the answering verb itself).
        "responded to the letter" and "the response of the EU was muted" are no threat: nothing is coming.
        """
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in RESPONSE_NOUNS:
            verb = tok.head
            if tok.dep_ == "pobj" and tok.head.lower_ in ("with", "by"):
                verb = tok.head.head
            elif tok.dep_ != "dobj":
                return None
            if verb.lemma_.lower() not in FACING or verb.pos_ not in ("VERB", "AUX"):
                return None
        elif tok.pos_ in ("VERB", "AUX") and lemma in RESPONSE_VERBS:
            verb = tok
        else:
            return None
        if self.negated(verb):
            return None
        frames = [verb, verb.head] if verb.dep_ == "conj" else [verb]  # "could escalate and will receive a response"
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in COMING_AUX for v in frames for c in v.children):
            return verb
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in COMING_HEADS and not self.negated(verb.head):
            return verb
        return None

    def response_args(self, tok: Token, unit: Unit) -> tuple[Token | None, list[Token]]:
        """(source, target candidates) of a coming answer: who answers, and whose act or whom it meets."""
        verb = self._facing(tok)
        if verb is None:
            return None, []
        conditions = [s for c in verb.children if c.dep_ == "advcl"
                      and any(m.dep_ == "mark" and m.lower_ in ("if", "unless", "should") for m in c.children)
                      for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]
        if tok is verb:  # "Pakistan would respond to any Indian aggression", "would react if Greece ..."
            return self._subject(verb)[0], [*self._prep_objects(verb, ("to", "against")), *conditions]
        source = next((c for c in tok.children if c.dep_ == "poss" or (
            c.dep_ in ("amod", "compound", "nmod") and c.i in unit.tok_actor)), None)
        if source is None:
            source = next(iter(self._prep_objects(tok, ("by", "from"))), None)
        if source is None:
            source = self._speaker(verb)  # "Iran said Britain would face a response": the one who warns
        met = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return source, [*met, *conditions]

    def _speaker(self, verb: Token) -> Token | None:
        """The subject of the speech verb a clause is reported by ("Tehran said ...", "..., the ministry said")."""
        said = next((c for c in verb.children if c.dep_ == "parataxis" and c.lemma_.lower() in SPEECH), None)
        if said is None:
            said = self._speech_verb(verb, through=("conj", "xcomp", "advcl"), steps=3, unnegated=False)
        return self._subject(said)[0] if said is not None else None

    def _lookup_tokens(self, sent: Span, unit: Unit) -> Iterable[Token]:
        """The sentence's tokens that `_lookup` can find an entry for: a verb, auxiliary, noun or proper noun,
        or a stance word (stances.csv); it returns nothing for any other word, so no Token is built for those
        (issue 17: most words of a sentence are none of these)."""
        if sent.doc is not unit.doc:
            return sent
        pos, lowers, doc, stances = unit.pos, unit.lowers, unit.doc, load_stances()
        return (doc[i] for i in range(sent.start, sent.end) if pos[i] in _LOOKUP_POS or lowers[i] in stances)

    def _candidates(self, tok: Token) -> list[Trigger]:
        """Lexicon entries for a word, with the entries its clause calls for (demands, condemnations)."""
        if tok.doc is not self._memo_doc:
            self._memo_doc, self._memo = tok.doc, {}
        found = self._memo.get(tok.i)
        if found is None:
            found = self._memo[tok.i] = self._lookup(tok)
        return found

    def _lookup(self, tok: Token) -> list[Trigger]:
        # every word of the article comes through here: read each token attribute once
        stance = _stance(tok.lower_)
        if stance is not None and (tok.dep_ == "acomp" or (tok.tag_ == "VBN" and self._child(tok, "auxpass"))):
            # "Hungary has been critical of Kyiv", "Israel is opposed to French mediation"
            negated = self.negated(tok) or (tok.dep_ == "acomp" and self.negated(tok.head))
            if negated:
                return []
            if self._prep_objects(tok, STANCE_PREPS):
                return [stance]
            if self._child(tok, "agent") is None:
                return []  # "Hungary is opposed": a stance towards no one named
            # "Armenia was opposed by Azerbaijan": a passive act, coded as the verb
        pos = tok.pos_
        if pos in ("VERB", "AUX", "NOUN") and self._facing(tok) is not None:
            return [RESPONSE]  # "will face a proportionate response", "we would respond decisively": a threat
        if (pos in ("VERB", "AUX") and tok.lemma_ in ("be", "remain", "stay") and not self.negated(tok)
                and self._prep_objects(tok, ("against",))):
            return [AGAINST]  # "Azerbaijan is against the extension of the mission"
        if pos == "VERB" and tok.tag_ == "VBG" and tok.dep_ in ("nsubj", "nsubjpass") \
                and (tok.lower_, "NOUN") in self.triggers:
            return self.triggers[(tok.lower_, "NOUN")]  # "fighting between Sudan and Chad broke out": a noun the tagger took for a verb
        if pos in ("VERB", "AUX"):
            lemma = tok.lemma_.lower()
            found = self.triggers.get((lemma, "VERB"), [])
            if lemma in self._phrasal:
                # a phrasal verb means something of its own: "called off the strike", "backed down"
                particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), "")
                found = self.triggers.get((f"{lemma} {particle}", "VERB"), found)
            if not found and lemma in MANDATIVE and self._mandate_subject(tok) is not None:
                return [MANDATE]
            if lemma in DIRECTIVES and self._child(tok, "dobj") is not None and any(
                    c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in tok.children):
                return [*found, MANDATE]  # "told Beijing to back off": a demand on the one told
            if lemma in _SPEECH_OR_OBLIGING and self._mandate_subject(tok) is not None:
                return [*found, MANDATE]  # "said Belgrade must withdraw": a demand made in words
            if lemma in _JUDGING and self._judged(tok) is not None:
                return [ASSESS, *found]  # "called the referendum illegal": a condemnation, not a phone call
            return found
        if pos == "NOUN" or (pos == "PROPN" and tok.text.islower()):
            # a lower-case "proper noun" ("talks") is a tagging slip: treat it as the noun it is
            lemma = tok.lemma_.lower()
            found = self.triggers.get((lemma, "NOUN"), []) or self.triggers.get((tok.lower_, "NOUN"), [])
            if lemma in MANDATE_NOUNS and self._mandate_subject(tok) is not None:
                return [NOUN_MANDATE, *found]  # "the EU's demand that Serbia must recognise Kosovo"
            if not found and tok.i > 1 and tok.nbor(-1).tag_ == "HYPH" and tok.nbor(-2).head.i == tok.i:
                # "troop build-up", "the crack-down": the tokenizer splits a hyphenated noun
                found = self.triggers.get((tok.nbor(-2).lower_ + tok.lower_, "NOUN"), [])
            return found
        return []

    def code_sentence(
        self, sent: Span, unit: Unit, state: ArticleState, trace: list[Decision] | None = None
    ) -> list[Event]:
        """Events of one sentence; with `trace`, every trigger's decision is recorded there too."""
        events: list[Event] = []
        covered: set[int] = set()  # objects a verb trigger already coded ("brokered a ceasefire")
        for tok in self._lookup_tokens(sent, unit):
            cands = self._candidates(tok)
            if not cands:
                continue
            if tok.i in covered:
                if trace is not None:
                    trace.append(Decision(tok, cands[0], "", reason="object of a verb that already coded it"))
                continue
            why = self._not_done(tok)
            if why:
                if trace is not None:
                    trace.append(Decision(tok, cands[0], "", reason=why))
                continue
            # constrained entries ("impose" + "sanctions") before the general ones
            for trig in sorted(cands, key=lambda t: not t.objects):
                decision = self.decide(tok, trig, sent, unit, state)
                if trace is not None:
                    trace.append(decision)
                if decision.events:
                    if trig.pos == "VERB" and trig.objects:
                        for obj in (c for c in tok.children if c.dep_ == "dobj" and not self._own_agent(c)):
                            covered.update(t.i for t in (obj, *self._prep_objects(obj, ("of",))))
                    events.extend(decision.events)
                    state.last_agent = decision.events[-1].source
                    break
        return events

    def _asked_for(self, verb: Token) -> list[tuple[Token, Token]]:
        """(addressee, act) of "pushed for Germany to supply missiles", "called for the EU to impose sanctions"."""
        if verb.lemma_.lower() not in ASKING_FOR:
            return []
        out: list[tuple[Token, Token]] = []
        for clause in (c for c in verb.children if c.dep_ == "advcl" and c.i > verb.i):
            if any(m.dep_ == "mark" and m.lower_ == "for" for m in clause.children):
                who = self._child(clause, "nsubj", "nsubjpass")
            elif not any(a.dep_ == "aux" and a.lower_ == "to" for a in clause.children):
                continue
            else:  # the parser hung the addressee on "for" and the act on the verb
                who = next((p for p in self._prep_objects(verb, ("for",)) if p.i < clause.i), None)
            if who is not None:
                out.append((who, clause))
        return out

    @staticmethod
    def _warned_against(tok: Token) -> Token | None:
        """The warning verb of "warned Poland against sending tanks": the act is what the warner wants undone."""
        if tok.dep_ == "pcomp" and tok.head.lower_ == "against" and tok.head.head.lemma_.lower() in WARNING_VERBS:
            return tok.head.head
        return None

    @staticmethod
    def _characterising(tok: Token) -> Token | None:
        """The verb that names what its object is, when `tok` is that name: "called the sale an attack",
        "described the ruling as an attack" (an object predicate, or "as" under such a verb)."""
        node = tok
        while node.dep_ == "conj" and node.head is not node:
            node = node.head
        if node.dep_ == "oprd" and node.head.lemma_.lower() in CHARACTERISE:
            return node.head
        if node.dep_ == "pobj" and node.head.lower_ == "as" and node.head.head.lemma_.lower() in CHARACTERISE:
            return node.head.head
        return None

    def _not_done(self, tok: Token) -> str:
        """Why the act a trigger names is not done at all (threatened, requested, hypothetical), or ""."""
        act = tok
        while act.dep_ == "conj" and act.pos_ in ("VERB", "AUX") and act.head is not act:
            act = act.head  # "urged Beijing to halt the drills and withdraw its ships": both only asked for
        if act.dep_ == "advcl" and any(a.i == act.i for _, a in self._asked_for(act.head)):
            return f"only asked for ('{act.head.text}'), not done"
        if act.dep_ == "xcomp" and act.head.lemma_.lower() in THREAT_VERBS:
            return f"only threatened ('{act.head.text}'), not done"
        if act.dep_ == "xcomp" and any(t.type == "REQUEST" for t in self._candidates(act.head)):
            return f"only asked for ('{act.head.text}'), not done"
        if (warner := self._warned_against(act)) is not None:
            return f"only warned against ('{warner.text} against'), not done"
        if tok.pos_ == "NOUN" and (judge := self._characterising(tok)) is not None and not any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "by") for c in tok.children):
            # "described the ruling as an attack on Serbs": a verdict on an act, not an attack by the speaker
            return f"only what '{judge.text}' calls something, not an act"
        if (tok.dep_ == "xcomp" and tok.head.lemma_.lower() in OBJECT_CONTROL and tok.head.dep_ == "xcomp"
                and tok.head.head.lemma_.lower() in ATTEMPTS):
            # "tried to force Serbia to surrender Kosovo": the surrender has not happened
            return f"only attempted ('{tok.head.head.text} to {tok.head.text}'), not done"
        if (tok.pos_ == "NOUN" and tok.dep_ == "attr" and tok.head.lemma_.lower() in COPULAS
                and any(c.dep_ == "neg" for c in tok.head.children)):
            # "the new army will not be a threat to Serbia": a reassurance, not an act
            return f"said not to be one ('{tok.head.text} not {tok.text}')"
        if tok.pos_ == "NOUN" and ((tok.dep_ == "dobj" and tok.head.lemma_.lower() in ASKING) or (
                tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in ASKING_FOR)):
            # "demanded the withdrawal of Serbian forces", "called for the deployment of peacekeepers"
            return f"only asked for ('{tok.head.text if tok.dep_ == 'dobj' else tok.head.head.text}'), not done"
        verb = governor(tok)
        node = verb
        for _ in range(4):  # "will likely continue to encourage", "seemingly wants to increase pressure"
            hedge = next((c for c in node.children if c.dep_ == "advmod" and c.lower_ in HEDGES), None)
            if hedge is not None:
                return f"only speculated ('{hedge.text}'), not stated as done"
            if node.dep_ not in ("xcomp", "conj") or node.head is node:
                break
            node = node.head
        if verb.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in verb.children):
            return f"only a condition ('{next(m.text for m in verb.children if m.dep_ == 'mark')}'), not done"
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        node, obliged = verb, False
        for _ in range(3):  # "must be ready to mediate": the obligation sits on the head of the complement
            if node.dep_ == "pcomp" and node.head.lower_ == "by" and node.head.head is not node.head:
                node = node.head.head  # "could have provoked it by launching a drone": the means shares the mood
            elif node.dep_ in ("xcomp", "acomp") and node.head is not node:
                # "will have to hold talks", "needs to withdraw": an obligation, unless past ("had to")
                obliged = obliged or (node.head.lemma_.lower() in ("have", "need") and node.head.tag_ not in (
                    "VBD", "VBN") and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children))
                node = node.head
            else:
                break
            auxes += [c for c in node.children if c.dep_ in ("aux", "auxpass")]
        if obliged:
            return "only an obligation ('have to'/'need to'), not done"
        if any(a.lower_ in ("must", "should") for a in auxes) and not any(a.lemma_ == "have" for a in auxes):
            return "only demanded ('must'/'should'), not done"
        if any(a.lower_ in ("could", "might", "may") for a in auxes) and not self.negated(verb) and not self._conditional(tok):
            # "China could impose a blockade", "may strike again": a possibility, not an act
            return "only possible ('could'/'might'/'may'), not done"
        if tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in ("any", "no") for c in tok.children):
            return f"hypothetical ('{tok.text}' after 'any'/'no')"
        return ""

    def decide(self, tok: Token, trig: Trigger, sent: Span, unit: Unit, state: ArticleState) -> Decision:
        """Code one trigger word with one lexicon entry: the events, or the reason there are none."""
        rule = f"{trig.pos.lower()}:{trig.lemma}"
        args: tuple[Token | None, list[Token]] | None
        if trig is RESPONSE:
            args = self.response_args(tok, unit)
        elif trig.pos == "VERB":
            args = self.verb_args(tok, trig)
            if args is None:
                return Decision(tok, trig, rule, reason=f"needs an object among: {', '.join(sorted(trig.objects))}")
            if trig.type != "ACCUSE" and tok.lemma_.lower() in CHARACTERISE and any(
                    c.dep_ == "oprd" or (c.dep_ == "prep" and c.lower_ == "as") for c in tok.children):
                # "called the arms sale an attack": naming what something is, not a call or a visit
                return Decision(tok, trig, rule, reason=f"says what something is ('{tok.text} ... as/a'), not a {trig.type}")
            if (trig.type == "THREATEN" and (dobj := self._child(tok, "dobj")) is not None
                    and dobj.lemma_.lower() in object_classes()["values"]):
                # "the launches threaten peace and stability in Japan": a danger named, not a threat made
                return Decision(tok, trig, rule, reason=f"endangers '{dobj.text}', not a threat made to anyone")
            if (trig.lemma in RECOGNISE and (dobj := self._child(tok, "dobj")) is not None
                    and dobj.lemma_.lower() in object_classes()["facts"]):
                # "has not recognised the participation of its soldiers": a fact acknowledged, not a state
                return Decision(tok, trig, rule, reason=f"acknowledges a fact ('{dobj.text}'), not a recognition")
            if trig.type == "AID" and not trig.objects and self._gives_words(tok):
                return Decision(tok, trig, rule, reason="gives only words (a message, evidence, an answer), not aid")
        else:
            if trig.objects and not any(
                c.dep_ in ("amod", "compound", "nmod") and c.lemma_.lower() in trig.objects for c in tok.children
            ) and not self._noun_objects(tok, trig):
                return Decision(tok, trig, rule, reason=f"needs a modifier among: {', '.join(sorted(trig.objects))}")
            args = self.noun_args(tok, trig, unit)
        src_tok, tgt_toks = args
        if trig.pos == "NOUN" and trig.type in RELATIONAL and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in STATIVE:
            return Decision(tok, trig, rule, reason=f"a standing state ('{tok.text} {tok.head.text}'), not an act")
        if trig is ASSESS:
            judged = self._judged(tok)
            tgt_toks = [judged] if judged is not None else []
        # "sorry that Hungary did not follow the ruling": the subject of a content clause
        tgt_toks = [*tgt_toks, *(s for t in tgt_toks for c in t.children if c.dep_ in ("acl", "ccomp")
                                 and c.pos_ in ("VERB", "AUX") for s in c.children if s.dep_ == "nsubj")]
        if trig.type == "REQUEST" or tok.lemma_.lower() in MANDATIVE:
            addressee = self._mandate_subject(tok)
            if addressee is not None:
                tgt_toks = [*tgt_toks, addressee]
            tgt_toks += [who for who, _ in self._asked_for(tok)]
            # "called on all sides in Sudan to ...": an appeal to no one named (SCHEMA convention 2)
            tgt_toks = [t for t in tgt_toks if not (t.lemma_.lower() in UNNAMED_PARTIES and any(
                c.dep_ in ("det", "predet") and c.lower_ == "all" for c in t.children))]
        sources = self.actors(src_tok, unit, state)
        for extra in [*self._companions(src_tok, tok), *self._elliptic_subjects(tok)]:
            # "Ukraine, like Spain and Slovakia, has not recognised Kosovo": they act too
            sources += [s for s in self.actors(extra, unit, state) if s[0] not in {c for c, _ in sources}]
        targets: list[tuple[str, Token]] = []
        if len(sources) > 1 and any(self._reciprocal(t) for t in tgt_toks):
            # "Venezuela and Guyana pledged not to use force against each other": between the conjuncts
            targets, sources, rule = sources[1:], sources[:1], rule + "+mutual"
        for cand in self._act_agents(tgt_toks, unit) if not targets else []:
            targets = [t for t in self.actors(cand, unit, state, exclude={c for c, _ in sources})]
            if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in cand.children):
                # "withdrew its troops from X": the source's own people are not the target
                targets = [t for t in targets if t[0] not in {c for c, _ in sources}]
            if targets:
                break
        if not targets and trig.pos == "VERB" and trig.type in COMPLEMENT_TYPES and trig.lemma not in DENY:
            # "threatened to cut off gas to Armenia", "agreed to lift the embargo on Cuba"
            for cand in self.complement_targets(tok):
                targets = self.actors(cand, unit, state, exclude={c for c, _ in sources})
                if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in cand.children):
                    # "threatened to recall its ambassador unless ...": the source's own envoy is no target
                    targets = [t for t in targets if t[0] not in {c for c, _ in sources}]
                if targets:
                    rule += "+complement"
                    break
        if (not targets and tgt_toks and (self._candidates(tgt_toks[0]) or (
                trig is ASSESS and tgt_toks[0].lemma_.lower() in INCIDENTS and self._definite_act(tgt_toks[0], unit)))
                and (trig is ASSESS or self._definite_act(tgt_toks[0], unit))
                and state.last_agent and state.last_agent not in {c for c, _ in sources}):
            # "called the planned transfer a disappointment", "the EU condemned the attack":
            # the act is the one last reported
            targets, rule = [(state.last_agent, tgt_toks[0])], rule + "+last-act"
        if not targets and sources and trig.type in REPRISAL_TYPES:
            # "launched missiles in retaliation for Israel's strike on its consulate": aimed at the striker
            for cand in self._act_agents(self._retaliated(tok), unit):
                targets = self.actors(cand, unit, state, exclude={c for c, _ in sources})
                if targets:
                    rule += "+reprisal"
                    break
        if not targets and sources and trig.type == "PROTEST":
            # "blocked a highway to show their anger at the EU's farm policy": whom the protest is for
            for cand in self.purpose_targets(tok):
                targets = self.actors(cand, unit, state, exclude={c for c, _ in sources})
                if targets:
                    rule += "+purpose"
                    break
        acted_on = tgt_toks[0] if tgt_toks else self._child(tok, "dobj") if trig.pos == "VERB" else None
        if (not targets and len(sources) == 1 and trig.type in ("COERCE", "SANCTION") and acted_on is not None
                and any(t.type == "PROTEST" for t in self._candidates(acted_on))):
            # "Turkish police broke up the demonstration": a protest put down by no foreign hand is home's
            targets, rule = [(sources[0][0], acted_on)], rule + "+home"
        if not targets and len(sources) == 1 and "receiver" not in trig.flags:
            targets = self._setting_group(tok, tgt_toks, sources[0], unit, state, hostile=trig.type == "ASSAULT")
            if targets:
                rule += "+group"
        own_place = (trig.pos == "NOUN" and trig.type == "ASSAULT" and src_tok is not None
                     and src_tok.head in (tok, *tok.children))
        if not targets and sources and trig.type in LOCATIVE_TYPES and (
                trig.pos == "VERB" or tok.dep_ == "dobj" or (tok.dep_ == "pobj" and tok.head.lower_ == "on")
                or own_place):
            # "imposed a curfew in Abidjan", "arrived in Amman": the place acted on is the target;
            # "Putin's aggression in Ukraine": a hostile act whose agent is named on the noun itself
            # is aimed at the place the noun puts it in (not where the clause's verb happens)
            places = self._prep_objects(tok, ("in", "inside")) if own_place else self._places(tok)
            for place in places:
                targets = self.actors(place, unit, state)
                if targets:
                    rule += "+place"
                    break
        if (not targets and len(sources) == 1 and trig.type == "THREATEN" and src_tok is not None
                and any(c.dep_ == "xcomp" and c.lemma_.lower() in SECESSION for c in tok.children)):
            # "Kosovo Serbs threatened to secede": a threat against the state they would leave, their own
            targets, rule = [(sources[0][0], src_tok)], rule + "+home"
        if not targets and len(sources) == 1 and "home" in trig.flags:
            # "declared martial law", "will impose a curfew": measures a state takes on its own ground
            targets, rule = [(sources[0][0], tok)], rule + "+home"
        if (not targets and not tgt_toks and len(sources) == 1 and trig.type == "PROTEST" and src_tok is not None
                and src_tok.pos_ == "NOUN" and src_tok.i not in unit.named):
            # "Egyptian demonstrators rioted": a protest aimed at no one named is aimed at its own rulers
            targets, rule = [(sources[0][0], src_tok)], rule + "+home"
        mutual = src_tok is not None and src_tok.dep_ == "pobj" and src_tok.head.lower_ == "between"
        if not targets and len(sources) > 1 and (
                mutual or trig.type in ("CONSULT", "COOPERATE") or "mutual" in trig.flags):
            # "Belgrade and Pristina resumed dialogue": a symmetric act between the conjuncts
            targets, sources, rule = sources[1:], sources[:1], rule + "+mutual"
        if (not targets and mutual and len(sources) == 1 and trig.type in HOSTILE_BETWEEN and src_tok is not None
                and src_tok.conjuncts and all(c.i in unit.tok_actor or any(
                    m.i in unit.tok_actor for m in c.children) for c in src_tok.conjuncts)):
            # "fighting between the Sudanese army and the RSF": both sides one state's, a war at home
            targets, rule = [(sources[0][0], src_tok.conjuncts[0])], rule + "+home"
        if (not targets and len(sources) == 1 and src_tok is not None and src_tok.conjuncts
                and (mutual or "mutual" in trig.flags)):
            # "the army and the RSF traded accusations", "police and protesters clashed": two sides of one
            # place act on each other (issue 15, section 3.1); never the state with its own agents
            targets = self._home_sides(sources[0], src_tok, unit, state, trig.type)
            if targets:
                rule += "+home"
        decision = Decision(tok, trig, rule, sources=sources, targets=targets,
                            source_token=src_tok, target_tokens=list(tgt_toks))
        if not sources:
            decision.reason = "no actor as its agent" if src_tok is None else f"agent '{src_tok.text}' is no known actor"
            return decision
        if not targets:
            decision.reason = ("no target" if not tgt_toks
                               else "no known actor among targets: " + ", ".join(t.text for t in tgt_toks))
            return decision
        etype, negated = trig.type, self.negated(tok)
        if etype in RELATIONAL and all(self._bystander(t) for _, t in targets):
            decision.reason = "only private people as targets: " + ", ".join(t.text for _, t in targets)
            return decision
        if trig.pos == "NOUN" and etype in RELATIONAL and self._ended(tok):
            # "announced the cancellation of air services agreements with Tehran": relations cut
            etype, decision.rule = "SANCTION", decision.rule + "+ended"
        if trig.pos == "NOUN" and etype in ("ACCUSE", "PROTEST") and tok.dep_ == "pobj" and tok.head.lower_ in DESPITE:
            # "despite objections from Algeria, Spain endorsed the plan": opposition defied (SCHEMA: REJECT)
            etype, decision.rule = "REJECT", decision.rule + "+despite"
        if etype == "THREATEN" and tok.lemma_.lower() in THREAT_VERBS | WARNING_VERBS and self._demanded(tok):
            # "warned Hungary that it should not buy Chinese cameras": a demand, no menace named
            etype, decision.rule = "REQUEST", decision.rule + "+demand"
        if (etype == "PROTEST" and trig.pos == "VERB" and trig.lemma == "protest" and src_tok is not None
                and self._official_voice(src_tok, unit)):
            # "the foreign ministry protested against the visit": a government's protest is words (ACCUSE);
            # a protest in the streets is by people, not by a state's name or its officials
            etype, decision.rule = "ACCUSE", decision.rule + "+official"
        if "verbal" in trig.flags and all(self._is_person(t, unit) for _, t in targets):
            # "X attacked the prime minister": words, not weapons
            etype, decision.rule = "ACCUSE", decision.rule + "+verbal"
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in REFUSE:
            etype, negated, decision.rule = "REJECT", False, decision.rule + "+refuse"
        elif etype in HOSTILE and negated and self._pledged(tok):
            # "pledged not to use force against each other": a pledge about relations (AGREE)
            etype, negated, decision.rule = "AGREE", False, decision.rule + "+pledge"
        elif etype in HOSTILE and not self._decided(tok) and (self._conditional(tok) or self._pledged(tok) or (
                etype != "MOBILIZE" and self._intended(tok))):  # a planned deployment stays MOBILIZE, planned
            # "would impose sanctions if ...", "vowed to retaliate", "will extend the curfew": a threat
            etype, decision.rule = "THREATEN", decision.rule + "+threat"
        elif not negated and ((etype in PLEDGEABLE and self._pledged(tok)) or (
                etype in COOPERATIVE and self._intended(tok))):
            # "agreed to resume talks", "will support Turkey's bid": the pledge is the act (AGREE)
            etype, decision.rule = "AGREE", decision.rule + "+pledge"
        elif negated and trig.negated_type:
            etype, negated = trig.negated_type, False
        start = unit.offset + sent.start_char
        evidence = sent.text
        for s_code, s_tok in sources:
            for t_code, t_tok in targets:
                home = rule.endswith(("+group", "+home")) or (trig.type in ("COERCE", "PROTEST") and (
                    rule.endswith("+place") or (t_tok.dep_ == "pobj" and t_tok.head.lower_ in ("in", "inside", "across"))))
                if s_code == t_code and not (home or self._domestic(s_tok, t_tok, unit, etype)):
                    continue
                kind = etype
                if s_code == t_code and etype == "SANCTION":
                    kind = "COERCE"  # "banned opposition candidates from the vote": a state's penalty on its own is repression
                status, by = self.status(tok, {s_code, t_code}, unit, state)
                victim = self._reporter(tok, unit, state) if kind in HOSTILE and s_code != t_code else None
                if victim == t_code and status == "reported":
                    # "Eritrea said Ethiopian troops had shelled Eritrean villages": the victim accuses the
                    # attacker (reported), and the attack rests on its word (claimed)
                    status, by = "claimed", victim
                    decision.events.append(Event(
                        source=t_code, target=s_code, type="ACCUSE", negated=False, status="reported",
                        evidence=evidence, start=start, end=start + len(evidence), trigger=tok.text,
                        source_text=t_tok.text, target_text=s_tok.text, rule=decision.rule + "+victim-accuses",
                    ))
                elif (victim is None and kind in HOSTILE and s_code != t_code and status == "reported"
                      and (accuser := self._accuser(tok)) is not None
                      and self._resolve_one(accuser, unit, state) == t_code):
                    # "Armenia accused Azerbaijan of wounding two civilians": the harm rests on the accuser's word
                    status, by = "claimed", t_code
                if status == "denied" and by == s_code and kind != "REJECT" and kind not in BACKING | RELATIONAL:
                    # "Seoul denied sending drones to the North": the denial rejects the other side's charge;
                    # "denied supplying arms to Ukraine": the one helped is not who made the charge
                    decision.events.append(Event(
                        source=s_code, target=t_code, type="REJECT", negated=False, status="reported",
                        evidence=evidence, start=start, end=start + len(evidence), trigger=tok.text,
                        source_text=s_tok.text, target_text=t_tok.text, rule=decision.rule + "+denial",
                    ))
                if status == "planned" and etype in ("AGREE", "THREATEN") and (etype != trig.type or trig is RESPONSE):
                    status = "reported"  # the pledge or threat itself is made now (SCHEMA.md convention 5)
                decision.events.append(Event(
                    source=s_code, target=t_code, type=kind, negated=negated, status=status,
                    evidence=evidence, start=start, end=start + len(evidence),
                    trigger=tok.text, source_text=s_tok.text, target_text=t_tok.text, rule=decision.rule,
                    attributed_to=by if status in ("claimed", "denied") else None,
                ))
        if "+mutual" in decision.rule and etype == "ASSAULT" and not negated:
            # "the war between Armenia and Azerbaijan", "X and Y clashed": fighting between two sides is
            # each side's attack on the other (the gold's convention); talks and pacts stay one event
            have = {(e.source, e.target) for e in decision.events}
            decision.events += [replace(e, source=e.target, target=e.source, source_text=e.target_text,
                                        target_text=e.source_text, rule=e.rule + "+both")
                                for e in list(decision.events) if e.type == "ASSAULT" and e.source != e.target
                                and (e.target, e.source) not in have and all(
                                    self._state_side(t, unit) for _, t in (*sources, *targets))]
        if not decision.events:
            decision.reason = "source and target are the same actor"
        return decision

    def code(self, units: Sequence[Unit], verdicts: dict[int, list[Event]] | None = None) -> list[Event]:
        """All events of an article, one per (source, target, type, negated).

        `verdicts`, when given, receives every sentence's own events before the article-level
        merge, keyed by the sentence's start offset: the learned coder reads them as features.
        """
        state = ArticleState()
        index: dict[tuple[str, str, str, bool], int] = {}
        out: list[Event] = []
        for unit in units:
            for sent in unit.sents:
                self._blanket_denial(sent, unit, state, out)
                coded = self.code_sentence(sent, unit, state)
                if verdicts is not None:
                    verdicts[unit.offset + sent.start_char] = coded
                for ev in coded:
                    key = (ev.source, ev.target, ev.type, ev.negated)
                    if key not in index:
                        index[key] = len(out)
                        out.append(ev)
                    else:
                        out[index[key]] = merge_reports(out[index[key]], ev)
                self.update_state(sent, unit, state)
        return out

    def _blanket_denial(self, sent: Span, unit: Unit, state: ArticleState, events: list[Event]) -> None:
        """"London denied the reports": the denier disputes the latest claim it is party to."""
        for i in range(sent.start, sent.end):
            if unit.pos[i] != "VERB" or unit.lemmas[i] not in DENY:
                continue
            tok = unit.doc[i]
            obj = self._child(tok, "dobj")
            if obj is None or obj.lemma_.lower() not in CLAIM_NOUNS:
                continue
            subj, _ = self._subject(tok)
            denier = self._resolve_one(subj, unit, state) if subj is not None else None
            if denier is None:
                continue
            # the latest claim the denier is party to, and any other claim from that same sentence
            claims = [i for i, ev in enumerate(events) if ev.status == "claimed" and denier in (ev.source, ev.target)
                      and ev.disputed_by is None and ev.attributed_to != denier]
            if not claims:
                continue
            latest = max(events[i].start for i in claims)
            for i in claims:
                if events[i].start == latest:
                    events[i] = replace(events[i], disputed_by=denier, dispute_evidence=sent.text)

    def update_state(self, sent: Span, unit: Unit, state: ArticleState) -> None:
        """Carry the sentence's subject forward for pronouns (other extractors walk sentences too)."""
        anaphors = load_anaphors()
        for i in range(sent.start, sent.end):
            if unit.pos[i] in ("NOUN", "PROPN") and anaphors.get(unit.lemmas[i]) == "owner":
                tok = unit.doc[i]
                # "Azerbaijan's defence ministry", "the Serbian government": whose it is, for "the ministry"
                owner = next((unit.tok_actor[t.i] for t in tok.subtree if t.i != tok.i and t.i in unit.tok_actor), None)
                if owner is not None:
                    state.owners[tok.lemma_.lower()] = owner
        islands = load_islands()
        state.last_island = next((unit.tok_actor[i] for i in range(sent.end - 1, sent.start - 1, -1)
                                  if unit.tok_actor.get(i) in islands), state.last_island)
        # the root found once, and a Token only for its dependents (issue 17: `Span.root` walks the sentence)
        doc, heads, root = sent.doc, head_indices(sent.doc), sent.root.i
        subj = next((tok for i in range(sent.start, sent.end)
                     if heads[i] == root and (tok := doc[i]).dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return
        code = self._resolve_one(subj, unit, state)
        if code is None:
            return
        if any(t.i in unit.person_tokens for t in subj.subtree) or subj.lower_ in PERSON_PRONOUNS:
            state.last_person_actor = code
        else:
            state.last_actor = code

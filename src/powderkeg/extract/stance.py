"""Stance inside reported content: what a speaker's own words say about another actor (issue 15, 3.3).

Why a stage of its own: most accusations in real news carry no accusation verb. The speaker
evaluates: "'The American-British aggression will not stop us,' the Houthi official said",
"'Brussels has become a bystander,' the minister said". The quotes stage already knows who
speaks for which actor; this stage reads each quoted or reported clause for a word of
evaluation (data/stance_terms.csv) and the actor that word is said of: its owner ("Russia's
aggression", "the Chinese ships' provocations", "the provocations by Kyiv"), or the subject it
is predicated of ("Brussels has become a bystander", "Pristina's decision is illegal"), or the
one it shames ("a day of shame for the Council"). Precision first: a quote that merely names
two actors codes nothing, the speaker's own side is never the target, and "we", "our" and
"this" name no one. Events the rules already coded for the same (source, target, type) in the
sentence are kept; this stage only adds what is missing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from powderkeg.errors import DataFileError
from powderkeg.extract.entities import token_offsets
from powderkeg.extract.events import Unit
from powderkeg.lexicons import data_path, read_rows
from powderkeg.models import Event, Quote

#: Verbs that predicate a noun or adjective of their subject: "is a provocation", "has become a bystander".
COPULAS = frozenset({"be", "become", "remain", "constitute", "represent", "seem", "appear"})
#: Prepositions whose object did what the word names: "aggression by Russia".
AGENT_PREPS = frozenset({"by"})
#: Prepositions whose object the word shames: "a disgrace for the Council", "a shame for Europe".
SHAMED_PREPS = frozenset({"for", "to"})
#: Words that shame the object of "for" ("a disgrace for the Council"); after other words "for X"
#: is the one offended ("unacceptable for Serbia").
SHAMING = frozenset({"shame", "disgrace", "shameful", "disgraceful", "embarrassment", "humiliation"})
#: Words that make a whole judgement hypothetical or denied.
HEDGES = frozenset({"if", "whether", "unless"})
#: Possessive pronouns that point to the subject of their own clause.
OWNER_PRONOUNS = frozenset({"its", "their"})
#: A possessive ending as the tokenizer leaves it.
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
TYPES = ("ACCUSE", "SUPPORT", "REJECT")
OF_KINDS = ("agent", "victim")
RULE = "stance"


@dataclass(frozen=True)
class StanceTerm:
    """One evaluative word: the event it codes and what the object of its "of" is."""

    lemma: str
    type: str
    of: str  # "agent": "the provocations of Kyiv" accuse Kyiv; "victim": "the occupation of Crimea" does not


@lru_cache(maxsize=2)
def load_stance_terms(path: Path | None = None) -> dict[str, StanceTerm]:
    """stance_terms.csv: evaluative lemma -> StanceTerm; a bad type names the file and line."""
    path = path or data_path("stance_terms.csv")
    out: dict[str, StanceTerm] = {}
    for lineno, row in read_rows(path, ("lemma", "type", "of")):
        if row["type"] not in TYPES:
            raise DataFileError(str(path), lineno, f"type must be one of {', '.join(TYPES)}, not {row['type']!r}")
        if row["of"] not in OF_KINDS:
            raise DataFileError(str(path), lineno, f"of must be one of {', '.join(OF_KINDS)}, not {row['of']!r}")
        out[row["lemma"].lower()] = StanceTerm(row["lemma"].lower(), row["type"], row["of"])
    return out


def actor_of(tok: Token, unit: Unit) -> str | None:
    """The actor a noun phrase's head names: itself, or its national modifier ("the Kosovo government")."""
    code = unit.tok_actor.get(tok.i)
    if code is not None:
        return code
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod") and c.i in unit.tok_actor:
            return unit.tok_actor[c.i]
    return None


def _with_conjuncts(tok: Token) -> Iterator[Token]:
    """A token and the tokens conjoined to it: "American and British", "Russia and Belarus"."""
    yield tok
    yield from tok.conjuncts


def owners(noun: Token, unit: Unit, term: StanceTerm) -> list[str]:
    """Who the conduct a noun names belongs to: "Russia's", "Chinese", "by Kyiv", "of Kyiv" (agent words only)."""
    out: list[str] = []
    own = unit.tok_actor.get(noun.i)
    if own is not None and noun.pos_ == "PROPN":
        return [own]  # the noun names the actor itself ("Kyiv" in "Kyiv's aggression" is handled by its head)
    for c in noun.children:
        found: list[Token] = []
        if c.dep_ == "poss" and c.lower_ in OWNER_PRONOUNS:
            found = [s for s in [_clause_subject(noun)] if s is not None]
        elif c.dep_ == "poss" or (c.dep_ in ("amod", "compound", "nmod") and c.i in unit.tok_actor):
            found = list(_with_conjuncts(c))
            # "American-British aggression": the second adjective hangs off the first
            found += [g for g in c.children if g.dep_ in ("amod", "compound") and g.i in unit.tok_actor]
        elif c.dep_ == "prep" and (c.lower_ in AGENT_PREPS or (c.lower_ == "of" and term.of == "agent")):
            found = [x for p in c.children if p.dep_ == "pobj" for x in _with_conjuncts(p)]
        for f in found:
            code = actor_of(f, unit)
            if code is not None and code not in out:
                out.append(code)
    if not out:
        left = _surface_owner(noun)
        code = actor_of(left, unit) if left is not None else None
        if code is not None:
            out.append(code)
    return out


def _clause_subject(tok: Token) -> Token | None:
    """Whom "its" or "their" points to inside one clause: "the Secretariat confirmed its biased approach"."""
    node = tok
    for _ in range(4):
        if node.head is node:
            break
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            subj = next((c for c in node.children if c.dep_ == "nsubj"), None)
            return subj if subj is not None and subj.pos_ != "PRON" else None
    return None


def _surface_owner(noun: Token) -> Token | None:
    """The owner written before a possessive mark when the parse lost it ("the Chinese ships’ aggression")."""
    i = noun.i - 1
    doc = noun.doc
    while i >= 0 and doc[i].pos_ in ("ADJ", "ADV") and doc[i].dep_ in ("amod", "advmod"):
        i -= 1
    if i < 1 or doc[i].lower_ not in POSSESSIVE_MARKS:
        return None
    return doc[i - 1]


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in ("no", "never") for c in tok.children)


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    return tok


def targets(term_tok: Token, term: StanceTerm, unit: Unit) -> list[str]:
    """The actors an evaluative word is said of, or [] when the parse names none clearly."""
    tok = _first_conjunct(term_tok)
    if _negated(term_tok) or _negated(tok):
        return []
    noun = tok
    if tok.pos_ == "ADJ" and tok.dep_ == "amod":
        noun = tok.head  # "the West's hostile policy": the policy's owner
    found = owners(noun, unit, term) if noun is not tok or tok.pos_ != "ADJ" else []
    if not found and noun is not tok:
        found = owners(tok, unit, term)
    if not found and term.lemma in SHAMING:
        found = _shamed(tok, unit)
    pred = noun if noun is not tok else tok
    if not found and pred.dep_ in ("attr", "acomp") and pred.head.lemma_.lower() in COPULAS:
        verb = pred.head
        if _negated(verb) or any(c.dep_ == "mark" and c.lower_ in HEDGES for c in verb.children):
            return []
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and subj.lower_ not in ("this", "that", "it", "which", "what"):
            code = actor_of(subj, unit)
            found = [code] if code is not None else owners(subj, unit, term)
    return found


def _shamed(tok: Token, unit: Unit) -> list[str]:
    """"a day of shame for the Council": the object of "for" on the word or on the noun it qualifies."""
    hosts = [tok]
    if tok.dep_ == "pobj" and tok.head.lower_ == "of":
        hosts.append(tok.head.head)  # "a day of shame for X"
        if tok.head.head.dep_ == "attr" and tok.head.head.head.lemma_.lower() in COPULAS:
            hosts.append(tok.head.head.head)  # "the vote will go down as a day of shame for X": "for" on the verb
    out: list[str] = []
    for h in hosts:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in SHAMED_PREPS:
                for p in c.children:
                    code = actor_of(p, unit) if p.dep_ == "pobj" else None
                    if code is not None and code not in out:
                        out.append(code)
    return out


def _sentence_events(sent: Span, unit: Unit, speaker: str, lo: int, hi: int) -> Iterator[tuple[str, str, Token]]:
    """(target, type, word) for each evaluation in the part of a sentence the speaker is reported to say."""
    # a noun, adjective or proper noun whose lemma or lower form is a stance term, read from the unit's arrays:
    # a Token is built only for the words that name one (issue 17)
    starts, terms, pos, lemmas, lowers = token_offsets(unit.doc)[0], load_stance_terms(), unit.pos, unit.lemmas, unit.lowers
    for i in range(sent.start, sent.end):
        if not lo <= unit.offset + starts[i] < hi or pos[i] not in ("NOUN", "ADJ", "PROPN"):
            continue
        term = terms.get(lemmas[i]) or terms.get(lowers[i])
        if term is None:
            continue
        tok = unit.doc[i]
        for target in targets(tok, term, unit):
            if target != speaker:
                yield target, term.type, tok


def stance_events(units: Sequence[Unit], quotes: Sequence[Quote], events: Sequence[Event]) -> list[Event]:
    """Events a speaker's evaluations code, for quotes whose speaker acts for an actor.

    Returns only the new events: none whose (source, target, type) the rules already
    coded in the same sentence.
    """
    spoken = sorted((q for q in quotes if q.actor), key=lambda q: q.start)
    if not spoken:
        return []
    have = {(e.source, e.target, e.type, e.start) for e in events}
    out: list[Event] = []
    for unit in units:
        in_unit = [q for q in spoken if q.start < unit.end and q.end > unit.offset]
        if not in_unit:
            continue
        for sent in unit.sents:
            s_start, s_end = unit.offset + sent.start_char, unit.offset + sent.end_char
            for q in in_unit:
                if q.actor is None or q.end <= s_start or q.start >= s_end:
                    continue
                for target, etype, word in _sentence_events(sent, unit, q.actor, q.start, q.end):
                    key = (q.actor, target, etype, s_start)
                    if key in have:
                        continue
                    have.add(key)
                    out.append(Event(
                        source=q.actor, target=target, type=etype, negated=False, status="reported",
                        evidence=sent.text, start=s_start, end=s_end, trigger=word.text,
                        source_text=q.speaker, target_text=word.head.text if word.head is not word else word.text,
                        rule=RULE,
                    ))
    return out


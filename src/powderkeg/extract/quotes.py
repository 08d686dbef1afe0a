"""Quotes: direct quotations and reported speech, with speaker, actor and cue (issue 4).

Why two passes: quotation marks are found with a scan of the raw text, because a
quotation crosses the sentence and paragraph breaks the parser cuts at; reported
speech needs the parse, because its content is the clause a reporting verb governs
("X said (that) ...", "..., the ministry said"). Both then share one attribution step,
so "he", "it" and "the ministry" resolve against the same run of speakers. A quote
whose speaker acts for no actor (analysts, media) is dropped (SCHEMA.md convention 8).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from spacy.tokens import Token

from powderkeg.extract.actors import fold
from powderkeg.extract.events import GROUP_PRONOUNS, PERSON_PRONOUNS, Unit, UnitIndex, role_heads
from powderkeg.extract.people import PersonTable, known_index, person_key, role_words, speaker_offices
from powderkeg.lexicons import (
    data_path,
    load_roles,
    load_triggers,
    read_lemma_kinds,
    read_rows,
    surface_forms,
)
from powderkeg.models import Article, Event, Mention, Person, Quote

#: Opening quotation marks and the marks that close them; straight quotes close themselves.
DOUBLE_MARKS = {"“": "”\"", "«": "»", '"': '"”'}
#: Every character that opens or closes a double quotation: the only ones `find_marked` acts on.
_DOUBLE_MARK_CHARS = re.compile('[“”«»"]')
SINGLE_OPEN, SINGLE_CLOSE = "‘", "’"
QUOTE_CHARS = "\"“”«»‘’'"
#: Past forms surface_forms cannot build.
IRREGULAR_CUES = {"said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write"}
#: A quotation this short is a scare quote ("sham", ‘authorities’) unless a cue is attached to it.
MIN_WORDS_FREE = 4
#: Even with a cue attached, one word is an exclamation or a label, not a statement.
MIN_WORDS_CUED = 2
#: Reported-speech content shorter than this is a fragment ("said so").
MIN_WORDS_CLAUSE = 3
#: Prepositions that stay in a speaker phrase ("the British Embassy in Belgrade", "a statement by the group").
NP_PREPS = frozenset({"of", "in", "for", "at", "from", "by", "to"})
#: Heads of a speaker phrase that denote a person even without a name ("the official said").
PERSON_NOUNS = frozenset({"official", "diplomat", "envoy", "leader", "representative", "source", "officer"})
#: Heads of a definite phrase that points back to the last body that spoke ("the ministry said").
BODY_NOUNS = frozenset({
    "ministry", "government", "army", "military", "group", "movement", "office", "embassy", "statement",
    "department", "agency", "force", "forces", "council", "administration", "cabinet", "presidency",
    "committee", "mission", "delegation", "party", "militia", "organisation", "organization", "report",
})
SUBJECT_DEPS = ("nsubj", "nsubjpass")
#: Pronouns that own a speaking body ("his office", "its statement").
POSSESSIVES = frozenset({"his", "her", "its", "their"})
#: Verbs that apply quoted words to something: "called the move a “provocation”", "described ... as".
LABEL_VERBS = frozenset({"call", "describe", "label", "brand", "term", "dub", "denounce", "decry", "condemn"})
#: Verbs whose object or complement may carry a speaker's own words in marks, however short:
#: "accused Kinshasa of “fabricating” a massacre", "condemned “in the strongest terms” the raid",
#: "blaming “stray bullets”", "citing “targeted killings”" (SCHEMA.md: partial quotations are quotes).
PARTIAL_VERBS = frozenset({
    "accuse", "blame", "cite", "criticize", "criticise", "slam", "lambast", "castigate", "condemn", "denounce",
    "decry", "describe", "label", "brand",
    # appeals that quote what the addressee should do: "urged Belgrade to show “a real commitment”"
    "urge", "call", "press",
})
#: Links a partial quotation may climb through to reach its verb; a clause link ends the climb.
_PARTIAL_LINKS = frozenset({"dobj", "pobj", "prep", "pcomp", "oprd", "amod", "acomp", "attr", "compound",
                            "npadvmod", "advmod", "xcomp", "nmod", "dative"})
#: Words that mark a speaker acting for no actor (convention 8): NGOs, analysts, the press.
NON_ACTOR_WORDS = frozenset({
    "rights", "analyst", "analysts", "expert", "experts", "tank", "media", "newspaper", "journalist",
    "journalists", "reporter", "observers", "ngo", "researcher", "researchers", "scholar", "professor",
    "activist", "activists", "witnesses", "residents", "scientist", "university", "institute", "fellow",
    "lecturer", "commentator",
})
#: Heads that only carry another speaker's words: "a statement by the group", "a spokesman for X".
CARRIER_NOUNS = frozenset({"statement", "spokesman", "spokeswoman", "spokesperson", "announcement", "communique"})
#: Cues whose object is the addressee, so a clause after it is still the content ("told reporters that").
ADDRESSEE_CUES = frozenset({"tell", "remind", "assure", "warn", "caution", "inform", "notify"})
_SENT_END = re.compile(r"[.!?…][”\"’)]*\s+(?=[A-Z“\"‘])")
_WORDS = re.compile(r"\w+")
#: What may sit between a cue and an opening mark: "said:", "told reporters:", "said in a statement,".
_LEAD_TAIL = re.compile(r"\s*(?:\s+(?!that\b)[\w’'-]+){0,4}?\s*(?:\s+that)?\s*[,:—–-]?\s*$")


@lru_cache(maxsize=1)
def load_cues() -> dict[str, str]:
    """quote_cues.csv: reporting verb lemma -> use ("report": also takes a clause; "direct": marks only)."""
    return read_lemma_kinds(data_path("quote_cues.csv"), "use", ("report", "direct"))


@lru_cache(maxsize=1)
def state_media() -> tuple[tuple[re.Pattern[str], str], ...]:
    """state_media.csv: a state news agency's name (whole words) -> the state it speaks for."""
    rows = read_rows(data_path("state_media.csv"), ("name", "actor"))
    return tuple((re.compile(rf"(?<![\w-]){re.escape(row['name'])}(?![\w-])"), row["actor"].upper()) for _, row in rows)


def media_actor(phrase: str) -> str | None:
    """The state a speaker phrase's state news agency speaks for ("Syria's official news agency SANA")."""
    return next((code for pattern, code in state_media() if pattern.search(phrase)), None)


@lru_cache(maxsize=1)
def cue_pattern() -> re.Pattern[str]:
    """Any inflected cue as a whole lower-case word, for attributions next to quotation marks."""
    forms = set(IRREGULAR_CUES)
    for lemma in load_cues():
        forms |= surface_forms(lemma)
    alts = "|".join(sorted((re.escape(f) for f in forms), key=len, reverse=True))
    return re.compile(rf"\b(?:{alts})\b")


# -- records ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Marked:
    """Text between quotation marks: `open`/`close` are the marks, `start`/`end` the content."""

    open: int
    start: int
    end: int
    close: int
    first_para: int
    last_para: int
    single: bool = False


@dataclass(frozen=True)
class Speaker:
    """Who speaks, as written, with what is needed to resolve it later."""

    text: str
    pos: int  # char offset of the speaker phrase
    actor: str | None
    pronoun: str | None = None  # "he", "it", ... when the speaker is a pronoun
    head: str = ""  # lower-case lemma of the head noun
    person: bool = False
    definite: bool = False
    named: bool = False  # the phrase holds a person's name and office ("foreign minister X")
    has_name: bool = False  # the phrase holds a person's name, with or without an office


@dataclass(frozen=True)
class Candidate:
    """A quote before its actor is settled; `speaker` None means "the previous quote's speaker"."""

    start: int
    end: int
    kind: str
    cue: str
    cue_pos: int
    speaker: Speaker | None
    mark: Marked | None = None


# -- quotation marks ----------------------------------------------------------------------------


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: the units quotation marks open and close in."""
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _content(text: str, open_: int, close: int, first: int, last: int, single: bool = False) -> Marked | None:
    start = open_ + 1
    while start < close and (text[start].isspace() or text[start] in "*_"):
        start += 1
    end = close
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",*_"):
        end -= 1
    if end <= start:
        return None
    return Marked(open_, start, end, close, first, last, single)


def _unclosed(text: str, pending: tuple[int, str, int], paras: Sequence[tuple[int, int]]) -> list[Marked]:
    """A mark opened and never closed ('Trump wrote. "Additionally, the regime has not ...'): the quotation
    runs to the end of its paragraph when it opens a sentence there and holds a statement."""
    open_, _, pi = pending
    pe = paras[pi][1]
    before = text[paras[pi][0] : open_].rstrip(" *_")
    if (before and before[-1] not in ".:!?") or n_words(text[open_:pe]) < MIN_WORDS_FREE:
        return []
    found = _content(text, open_, pe, pi, pi)
    return [found] if found is not None else []


def find_marked(text: str, paras: Sequence[tuple[int, int]]) -> list[Marked]:
    """Double-quoted spans (across paragraphs when the next one reopens the mark), then single-quoted ones."""
    out: list[Marked] = []
    pending: tuple[int, str, int] | None = None  # (open position, closing marks, paragraph)
    for pi, (ps, pe) in enumerate(paras):
        i = ps
        while i < pe and text[i] in " \t*_>":
            i += 1
        if pending is not None:
            # a quotation running on into a new paragraph reopens with a mark; otherwise it was never
            # closed: kept to the end of its paragraph when it opens a statement there, else a stray mark
            if i < pe and text[i] in DOUBLE_MARKS:
                i += 1
            else:
                out.extend(_unclosed(text, pending, paras))
                pending = None
        for mark in _DOUBLE_MARK_CHARS.finditer(text, i, pe):  # other characters change nothing
            i = mark.start()
            ch = text[i]
            if pending is None:
                if ch in DOUBLE_MARKS and (ch != '"' or (i + 1 < pe and not text[i + 1].isspace())):
                    pending = (i, DOUBLE_MARKS[ch], pi)
            elif ch == '"' and '"' in pending[1] and text[i - 1].isspace() and i + 1 < pe and not text[i + 1].isspace():
                pending = (i, '"', pi)  # a straight mark that can only open: the earlier one was stray
            elif ch in pending[1]:
                found = _content(text, pending[0], i, pending[2], pi)
                if found is not None:
                    out.append(found)
                pending = None
            elif ch in "“«" and pending[1] == "»":
                pending = (i, DOUBLE_MARKS[ch], pi)
    if pending is not None:
        out.extend(_unclosed(text, pending, paras))
    inside = [(m.open, m.close) for m in out]
    for pi, (ps, pe) in enumerate(paras):
        if SINGLE_OPEN not in text[ps:pe]:
            continue  # no single quotation can open here
        for m in re.finditer(r"(?<![\w’'])‘([^‘’\n]|’(?=\w))+’(?!\w)", text[ps:pe]):
            o, c = ps + m.start(), ps + m.end() - 1
            if not any(a <= o <= b for a, b in inside):
                found = _content(text, o, c, pi, pi, single=True)
                if found is not None:
                    out.append(found)
    return sorted(out, key=lambda m: m.open)


def n_words(text: str) -> int:
    return len(_WORDS.findall(text))


# -- tokens and speakers ----------------------------------------------------------------------


def np_head(tok: Token) -> Token:
    """Climb compound and flat name links to the head of the noun phrase ("Aleksandar" -> "Vučić")."""
    for _ in range(4):
        if tok.dep_ in ("compound", "flat", "amod", "poss") and tok.head is not tok and tok.head.i > tok.i:
            tok = tok.head
        else:
            break
    return tok


def subject_of(verb: Token, quoted: Sequence[tuple[int, int]] = ()) -> Token | None:
    """The speaker of a reporting verb, climbing "adding that" / "went on to add" to the main verb.

    The climb never enters a quotation the cue stands outside of, and a cue hung on the content
    of another cue ("X said that A and claimed that B", a common misparse) takes that cue's speaker.
    """
    v = verb
    base = verb.idx
    outside = not any(a <= base <= b for a, b in quoted)
    for step in range(4):
        subj = _nearest_subject(v)
        if subj is not None:
            if subj.lower_ in ("which", "who", "that") and v.dep_ == "relcl":
                return v.head
            return subj
        if v.dep_ == "relcl" or (v.dep_ == "acl" and v.tag_ == "VBG" and speaker_noun(v.head)):
            return v.head  # "the minister, saying that ...", "Osmani announcing that ..."
        if v.dep_ == "prep" and v.lower_ == "as" and v.head.lemma_.lower() == "quote":
            v = v.head  # "X was quoted (by state television) as saying": the speaker is the one quoted
            continue
        if v.dep_ in ("xcomp", "conj", "advcl", "pcomp") and v.head is not v:
            up = v.head
            if outside and any(a <= up.idx <= b for a, b in quoted):
                return None
            if step == 0 and v.dep_ in ("conj", "advcl") and up.dep_ == "ccomp" and is_cue(up.head):
                return subject_of(up.head, quoted)
            v = up
            continue
        break
    return None


def _nearest_subject(verb: Token) -> Token | None:
    """The verb's subject; of two (a misparse around quotation marks) the one nearest the verb."""
    subs = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    return min(subs, key=lambda c: abs(c.i - verb.i)) if subs else None


def speaker_noun(tok: Token) -> bool:
    """Can this noun speak: a name, an office holder or a body ("signs declaring ..." cannot)?"""
    lemma = tok.lemma_.lower()
    return tok.pos_ == "PROPN" or lemma in role_heads() or lemma in PERSON_NOUNS or lemma in BODY_NOUNS


#: Last words of office titles that name a body or a portfolio, not the one who holds it
#: ("head of government", "minister of defence", "chief of staff").
_PORTFOLIO_WORDS = frozenset({
    "affairs", "army", "committee", "communications", "congress", "council", "defence", "defense", "europe",
    "exchequer", "finance", "government", "house", "intelligence", "interior", "justice", "nations", "office",
    "parliament", "party", "presidency", "staff", "state", "to", "treasury", "war",
})


def is_person_title(lemma: str) -> bool:
    """Does a head noun denote one person ("the army chief", "the envoy"), so "he" may point back to it?"""
    return lemma in PERSON_NOUNS or (lemma in role_heads() and lemma not in _PORTFOLIO_WORDS | BODY_NOUNS)


def can_inherit(cue: Token) -> bool:
    """A subjectless participle cue ("..., adding that ...") speaks for the speaker just before it,
    unless it hangs on a noun ("signs declaring ...")."""
    return cue.tag_ == "VBG" and cue.dep_ != "acl" and cue.head.pos_ not in ("NOUN", "PROPN")


def is_cue(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in load_cues()


def _name_actor(name: str, people: PersonTable) -> str | None:
    """The actor of a named person: from this article's table, then the bundled list.

    A single name may be any part of a full one: "Locsin" of "Teodoro Locsin Jr.", "Mao" of
    "Mao Ning" (family name first); it counts only when all people it fits act for one actor.
    """
    person = people.find(name)
    if person is not None and person.actor:
        return person.actor
    known = known_index()
    entry = known.lookup(name) or (known.lookup_surname(name) if len(name.split()) == 1 else None)
    full = person is not None and len(person.name.split()) > 1
    if person is not None and full and (entry is None or person_key(entry.name) != person_key(person.name)):
        return None  # the article names this person in full, and not as the listed one ("Muawiya Osman")
    if entry is not None:
        return entry.actor
    key = person_key(name).removesuffix("'s").strip()
    if " " in key or len(key) < 3:
        return None
    pools = [[(p.name, p.actor) for p in people.people]]
    if not full:
        pools.append([(p.name, p.actor) for p in known.parts.get(key, [])])
    for pool in pools:
        actors = {a for n, a in pool if a and key in person_key(n).split()}
        if len(actors) == 1:
            return actors.pop()
    return None


#: Words after "media" that make it a government portfolio ("head of foreign media affairs").
_PORTFOLIO_AFTER = frozenset({"affairs", "office", "relations", "adviser", "advisor", "department", "director",
                              "directorate", "service", "unit"})


def _non_actor(tok: Token) -> bool:
    """Does this word mark a speaker acting for no actor ("analyst", "the newspaper")? "Media" in an
    office's name ("media affairs", "media adviser to the president") does not."""
    if tok.lower_ not in NON_ACTOR_WORDS:
        return False
    nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
    return not (tok.lower_ == "media" and nxt is not None and nxt.lower_ in _PORTFOLIO_AFTER)


def speaker_from_token(tok: Token, unit: Unit, people: PersonTable) -> Speaker:
    """The speaker phrase around a subject token, and the actor its words name."""
    doc = tok.doc
    head = np_head(tok)
    lo, hi = head.left_edge.i, head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat") or (child.dep_ == "prep" and child.lower_ in NP_PREPS):
            hi = max(hi, child.right_edge.i)
        elif child.left_edge.i == hi + 1 and (child.dep_ in ("cc", "conj") or (child.dep_ == "punct" and child.text == ",")):
            # "foreign minister and government spokesman X", "Britain, Germany and France": one phrase
            hi = child.right_edge.i if child.dep_ == "conj" else child.i
        else:
            break
    while lo < hi and (doc[lo].is_punct or doc[lo].text in QUOTE_CHARS):
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].text in QUOTE_CHARS):
        hi -= 1
    phrase = doc[lo : hi + 1]
    agency = media_actor(phrase.text)
    if agency is not None:
        return Speaker(phrase.text, unit.offset + phrase.start_char, agency, head=head.lemma_.lower(), definite=True)
    if any(_non_actor(t) for t in phrase) or any(
            _non_actor(t) for c in head.children if c.dep_ == "appos" for t in c.subtree):
        return Speaker(phrase.text, unit.offset + phrase.start_char, None, head="-")
    if head.lemma_.lower() in CARRIER_NOUNS:
        # "a statement by the group", "a spokesman for the ministry": the body behind it speaks
        # "a statement by the group", and "a statement issued by the ministry" through its participle
        holders = [head, *(c for c in head.children if c.dep_ == "acl" and c.tag_ == "VBN")]
        inner = next((c for h in holders for p in h.children
                      if p.dep_ in ("prep", "agent") and p.lower_ in ("by", "for", "of")
                      for c in p.children if c.dep_ == "pobj"), None)
        if inner is not None:
            sp = speaker_from_token(inner, unit, people)
            whole = doc[lo : max(hi, inner.right_edge.i) + 1]
            return replace(sp, text=whole.text, pos=unit.offset + whole.start_char)
    low = head.lower_
    pronoun = low if head.pos_ == "PRON" or low in PERSON_PRONOUNS | GROUP_PRONOUNS else None
    if pronoun == "us" and head.text.isupper():
        pronoun = None  # "The US says ...": the country, not the pronoun
    owner = next((c for c in head.children if c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS | GROUP_PRONOUNS), None)
    if pronoun is None and owner is not None and head.lemma_.lower() in BODY_NOUNS | CARRIER_NOUNS:
        pronoun = owner.lower_  # "his office said": the office speaks for the one "his" points back to
    actor = None
    named = False
    if pronoun is None:
        # the head first, then its modifiers nearest first ("British Embassy"), then the rest of the phrase
        # a place after "in"/"to" is where the speaker is posted or active ("the head of the Donetsk
        # republic in eastern Ukraine", "Russia's ambassador to Denmark"), not whom they speak for
        posted = {d.i for t in phrase if t.dep_ == "prep" and t.lower_ in ("in", "to") and t.i > head.i
                  for d in t.subtree}
        order = [head, *sorted((t for t in phrase if t.i < head.i), key=lambda t: -t.i),
                 *(t for t in phrase if t.i > head.i and t.i not in posted)]
        for child in head.children:
            if child.dep_ == "appos":
                order.extend(child.subtree)
        actor = next((unit.tok_actor[t.i] for t in order if t.i in unit.tok_actor), None)
        if actor is None:
            # the small model tags a name with diacritics it has not seen as a noun ("Đukanović added")
            names = [t for t in phrase if t.pos_ in ("PROPN", "NOUN") and t.text[:1].isupper() and t.i > 0
                     and (t.pos_ == "PROPN" or not t.is_sent_start)] or [
                t for t in phrase if t.pos_ in ("PROPN", "NOUN") and t.text[:1].isupper()
                and (people.find(t.text) is not None or known_index().lookup_surname(t.text) is not None)]
            if names:
                actor = _name_actor(doc[names[0].i : names[-1].i + 1].text, people)
                named = actor is not None or any(t.ent_type_ == "PERSON" for t in names)
    named = named or any(t.i in unit.person_tokens or t.ent_type_ == "PERSON" for t in phrase)
    # a name the tagger missed or took for an organisation ("the head of the firm, Romanos Petrosyan")
    has_name = named or any(t.dep_ == "appos" and t.pos_ == "PROPN" and t.i not in unit.tok_actor
                            and t.lower_ not in role_words() for t in phrase)
    person = (head.i in unit.person_tokens or head.ent_type_ == "PERSON" or head.lemma_.lower() in role_heads()
              or head.lemma_.lower() in PERSON_NOUNS or low in PERSON_PRONOUNS or named)
    # only a name with an office in the phrase ("Justice minister X") is an official of some state
    named = named and any(t.lemma_.lower() in role_heads() and t.ent_type_ != "PERSON" for t in phrase)
    return Speaker(
        text=phrase.text, pos=unit.offset + phrase.start_char, actor=actor, pronoun=pronoun,
        head=head.lemma_.lower(), person=person, definite=doc[lo].lower_ in ("the", "this", "that"), named=named,
        has_name=has_name,
    )


def speaker_from_text(text: str, start: int, end: int, mentions: Sequence[Mention], people: PersonTable) -> Speaker:
    """A speaker phrase in a paragraph the parser never saw: mentions and names give the actor."""
    phrase = text[start:end].strip(" ,")
    start = text.find(phrase, start) if phrase else start
    words = phrase.split()
    low = phrase.lower()
    if low in PERSON_PRONOUNS | GROUP_PRONOUNS:
        return Speaker(phrase, start, None, pronoun=low, person=low in PERSON_PRONOUNS)
    agency = media_actor(phrase)
    if agency is not None:
        return Speaker(phrase, start, agency, head=words[-1].lower(), definite=True)
    actor = next((m.code for m in mentions if start <= m.start and m.end <= start + len(phrase)), None)
    caps = [w.strip("’'s,") for w in words if w[:1].isupper()]
    if actor is None and caps:
        actor = _name_actor(" ".join(caps), people)
    head = words[-1].lower() if words else ""
    if any(w.lower() in NON_ACTOR_WORDS for w in words):
        actor = None
    return Speaker(phrase, start, actor, head=head, person=(bool(caps) and actor is not None) or head in role_heads(),
                   definite=bool(words) and words[0].lower() == "the")


# -- reported speech ----------------------------------------------------------------------------


def _content_tokens(verb: Token, clause: Token) -> list[Token]:
    """The clause a cue governs, on the cue's side only, without "that", marks or end punctuation.

    It stops where a further cue hangs on it ("..., stating", "and claimed that ..."): that cue's
    content is a quote of its own.
    """
    nested = {t.i for d in clause.subtree if d is not clause and d.dep_ in ("conj", "advcl") and is_cue(d)
              for t in d.subtree}
    sub: list[Token] = []
    for t in clause.subtree:
        if (t.i > verb.i) != (clause.i > verb.i):
            continue
        if t.i in nested:
            if sub:
                break
            continue
        sub.append(t)
    while sub and (sub[0].lower_ in ("that", "whether") or sub[0].is_punct
                   or sub[0].text in QUOTE_CHARS or sub[0].is_space):
        sub.pop(0)
    while sub and (sub[-1].is_punct or sub[-1].text in QUOTE_CHARS or sub[-1].is_space or sub[-1].pos_ == "CCONJ"):
        sub.pop()
    return sub


#: Links of a verb after an inverted cue that frame the cue rather than open a new statement.
_FRAMING_DEPS = frozenset({"advcl", "pcomp", "xcomp", "acl", "relcl", "aux", "auxpass"})


def _inverted_content(verb: Token) -> list[Token]:
    """'..., Lebanon's Health Ministry reported.' when the parser hung the cue on the clause before it.

    The cue closes its sentence, its subject follows a comma, and the content is all before that comma.
    """
    subj = _nearest_subject(verb)
    if subj is None or subj.i > verb.i:
        return []
    doc = verb.doc
    k = min(t.i for t in subj.subtree if t.i <= subj.i) - 1
    while k > verb.sent.start and doc[k].text in QUOTE_CHARS:
        k -= 1
    comma = doc[k]
    if comma.text != "," or comma.i <= verb.sent.start:
        return []
    tail = doc[verb.i + 1 : verb.sent.end]
    # a clause of its own after the cue ends the construction; a subordinate one ("..., the adviser said
    # on Monday, without giving details", "has said, after Estonia announced ...") only dates or frames it
    if any(t.pos_ in ("VERB", "AUX") and t.lower_ != "according" and t.dep_ not in _FRAMING_DEPS for t in tail):
        return []
    sub = list(doc[verb.sent.start : comma.i])
    while sub and (sub[0].is_punct or sub[0].text in QUOTE_CHARS or sub[0].is_space):
        sub.pop(0)
    return sub


def _content_clause(verb: Token) -> Token | None:
    """The clause a cue reports: the one after it when it has two ("X announced the attack; the group
    earlier claimed that ..."), and never one before it across a semicolon or a full stop."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    right = [c for c in clauses if c.i > verb.i]
    if right:
        return right[0]
    left = [c for c in clauses if not any(t.text in (";", ".") for t in verb.doc[c.i : verb.i])]
    return left[0] if left else None


#: Nouns that, expressed or voiced with a "that" clause, report what the speaker said
#: ("expressed hope that ...", "voiced concern that ..."), as in the gold sets.
SPOKEN_NOUNS = frozenset({"hope", "concern", "confidence", "fear", "belief", "conviction", "expectation"})


def _phrasal_clause(verb: Token) -> Token | None:
    """The "that" clause of a reporting phrase of several words: "made it clear that ...",
    "expressed hope that ...", "voiced concern that ..."; None for any other verb."""
    lemma = verb.lemma_.lower()
    if lemma == "make":
        holder = next((c for c in verb.children if c.lower_ == "clear" and c.dep_ in ("ccomp", "oprd", "acomp")), None)
    elif lemma in ("express", "voice"):
        holder = next((c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in SPOKEN_NOUNS), None)
    else:
        return None
    if holder is None:
        return None
    return next((c for c in holder.children if c.dep_ in ("advcl", "ccomp", "acl")
                 and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)), None)


def _fronted_speaker(verb: Token, unit: Unit, mentions: Sequence[Mention], people: PersonTable) -> Speaker | None:
    """'Syria's news agency SANA, citing a source, reported that ...' when the parser lost the subject
    (it took "SANA" for a verb): the words opening the sentence up to the first comma, if they name an actor."""
    if verb.dep_ != "ROOT" or verb.tag_ not in ("VBD", "VBZ", "VBP") or not mentions:
        return None
    sent = verb.sent
    comma = next((t for t in sent if t.text == "," and t.i < verb.i), None)
    if comma is None or not 1 <= comma.i - sent.start <= 8:
        return None
    start, end = unit.offset + sent[0].idx, unit.offset + comma.idx
    speaker = speaker_from_text(unit.text, sent[0].idx, comma.idx, [], people)
    actor = media_actor(speaker.text) or next(
        (m.code for m in mentions if start <= m.start and m.end <= end), None)
    if actor is None or any(w.lower() in NON_ACTOR_WORDS for w in speaker.text.split()):
        return None
    return replace(speaker, pos=start, actor=actor, definite=True)


def reported(units: Sequence[Unit], people: PersonTable, skip: set[int],
             quoted: Sequence[tuple[int, int]] = (), mentions: Sequence[Mention] = ()) -> list[Candidate]:
    """"X said (that) ..." and "..., X said": one candidate per reporting verb with a content clause."""
    cues = load_cues()
    out: list[Candidate] = []
    for unit in units:
        if unit.offset in skip:
            continue
        for i, pos in enumerate(unit.pos):
            if pos not in ("VERB", "AUX"):
                continue
            tok = unit.doc[i]
            phrasal = _phrasal_clause(tok)
            if phrasal is None and cues.get(tok.lemma_.lower()) != "report":
                continue
            if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
                continue  # "it was reported that": nobody speaks
            if phrasal is not None:
                content = _content_tokens(tok, phrasal)
            else:
                clause = _content_clause(tok)
                if tok.lemma_.lower() not in ADDRESSEE_CUES and any(c.dep_ == "dobj" for c in tok.children):
                    continue  # "maintains relations that ...": the clause hangs on the object, not the cue
                if clause is not None and is_cue(clause) and any(c.dep_ == "ccomp" for c in clause.children):
                    continue  # "it will respond" over "Baloch emphasised that ...": a misparse, the inner cue speaks
                content = _content_tokens(tok, clause) if clause is not None else _inverted_content(tok)
            if len([t for t in content if t.is_alpha]) < MIN_WORDS_CLAUSE:
                continue
            rel = [(a - unit.offset, b - unit.offset) for a, b in quoted]
            subj = subject_of(tok, rel)
            speaker = speaker_from_token(subj, unit, people) if subj is not None else None
            if speaker is None and not can_inherit(tok):
                speaker = _fronted_speaker(tok, unit, mentions, people)
            if speaker is None and not can_inherit(tok):
                continue  # only "adding that ..." borrows the speaker before it
            start = unit.offset + content[0].idx
            end = unit.offset + content[-1].idx + len(content[-1].text)
            out.append(Candidate(start, end, "indirect", tok.text, unit.offset + tok.idx, speaker))
    return out


# -- direct quotations --------------------------------------------------------------------------


def _afters(text: str, mark: Marked, para_end: int) -> list[re.Match[str]]:
    """A cue right after the closing mark ('," she said', '," said the minister', '," adding ...'):
    every word that may be it, nearest first, as a cue's form may be a noun there
    ('," the minister was quoted by state television as saying')."""
    ending = text[mark.start:mark.close].rstrip()[-1:]
    if ending not in (",", "?", "!", "…", "—", "-") and text[mark.close + 1 : mark.close + 2] not in (",", "—"):
        return []  # 'declaring “Kosovo is Serbia.” When ...': the quotation closed its sentence
    rest = text[mark.close + 1 : para_end]
    lead = re.match(r"[\s,.!?…—–*_-]*", rest)
    offset = lead.end() if lead else 0
    window = rest[offset : offset + 120]
    out: list[re.Match[str]] = []
    for found in cue_pattern().finditer(window):
        if not _cue_in_reach(window[: found.start()]):
            break
        out.append(found)
    return out


def _cue_in_reach(before: str) -> bool:
    """Can a cue after this text (between the closing mark and the cue) still be the quotation's?"""
    # '," the minister was quoted (by state radio) as saying': the "as" belongs to the quoting
    before = re.sub(r"\bquoted(?: by [^.;:!?\"“”]{1,50})? as\s*$", "quoted ", before)
    if re.search(r"[.;:!?\"“”«»]|\b(?:but|while|as|which|who|when|because)\b", before) or len(before.split()) > 9:
        return False
    # '," foreign minister and government spokesman X said' is one speaker with two offices;
    # '“sham”, and the minister said' is a quotation that ended a clause of its own
    return not (re.search(r"\band\b", before) and "," in before)


def _pos_after(text: str, mark: Marked, found: re.Match[str]) -> int:
    rest = text[mark.close + 1 :]
    lead = re.match(r"[\s,.!?…—–*_-]*", rest)
    return mark.close + 1 + (lead.end() if lead else 0) + found.start()


def _before(text: str, lead_start: int, open_: int) -> int | None:
    """Char offset of a cue ending the lead-in: 'said:', 'told reporters: ', 'stating, ', 'said that'."""
    lead = text[lead_start:open_].rstrip(" *_")
    last = None
    for found in cue_pattern().finditer(lead):
        last = found
    if last is None or not _LEAD_TAIL.fullmatch(lead[last.end():]):
        return None
    return lead_start + last.start()


class Attributor:
    """Finds who said a quotation: a cue beside it, a lead-in ending in a colon, the paragraphs around it."""

    def __init__(self, article: Article, paras: Sequence[tuple[int, int]], tokens: UnitIndex,
                 mentions: Sequence[Mention], people: PersonTable, marks: Sequence[Marked]) -> None:
        self.text = article.text
        self.quoted = [(m.open, m.close) for m in marks if not m.single]
        self.paras = paras
        self.tokens = tokens
        self.mentions = mentions
        self.people = people

    def at_cue(self, pos: int, after_close: int | None) -> tuple[str, Speaker | None] | None:
        """The cue at `pos` and its speaker; after a quotation the subject must not come before the marks."""
        hit = self.tokens.token(pos)
        cue = cue_pattern().match(self.text, pos)
        cue_text = cue.group() if cue else self.text[pos:pos + 10].split()[0]
        if hit is None:
            return self._text_speaker(pos, cue_text, after_close)
        unit, tok = hit
        if tok.pos_ not in ("VERB", "AUX") or tok.dep_ in ("amod", "compound"):
            return None  # "Eritrea's alleged “preparations”": a participle describing a noun
        subj = subject_of(tok, [(a - unit.offset, b - unit.offset) for a, b in self.quoted])
        if subj is None:
            if can_inherit(tok):
                return cue_text, None
            return None if after_close is None else self._text_speaker(pos, cue_text, after_close)
        if after_close is not None and unit.offset + subj.idx < after_close:
            if not any(a < unit.offset + subj.idx < b for a, b in self.quoted):
                return None  # 'X called it a "disaster" and said ...': the cue belongs to a subject before the marks
            # the parser took a word inside the quotation as subject: read the speaker off the text
            return self._text_speaker(pos, cue_text, after_close)
        return cue_text, speaker_from_token(subj, unit, self.people)

    def _text_speaker(self, pos: int, cue: str, after_close: int | None) -> tuple[str, Speaker | None] | None:
        if after_close is None:
            return None
        between = self.text[after_close:pos]
        if between.strip(" ,.—–-*_\u201d\""):
            start = after_close + len(between) - len(between.lstrip(" ,.—–-*_\u201d\""))
            return cue, speaker_from_text(self.text, start, pos, self.mentions, self.people)
        # '," said Foreign Minister X.': the speaker follows the cue
        tail = re.match(r"\s+([^,.;:!?\n]{1,60})", self.text[pos + len(cue):])
        if tail is None or cue.endswith("ing"):
            return cue, None
        words = re.split(r"\s(?:during|on|at|after|before|when|while|as|in a|in an|adding|according)\b",
                         tail.group(1))[0]
        start = pos + len(cue) + tail.start(1)
        return cue, speaker_from_text(self.text, start, start + len(words), self.mentions, self.people)

    def _marked_root(self, mark: Marked) -> tuple[Unit, Token | None] | None:
        """The parsed paragraph of a quotation and the first word inside the marks whose head is outside
        them (what the quoted words hang on), or None when the quotation is not parsed."""
        hit = self.tokens.token(mark.start)
        if hit is None:
            return None
        unit, first = hit
        lo, hi = mark.start - unit.offset, mark.end - unit.offset
        inside = [t for t in unit.doc[first.i :] if t.idx < hi]
        return unit, next((t for t in inside if not lo <= t.head.idx < hi), None)

    def labelled(self, mark: Marked) -> tuple[str, Speaker | None] | None:
        """'Moscow called the clash a “direct consequence” of ...': words a speaker applies, quoted."""
        found = self._marked_root(mark)
        if found is None:
            return None
        unit, root = found
        if root is None or root.pos_ in ("VERB", "AUX"):
            return None
        verb, node = root, root
        for _ in range(4):
            if verb.head is verb or verb.dep_ in ("ccomp", "relcl", "advcl", "conj", "acl"):
                return None
            node, verb = verb, verb.head
            if verb.pos_ in ("VERB", "AUX"):
                break
        if verb.lemma_.lower() not in LABEL_VERBS:
            return None
        as_phrase = node.dep_ == "prep" and node.lower_ == "as"
        named = any(c.dep_ == "dobj" and c.i < root.i for c in verb.children) and node.dep_ != "dobj"
        if not (as_phrase or named or node.dep_ == "oprd"):
            return None  # the label is the second object: "called the move “a provocation”", "described X as “...”"
        subj = subject_of(verb, [(a - unit.offset, b - unit.offset) for a, b in self.quoted])
        if subj is None or unit.offset + subj.idx > mark.open:
            return None
        return verb.text, speaker_from_token(subj, unit, self.people)

    def partial(self, mark: Marked) -> tuple[str, Speaker | None] | None:
        """'Rwanda accused Kinshasa of “fabricating” a massacre': a speaker's words quoted inside the
        object of a verb of accusing, describing or condemning; the verb's subject speaks."""
        found = self._marked_root(mark)
        if found is None:
            return None
        unit, root = found
        if root is None or root.dep_ in ("ccomp", "ROOT"):
            return None  # a quoted clause: the cue paths attribute it
        node = child = root
        for _ in range(5):
            if node.dep_ not in _PARTIAL_LINKS or node.head is node:
                return None
            child, node = node, node.head
            if node.pos_ in ("VERB", "AUX") and node.lemma_.lower() in PARTIAL_VERBS:
                break
        else:
            return None
        if node.pos_ not in ("VERB", "AUX") or node.lemma_.lower() not in PARTIAL_VERBS:
            return None
        if any(c.dep_ in ("auxpass", "nsubjpass") for c in node.children):
            return None  # "was described as “a sham”": nobody is named as speaking
        if child.dep_ == "dobj" and any(c.dep_ == "oprd" or c.lower_ == "as" for c in node.children):
            return None  # 'described the “preparations for war” as ...': the thing described is not his words
        subj = subject_of(node, [(a - unit.offset, b - unit.offset) for a, b in self.quoted])
        if subj is None or unit.offset + subj.idx > mark.open:
            return None
        return node.text, speaker_from_token(subj, unit, self.people)

    def lead_in(self, mark: Marked) -> tuple[int, int] | None:
        """Where the text introducing a quotation lies: its own sentence, or a paragraph ending in a colon."""
        ps, _ = self.paras[mark.first_para]
        head = self.text[ps:mark.open]
        if head.strip(" *_>"):
            cuts = list(_SENT_END.finditer(self.text[ps : mark.open + 1]))
            return ps + (cuts[-1].end() if cuts else 0), mark.open
        if mark.first_para > 0:
            qs, qe = self.paras[mark.first_para - 1]
            prev = self.text[qs:qe].rstrip(" *_")
            if prev.endswith(":"):
                cuts = list(_SENT_END.finditer(prev))
                return qs + (cuts[-1].end() if cuts else 0), qs + len(prev)
        return None

    def colon_speaker(self, start: int, end: int) -> tuple[str, Speaker | None] | None:
        """'... after Vučić attacked the plan:' -- the person or actor acting as subject in the lead-in."""
        if not self.text[start:end].rstrip(" *_").endswith(":"):
            return None
        hit = self.tokens.token(end - 1)
        if hit is None:
            return None
        unit, _ = hit
        toks = [t for t in unit.doc if start <= unit.offset + t.idx < end]
        subjects = [t for t in toks if t.i in unit.tok_actor and np_head(t).dep_ in SUBJECT_DEPS]
        persons = [t for t in toks if t.i in unit.person_tokens]
        picks = subjects or persons
        if not picks:
            return None
        head = np_head(picks[-1])
        verb = head.head if head.dep_ in SUBJECT_DEPS else head
        return verb.text, speaker_from_token(head, unit, self.people)

    def next_paragraph(self, mark: Marked) -> tuple[str, Speaker | None] | None:
        """A quotation standing alone, named in the next paragraph ("The words were Kurti's ...")."""
        if mark.last_para + 1 >= len(self.paras):
            return None
        ns, _ = self.paras[mark.last_para + 1]
        unit = self.tokens.unit(ns)
        if unit is None:
            return None
        first = unit.sents[0]
        for tok in first:
            if tok.i in unit.person_tokens:
                head = np_head(tok)
                verb = head.head if head.dep_ in SUBJECT_DEPS else head
                return verb.text, speaker_from_token(head, unit, self.people)
        return None


def direct(article: Article, paras: Sequence[tuple[int, int]], attr: Attributor, marks: Sequence[Marked],
           skip: set[int]) -> list[Candidate]:
    """Quotations in marks with their attribution; unattributed short ones are scare quotes and dropped."""
    text = article.text
    out: list[Candidate] = []
    prev_para_last: Candidate | None = None  # the last direct quote of the paragraph before
    last_para = -1
    for mark in marks:
        if paras[mark.first_para][0] in skip:
            continue
        if mark.first_para != last_para:
            prev_para_last = out[-1] if out and out[-1].mark and out[-1].mark.last_para == mark.first_para - 1 else None
            last_para = mark.first_para
        prev = out[-1] if out and out[-1].mark is not None else None
        if (prev is not None and prev.mark is not None and text[mark.start].islower()
                and prev.mark.close < prev.cue_pos < mark.open and prev.mark.last_para == mark.first_para):
            continue  # "'We will not,' he said, 'accept this.'": the rest of a quotation broken by its cue
        words = n_words(text[mark.start:mark.end])
        found: tuple[str, Speaker | None] | None = None
        cue_pos = -1
        afters = _afters(text, mark, paras[mark.last_para][1])
        after = afters[0] if afters else None
        for option in afters:
            cue_pos = _pos_after(text, mark, option)
            found = attr.at_cue(cue_pos, mark.close + 1)
            if found is not None:
                break
        lead = attr.lead_in(mark)
        if found is not None and found[1] is not None and found[1].actor is None and not found[1].pronoun \
                and lead is not None:
            # 'He added that “...,” Reuters reported': the outlet only relays; the lead-in's cue speaks
            before = _before(text, lead[0], lead[1])
            relayed = attr.at_cue(before, None) if before is not None else None
            if before is not None and relayed is not None and relayed[1] is not None and (
                    relayed[1].actor or relayed[1].pronoun):
                found, cue_pos = relayed, before
        if found is None and lead is not None:
            before = _before(text, lead[0], lead[1])
            if before is not None:
                cue_pos = before
                found = attr.at_cue(before, None)
            if found is None:
                found = attr.colon_speaker(*lead)
                cue_pos = lead[1]
        cued = after is not None or lead is not None
        partial = False
        if found is None and not mark.single:
            found = attr.labelled(mark)
            if found is None:
                found = attr.partial(mark)
            partial = found is not None
            cued = cued or found is not None  # a label needs no minimum length
        standalone = lead is None and not text[mark.close + 1 : paras[mark.last_para][1]].strip(" .,*_")
        if found is None and words >= MIN_WORDS_FREE and not mark.single:
            sentence_start = lead is None or not text[lead[0]:lead[1]].strip(" *_")
            same_para = out and out[-1].mark is not None and out[-1].mark.last_para == mark.first_para
            if sentence_start and (same_para or (standalone and prev_para_last is not None)):
                found, cue_pos = (out[-1].cue, None), mark.open  # a further quoted sentence of the same speaker
            elif standalone:
                found = attr.next_paragraph(mark)
                cue_pos = mark.open
        if found is None or words < (1 if partial else MIN_WORDS_CUED if cued else MIN_WORDS_FREE):
            continue
        if mark.single and words < MIN_WORDS_FREE:
            continue
        cue, speaker = found
        out.append(Candidate(mark.start, mark.end, "direct", cue, cue_pos, speaker, mark))
    return out


# -- merging and actors -------------------------------------------------------------------------


def merge(directs: list[Candidate], indirects: list[Candidate], text: str = "",
          all_marks: Sequence[Marked] = ()) -> list[Candidate]:
    """One quote per content: a clause opening at a quotation is that quotation; a quotation inside a
    clause that starts earlier is part of the reported speech; speech reported inside marks is not a quote;
    the rest of a quotation broken by its cue ('“We are ready,” he said, “and our allies know it.”') is
    not a clause of the cue."""
    marks = [d.mark for d in directs if d.mark is not None]
    rests = [m for m in all_marks if not m.single and m not in marks and text[m.start : m.start + 1].islower()
             and any(d.mark.close < d.cue_pos < m.open for d in directs if d.mark is not None)]
    keep_ind: list[Candidate] = []
    for ind in indirects:
        if any(m.open <= ind.cue_pos <= m.close for m in marks):
            continue
        if any(m.open - 2 <= ind.start <= m.close for m in marks):
            continue
        if any(m.open <= ind.start <= m.end and m.open - ind.cue_pos < 40 for m in rests):
            continue
        keep_ind.append(ind)
    keep_dir = [d for d in directs if d.mark is None or not any(
        i.start < d.mark.open and d.mark.close <= i.end + 1 for i in keep_ind)]
    return sorted(keep_ind + keep_dir, key=lambda c: (c.start, c.end))


def _subject_marks(units: Sequence[Unit]) -> list[tuple[int, str, bool]]:
    """(offset, actor, is person) of every actor-bearing subject, for pronoun speakers."""
    out: list[tuple[int, str, bool]] = []
    for unit in units:
        for i in sorted(unit.tok_actor):  # only actor tokens are marked: no Token for the others
            tok = unit.doc[i]
            head = np_head(tok)
            if head.dep_ in SUBJECT_DEPS:
                # "The Philippine army chief accused ...": a title is a person for "he" to point back to
                person = tok.i in unit.person_tokens or is_person_title(head.lemma_.lower())
                out.append((unit.offset + tok.idx, unit.tok_actor[tok.i], person))
    return sorted(out)


#: An acronym the article defines after a name: "the Central Bank of Kosovo (CBK)".
_DEFINED = re.compile(r"((?:[A-Z][\w’'.-]*\s+(?:(?:of|for|on|and|the)\s+)*){1,8})\(([A-Z]{2,6})\)")
#: A run of capitalised words, linked by "of", "for", "and", "on" ("Ministry of External Affairs").
_NAME_RUN = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:of|for|on|and)\s+)?[A-Z][\w’'-]*)+")
#: How far back a named speaker with no affiliation may take the actor of the last subject.
NAMED_WINDOW = 500


def defined_acronyms(text: str, mentions: Sequence[Mention]) -> dict[str, str]:
    """Acronyms the article defines after a name holding one actor ("Central Bank of Kosovo (CBK)" -> XKX),
    so "the CBK said" speaks for that actor; the acronym's first letter must open the name."""
    out: dict[str, str] = {}
    for m in _NAME_RUN.finditer(text):
        # "the Indian Ministry of External Affairs" ... "a statement by MEA": initials of the name's end
        words = [w for w in m.group().split() if w[:1].isupper()]
        codes = {x.code for x in mentions if m.start() <= x.start and x.end <= m.end()}
        if len(codes) != 1 or len(words) < 3:
            continue
        code = codes.pop()
        for k in range(len(words) - 2):
            out.setdefault("".join(w[0] for w in words[k:]), code)
    for m in _DEFINED.finditer(text):
        acronym = m.group(2)
        start = next((m.start(1) + w.start() for w in re.finditer(r"\S+", m.group(1)) if w.group()[0] == acronym[0]), None)
        if start is None:
            continue  # "Reuters (AFP)": the letters name something else
        codes = {x.code for x in mentions if start <= x.start and x.end <= m.end(1)}
        if len(codes) == 1:
            out.setdefault(acronym, codes.pop())
    return out


def resolve(cands: list[Candidate], units: Sequence[Unit],
            people: PersonTable | None = None,
            acronyms: dict[str, str] | None = None) -> list[tuple[Candidate, Speaker, str]]:
    """Settle each speaker's actor in reading order: pronouns and "the ministry" point back to earlier speakers."""
    heads: dict[str, str] = {}
    for c in cands:
        if c.speaker is not None and c.speaker.actor and c.speaker.head and not c.speaker.pronoun:
            heads.setdefault(c.speaker.head, c.speaker.actor)
    marks = _subject_marks(units)
    voices = _speech_marks(units)
    history: list[tuple[int, Speaker]] = []
    settled: dict[str, str] = {}  # name words of officials whose actor the passage gave
    out: list[tuple[Candidate, Speaker, str]] = []
    last: Speaker | None = None
    for c in sorted(cands, key=lambda c: min(c.cue_pos if c.cue_pos >= 0 else c.start, c.start)):
        sp = c.speaker
        if sp is None:
            sp = last
            if sp is None:
                continue
        elif sp.actor is None:
            # who acts inside reported words ("... alleged that South Korea targeted Pyongyang. They said")
            # is not who speaks next: the speakers' own subjects are the antecedents
            inside = [m for m in marks if not any(o.start <= m[0] < o.end for o in cands)]
            if sp.pronoun in POSSESSIVES:
                inside = marks  # "Erdogan has sent the protocol ..., his office said": his is the one just named
            actor = _role_holder(sp, people) if people is not None else None
            if actor is None and acronyms and sp.pronoun is None:
                actor = next((acronyms[w] for w in _WORDS.findall(sp.text) if w in acronyms), None)
            if actor is None and sp.pronoun is None:
                actor = next((settled[w] for w in _WORDS.findall(sp.text) if w in settled), None)
            if actor is None and not sp.has_name and not _company_office(sp.text):
                # "the spokeswoman said" points back; "the head of the energy company, X, said" names someone new
                actor = _antecedent(sp, heads, history, inside)
            if actor is None and sp.named and sp.pronoun is None and not _private_office(sp.text):
                # "..., foreign minister X said" after "Chad denied ...": a named official of no stated
                # state speaks for the state whose statement the passage reports ("Osman said" later is
                # the same one)
                actor = _passage_voice(sp.pos, voices, cands)
                if actor is not None:
                    names = [w for w in _WORDS.findall(sp.text) if w[:1].isupper() and w.lower() not in role_words()]
                    settled.update((w, actor) for w in names)
                    if people is not None and names:
                        people.settle(" ".join(names), actor)
            sp = replace(sp, actor=actor)
        if sp.actor is None:
            continue
        history.append((sp.pos, sp))
        last = sp
        out.append((c, sp, sp.actor))
    return out


#: Event types whose verbs are statements: a state that accuses, denies or demands is speaking.
_SPEECH_TYPES = frozenset({"ACCUSE", "REJECT", "REQUEST", "THREATEN"})


@lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Lemmas of reporting verbs and of verbal acts ("accuse", "deny", "demand"): what a voice does."""
    # only verbs that are statements in every use: "launch" is ACCUSE only with "an inquiry"
    verbal = {lemma for (lemma, pos), rows in load_triggers().items()
              if pos == "VERB" and all(t.type in _SPEECH_TYPES and not t.objects for t in rows)}
    return frozenset(verbal | set(load_cues()))


def _speech_marks(units: Sequence[Unit]) -> list[tuple[int, str]]:
    """(offset, actor) of each state or body (not a person) that is the subject of a statement
    ("Chad denied ...", "Sudan's government accused ..."): the voices a passage reports."""
    out: list[tuple[int, str]] = []
    verbs = speech_verbs()
    for unit in units:
        for i in sorted(unit.tok_actor):  # only actor tokens can mark a voice: no Token for the others
            tok = unit.doc[i]
            head = np_head(tok)
            if head.dep_ not in SUBJECT_DEPS or tok.i in unit.person_tokens:
                continue
            if is_person_title(head.lemma_.lower()) or head.head.lemma_.lower() not in verbs:
                continue
            out.append((unit.offset + tok.idx, unit.tok_actor[tok.i]))
    return sorted(out)


def _passage_voice(pos: int, voices: Sequence[tuple[int, str]], cands: Sequence[Candidate]) -> str | None:
    """The one state whose statements the passage before `pos` reports, else None.

    Why so careful: an official the text gives no state is only the passage's voice when the
    passage speaks with one voice. After "Azerbaijan launched an offensive" (no statement) or
    after both sides have spoken, the official's state is unknown, and a wrong state is worse
    than none (issue 15, 3.10).
    """
    near = [a for p, a in voices if pos - NAMED_WINDOW <= p < pos and not any(c.start <= p < c.end for c in cands)]
    return near[-1] if near and len(set(near)) == 1 else None


def _company_office(text: str) -> bool:
    """Does the speaker phrase say the person holds a company post ("the head of the firm, X")?
    No state speaks through them, and they are not an earlier speaker referred back to."""
    return any(speaker_offices().get(w.lower()) == "company" for w in _WORDS.findall(text))


def _private_office(text: str) -> bool:
    """Does the speaker phrase give a company, party or legislative post rather than a government one?"""
    return any(w.lower() in speaker_offices() for w in _WORDS.findall(text))


def _role_holder(sp: Speaker, people: PersonTable) -> str | None:
    """'The spokeswoman said ...' after 'Foreign Ministry spokeswoman Mao Ning announced ...': the
    actor of the person named earlier with that title (the last before the speaker, else the only one)."""
    if sp.pronoun is not None or not sp.definite or sp.head not in role_heads():
        return None
    holders = [p for p in people.people if p.actor and p.role and p.role.split()[-1] == sp.head]
    before = [p for p in holders if 0 <= p.start < sp.pos]
    if before:
        return max(before, key=lambda p: p.start).actor
    return holders[0].actor if len({p.actor for p in holders}) == 1 else None


def _antecedent(sp: Speaker, heads: dict[str, str], history: Sequence[tuple[int, Speaker]],
                marks: Sequence[tuple[int, str, bool]]) -> str | None:
    """The actor a pronoun or a bare description ("the task force", "the spokeswoman") points back to."""
    if sp.pronoun is None:
        if sp.head in heads:
            return heads[sp.head]
        if not sp.definite:
            return None
        if not (sp.person or sp.head in BODY_NOUNS):
            return None
    want_person = sp.person if sp.pronoun is None else sp.pronoun in PERSON_PRONOUNS
    if sp.pronoun is not None and sp.pronoun not in PERSON_PRONOUNS | {"it", "they", "its", "their"}:
        return None
    spoke = next(((p, s.actor) for p, s in reversed(history) if s.person == want_person and p < sp.pos), None)
    subj = next(((p, a) for p, a, person in reversed(marks) if person == want_person and p < sp.pos), None)
    best = max((x for x in (spoke, subj) if x is not None), default=None, key=lambda x: x[0])
    return best[1] if best is not None else None


#: How far from a titled speaker the article may name the person holding the title.
TITLE_WINDOW = 1500


@lru_cache(maxsize=1)
def _role_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Each office title (roles.csv, in its order) and a regex for it as whole words, compiled once.

    Why: `_titled_person` tries every title on every title-only speaker; a substring test first skips the regex
    for the titles the phrase cannot hold (issue 17)."""
    return tuple((r, re.compile(rf"\b{re.escape(r)}\b")) for r in load_roles())


def _titled_person(sp: Speaker, actor: str, people: PersonTable) -> Person | None:
    """The named person a title-only speaker is ("Russia's Foreign Minister" -> the minister named nearby).

    Only when the article names exactly one person of that actor with that office near
    the quote (issue 15, 3.10); a title that already holds a name stays as written.
    """
    if sp.pronoun is not None or not sp.person:
        return None
    words = fold(sp.text)
    if any(fold(p.name).split()[-1] in words.split() for p in people.people if p.name.split()):
        return None
    role = max((r for r, whole in _role_patterns() if r in words and whole.search(words)), key=len, default=None)
    if role is None:
        return None
    near = {p.name: p for p in people.people
            if p.actor == actor and p.role and (p.role == role or p.role.endswith(" " + role))
            and p.start >= 0 and abs(p.start - sp.pos) <= TITLE_WINDOW}
    return next(iter(near.values())) if len(near) == 1 else None


def _title_paragraphs(article: Article, paras: Sequence[tuple[int, int]]) -> set[int]:
    """Offsets of paragraphs that repeat the headline: a headline quote is not a new quote."""
    if not article.title:
        return set()
    title = fold(article.title.strip(" #*"))
    return {ps for ps, pe in paras if fold(article.text[ps:pe].strip(" #*")) == title}


def extract_quotes(
    article: Article, units: Sequence[Unit], mentions: Sequence[Mention], people: PersonTable,
    events: Sequence[Event],
) -> list[Quote]:
    """Direct and reported speech with speaker, actor and cue."""
    del events  # quotes stand on their own; the signature is shared by the extract stages
    paras = paragraphs(article.text)
    skip = _title_paragraphs(article, paras)
    tokens = UnitIndex(units)
    marks = find_marked(article.text, paras)
    attr = Attributor(article, paras, tokens, mentions, people, marks)
    cands = merge(direct(article, paras, attr, marks, skip), reported(units, people, skip, attr.quoted, mentions),
                  article.text, marks)
    out: list[Quote] = []
    seen: set[tuple[int, int]] = set()
    for c, sp, actor in resolve(cands, units, people, defined_acronyms(article.text, mentions)):
        if (c.start, c.end) in seen:
            continue
        seen.add((c.start, c.end))
        speaker = sp.text
        named = _titled_person(sp, actor, people)
        if named is not None:
            speaker = named.name  # "Russia's Foreign Minister" -> the minister the article names
        kind = c.kind
        if kind == "indirect" and c.start > 0 and article.text[c.start - 1] in "“\"«":
            kind = "direct"  # an opening mark never closed ("“We will not give up the north."): still his words
        for start, end in paragraph_pieces(article.text, c.start, c.end):
            out.append(Quote(speaker=speaker, actor=actor, cue=c.cue, text=article.text[start:end],
                             kind=kind, start=start, end=end))
    return sorted(out, key=lambda q: q.start)


#: What trims a paragraph's piece of a quotation: spaces, quotation marks, emphasis marks.
_PIECE_TRIM = " \t*_" + QUOTE_CHARS


def paragraph_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A quotation running over several paragraphs, one (start, end) per paragraph.

    Why: news opens each further paragraph of a long quotation with a new mark and the
    gold counts each further quoted sentence as a quote (SCHEMA.md convention 8); as one
    record the later paragraphs were lost. A piece too short to be a statement stays with
    the one before it.
    """
    if "\n" not in text[start:end]:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[^\n]+", text[start:end]):
        s, e = start + m.start(), start + m.end()
        while s < e and text[s] in _PIECE_TRIM:
            s += 1
        while e > s and (text[e - 1] in _PIECE_TRIM or text[e - 1] == ","):
            e -= 1
        if s >= e:
            continue
        if out and n_words(text[s:e]) < MIN_WORDS_FREE:
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out or [(start, end)]

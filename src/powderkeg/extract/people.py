"""People: named persons who act or speak, the actor they act for and their role.

Why from the text first: a list of leaders goes stale, while news almost
always says who someone is ("Serbian President X", "X, a spokeswoman for the
Russian foreign ministry"). The bundled people.csv only fills in when the text
gives a name but no affiliation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import DEP, POS
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from powderkeg.errors import DataFileError
from powderkeg.extract.actors import fold
from powderkeg.extract.entities import as_span, doc_ents, doc_text
from powderkeg.lexicons import KnownPerson, data_path, load_people, load_roles, read_lemma_kinds, read_rows
from powderkeg.models import Mention, Person

#: Words that end a pre-modifier title run ("... said Serbian President X").
_TITLE_POS = {"PROPN", "NOUN", "ADJ", "PART", "DET", "PUNCT", "ADP"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "lord", "gen", "general", "president", "minister", "prime",
               # military ranks and services written before a name ("Air Force Brig. Gen. Pat Ryder")
               "brig", "maj", "lt", "col", "capt", "adm", "cmdr", "sgt", "marshal", "air", "force", "army",
               "navy", "admiral", "colonel", "major", "lieutenant", "brigadier", "captain", "commander"}
#: Ranks an entity may wrongly end on when the tagger cut a title off its name ("Air Force Brig").
_RANKS = frozenset({"brig", "gen", "maj", "lt", "col", "capt", "adm", "cmdr", "sgt"})


def person_key(name: str) -> str:
    """One key for one person across spellings: "Vucic" = "Vučić", "Thaci" = "Thaçi", "Djukanovic" = "Đukanović",
    "Zelenskyy" = "Zelensky", "Slutskiy" = "Slutsky".

    The store groups its people table by the same key (store.schema._PERSON_KEY).
    """
    return " ".join(_TRANSLIT_END.sub("y", fold(name).replace("dj", "d").replace("yy", "y")).split())


#: Word-final transliteration variants of one Slavic ending: "Slutskiy" = "Slutsky", "Dmitrii" = "Dmitry".
_TRANSLIT_END = re.compile(r"(?:iy|ii)\b")


#: Generational suffixes that end a name without being the surname ("Teodoro Locsin Jr." is "Locsin").
_SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def surname_key(key: str) -> str:
    """The surname of a person_key: its last word that is not a generational suffix."""
    parts = key.split()
    while len(parts) > 1 and parts[-1] in _SUFFIXES:
        parts.pop()
    return parts[-1] if parts else key


#: Particles news drops before a surname: "el-Sisi" is "Sisi", "al-Sudani" is "Sudani".
_PARTICLES = ("al-", "el-", "ad-", "as-", "ash-", "an-", "ar-", "at-", "az-", "bin-")


def _bare_surname(part: str) -> str:
    """A surname without its Arabic article ("el-sisi" -> "sisi"); other names unchanged."""
    for particle in _PARTICLES:
        if part.startswith(particle) and len(part) > len(particle) + 2:
            return part[len(particle):]
    return part


@dataclass
class PersonTable:
    """People found in one article and how to find them again by surname or pronoun."""

    people: list[Person] = field(default_factory=list)
    by_key: dict[str, int] = field(default_factory=dict)  # folded full name / surname -> index

    def add(self, person: Person) -> int:
        """Add or merge a person (longest name wins; a known actor/role is never lost)."""
        key = person_key(person.name)
        surname = surname_key(key)
        idx = self.by_key.get(key)
        if idx is None:
            cand = self.by_key.get(surname, self.by_key.get(_bare_surname(surname)))
            # a surname-keyed person merges only if first names do not contradict
            if cand is not None:
                other = person_key(self.people[cand].name).split()
                if len(other) == 1 or len(key.split()) == 1 or other[0][0] == key.split()[0][0]:
                    idx = cand
        if idx is None:
            self.people.append(person)
            idx = len(self.people) - 1
        else:
            old = self.people[idx]
            name = person.name if len(person.name.split()) > len(old.name.split()) else old.name
            if person_key(person.name) == person_key(old.name) and not person.name.isascii():
                name = person.name  # one person across spellings: the one with diacritics is the canonical one
            self.people[idx] = Person(
                name=name,
                actor=old.actor or person.actor,
                role=old.role or person.role,
                start=old.start if old.start >= 0 else person.start,
                end=old.end if old.start >= 0 else person.end,
            )
        self.by_key[key] = idx
        self.by_key.setdefault(surname, idx)
        self.by_key.setdefault(_bare_surname(surname), idx)
        return idx

    def settle(self, name: str, actor: str) -> None:
        """Give a titled person the text left without a state the actor the passage gave them
        (quotes: "..., foreign minister X said" after "Chad denied ..."); a known actor is kept."""
        key = person_key(name).removesuffix("'s").strip()
        idx = self.by_key.get(key)
        if idx is None and key.split():
            idx = self.by_key.get(surname_key(key))
        if idx is not None and self.people[idx].actor is None and self.people[idx].role:
            old = self.people[idx]
            self.people[idx] = Person(old.name, actor, old.role, old.start, old.end)

    def find(self, name: str) -> Person | None:
        """A person by full name or surname."""
        key = person_key(name).removesuffix("'s").strip()
        idx = self.by_key.get(key)
        if idx is None and key.split():
            idx = self.by_key.get(surname_key(key))
        return self.people[idx] if idx is not None else None


@lru_cache(maxsize=1)
def first_word_states() -> frozenset[str]:
    """first_word_names.csv: actors whose people news calls by the first word of the name ("Xi", "Abiy")."""
    path = data_path("first_word_names.csv")
    out = set()
    for lineno, row in read_rows(path, ("code", "order")):
        if row["order"] not in ("family_first", "given"):
            raise DataFileError(str(path), lineno, f"order must be family_first or given, not {row['order']!r}")
        out.add(row["code"].upper())
    return frozenset(out)


class KnownIndex:
    """people.csv by folded full name, alias and surname."""

    def __init__(self, people: Sequence[KnownPerson]) -> None:
        self.full: dict[str, KnownPerson] = {}
        #: every row of a person who held several offices ("Mark Rutte": NATO secretary-general, Dutch
        #: prime minister); the first row, the current office, is the one `full` gives
        self.offices: dict[str, list[KnownPerson]] = {}
        surnames: dict[str, list[KnownPerson]] = {}
        #: every part of every name ("locsin", "mao"), for names given by one part only
        self.parts: dict[str, list[KnownPerson]] = {}
        for p in people:
            rows = self.offices.setdefault(person_key(p.name), [])
            rows.append(p)
            if len(rows) > 1:
                continue  # an earlier office: found through `office`, never by name alone
            self.full[person_key(p.name)] = p
            for alias in p.aliases:
                self.full[person_key(alias)] = p
            last = surname_key(person_key(p.name))
            surnames.setdefault(last, []).append(p)
            for alias in p.aliases:  # "Zelenskiy" of "Volodymyr Zelenskiy"
                other = surname_key(person_key(alias))
                if other != last and len(person_key(alias).split()) > 1:
                    surnames.setdefault(other, []).append(p)
            first = person_key(p.name).split()[0]
            if p.actor in first_word_states() and first != last:
                surnames.setdefault(first, []).append(p)  # "Xi" of "Xi Jinping", "Wang" of "Wang Yi"
            bare = _bare_surname(last)
            if bare != last:
                surnames.setdefault(bare, []).append(p)  # "Sisi" of "Abdel Fattah el-Sisi"
            for part in set(person_key(p.name).split()) | {bare}:
                self.parts.setdefault(part, []).append(p)
        # a surname alone only identifies someone when exactly one listed person has it, or when all
        # who have it act for one actor ("Bush", "Assad"): then the first listed, the most recent, stands
        self.surname = {k: v[0] for k, v in surnames.items() if len({p.actor for p in v}) == 1}

    def office(self, entry: KnownPerson, role: str | None) -> KnownPerson:
        """The row of a listed person for the office the text gives ("caretaker prime minister
        Mark Rutte" is the Dutch one, not NATO's); the current office when the text gives none
        or one that fits no listed row."""
        rows = self.offices.get(person_key(entry.name), [entry])
        if role is None:
            return rows[0]
        return next((r for r in rows if same_office(role, r.role)), rows[0])

    def lookup_surname(self, name: str) -> KnownPerson | None:
        """A listed figure by surname alone ("Putin"), only when one listed person has it."""
        return self.surname.get(person_key(name).removesuffix("'s").strip())

    def lookup(self, name: str) -> KnownPerson | None:
        key = person_key(name).removesuffix("'s").strip()
        if key in self.full:
            return self.full[key]
        parts = key.split()
        if len(parts) >= 2:
            p = self.surname.get(surname_key(key))
            if p is not None and person_key(p.name).split()[0][0] == parts[0][0]:
                return p
        return None


#: Words that qualify an office without changing it ("former", "deputy" keep "minister" a minister).
_OFFICE_FILLERS = frozenset({"of", "for", "the", "to", "in", "and", "former", "acting", "caretaker", "interim",
                             "deputy", "vice", "first", "senior", "chief"})


def same_office(text_role: str, listed_role: str | None) -> bool:
    """Does a title in the text fit a listed office? They share a content word
    ("defense minister" ~ "deputy prime minister"; "prime minister" !~ "secretary-general")."""
    if not listed_role:
        return True
    words = {w for w in text_role.replace("-", " ").split() if w not in _OFFICE_FILLERS}
    listed = {w for w in listed_role.replace("-", " ").split() if w not in _OFFICE_FILLERS}
    return not words or bool(words & listed)


@lru_cache(maxsize=1)
def known_index() -> KnownIndex:
    """The bundled people.csv, indexed once per process."""
    return KnownIndex(load_people())


def clean_name(span: Span) -> tuple[str, int, int] | None:
    """Strip titles, possessives and punctuation from a PERSON entity; None if nothing name-like remains."""
    toks = list(span)
    while toks and (toks[-1].text in ("'s", "’s", "'", "’") or toks[-1].is_punct):
        toks.pop()
    if toks and toks[-1].lower_.rstrip(".") in _RANKS:
        return None  # a title cut off its name: the name is another entity
    while toks and (toks[0].lower_.rstrip(".") in _HONORIFICS or toks[0].is_punct or toks[0].lower_ in load_roles()):
        toks.pop(0)
    for size in (3, 2):
        # a title of several words the tagger took into the name ("Crown Prince Mohammed bin Salman")
        if len(toks) >= size + 2 and " ".join(t.lower_ for t in toks[:size]) in load_roles():
            toks = toks[size:]
            break
    if not toks:
        return None
    if not all(t.text[:1].isupper() or t.text in ("-", "al", "bin", "de", "da", "von", "van", "el") for t in toks):
        return None
    text = span.doc[toks[0].i : toks[-1].i + 1].text  # not Doc.text, which joins the whole paragraph anew
    return text, toks[0].idx, toks[-1].idx + len(toks[-1].text)


#: Head nouns of an appositive that say a name is an organisation, not a person ("Sputnik, a media conglomerate").
NOT_PERSON_HEADS = frozenset({
    "agency", "broadcaster", "channel", "company", "conglomerate", "firm", "group", "network", "newspaper",
    "organisation", "organization", "outlet", "party", "station", "tabloid", "website", "daily", "weekly",
    "portal", "corporation", "manufacturer", "contractor", "militia", "movement", "outfit",
})


def _named_organisation(ent: Span) -> bool:
    """True when an appositive calls the entity an organisation: the small model tags many outlets PERSON."""
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end and child.lemma_.lower() in NOT_PERSON_HEADS:
            return True
    return False


def _context_tokens(ent: Span) -> list[Token]:
    """The tokens that describe who a named person is: the title before it and appositives."""
    doc = ent.doc
    ctx: list[Token] = []
    i = ent.start - 1
    while i >= ent.sent.start and ent.start - i <= 7:
        tok = doc[i]
        if tok.pos_ not in _TITLE_POS or tok.ent_type_ == "PERSON" or tok.lower_ in ("and", "said", "told"):
            break
        if tok.pos_ == "ADP" and tok.lower_ not in ("of", "for", "to", "in"):
            break  # "ambassador to Denmark", "chargé d'affaires in Poland" are still the title
        if tok.pos_ == "PUNCT" and tok.text not in ("'", "’", "-"):
            # "Kosovo's prime minister, Albin Kurti": the title sits before a comma
            if tok.text == "," and ent.root.dep_ == "appos":
                i -= 1
                continue
            break
        ctx.insert(0, tok)
        i -= 1
    root = ent.root
    if root.dep_ == "appos" and root.head.i < ent.start:
        ctx.extend(t for t in root.head.subtree if t.i < ent.start and t not in ctx and not t.is_punct)
    for child in root.children:
        if child.dep_ == "appos" and child.i > ent.end - 1:
            ctx.extend(t for t in child.subtree if t.ent_type_ != "PERSON")
        elif child.dep_ == "prep" and child.lower_ == "of" and child.i == ent.end:
            # "King Harald of Norway": the realm right after the name
            ctx.extend(t for t in child.subtree if t.ent_type_ != "PERSON")
    return ctx


def _envoy(word: str) -> bool:
    """An office whose "for X" names the brief, not the employer ("UN envoy for Yemen")."""
    return load_roles().get(word) == "diplomat"


def _posting(tok: Token) -> bool:
    """Is this the place an official is posted to, not the state they act for?
    ("Russia's envoy to Norway", "the chargé d'affaires of Russia in Latvia", "the UN envoy for Yemen")"""
    prep = tok.head if tok.dep_ == "pobj" else tok.head.head if tok.dep_ == "compound" else None
    if prep is not None and prep.dep_ == "prep" and (
            prep.lower_ in ("to", "in") or (prep.lower_ == "for" and _envoy(prep.head.lower_))):
        return True
    # the parse may hang the place on the name ("Ambassador to the Philippines MaryKay Carlson"): read the words
    doc, i = tok.doc, tok.i - 1
    if i >= 0 and doc[i].lower_ == "the":
        i -= 1
    return i >= 0 and (doc[i].lower_ in ("to", "in") or (doc[i].lower_ == "for" and i > 0 and _envoy(doc[i - 1].lower_)))


@lru_cache(maxsize=1)
def speaker_offices() -> dict[str, str]:
    """speaker_offices.csv: a word of a speaker phrase -> "company" or "legislator" (no government post)."""
    return read_lemma_kinds(data_path("speaker_offices.csv"), "kind", ("company", "legislator"))


#: Titles a company's head and a state's officials share: with an organisation that is no actor beside
#: them ("Tesla chief executive X") they are the company's.
_COMPANY_TITLES = frozenset({"chief executive", "ceo", "managing director"})


def _company_post(ctx: Sequence[Token], role: str | None, mentions: Sequence[Mention], offset: int) -> bool:
    """Does the title around a name make the person a company's figure ("the head of the firm",
    "Tesla chief executive")? No state is then guessed for them from the sentence."""
    if any(speaker_offices().get(t.lower_) == "company" for t in ctx):
        return True
    return role in _COMPANY_TITLES and any(
        t.ent_type_ == "ORG" and not any(m.start <= offset + t.idx < m.end for m in mentions) for t in ctx)


def _role_of(ctx: Sequence[Token]) -> str | None:
    """The longest office title among the context tokens, as written but lower case."""
    roles = load_roles()
    words = [t.lower_.replace("’", "'") for t in ctx]
    best: str | None = None
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            phrase = " ".join(words[i:j]).replace(" - ", "-")
            if phrase in roles and (best is None or len(phrase) > len(best)):
                best = phrase
                break
    return best


#: Text between double quotation marks within one sentence.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")


@lru_cache(maxsize=1)
def home_states() -> dict[str, str]:
    """home_states.csv: a sub-national unit's name and short forms (lower case) -> the state it belongs to."""
    out: dict[str, str] = {}
    for _, row in read_rows(data_path("home_states.csv"), ("name", "abbr", "actor")):
        for form in [row["name"], *row["abbr"].split("|")]:
            if form.strip():
                out[form.strip().lower().rstrip(".")] = row["actor"].upper()
    return out


#: Party words that make a name with a home state a legislator ("Ohio Republican Jane Roe").
_PARTISAN = frozenset({"republican", "democrat", "democratic"})
#: "(R-Ky.)", "(D-NY)", "(I-VT)" right after a legislator's name.
_PARTY_TAG = re.compile(r"\s*\(\s*[RDI]\s*[-–]\s*([A-Za-z. ]{2,15}?)\.?\s*\)")


def _home_state(ent: Span, ctx: Sequence[Token], role: str | None) -> str | None:
    """The state a legislator sits for, from the home unit beside the name: "Senator X of Kentucky",
    "Sen. X (I-VT)", "Texas Republican X". Only for legislators, or a party word beside the unit."""
    states = home_states()
    tag = _PARTY_TAG.match(doc_text(ent.doc), ent.end_char)
    if tag is not None and tag.group(1).strip().lower() in states:
        return states[tag.group(1).strip().lower()]
    words = [t.lower_ for t in ctx]
    legislator = role is not None and load_roles().get(role) == "legislator"
    for i in range(len(words)):
        for size in (2, 1):
            name = " ".join(words[i : i + size])
            if size == len(words[i : i + size]) and name in states and ctx[i].text[:1].isupper():
                after = words[i + size] if i + size < len(words) else ""
                if legislator or after in _PARTISAN:
                    return states[name]
    return None


#: Kinds of office (roles.csv) only a state has: an international body has no justice minister or general.
_STATE_OFFICES = frozenset({"minister", "head", "military"})


def _sentence_actor(ent: Span, offset: int, mentions: Sequence[Mention], role: str | None = None) -> str | None:
    """The one actor a titled person's sentence names, when the title names none.

    News often gives an office without the state ("Interior Minister X said Norway would
    tighten checks"): the state is then the one the sentence names, provided it names only
    one that is not another person's own ("President X welcomed Polish Prime Minister Y":
    Poland is Y's, so nothing is left for X).
    """
    sent = ent.sent
    taken: set[int] = set()
    for other in sent.ents:
        if other.label_ == "PERSON" and other.start != ent.start:
            taken.update(offset + t.idx for t in _context_tokens(other))
    start, end = offset + sent.start_char, offset + sent.end_char
    # a state named inside the quotation is what the person speaks about, not whom they speak for
    quoted = [(offset + q.start(), offset + q.end()) for q in _QUOTED.finditer(doc_text(ent.doc))]
    # "Justice minister X said the complaint would go to the African Union": a state's office is no body's
    state_only = role is not None and load_roles().get(role) in _STATE_OFFICES
    # in what the person says, only the subject may be theirs ("X said Norway would tighten checks");
    # a state the clause acts on is the other side ("X said the complaint against Chad was lodged")
    root = ent.root
    if root.dep_ in ("nsubj", "compound", "appos") and root.head.pos_ in ("VERB", "AUX", "NOUN", "PROPN"):
        verb = root.head if root.dep_ == "nsubj" else root.head.head if root.head.dep_ == "nsubj" else None
        for clause in (c for c in (verb.children if verb is not None else ()) if c.dep_ == "ccomp"):
            subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            keep = {offset + t.idx for sub in subjects for t in sub.subtree}
            taken.update(offset + t.idx for t in clause.subtree if offset + t.idx not in keep)
    codes = {m.code for m in mentions
             if m.start >= start and m.end <= end and not any(m.start <= pos < m.end for pos in taken)
             and not any(a <= m.start < b for a, b in quoted) and not (state_only and m.kind == "io")}
    return codes.pop() if len(codes) == 1 else None


def extract_people(
    docs: Sequence[tuple[int, Doc]], mentions: Sequence[Mention], *, known: KnownIndex | None = None
) -> PersonTable:
    """Find people in parsed paragraphs (offset, doc) using actor mentions for affiliation."""
    known = known or known_index()
    table = PersonTable()
    by_start = sorted(mentions, key=lambda m: m.start)
    for offset, doc in docs:
        for found in doc_ents(doc):
            if found.label != "PERSON" and not (found.label in ("ORG", "NORP", "GPE") and known.lookup(found.text)):
                # the small model often labels a foreign name ORG; a listed figure is still a person
                continue
            ent = as_span(doc, found)  # a Span only for the entities kept
            cleaned = clean_name(ent)
            if cleaned is None or _named_organisation(ent):
                continue
            name, s, e = cleaned
            if any(m.start < offset + e and offset + s < m.end for m in by_start):
                # "Montenegro", "Wagner", "Mali": a name that is an actor alias is the actor, not a person
                continue
            # a title the entity itself begins with ("Queen Beatrix") is context too
            ctx = [t for t in ent if t.idx < s] + _context_tokens(ent)
            actor = None
            for tok in sorted(ctx, key=lambda t: abs(t.i - ent.start)):
                if _posting(tok):
                    continue
                pos = offset + tok.idx
                hit = next((m for m in by_start if m.start <= pos < m.end), None)
                if hit is not None:
                    actor = hit.code
                    break
            role = _role_of(ctx)
            home = _home_state(ent, ctx, role) if actor is None or role is None else None
            if home is not None:
                actor, role = home, role or "lawmaker"
            if role is None:
                # "an analyst at a London think tank": a place near a name is no affiliation without an office
                actor = None
            prior = table.find(name)
            entry = known.lookup(name)
            if entry is None and ent.label_ == "PERSON" and len(name.split()) == 1:
                entry = known.lookup_surname(name)
                if entry is not None and _other_first_name(doc, ent.start, entry):
                    entry = None
                if entry is not None and prior is not None and not _same_listed(prior.name, entry):
                    entry = None  # "Haddad said" after "Justice Minister Karim Haddad": the one already named
            if entry is not None and (prior is None or len(fold(entry.name)) >= len(fold(prior.name))):
                if len(name.split()) == 1 or fold(entry.name).split()[-1] == fold(name).split()[-1]:
                    name = entry.name if len(name.split()) < len(entry.name.split()) else name
                if person_key(entry.name) == person_key(name) or (
                        surname_key(person_key(name)) != surname_key(person_key(entry.name))
                        and any(person_key(a) == person_key(name) for a in entry.aliases)):
                    # "Aleksandar Vucic" is listed as "Aleksandar Vučić": diacritics kept; a listed
                    # spelling of the surname ("Mohamed Hamdan Daglo") is the listed person under the
                    # listed name (a first-name variant, "Sergei Lavrov", stays as written)
                    name = entry.name
                held = known.office(entry, role)  # the listed office the text's title fits
                actor = actor or held.actor
                role = role or held.role
            if actor is None and role is not None and (prior is None or prior.actor is None) \
                    and not _company_post(ctx, role, by_start, offset):
                # a title with no state of its own: the state the sentence names, if only one
                actor = _sentence_actor(ent, offset, by_start, role)
            if actor is None and prior is None and role is None:
                # a bare name with no affiliation: keep it so surnames resolve, but without an actor
                table.add(Person(name, None, None, offset + s, offset + e))
                continue
            table.add(Person(name, actor, role, offset + s, offset + e))
        _listed_surnames(offset, doc, by_start, known, table)
    return table


def _same_listed(named: str, entry: KnownPerson) -> bool:
    """Could a person the article already named in full be this listed one (same first initial)?"""
    parts = person_key(named).split()
    if len(parts) < 2:
        return True
    spellings = [person_key(entry.name), *(person_key(a) for a in entry.aliases)]
    return any(s.split() and s.split()[0][0] == parts[0][0] for s in spellings)


def _other_first_name(doc: Doc, i: int, entry: KnownPerson) -> bool:
    """Does a capitalised word before this surname make it someone else ("Wing Loong" is a drone,
    not Lee Hsien Loong; "Ahmed Osman" is not Osman Saleh)?"""
    if i == 0:
        return False
    prev = doc[i - 1]
    low = prev.lower_.rstrip(".")
    if (not prev.is_alpha or not prev.text[:1].isupper() or low in _HONORIFICS or low in role_words()
            or prev.pos_ == "ADJ" or prev.ent_type_ in ("NORP", "GPE", "ORG")):
        return False  # a title or an adjective ("Serbian Vucic"), not a first name
    return low not in {fold(w) for w in entry.name.replace("-", " ").split()}


@lru_cache(maxsize=1)
def role_words() -> frozenset[str]:
    """Every word of every office title ("foreign", "minister"): a title before a surname is no first name."""
    return frozenset(w for role in load_roles() for w in role.replace("-", " ").split())


#: `_listed_surnames`' parts of speech as `Doc.to_array` gives them.
_NAME_POS = (PROPN, NOUN)


def _listed_surnames(offset: int, doc: Doc, mentions: Sequence[Mention], known: KnownIndex, table: PersonTable) -> None:
    """A listed figure named by surname alone that the NER missed or mislabelled ("Vučić attacked ...")."""
    nsubj = doc.vocab.strings["nsubj"]
    # a Token only for the subjects that are nouns or names (issue 17: read from the doc's arrays first);
    # only a surname that acts or speaks: "under Biden", "the Trump administration" do not
    for i, (pos, dep) in enumerate(doc.to_array([POS, DEP]).tolist()):
        if pos not in _NAME_POS or dep != nsubj:
            continue
        tok = doc[i]
        # the small model tags an unseen spelling as a noun ("Zelenskyy has long requested ...")
        if tok.ent_type_ == "PERSON" or len(tok.text) < 4 or not tok.text[:1].isupper():
            continue
        start = offset + tok.idx
        if table.find(tok.text) is not None or any(m.start <= start < m.end for m in mentions):
            continue
        entry = known.lookup_surname(tok.text)
        if entry is not None and not _other_first_name(doc, tok.i, entry):
            table.add(Person(entry.name, entry.actor, entry.role, start, start + len(tok.text)))


def reportable(table: PersonTable) -> list[Person]:
    """People worth listing: those we could tie to an actor."""
    return [p for p in table.people if p.actor]

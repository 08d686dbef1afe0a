"""Runs the stages in order: units -> gazetteer pre-pass -> parse -> people -> events.

Why paragraphs as units and a pre-pass: the parser is the expensive stage.
A cheap gazetteer-and-trigger pass over the raw paragraph decides which
paragraphs the parser sees (issue 3), so later work can narrow the gate to
only paragraphs that can hold an event without reshaping the pipeline.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice
from pathlib import Path

from spacy.tokens import Doc, Token

from powderkeg import nlp as nlp_mod
from powderkeg.extract.actors import Gazetteer, drop_product_names, fold, load_gazetteer, settle_bodies
from powderkeg.extract.arms import extract_arms, names_a_weapon
from powderkeg.extract.coder_model import MODEL_FILE, CoderModel, decide, recheck_added, shipped_model
from powderkeg.extract.dates import date_events
from powderkeg.extract.events import Coder, Unit, UnitIndex, build_unit
from powderkeg.extract.labels import extract_labels
from powderkeg.extract.people import PersonTable, extract_people, known_index, reportable
from powderkeg.extract.quotes import extract_quotes
from powderkeg.extract.stance import stance_events
from powderkeg.lexicons import data_path, load_triggers, load_words, read_lemma_kinds, surface_forms
from powderkeg.models import ArmsTransfer, Article, Event, Extraction, Mention, Person

log = logging.getLogger(__name__)

#: Longest paragraph handed to the parser in one piece; longer ones are cut at sentence ends.
MAX_UNIT_CHARS = 4000
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
#: Reporting verbs let a paragraph through the gate: quotes and reported events live there.
_SPEECH_FORMS = frozenset({"said", "says", "told", "added", "stated", "claimed", "warned", "according"})
#: A sentence end: a stop (with closing marks) and space before a capital, a digit or an opening mark.
_SENT_END = re.compile(r"([.!?…][”\"’)]*)\s+(?=[“\"‘(]?[A-Z0-9])")
#: Words before a stop that do not end a sentence: titles and short forms ("Gen. Ali", "Jan. 5").
_NOT_SENT_END = frozenset({
    "mr", "ms", "mrs", "dr", "st", "mt", "no", "gen", "col", "sen", "rep", "gov", "lt", "sgt", "maj", "capt", "adm",
    "prof", "jr", "sr", "rev", "brig", "cmdr", "pres", "amb", "fig", "vs", "inc", "corp", "co", "ltd", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx", "est", "ft", "lb",
})
#: What keeps a sentence without a name or trigger for the parser: a quotation mark (a quotation runs on
#: over several sentences), a digit or a date word (a date stated before an act dates it).
_KEEP_SENTENCE = re.compile(
    r"[“”«»\"\d]|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:today|tonight|yesterday|tomorrow|ago)\b"
    r"|\b(?:week|month|year|decade)s?\b", re.IGNORECASE)


#: Which event coder runs when none is asked for: "learned" (the rules plus the model, extract/coder_model.py)
#: or "rules" (the hand-written rules alone); env POWDERKEG_CODER overrides.
DEFAULT_CODER = "learned"
CODERS = ("rules", "learned")


def coder_model(coder: str | None = None) -> CoderModel | None:
    """The model for a coder name (None, then $POWDERKEG_CODER, then DEFAULT_CODER); None means rules only."""
    name = coder or os.environ.get("POWDERKEG_CODER") or DEFAULT_CODER
    if name not in CODERS:
        raise ValueError(f"unknown event coder {name!r} (POWDERKEG_CODER or coder=): choose {' or '.join(CODERS)}")
    if name == "rules":
        return None
    model = shipped_model()
    if model is None:
        raise ValueError(f"the learned coder needs powderkeg/data/{MODEL_FILE}; run scripts/train_coder.py")
    return model


@dataclass(frozen=True)
class Paragraph:
    """A span of article text handed to the parser as one document."""

    start: int
    text: str


def split_units(text: str) -> list[Paragraph]:
    """Non-empty lines of the text, long ones cut at sentence ends, with their offsets."""
    units: list[Paragraph] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            start = pos + lead
            body = stripped
            while len(body) > MAX_UNIT_CHARS:
                cut = body.rfind(". ", 0, MAX_UNIT_CHARS)
                if cut > MAX_UNIT_CHARS // 4:
                    cut += 1
                else:  # no sentence end: cut between words, and keep the space out of the unit
                    space = body.rfind(" ", 0, MAX_UNIT_CHARS + 1)
                    cut = space if space > MAX_UNIT_CHARS // 4 else MAX_UNIT_CHARS
                units.append(Paragraph(start, body[:cut].rstrip()))
                rest = body[cut:]
                start += cut + (len(rest) - len(rest.lstrip()))
                body = rest.lstrip()
            if body:
                units.append(Paragraph(start, body))
        pos += len(line) + 1
    return units


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a paragraph, by a cheap rule; a missed end only joins two sentences."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        words = text[pos : m.start(1)].split()
        last = words[-1].lstrip("(“\"‘").lower() if words else ""
        if last in _NOT_SENT_END or (len(last) == 1 and last.isalpha()) or re.fullmatch(r"(?:\w\.)+\w", last):
            continue  # "Gen. Ali", "J. Smith", "U.S. officials": not a sentence end
        spans.append((pos, m.end(1)))
        pos = m.end()
    if pos < len(text):
        spans.append((pos, len(text.rstrip())))
    return spans


class Pipeline:
    """The extraction pipeline: construct once, then stream articles through `run`."""

    def __init__(self, *, actors: str | Path | None = None, batch_size: int = nlp_mod.DEFAULT_BATCH_SIZE,
                 coder: str | None = None, sentence_gate: bool = True) -> None:
        self.gazetteer: Gazetteer = load_gazetteer(actors)
        #: Cut gated paragraphs into sentence runs and parse only the runs that can yield a fact.
        self.sentence_gate = sentence_gate
        #: The learned event coder (extract/coder_model.py), or None for the hand-written rules alone.
        self.model: CoderModel | None = coder_model(coder)
        self.batch_size = batch_size
        self.coder = Coder(load_triggers())
        self.known = known_index()
        forms: set[str] = set(_SPEECH_FORMS)
        for lemma, _pos in self.coder.triggers:
            forms |= surface_forms(lemma)
        self._gate_words = frozenset(forms)
        self._name_words = frozenset(k.split()[-1] for k in self.known.full)

    @property
    def nlp(self):  # type: ignore[no-untyped-def]
        return nlp_mod.load()

    def gate(self, para: Paragraph, mentions: Sequence[Mention]) -> bool:
        """Should the parser see this paragraph? Only if it names an actor or a person, or has a trigger."""
        if mentions:
            return True
        for word in _WORD.findall(para.text):
            low = fold(word)
            if low in self._gate_words or low in self._name_words or low.replace("dj", "d") in self._name_words:
                return True
        return False

    def select_sentences(self, para: Paragraph, mentions: Sequence[Mention]) -> list[tuple[Paragraph, bool]]:
        """The paragraph cut into runs of sentences the parser must see (True) and may skip (False).

        A sentence is parsed when it passes the paragraph gate on its own (an actor, a known
        person, a trigger or a reporting verb), holds a quotation mark, a digit or a date word,
        or lies inside a quotation (a quotation or a stated date reaches into the next sentence). Neighbouring parsed
        sentences stay one unit, so the parser reads them together as before.
        """
        runs: list[tuple[Paragraph, bool]] = []
        for start, end in split_sentences(para.text):
            text = para.text[start:end]
            a, b = para.start + start, para.start + end
            before = para.text[:start]
            quoting = before.count("“") > before.count("”") or before.count('"') % 2 == 1
            keep = (quoting or any(a <= m.start < b for m in mentions) or _KEEP_SENTENCE.search(text) is not None
                    or self.gate(Paragraph(a, text), ()) or names_a_weapon(text))
            if runs and runs[-1][1] == keep:
                prev = runs[-1][0]
                runs[-1] = (Paragraph(prev.start, para.text[prev.start - para.start : end]), keep)
            else:
                runs.append((Paragraph(a, text), keep))
        return runs

    def run(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        """Extract every article; streaming, so memory does not grow with the corpus."""
        it = iter(articles)
        while chunk := list(islice(it, self.batch_size)):
            prepared = [self.prepare(a) for a in chunk]
            docs = self.parse_texts([p.text for _, paras, _, gated in prepared
                                for p, g in zip(paras, gated, strict=True) if g])
            for article, paras, mentions, gated in prepared:
                parsed = [(p.start, next(docs)) for p, g in zip(paras, gated, strict=True) if g]
                yield self.extract_parsed(article, mentions, parsed, n_units=len(paras))

    def parse_texts(self, texts: list[str]) -> Iterator[Doc]:
        """Parse the paragraphs of one batch of articles as one spaCy batch.

        `batch_size` counts articles, so the batch holds as much text as a batch of whole
        articles would (16 paragraphs at a time would be a tenth of that, and slower).
        """
        with nlp_mod.one_blas_thread():  # the batch is parsed here, not lazily outside the limit
            docs = list(self.nlp.pipe(texts, batch_size=max(len(texts), 1)))
        return iter(docs)

    def prepare(self, article: Article) -> tuple[Article, list[Paragraph], list[Mention], list[bool]]:
        """The article's units (paragraphs, or runs of their sentences), its mentions, and which units to parse."""
        paras = split_units(article.text)
        units: list[Paragraph] = []
        mentions: list[Mention] = []
        gated: list[bool] = []
        for para in paras:
            found = [
                Mention(m.start + para.start, m.end + para.start, m.text, m.code, m.kind, m.role)
                for m in self.gazetteer.find(para.text)
            ]
            mentions.extend(resident_groups(found, para.text, para.start))
            passes = self.gate(para, found)
            if not passes or not self.sentence_gate:
                units.append(para)
                gated.append(passes)
                continue
            for run, keep in self.select_sentences(para, found):
                units.append(run)
                gated.append(keep)
        return article, units, settle_bodies(drop_product_names(mentions, article.text), self.gazetteer), gated

    def article_units(
        self, article: Article
    ) -> tuple[list[Paragraph], list[bool], list[Mention], PersonTable, list[Unit]]:
        """What `run` builds for one article before coding: (text units, gated, mentions, people, units).

        For `powderkeg explain`, which traces the coder over the same units. A text unit is a
        paragraph, or a run of its sentences when the sentence gate cut it; `gated[i]` says
        whether text unit i was parsed, and `units` holds one Unit per parsed text unit.
        """
        _, paras, mentions, gated = self.prepare(article)
        docs = self.parse_texts([p.text for p, g in zip(paras, gated, strict=True) if g])
        parsed = [(p.start, next(docs)) for p, g in zip(paras, gated, strict=True) if g]
        table = extract_people(parsed, mentions, known=self.known)
        units = [build_unit(offset, doc, mentions, table) for offset, doc in parsed]
        return paras, gated, mentions, table, units

    def units(self, mentions: list[Mention], parsed: list[tuple[int, Doc]]) -> tuple[PersonTable, list[Unit]]:
        """The people table and the coder's units of an article's parsed paragraphs."""
        table = extract_people(parsed, mentions, known=self.known)
        return table, [build_unit(offset, doc, mentions, table) for offset, doc in parsed]

    def extract_parsed(
        self, article: Article, mentions: list[Mention], parsed: list[tuple[int, Doc]], *, n_units: int
    ) -> Extraction:
        table, units = self.units(mentions, parsed)
        if self.model is None:
            events = self.coder.code(units)
        else:
            verdicts: dict[int, list[Event]] = {}
            rules = self.coder.code(units, verdicts)
            events = decide(self.model, units, verdicts, rules, mentions)
        arms = extract_arms(article, units, mentions, table, events)
        events, arms = link_arms_events(events, arms, units)
        events = date_events(article.published, units, events, article.text)
        quotes = extract_quotes(article, units, mentions, table, events)
        stance = date_events(article.published, units, stance_events(units, quotes, events), article.text)
        events = (events if self.model is None else recheck_added(events, stance)) + stance
        labels = extract_labels(article, units, mentions, table, events)
        people = reportable(table)
        codes = taking_part(mentions, events, people, settings=settings_only(units, mentions))
        codes |= acting_adjectives(units, mentions)
        return Extraction(
            article=article,
            actors=tuple(sorted(codes)),
            mentions=tuple(mentions),
            people=tuple(people),
            events=tuple(events),
            arms=tuple(arms),
            quotes=tuple(quotes),
            labels=tuple(labels),
            meta={"units": n_units, "parsed_units": len(parsed)},
        )


#: Event status for an arms record's status (SCHEMA.md convention 5).
ARMS_EVENT_STATUS = {"delivered": "reported", "approved": "planned", "planned": "planned",
                     "requested": "planned", "alleged": "claimed", "denied": "denied"}


#: Links that end a deal's clause on the way up from its weapon: a coordinated, embedded or attached predicate
#: states an act of its own ("signed a defence pact and agreed to buy jets": "signed" is not the deal).
CLAUSE_EDGES = frozenset({"conj", "ccomp", "advcl", "parataxis", "relcl", "csubj", "ROOT"})


def deal_clause(units: Sequence[Unit], deal: ArmsTransfer) -> set[int] | None:
    """Article offsets of the words that state `deal` in its sentence: the weapon and every head above it up to
    its clause's predicate ("agreed to send 31 tanks": tanks, send, agreed), None where the weapon is not found.

    Why: SCHEMA convention 3 makes a deal AID alone, but only the deal's own words; a cooperation another
    predicate of the sentence states is its own event (issue 15).
    """
    found = UnitIndex(units).unit(deal.start)
    if found is None:
        return None
    low = found.text.lower()
    local = deal.start - found.offset
    for name in dict.fromkeys(n for n in (deal.written, deal.system) if n):
        at = low.find(name.lower(), local, deal.end - found.offset)
        span = found.doc.char_span(at, at + len(name), alignment_mode="expand") if at >= 0 else None
        if span is None or not len(span):
            continue
        tok: Token = span.root
        out = {found.offset + tok.idx}
        while tok.dep_ not in CLAUSE_EDGES and tok.head.i != tok.i:
            tok = tok.head
            out.add(found.offset + tok.idx)
        return out
    return None


def _states_deal(event: Event, units: Sequence[Unit], clauses: list[set[int] | None], *,
                 unplaced: bool = True) -> bool:
    """Is `event`'s trigger one of its deal's own words? `unplaced` where a clause or the trigger cannot be
    placed (True for the supplier's own pair: the earlier rule, drop)."""
    if not units or any(c is None for c in clauses):
        return unplaced
    found = UnitIndex(units).unit(event.start)
    if found is None:
        return unplaced
    sent = found.doc.char_span(event.start - found.offset, event.end - found.offset, alignment_mode="expand")
    words = [found.offset + t.idx for t in (sent or ()) if t.text == event.trigger]
    if not words:
        return unplaced
    return any(w in c for c in clauses if c is not None for w in words)


def link_arms_events(events: list[Event], arms: Sequence[ArmsTransfer],
                     units: Sequence[Unit] = ()) -> tuple[list[Event], list[ArmsTransfer]]:
    """Keep arms and AID events consistent (SCHEMA.md: every transfer is also an AID event).

    A transfer with no AID event for its pair gets one; a transfer takes who
    claims or denies it from the AID event coded from the same sentence.
    """
    out = list(events)
    aid = {(e.source, e.target): e for e in events if e.type == "AID" and not e.negated}
    # SCHEMA convention 3: a deal counts as AID alone, not as AGREE or COOPERATE as well ("pledged tanks to
    # Kyiv"), when the event's trigger is the deal's own word; another predicate's cooperation stays (issue 15)
    deals: dict[tuple[str, str, int], list[ArmsTransfer]] = {}
    for a in arms:
        deals.setdefault((a.supplier, a.recipient, a.start), []).append(a)

    def on_deal_words(e: Event, key: tuple[str, str, int], unplaced: bool) -> bool:
        return (e.type in ("AGREE", "COOPERATE") and key in deals
                and _states_deal(e, units, [deal_clause(units, a) for a in deals[key]], unplaced=unplaced))

    # the buyer's side of the same words ("Egypt agreed to buy Rafales from France") is no AGREE either: the
    # deal is the supplier's AID, the buyer's asking a REQUEST (convention 3); only where the words are placed
    out = [e for e in out if not on_deal_words(e, (e.source, e.target, e.start), True)
           and not on_deal_words(e, (e.target, e.source, e.start), False)]
    linked: list[ArmsTransfer] = []
    for a in arms:
        ev = aid.get((a.supplier, a.recipient))
        if ev is None and a.supplier != a.recipient:
            ev = Event(source=a.supplier, target=a.recipient, type="AID", negated=False,
                       status=ARMS_EVENT_STATUS.get(a.status, "reported"), evidence=a.evidence,
                       start=a.start, end=a.end, trigger=a.system, rule="arms",
                       attributed_to=a.attributed_to if a.status in ("alleged", "denied") else None)
            aid[(a.supplier, a.recipient)] = ev
            out.append(ev)
        elif ev is not None and ev.start == a.start and a.attributed_to is None:
            a = replace(a, attributed_to=ev.attributed_to, disputed_by=a.disputed_by or ev.disputed_by,
                        dispute_evidence=a.dispute_evidence or ev.dispute_evidence)
        if a.disputed_by is not None and a.status not in ("alleged", "denied"):
            # SCHEMA convention 5: a transfer one party asserts and another denies is alleged
            a = replace(a, status="alleged")
        linked.append(a)
    return out, linked


#: Between a plural demonym and the place its people live in: " in southern ", " of ", " from ", " living in ",
#: " in the north of ".
RESIDENT_GAP = re.compile(r"\s+(?:living\s+|who\s+live\s+)?(?:in|of|from)\s+(?:the\s+)?"
                          r"(?P<region>(?:north|south|east|west)(?:ern)?\s+(?:of\s+)?"
                          r"|(?:north|south)-?(?:east|west)(?:ern)?\s+|central\s+)?")


#: Between a national adjective and the place its people act in: " gunmen in ", " protesters in northern ".
COMMUNITY_GAP = re.compile(r"\s+(?:[a-z]+\s+)?(?P<head>[a-z]+)\s+(?:living\s+)?in\s+(?:the\s+)?"
                           r"(?:(?:north|south|east|west)(?:ern)?\s+|(?:north|south)-?(?:east|west)(?:ern)?\s+"
                           r"|central\s+)?")
def _community_head(word: str) -> bool:
    """Is `word` (as written, usually plural) a community that acts where it lives ("gunmen", "protesters",
    "minorities": data/setting_heads.csv, shared with the event coder), not a state's agents or people abroad?"""
    forms = {word, word[:-1]} if word.endswith("s") else {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    if word.endswith("men"):
        forms.add(word[:-3] + "man")
    return bool(forms & load_words("setting_heads.csv"))


def resident_groups(found: list[Mention], text: str, offset: int) -> list[Mention]:
    """Code "Kosovo's Albanians" / "Kosovo Serbs" to the place they live in (SCHEMA.md actor rule).

    A plural demonym right after a state or capital mention names a community
    of that place, not the state the demonym comes from.
    """
    out = list(found)
    for i in range(1, len(out)):
        prev, cur = out[i - 1], out[i]
        gap = text[prev.end - offset : cur.start - offset]
        if (
            cur.kind == "adjective" and cur.text.endswith("s") and prev.kind in ("state", "capital")
            and gap.strip() in ("", "'s", "’s") and len(gap) <= 3 and prev.code != cur.code
        ):
            out[i] = Mention(cur.start, cur.end, cur.text, prev.code, "group", cur.role)
    for i in range(len(out) - 1):
        cur, nxt = out[i], out[i + 1]
        # "Serb gunmen in Kosovo", "ethnic Armenian protesters in Georgia": a community acting where it lives
        if cur.kind == "adjective" and nxt.kind == "state" and cur.code != nxt.code:
            community = COMMUNITY_GAP.fullmatch(text[cur.end - offset : nxt.start - offset])
            if community is not None and _community_head(community.group("head")):
                out[i] = Mention(cur.start, cur.end, cur.text, nxt.code, "group", cur.role)
                continue
        # "ethnic Albanians in southern Serbia", "the Serbs of Kosovo": a community of the place named
        # ("Americans in Israel" are citizens abroad: without "ethnic", only "of", "from", "living in" or a
        # part of the place, "Serbs in northern Kosovo", count)
        between = RESIDENT_GAP.fullmatch(text[cur.end - offset : nxt.start - offset])
        ethnic = text[max(0, cur.start - offset - 7) : cur.start - offset].lower() == "ethnic "
        if (cur.kind == "adjective" and cur.text.endswith("s") and nxt.kind == "state" and cur.code != nxt.code
                and between and (ethnic or between.group("region") or not between.group(0).strip().startswith("in"))):
            out[i] = Mention(cur.start, cur.end, cur.text, nxt.code, "group", cur.role)
    return out


#: Prepositions that make their object the setting of an act ("courses in Turkey", "through Chad").
LOCATIVE_PREPS = frozenset({"in", "inside", "within", "through", "throughout", "across", "near", "around"})


#: Prepositions that make an occasion the time or place of an act ("during the G20 summit").
OCCASION_PREPS = frozenset({"during", "at", "ahead", "before", "after", "since", "on"})
#: The kinds of data/setting_words.csv: occasions and their frames, nouns and verbs of war.
SETTING_WORD_KINDS = ("occasion", "occasion_frame", "war_noun", "war_verb")


@lru_cache(maxsize=1)
def setting_words() -> dict[str, str]:
    """data/setting_words.csv: lemma -> occasion, occasion_frame, war_noun or war_verb."""
    return read_lemma_kinds(data_path("setting_words.csv"), "use", SETTING_WORD_KINDS)


def _occasion(tok: Token) -> bool:
    """Is `tok` an occasion that only says when or where an act happened ("during the G20 summit")?"""
    if setting_words().get(tok.lemma_.lower()) != "occasion" or tok.dep_ != "pobj":
        return False
    prep = tok.head
    if prep.lower_ == "of":
        return "occasion_frame" in (setting_words().get(prep.head.lemma_.lower()), setting_words().get(prep.head.lower_))
    return prep.lower_ in OCCASION_PREPS


def _is_setting(tok: Token) -> bool:
    """Is this mention only where or when something happens: "in Mali, Libya and Syria", "with Iraq in chaos",
    "in Geneva, Switzerland", "during the G20 summit"?"""
    for _ in range(6):
        if tok.dep_ == "conj" or (tok.dep_ == "pobj" and tok.head.lower_ == "of"):
            tok = tok.head if tok.dep_ == "conj" else tok.head.head
            continue
        if tok.dep_ == "appos":  # "in Damascus, Syria": an appositive plays its head's part
            tok = tok.head
            continue
        if tok.dep_ in ("compound", "poss") and _occasion(tok.head):  # "NATO's 75th anniversary summit"
            return True
        if tok.dep_ == "compound":
            tok = tok.head
            continue
        break
    if tok.dep_ in ("nsubj", "nsubjpass"):  # an absolute clause: "With Iraq in chaos, ..." sets the scene
        return any(c.dep_ == "mark" and c.lower_ == "with" for c in tok.head.children)
    if tok.dep_ != "pobj" or tok.head.lower_ not in LOCATIVE_PREPS:
        return False
    return not _war_place(tok.head)


def _war_place(prep: Token) -> bool:
    """Is this "in" the place of a war, whose victim it names ("Russia's aggression in Ukraine", "fighting
    alongside Russian troops in Ukraine")? The word before it or a head up to the clause's verb says so;
    an "attack on its consulate in Syria" does not: one strike's site is not a party."""
    if prep.i > 0 and setting_words().get(prep.doc[prep.i - 1].lemma_.lower()) == "war_noun":
        return True
    tok = prep.head
    for _ in range(4):
        if setting_words().get(tok.lemma_.lower()) in ("war_noun", "war_verb"):
            return True
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            return False
        tok = tok.head
    return False


#: "in Damascus, " / "in New York, " before a country: the place of the city named.
CITY_BEFORE = re.compile(r"\b(?:in|at|near|from)\s+(?:[A-Z][\w.'\u2019-]*\s+){0,3}[A-Z][\w.'\u2019-]*,\s+$")
#: What may follow the country of "in Damascus, Syria": the end of the phrase.
CITY_AFTER = re.compile(r"\s*(?:[,.;:)\u2014\u2013]|$|\s+(?:on|in|at|last|this|earlier|during|which|where|when|"
                        r"after|before|amid|while|as)\b)")


def _city_country(m: Mention, text: str, offset: int) -> bool:
    """Is this state named only as the country of a city where something happened ("in New York, United
    States, on Friday")? Read from the text, because parsers often hang the country on the wrong noun."""
    if m.kind != "state" or not text:
        return False
    start, end = m.start - offset, m.end - offset
    return CITY_BEFORE.search(text[max(0, start - 60) : start]) is not None and CITY_AFTER.match(text, end) is not None


def settings_only(units: Sequence[Unit], mentions: Sequence[Mention]) -> set[str]:
    """Codes whose every mention is the setting of an act, never a participant in it."""
    setting: set[str] = set()
    other: set[str] = set()
    index = UnitIndex(units)
    for m in mentions:
        if m.kind == "adjective":
            continue
        unit = index.unit(m.start)
        span = unit.doc.char_span(m.start - unit.offset, m.end - unit.offset, alignment_mode="expand") if unit else None
        if (span is not None and _is_setting(span.root)) or _city_country(m, unit.text if unit else "",
                                                                          unit.offset if unit else 0):
            setting.add(m.code)
        else:
            other.add(m.code)
    return setting - other


def _agent_head(tok: Token) -> Token | None:
    """The noun an adjective mention describes ("Kenyan" in "the Kenyan riot police" -> police)."""
    for _ in range(3):
        if tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head  # "Georgian and Armenian diplomats": Armenian -> Georgian -> diplomats
    if tok.dep_ not in ("amod", "compound", "nmod") or tok.head is tok:
        return None
    head = tok.head
    for _ in range(3):
        if head.dep_ == "compound" and head.head is not head:
            head = head.head  # "Kenyan riot police": riot -> police
        else:
            break
    return head if head.pos_ in ("NOUN", "PROPN") else None


def acting_adjectives(units: Sequence[Unit], mentions: Sequence[Mention]) -> set[str]:
    """Codes met only as an adjective that still name an actor: a state's agents ("Moroccan authorities").

    SCHEMA.md: a ministry, army or official is coded as the state it acts for, while
    "Syrian refugees" or "an Italian journalist" only say where someone comes from.
    """
    out: set[str] = set()
    index = UnitIndex(units)
    for m in mentions:
        if m.kind != "adjective" or m.code in out:
            continue
        unit = index.unit(m.start)
        if unit is None:
            continue
        span = unit.doc.char_span(m.start - unit.offset, m.end - unit.offset, alignment_mode="expand")
        if span is None or (span.start > 0 and unit.doc[span.start - 1].lower_ == "ethnic"):
            continue  # "ethnic Albanian mayors" names an ethnicity, not Albania's agents
        head = _agent_head(span.root)
        if head is not None and head.lemma_.lower() in load_words("agent_heads.csv"):
            out.add(m.code)
    return out


def taking_part(mentions: Sequence[Mention], events: Sequence[Event], people: Sequence[Person],
                settings: Iterable[str] = ()) -> set[str]:
    """Actor codes of the article: named as a state, capital, body or group, or taking part in a fact.

    A code met only as an adjective or demonym ("Syrian refugees", "an Italian
    journalist") describes origin, not an actor that takes part; nor does one
    met only as the place where something happens ("training courses in Turkey").
    """
    codes = {m.code for m in mentions if m.kind != "adjective"} - set(settings)
    codes |= {c for e in events for c in (e.source, e.target)}
    codes |= {p.actor for p in people if p.actor}
    return codes


def bare_parse(texts: Iterable[str], *, batch_size: int = nlp_mod.DEFAULT_BATCH_SIZE) -> int:
    """Parse whole texts with the full spaCy pipeline; the benchmark's yardstick. Returns tokens."""
    with nlp_mod.one_blas_thread():
        return sum(len(doc) for doc in nlp_mod.load().pipe(texts, batch_size=batch_size))

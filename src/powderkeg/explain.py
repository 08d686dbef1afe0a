"""`powderkeg explain`: why a sentence did (or did not) become an event.

For an analyst who doubts a fact and a developer fixing a wrong one, each
sentence is shown as the coder saw it: the parse, the tokens that name an
actor, and for every trigger word the lexicon entry, the arguments found and
the decision (the events coded, or the reason there are none).

Nothing here codes anything itself. The units come from the real pipeline
(`Pipeline.article_units`), each sentence goes through `Coder.code_sentence`
with a trace and the same article state `Coder.code` carries, and the
article's events come from running the real pipeline on the same article, so
explain never disagrees with `powderkeg extract`.

spaCy loads only when something is explained: `import powderkeg` stays cheap.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from powderkeg.models import Article, Event, Failure, Mention

if TYPE_CHECKING:
    from rich.text import Text
    from spacy.tokens import Span, Token

    from powderkeg.extract.coder_model import CoderModel, ScoredKey
    from powderkeg.extract.events import Decision, Unit
    from powderkeg.extract.people import PersonTable
    from powderkeg.lexicons import Trigger
    from powderkeg.pipeline import Pipeline

#: Said of a sentence in which no word is a trigger.
NO_TRIGGER = "no trigger word from verbs.csv in this sentence"
#: Said of the sentences of a paragraph the pre-parse gate kept from the parser.
SKIPPED = ("no trigger word from verbs.csv, no actor or person, and no quotation mark or date in this paragraph "
           "or sentence, so the pipeline does not parse it and nothing in it can be coded (the parse shown is for "
           "reading only)")

__all__ = [
    "NO_TRIGGER",
    "SKIPPED",
    "ActorMatch",
    "ArgumentToken",
    "ArticleExplanation",
    "CodedEvent",
    "Explanation",
    "PersonFound",
    "SentenceExplanation",
    "TokenInfo",
    "TriggerDecision",
    "TriggerEntry",
    "explain_articles",
    "explain_file",
    "explain_text",
    "render",
    "render_text",
]


# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class TokenInfo:
    """One token of the parse: `i text lemma POS dep head`, and the actor it names, if any."""

    i: int
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int
    head_text: str
    actor: str | None = None


@dataclass(frozen=True)
class ActorMatch:
    """A span of the sentence that names an actor: a gazetteer mention or a person's name."""

    text: str
    start: int  # char offsets in the article text
    end: int
    code: str
    kind: str  # the gazetteer kind (state, capital, body, adjective, group, ...) or "person"
    role: str | None = None  # a body's role ("foreign ministry"), or the person's office
    person: str | None = None  # the person's full name, for kind "person"


@dataclass(frozen=True)
class PersonFound:
    """A person found in the article and the actor they act for."""

    name: str
    actor: str | None
    role: str | None


@dataclass(frozen=True)
class TriggerEntry:
    """The verbs.csv row a trigger word matched."""

    lemma: str
    pos: str
    type: str
    objects: tuple[str, ...] = ()  # required object (verb) or modifier (noun) lemmas
    target_preps: tuple[str, ...] = ()
    negated_type: str | None = None


@dataclass(frozen=True)
class ArgumentToken:
    """A token the coder took as an argument, and the actor it resolved to (None: no actor)."""

    i: int
    text: str
    code: str | None = None


@dataclass(frozen=True)
class CodedEvent:
    """An event a trigger coded; `in_article` is False when the article keeps an earlier coding instead."""

    event: Event
    in_article: bool


@dataclass(frozen=True)
class TriggerDecision:
    """What one trigger word did with one lexicon entry."""

    word: str
    i: int
    entry: TriggerEntry
    rule: str
    source: ArgumentToken | None = None  # the agent token
    sources: tuple[ArgumentToken, ...] = ()  # the actors it names (one per conjunct)
    target_candidates: tuple[ArgumentToken, ...] = ()  # objects / target prepositions, in order
    targets: tuple[ArgumentToken, ...] = ()  # the actors the first resolving candidate names
    events: tuple[CodedEvent, ...] = ()
    reason: str = ""  # why no event, when `events` is empty


@dataclass(frozen=True)
class ModelScore:
    """The learned coder's verdict on one candidate pair of a sentence (extract/coder_model.py).

    The model decides article-level keys (source, target, type), pooling every sentence that
    names the pair: this is the pair's best-scored key, shown at each sentence naming the pair.
    """

    source: str
    target: str
    best_type: str  # the pair's most likely event type in the article ("none": no type is plausible)
    p_best: float  # P(the pair's key with that type is an event of the article)
    p_none: float  # 1 - p_best
    status: str  # the status model's verdict on this sentence
    coded: bool  # the hybrid codes that key (a rules event kept, or one the model adds)
    rules: tuple[str, ...] = ()  # the types the rules coded for this pair here


@dataclass(frozen=True)
class SentenceExplanation:
    """One sentence: its parse, actors, trigger decisions, or why nothing could fire."""

    index: int  # 1-based, across the article
    text: str
    start: int  # char offsets in the article text
    end: int
    parsed: bool  # False: the pre-parse gate skipped its paragraph (the tokens are for display only)
    tokens: tuple[TokenInfo, ...] = ()
    actors: tuple[ActorMatch, ...] = ()
    decisions: tuple[TriggerDecision, ...] = ()
    #: In a sentence with no trigger: words in verbs.csv under another part of speech ("attack" as a noun).
    near_misses: tuple[str, ...] = ()
    note: str = ""  # NO_TRIGGER or SKIPPED when there are no decisions
    #: The learned coder's score per candidate pair (empty when no model is shipped).
    model: tuple[ModelScore, ...] = ()

    @property
    def events(self) -> list[Event]:
        """The events this sentence's triggers coded (before the article-level merge)."""
        return [c.event for d in self.decisions for c in d.events]


@dataclass(frozen=True)
class ArticleExplanation:
    """One article: the people found, every sentence explained, and its final events."""

    article_id: str
    title: str | None
    source_path: str | None
    people: tuple[PersonFound, ...]
    sentences: tuple[SentenceExplanation, ...]
    #: The article's events exactly as `powderkeg extract` gives them (merged, arms-linked).
    events: tuple[Event, ...]

    def sentence_of(self, event: Event) -> SentenceExplanation | None:
        """The sentence an event's evidence starts in."""
        return next((s for s in self.sentences if s.start <= event.start < s.end), None)


@dataclass(frozen=True)
class Explanation:
    """Every article explained, and the inputs that could not be read."""

    articles: tuple[ArticleExplanation, ...] = ()
    failures: tuple[Failure, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data (what `powderkeg explain --format json` prints)."""
        data = dataclasses.asdict(self)
        for art, raw in zip(self.articles, data["articles"], strict=True):
            for sent, raw_sent in zip(art.sentences, raw["sentences"], strict=True):
                raw_sent["events"] = [dataclasses.asdict(e) for e in sent.events]
        return data


# --------------------------------------------------------------------------- building


def explain_text(text: str, *, actors: str | Path | None = None) -> Explanation:
    """Explain a sentence or a whole text, taken as one article (as `powderkeg.extract` takes a string)."""
    return explain_articles([text], actors=actors)


def explain_file(path: str | Path, *, actors: str | Path | None = None,
                 max_bytes: int | None = None) -> Explanation:
    """Explain every article of one input file, read as `ingest` reads it (any supported format)."""
    from powderkeg.readers import DEFAULT_MAX_BYTES, read_file

    items = list(read_file(Path(path), max_bytes=max_bytes or DEFAULT_MAX_BYTES))
    explained = explain_articles([a for a in items if isinstance(a, Article)], actors=actors)
    return Explanation(explained.articles, tuple(f for f in items if isinstance(f, Failure)))


def explain_articles(articles: Iterable[Article | str], *, actors: str | Path | None = None) -> Explanation:
    """Explain each article (plain strings are article texts)."""
    from powderkeg.api import get_pipeline
    from powderkeg.readers import article_id

    out = []
    for item in articles:
        article = item if isinstance(item, Article) else Article(id=article_id(item), text=item, fmt="text")
        out.append(_explain_article(get_pipeline(actors), article))
    return Explanation(tuple(out))


def _explain_article(pipeline: Pipeline, article: Article) -> ArticleExplanation:
    from powderkeg.extract.events import ArticleState

    paras, gated, mentions, table, units = pipeline.article_units(article)
    final = next(iter(pipeline.run([article]))).events
    kept = {(e.source, e.target, e.type, e.negated, e.start) for e in final}
    from powderkeg.extract.coder_model import score_keys, shipped_model

    coder = pipeline.coder
    model = pipeline.model or shipped_model()
    best: dict[tuple[str, str], ScoredKey] = {}
    if model is not None:
        verdicts: dict[int, list[Event]] = {}
        rules = coder.code(units, verdicts)
        for sk in score_keys(model, units, verdicts, rules, mentions):
            pair = (sk.pair.source, sk.pair.target)
            if pair not in best or sk.p > best[pair].p:
                best[pair] = sk
    state = ArticleState()
    parsed = iter(units)
    sentences: list[SentenceExplanation] = []
    for para, was_gated in zip(paras, gated, strict=True):
        if not was_gated:
            # the pipeline never parses this paragraph; parse it here only to show its words
            doc = pipeline.nlp(para.text)
            for sent in doc.sents:
                start = para.start + sent.start_char
                sentences.append(SentenceExplanation(
                    index=len(sentences) + 1, text=sent.text, start=start, end=start + len(sent.text),
                    parsed=False, tokens=tuple(_token(t, {}) for t in sent), note=SKIPPED))
            continue
        unit = next(parsed)
        for sent in unit.doc.sents:
            # the same calls, in the same order and with the same state, as Coder.code
            trace: list[Decision] = []
            coder.code_sentence(sent, unit, state, trace=trace)
            coder.update_state(sent, unit, state)
            decisions = tuple(_decision(d, kept) for d in trace)
            scores = _model_scores(model, sent, unit, [e for d in trace for e in d.events], best)
            start = unit.offset + sent.start_char
            sentences.append(SentenceExplanation(
                index=len(sentences) + 1, text=sent.text, start=start, end=start + len(sent.text), parsed=True,
                tokens=tuple(_token(t, unit.tok_actor) for t in sent),
                actors=_actor_matches(sent, unit, mentions, table),
                decisions=decisions,
                near_misses=() if decisions else _near_misses(sent, coder.triggers),
                note="" if decisions else NO_TRIGGER,
                model=scores,
            ))
    return ArticleExplanation(
        article_id=article.id, title=article.title, source_path=article.source_path,
        people=tuple(PersonFound(p.name, p.actor, p.role) for p in table.people),
        sentences=tuple(sentences), events=tuple(final),
    )


def _model_scores(model: CoderModel | None, sent: Span, unit: Unit, rule_events: list[Event],
                  best: dict[tuple[str, str], ScoredKey]) -> tuple[ModelScore, ...]:
    """The learned coder's verdict on each candidate pair of the sentence (the rules' events are its features)."""
    from powderkeg.extract.candidates import sentence_candidates
    from powderkeg.extract.features import hashed

    if model is None:
        return ()
    out = []
    for c in sentence_candidates(sent, unit, rule_events):
        sk = best.get((c.source, c.target))
        sp = model.status.probabilities(hashed(c.features))
        status = model.status.classes[max(range(len(sp)), key=lambda j: sp[j])]
        p = round(sk.p, 3) if sk is not None else 0.0
        out.append(ModelScore(c.source, c.target, sk.type if sk is not None else "none", p, round(1.0 - p, 3),
                              status, sk is not None and sk.coded, tuple(e.type for e in c.rule_events)))
    return tuple(out)


def _token(tok: Token, tok_actor: dict[int, str]) -> TokenInfo:
    sent_start = tok.sent.start
    return TokenInfo(i=tok.i - sent_start, text=tok.text, lemma=tok.lemma_, pos=tok.pos_, tag=tok.tag_,
                     dep=tok.dep_, head=tok.head.i - sent_start, head_text=tok.head.text,
                     actor=tok_actor.get(tok.i))


def _arg(tok: Token, code: str | None = None) -> ArgumentToken:
    return ArgumentToken(i=tok.i - tok.sent.start, text=tok.text, code=code)


def _entry(trig: Trigger) -> TriggerEntry:
    return TriggerEntry(lemma=trig.lemma, pos=trig.pos, type=trig.type, objects=tuple(sorted(trig.objects)),
                        target_preps=tuple(sorted(trig.target_preps)), negated_type=trig.negated_type)


def _decision(d: Decision, kept: set[tuple[str, str, str, bool, int]]) -> TriggerDecision:
    source_code = d.sources[0][0] if d.sources and d.sources[0][1] == d.source_token else None
    return TriggerDecision(
        word=d.token.text, i=d.token.i - d.token.sent.start, entry=_entry(d.trigger), rule=d.rule,
        source=_arg(d.source_token, source_code) if d.source_token is not None else None,
        sources=tuple(_arg(t, c) for c, t in d.sources),
        target_candidates=tuple(_arg(t) for t in d.target_tokens),
        targets=tuple(_arg(t, c) for c, t in d.targets),
        events=tuple(CodedEvent(e, (e.source, e.target, e.type, e.negated, e.start) in kept) for e in d.events),
        reason=d.reason,
    )


def _actor_matches(sent: Span, unit: Unit, mentions: Sequence[Mention], table: PersonTable) -> tuple[ActorMatch, ...]:
    """Gazetteer mentions inside the sentence, then runs of tokens that name a person."""
    lo, hi = unit.offset + sent.start_char, unit.offset + sent.end_char
    found = [ActorMatch(m.text, m.start, m.end, m.code, m.kind, m.role) for m in mentions if lo <= m.start < hi]
    run: list[Token] = []
    runs: list[list[Token]] = []
    for tok in sent:
        if tok.i in unit.person_tokens and (not run or (run[-1].i == tok.i - 1
                                                          and unit.tok_actor.get(run[-1].i) == unit.tok_actor.get(tok.i))):
            run.append(tok)
            continue
        if run:
            runs.append(run)
        run = [tok] if tok.i in unit.person_tokens else []
    if run:
        runs.append(run)
    for toks in runs:
        span = sent.doc[toks[0].i : toks[-1].i + 1]
        person = table.find(span.text)
        start = unit.offset + span.start_char
        found.append(ActorMatch(span.text, start, start + len(span.text), unit.tok_actor.get(toks[0].i, "?"),
                                "person", person.role if person else None, person.name if person else None))
    return tuple(sorted(found, key=lambda m: m.start))


def _near_misses(sent: Span, triggers: dict[tuple[str, str], list[Trigger]]) -> tuple[str, ...]:
    """Verbs and nouns that are in verbs.csv, but only as the other part of speech ("attack" as a noun).

    A capitalised noun the tagger took for a proper noun ("Dialogue") counts as a noun.
    Often a different sense (the noun "side"), sometimes a tagging slip worth a look.
    """
    out: list[str] = []
    for tok in sent:
        if not tok.is_alpha:
            continue
        keys = {tok.lemma_.lower(), tok.lower_}
        listed = [pos for pos in ("VERB", "NOUN") if any((k, pos) in triggers for k in keys)]
        if (tok.pos_ in ("VERB", "NOUN") and listed and tok.pos_ not in listed) or (
                tok.pos_ == "PROPN" and "NOUN" in listed):
            out.append(f"'{tok.text}' is in verbs.csv as {'/'.join(listed)}, but was parsed as {tok.pos_}")
    return tuple(out)


# --------------------------------------------------------------------------- rendering


def render_text(explanation: Explanation) -> str:
    """The explanation as plain text (what `powderkeg explain` prints, without colour)."""
    return render(explanation).plain


def render(explanation: Explanation) -> Text:
    """The explanation as rich Text, styled for a terminal (unreadable inputs are left to the caller)."""
    from rich.text import Text

    text = Text()
    for n, art in enumerate(explanation.articles):
        if n:
            text.append("\n")
        _render_article(text, art)
    if not explanation.articles:
        text.append("nothing to explain\n", style="dim")
    return text


def _event_line(ev: Event) -> str:
    line = f"{ev.source} → {ev.target} {'not ' if ev.negated else ''}{ev.type} {ev.status}"
    if ev.attributed_to:
        line += f" ({'claimed' if ev.status == 'claimed' else ev.status} by {ev.attributed_to})"
    if ev.disputed_by:
        line += f" (disputed by {ev.disputed_by})"
    return line


def _arg_text(arg: ArgumentToken) -> str:
    return f"'{arg.text}' [{arg.i}] → {arg.code or 'no actor'}"


def _render_article(text: Text, art: ArticleExplanation) -> None:
    head = f"article {art.article_id[:16]}"
    for extra in (art.title, art.source_path):
        if extra:
            head += f" · {extra}"
    text.append(head + "\n", style="bold")
    if art.people:
        text.append("people found: ")
        text.append("; ".join(f"{p.name} → {p.actor or 'no actor'}" + (f" ({p.role})" if p.role else "")
                              for p in art.people) + "\n")
    for sent in art.sentences:
        text.append("\n")
        _render_sentence(text, sent)
    text.append("\n")
    text.append(f"article events ({len(art.events)}, as `powderkeg extract` gives them):\n", style="bold")
    if not art.events:
        text.append("  none\n", style="dim")
    for k, ev in enumerate(art.events, 1):
        sent_of = art.sentence_of(ev)
        text.append(f"  {k}. ")
        text.append(_event_line(ev), style="bold cyan")
        where = f"sentence {sent_of.index}" if sent_of else "?"
        text.append(f"  [{where}, trigger '{ev.trigger}', rule {ev.rule}]\n", style="dim")


def _render_sentence(text: Text, sent: SentenceExplanation) -> None:
    text.append(f"[{sent.index}] ", style="bold")
    text.append(sent.text + "\n", style="bold")
    if sent.tokens:
        text.append("  parse (i text lemma POS dep → head, actor):\n", style="dim")
        w_text = max(len(t.text) for t in sent.tokens)
        w_lemma = max(len(t.lemma) for t in sent.tokens)
        w_dep = max(len(t.dep) for t in sent.tokens)
        w_i = len(str(len(sent.tokens)))
        for t in sent.tokens:
            line = (f"    {t.i:>{w_i}} {t.text:<{w_text}} {t.lemma:<{w_lemma}} {t.pos:<5} {t.dep:<{w_dep}}"
                    f" → {t.head:>{w_i}} {t.head_text}")
            text.append(line.rstrip())
            if t.actor:
                text.append(f"  {t.actor}", style="green")
            text.append("\n")
    if sent.parsed:
        text.append("  actors: ", style="dim")
        if sent.actors:
            text.append("; ".join(
                f"'{m.text}' → {m.code} ({m.kind}" + (f": {m.person}" if m.person else "")
                + (f", {m.role}" if m.role else "") + ")" for m in sent.actors) + "\n")
        else:
            text.append("none\n")
    for d in sent.decisions:
        _render_decision(text, d)
    if sent.note:
        text.append(f"  {sent.note}\n", style="yellow")
    for miss in sent.near_misses:
        text.append(f"  hint: {miss}\n", style="dim")
    for m in sent.model:
        text.append("  model: ", style="bold")
        verdict = f"{m.source}→{m.target} {m.best_type} {m.p_best:.2f} in the article"
        text.append(verdict, style="bold cyan" if m.coded else "dim")
        rules = f"; rules: {', '.join(m.rules)}" if m.rules else "; rules: none"
        text.append(f" ({'codes it, ' + m.status if m.coded else 'no event'}{rules})\n", style="dim")


def _render_decision(text: Text, d: TriggerDecision) -> None:
    e = d.entry
    text.append("  trigger ", style="bold")
    text.append(f"'{d.word}' [{d.i}]", style="bold magenta")
    entry = f": verbs.csv {e.lemma},{e.pos} → {e.type}"
    if e.objects:
        entry += f", needs {'object' if e.pos == 'VERB' else 'modifier'} {'|'.join(e.objects)}"
    if e.target_preps:
        entry += f", target preps {'|'.join(e.target_preps)}"
    if e.negated_type:
        entry += f", negated → {e.negated_type}"
    text.append(entry + "\n")
    if d.rule:
        text.append(f"    rule: {d.rule}\n")
    if d.source is not None or d.sources:
        text.append("    source: ")
        shown = list(d.sources) or ([d.source] if d.source is not None else [])
        text.append(", ".join(_arg_text(a) for a in shown) + "\n")
    if d.target_candidates or d.targets:
        text.append("    target candidates: " + (", ".join(f"'{a.text}' [{a.i}]" for a in d.target_candidates)
                                                  or "none") + "\n")
    if d.targets:
        text.append("    targets: " + ", ".join(_arg_text(a) for a in d.targets) + "\n")
    for coded in d.events:
        ev = coded.event
        text.append("    coded: ", style="bold")
        text.append(_event_line(ev), style="bold cyan")
        text.append(f"  (rule {ev.rule})", style="dim")
        if not coded.in_article:
            text.append("  — not an article event: the same fact was kept from elsewhere", style="yellow")
        text.append("\n")
    if not d.events:
        text.append("    no event: ", style="bold red")
        text.append((d.reason or "no reason recorded") + "\n", style="red")

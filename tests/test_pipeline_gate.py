"""The sentence gate (issue 17, "parse less"): which sentences the parser must see, and that skipping
the others changes no fact, on sentences and articles written for these tests and on the demo corpus."""

from __future__ import annotations

from dataclasses import asdict

import pytest

import powderkeg
from powderkeg.explain import SKIPPED, explain_text
from powderkeg.models import Article, Extraction
from powderkeg.pipeline import Paragraph, Pipeline, split_sentences
from powderkeg.readers import article_id, iter_inputs


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="module")
def ungated() -> Pipeline:
    return Pipeline(sentence_gate=False)


def decide(pipeline: Pipeline, sentence: str) -> bool:
    para = Paragraph(0, sentence)
    runs = pipeline.select_sentences(para, pipeline.gazetteer.find(sentence))
    assert len(runs) == 1, runs  # one sentence makes one run
    return runs[0][1]


@pytest.mark.parametrize("sentence", [
    "Turkey shelled Kurdish positions across the border overnight.",          # actors
    "Moscow expelled two diplomats on Tuesday.",                               # a capital
    "The talks collapsed after the delegations walked out.",                   # a trigger ("talks")
    "Officials said the convoy had been turned back at the crossing.",         # a reporting verb
    "“We will answer every provocation with force.”",                          # a quotation
    "It was the heaviest fighting since 2019.",                                # a year (dates what follows)
    "On Friday the ceasefire was broken twice.",                               # a weekday
    "Rebels seized the airport three weeks ago.",                              # "ago", a trigger
    "Zelensky thanked the volunteers in a video address.",                     # a known person
    "The shipment included 40 armoured vehicles.",                             # a number
])
def test_sentences_the_parser_must_see(pipeline: Pipeline, sentence: str) -> None:
    assert decide(pipeline, sentence) is True


@pytest.mark.parametrize("sentence", [
    "Subscribe to our newsletter for the best stories.",
    "Follow us on social media for updates.",
    "Your email address will not be published.",
    "The weather remained mild and the streets were calm.",
    "Click here to read more.",
    "Photographs by staff photographers.",
    "Crowds gathered outside the stadium.",
])
def test_sentences_the_parser_may_skip(pipeline: Pipeline, sentence: str) -> None:
    assert decide(pipeline, sentence) is False


@pytest.mark.parametrize(("text", "sentences"), [
    ("Troops withdrew. Talks resumed.", ["Troops withdrew.", "Talks resumed."]),
    ("Gen. Ali Hassan met U.S. envoys. They left.", ["Gen. Ali Hassan met U.S. envoys.", "They left."]),
    ("The vote is set for Jan. 12 in Kabul. Polls open early.", ["The vote is set for Jan. 12 in Kabul.", "Polls open early."]),
    ("J. R. Smith spoke first. Then the minister replied.", ["J. R. Smith spoke first.", "Then the minister replied."]),
    ("“We are ready,” he said. “Are you?” she asked.", ["“We are ready,” he said.", "“Are you?” she asked."]),
    ("He arrived at 5 p.m. on Monday.", ["He arrived at 5 p.m. on Monday."]),
    ("No stop at the end", ["No stop at the end"]),
])
def test_sentences_are_cut_at_their_ends_only(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences


ARTICLE = (
    "Turkey shelled Kurdish positions in northern Syria on Tuesday, the defence ministry said.\n"
    "Subscribe to our newsletter for the best stories. Follow us on social media for updates. "
    "Ankara accused the militia of attacking a border post. The weather remained mild. "
    "“We will answer every provocation,” Defence Minister Yasar Guler said.\n"
    "Click here to read more."
)


def test_a_sentence_inside_a_quotation_is_parsed(pipeline: Pipeline) -> None:
    text = "“The crossing stays shut. The weather remained mild. We are waiting,” the mayor said."
    runs = pipeline.select_sentences(Paragraph(0, text), pipeline.gazetteer.find(text))
    assert runs == [(Paragraph(0, text), True)]


def test_runs_keep_their_offsets_and_skip_only_what_yields_nothing(pipeline: Pipeline) -> None:
    art = Article(id=article_id(ARTICLE), text=ARTICLE)
    _, units, _, gated = pipeline.prepare(art)
    for unit in units:
        assert ARTICLE[unit.start : unit.start + len(unit.text)] == unit.text
    skipped = [u.text for u, g in zip(units, gated, strict=True) if not g]
    assert skipped == ["Subscribe to our newsletter for the best stories. Follow us on social media for updates.",
                       "The weather remained mild.", "Click here to read more."]


def facts(ex: Extraction) -> dict[str, object]:
    """Everything an extraction stores, without the pipeline's own counters."""
    return {k: v for k, v in asdict(ex).items() if k != "meta"}


def test_the_gate_changes_no_fact_of_an_article_with_skipped_sentences(pipeline: Pipeline, ungated: Pipeline) -> None:
    art = Article(id=article_id(ARTICLE), text=ARTICLE, published="2026-03-10")
    gated_ex, = pipeline.run([art])
    full_ex, = ungated.run([art])
    assert gated_ex.meta["parsed_units"] > 0 and gated_ex.events
    assert facts(gated_ex) == facts(full_ex)


@pytest.mark.slow
def test_the_demo_corpus_yields_the_same_knowledge_with_and_without_the_gate(pipeline: Pipeline,
                                                                               ungated: Pipeline) -> None:
    arts = [a for a in iter_inputs([str(p) for p in powderkeg.demo_corpus()]) if isinstance(a, Article)]
    assert len(arts) == 21
    gated_run = list(pipeline.run(arts))
    full_run = list(ungated.run(arts))
    assert sum(len(e.events) for e in full_run) > 50
    assert [facts(e) for e in gated_run] == [facts(e) for e in full_run]


def test_explain_shows_a_skipped_sentence_unparsed_between_parsed_ones() -> None:
    text = ("Ankara accused the militia of attacking a border post. The weather remained mild. "
            "Turkey shelled the militia's positions.")
    sentences = explain_text(text).articles[0].sentences
    assert [(s.text, s.parsed) for s in sentences] == [
        ("Ankara accused the militia of attacking a border post.", True),
        ("The weather remained mild.", False),
        ("Turkey shelled the militia's positions.", True),
    ]
    assert sentences[1].note == SKIPPED
    assert text[sentences[2].start : sentences[2].end] == sentences[2].text

"""`powderkeg explain`: the parse, actors, trigger decisions and article events of a sentence or a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import powderkeg
from powderkeg.cli import app
from powderkeg.explain import (
    NO_TRIGGER,
    SKIPPED,
    Explanation,
    SentenceExplanation,
    TriggerDecision,
    explain_file,
    explain_text,
    render_text,
)

ACCUSE = "Serbia accused Kosovo of provoking violence in the north."
NO_TARGET = "Serbia condemned the decision."
NO_TRIGGER_SENTENCE = "Serbia and Kosovo are neighbours in the Balkans."
SMALL_TALK = "The weather was mild on Sunday."


def run(runner: CliRunner, *args: str | Path):
    return runner.invoke(app, [str(a) for a in args])


def only_sentence(explanation: Explanation) -> SentenceExplanation:
    assert len(explanation.articles) == 1
    sentences = explanation.articles[0].sentences
    assert len(sentences) == 1, [s.text for s in sentences]
    return sentences[0]


def decision_for(sentence: SentenceExplanation, word: str) -> TriggerDecision:
    found = [d for d in sentence.decisions if d.word == word]
    assert found, f"no decision for {word!r}: {[d.word for d in sentence.decisions]}"
    return found[0]


# -- no model needed ---------------------------------------------------------------------------


def test_help_lists_explain(cli_runner: CliRunner):
    result = run(cli_runner, "--help")
    assert result.exit_code == 0
    assert "explain" in result.stdout


def test_empty_file_is_one_red_line(cli_runner: CliRunner, tmp_path: Path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run(cli_runner, "explain", empty)
    assert result.exit_code == 1
    assert "empty file" in result.stderr
    assert "error:" in result.stderr
    assert "Traceback" not in result.output


def test_exported_from_the_package():
    assert powderkeg.explain_text is explain_text
    assert powderkeg.explain_file is explain_file
    assert powderkeg.Explanation is Explanation


# -- with the model ----------------------------------------------------------------------------


@pytest.mark.slow
def test_accusation_shows_event_rule_parse_and_actors():
    sent = only_sentence(explain_text(ACCUSE))
    assert sent.text == ACCUSE
    assert sent.parsed
    tokens = {t.text: t for t in sent.tokens}
    assert tokens["Serbia"].pos == "PROPN"
    assert tokens["Serbia"].dep == "nsubj"
    assert tokens["Serbia"].head_text == "accused"
    assert tokens["Serbia"].actor == "SRB"
    assert tokens["Kosovo"].actor == "XKX"
    assert {(m.text, m.code) for m in sent.actors} >= {("Serbia", "SRB"), ("Kosovo", "XKX")}

    d = decision_for(sent, "accused")
    assert (d.entry.lemma, d.entry.pos, d.entry.type) == ("accuse", "VERB", "ACCUSE")
    assert d.rule.startswith("verb:accuse")
    assert [a.code for a in d.sources] == ["SRB"]
    assert "XKX" in [a.code for a in d.targets]
    assert d.reason == ""
    coded = [(c.event.source, c.event.target, c.event.type, c.event.negated) for c in d.events]
    assert ("SRB", "XKX", "ACCUSE", False) in coded
    assert all(c.in_article for c in d.events)
    assert sent.note == ""


@pytest.mark.slow
def test_accusation_rendered_as_text():
    text = render_text(explain_text(ACCUSE))
    assert ACCUSE in text
    assert "trigger 'accused'" in text
    assert "verbs.csv accuse,VERB → ACCUSE" in text
    assert "rule: verb:accuse" in text
    assert "coded: SRB → XKX ACCUSE reported" in text
    # one parse line per token: i text lemma POS dep → head
    assert any(line.split()[:6] == ["0", "Serbia", "Serbia", "PROPN", "nsubj", "→"]
               for line in text.splitlines())
    assert "article events (1," in text


@pytest.mark.slow
def test_trigger_without_target_actor_gives_the_reason():
    sent = only_sentence(explain_text(NO_TARGET))
    d = decision_for(sent, "condemned")
    assert d.entry.lemma == "condemn"
    assert [a.code for a in d.sources] == ["SRB"]
    assert [a.text for a in d.target_candidates] == ["decision"]
    assert d.targets == ()
    assert d.events == ()
    assert d.reason
    text = render_text(explain_text(NO_TARGET))
    assert f"no event: {d.reason}" in text
    assert "article events (0," in text


@pytest.mark.slow
def test_sentence_without_trigger_says_so():
    sent = only_sentence(explain_text(NO_TRIGGER_SENTENCE))
    assert sent.parsed  # it names actors, so the pipeline parses it
    assert sent.decisions == ()
    assert sent.note == NO_TRIGGER
    assert {m.code for m in sent.actors} == {"SRB", "XKX"}
    assert "no trigger word from verbs.csv in this sentence" in render_text(explain_text(NO_TRIGGER_SENTENCE))


@pytest.mark.slow
def test_paragraph_the_gate_skips_is_shown_unparsed():
    sent = only_sentence(explain_text(SMALL_TALK))
    assert not sent.parsed
    assert sent.decisions == ()
    assert sent.note == SKIPPED
    assert [t.text for t in sent.tokens][:2] == ["The", "weather"]
    assert "no trigger word from verbs.csv" in render_text(explain_text(SMALL_TALK))


@pytest.mark.slow
def test_named_official_is_matched_as_a_person():
    sent = only_sentence(explain_text("Serbian President Aleksandar Vučić accused Pristina of ethnic cleansing."))
    people = [m for m in sent.actors if m.kind == "person"]
    assert people and people[0].code == "SRB"
    d = decision_for(sent, "accused")
    assert [a.code for a in d.sources] == ["SRB"]
    assert any(c.event.target == "XKX" for c in d.events)


@pytest.mark.slow
def test_pronoun_resolved_from_the_previous_sentence():
    """The article state carries the subject forward exactly as Coder.code does."""
    expl = explain_text(f"{ACCUSE} It also condemned Albania.")
    second = expl.articles[0].sentences[1]
    d = decision_for(second, "condemned")
    assert d.source is not None and d.source.text == "It"
    assert [a.code for a in d.sources] == ["SRB"]
    assert any((c.event.source, c.event.target) == ("SRB", "ALB") for c in d.events)


@pytest.mark.slow
def test_repeated_fact_is_kept_once_in_the_article():
    expl = explain_text("Serbia accused Kosovo of provoking violence. Serbia also accused Kosovo of lying.")
    art = expl.articles[0]
    first, second = (decision_for(s, "accused") for s in art.sentences)
    assert all(c.in_article for c in first.events)
    assert first.events and not any(c.in_article for c in second.events)
    accusations = [e for e in art.events if (e.source, e.target, e.type) == ("SRB", "XKX", "ACCUSE")]
    assert len(accusations) == 1
    assert art.sentence_of(accusations[0]) is art.sentences[0]


@pytest.mark.slow
def test_article_events_are_what_extract_gives():
    text = "\n".join([ACCUSE, NO_TARGET, "Kosovo police arrested two Serbian officials near the border.",
                      SMALL_TALK, "Belgrade and Pristina resumed talks in Brussels on Monday."])
    expl = explain_text(text)
    (extraction,) = list(powderkeg.extract([text]))
    assert expl.articles[0].events == extraction.events
    # every article event is traced back to the sentence and trigger that coded it
    traced = {(c.event.source, c.event.target, c.event.type, c.event.negated, c.event.start)
              for s in expl.articles[0].sentences for c in (x for d in s.decisions for x in d.events)
              if c.in_article}
    assert {(e.source, e.target, e.type, e.negated, e.start) for e in extraction.events if e.rule != "arms"} == traced


@pytest.mark.slow
def test_cli_sentence_text_output(cli_runner: CliRunner):
    result = run(cli_runner, "explain", ACCUSE)
    assert result.exit_code == 0, result.output
    assert "coded: SRB → XKX ACCUSE reported" in result.stdout
    assert "article events (1," in result.stdout


@pytest.mark.slow
def test_cli_json_parses(cli_runner: CliRunner):
    result = run(cli_runner, "explain", "--format", "json", ACCUSE)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    (article,) = data["articles"]
    (sent,) = article["sentences"]
    assert sent["text"] == ACCUSE
    assert {"i", "text", "lemma", "pos", "dep", "head", "actor"} <= set(sent["tokens"][0])
    decision = next(d for d in sent["decisions"] if d["word"] == "accused")
    assert decision["entry"]["type"] == "ACCUSE"
    assert decision["events"][0]["event"]["source"] == "SRB"
    assert {"source": "SRB", "target": "XKX", "type": "ACCUSE"}.items() <= sent["events"][0].items()
    assert [(e["source"], e["target"], e["type"]) for e in article["events"]] == [("SRB", "XKX", "ACCUSE")]


@pytest.mark.slow
def test_cli_file_argument_explains_each_article(cli_runner: CliRunner, tmp_path: Path):
    path = tmp_path / "northern_tensions.txt"
    path.write_text(
        "Belgrade and Pristina trade blame over unrest\n\n"
        f"{ACCUSE}\n\n"
        f"{NO_TRIGGER_SENTENCE}\n\n"
        "Residents of the northern municipalities reported long queues at the crossings "
        "and shops running short of bread.\n",
        encoding="utf-8",
    )
    expl = explain_file(path)
    assert len(expl.articles) == 1 and not expl.failures
    texts = [s.text for s in expl.articles[0].sentences]
    assert ACCUSE in texts and NO_TRIGGER_SENTENCE in texts

    result = run(cli_runner, "explain", path)
    assert result.exit_code == 0, result.output
    assert "northern_tensions.txt" in result.stdout
    assert "coded: SRB → XKX ACCUSE reported" in result.stdout
    assert NO_TRIGGER in result.stdout

    as_json = run(cli_runner, "explain", "-f", "json", path)
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.stdout)["articles"][0]["source_path"] == str(path)


@pytest.mark.slow
def test_missing_path_is_taken_as_text(cli_runner: CliRunner, tmp_path: Path):
    result = run(cli_runner, "explain", tmp_path / "no_such_article.txt")
    assert result.exit_code == 0, result.output
    assert NO_TRIGGER in result.stdout or "no trigger word" in result.stdout


@pytest.mark.slow
def test_cli_extra_actors(cli_runner: CliRunner, tmp_path: Path):
    extra = tmp_path / "extra_actors.csv"
    extra.write_text("code,alias,kind\nNSM,Northern Shepherds Movement,group\n", encoding="utf-8")
    sentence = "The Northern Shepherds Movement accused Kosovo of provoking violence."
    result = run(cli_runner, "explain", "--actors", extra, sentence)
    assert result.exit_code == 0, result.output
    assert "'Northern Shepherds Movement' → NSM (group)" in result.stdout
    assert "coded: NSM → XKX ACCUSE" in result.stdout


def test_folder_argument_is_refused(cli_runner: CliRunner, tmp_path: Path):
    result = run(cli_runner, "explain", tmp_path)
    assert result.exit_code == 1
    assert "is a directory" in result.stderr


@pytest.mark.slow
def test_long_text_is_not_mistaken_for_a_path(cli_runner: CliRunner):
    paragraph = " ".join([ACCUSE] * 2 + ["Officials in both capitals said further meetings were unlikely "
                                         "before the end of the month, and diplomats in the region expected "
                                         "little progress on the outstanding questions of the agreement."])
    assert len(paragraph) > 300
    result = run(cli_runner, "explain", paragraph)
    assert result.exit_code == 0, result.output
    assert "coded: SRB → XKX ACCUSE reported" in result.stdout


@pytest.mark.slow
def test_learned_coder_scores_each_candidate_pair():
    """explain shows the learned coder's verdict per actor pair, with the rules' verdict beside it."""
    from powderkeg.extract.coder_model import shipped_model

    sent = only_sentence(explain_text(ACCUSE))
    scores = {(m.source, m.target): m for m in sent.model}
    assert set(scores) == {("SRB", "XKX"), ("XKX", "SRB")}
    assert scores[("SRB", "XKX")].rules == ("ACCUSE",)
    assert scores[("XKX", "SRB")].rules == ()
    add = shipped_model().add  # type: ignore[union-attr]
    for m in scores.values():
        assert 0.0 <= m.p_none <= 1.0 and 0.0 <= m.p_best <= 1.0
        assert m.p_none == pytest.approx(1.0 - m.p_best, abs=1e-3)
        # the hybrid keeps the rules' events and adds a key the rules missed when P(event) >= add
        assert m.coded == (m.best_type in m.rules or m.p_best >= add)
    out = render_text(explain_text(ACCUSE))
    assert "model: SRB→XKX" in out and "model: XKX→SRB" in out
    assert "rules: ACCUSE" in out
    raw = explain_text(ACCUSE).to_dict()["articles"][0]["sentences"][0]["model"]
    assert {(m["source"], m["target"]) for m in raw} == set(scores)


#: Two sides of one place (issue 15, section 3.1), written for this test.
SAME_PLACE = "Sudan's army and the paramilitary Rapid Support Forces clashed again in Omdurman on Monday."


def test_event_between_two_sides_of_one_place_is_shown():
    """A same-code event is explained like any other: its two sides, its rule, and the article event."""
    explanation = explain_text(SAME_PLACE)
    d = decision_for(only_sentence(explanation), "clashed")
    assert d.rule.endswith("+home")
    assert [a.code for a in d.sources] == ["SDN"] and [a.code for a in d.targets] == ["SDN"]
    assert {a.text for a in (*d.sources, *d.targets)} == {"army", "Forces"}
    assert ("SDN", "SDN", "ASSAULT") in {(e.source, e.target, e.type) for e in explanation.articles[0].events}
    out = render_text(explanation)
    assert "SDN → SDN ASSAULT" in out

"""The model load (powderkeg/nlp.py): numpy's BLAS on one thread instead of spaCy's BLIS, chosen for speed
(docs/performance.md "Throughput"), must parse exactly as plain spaCy does and change no extracted fact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any, cast

import numpy as np
import pytest
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from threadpoolctl import threadpool_info

import powderkeg
from powderkeg import nlp
from powderkeg.errors import ModelError
from powderkeg.models import Article
from powderkeg.readers import iter_inputs


@pytest.mark.parametrize(("env", "choice"), [
    (None, "numpy"),
    ("", "numpy"),
    ("numpy", "numpy"),
    ("NumPy", "numpy"),
    ("blis", "blis"),
    (" BLIS ", "blis"),
])
def test_the_blas_is_numpy_unless_asked_for_blis(monkeypatch: pytest.MonkeyPatch, env: str | None,
                                                 choice: str) -> None:
    if env is None:
        monkeypatch.delenv("POWDERKEG_BLAS", raising=False)
    else:
        monkeypatch.setenv("POWDERKEG_BLAS", env)
    assert nlp.blas() == choice


@pytest.mark.parametrize("env", ["openblas", "mkl", "cuda"])
def test_an_unknown_blas_names_the_variable_and_the_choices(monkeypatch: pytest.MonkeyPatch, env: str) -> None:
    monkeypatch.setenv("POWDERKEG_BLAS", env)
    with pytest.raises(ModelError, match=r"POWDERKEG_BLAS=.*numpy or blis"):
        nlp.blas()


def _blas_threads() -> list[int]:
    return [int(lib["num_threads"]) for lib in threadpool_info() if lib["user_api"] == "blas"]


def test_parsing_holds_numpys_blas_to_one_thread_and_gives_the_threads_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POWDERKEG_BLAS", raising=False)
    before = _blas_threads()
    assert before, "numpy should have loaded a BLAS"
    with nlp.one_blas_thread():
        assert _blas_threads() == [1] * len(before)
    assert _blas_threads() == before


#: Sentences of the kinds the stages read: actors, people, dates, numbers, quotes, weapons, money.
SENTENCES = [
    "Turkey shelled Kurdish positions in northern Syria on Tuesday, the defence ministry in Ankara said.",
    "“We will not negotiate under fire,” Foreign Minister Sergei Lavrov told reporters in Moscow on 3 March.",
    "Germany approved the delivery of 14 Leopard 2 tanks and $2.5 billion in ammunition to Ukraine.",
    "Protesters in Tbilisi clashed with riot police for a third night after parliament passed the bill.",
    "The United Nations Security Council failed to agree on a resolution, with China and Russia abstaining.",
    "Hamas denied that its fighters had fired the rockets, blaming a misfired Israeli interceptor.",
    "Talks between Serbia and Kosovo resumed in Brussels last week under EU mediation.",
    "India and Pakistan exchanged fire along the Line of Control late on Sunday, killing two soldiers.",
    "Iran's navy seized a tanker in the Strait of Hormuz, accusing it of smuggling 2 million litres of fuel.",
    "Subscribe to our newsletter and follow us for updates.",
]


@pytest.mark.slow
def test_the_model_parses_exactly_as_plain_spacy_does(monkeypatch: pytest.MonkeyPatch) -> None:
    import spacy
    from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

    monkeypatch.delenv("POWDERKEG_BLAS", raising=False)
    attrs = [TAG, POS, DEP, HEAD, ENT_IOB, ENT_TYPE, LEMMA, MORPH, SENT_START]
    plain = spacy.load(nlp.MODEL)
    with nlp.one_blas_thread():
        ours = list(nlp.load().pipe(SENTENCES))
    theirs = list(plain.pipe(SENTENCES))
    assert sum(len(d.ents) for d in ours) > 20  # the sentences exercise NER
    for a, b in zip(ours, theirs, strict=True):
        assert np.array_equal(a.to_array(attrs), b.to_array(attrs)), a.text


#: A realistic article set of our own, beside the demo corpus: leads, quotes, an arms deal, boilerplate.
OWN_ARTICLES = [
    {"id": "blas-1", "title": "Ankara strikes north of the border", "published": "2026-02-10",
     "text": "Turkey shelled Kurdish positions in northern Syria on Tuesday, the defence ministry said.\n"
             "“We will answer every attack on our border posts,” Defence Minister Yasar Guler said in Ankara.\n"
             "The Syrian Democratic Forces said two fighters were killed and accused Turkey of targeting villages."},
    {"id": "blas-2", "title": "Berlin clears tanks for Kyiv", "published": "2026-01-25",
     "text": "Germany approved the delivery of 14 Leopard 2 tanks to Ukraine, Chancellor Olaf Scholz said.\n"
             "Russia condemned the decision and warned that the shipments would be legitimate targets.\n"
             "Subscribe to our newsletter for the day's top stories."},
    {"id": "blas-3", "title": "Talks resume in Brussels", "published": "2026-03-02",
     "text": "Serbia and Kosovo resumed talks in Brussels on Monday under EU mediation.\n"
             "Serbian President Aleksandar Vucic accused Pristina of persecuting Serbs in the north, "
             "a charge Kosovo rejected."},
]


def _extract(src: Path, out: Path, blas: str) -> str:
    env = {**os.environ, "POWDERKEG_BLAS": blas}
    proc = subprocess.run([sys.executable, "-m", "powderkeg", "extract", str(src), "-o", str(out)],
                          env=env, capture_output=True, text=True, check=False, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return out.read_text(encoding="utf-8")


@pytest.mark.slow
def test_extractions_are_identical_on_either_blas(tmp_path: Path) -> None:
    demo = [a for a in iter_inputs([str(p) for p in powderkeg.demo_corpus()]) if isinstance(a, Article)]
    records = [{"id": a.id, "title": a.title, "outlet": a.outlet, "published": a.published, "text": a.text}
               for a in demo] + OWN_ARTICLES
    src = tmp_path / "articles.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    on_numpy = _extract(src, tmp_path / "numpy.jsonl", "numpy")
    on_blis = _extract(src, tmp_path / "blis.jsonl", "blis")
    lines = on_numpy.splitlines()
    assert len(lines) == len(records) == 24
    assert sum(len(json.loads(line)["events"]) for line in lines) > 50
    assert on_numpy == on_blis


#: Sentences that reach the ruler's rarer patterns: contractions it re-lemmatises ("ain't", "gonna",
#: "gotta", "let's", "c'mon", "y'all", "nothin'"), existential "there is", auxiliaries, and runs of spaces.
RULER_SENTENCES = [
    "The envoy said there is no deal yet, and there were never going to be talks before the vote.",
    "\"We ain't gonna sign it,\" a rebel commander said, \"and y'all know we gotta hold the bridge.\"",
    "Let's be clear, c'mon: nothin' has changed since Monday, the spokesman told reporters.",
    "Kyiv  said   the strikes\n\nhit two power stations; Moscow  has  not commented.",
    "Has the minister resigned?  He had not, and he does not intend to, his office said.",
    "I'm certain they've been warned, and I'd say they'll be back at the border by Friday.",
    "Rebels and soldiers clashed near the stations, where drones had struck the depots twice.",
]


def _stock_and_table(texts: list[str]) -> tuple[list[Doc], list[Doc]]:
    """The same parses through spaCy's attribute ruler and lemmatizer, and through powderkeg's tables."""
    import spacy

    from powderkeg.attribute_table import AttributeTable, LemmaTable

    plain = spacy.load(nlp.MODEL, exclude=["ner"])
    with plain.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        parsed = list(plain.pipe(texts))
    ruler, lemmatizer = plain.get_pipe("attribute_ruler"), plain.get_pipe("lemmatizer")
    stock = [lemmatizer(ruler(d.copy())) for d in parsed]
    # built after: the lemma table turns its lemmatizer's word lists into sets in place
    table, lemmas = AttributeTable(ruler), LemmaTable(lemmatizer)
    assert table.supported and LemmaTable.supports(lemmatizer)
    ours = [lemmas(table(d.copy())) for d in parsed]
    return stock, ours


@pytest.mark.slow
def test_the_tables_set_what_spacys_ruler_and_lemmatizer_set_on_every_token() -> None:
    from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

    stock, ours = _stock_and_table(RULER_SENTENCES * 2)  # the second pass reads the tables' caches
    attrs = [TAG, POS, MORPH, LEMMA, DEP]
    for a, b in zip(stock, ours, strict=True):
        assert np.array_equal(a.to_array(attrs), b.to_array(attrs)), a.text
        assert [str(t.morph) for t in a] == [str(t.morph) for t in b]
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    lemmas = {t.lower_: t.lemma_ for d in ours for t in d}
    assert lemmas["ai"] == "be" and lemmas["gon"] == "go" and lemmas["y'"] == "you"  # the two-token patterns fired
    assert lemmas["warned"] == "warn" and lemmas["stations"] == "station" and lemmas["clashed"] == "clash"


@pytest.mark.parametrize(("pattern", "supported"), [
    ([{"TAG": "NN", "LOWER": {"IN": ["ceasefire", "truce"]}}], True),
    ([{"LOWER": {"REGEX": "^gov"}}, {"DEP": {"NOT_IN": ["punct"]}}], True),
    ([{"TAG": "NN", "OP": "+"}], False),  # operators make matches of any length
    ([{"ENT_TYPE": "GPE"}], False),  # an attribute the table does not read
    ([{"LOWER": {"FUZZY": "treaty"}}], False),  # a predicate it does not know
])
def test_the_table_takes_only_patterns_it_reproduces(pattern: list[dict[int | str, Any]], supported: bool) -> None:
    import spacy

    from powderkeg.attribute_table import AttributeTable

    blank = spacy.blank("en")
    ruler = cast(AttributeRuler, blank.add_pipe("attribute_ruler"))
    ruler.add([pattern], {"POS": "NOUN"})
    assert AttributeTable.supports(ruler) is supported
    assert nlp.use_attribute_table(blank) is supported
    assert type(blank.get_pipe("attribute_ruler")).__name__ == ("AttributeTable" if supported else "AttributeRuler")


def test_later_patterns_win_and_multi_token_patterns_set_their_index() -> None:
    import spacy

    from powderkeg.attribute_table import AttributeTable

    blank = spacy.blank("en")
    ruler = cast(AttributeRuler, blank.add_pipe("attribute_ruler"))
    ruler.add([[{"TAG": "NNP"}]], {"POS": "PROPN", "MORPH": "Number=Sing"})
    ruler.add([[{"LOWER": "security"}, {"LOWER": "council"}]], {"LEMMA": "council", "POS": "NOUN"}, index=-1)
    ruler.add([[{"TAG": "NNP", "LOWER": "council"}]], {"MORPH": "Number=Sing|NounType=Coll"})
    words = ["The", "Security", "Council", "met", "in", "Geneva", "."]
    tags = ["DT", "NNP", "NNP", "VBD", "IN", "NNP", "."]
    stock = ruler(Doc(blank.vocab, words=words, tags=tags))
    ours = AttributeTable(ruler)(Doc(blank.vocab, words=words, tags=tags))
    got = [(t.pos_, str(t.morph), t.lemma_) for t in ours]
    assert got == [(t.pos_, str(t.morph), t.lemma_) for t in stock]
    assert got[2] == ("NOUN", "NounType=Coll|Number=Sing", "council")
    assert got[5] == ("PROPN", "Number=Sing", "")


def test_the_ruler_is_the_table_unless_asked_for_spacys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("POWDERKEG_RULER", raising=False)
    assert nlp.ruler() == "table"
    monkeypatch.setenv("POWDERKEG_RULER", " SpaCy ")
    assert nlp.ruler() == "spacy"
    monkeypatch.setenv("POWDERKEG_RULER", "matcher")
    with pytest.raises(ModelError, match=r"POWDERKEG_RULER=.*table or spacy"):
        nlp.ruler()


@pytest.mark.parametrize(("config", "wrapped"), [
    ({"mode": "rule", "overwrite": False}, True),
    ({"mode": "rule", "overwrite": True}, False),  # would rewrite the ruler's lemmas: not the case it reproduces
    ({"mode": "lookup", "overwrite": False}, False),
])
def test_the_lemma_table_wraps_only_a_rule_lemmatizer_that_keeps_given_lemmas(config: dict[str, Any],
                                                                              wrapped: bool) -> None:
    import spacy

    blank = spacy.blank("en")
    blank.add_pipe("lemmatizer", config=config)
    assert nlp.use_lemma_table(blank) is wrapped
    assert type(blank.get_pipe("lemmatizer")).__name__ == ("LemmaTable" if wrapped else "EnglishLemmatizer")

"""The array shortcuts the extractors read instead of Token objects (issue 17) give what the Tokens give."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span, Token

from powderkeg import nlp
from powderkeg.extract.candidates import depth, mention_tokens
from powderkeg.extract.entities import doc_ents, doc_text, span_ents, token_offsets
from powderkeg.extract.events import Unit, ancestor_indices, char_range, head_indices
from powderkeg.extract.features import _classes, dep_path, sentence_features
from powderkeg.lexicons import load_stances
from powderkeg.pipeline import Pipeline

PARAGRAPHS = [
    "Lithuania summoned Belarus's chargé d'affaires on Tuesday after two drones crossed the border near Vilnius. "
    "Minsk denied that the aircraft were its own.",
    "  Kenya's foreign ministry said  it was  critical of the decision,\tand Nairobi recalled its envoy.  ",
    "The ceasefire, brokered by Qatar, collapsed within hours; Israel and Hamas each blamed the other.",
    "Peru and Chile agreed to a joint patrol.\n\nBolivia, which was not consulted, is opposed to it.",
    "Chinese coast-guard vessels fired water cannon at a Philippine supply boat, Manila said.",
]


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return list(nlp.load().pipe(PARAGRAPHS))


def _chain(tok: Token) -> list[Token]:
    """The token and its heads up to the root, walked through Token objects (what the indices replace)."""
    chain = [tok]
    while chain[-1].head.i != chain[-1].i and len(chain) < 50:
        chain.append(chain[-1].head)
    return chain


def test_unit_arrays_equal_the_token_attributes(docs: list[Doc]) -> None:
    for doc in docs:
        unit = Unit(0, doc)
        assert unit.text == doc.text  # runs of spaces, a tab and a blank line included
        assert unit.lowers == [t.lower_ for t in doc]
        assert unit.deps == [t.dep_ for t in doc]
        assert unit.children == [[c.i for c in t.children] for t in doc]
        assert unit.words == [t.is_alpha and len(t) > 2 for t in doc]
        assert [(s.start, s.end) for s in unit.sents] == [(s.start, s.end) for s in doc.sents]
        assert head_indices(doc) == [t.head.i for t in doc]
        assert head_indices(doc) is head_indices(doc)  # read once per doc


def test_paths_and_depths_on_indices_equal_the_token_walk(docs: list[Doc]) -> None:
    for doc in docs:
        heads = head_indices(doc)
        for a in doc:
            assert ancestor_indices(heads, a.i) == [t.i for t in _chain(a)]
            assert depth(a) == len(_chain(a)) - 1
            for b in doc:
                up_a, up_b = _chain(a), _chain(b)
                on_b = {t.i for t in up_b}
                k_a = next((k for k, t in enumerate(up_a) if t.i in on_b), len(up_a) - 1)
                k_b = next((k for k, t in enumerate(up_b) if t.i == up_a[k_a].i), len(up_b))
                left, lca, right = dep_path(a, b)
                assert [t.i for t in left] == [t.i for t in up_a[:k_a]]
                assert lca.i == up_a[k_a].i
                assert [t.i for t in right] == [t.i for t in reversed(up_b[:k_b])]


def test_the_trigger_lookup_skips_only_words_it_finds_nothing_for(docs: list[Doc]) -> None:
    coder = Pipeline().coder
    n_stance = 0
    for doc in docs:
        unit = Unit(0, doc)
        for sent in unit.sents:
            kept = {t.i for t in coder._lookup_tokens(sent, unit)}
            for tok in sent:
                if tok.i not in kept:
                    assert coder._lookup(tok) == [], tok.text
            assert any(coder._lookup(doc[i]) for i in kept)  # every sentence here has a trigger
            stance_words = {t.i for t in sent if t.lower_ in load_stances()}
            assert stance_words <= kept  # "critical", "opposed": kept whatever their part of speech
            n_stance += len(stance_words)
    assert n_stance >= 2


def test_mention_tokens_keep_each_mentions_head(pipeline: Pipeline) -> None:
    text = "The foreign ministry of Serbia said Kosovo police detained two Serbian officers near Jarinje."
    article_units = pipeline.article_units
    from powderkeg.models import Article

    _, _, _, _, units = article_units(Article(id="t-units", text=text))
    unit = units[0]
    sent = unit.sents[0]
    found = mention_tokens(sent, unit)
    for code, toks in found.items():
        for tok in toks:
            assert unit.tok_actor[tok.i] == code
            assert tok.head.i == tok.i or unit.tok_actor.get(tok.head.i) != code
    assert {"SRB", "XKX"} <= set(found)


def test_sentence_features_from_arrays_equal_the_token_walk(docs: list[Doc]) -> None:
    n_words = 0
    for doc in docs:
        unit = Unit(0, doc)
        for sent in unit.sents:
            walked: set[str] = set()
            for tok in sent:
                if tok.pos_ in ("VERB", "NOUN", "ADJ"):
                    walked.update(_classes("sent_class", tok.lemma_.lower()))
                    if tok.pos_ in ("VERB", "NOUN") and tok.is_alpha and len(tok) > 2:
                        walked.add(f"w={tok.lemma_.lower()}")
            assert sentence_features(unit, sent) == walked
            assert sentence_features(unit, sent) is sentence_features(unit, sent)  # once per sentence
            n_words += sum(x.startswith("w=") for x in walked)
    assert n_words >= 10


def test_child_and_prep_objects_on_arrays_equal_the_token_walk(docs: list[Doc]) -> None:
    coder = Pipeline().coder
    preps = ("by", "near", "of", "to", "within", "after", "at", "on")
    n_found = 0
    for doc in docs:
        assert Unit(0, doc).pos == [t.pos_ for t in doc]
        for tok in doc:
            for labels in (("nsubj",), ("dobj", "pobj"), ("prep",), ("aux", "neg")):
                walked = next((c for c in tok.children if c.dep_ in labels), None)
                found = coder._child(tok, *labels)
                assert (found.i if found is not None else None) == (walked.i if walked is not None else None)
            walked_objects = [c.i for ch in tok.children if ch.dep_ in ("prep", "dative") and ch.pos_ == "ADP"
                              and ch.lower_ in preps for c in ch.children if c.dep_ == "pobj"]
            assert [t.i for t in coder._prep_objects(tok, preps)] == walked_objects
            n_found += len(walked_objects)
    assert n_found >= 3


def test_entities_as_plain_data_equal_doc_ents(docs: list[Doc]) -> None:
    """`doc_ents` (read from the IOB arrays) gives what `Doc.ents` gives; `span_ents` what `Span.ents` does."""
    seen = 0
    for doc in docs:
        assert doc_text(doc) == doc.text
        assert token_offsets(doc) == ([t.idx for t in doc], [t.idx + len(t) for t in doc],
                                      [t.idx + len(t.text_with_ws) for t in doc])
        want = [(e.start, e.end, e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
        assert [tuple(e) for e in doc_ents(doc)] == want
        seen += len(want)
        for sent in doc.sents:
            assert [(e.start, e.end, e.label) for e in span_ents(sent)] == [
                (e.start, e.end, e.label_) for e in sent.ents]
    assert seen >= 10  # the paragraphs name states, capitals and days: the NER finds them


def test_entities_by_hand_keep_spacys_walk() -> None:
    """Entities set by hand: adjacent ones, one at the doc's end, one ending past a sentence's end."""
    doc = nlp.load()("Peru and Chile met. Bolivia objected on Monday in La Paz.")
    doc.set_ents([Span(doc, 0, 1, "GPE"), Span(doc, 2, 3, "GPE"), Span(doc, 3, 6, "ORG"),
                  Span(doc, 10, 13, "GPE")])
    assert [tuple(e) for e in doc_ents(doc)] == [
        (e.start, e.end, e.label_, e.start_char, e.end_char, e.text) for e in doc.ents]
    for sent in doc.sents:
        assert [e.start for e in span_ents(sent)] == [e.start for e in sent.ents]


@pytest.mark.parametrize("text", [PARAGRAPHS[1], "Serbia  and\tKosovo\n\n“met.”  ", "A", ""])
def test_char_range_equals_char_span_expand(text: str) -> None:
    """Every char range, inside, around and past the text: the same tokens as `char_span(expand)`, or None,
    or the same IndexError where the range is empty on a token's trailing space."""
    doc = nlp.load()(text)

    def span(a: int, b: int) -> list[int] | str | None:
        try:
            found = doc.char_span(a, b, alignment_mode="expand")
        except IndexError:
            return "error"
        return None if found is None else [t.i for t in found]

    def indices(a: int, b: int) -> list[int] | str | None:
        try:
            found = char_range(doc, a, b)
        except IndexError:
            return "error"
        return None if found is None else list(found)

    for a in range(-1, len(text) + 2):
        for b in range(a - 1, len(text) + 2):
            assert indices(a, b) == span(a, b), (a, b)


def test_the_per_doc_arrays_let_their_doc_go() -> None:
    """The arrays are held per doc while it lives: none may refer back to the doc and keep it alive."""
    import gc
    import weakref

    from powderkeg.extract import entities, events, features

    held = (events._ARRAYS, events._HEADS, features._SENTENCE_FEATURES, entities._ENTS, entities._TEXTS,
            entities._OFFSETS)
    before = [len(cache) for cache in held]  # other tests' docs may still live
    doc = nlp.load()("Estonia expelled a Russian diplomat after Moscow jammed signals over the Gulf of Finland.")
    unit = Unit(0, doc)
    for sent in unit.sents:
        features.sentence_features(unit, sent)
    assert events.doc_arrays(doc).children and head_indices(doc)
    assert doc_ents(doc) and char_range(doc, 0, 7) == range(0, 1)
    assert all(doc in cache for cache in held)
    gone = weakref.ref(doc)
    del doc, unit, sent
    gc.collect()
    assert gone() is None
    assert [len(cache) for cache in held] == before
    assert events._HEADS_LAST[0]() is None and events._ARRAYS_LAST[0]() is None  # the last doc asked: weakly


def test_the_last_doc_asked_is_never_taken_for_another() -> None:
    """`head_indices` and `doc_arrays` answer the doc asked just before from a weak reference: another doc, one
    asked earlier, or a new doc made after the last one died gets its own arrays."""
    from powderkeg.extract import events

    texts = ["Hungary blocked the EU statement on Georgia.", "Oman hosted talks between Iran and the United States.",
             "The Malian junta expelled the French ambassador."]
    docs = [nlp.load()(t) for t in texts]
    for doc in [*docs, *docs[::-1], docs[0], docs[0]]:
        assert head_indices(doc) == [t.head.i for t in doc]
        assert events.doc_arrays(doc).deps == [t.dep_ for t in doc]
    del docs, doc
    for text in texts[::-1]:  # each doc dies before the next is made (it may reuse the address)
        doc = nlp.load()(text)
        assert head_indices(doc) == [t.head.i for t in doc]
        assert events.doc_arrays(doc).lowers == [t.lower_ for t in doc]
        del doc

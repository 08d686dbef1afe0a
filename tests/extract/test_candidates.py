"""Candidates and features of the learned coder, on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from powderkeg.errors import DataFileError
from powderkeg.extract.candidates import (
    Candidate,
    Pair,
    Salience,
    article_candidates,
    article_pairs,
    same_code_pairs,
    sentence_candidates,
)
from powderkeg.extract.events import Unit
from powderkeg.extract.features import (
    N_FEATURES,
    _key_base,
    candidate_features,
    crossed_bytes,
    dep_path,
    hash_feature,
    hashed,
    key_features,
    key_hashes,
    pair_bag,
    pair_shared,
    plausible_types,
    sentence_features,
)
from powderkeg.lexicons import read_typed_lemmas
from powderkeg.models import EVENT_TYPES, Article, Event, Mention
from powderkeg.pipeline import Pipeline
from powderkeg.readers import article_id

pytestmark = pytest.mark.slow


def units_and_verdicts(pipeline: Pipeline, text: str) -> tuple[list[Unit], dict[int, list[Event]]]:
    art = Article(id=article_id(text), text=text)
    _, paras, mentions, gated = pipeline.prepare(art)
    docs = pipeline.parse_texts([p.text for p, g in zip(paras, gated, strict=True) if g])
    parsed = [(p.start, next(docs)) for p, g in zip(paras, gated, strict=True) if g]
    _, units = pipeline.units(mentions, parsed)
    verdicts: dict[int, list[Event]] = {}
    pipeline.coder.code(units, verdicts)
    return units, verdicts


def rules_pairs(pipeline: Pipeline, text: str) -> tuple[list[Pair], Salience]:
    """The article's pairs after the rules, and a salience that counts each pair's source once."""
    units, verdicts = units_and_verdicts(pipeline, text)
    rules = pipeline.coder.code(units, dict(verdicts))
    pairs = article_pairs(article_candidates(units, verdicts), rules)
    return pairs, Salience.of([Mention(0, 1, "x", p.source, "state", None) for p in pairs])


def cands(pipeline: Pipeline, text: str) -> list[Candidate]:
    units, verdicts = units_and_verdicts(pipeline, text)
    return article_candidates(units, verdicts)


def by_pair(cs: list[Candidate]) -> dict[tuple[str, str], Candidate]:
    return {(c.source, c.target): c for c in cs}


@pytest.mark.parametrize(
    ("text", "pairs"),
    [
        # every ordered pair of the actors a sentence names is a candidate
        ("Ankara accused Athens of militarising islands in the Aegean.", {("TUR", "GRC"), ("GRC", "TUR")}),
        ("Chile recalled its ambassador from Peru after the border incident.", {("CHL", "PER"), ("PER", "CHL")}),
        ("Brazil, Argentina and Uruguay signed a customs pact in Montevideo.",
         {("BRA", "ARG"), ("ARG", "BRA"), ("BRA", "URY"), ("URY", "BRA"), ("ARG", "URY"), ("URY", "ARG")}),
        # one actor: no pair, unless the rules coded one (see below)
        ("Norway raised its defence budget by a fifth.", set()),
    ],
)
def test_pairs_of_tagged_actors(pipeline: Pipeline, text: str, pairs: set[tuple[str, str]]) -> None:
    assert {(c.source, c.target) for c in cands(pipeline, text)} >= pairs
    if not pairs:
        assert all(c.rule_events for c in cands(pipeline, text))


def test_rules_verdicts_travel_with_their_pair(pipeline: Pipeline) -> None:
    cs = by_pair(cands(pipeline, "Ankara accused Athens of militarising islands in the Aegean."))
    assert [e.type for e in cs[("TUR", "GRC")].rule_events] == ["ACCUSE"]
    assert cs[("GRC", "TUR")].rule_events == ()
    assert any(e.type == "ACCUSE" for e in cs[("GRC", "TUR")].sentence_events)


def test_pronoun_pair_comes_from_the_rules(pipeline: Pipeline) -> None:
    # "It" is resolved by the rules only; the candidate still exists, with the rules' event
    text = "Finland joined the talks in Oslo. It later criticised Moscow for the airspace violations."
    cs = by_pair(cands(pipeline, text))
    assert ("FIN", "RUS") in cs
    assert cs[("FIN", "RUS")].rule_events
    assert cs[("FIN", "RUS")].start == text.index("It later")


def test_candidate_offsets_are_the_sentence(pipeline: Pipeline) -> None:
    text = "Talks stalled on Monday.\n\nVietnam protested to China over the seizure of a fishing boat."
    for c in cands(pipeline, text):
        assert text[c.start:c.end] == c.sent.text


@pytest.mark.parametrize(
    ("text", "pair", "present", "absent"),
    [
        ("Ankara accused Athens of militarising islands in the Aegean.", ("TUR", "GRC"),
         {"rule=ACCUSE", "sdep=nsubj", "tdep=dobj", "lca=accuse", "lca_class=ACCUSE", "path=nsubj^/vdobj", "s_first"},
         {"neg", "under_speech", "rule=none"}),
        ("Ankara accused Athens of militarising islands in the Aegean.", ("GRC", "TUR"),
         {"rule=none", "rule_rev=ACCUSE", "t_first"}, {"rule=ACCUSE"}),
        ("Madrid said that Rabat would not send troops to the border with Algeria.", ("MAR", "DZA"),
         {"neg", "modal=would", "under_speech", "under_speech=say"}, {"lca_speech"}),
        ("Canada imposed new sanctions on Iran over the drone sales.", ("CAN", "IRN"),
         {"lca=impose", "tprep=on", "tprep_head=sanction|on"}, {"neg"}),
        # the sentence's verbs and nouns, as lemmas: the key model learns which words go with which type
        ("Canada imposed new sanctions on Iran over the drone sales.", ("CAN", "IRN"),
         {"w=impose", "w=sanction", "w=drone", "w=sale"}, {"w=new", "w=on", "w=over", "w=the"}),
        ("Bolivia voiced its protest to Chile over the river dispute.", ("BOL", "CHL"),
         {"w=voice", "w=protest", "w=dispute"}, {"w=its", "w=to"}),
    ],
)
def test_features(pipeline: Pipeline, text: str, pair: tuple[str, str], present: set[str], absent: set[str]) -> None:
    feats = set(candidate_features(by_pair(cands(pipeline, text))[pair]))
    assert present <= feats, sorted(feats)
    assert not (absent & feats), sorted(absent & feats)


def test_act_pair_is_pooled_with_the_shallowest(pipeline: Pipeline) -> None:
    # the shallowest names still stand for the pair (evidence, explain); the act's mentions add their features
    c = by_pair(cands(pipeline, "After Indian artillery shelled Pakistani posts, Islamabad summoned the envoy of "
                                "New Delhi."))[("IND", "PAK")]
    assert c.act_toks is not None
    assert {"lca=shell", "lca_class=ASSAULT", "lca=summon"} <= c.features


@pytest.mark.parametrize(
    ("text", "pair", "tokens", "lca"),
    [
        # two mentions of each side: the pair is also read through the clause whose verb is the act, beside the
        # shallowest names (issue 15)
        ("After Indian artillery shelled Pakistani posts, Islamabad summoned the envoy of New Delhi.",
         ("IND", "PAK"), ("Indian", "Pakistani"), "shell"),
        ("While Russian jets bombed Ukrainian towns, Kyiv asked Moscow's neighbours for air defence.",
         ("RUS", "UKR"), ("Russian", "Ukrainian"), "bomb"),
        ("Greek coast guards detained Turkish fishermen, and Ankara protested to Athens on Friday.",
         ("GRC", "TUR"), ("Greek", "Turkish"), "detain"),
        ("Greek coast guards detained Turkish fishermen, and Ankara protested to Athens on Friday.",
         ("TUR", "GRC"), ("Ankara", "Athens"), "protest"),
        # one mention of each side: that mention, whatever joins them
        ("Chile recalled its ambassador from Peru after the border incident.", ("CHL", "PER"), ("Chile", "Peru"),
         "recall"),
        ("Chile recalled its ambassador from Peru after the border incident.", ("PER", "CHL"), ("Peru", "Chile"),
         "recall"),
    ],
)
def test_pair_reads_the_mentions_the_act_joins(pipeline: Pipeline, text: str, pair: tuple[str, str],
                                               tokens: tuple[str, str], lca: str) -> None:
    c = by_pair(cands(pipeline, text))[pair]
    read = c.act_toks or (c.source_tok, c.target_tok)
    assert (read[0].text, read[1].text) == tokens
    assert f"lca={lca}" in c.features


def test_dep_path_meets_at_the_verb(pipeline: Pipeline) -> None:
    c = by_pair(cands(pipeline, "Ankara accused Athens of militarising islands in the Aegean."))[("TUR", "GRC")]
    left, lca, right = dep_path(c.source_tok, c.target_tok)
    assert ([t.text for t in left], lca.text, [t.text for t in right]) == (["Ankara"], "accused", ["Athens"])


def test_sentence_candidates_without_rules(pipeline: Pipeline) -> None:
    units, _ = units_and_verdicts(pipeline, "Ankara accused Athens of militarising islands.")
    sent = next(iter(units[0].doc.sents))
    cs = sentence_candidates(sent, units[0])
    assert {(c.source, c.target) for c in cs} == {("TUR", "GRC"), ("GRC", "TUR")}
    assert all("rule=none" in candidate_features(c) for c in cs)


@pytest.mark.parametrize("name", ["bias", "rule=ACCUSE", "path=nsubj^/vdobj", "lca=accuse"])
def test_hashing_is_stable(name: str) -> None:
    col = hash_feature(name)
    assert 0 <= col < N_FEATURES
    assert hash_feature(name) == col
    assert hashed([name, name]) == [col]


TYPES = ("ACCUSE", "AGREE", "AID", "ASSAULT", "CONSULT", "REJECT", "REQUEST", "SANCTION", "THREATEN")


def pairs_of(pipeline: Pipeline, text: str) -> dict[tuple[str, str], object]:
    units, verdicts = units_and_verdicts(pipeline, text)
    rules = pipeline.coder.code(units, dict(verdicts))
    return {(p.source, p.target): p for p in article_pairs(article_candidates(units, verdicts), rules)}


def test_pairs_pool_every_sentence_of_a_pair(pipeline: Pipeline) -> None:
    text = ("Ankara accused Athens of militarising islands in the Aegean.\n\n"
            "Greece rejected the accusation and said Turkey was sending warships into its waters.")
    pairs = pairs_of(pipeline, text)
    tr_gr = pairs[("TUR", "GRC")]
    assert len({c.start for c in tr_gr.candidates}) == 2  # both sentences name the pair
    assert "ACCUSE" in tr_gr.rule_types
    assert pairs[("GRC", "TUR")].reverse_types == tr_gr.rule_types


@pytest.mark.parametrize(
    ("text", "pair", "plausible", "implausible"),
    [
        # a pair the rules coded, or whose reverse they coded, may hold any type
        ("Ankara accused Athens of militarising islands in the Aegean.", ("TUR", "GRC"), set(TYPES), set()),
        ("Ankara accused Athens of militarising islands in the Aegean.", ("GRC", "TUR"), set(TYPES), set()),
        # otherwise the lexicon classes of the pair's words name the types worth scoring
        ("Officials from Kenya and Uganda discussed the fishing dispute over an island.", ("KEN", "UGA"),
         {"CONSULT"}, {"AID", "SANCTION", "AGREE"}),
        ("Protesters in Serbia burned a Croatian flag outside the embassy.", ("SRB", "HRV"), set(), set(TYPES)),
    ],
)
def test_plausible_types(pipeline: Pipeline, text: str, pair: tuple[str, str], plausible: set[str],
                         implausible: set[str]) -> None:
    p = pairs_of(pipeline, text)[pair]
    bag = pair_bag(p, {id(c): candidate_features(c) for c in p.candidates})
    got = set(plausible_types(p, bag, TYPES))
    assert plausible <= got and not (implausible & got), got


def test_key_features_cross_the_type(pipeline: Pipeline) -> None:
    p = pairs_of(pipeline, "Ankara accused Athens of militarising islands in the Aegean.")[("TUR", "GRC")]
    bag = pair_bag(p, {id(c): candidate_features(c) for c in p.candidates})
    sal = Salience.of([Mention(0, 6, "Ankara", "TUR", "state", None), Mention(16, 22, "Athens", "GRC", "state", None),
                       Mention(70, 76, "Turkey", "TUR", "state", None)])
    feats = set(key_features(p, "ACCUSE", bag, sal))
    assert {"T=ACCUSE", "ACCUSE|krule=True", "ACCUSE|lca=accuse", "ACCUSE|lca_class=ACCUSE", "n_sent=1",
            "s_count=2", "t_count=1", "s_rank=0", "t_rank=1", "ACCUSE|rules_pair=True"} <= feats, sorted(feats)
    other = set(key_features(p, "REJECT", bag, sal))
    assert "REJECT|krule=False" in other and "REJECT|lca=accuse" in other
    assert "ACCUSE|w=accuse" in feats and "REJECT|w=accuse" in other and "ACCUSE|w=island" in feats


@pytest.mark.parametrize("text", [
    "Ankara accused Athens of militarising islands in the Aegean.\n\n"
    "Greece rejected the accusation and said Turkey was sending warships into its waters.",
    "Chile recalled its ambassador from Peru after the border incident, and Lima expelled a Chilean diplomat.",
    "Brazil, Argentina and Uruguay signed a customs pact in Montevideo; Paraguay's president called it a betrayal.",
])
def test_key_hashes_are_the_hashed_key_features(pipeline: Pipeline, text: str) -> None:
    """The ingest's fast columns (crc32 run on from the type) are exactly those of the feature strings."""
    pairs, sal = rules_pairs(pipeline, text)
    checked = 0
    for p in pairs:
        bag = pair_bag(p, {id(c): c.features for c in p.candidates})
        assert bag == pair_bag(p, {id(c): candidate_features(c) for c in p.candidates})
        for etype in TYPES:
            assert key_hashes(p, etype, crossed_bytes(bag), sal, bag) == hashed(key_features(p, etype, bag, sal))
            checked += 1
    assert checked >= 2 * len(TYPES)


def test_salience_counts_and_orders_actors() -> None:
    sal = Salience.of([Mention(50, 55, "Seoul", "KOR", "state", None), Mention(0, 5, "Japan", "JPN", "state", None),
                       Mention(90, 95, "Japan", "JPN", "state", None)])
    assert sal.count == {"KOR": 1, "JPN": 2}
    assert sal.rank == {"JPN": 0, "KOR": 1}


def same_code_sides(pipeline: Pipeline, text: str) -> set[tuple[str, str, str]]:
    """(code, source word, target word) of the same-code pairs the tagged mentions make (rules aside)."""
    units, _ = units_and_verdicts(pipeline, text)
    return {(code, a.lower_, b.lower_) for u in units for sent in u.doc.sents for code, a, b in same_code_pairs(sent, u)}


@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # issue 15, section 3.1: two sides of one place make a pair, both ways
        ("Ethnic Armenian protesters in Georgia clashed with Georgian police on Sunday.",
         {("GEO", "protesters", "police"), ("GEO", "police", "protesters")}),
        ("Fighting between the Sudanese army and the paramilitary RSF spread to the suburbs.",
         {("SDN", "army", "rsf"), ("SDN", "rsf", "army")}),
        ("Kinshasa accused M23 rebels of burning a market town.",
         {("COD", "kinshasa", "rebels"), ("COD", "rebels", "kinshasa")}),
        ("Hundreds of ethnic Serbs in northern Kosovo scuffled with Kosovo police at the crossing.",
         {("XKX", "serbs", "police"), ("XKX", "police", "serbs")}),
    ],
)
def test_same_code_pairs_of_two_sides(pipeline: Pipeline, text: str, sides: set[tuple[str, str, str]]) -> None:
    assert same_code_sides(pipeline, text) >= sides


@pytest.mark.parametrize(
    "text",
    [
        # a namesake, a mention and its own setting or appositive, two agents of one state: one party
        "Serbian officials met Serbian officials in Belgrade to settle the dispute.",
        "Serbia said Serbia would never accept the ruling.",
        "Protesters in Georgia marched to the parliament.",
        "Kosovo police said the Kosovo government had ordered the arrests.",
        "The Nigerian president thanked the Nigerian army for its work.",
        "Hungarian lawmakers in Budapest passed the budget.",
    ],
)
def test_no_same_code_pair_of_one_party(pipeline: Pipeline, text: str) -> None:
    assert same_code_sides(pipeline, text) == set()


def test_same_code_key_is_marked(pipeline: Pipeline) -> None:
    cs = cands(pipeline, "Ethnic Armenian protesters in Georgia clashed with Georgian police on Sunday.")
    pair = next(p for p in article_pairs(cs, ()) if p.source == p.target == "GEO")
    other = Candidate(cs[0].unit, cs[0].sent, "GEO", "ARM", cs[0].source_tok, cs[0].target_tok)
    bag = pair_bag(pair, {id(c): c.features for c in pair.candidates})
    assert "ASSAULT|same_code" in key_features(pair, "ASSAULT", bag, Salience({}, {}))
    assert "same_actor" in pair.candidates[0].features
    assert "same_actor" not in other.features


@pytest.mark.parametrize(
    ("text", "pair", "etype"),
    [
        # type_words.csv: words of a type the rules' triggers do not read (issue 15, section 3.4)
        ("Hungary imports most of its gas and oil from Russia.", ("HUN", "RUS"), "COOPERATE"),
        ("Beijing has renamed a dozen villages in the region India administers.", ("CHN", "IND"), "COERCE"),
        ("Argentina's envoy arrived in London for a week of meetings.", ("ARG", "GBR"), "CONSULT"),
        ("Rebels backed by Sudan crossed into Chad on Sunday.", ("SDN", "TCD"), "AID"),
        ("Georgia's candidacy for membership of the European Union stalled.", ("GEO", "EU"), "REQUEST"),
        ("Iran's navy chief spoke of harsh reprisals against Israel.", ("IRN", "ISR"), "THREATEN"),
        ("Officials in Kyiv called the Belarusian statement pure disinformation.", ("UKR", "BLR"), "REJECT"),
        ("Ecuador expects compensation from Colombia, but Bogota has not agreed.", ("COL", "ECU"), "CONCEDE"),
        # the condemning words of assessments.csv and stance_terms.csv name ACCUSE
        ("Lima called the Bolivian blockade of the lake reckless.", ("PER", "BOL"), "ACCUSE"),
        ("Romania spoke of Russian meddling in the Moldovan vote.", ("ROU", "RUS"), "ACCUSE"),
    ],
)
def test_type_words_name_their_type(pipeline: Pipeline, text: str, pair: tuple[str, str], etype: str) -> None:
    """A sentence with a type word makes the type worth scoring for its pairs and citable as evidence."""
    p = pairs_of(pipeline, text)[pair]
    bag = pair_bag(p, {id(c): candidate_features(c) for c in p.candidates})
    assert f"sent_class={etype}" in bag
    assert etype in plausible_types(p, bag, EVENT_TYPES)


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Hungary imports most of its gas and oil from Russia.", "COOPERATE"),
        ("Beijing has renamed a dozen villages in the region India administers.", "COERCE"),
        ("Iran's navy chief spoke of harsh reprisals against Israel.", "THREATEN"),
        ("Rebels backed by Sudan crossed into Chad on Sunday.", "AID"),
    ],
)
def test_type_words_never_fire_the_rules(run_text, text: str, etype: str) -> None:
    """type_words.csv feeds the model only: the rules code no event from these words."""
    assert all(e.type != etype for e in run_text(text).events)


def test_type_words_row_with_an_unknown_type_names_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "type_words.csv"
    bad.write_text("# comment\nlemma,type\nrevenge,THREATEN\nbaseless,DENY\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"type_words.csv.*4.*DENY"):
        read_typed_lemmas(bad)


@pytest.mark.parametrize("text", [
    "The Estonian foreign minister called the drills a provocation.\n\n"
    "Moscow dismissed the reports and said its units were rotating home “as planned”.",
    "Kenyan riot police fired tear gas at protesters in Nairobi, Kenya, on Tuesday.",
])
def test_unit_word_lists_are_the_tokens_own(pipeline: Pipeline, text: str) -> None:
    """`Unit.lemmas`, `Unit.pos` and `Unit.text` (read from the doc's arrays, for loops that skip most words)
    say what each token says."""
    units, _ = units_and_verdicts(pipeline, text)
    assert units
    for u in units:
        assert u.lemmas == [t.lemma_.lower() for t in u.doc]
        assert u.pos == [t.pos_ for t in u.doc]
        assert u.text == u.doc.text


@pytest.mark.parametrize("text", [
    "Ankara accused Athens of militarising islands in the Aegean, and Athens rejected the charge.",
    "Chile recalled its ambassador from Peru after the border incident, and Lima expelled a Chilean diplomat.",
])
def test_cached_sentence_and_pair_features_equal_those_built_each_time(pipeline: Pipeline, text: str) -> None:
    """A sentence's words and a pair's shared key features are built once; the result must not change."""
    pairs, sal = rules_pairs(pipeline, text)
    assert pairs
    for p in pairs:
        for c in p.candidates:
            words = {f"w={t.lemma_.lower()}" for t in c.sent
                     if t.pos_ in ("VERB", "NOUN") and t.is_alpha and len(t) > 2}
            assert {x for x in sentence_features(c.unit, c.sent) if x.startswith("w=")} == words
        bag = pair_bag(p, {id(c): c.features for c in p.candidates})
        once = pair_shared(p, sal)
        for etype in TYPES:
            assert _key_base(p, etype, sal, bag, once) == _key_base(p, etype, sal, bag)

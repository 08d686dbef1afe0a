"""Stance inside reported content (extract/stance.py) on sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from powderkeg.errors import DataFileError
from powderkeg.extract.stance import load_stance_terms

pytestmark = pytest.mark.slow


def stance_keys(ex):
    """(source, target, type) of the events the stance stage added."""
    return {(e.source, e.target, e.type) for e in ex.events if e.rule.startswith("stance")}



@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an adjective pair on the conduct: both owners are accused
        ("“The American-British aggression will not stop our operations at sea,” a Houthi military "
         "spokesman said on Monday.", {("YEM", "USA", "ACCUSE"), ("YEM", "GBR", "ACCUSE")}),
        # a possessive owner of a condemned act, in reported speech
        ("Polish Foreign Minister Radosław Sikorski said that Russia's provocations on the border "
         "would not intimidate Warsaw.", {("POL", "RUS", "ACCUSE")}),
        # the owner written with a curly possessive mark after a plural noun
        ("“The Chinese vessels’ aggression threatens every fisherman in these waters,” Philippine "
         "Foreign Secretary Enrique Manalo said.", {("PHL", "CHN", "ACCUSE")}),
        # "its" points to the subject of its own clause
        ("Russian Foreign Ministry spokeswoman Maria Zakharova said the OSCE had again shown its biased "
         "attitude towards the conflict.", {("RUS", "OSCE", "ACCUSE")}),
        # a derogatory noun with a national adjective
        ("Lebanese Prime Minister Najib Mikati said the raids were a reply to the Israeli enemy's "
         "shelling of southern villages.", {("LBN", "ISR", "ACCUSE")}),
        # "the <agent word> of X" accuses X
        ("Hungarian Foreign Minister Péter Szijjártó said the provocations of Kyiv had to stop.",
         {("HUN", "UKR", "ACCUSE")}),
        # "a day of shame for X": X is shamed, the "for" hanging on the verb
        ("“This vote is a day of shame for the whole Council of Europe,” Aleksandar Vučić, Serbia's "
         "president, told reporters in Belgrade.", {("SRB", "COE", "ACCUSE")}),
    ],
)
def test_evaluation_codes_accusation(run_text, text, expected):
    assert expected <= stance_keys(run_text(text))


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        # two actors in a quote with no evaluation of either: nothing
        ("“Germany and France will meet in Paris next week to talk about energy,” the German "
         "government spokesman said.", {"FRA", "DEU"}),
        # the speaker's own side is never the target
        ("“Our response to Russian aggression will be firm,” Ukrainian President Volodymyr Zelensky said.",
         {"UKR"}),
        # the victim of an occupation is not accused
        ("Ukrainian Foreign Minister Dmytro Kuleba said the occupation of Crimea would never be accepted.",
         {"UKR"}),
        # a denied judgement codes nothing
        ("Turkish Foreign Minister Hakan Fidan said Greece's decision was not illegal.", {"GRC"}),
        # "unacceptable for Serbia": the one offended, not the one accused
        ("Russian Ambassador Alexander Botsan-Kharchenko said the plan was unacceptable for Serbia.", {"SRB"}),
        # the outlet's own voice: no speaker, no stance
        ("Critics have long described the Russian aggression as the worst crisis in Europe since 1945.",
         {"RUS"}),
    ],
)
def test_no_stance_invented(run_text, text, forbidden):
    assert not {k for k in stance_keys(run_text(text)) if k[1] in forbidden}


def test_stance_event_is_reported_with_exact_evidence(run_text):
    text = ("Talks resumed in Geneva on Tuesday. “The American-British aggression will not stop our "
            "operations at sea,” a Houthi military spokesman said on Monday.")
    ex = run_text(text)
    ev = next(e for e in ex.events if e.rule == "stance" and e.target == "USA")
    assert ev.status == "reported"
    assert not ev.negated
    assert text[ev.start:ev.end] == ev.evidence
    assert ev.evidence.startswith("“The American-British aggression")
    assert ev.trigger == "aggression"


def test_rules_event_not_repeated(run_text):
    """A condemnation the rules already coded in the sentence is not added a second time."""
    ex = run_text("Russian Foreign Minister Sergei Lavrov said Kyiv's shelling was a provocation.")
    same = [e for e in ex.events if (e.source, e.target, e.type) == ("RUS", "UKR", "ACCUSE")]
    assert len(same) == 1


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("aggression,CONDEMN,agent", "type must be one of"),
        ("occupation,ACCUSE,owner", "of must be one of"),
    ],
)
def test_bad_lexicon_row_names_file_and_reason(tmp_path: Path, row, reason):
    path = tmp_path / "stance_terms.csv"
    path.write_text("lemma,type,of\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=reason):
        load_stance_terms(path)


def test_shipped_lexicon_loads():
    terms = load_stance_terms()
    assert terms["aggression"].type == "ACCUSE"
    assert terms["occupation"].of == "victim"

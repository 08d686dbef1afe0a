"""False events the rules coded on unseen articles (issue 15, session 28): acts only asked for or warned
against, verbs of giving that give only words, denials aimed at the wrong side.

The learned coder keeps what the rules code, so each rules event here that is not in the text is also
one in the default coder. Each case lists keys that must be coded and keys that must not; the sentences
were written for these tests.
"""

from __future__ import annotations

import pytest
from keyset import Key, keys

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # every conjunct of an act only asked for is only asked for
        ("Japan urged China to halt its military drills and withdraw its warships from Philippine waters.",
         {("JPN", "CHN", "REQUEST", False)}, {("CHN", "JPN", "RETREAT", False), ("CHN", "PHL", "RETREAT", False)}),
        ("Greek lawmakers called for Athens to freeze arms exports to Turkey and to impose sanctions on Turkish "
         "officials.", set(), {("GRC", "TUR", "SANCTION", False)}),
        ("Norway pressed Iran to free the detained sailors and to return the seized tanker.",
         {("NOR", "IRN", "REQUEST", False)}, {("IRN", "NOR", "CONCEDE", False)}),
        # ... while acts done in coordination stay done
        ("Colombia expelled two Venezuelan diplomats and closed its border with Venezuela.",
         {("COL", "VEN", "SANCTION", False)}, set()),
        # a warning against an act asks that it not be done: a demand, and the act is not coded
        ("Germany warned Poland against sending tanks to Ukraine.",
         {("DEU", "POL", "REQUEST", False)}, {("DEU", "UKR", "AID", False), ("POL", "UKR", "AID", False)}),
        ("The Kremlin cautioned Finland against joining NATO.",
         {("RUS", "FIN", "REQUEST", False)}, {("RUS", "FIN", "THREATEN", False)}),
        # ... but a warning of what the speaker will do stays a threat
        ("Turkey warned Greece that it would respond to any provocation in the Aegean.",
         {("TUR", "GRC", "THREATEN", False)}, set()),
    ],
)
def test_acts_not_done(run_text, text: str, present: set[Key], absent: set[Key]) -> None:
    got = keys(run_text(text))
    assert present <= got, f"missing {present - got} in {got}"
    assert not absent & got, f"unexpected {absent & got}"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        ("Kenya delivered a stern message to Sudan on Monday.", set(), {("KEN", "SDN", "AID", False)}),
        ("Egypt provided an explanation to Ethiopia about the delays at the dam.", set(),
         {("EGY", "ETH", "AID", False)}),
        ("Warsaw summoned the Russian envoy but did not provide any evidence of Russian involvement.",
         {("POL", "RUS", "ACCUSE", False)}, {("POL", "RUS", "AID", True), ("POL", "RUS", "AID", False)}),
        # real goods, alone or beside words, are still aid
        ("The United States provided Israel with intelligence and artillery shells.",
         {("USA", "ISR", "AID", False)}, set()),
        ("Germany supplied Ukraine with tanks.", {("DEU", "UKR", "AID", False)}, set()),
        ("Qatar delivered food and medicine to Sudan.", {("QAT", "SDN", "AID", False)}, set()),
    ],
)
def test_giving_words_is_not_aid(run_text, text: str, present: set[Key], absent: set[Key]) -> None:
    got = keys(run_text(text))
    assert present <= got, f"missing {present - got} in {got}"
    assert not absent & got, f"unexpected {absent & got}"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a denied attack rejects the victim's charge
        ("Azerbaijan denied shelling Armenian villages.", {("AZE", "ARM", "REJECT", False)}, set()),
        # a denied delivery or partnership does not reject the one helped: the charge came from elsewhere
        ("Serbia denied that it had exported weapons to Ukraine.", set(), {("SRB", "UKR", "REJECT", False)}),
        ("Tehran denied that it had supplied drones to Moscow.", set(), {("IRN", "RUS", "REJECT", False)}),
    ],
)
def test_denial_target(run_text, text: str, present: set[Key], absent: set[Key]) -> None:
    got = keys(run_text(text))
    assert present <= got, f"missing {present - got} in {got}"
    assert not absent & got, f"unexpected {absent & got}"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # "its" with no subject to own it: the nearest actor named before it, not the sentence's first
        ("Washington accused Pyongyang of selling Moscow rockets to be used in its war on Ukraine.",
         {("RUS", "UKR", "ASSAULT", False)}, {("PRK", "UKR", "ASSAULT", False)}),
        # ... skipping adjectives, which describe a noun and are never what "its" points to
        ("Cyprus has been split for decades, ever since Turkish soldiers landed and occupied a third of its territory.",
         {("TUR", "CYP", "ASSAULT", False)}, set()),
    ],
)
def test_its_nearest_owner(run_text, text: str, present: set[Key], absent: set[Key]) -> None:
    got = keys(run_text(text))
    assert present <= got, f"missing {present - got} in {got}"
    assert not absent & got, f"unexpected {absent & got}"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # what a verb calls something is a verdict, not an act by the one who says it
        ("The Serbian president described the Kosovo bank's ruling as an attack on the Serbs of Kosovo.", set(),
         {("SRB", "XKX", "ASSAULT", False)}),
        ("Beijing called the American arms sale an attack on China.", set(),
         {("CHN", "USA", "CONSULT", False), ("CHN", "CHN", "ASSAULT", False)}),
        ("Putin called Erdogan on Monday.", {("RUS", "TUR", "CONSULT", False)}, set()),
        # a danger named is not a threat made
        ("North Korea's missile launches threaten peace and stability in Japan, the defence minister said.", set(),
         {("PRK", "JPN", "THREATEN", False)}),
        ("Russia's drills threaten the security of Lithuania.", set(), {("RUS", "LTU", "THREATEN", False)}),
        ("China threatened Taiwan with military action.", {("CHN", "TWN", "THREATEN", False)}, set()),
        # an obligation, and the means of a possible act, are not acts done
        ("Baku and Moscow will have to hold talks on the peacekeepers.", set(), {("AZE", "RUS", "CONSULT", False)}),
        ("Kyiv could have provoked the incident by launching a drone into Poland.", set(),
         {("UKR", "POL", "ASSAULT", False)}),
        ("Russia responded by launching missiles at Kyiv.", {("RUS", "UKR", "ASSAULT", False)}, set()),
    ],
)
def test_verdicts_and_moods(run_text, text: str, present: set[Key], absent: set[Key]) -> None:
    got = keys(run_text(text))
    assert present <= got, f"missing {present - got} in {got}"
    assert not absent & got, f"unexpected {absent & got}"


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # recognising a fact is not recognising a state
        ("Moscow has not recognised the participation of North Korean soldiers in the war.", set(),
         {("RUS", "PRK", "REJECT", False), ("RUS", "PRK", "SUPPORT", True)}),
        ("Spain does not recognise Kosovo.", {("ESP", "XKX", "REJECT", False)}, set()),
        # a government's protest is a statement; a crowd's is a demonstration
        ("The Chinese foreign ministry protested against the Japanese minister's visit to the shrine.",
         {("CHN", "JPN", "ACCUSE", False)}, {("CHN", "JPN", "PROTEST", False)}),
        ("Protesting against Israeli arms exports to Azerbaijan, the Armenian foreign ministry spokeswoman said "
         "the deals were unacceptable.", {("ARM", "ISR", "ACCUSE", False)}, {("ARM", "ISR", "PROTEST", False)}),
        ("Thousands of Serbs protested against the Kosovo government.", {("SRB", "XKX", "PROTEST", False)}, set()),
    ],
)
def test_word_sense(run_text, text: str, present: set[Key], absent: set[Key]) -> None:
    got = keys(run_text(text))
    assert present <= got, f"missing {present - got} in {got}"
    assert not absent & got, f"unexpected {absent & got}"

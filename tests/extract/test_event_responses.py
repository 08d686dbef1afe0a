"""Threats told as a coming answer, opposition told by "against", and fighting named by a noun.

Sentences written for these tests. Conventions (../shared/eval/SCHEMA.md and the train set's README):
a warning with a stated consequence is THREATEN, and only a future or conditional frame makes an
answer a threat ("responded to the letter" is past and no threat); being against a measure is REJECT
of whoever takes it; fighting between two states or their forces is ASSAULT both ways, while talks
and pacts between two parties are coded once, first-named party as source.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def E(source: str, target: str, type_: str) -> tuple[str, str, str, bool]:
    return (source, target, type_, False)


COMING_RESPONSE = [
    ("Iran's foreign ministry said Britain would face a proportionate response if it seized another tanker.",
     {E("IRN", "GBR", "THREATEN")}),
    ("Any further incursion by Azerbaijan will be met with a firm response, Armenia's defence minister said.",
     {E("ARM", "AZE", "THREATEN")}),
    ("Turkey said it would react firmly if Greece extended its territorial waters in the Aegean.",
     {E("TUR", "GRC", "THREATEN")}),
    ("Venezuela would respond decisively to any Guyanese move on the disputed territory, Maduro said.",
     {E("VEN", "GUY", "THREATEN")}),
    ("Seoul will suffer the consequences of its provocations, North Korea's defence ministry warned.",
     {E("PRK", "KOR", "THREATEN"), E("PRK", "KOR", "ACCUSE")}),  # "its provocations" accuses
    # not threats: a past answer, an answer judged, an answer ruled out
    ("Russia responded to the letter from NATO on Monday.", set()),
    ("The response of Hungary to the Serbian proposal was muted.", set()),
    ("Japan said it would not react to the Chinese statement.", set()),
]

AGAINST = [
    ("Azerbaijan is against the extension of the Russian peacekeeping mission beyond 2025.",
     {E("AZE", "RUS", "REJECT")}),
    ("Greece remains firmly against Turkey's plan to drill off Crete.", {E("GRC", "TUR", "REJECT")}),
    ("Hungary is not against the Ukrainian accession talks, its minister said.", set()),
]

BETWEEN = [
    ("The war between Ethiopia and Eritrea killed tens of thousands of soldiers.",
     {E("ETH", "ERI", "ASSAULT"), E("ERI", "ETH", "ASSAULT")}),
    ("Fighting between Sudan and South Sudan broke out near the Heglig oil field.",
     {E("SDN", "SSD", "ASSAULT"), E("SSD", "SDN", "ASSAULT")}),
    ("Talks between Belgrade and Pristina resumed in Brussels on Thursday.", {E("SRB", "XKX", "CONSULT")}),
    ("Analysts expect the alliance between Serbia and Hungary to deepen.", {E("SRB", "HUN", "COOPERATE")}),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(t, e, id=f"{name}-{i:02d}") for name, rows in
     (("response", COMING_RESPONSE), ("against", AGAINST), ("between", BETWEEN))
     for i, (t, e) in enumerate(rows, 1)],
)
def test_event_set(run_text, text, expected):
    ex = run_text(text)
    assert {(e.source, e.target, e.type, e.negated) for e in ex.events} == expected, sorted(
        (e.source, e.target, e.type, e.status, e.rule) for e in ex.events)


def test_coming_response_is_a_threat_made_now(run_text):
    ex = run_text("Iran's foreign ministry said Britain would face a proportionate response if it seized another tanker.")
    assert [e.status for e in ex.events] == ["reported"]

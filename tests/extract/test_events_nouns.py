"""Events stated by nouns and in background phrases, on sentences written for these tests.

The gold conventions (../shared/eval/SCHEMA.md, convention 1) code past and background acts too, so
"following its invasion of Ukraine" is an act of Russia's; a generic mention with no agent ("the
threat of war", "amid the war in Ukraine") names no one and is not coded. Mutual acts are coded
once, first-named to second, as in test_event_constructions.py; two armed sides of one state
fighting each other are a domestic act (SDN -> SDN), as the dev gold codes domestic coercion.
"""

from __future__ import annotations

import pytest
from keyset import keys

pytestmark = pytest.mark.slow


def E(source: str, target: str, type_: str, negated: bool = False) -> tuple[str, str, str, bool]:
    return (source, target, type_, negated)


NOUN_EVENTS = [
    # a hostile noun whose agent is named on it is aimed at the place it is waged in
    ("Ministers in Warsaw discussed Moscow's war in Ukraine on Tuesday.", {E("RUS", "UKR", "ASSAULT")}),
    ("The embargo was a response to Israel's offensive in Gaza, the ministers said.", {E("ISR", "PSE", "ASSAULT")}),
    # ... but not at the place the clause's verb happens in
    ("Turkey's offensive was debated in Berlin on Monday.", set()),
    # a possessive pronoun after "following"/"after" belongs to the clause's (passive) subject
    ("Russia was suspended from the body following its invasion of Ukraine in 2022.",
     {E("RUS", "UKR", "ASSAULT")}),
    # "between" on the verb the act is subject of; two states' forces fight each other (both ways)
    ("Fighting broke out between Armenian and Azerbaijani troops near the border.",
     {E("ARM", "AZE", "ASSAULT"), E("AZE", "ARM", "ASSAULT")}),
    ("Clashes were reported between Azerbaijani and Armenian soldiers overnight.",
     {E("AZE", "ARM", "ASSAULT"), E("ARM", "AZE", "ASSAULT")}),
    # both sides one state's: a war at home
    ("Fighting erupted between the Sudanese army and the Rapid Support Forces in April.",
     {E("SDN", "SDN", "ASSAULT")}),
    # one side unknown: no event
    ("Heavy fighting raged between Ethiopian federal forces and Tigrayan troops for two years.", set()),
    # the target hung off the "by" agent by the parser
    ("New sanctions by the European Union on Belarus took effect on Friday.", {E("EU", "BLR", "SANCTION")}),
    ("Missile strikes by Israel on targets in Syria killed four soldiers on Sunday.", {E("ISR", "SYR", "ASSAULT")}),
    # ... but only on the act's own noun: "war crimes" are crimes, not a war
    ("Croatia is probing war crimes by Croatian militiamen against Serb villagers.", set()),
    # a prefixed mediator ("EU-mediated") mediates between the parties that hold the talks
    ("Serbia and Kosovo began EU-mediated talks in 2013.",
     {E("EU", "SRB", "CONSULT"), E("EU", "XKX", "CONSULT"), E("SRB", "XKX", "CONSULT")}),
    # ending a conflict between two named parties is an AGREE between them
    ("The reconciliation between Iran and Saudi Arabia surprised Washington.", {E("IRN", "SAU", "AGREE")}),
    ("The rapprochement between Turkey and Egypt began in 2021.", {E("TUR", "EGY", "AGREE")}),
    # generic mentions name no agent: not coded
    ("Exports fell amid the war in Ukraine.", set()),
    ("The threat of war loomed over the region.", set()),
]


@pytest.mark.parametrize("text,expected", [pytest.param(t, e, id=f"noun-{i:02d}")
                                           for i, (t, e) in enumerate(NOUN_EVENTS, 1)])
def test_noun_events(run_text, text: str, expected: set) -> None:
    assert keys(run_text(text)) == expected

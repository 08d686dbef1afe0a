"""Arms parties named only by an epithet or a pronoun (issue 15, 3.8: actor resolution), on sentences
written for these tests.

The other party of a transfer is never the referent of its epithet, and the state an epithet points
back to may sit earlier in the same sentence, outside the clause that states the transfer.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def dyads(ex):
    """(supplier, recipient, system as written or canonical) of every record."""
    return {(a.supplier, a.recipient, name) for a in ex.arms for name in {a.system, a.written or a.system}}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the state named last is the seller: the epithet passes over it to the one before
        ("Officials in Hanoi welcomed the envoy from Moscow. The Southeast Asian country ordered 12 Su-30 "
         "jets from Russia.", ("RUS", "VNM", "Su-30")),
        ("Ministers in Cairo hosted a delegation from Paris last week. The North African country bought "
         "30 more Rafale jets from France.", ("FRA", "EGY", "Rafale")),
        # named earlier in the same sentence, outside the clause that states the purchase
        ("Beijing's ties with Serbia have deepened since the Balkan country bought FK-3 air defence systems.",
         ("CHN", "SRB", "FK-3")),
        ("China's friendship with Serbia grew stronger after reports that the Balkan country had signed a "
         "contract to buy Wing Loong drones.", ("CHN", "SRB", "Wing Loong")),
        # the object "it" of "supply it with" or "sell it" is the state named before, not the seller
        ("Vietnam is rebuilding its air force. Russia has agreed to supply it with 12 Su-30 jets.",
         ("RUS", "VNM", "Su-30")),
        ("Morocco wants to replace its old helicopters. Washington has offered to sell it 24 Apache helicopters.",
         ("USA", "MAR", "AH-64 Apache")),
        # the buyer is an institution of the state an epithet names: "the country's defence ministry"
        ("Jakarta has long sought new fighters. The country's defence ministry signed a contract with France "
         "for 42 Rafale jets.", ("FRA", "IDN", "Rafale")),
        ("Rabat wants to replace its ageing fleet. The kingdom's armed forces will receive 24 Apache "
         "helicopters from the United States.", ("USA", "MAR", "AH-64 Apache")),
        ("Officials in Belgrade met the Chinese ambassador. The Balkan country's army has taken delivery of "
         "FK-3 air defence systems from China.", ("CHN", "SRB", "FK-3")),
        # "the territory" refers back like "the country" (anaphors.csv)
        ("Belgrade objects to Kosovo's new army. The territory received Bayraktar drones from Turkey last year.",
         ("TUR", "XKX", "Bayraktar TB2")),
    ],
)
def test_an_epithet_or_it_names_the_state_before_it(run_text, text, expected):
    assert expected in dyads(run_text(text))


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # the seller named in the clause is never its own buyer, and nothing else was named before
        ("Russia sold the Southeast Asian country 12 Su-30 jets.", "RUS"),
        ("The Balkan country bought six FK-3 systems from China.", "CHN"),
        # "it" that is the item, not a state: "Russia will deliver it next year" names no recipient
        ("Russia has built a new S-400 battery for India. Moscow will deliver it by the spring.", "RUS"),
        # the sentence's own seller is passed over, and a body is not a state
        ("NATO praised Poland's plan. Seoul agreed to supply it with 48 K9 howitzers.", "NATO"),
        # the owner's epithet passes over the seller of its own clause too
        ("The country's navy will buy two corvettes from South Korea.", "KOR"),
        ("The territory received Bayraktar drones from Turkey last year.", "TUR"),
    ],
)
def test_the_referent_is_never_the_other_party(run_text, text, absent):
    assert all(a.recipient != absent for a in run_text(text).arms)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the rebels", "the group", "the paramilitary group": the armed group named before, coded to
        # the state it fights in (actors.csv)
        ("The Houthis fired two missiles at a tanker. Iran has supplied the rebels with drones and missiles, "
         "US officials say.", ("IRN", "YEM", "drones")),
        ("The RSF has taken more ground in Darfur. The UAE has supplied the paramilitary group with drones, "
         "UN experts said.", ("ARE", "SDN", "drones")),
        ("Israel says Tehran arms Hezbollah. Iran has sent the group thousands of rockets.", ("IRN", "LBN", "rockets")),
        ("Hezbollah fired rockets at northern Israel. The group received the rockets from Iran.",
         ("IRN", "LBN", "rockets")),
    ],
)
def test_the_rebels_are_the_armed_group_named_before(run_text, text, expected):
    assert expected in dyads(run_text(text))


@pytest.mark.parametrize(
    "text",
    [
        "Russia sent weapons to the rebels.",  # no group named before
        "Ukraine asked for help. Russia armed the rebels with tanks.",  # a state before, no group
        # the group in another paragraph
        "The Houthis fired missiles at ships.\n\nIran has supplied the rebels with drones, US officials say.",
    ],
)
def test_the_rebels_with_no_group_named_before_name_no_recipient(run_text, text):
    assert not run_text(text).arms

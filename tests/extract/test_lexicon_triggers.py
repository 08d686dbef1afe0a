"""Trigger words of data/verbs.csv, one sentence each (sentences written for these tests).

Each case exercises one lexicon entry of the general news vocabulary (CAMEO / PLOVER
categories) and asserts the (source, target, type) it codes. Ambiguous words are only
triggers with the objects their rows name, so the second table checks that everyday uses
of them ("struck a deal", "spoke to reporters", "received jets") do not become the wrong event.
"""

from __future__ import annotations

import pytest
from keyset import keys

pytestmark = pytest.mark.slow


def produced(ex) -> list[tuple]:
    return sorted((e.source, e.target, e.type, e.negated, e.rule) for e in ex.events)


CASES = [
    # ACCUSE: investigation (PLOVER INVESTIGATE), official complaints, praise's opposite
    ("investigate", "The International Criminal Court is investigating Myanmar over the expulsion of the Rohingya.",
     ("ICC", "MMR", "ACCUSE")),
    ("open+investigation", "The European Commission opened an investigation into Chinese subsidies for solar panels.",
     ("EU", "CHN", "ACCUSE")),
    ("summon", "Lithuania summoned the Belarusian ambassador after the border incident.", ("LTU", "BLR", "ACCUSE")),
    ("lodge+protest", "Japan lodged a protest with China over the coast guard patrols.", ("JPN", "CHN", "ACCUSE")),
    ("file+complaint", "Greece filed a complaint against Turkey at the United Nations.", ("GRC", "TUR", "ACCUSE")),
    ("complain", "Tokyo complained about Chinese incursions near the Senkaku islands.", ("JPN", "CHN", "ACCUSE")),
    # SUPPORT
    ("laud", "The Turkish president lauded Azerbaijan for its restraint.", ("TUR", "AZE", "SUPPORT")),
    ("express+condolences", "Egypt expressed condolences to Morocco after the earthquake.", ("EGY", "MAR", "SUPPORT")),
    ("lend+support", "Germany lent its support to Ukraine's membership bid.", ("DEU", "UKR", "SUPPORT")),
    ("grant+recognition", "Ecuador granted diplomatic recognition to Kosovo in 2021.", ("ECU", "XKX", "SUPPORT")),
    # CONSULT
    ("telephone", "The Kenyan president telephoned his Ugandan counterpart on Sunday.", ("KEN", "UGA", "CONSULT")),
    ("speak", "Erdogan spoke with Putin by phone about the grain corridor.", ("TUR", "RUS", "CONSULT")),
    ("receive+delegation", "Vietnam received a delegation from Laos on Monday.", ("VNM", "LAO", "CONSULT")),
    ("trip", "The Indian foreign minister made a trip to Canberra in March.", ("IND", "AUS", "CONSULT")),
    ("renew+negotiations", "Israel and Lebanon renewed negotiations on the maritime border.", ("ISR", "LBN", "CONSULT")),
    # AGREE
    ("restore+relations", "Saudi Arabia restored diplomatic relations with Iran in March.", ("SAU", "IRN", "SUPPORT")),
    ("strike+deal", "India struck a trade deal with Australia.", ("IND", "AUS", "AGREE")),
    ("reach+agreement", "Armenia and Azerbaijan reached an agreement on the release of detainees.",
     ("ARM", "AZE", "AGREE")),
    ("offer", "Qatar offered humanitarian aid to Sudan.", ("QAT", "SDN", "AGREE")),
    ("give+assurances", "Tokyo gave assurances to Seoul that the wastewater was safe.", ("JPN", "KOR", "AGREE")),
    # COOPERATE
    ("extradite", "Spain extradited the suspect to the United States.", ("ESP", "USA", "COOPERATE")),
    ("deepen+cooperation", "France deepened its defence cooperation with Poland.", ("FRA", "POL", "COOPERATE")),
    ("export", "Kazakhstan exported wheat to Afghanistan.", ("KAZ", "AFG", "COOPERATE")),
    # AID
    ("grant+asylum", "Norway granted asylum to a Russian defector.", ("NOR", "RUS", "AID")),
    ("increase+aid", "Washington increased military aid to Taiwan.", ("USA", "TWN", "AID")),
    # CONCEDE
    ("drop+objections", "Ankara dropped its objections to Sweden's NATO membership.", ("TUR", "SWE", "CONCEDE")),
    ("ease+sanctions", "Washington eased sanctions on Venezuela in October.", ("USA", "VEN", "CONCEDE")),
    ("release", "Israel released Palestinian prisoners in exchange for hostages.", ("ISR", "PSE", "CONCEDE")),
    # RETREAT
    ("surrender", "Russian soldiers surrendered to Ukrainian forces near Bakhmut.", ("RUS", "UKR", "RETREAT")),
    ("halt+offensive", "Ethiopia halted its offensive against Eritrea after the talks.", ("ETH", "ERI", "RETREAT")),
    # REQUEST
    ("plead", "Kyiv pleaded with Washington for more air defence systems.", ("UKR", "USA", "REQUEST")),
    ("apply", "Finland applied for NATO membership in May 2022.", ("FIN", "NATO", "REQUEST")),
    # REJECT
    ("decline", "Baghdad declined Ankara's offer of mediation.", ("IRQ", "TUR", "REJECT")),
    ("vote+against", "Serbia voted against Kosovo's membership of UNESCO.", ("SRB", "XKX", "REJECT")),
    # THREATEN
    ("vow+revenge", "Iran vowed revenge against Israel after the strike.", ("IRN", "ISR", "THREATEN")),
    ("give+warning", "Washington gave a warning to Pyongyang over the missile tests.", ("USA", "PRK", "THREATEN")),
    # PROTEST
    ("picket", "Armenians picketed the Azerbaijani embassy in Paris.", ("ARM", "AZE", "PROTEST")),
    # MOBILIZE
    ("amass", "Russia amassed troops along the border with Ukraine.", ("RUS", "UKR", "MOBILIZE")),
    ("hold+drills", "China held large-scale drills around Taiwan on Monday.", ("CHN", "TWN", "MOBILIZE")),
    # SANCTION
    ("cut+supplies", "Poland cut gas supplies to Belarus.", ("POL", "BLR", "SANCTION")),
    ("withdraw+ambassador", "Niger withdrew its ambassador from France.", ("NER", "FRA", "SANCTION")),
    ("suspend", "The African Union suspended Mali after the coup.", ("AU", "MLI", "SANCTION")),
    ("break+relations", "Serbia broke off diplomatic relations with Montenegro.", ("SRB", "MNE", "SANCTION")),
    # COERCE
    ("jail", "Belarus jailed a Polish journalist for espionage.", ("BLR", "POL", "COERCE")),
    ("confiscate+from", "Poland confiscated weapons from Belarusian smugglers.", ("POL", "BLR", "COERCE")),
    # ASSAULT
    ("kidnap", "Ethiopian troops kidnapped Eritrean refugees near the border.", ("ETH", "ERI", "ASSAULT")),
    ("sink", "Ukrainian forces sank a Russian warship in the Black Sea.", ("UKR", "RUS", "ASSAULT")),
    ("open+fire", "Indian troops opened fire on Pakistani posts across the Line of Control.", ("IND", "PAK", "ASSAULT")),
    ("killing", "The killing of Palestinian civilians by Israeli forces drew wide condemnation.",
     ("ISR", "PSE", "ASSAULT")),
    ("launch+operation", "Azerbaijan launched a military operation against Armenian forces.", ("AZE", "ARM", "ASSAULT")),
    # traded fire / accusations / threats: a mutual act of the conjuncts; plain trade stays commerce
    ("trade+fire", "Thai soldiers traded gunfire with Cambodian troops near the temple.", ("THA", "KHM", "ASSAULT")),
    ("trade+fire-mutual", "Sudanese and Chadian forces traded shots along the frontier.", ("SDN", "TCD", "ASSAULT")),
    ("trade+accusations", "Greece traded barbs with Turkey over the migrants.", ("GRC", "TUR", "ACCUSE")),
    ("exchange+accusations", "Ethiopia and Egypt exchanged accusations over the dam.", ("ETH", "EGY", "ACCUSE")),
    ("trade+threats", "Colombia and Ecuador traded threats after the embassy raid.", ("COL", "ECU", "THREATEN")),
    ("trade-commerce", "Vietnam trades with Cambodia in rice and fish.", ("VNM", "KHM", "COOPERATE")),
    # blocking roads is a protest of the blockers (CAMEO 144)
    ("block+roads", "Serb protesters blocked roads in northern Kosovo.", ("SRB", "XKX", "PROTEST")),
    # closing a border (CAMEO 191, restrict movement: COERCE) aims at the neighbour
    ("close+border-with", "Uzbekistan closed its borders with Tajikistan.", ("UZB", "TJK", "COERCE")),
    ("close+border-owner", "Pakistan closed the Afghan border after the clashes.", ("PAK", "AFG", "COERCE")),
    # entering or violating waters and airspace: a show of force (CAMEO 150), not an attack
    ("enter+waters", "Chinese coast guard vessels entered Japanese waters near the islands.", ("CHN", "JPN", "MOBILIZE")),
    ("cross+airspace", "Russian drones crossed into Romanian airspace overnight.", ("RUS", "ROU", "MOBILIZE")),
    ("violate+airspace", "Russian jets violated Finnish airspace on Friday.", ("RUS", "FIN", "MOBILIZE")),
    ("intrude", "Chinese ships intrude into Philippine waters almost daily.", ("CHN", "PHL", "MOBILIZE")),
    ("intrusion", "The Chinese intrusion into Indian territory drew protests.", ("CHN", "IND", "MOBILIZE")),
    ("arrival", "The arrival of Turkish troops in Libya angered Egypt.", ("TUR", "LBY", "MOBILIZE")),
    ("preparations+war", "Eritrea's preparations for war against Ethiopia worried diplomats.", ("ERI", "ETH", "MOBILIZE")),
    ("deployment+of", "The deployment of Russian troops to Belarus alarmed NATO.", ("RUS", "BLR", "MOBILIZE")),
    # relations: a pledge about them is AGREE (SCHEMA convention 4)
    ("preserve+relations", "Belgrade pledged to preserve relations with Washington.", ("SRB", "USA", "AGREE")),
    # arms and money passed on are aid; intelligence passed on is cooperation (CAMEO 064)
    ("channel+weapons", "Kenya channelled weapons to South Sudanese rebels.", ("KEN", "SSD", "AID")),
    ("funnel+money", "Qatar funnelled money to Hamas in Gaza.", ("QAT", "PSE", "AID")),
    ("smuggle+weapons", "Rwanda smuggled weapons to Congolese rebels.", ("RWA", "COD", "AID")),
    ("transmit+intelligence", "The United States transmitted intelligence data to Ukraine.", ("USA", "UKR", "COOPERATE")),
    ("pass+intelligence", "Britain passed intelligence to Nigeria about the kidnappers.", ("GBR", "NGA", "COOPERATE")),
    ("provide+intelligence", "Washington provided intelligence to Kyiv.", ("USA", "UKR", "COOPERATE")),
    # protest forms: sit-in, walkout, election boycott
    ("sit-in", "Kenyan opposition supporters staged a sit-in outside the Ugandan embassy.", ("KEN", "UGA", "PROTEST")),
    ("hold+sit-ins", "Iraqi students held sit-ins against the American occupation.", ("IRQ", "USA", "PROTEST")),
    ("walkout", "Nepalese lawmakers staged a walkout against the Indian blockade.", ("NPL", "IND", "PROTEST")),
    ("boycott+elections", "Sri Lankan Tamil parties boycotted the Sri Lankan elections.", ("LKA", "LKA", "PROTEST")),
    ("boycott-of-elections", "The Serb boycott of the Kosovo elections left the north without mayors.",
     ("SRB", "XKX", "PROTEST")),
    # sanctions and force
    ("slap+sanctions", "Washington slapped sanctions on Nicaragua.", ("USA", "NIC", "SANCTION")),
    ("tighten+sanctions", "The EU tightened sanctions on Belarus.", ("EU", "BLR", "SANCTION")),
    ("withdrawal+ambassador", "The withdrawal of the French ambassador from Niger angered Paris.", ("FRA", "NER", "SANCTION")),
    ("withdrawal+troops", "The withdrawal of French troops from Mali was completed.", ("FRA", "MLI", "RETREAT")),
    ("down", "Turkey downed a Russian jet near the Syrian border.", ("TUR", "RUS", "ASSAULT")),
    # verbs made triggers above still code the nouns they support
    ("enter+talks", "Sudan entered talks with Ethiopia over the dam.", ("SDN", "ETH", "CONSULT")),
    ("enter+agreement", "Indonesia entered into an agreement with Malaysia.", ("IDN", "MYS", "AGREE")),
    ("tighten+blockade", "NATO tightened its blockade of Libyan ports.", ("NATO", "LBY", "COERCE")),
    ("pass+sanctions", "The US Congress passed sanctions against Nicaragua.", ("USA", "NIC", "SANCTION")),
    # objects by semantic class (object_classes.csv), issue 15 §3.4: any grievance, any official
    ("voice+@grievance", "Peru voiced its protest to Ecuador over the fishing boats.", ("PER", "ECU", "ACCUSE")),
    ("convey+@grievance", "Beijing conveyed its strong displeasure to Tokyo over the shrine visit.",
     ("CHN", "JPN", "ACCUSE")),
    ("express+@grievance", "Greek diplomats expressed their indignation to Turkey over the overflights.",
     ("GRC", "TUR", "ACCUSE")),
    ("register+@grievance", "Seoul registered a formal complaint with the Japanese embassy.", ("KOR", "JPN", "ACCUSE")),
    ("tell+@official", "The Italian minister told her Croatian counterpart that the ferry deal was off.",
     ("ITA", "HRV", "CONSULT")),
    ("brief+@official", "The Dutch prime minister briefed the Ukrainian president on the aid package.",
     ("NLD", "UKR", "CONSULT")),
    ("receive+@official", "Ankara received the Azerbaijani negotiator on Tuesday.", ("TUR", "AZE", "CONSULT")),
    ("attribute", "Britain attributed the cyberattack to Russian military intelligence.", ("GBR", "RUS", "ACCUSE")),
    ("blame-noun", "Washington put the blame on Iran for the tanker attack.", ("USA", "IRN", "ACCUSE")),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in CASES])
def test_trigger_codes_event(run_text, text, expected):
    ex = run_text(text)
    assert (*expected, False) in keys(ex), produced(ex)


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        # "strike" with a deal is an agreement, not an attack
        pytest.param("Serbia struck a gas deal with Azerbaijan.", ("SRB", "AZE", "ASSAULT"), id="strike-deal"),
        # "tell" is a consultation only with an official; telling reporters or state television is not
        pytest.param("The Russian foreign minister told state television that talks were pointless.", None,
                     id="tell-television"),
        pytest.param("The Polish president told reporters in Warsaw that the border was calm.", None,
                     id="tell-reporters"),
        # "receive" is a visit only with a delegation or an envoy; arms received are no meeting
        pytest.param("Vietnam received new fighter jets from Russia last year.", ("VNM", "RUS", "CONSULT"),
                     id="receive-jets"),
        # "cut" is a sanction only with ties, aid or supplies
        pytest.param("The Croatian president cut the ribbon at the new bridge over the Sava.", None, id="cut-ribbon"),
        # "close" is a sanction or coercion only with an embassy, a border or airspace
        pytest.param("The Hungarian minister closed the conference in Budapest.", None, id="close-conference"),
        # "release" codes a concession only when what is released names an actor
        pytest.param("Brazil released its annual trade figures on Monday.", None, id="release-figures"),
        # a general strike is a protest, never an air strike
        pytest.param("Teachers across Kenya held a general strike on Monday.", ("KEN", "KEN", "ASSAULT"),
                     id="general-strike"),
        # talking to the press is no consultation between actors
        pytest.param("The Greek prime minister spoke to reporters in Athens.", None, id="speak-reporters"),
        # goods traded are commerce, neither fire nor accusations
        pytest.param("Kenya and Tanzania traded goods worth billions last year.", ("KEN", "TZA", "ASSAULT"),
                     id="trade-goods"),
        # a resolution blocked is rejected, not protested
        pytest.param("Russia blocked a UN resolution on Syria.", ("RUS", "UN", "PROTEST"), id="block-resolution"),
        # "enter" and "cross" are incursions only with waters or airspace
        pytest.param("The Kenyan treaty with Uganda entered into force in May.", ("KEN", "UGA", "MOBILIZE"),
                     id="enter-force"),
        pytest.param("Croatia entered the eurozone in 2023.", None, id="enter-eurozone"),
        pytest.param("Sudanese refugees crossed the border into Chad.", ("SDN", "TCD", "MOBILIZE"), id="cross-refugees"),
        # "violate" a deal is no incursion
        pytest.param("Israel said Lebanon violated the ceasefire agreement.", ("LBN", "ISR", "MOBILIZE"),
                     id="violate-ceasefire"),
        # aid provided stays aid; only intelligence and data make cooperation
        pytest.param("Japan provided humanitarian aid to Turkey.", ("JPN", "TUR", "COOPERATE"), id="provide-aid"),
        pytest.param("The Kenyan parliament passed the budget for Nairobi.", None, id="pass-budget"),
        pytest.param("The Malian president channelled his anger into reforms.", None, id="channel-anger"),
        # a boycott of goods is no election boycott
        pytest.param("Arab states boycotted Israeli goods for decades.", ("ARE", "ISR", "PROTEST"), id="boycott-goods"),
        # the arrival of a visitor and preparations for a summit move no troops
        pytest.param("The arrival of the Kenyan president in Kampala was delayed.", None, id="arrival-president"),
        pytest.param("Indonesia's preparations for the summit with China are under way.", ("IDN", "CHN", "MOBILIZE"),
                     id="preparations-summit"),
        # tightening security is no sanction; exchanging views no accusation
        pytest.param("Egypt tightened security around the Israeli embassy.", ("EGY", "ISR", "SANCTION"),
                     id="tighten-security"),
        pytest.param("Peru and Chile exchanged views on the fisheries dispute.", ("PER", "CHL", "ACCUSE"),
                     id="exchange-views"),
        # workers downing tools strike; they shoot nothing down
        pytest.param("Nigerian dock workers downed tools on Monday.", None, id="down-tools"),
        # a troop withdrawal is no diplomatic sanction; an ambassador's withdrawal no retreat
        pytest.param("The withdrawal of French troops from Mali was completed.", ("FRA", "MLI", "SANCTION"),
                     id="withdrawal-troops"),
        pytest.param("The withdrawal of the French ambassador from Niger angered Paris.", ("FRA", "NER", "RETREAT"),
                     id="withdrawal-ambassador"),
        # a withdrawal only demanded is not done
        pytest.param("The EU demanded the withdrawal of Russian troops from Moldova.", ("RUS", "MDA", "RETREAT"),
                     id="demanded-withdrawal"),
    ],
)
def test_constrained_trigger_not_miscoded(run_text, text, wrong):
    ex = run_text(text)
    if wrong is None:
        assert ex.events == (), produced(ex)
    else:
        assert (*wrong, False) not in keys(ex), produced(ex)


def test_object_classes_expand_in_verbs_csv(tmp_path) -> None:
    """An "@class" object stands for its members; an unknown class names the file and line."""
    from powderkeg.errors import DataFileError
    from powderkeg.lexicons import load_triggers, object_classes

    assert {"displeasure", "protest", "complaint"} <= object_classes()["grievance"]
    rows = load_triggers()[("voice", "VERB")]
    assert any("indignation" in t.objects for t in rows)
    bad = tmp_path / "verbs.csv"
    bad.write_text("lemma,pos,type,object,target_preps,negated_type,flags\n"
                   "voice,VERB,ACCUSE,@grudges,to,,\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown object class '@grudges'"):
        load_triggers(bad)

"""Arms transfers on sentences written for these tests (SCHEMA.md arms field, convention 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from powderkeg.errors import DataFileError
from powderkeg.extract.arms import (
    find_money,
    load_currencies,
    load_makers,
    load_weapons,
    maker_state,
    names_a_weapon,
    parse_count,
)

pytestmark = pytest.mark.slow


def one(ex, system):
    found = [a for a in ex.arms if a.system == system]
    assert len(found) == 1, [(a.supplier, a.recipient, a.system) for a in ex.arms]
    return found[0]


# --- supplier, recipient, system ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany delivered four IRIS-T air defence systems to Ukraine in October.", ("DEU", "UKR", "IRIS-T")),
        ("Turkey has supplied Azerbaijan with Bayraktar TB2 drones.", ("TUR", "AZE", "Bayraktar TB2")),
        ("Poland received the first Abrams tanks from the United States on Friday.", ("USA", "POL", "M1 Abrams")),
        ("Washington's sale of 66 F-16V jets to Taiwan angered Beijing.", ("USA", "TWN", "F-16")),
        ("Egypt was armed by Russia with Su-35 fighter jets.", ("RUS", "EGY", "Su-35")),
        ("France has armed India with Rafale fighter jets under a 2016 contract.", ("FRA", "IND", "Rafale")),
        ("A shipment of Shahed drones from Iran arrived in Russia last month.", ("IRN", "RUS", "Shahed-136")),
        ("Ukraine took delivery of Caesar howitzers sent by France.", ("FRA", "UKR", "Caesar")),
        ("Moscow sent S-400 batteries to Turkey in 2019.", ("RUS", "TUR", "S-400")),
        ("The Netherlands donated eight PzH 2000 howitzers to Ukraine.", ("NLD", "UKR", "PzH 2000")),
    ],
)
def test_parties_and_system(run_text, text, expected):
    ex = run_text(text)
    assert expected in {(a.supplier, a.recipient, a.system) for a in ex.arms}


def test_evidence_is_the_sentence_with_offsets(run_text):
    text = "Tensions rose in the region.\nGermany delivered four IRIS-T air defence systems to Ukraine in October."
    ex = run_text(text)
    rec = one(ex, "IRIS-T")
    assert text[rec.start:rec.end] == rec.evidence
    assert rec.evidence.startswith("Germany delivered")
    assert rec.weapon_class == "air defence missile system"


# --- quantities and money -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "system", "quantity"),
    [
        ("Spain sent six Leopard 2 tanks to Ukraine.", "Leopard 2", 6),
        ("Norway delivered two dozen launchers and 300 NASAMS missiles to Ukraine.", "NASAMS", 300),
        ("The United States delivered 1,500 Stinger missiles to Ukraine.", "Stinger", 1500),
        ("Slovakia sent thirteen MiG-29s to Ukraine in April.", "MiG-29", 13),
        ("Russia delivered Pantsir systems to Serbia in 2020.", "Pantsir", None),
        ("Portugal sent some 200 tonnes of ammunition to Ukraine.", "ammunition", None),  # a weight, no count
        ("Canada shipped two million rounds of ammunition to Ukraine.", "ammunition", 2_000_000),
    ],
)
def test_quantity(run_text, text, system, quantity):
    assert one(run_text(text), system).quantity == quantity


@pytest.mark.parametrize(
    ("text", "usd"),
    [
        ("The $75 million-worth deal sends ammunition abroad.", 75_000_000.0),
        ("Paris signed a €1.2bn contract.", 1_296_000_000.0),
        ("London approved £500m in loans.", 635_000_000.0),
        ("The package is worth 3 billion dollars.", 3_000_000_000.0),
        # wire-service abbreviations and codes before the amount (issue 15, 3.8)
        ("Belgrade signed a $75Mln contract for air defence.", 75_000_000.0),
        ("The deal is worth $75 mln, the ministry said.", 75_000_000.0),
        ("Ankara agreed a $1.2bn order for drones.", 1_200_000_000.0),
        ("Nairobi will pay USD 40 million for the vehicles.", 40_000_000.0),
        ("The contract is valued at EUR 2 bln.", 2_160_000_000.0),
        # a hyphen between amount and scale, South Asian scales, a currency symbol of its own
        ("Congress was told of a $1.1-billion arms sale.", 1_100_000_000.0),
        ("The ministry cleared a Rs 5,000 crore order for howitzers.", 600_000_000.0),
        ("Taipei set aside NT$2 billion for missiles.", 62_000_000.0),
        ("Two members 30 years ago paid $4m for rifles.", 4_000_000.0),  # "rs 30" is no rupee amount
    ],
)
def test_money(text, usd):
    assert [v for _, _, v in find_money(text)] == [usd]


@pytest.mark.parametrize(
    ("text", "systems", "usd"),
    [
        ("Belgrade signed a $75Mln deal with Moscow to buy 30 T-72 tanks and 30 BRDM-2.", {"T-72", "BRDM-2"},
         75_000_000.0),
        ("Washington's $650 million sale to Qatar is for 280 AMRAAM missiles and 596 missile launchers.",
         {"AMRAAM", "missile launchers"}, 650_000_000.0),
    ],
)
def test_a_package_value_is_counted_once(run_text, text, systems, usd):
    """Each system carries the package's value (annotation convention); the package key dedupes sums."""
    arms = run_text(text).arms
    assert {a.system for a in arms} == systems
    assert {a.value_usd for a in arms} == {usd}
    packages = {(a.package, a.value_usd) for a in arms}
    assert len(packages) == 1 and sum(v or 0 for _, v in packages) == usd


def test_system_as_written_beside_the_canonical_name(run_text):
    rec = one(run_text("Russia delivered the first Pantsir-S1 systems to Serbia."), "Pantsir")
    assert rec.written == "Pantsir-S1"


def test_value_in_euros(run_text):
    ex = run_text("France approved a €2 billion sale of 24 Rafale jets to Greece.")
    rec = one(ex, "Rafale")
    assert (rec.supplier, rec.recipient, rec.quantity, rec.value_usd) == ("FRA", "GRC", 24, 2_160_000_000.0)
    assert rec.status == "approved"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a catch-all stated at another stage in a sentence of its own is another transfer
        ("The State Department approved a $400 million arms sale to Taiwan on Friday. For decades the United "
         "States has supplied weapons to Taiwan.", {("arms", "approved"), ("weapons", "delivered")}),
        ("Berlin approved new arms exports to Ukraine on Monday. Germany has delivered weapons to Ukraine "
         "since 2022.", {("arms", "approved"), ("weapons", "delivered")}),
        # the same stage again, or a denial of the first, stays one record
        ("Seoul signed a deal to sell weapons to Poland in July. Last month South Korea also signed a "
         "contract for more arms for Poland.", {("weapons", "approved")}),
        ("Serbian media reported arms exports from Britain to Kosovo. The British embassy denied that Britain "
         "had sent weapons to Kosovo.", {("arms", "alleged")}),
        # a named system keeps one record across its stages
        ("The United States approved the sale of F-16 jets to Taiwan in 2019. The US has delivered the "
         "first F-16 jets to Taiwan.", {("F-16", "delivered")}),
    ],
)
def test_a_catch_all_at_another_stage_is_its_own_record(run_text, text, expected):
    assert {(a.system, a.status) for a in run_text(text).arms} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a delivered portion names the order it belongs to: one record each
        ("Poland received the first two of 48 K9 howitzers from South Korea.",
         {("K9 Thunder", 2, "delivered"), ("K9 Thunder", 48, "approved")}),
        ("Belgrade's air force took delivery of the first of six Pantsir-S1 batteries from Russia under a "
         "contract it signed in 2020.", {("Pantsir", 1, "delivered"), ("Pantsir", 6, "approved")}),
        ("Poland took delivery of the first 10 of the 250 Abrams tanks it ordered from the United States.",
         {("M1 Abrams", 10, "delivered"), ("M1 Abrams", 250, "approved")}),
        # no portion, or a portion not yet delivered: one record
        ("Poland received 48 K9 howitzers from South Korea.", {("K9 Thunder", 48, "delivered")}),
        ("The first two of 48 K9 howitzers will arrive in Poland next year.", {("K9 Thunder", 2, "planned")}),
        # the last of an order: the order is complete, nothing left open
        ("Hungary received the last of 44 Lynx fighting vehicles from Germany.", {("Lynx", 1, "delivered")}),
    ],
)
def test_a_delivered_portion_and_its_order(run_text, text, expected):
    assert {(a.system, a.quantity, a.status) for a in run_text(text).arms} == expected


@pytest.mark.parametrize(
    ("words", "n"),
    [(["246"], 246), (["two", "dozen"], 24), (["2", "million"], 2_000_000), (["more", "than", "3,000"], 3000),
     (["sixty-four"], 64), (["some", "24"], 24), (["hundreds"], None), (["a", "dozen"], 12)],
)
def test_parse_count(words, n):
    assert parse_count(words) == n


# --- several systems, repeats, references back ---------------------------------------------------


def test_several_systems_in_one_sentence(run_text):
    ex = run_text("The United States sent 31 Abrams tanks and 20 Bradley fighting vehicles to Ukraine.")
    got = {(a.system, a.quantity) for a in ex.arms if (a.supplier, a.recipient) == ("USA", "UKR")}
    assert got == {("M1 Abrams", 31), ("Bradley", 20)}


def test_repeated_transfer_is_one_record_filled_across_sentences(run_text):
    ex = run_text(
        "The State Department approved the sale of Patriot missiles to Poland on Monday. "
        "Poland expects to receive 48 Patriot missiles worth $1.5 billion by 2026."
    )
    rec = one(ex, "Patriot")
    assert (rec.supplier, rec.recipient, rec.quantity, rec.value_usd) == ("USA", "POL", 48, 1_500_000_000.0)
    assert rec.status == "approved"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a model no lexicon row names, listed beside a known one, keeps its own count
        ("Belgrade signed a deal with Moscow to buy 30 T-72 tanks and 30 BRDM-2.",
         {("T-72", 30), ("BRDM-2", 30)}),
        ("Hungary bought 40 Leopard 2 tanks and 24 PzH 2000 howitzers from Germany.",
         {("Leopard 2", 40), ("PzH 2000", 24)}),
        # a different model number is a different system, kept as written
        ("Russia delivered 12 BMP-3 infantry fighting vehicles to Venezuela.", {("BMP-3", 12)}),
        ("Russia delivered 12 BMP-2 infantry fighting vehicles to Venezuela.", {("BMP-2", 12)}),
        ("India received six T-90S tanks from Russia.", {("T-90", 6)}),
    ],
)
def test_systems_with_their_counts(run_text, text, expected):
    assert {(a.system, a.quantity) for a in run_text(text).arms} == expected


@pytest.mark.parametrize(
    ("text", "system", "parties"),
    [
        # generic systems by head noun and modifier, kept as written
        ("Washington has agreed to sell armored security vehicles to Nairobi.", "armored security vehicles",
         ("USA", "KEN")),
        ("Belgrade will buy electronic warfare systems from Israel.", "electronic warfare systems", ("ISR", "SRB")),
        ("Germany delivered night-vision equipment to Ukraine last week.", "night-vision equipment", ("DEU", "UKR")),
        ("Iran has shipped close-range ballistic missiles to Russia.", "close-range ballistic missiles",
         ("IRN", "RUS")),
        ("France sent 12 anti-drone systems to Armenia.", "anti-drone systems", ("FRA", "ARM")),
    ],
)
def test_generic_systems_by_head_and_modifier(run_text, text, system, parties):
    rec = one(run_text(text), system)
    assert (rec.supplier, rec.recipient) == parties


def test_modifiers_that_name_no_weapon_make_no_system(run_text):
    ex = run_text("Japan sent new security systems for its embassy to Kenya. Germany sold cooking equipment to Chad.")
    assert ex.arms == ()


def test_the_missiles_refers_back(run_text):
    ex = run_text(
        "Britain sent Storm Shadow cruise missiles to Ukraine in May. "
        "The missiles were delivered by Britain to Ukraine in 200 crates."
    )
    assert [(a.supplier, a.recipient, a.system) for a in ex.arms] == [("GBR", "UKR", "Storm Shadow")]


def test_list_after_a_generic_transfer(run_text):
    ex = run_text("Russia has supplied Mali with weapons. These include Mi-24 helicopters and T-72 tanks.")
    assert {a.system for a in ex.arms} == {"Mi-24", "T-72"}


def test_components_are_not_transfers(run_text):
    ex = run_text("China delivered J-10C jets, with PL-15 missiles and radars, to Pakistan.")
    assert {a.system for a in ex.arms} == {"J-10"}


# --- status (SCHEMA.md convention 5) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "system", "status"),
    [
        ("Germany delivered Leopard 2 tanks to Ukraine on Monday.", "Leopard 2", "delivered"),
        ("The State Department approved the sale of Harpoon missiles to Taiwan.", "Harpoon", "approved"),
        ("Poland signed a contract to buy K2 tanks from South Korea.", "K2 Black Panther", "approved"),
        ("Serbia is seeking S-400 systems from Russia.", "S-400", "requested"),
        ("Kyiv asked Berlin for Taurus missiles.", "Taurus", "requested"),
        ("Britain will send Challenger 2 tanks to Ukraine.", "Challenger 2", "planned"),
        ("Sweden plans to donate Archer howitzers to Ukraine.", "Archer", "planned"),
        ("Ukraine claimed that Iran delivered Shahed drones to Russia.", "Shahed-136", "alleged"),
        ("Azerbaijan accused Iran of supplying Mohajer drones to Armenia.", "Mohajer-6", "alleged"),
        ("Iran denied sending Shahed drones to Russia.", "Shahed-136", "denied"),
        ("Iran denied sending Shahed drones to Russia, but Ukraine insisted that Iran had sent the drones to Russia.", "Shahed-136",
         "alleged"),
        # cues of issue 15, 3.8
        ("Washington accepted the request by Nairobi to purchase 12 attack helicopters.", "attack helicopters",
         "approved"),
        ("Kenya is negotiating the purchase of air defence systems from Turkey.", "air defence systems", "requested"),
        ("The Pentagon signed off on the sale of Javelin missiles to Georgia.", "Javelin", "approved"),
        ("Poland signed a contract with South Korea for 180 K2 tanks.", "K2 Black Panther", "approved"),
        # the outlet's own statement is no party's allegation
        ("Iran supplied the Houthis with Shahed drones, according to the newspaper.", "Shahed-136", "delivered"),
        ("Iran supplied the Houthis with Shahed drones, documents seen by the newspaper show.", "Shahed-136",
         "delivered"),
        # a third party's word is
        ("The United States says that Iran has shipped Shahed drones to Russia.", "Shahed-136", "alleged"),
        # a party's own statement is not
        ("Germany said it had delivered Leopard 2 tanks to Ukraine.", "Leopard 2", "delivered"),
    ],
)
def test_status(run_text, text, system, status):
    assert one(run_text(text), system).status == status


@pytest.mark.parametrize(
    ("text", "system", "by"),
    [
        ("Ukraine claimed that Iran delivered Shahed drones to Russia.", "Shahed-136", "UKR"),
        ("Javelin missiles were handed to Georgia by the United States, according to a Russian defence official.",
         "Javelin", "RUS"),
        ("Weapons were supplied to the Houthis by Iran, according to a UN panel.", "Weapons", "UN"),
    ],
)
def test_alleged_transfer_names_who_alleges_it(run_text, text, system, by):
    """An alleged transfer and its AID event carry the party that asserts it."""
    ex = run_text(text)
    record = one(ex, system)
    assert (record.status, record.attributed_to) == ("alleged", by)
    aid = [e for e in ex.events if e.type == "AID" and (e.source, e.target) == (record.supplier, record.recipient)]
    assert [(e.status, e.attributed_to) for e in aid] == [("claimed", by)]


@pytest.mark.parametrize(
    ("text", "system", "supplier", "recipient"),
    [
        ("Javelin missiles, according to a Russian official, were given to Georgia by the United States."
         " The US embassy in Moscow said the claims of arms deliveries to Georgia were fabricated.", "Javelin", "USA", "GEO"),
        ("Ukraine claimed that Iran delivered Shahed drones to Russia. Tehran denied that it had sent drones"
         " to Russia.", "Shahed-136", "IRN", "RUS"),
    ],
)
def test_a_denial_beside_a_claim_names_who_disputes_it(run_text, text, system, supplier, recipient):
    rec = one(run_text(text), system)
    assert (rec.supplier, rec.recipient, rec.status) == (supplier, recipient, "alleged")
    assert rec.disputed_by == supplier
    assert rec.dispute_evidence is not None and rec.dispute_evidence in text


def test_not_a_transfer(run_text):
    ex = run_text("Germany refused to send Taurus missiles to Ukraine. Russian tanks shelled the town.")
    assert ex.arms == ()


# --- every record is an AID event ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Poland received the first Abrams tanks from the United States on Friday.",
        "Iran denied sending Shahed drones to Russia.",
        "The State Department approved the sale of Harpoon missiles to Taiwan.",
    ],
)
def test_each_record_has_an_aid_event(run_text, text):
    ex = run_text(text)
    assert ex.arms
    aid = {(e.source, e.target) for e in ex.events if e.type == "AID"}
    for rec in ex.arms:
        assert (rec.supplier, rec.recipient) in aid


# A deal is AID alone (SCHEMA convention 3), but only where the AGREE/COOPERATE is the deal's own word: a
# cooperation another predicate of the sentence states is an event of its own (issue 15).
@pytest.mark.parametrize(
    ("text", "pair", "kind"),
    [
        ("China's strategic partnership with Serbia deepened after Belgrade signed a deal to buy nine Wing Loong "
         "drones.", ("CHN", "SRB"), "COOPERATE"),
        ("Russia's military cooperation with Belarus grew as Moscow delivered Iskander missiles to Minsk.",
         ("RUS", "BLR"), "COOPERATE"),
        ("Japan and the Philippines agreed to expand military cooperation, and Tokyo will supply six radars to "
         "Manila.", ("JPN", "PHL"), "AGREE"),
        ("The United States and Australia signed a submarine cooperation accord on Monday, and Washington approved "
         "the sale of Tomahawk missiles to Canberra.", ("USA", "AUS"), "AGREE"),
    ],
)
def test_a_cooperation_another_predicate_states_stays_beside_the_deal(run_text, text, pair, kind):
    ex = run_text(text)
    assert [(a.supplier, a.recipient) for a in ex.arms] == [pair]
    coded = {(e.source, e.target, e.type) for e in ex.events}
    assert (*pair, "AID") in coded and (*pair, kind) in coded


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("The United States pledged to ship 40 M1 Abrams tanks to Kyiv.", ("USA", "UKR")),
        ("Germany agreed to supply Leopard 2 tanks to Ukraine.", ("DEU", "UKR")),
        ("South Korea agreed to provide Poland with 180 K2 tanks under a framework deal.", ("KOR", "POL")),
        ("Washington promised to deliver more Patriot batteries to Kyiv.", ("USA", "UKR")),
        ("Britain pledged to give Ukraine 14 Challenger 2 tanks.", ("GBR", "UKR")),
    ],
)
def test_a_pledge_whose_word_is_the_deal_is_aid_alone(run_text, text, pair):
    ex = run_text(text)
    assert [(a.supplier, a.recipient) for a in ex.arms] == [pair]
    assert {e.type for e in ex.events if (e.source, e.target) == pair} == {"AID"}


@pytest.mark.parametrize(
    ("text", "buyer", "seller", "kept"),
    [
        ("Poland agreed to purchase 96 Apache helicopters from the United States.", "POL", "USA", False),
        ("Greece agreed to buy six more Rafale jets from France on Friday.", "GRC", "FRA", False),
        ("Egypt agreed to buy 24 Rafale jets from France.", "EGY", "FRA", False),
        # the buyer's pact is another predicate than its purchase
        ("Indonesia signed a defence cooperation pact with France on Tuesday and agreed to buy 42 Rafale fighter "
         "jets.", "IDN", "FRA", True),
        ("Vietnam agreed to expand defence cooperation with Russia and also ordered 12 Su-30 jets from Moscow.",
         "VNM", "RUS", True),
    ],
)
def test_the_buyers_agree_is_dropped_only_on_the_deals_own_words(run_text, text, buyer, seller, kept):
    ex = run_text(text)
    assert [(a.supplier, a.recipient) for a in ex.arms] == [(seller, buyer)]
    assert ((buyer, seller, "AGREE") in {(e.source, e.target, e.type) for e in ex.events}) is kept


# --- lexicons ------------------------------------------------------------------------------------


def test_weapon_lexicon_loads_and_matches_variants():
    lex = load_weapons()
    found = [(w.system, text) for s, e, w in lex.find("two MiG 29s, BUK launchers and HMMWVs") for text in [
        "two MiG 29s, BUK launchers and HMMWVs"[s:e]]]
    assert [s for s, _ in found] == ["MiG-29", "Buk", "rocket launchers", "Humvee"]
    # an ordinary word is not a weapon: "patriot" only matches as written
    assert lex.find("a true patriot") == []


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("Javelin,anti-tank missile,kit,FGM-148,", "kind must be named or generic"),
        ("Javelin,anti-tank missile,named,FGM-148", "expected 6 fields"),
        (",anti-tank missile,named,FGM-148,", "empty 'system'"),
        ("Javelin,anti-tank missile,named,FGM-148,upper", "case must be"),
        ("Javelin,anti-tank missile,named,FGM-148,,America", "origin must be an ISO alpha-3 code"),
    ],
)
def test_bad_weapon_row_names_file_and_line(tmp_path: Path, row, reason):
    path = tmp_path / "weapons.csv"
    if row.count(",") == 4:
        row += ","
    path.write_text("# comment\nsystem,class,kind,aliases,case,origin\nNLAW,anti-tank missile,named,,,SWE\n"
                    + row + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_weapons(path)
    assert info.value.line == 4
    assert str(path) in str(info.value)
    assert reason in str(info.value)


def test_bad_currency_row(tmp_path: Path):
    path = tmp_path / "currencies.csv"
    path.write_text("code,usd_per_unit,aliases\nEUR,about one,€\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_currencies(path)
    assert info.value.line == 2


@pytest.mark.parametrize("opening", ["", "PRISTINA, Kosovo (AP) — ", "WASHINGTON (Reuters) - "])
def test_a_wire_dateline_does_not_hide_the_transfer(run_text, opening):
    """A wire copy's dateline and credit (copies of one report, issue 16) keep its arms records."""
    ex = run_text(opening + "The United States has delivered 120 Javelin anti-tank missiles to the Kosovo "
                  "Security Force, officials said on Friday.")
    assert [(a.supplier, a.recipient, a.system, a.quantity) for a in ex.arms] == [("USA", "XKX", "Javelin", 120)]


# --- suppliers the sentence does not name as a state (issue 15, 3.8) ----------------------------


@pytest.mark.parametrize(
    ("text", "system", "parties"),
    [
        # an arms maker sells from its home state (arms_makers.csv)
        ("Romania signed a deal to buy air defence systems from Rheinmetall for $300 million.",
         "air defence systems", ("DEU", "ROU")),
        ("Elbit Systems will deliver electronic warfare systems to Azerbaijan next year.",
         "electronic warfare systems", ("ISR", "AZE")),
        ("Kenya received armoured vehicles from Turkish manufacturer Otokar in March.",
         "armoured vehicles", ("TUR", "KEN")),
        # a named system bought with no seller named comes from the state that makes it
        ("Morocco signed a deal to purchase 24 Wing Loong drones.", "Wing Loong", ("CHN", "MAR")),
        ("Egypt has ordered more Rafale jets.", "Rafale", ("FRA", "EGY")),
    ],
)
def test_supplier_from_maker_or_origin(run_text, text, system, parties):
    rec = one(run_text(text), system)
    assert (rec.supplier, rec.recipient) == parties


def test_a_seller_named_later_beats_the_makers_state(run_text):
    ex = run_text("Moscow protested against the coming transfer of F-16 fighter jets to Ukraine. "
                  "Norway will send six F-16 jets to Ukraine this summer.")
    assert {(a.supplier, a.recipient, a.system) for a in ex.arms} == {("NOR", "UKR", "F-16")}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the Israeli producer Elbit Systems", "ISR"),
        ("Krauss Maffei Wegmann", "DEU"),
        ("South Korea's Hanwha Aerospace", "KOR"),
        ("a contract with Lockheed", "USA"),
        ("Saabs", None),  # only whole names match
        ("the Leopard tanks", None),
        ("a drone deal with General Atomics", "USA"),
        ("missiles from LIG Nex1", "KOR"),
        ("on the edge of a deal", None),  # a maker's short name that is an ordinary word is no alias
    ],
)
def test_maker_state(text, code):
    assert maker_state(text) == code


def test_bad_maker_row(tmp_path: Path):
    path = tmp_path / "arms_makers.csv"
    path.write_text("name,code,aliases\nSaab,SWE,\nRheinmetall,Germany,\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        load_makers(path)
    assert info.value.line == 3 and "ISO alpha-3" in str(info.value)


# --- which systems, and which mentions are no transfer ------------------------------------------


@pytest.mark.parametrize(
    ("text", "system", "expected"),
    [
        # a designation before a class noun names the model, kept with its words
        ("Officials say Iran has shipped Raad-500 short-range ballistic missiles to Yemen.",
         "Raad-500", ("IRN", "YEM", "Raad-500 short-range ballistic missiles")),
        ("Over 20,000 M107 155mm artillery shells have been sent to Ukraine by Canada.",
         "M107 155mm artillery shells", ("CAN", "UKR", "M107 155mm artillery shells")),
        # a record is named after its specific system, not the headline's "weapons deal"
        ("Ghana has signed a major weapons deal with Turkey. Ghana will buy long-range artillery systems.",
         "long-range artillery systems", ("TUR", "GHA", "long-range artillery systems")),
    ],
)
def test_named_and_specific_systems(run_text, text, system, expected):
    rec = one(run_text(text), system)
    assert (rec.supplier, rec.recipient, rec.written) == expected


def test_a_list_after_a_specific_transfer_takes_its_dyad(run_text):
    ex = run_text("Peru will buy rocket artillery systems from Brazil. "
                  "The package will also include electronic warfare systems and night-vision equipment.")
    assert {(a.supplier, a.recipient, a.system) for a in ex.arms} == {
        ("BRA", "PER", "rocket artillery systems"), ("BRA", "PER", "night-vision equipment"),
        ("BRA", "PER", "electronic warfare systems")}


@pytest.mark.parametrize(
    "text",
    [
        "According to Vilnius, the drones entered Lithuanian airspace from Belarus on Sunday.",
        "The envoy said the protest note he received offered no proof that the drones were Russian-made.",
        "Wing Loong drones may carry air-to-surface missiles, but most of their flights are patrols.",
        "Our reporters saw Iranian drones over the city as Russia shelled Kharkiv.",
    ],
)
def test_weapons_that_are_not_transferred(run_text, text):
    assert run_text(text).arms == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ethiopia accused neighbouring Eritrea of supplying weapons to the rebels in Tigray.",
         ("ERI", "ETH", "weapons", "alleged")),
        ("Kyiv accused Moscow of sending tanks to the separatists.", ("RUS", "UKR", "tanks", "alleged")),
    ],
)
def test_arms_for_rebels_go_to_the_state_they_fight_in(run_text, text, expected):
    assert expected in {(a.supplier, a.recipient, a.system, a.status) for a in run_text(text).arms}


# --- open classes: model names, role nouns, noun arguments (issue 15, 3.8) -----------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a proper name before a class noun is a model no lexicon row names
        ("Nigeria received 12 Super Tucano aircraft from Brazil.", ("BRA", "NGA", "Super Tucano")),
        ("Azerbaijan purchased Israeli Harop drones.", ("ISR", "AZE", "Harop")),
        ("Vietnam is in talks to buy Su-35 fighters from Russia.", ("RUS", "VNM", "Su-35")),
        # the parties of a participle clause, a relative clause and a list hung on a sale
        ("The drones, supplied by Iran to Russia, were used to strike Kyiv.", ("IRN", "RUS", "drones")),
        ("The sale, approved by Washington last week, covers 40 Patriot interceptors for Poland.",
         ("USA", "POL", "Patriot")),
        ("The Biden administration notified Congress of a proposed $1.1 billion arms sale to Taiwan, "
         "including 60 Harpoon anti-ship missiles.", ("USA", "TWN", "Harpoon")),
        ("India has signed a contract worth 5.4 billion dollars to purchase S-400 missile systems from Russia.",
         ("RUS", "IND", "S-400")),
        ("The United States has provided military assistance worth $2 billion to Taiwan, including Stinger "
         "missiles.", ("USA", "TWN", "Stinger")),
        ("Ukraine is expecting the arrival of Patriot batteries from Germany.", ("DEU", "UKR", "Patriot")),
        # role nouns said of an actor
        ("China is the main supplier of weapons to Pakistan.", ("CHN", "PAK", "weapons")),
    ],
)
def test_open_class_systems_and_parties(run_text, text, expected):
    assert expected in {(a.supplier, a.recipient, a.system) for a in run_text(text).arms}


def test_coordinated_suppliers_of_a_passive(run_text):
    ex = run_text("Ukraine was supplied with Leopard 2 tanks by Germany and Poland.")
    assert {(a.supplier, a.recipient) for a in ex.arms} == {("DEU", "UKR"), ("POL", "UKR")}


@pytest.mark.parametrize(
    ("text", "system"),
    [
        ("Russia sent Soviet tanks to Syria.", "tanks"),  # an era, not a model
        ("Moscow delivered Iranian drones to Belarus.", "drones"),  # a nationality, not a model
        ("Kenya bought Elbit drones last year.", "drones"),  # a maker, not a model
    ],
)
def test_names_that_are_not_models(run_text, text, system):
    assert [a.system for a in run_text(text).arms] == [system]


@pytest.mark.parametrize(
    ("text", "system", "status"),
    [
        ("Greece signed a deal to acquire 20 F-35 fighter jets from the United States.", "F-35", "approved"),
        ("Vietnam is in talks to buy Su-35 fighters from Russia.", "Su-35", "requested"),
        ("Norway's deliveries of F-16 jets to Ukraine will start this summer.", "F-16", "planned"),
        ("The contract covers 250 Abrams tanks to be delivered by the United States to Poland.", "M1 Abrams",
         "planned"),
        ("Belgrade took delivery of the last of 11 Mi-35 attack helicopters ordered from Russia.", "Mi-35",
         "delivered"),
    ],
)
def test_status_of_open_constructions(run_text, text, system, status):
    assert one(run_text(text), system).status == status


def test_a_denial_beside_a_claim_makes_it_alleged(run_text):
    ex = run_text("Britain sent anti-tank weapons to Kosovo, media reports said. "
                  "The British Embassy denied the reports, calling them false.")
    rec = one(ex, "anti-tank weapons")
    assert (rec.status, rec.disputed_by) == ("alleged", "GBR")


def test_a_total_of_counts_the_system(run_text):
    assert one(run_text("Belgium will deliver a total of 19 fighter jets to Ukraine."), "fighter jets").quantity == 19


def test_two_prices_are_two_deals(run_text):
    ex = run_text("Serbia signed a $300 million deal with China for FK-3 air defence systems in 2020. "
                  "In 2022, Belgrade signed a second $150 million contract for more FK-3 systems.")
    assert sorted(a.value_usd or 0 for a in ex.arms if a.system == "FK-3") == [150_000_000.0, 300_000_000.0]


def test_an_amount_that_prices_something_else_is_not_the_value(run_text):
    ex = run_text("The spokeswoman said public debt had exceeded $31 trillion, while Washington prepared "
                  "another batch of HIMARS for Ukraine.")
    assert [a.value_usd for a in ex.arms if a.system == "HIMARS"] == [None]


@pytest.mark.parametrize(
    ("text", "system", "canonical"),
    [
        ("Iran sent Shahed drones to Russia.", "Shahed", "Shahed-136"),
        ("The United States delivered Javelins to Ukraine.", "Javelin", "Javelin"),
        ("The United States delivered HIMARS to Ukraine.", "HIMARS", "HIMARS"),
        ("Serbia received MiG-29s from Russia.", "MiG-29", "MiG-29"),
        ("Poland received Abrams tanks from the United States.", "Abrams", "M1 Abrams"),
    ],
)
def test_contract_system_as_written_beside_the_canonical_name(run_text, text, system, canonical):
    [rec] = run_text(text).to_contract()["arms"]
    assert (rec["system"], rec["canonical"]) == (system, canonical)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # who uses an item supplied by another received it
        ("Ukraine used ATACMS supplied by the United States to strike Crimea.", ("USA", "UKR", "ATACMS", "delivered")),
        # a transfer noun as the passive subject of a giving verb
        ("The shipments, which included artillery shells, were sent by Bulgaria to Ukraine through Poland.",
         ("BGR", "UKR", "artillery shells", "delivered")),
        # a hope to buy is a request (the parser lemmatises "hopes" as "hop")
        ("The Philippines hopes to buy more BrahMos missiles from India, its navy chief said.",
         ("IND", "PHL", "BrahMos", "requested")),
    ],
)
def test_more_noun_and_participle_frames(run_text, text, expected):
    assert expected in {(a.supplier, a.recipient, a.system, a.status) for a in run_text(text).arms}


@pytest.mark.parametrize(
    "text",
    [
        "NATO sent troops and tanks to Estonia for an exercise.",  # a deployment
        "Serbia's president said the country would not buy weapons from Russia anymore.",  # a refusal, no denial
        "Germany will not send Taurus missiles to Ukraine, the chancellor said.",
    ],
)
def test_no_transfer(run_text, text):
    assert run_text(text).arms == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Weapons and ammunition supplied to the Israeli army by Germany rose tenfold.", ("DEU", "ISR")),
        ("Egypt has received the first batch of Rafale fighters from France.", ("FRA", "EGY")),
        ("The latest tranche of US military aid to Ukraine includes Bradley fighting vehicles.", ("USA", "UKR")),
        ("Congress passed a $95 billion aid package for Ukraine and Taiwan that includes air defence interceptors.",
         ("USA", "TWN")),
        ("Poland has become the biggest buyer of South Korean weapons.", ("KOR", "POL")),
    ],
)
def test_packages_portions_and_reduced_relatives(run_text, text, expected):
    assert expected in {(a.supplier, a.recipient) for a in run_text(text).arms}


def test_a_calibre_is_part_of_the_name_not_a_count(run_text):
    ex = run_text("Bulgaria sent 155mm artillery rounds to Ukraine.")
    assert [(a.system, a.quantity) for a in ex.arms] == [("155mm artillery rounds", None)]


def test_a_priced_deal_takes_its_parties_from_the_same_price_earlier(run_text):
    ex = run_text("The Senate voted down a measure that would have blocked the planned $650 million US weapons "
                  "sale to Saudi Arabia. The $650 million sale is for 280 AMRAAM missiles and 596 missile launchers.")
    got = {(a.supplier, a.recipient, a.system, a.quantity) for a in ex.arms}
    assert {("USA", "SAU", "AMRAAM", 280), ("USA", "SAU", "missile launchers", 596)} <= got


def test_a_negated_intention_is_no_transfer(run_text):
    assert run_text("Washington said it was not going to sell more weapons to Riyadh.").arms == ()


@pytest.mark.parametrize(
    "text",
    [
        "Moscow warned Washington against supplying Tomahawk missiles to Kyiv.",
        "Any delivery of Taurus missiles to Ukraine would cross a red line, the Kremlin said.",
        "Ukraine received no new Patriot systems this year, Zelensky complained.",
    ],
)
def test_warnings_and_none_are_no_transfer(run_text, text):
    assert run_text(text).arms == ()


def test_a_package_value_spreads_to_the_systems_listed_next(run_text):
    ex = run_text("Serbia will acquire defence technology from Israel for $1.6 billion over five years. "
                  "Serbia will buy long-range rocket artillery systems and reconnaissance drones from Israel.")
    assert {(a.system, a.value_usd) for a in ex.arms} == {
        ("long-range rocket artillery systems", 1_600_000_000.0), ("reconnaissance drones", 1_600_000_000.0)}
    assert len({a.package for a in ex.arms}) == 1


def test_a_model_number_is_not_a_count_even_when_the_parse_splits_it(run_text):
    assert one(run_text("In 2023, Hungary ordered Leopard 2 tanks from Germany."), "Leopard 2").quantity is None


def test_a_list_takes_the_dyad_of_the_aid_stated_just_before(run_text):
    ex = run_text("The Pentagon unveiled a new aid package for Kyiv on Friday. It includes Stinger missiles and "
                  "Javelins.")
    assert {(a.supplier, a.recipient, a.system) for a in ex.arms} == {("USA", "UKR", "Stinger"),
                                                                    ("USA", "UKR", "Javelin")}


@pytest.mark.parametrize(
    ("text", "system", "status"),
    [
        ("Poland has signed a deal with South Korea. Under the agreement, Warsaw will buy 180 K2 tanks.",
         "K2 Black Panther", "approved"),
        ("Tehran has sent hundreds of Shahed-136 drones to Moscow, according to Western officials.", "Shahed-136",
         "alleged"),
    ],
)
def test_status_from_an_agreement_and_from_unnamed_officials(run_text, text, system, status):
    rec = one(run_text(text), system)
    assert rec.status == status


def test_a_variant_word_stays_with_its_named_system(run_text):
    ex = run_text("India is buying 26 Rafale Marine jets from France for its navy.")
    assert [(a.system, a.quantity) for a in ex.arms] == [("Rafale", 26)]



@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("It includes Stinger missiles and Javelins.", True),  # no actor: the sentence gate must still keep it
        ("These were followed by more howitzers.", True),
        ("It includes new funding for schools.", False),
    ],
)
def test_sentences_naming_a_weapon_are_parsed(sentence, named):
    assert names_a_weapon(sentence) is named


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia delivered the S-350 to Algeria last year.", {("RUS", "DZA", "S-350")}),
        ("Iran sent Mohajer-10s to Sudan, according to satellite images.", {("IRN", "SDN", "Mohajer-10")}),
        ("China sold the VT-4 to Nigeria.", {("CHN", "NGA", "VT-4")}),
        ("The WHO sent COVID-19 vaccines to Kenya.", set()),
    ],
)
def test_a_designation_a_transfer_verb_moves_is_a_system(run_text, text, expected):
    assert {(a.supplier, a.recipient, a.system) for a in run_text(text).arms} == expected


# --- general classes of missed records (issue 15, 3.8): shapes, not listed systems ---------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a model designation in front of a class noun no row names, with its count
        ("Seoul agreed to sell 36 FA-50 light attack aircraft to Manila.", ("KOR", "PHL", "FA-50", 36)),
        ("Jakarta will buy 24 KF-21 fighters from South Korea.", ("KOR", "IDN", "KF-21", 24)),
        ("Brazil handed two KC-390 military transport aircraft to Portugal.", ("BRA", "PRT", "KC-390", 2)),
        # a variant letter after a row's model number is the same model
        ("Cairo is in talks with Beijing to acquire J-10C fighters.", ("CHN", "EGY", "J-10", None)),
        ("Moscow has shipped T-90S tanks to Algiers.", ("RUS", "DZA", "T-90", None)),
        # new classes: bombers, mines
        ("Algeria received a batch of Su-34 bombers from Russia.", ("RUS", "DZA", "Su-34", None)),
        ("Britain delivered anti-tank mines to Kyiv in March.", ("GBR", "UKR", "anti-tank mines", None)),
    ],
)
def test_systems_by_shape(run_text, text, expected):
    """The record names the model first; the class noun it was written with may follow it."""
    sup, rec, system, qty = expected
    arms = run_text(text).arms
    found = [a for a in arms if (a.supplier, a.recipient) == (sup, rec) and a.system.startswith(system)]
    assert len(found) == 1, [(a.supplier, a.recipient, a.system) for a in arms]
    assert found[0].quantity == qty


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a transfer noun with a military modifier is the system itself
        ("The State Department approved a military transfer worth $95 million to Taiwan.",
         ("USA", "TWN", "military transfer", 95_000_000.0)),
        ("Washington gives Jordan $425 million in military aid each year.", ("USA", "JOR", "military aid", 425_000_000.0)),
        # deliveries told by nouns: a "to" inside the phrase, an "of" giver, a shipment that reached a state
        ("Berlin approved arms exports worth $200 million to Egypt in 2023.", ("DEU", "EGY", "arms", 200_000_000.0)),
        ("A shipment of anti-aircraft guns from Belarus reached Nicaragua in June.",
         ("BLR", "NIC", "anti-aircraft guns", None)),
        ("France unveiled a new military aid package for Kyiv worth $1.1 billion that includes tanks and radars.",
         ("FRA", "UKR", "tanks", 1_100_000_000.0)),
    ],
)
def test_transfers_told_by_nouns(run_text, text, expected):
    sup, rec, system, usd = expected
    found = {(a.supplier, a.recipient, a.system): a for a in run_text(text).arms}
    assert (sup, rec, system) in found, list(found)
    assert found[(sup, rec, system)].value_usd == usd


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the state on an origin participle supplies; the state that fires the weapon received it
        ("Saudi troops fired US-supplied artillery shells across the border.", ("USA", "SAU", "artillery shells")),
        # "Chinese-made" says who sold, it is no part of the name
        ("The first batch of Chinese-made VT-4 tanks arrived in Nigeria.", ("CHN", "NGA", "VT-4 tanks")),
        # a third party condemning a sale does not undo it
        ("Beijing condemned the latest US weapons sale to Taiwan, which includes 60 Harpoon missiles.",
         ("USA", "TWN", "Harpoon")),
    ],
)
def test_parties_of_participles_and_condemned_sales(run_text, text, expected):
    assert expected in {(a.supplier, a.recipient, a.system) for a in run_text(text).arms}


@pytest.mark.parametrize(
    "text",
    [
        "The ministry said military aid had become a campaign issue.",  # no parties: no record
        "Military transport aircraft flew over the capital during the parade.",
    ],
)
def test_transfer_nouns_without_parties_make_no_record(run_text, text):
    assert run_text(text).arms == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the list after "including" names the parties, not the possessor of the group noun
        ("Kyiv's European partners, including Belgium and Sweden, have promised to deliver F-16 jets to Ukraine.",
         {("BEL", "UKR", "F-16", "planned"), ("SWE", "UKR", "F-16", "planned")}),
        # a raised subject: who is expected to receive, who is believed to have shipped
        ("Romania is expected to receive 32 F-35 jets from the United States.", {("USA", "ROU", "F-35", "planned")}),
        ("Pyongyang is believed to have shipped artillery rounds to Moscow.",
         {("PRK", "RUS", "artillery rounds", "alleged")}),
        # a denial of "any" weapons is still a record, denied
        ("The Iranian foreign ministry denied sending any weapons to Armenia.", {("IRN", "ARM", "weapons", "denied")}),
        # the signer that is not the recipient sells
        ("Ankara and Doha signed an agreement for the sale of 100 Altay tanks to Qatar.",
         {("TUR", "QAT", "Altay", "approved")}),
        # a nationality on a class noun that only a generic row names
        ("Yerevan has signed contracts for French radars.", {("FRA", "ARM", "radars", "approved")}),
    ],
)
def test_parties_of_groups_raised_subjects_and_denials(run_text, text, expected):
    assert expected <= {(a.supplier, a.recipient, a.system, a.status) for a in run_text(text).arms}


@pytest.mark.parametrize(
    ("text", "systems", "usd"),
    [
        ("Washington approved a $250 million arms sale to Manila on Monday. The package includes 90 Stinger "
         "missiles and 12 radars.", {"Stinger", "radars"}, 250_000_000.0),
    ],
)
def test_listed_systems_share_the_package(run_text, text, systems, usd):
    """The systems a package lists carry its one amount and its one offset, so sums count it once."""
    arms = [a for a in run_text(text).arms if a.system in systems]
    assert {a.system for a in arms} == systems
    assert {a.value_usd for a in arms} == {usd}
    assert len({a.package for a in arms}) == 1


def test_a_unit_of_systems_is_the_system(run_text):
    assert ("RUS", "IND", "S-400") in {(a.supplier, a.recipient, a.system)
                                       for a in run_text("Russia has delivered a third S-400 regiment to India.").arms}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # verbs of carrying and of taking into service
        ("Investigators said Qatar had flown weapons to the Libyan army through Egypt.", ("QAT", "LBY", "weapons")),
        ("Bangladesh has inducted Chinese-built frigates into its navy.", ("CHN", "BGD", "frigates")),
        # a participle the parser tags as a past tense still names the seller
        ("Kenya deployed Chinese Wing Loong drones bought from the UAE.", ("ARE", "KEN", "Wing Loong")),
        # the recipient the parse compounds onto the object of a ditransitive
        ("The US will give Jordan bunker-buster bombs, an official said.", ("USA", "JOR", "bunker-buster bombs")),
        # "Soviet-era" is no part of the class noun's phrase
        ("Athens approved the transfer of Soviet-era air defence systems to Armenia.",
         ("GRC", "ARM", "air defence systems")),
    ],
)
def test_carrying_verbs_participles_and_ditransitives(run_text, text, expected):
    assert expected in {(a.supplier, a.recipient, a.system) for a in run_text(text).arms}


@pytest.mark.parametrize(
    "text",
    [
        "Russian jets flew over the Syrian city of Idlib on Sunday.",
        "Belarusian drones flew into Lithuanian airspace overnight.",
        "The Pentagon commissioned a study of Chinese missiles.",
        "Washington gave Kyiv military intelligence on Russian positions.",
        "The F-16 crashed during a training flight in Arizona.",
    ],
)
def test_flights_studies_and_intelligence_are_not_transfers(run_text, text):
    assert run_text(text).arms == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "the sale" in the next sentence is the sale just named: its parties and its amount
        ("London announced a $300 million arms sale to Qatar. The sale is for 120 air-to-air missiles.",
         ("GBR", "QAT", "air-to-air missiles", 120, 300_000_000.0)),
        ("Rome approved a $90 million arms sale to Cairo on Monday. The sale covers 40 anti-ship missiles.",
         ("ITA", "EGY", "anti-ship missiles", 40, 90_000_000.0)),
    ],
)
def test_the_sale_refers_to_the_one_just_named(run_text, text, expected):
    assert expected in {(a.supplier, a.recipient, a.system, a.quantity, a.value_usd) for a in run_text(text).arms}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Armenia's army is equipped mostly with Russian-made weapons.", ("RUS", "ARM", "weapons")),
        ("Most of Vietnam's weapons come from Russia.", ("RUS", "VNM", "weapons")),
        ("The weapons Tehran shipped to Moscow include Mohajer-6 drones.", ("IRN", "RUS", "Mohajer-6")),
    ],
)
def test_equipped_with_come_from_and_lists_of_a_sent_batch(run_text, text, expected):
    assert expected in {(a.supplier, a.recipient, a.system) for a in run_text(text).arms}


def test_missiles_that_came_from_a_state_are_no_transfer(run_text):
    assert run_text("The missiles that hit the port came from Yemen, the army said.").arms == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a third party's opposition stops nothing; a party's own opposition is a refusal
        ("Beijing firmly opposes US arms sales to Taiwan, the spokesperson said.", {("USA", "TWN", "arms")}),
        ("Germany opposed sending Taurus missiles to Ukraine.", set()),
        # a shipment carried in planes loaded with weapons
        ("Israel has received 120 cargo planes loaded with American weapons since May.", {("USA", "ISR", "weapons")}),
    ],
)
def test_opposition_and_loaded_carriers(run_text, text, expected):
    assert {(a.supplier, a.recipient, a.system) for a in run_text(text).arms} == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "it" inside what a party denies is that party
        ("Bulgaria denied reports that it had sold ammunition to Ukraine.", {("BGR", "UKR", "ammunition", "denied")}),
        ("Minsk rejected allegations that it had supplied drones to Moscow as baseless.",
         {("BLR", "RUS", "drones", "denied")}),
        # a paused or withheld shipment is no transfer
        ("Washington paused a shipment of heavy bombs to Israel.", set()),
        ("The Pentagon withheld the delivery of artillery shells to Kyiv.", set()),
    ],
)
def test_pronouns_in_denials_and_paused_shipments(run_text, text, expected):
    assert {(a.supplier, a.recipient, a.system, a.status) for a in run_text(text).arms} == expected


def test_a_weight_on_the_item_is_no_count(run_text):
    assert one(run_text("Washington sent 1,800 2,000-pound bombs to Israel."), "bombs").quantity == 1800


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a passive with no agent: where the item was made, or the nationality on it, names the seller
        ("The howitzers, which were built in South Korea, were sold to Norway last year.",
         ("KOR", "NOR", "howitzers")),
        ("Iranian drones were sent to Belarus in the spring.", ("IRN", "BLR", "drones")),
    ],
)
def test_passive_without_agent_takes_the_items_origin(run_text, text, expected):
    assert expected in {(a.supplier, a.recipient, a.system) for a in run_text(text).arms}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Athens finalised an agreement with Israel for 36 PULS rocket launchers.", ("ISR", "GRC", 36, "approved")),
        ("Rabat inked a deal to acquire Patriot systems from the US, worth $4 billion.",
         ("USA", "MAR", None, "approved")),
    ],
)
def test_agreements_and_inked_deals_are_approved(run_text, text, expected):
    assert expected in {(a.supplier, a.recipient, a.quantity, a.status) for a in run_text(text).arms}


def test_an_agreement_on_withdrawing_tanks_is_no_transfer(run_text):
    assert run_text("Armenia and Azerbaijan signed an agreement on the withdrawal of tanks from the border.").arms == ()


def test_aircraft_that_landed_flew_there(run_text):
    """Transport planes that land at a base carried something; they are not the thing handed over."""
    assert run_text("Four Chinese Y-20 transport aircraft landed at an air base near Belgrade overnight.").arms == ()

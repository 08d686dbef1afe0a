"""Arms transfers on sentences written for these tests (SCHEMA.md arms field, convention 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from powderkeg.errors import DataFileError
from powderkeg.extract.arms import find_money, load_currencies, load_weapons, parse_count

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
    ],
)
def test_money(text, usd):
    assert [v for _, _, v in find_money(text)] == [usd]


def test_value_in_euros(run_text):
    ex = run_text("France approved a €2 billion sale of 24 Rafale jets to Greece.")
    rec = one(ex, "Rafale")
    assert (rec.supplier, rec.recipient, rec.quantity, rec.value_usd) == ("FRA", "GRC", 24, 2_160_000_000.0)
    assert rec.status == "approved"


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
        ("Javelin,anti-tank missile,named,FGM-148", "expected 5 fields"),
        (",anti-tank missile,named,FGM-148,", "empty 'system'"),
        ("Javelin,anti-tank missile,named,FGM-148,upper", "case must be"),
    ],
)
def test_bad_weapon_row_names_file_and_line(tmp_path: Path, row, reason):
    path = tmp_path / "weapons.csv"
    path.write_text("# comment\nsystem,class,kind,aliases,case\nNLAW,anti-tank missile,named,,\n" + row + "\n",
                    encoding="utf-8")
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

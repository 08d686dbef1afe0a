"""The actor gazetteer: aliases, metonyms, longest match, case rules, user CSVs."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from powderkeg.errors import DataFileError
from powderkeg.extract.actors import (
    KINDS,
    Gazetteer,
    builtin_path,
    drop_product_names,
    fold,
    load_gazetteer,
    read_actor_csv,
    read_actor_rows,
    settle_bodies,
)
from powderkeg.models import ActorEntry


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


def found(gaz: Gazetteer, text: str) -> list[tuple[str, str]]:
    return [(m.text, m.code) for m in gaz.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # metonyms: capitals and seats of government
        ("Belgrade said it would not recognise the new border crossing.", [("Belgrade", "SRB")]),
        ("The Kremlin dismissed the report as propaganda.", [("Kremlin", "RUS")]),
        ("Washington and Brussels issued a joint statement on Monday.", [("Washington", "USA"), ("Brussels", "EU")]),
        ("Downing Street declined to comment on the talks.", [("Downing Street", "GBR")]),
        ("Officials in Kyiv said Kiev's diplomats would meet in Ankara.",
         [("Kyiv", "UKR"), ("Kiev", "UKR"), ("Ankara", "TUR")]),
        ("The White House and the Pentagon briefed reporters.", [("White House", "USA"), ("Pentagon", "USA")]),
        ("Georgetown rejected Caracas's claim to the Essequibo region.", [("Georgetown", "GUY"), ("Caracas", "VEN")]),
        ("Talks between Addis Ababa and Asmara stalled again.", [("Addis Ababa", "ETH"), ("Asmara", "ERI")]),
        # diacritics, curly apostrophes, possessives
        ("Priština accused Belgrade of stoking unrest.", [("Priština", "XKX"), ("Belgrade", "SRB")]),
        ("Pristina and Prishtina are spellings of one city.", [("Pristina", "XKX"), ("Prishtina", "XKX")]),
        ("Serbia's president spoke after Kosovo’s prime minister.", [("Serbia", "SRB"), ("Kosovo", "XKX")]),
        ("Côte d’Ivoire and Cote d'Ivoire both name the Ivory Coast.",
         [("Côte d’Ivoire", "CIV"), ("Cote d'Ivoire", "CIV"), ("Ivory Coast", "CIV")]),
        ("Türkiye, formerly styled Turkey in English, hosted the summit.", [("Türkiye", "TUR"), ("Turkey", "TUR")]),
        # longest match
        ("The UN Security Council met in emergency session.", [("UN Security Council", "UN")]),
        ("Chinese coast guard ships patrolled the South China Sea.", [("Chinese", "CHN")]),
        ("Guinea-Bissau and Guinea signed a border accord.", [("Guinea-Bissau", "GNB"), ("Guinea", "GIN")]),
        ("Niger closed its border with Nigeria.", [("Niger", "NER"), ("Nigeria", "NGA")]),
        ("The Democratic Republic of the Congo accused the Republic of the Congo of harbouring rebels.",
         [("Democratic Republic of the Congo", "COD"), ("Republic of the Congo", "COG")]),
        ("The Washington Post cited a New York Times report about New Mexico.", []),
        ("Kosovo Online reported that Kosovo police closed the road.", [("Kosovo police", "XKX")]),
        ("Papua New Guinea and the Dominican Republic voted against.",
         [("Papua New Guinea", "PNG"), ("Dominican Republic", "DOM")]),
        ("Migrants from Latin America crossed into the United States.", [("United States", "USA")]),
        # case: "US" is the country, "us" is a pronoun; headlines in capitals
        ("The US told us nothing about the U.S.-led exercise.", [("US", "USA"), ("U.S.", "USA")]),
        ("Russia warned the USA and the UK.", [("Russia", "RUS"), ("USA", "USA"), ("UK", "GBR")]),
        ("TURKEY ACCUSES GREECE", [("TURKEY", "TUR"), ("GREECE", "GRC")]),
        ("They had roast turkey in Chad.", [("Chad", "TCD")]),
        ("WHO officials said the outbreak spread, but who knows how far.", [("WHO", "UN")]),
        ("The resolution passed despite un-American rhetoric.", [("American", "USA")]),
        # word boundaries: demonyms are their own rows
        ("Iranian drones struck Iran's neighbour.", [("Iranian", "IRN"), ("Iran", "IRN")]),
        ("Serbians and Serbs rallied; Serbian troops stayed.",
         [("Serbians", "SRB"), ("Serbs", "SRB"), ("Serbian", "SRB")]),
        ("Filipino fishermen and Philippine vessels left Manila.",
         [("Filipino", "PHL"), ("Philippine", "PHL"), ("Manila", "PHL")]),
        ("Americans and Britons were evacuated by Israeli forces.",
         [("Americans", "USA"), ("Britons", "GBR"), ("Israeli", "ISR")]),
        # groups coded to the state they live in; bodies to their state
        ("Kosovo Serbs boycotted the vote while Serbian troops massed nearby.",
         [("Kosovo Serbs", "XKX"), ("Serbian", "SRB")]),
        ("Bosnian Serbs and Karabakh Armenians were mentioned.", [("Bosnian Serbs", "BIH"), ("Karabakh Armenians", "AZE")]),
        ("Hezbollah fired rockets; Hamas and the Houthis praised it.",
         [("Hezbollah", "LBN"), ("Hamas", "PSE"), ("Houthis", "YEM")]),
        ("The Rapid Support Forces clashed with the Sudanese Armed Forces.",
         [("Rapid Support Forces", "SDN"), ("Sudanese Armed Forces", "SDN")]),
        ("The IDF said the Kosovo Security Force and the PLA were not involved.",
         [("IDF", "ISR"), ("Kosovo Security Force", "XKX"), ("PLA", "CHN")]),
        ("Congress voted, but Indian National Congress leaders objected.",
         [("Congress", "USA"), ("Indian National Congress", "IND")]),
        ("The State Department and the Foreign Office issued travel warnings.",
         [("State Department", "USA"), ("Foreign Office", "GBR")]),
        # a body named with another state is that state's
        ("The Serbian Ministry of Defence denied the claim.", [("Serbian Ministry of Defence", "SRB")]),
        ("Germany's Federal Foreign Office summoned the envoy.", [("Germany's Federal Foreign Office", "DEU")]),
        ("A statement by the Ministry of Defence of Ukraine followed.", [("Ministry of Defence of Ukraine", "UKR")]),
        ("Russia's Security Council met; the US National Security Council did not.",
         [("Russia's Security Council", "RUS"), ("US", "USA")]),
        # the tail of a longer coordinated name is not the body that bears the tail's name
        ("Sudan's Defence and Security Council met, and the Security Council did not.",
         [("Sudan's Defence and Security Council", "SDN"), ("Security Council", "UN")]),
        ("The African Union's Peace and Security Council suspended Niger.",
         [("African Union's Peace and Security Council", "AU"), ("Niger", "NER")]),
        ("A National Defence and Security Council spokesman spoke to France and the Security Council.",
         [("France", "FRA"), ("Security Council", "UN")]),
        ("Britain and Security Council members abstained.", [("Britain", "GBR"), ("Security Council", "UN")]),
        # international bodies
        ("NATO and KFOR troops joined EULEX and OSCE monitors.",
         [("NATO", "NATO"), ("KFOR", "KFOR"), ("EULEX", "EULEX"), ("OSCE", "OSCE")]),
        ("The African Union, the AU, and the Arab League met in Cairo.",
         [("African Union", "AU"), ("AU", "AU"), ("Arab League", "ARL"), ("Cairo", "EGY")]),
        ("The International Court of Justice and the ICC are in The Netherlands.",
         [("International Court of Justice", "ICJ"), ("ICC", "ICC"), ("Netherlands", "NLD")]),
        ("The European Commission asked the IMF and the World Bank for help.",
         [("European Commission", "EU"), ("IMF", "IMF"), ("World Bank", "WB")]),
        ("UNHCR and the International Committee of the Red Cross sent aid to Gaza.",
         [("UNHCR", "UN"), ("International Committee of the Red Cross", "ICRC"), ("Gaza", "PSE")]),
        ("Taipei protested to Beijing; the DPP and the KMT agreed.",
         [("Taipei", "TWN"), ("Beijing", "CHN"), ("DPP", "TWN"), ("KMT", "TWN")]),
        # older and alternative names of states and bodies
        ("Soviet tanks left Kabul after the USSR signed the accord.", [("Soviet", "RUS"), ("Kabul", "AFG"),
                                                                         ("USSR", "RUS")]),
        ("Zaire and Kampuchea were both on the Soviet Union's agenda.",
         [("Zaire", "COD"), ("Kampuchea", "KHM"), ("Soviet Union", "RUS")]),
        ("The Organization of African Unity and the CSCE sent observers.",
         [("Organization of African Unity", "AU"), ("CSCE", "OSCE")]),
        ("Farmers lobbied the Common Market, not the common market for grain.", [("Common Market", "EU")]),
        ("Bonn and Peking exchanged notes; Rangoon stayed silent.",
         [("Bonn", "DEU"), ("Peking", "CHN"), ("Rangoon", "MMR")]),
        ("UNPROFOR and the ILO opened offices; ECOMOG troops stayed.",
         [("UNPROFOR", "UN"), ("ILO", "UN"), ("ECOMOG", "ECOWAS")]),
        # armed movements are coded to the state they fight in
        ("The Tamil Tigers and UNITA rejected the talks.", [("Tamil Tigers", "LKA"), ("UNITA", "AGO")]),
        ("Abu Sayyaf and the Moro Islamic Liberation Front denied involvement.",
         [("Abu Sayyaf", "PHL"), ("Moro Islamic Liberation Front", "PHL")]),
        ("The Revolutionary United Front freed the hostages.", [("Revolutionary United Front", "SLE")]),
    ],
)
def test_find(gaz: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(gaz, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Serbia's army moved closer.",
        "Vučić’s allies in Priština’s north",
        "The U.S. said on Friday that the UN Security Council would meet.",
        "Kosovo Serbs, Serbian police and the Kremlin",
    ],
)
def test_offsets_point_into_the_text(gaz: Gazetteer, text: str) -> None:
    for m in gaz.find(text):
        assert text[m.start:m.end] == m.text
        assert not m.text.endswith("'s")


def test_mention_carries_kind_and_role(gaz: Gazetteer) -> None:
    (m,) = gaz.find("The State Department said so.")
    assert (m.start, m.end, m.code, m.kind, m.role) == (4, 20, "USA", "body", "foreign ministry")
    (m,) = gaz.find("Pristina said so.")
    assert (m.kind, m.role) == ("capital", None)


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Vučić", "vucic"),
        ("Priština", "pristina"),
        ("Straße", "strase"),
        ("Kosovo’s", "kosovo's"),
        ("ĐURIĆ Łódź", "duric lodz"),
        ("Serbia–Kosovo", "serbia-kosovo"),
        ("İstanbul", "istanbul"),
    ],
)
def test_fold_keeps_length(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("phrase", "code"),
    [
        ("the Kremlin", "RUS"),
        ("Kremlin", "RUS"),
        ("Pristina", "XKX"),
        ("PRIŠTINA", "XKX"),
        ("Serbia's", "SRB"),
        ("Kosovo Serbs", "XKX"),
        ("UN Security Council", "UN"),
        ("US", "USA"),
        ("us", None),
        ("South China Sea", None),
        ("Atlantis", None),
    ],
)
def test_lookup(gaz: Gazetteer, phrase: str, code: str | None) -> None:
    entry = gaz.lookup(phrase)
    assert (entry.code if entry else None) == code


def test_codes_cover_states_and_bodies(gaz: Gazetteer) -> None:
    assert {"SRB", "XKX", "USA", "RUS", "CHN", "TWN", "PSE", "VAT", "UN", "NATO", "EU", "KFOR", "ICJ"} <= gaz.codes
    assert "" not in gaz.codes


def test_builtin_csv_is_clean() -> None:
    rows = read_actor_rows(builtin_path())
    assert len(rows) > 1500
    assert {r.entry.kind for r in rows} <= KINDS
    states = {r.entry.code for r in rows if r.entry.kind == "adjective"}
    assert len(states) >= 190  # adjectives or demonyms for (nearly) every state
    seen: dict[tuple[str, bool], str] = {}
    for row in rows:
        key = (fold(row.entry.alias), row.case_sensitive)
        assert key not in seen, f"duplicate alias {row.entry.alias!r} at line {row.line}"
        seen[key] = row.entry.code


# -- user CSVs -------------------------------------------------------------------------------------


def write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_user_csv_adds_and_overrides(tmp_path: Path) -> None:
    extra = write(tmp_path / "mine.csv", [
        ["code", "alias", "kind", "role", "case_sensitive"],
        ["ARV", "Arvenia", "state", "", "0"],
        ["ARVMIL", "Arvenian Guard", "body", "military", "0"],
        ["XKX", "Kosova Republic", "", "", ""],
        ["RUSGOV", "Kremlin", "body", "presidency", "0"],
    ])
    gaz = load_gazetteer(extra)
    assert found(gaz, "Arvenia said the Arvenian Guard and the Kremlin would talk to Belgrade.") == [
        ("Arvenia", "ARV"), ("Arvenian Guard", "ARVMIL"), ("Kremlin", "RUSGOV"), ("Belgrade", "SRB"),
    ]
    entry = gaz.lookup("Kosova Republic")
    assert entry == ActorEntry("XKX", "Kosova Republic", "user", None)
    assert load_gazetteer(extra) is gaz  # cached per path
    assert load_gazetteer() is not gaz


def test_user_csv_with_only_code_and_alias(tmp_path: Path) -> None:
    extra = write(tmp_path / "min.csv", [["code", "alias"], ["MAROON", "Maroon Republic"]])
    assert found(load_gazetteer(extra), "The Maroon Republic objected.") == [("Maroon Republic", "MAROON")]


@pytest.mark.parametrize(
    ("rows", "line", "reason"),
    [
        ([["code", "alias"], ["ARV", "Arvenia"], ["", "Nowhere"]], 3, "empty code"),
        ([["code", "alias"], ["ARV", ""]], 2, "empty alias"),
        ([["code", "alias", "kind"], ["ARV", "Arvenia", "country"]], 2, "unknown kind"),
        ([["code", "alias", "case_sensitive"], ["ARV", "Arvenia", "maybe"]], 2, "case_sensitive"),
        ([["code", "alias"], ["ARV", "Arvenia", "extra"]], 2, "expected 2 fields"),
        ([["code", "name"], ["ARV", "Arvenia"]], 1, "missing column"),
        ([["code", "alias"], ["ARV", "--"]], 2, "no letters"),
    ],
)
def test_bad_user_row(tmp_path: Path, rows: list[list[str]], line: int, reason: str) -> None:
    path = write(tmp_path / "bad.csv", rows)
    with pytest.raises(DataFileError) as info:
        read_actor_csv(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert reason in info.value.reason
    with pytest.raises(DataFileError):
        load_gazetteer(path)


def test_comments_and_blank_lines_keep_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    path.write_text("# my actors\ncode,alias\n\nARV,Arvenia\n# bad one next\nARV,,\n", encoding="utf-8")
    with pytest.raises(DataFileError) as info:
        read_actor_csv(path)
    assert info.value.line == 6


def test_case_sensitive_user_row() -> None:
    gaz = Gazetteer(
        [ActorEntry("ARV", "ARV", "user"), ActorEntry("ARV", "Arvenia", "user")],
        case_sensitive=frozenset({ActorEntry("ARV", "ARV", "user")}),
    )
    assert found(gaz, "ARV and arv and ARVENIA") == [("ARV", "ARV"), ("ARVENIA", "ARV")]


def test_long_text(gaz: Gazetteer) -> None:
    """A megabyte-sized text is handled in one call; the count is exact (no timing asserted)."""
    para = ("Belgrade said on Tuesday that Serbian troops would not cross into Kosovo, "
            "while the US State Department and NATO urged restraint and the South China Sea stayed calm.\n")
    mentions = gaz.find(para * 5000)
    assert len(mentions) == 5 * 5000
    assert [m.code for m in mentions[:5]] == ["SRB", "SRB", "XKX", "USA", "NATO"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a national adjective on a state's agent names that state as an actor
        ("The Hungarian government postponed the vote on the new budget.", {"HUN"}, set()),
        ("Kenyan riot police fired tear gas at a march in the capital.", {"KEN"}, set()),
        ("Moroccan authorities detained three men near the port.", {"MAR"}, set()),
        ("A Ukrainian official said the convoy had left on time.", {"UKR"}, set()),
        ("Georgian and Armenian diplomats met to discuss the pipeline.", {"GEO", "ARM"}, set()),
        ("Yemeni militants seized two fishing boats off the coast.", {"YEM"}, set()),
        # origin only: refugees, journalists, products, and ethnic descriptions
        ("Syrian refugees waited at the crossing for a second night.", set(), {"SYR"}),
        ("An Italian journalist was among the passengers.", set(), {"ITA"}),
        ("Ethnic Albanian mayors took office in three northern towns.", set(), {"ALB"}),
    ],
)
def test_adjective_actors_take_part(run_text, text: str, present: set[str], absent: set[str]) -> None:
    actors = set(run_text(text).actors)
    assert present <= actors, actors
    assert not absent & actors, actors


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a place where something happens is not a participant
        ("Two training courses were held in Jordan for the new recruits.", set(), {"JOR"}),
        # an absolute "with" clause only sets the scene
        ("With Iraq in chaos and Lebanon paralysed, Tehran has turned its attention to Yemen.", {"IRN", "YEM"},
         {"IRQ", "LBN"}),
        ("With Sudan and Chad busy at home, the rebels moved their camps north.", set(), {"SDN", "TCD"}),
        # ... but a state named as a doer elsewhere in the text stays
        ("With Armenia distracted, Azerbaijan moved troops to the border. Armenia protested.", {"ARM", "AZE"}, set()),
        # a city and its country: the appositive country is as much a setting as the city
        ("The envoys met on Friday in Geneva, Switzerland, and Iran agreed to a second round.", {"IRN"}, {"CHE"}),
        ("A drone struck Turkey's embassy in Beirut, Lebanon on Monday.", {"TUR"}, {"LBN"}),
        ("Kurti spoke at a session of the Security Council in New York, United States, on Friday.", {"UN"}, {"USA"}),
        # an occasion named after a body only dates the act
        ("Zelensky and Biden shook hands during NATO's 80th anniversary summit in Madrid.", {"UKR", "USA"},
         {"NATO", "ESP"}),
        ("Trudeau said he raised the matter with Modi during the G20 summit in Rome last week.", {"CAN", "IND"},
         {"G20", "ITA"}),
        ("Biden met Xi on the sidelines of the APEC summit in Lima.", {"USA", "CHN"}, {"APEC", "PER"}),
        # ... but a body that acts at its summit stays
        ("At the summit in Vilnius, NATO invited Ukraine to join.", {"NATO", "UKR"}, {"LTU"}),
        # the place of a war is its victim, not its setting
        ("Johnson condemned Russia's aggression in Georgia.", {"RUS", "GEO"}, set()),
        ("The chancellor said the war in Ukraine had changed Europe.", {"UKR"}, set()),
        ("Chadian mercenaries are fighting alongside Russian troops in Ukraine, a French official said.",
         {"UKR", "FRA"}, set()),
        # a language is not a nationality
        ("The senator posted a video in Spanish asking the president of Mexico to act.", {"MEX"}, {"ESP"}),
        ("Russian-language newspapers in Latvia were ordered to close by Riga.", {"LVA"}, {"RUS"}),
        ("The statement, issued in Arabic and French, called on Algeria to reopen the border.", {"DZA"}, {"FRA"}),
    ],
)
def test_settings_do_not_take_part(run_text, text: str, present: set[str], absent: set[str]) -> None:
    actors = set(run_text(text).actors)
    assert present <= actors, actors
    assert not absent & actors, actors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a dateline says where the story was filed: its city and country are not actors
        ("BEIRUT, Lebanon (AFP) — Israel struck a Hezbollah depot overnight.",
         [("Israel", "ISR"), ("Hezbollah", "LBN")]),
        ("ANKARA, March 3 – Turkey summoned the Swedish ambassador.", [("Turkey", "TUR"), ("Swedish", "SWE")]),
        ("Strikes resume\nKYIV, Ukraine — Russia launched drones at the capital.",
         [("Russia", "RUS")]),
        ("Baku (Reuters) - Azerbaijan closed the road to Armenia.", [("Azerbaijan", "AZE"), ("Armenia", "ARM")]),
        # in ordinary case: a capital with its own country, or with a date
        ("Kyiv, Ukraine — Russia launched drones at the capital overnight.", [("Russia", "RUS")]),
        ("Tirana, March 3 - Albania closed two border crossings.", [("Albania", "ALB")]),
        # a headline pair of two capitals is not a dateline
        ("Belgrade, Pristina — a deal at last", [("Belgrade", "SRB"), ("Pristina", "XKX")]),
        # not datelines: a headline pair, a list, an IO opening a line, a lower-case country clause
        ("Serbia - Kosovo talks end without a deal", [("Serbia", "SRB"), ("Kosovo", "XKX")]),
        ("Russia, Ukraine swap prisoners of war", [("Russia", "RUS"), ("Ukraine", "UKR")]),
        ("NATO — the alliance Sweden joined — met in Vilnius.", [("NATO", "NATO"), ("Sweden", "SWE"), ("Vilnius", "LTU")]),
        ("Later, China said the drills - the largest this year - were routine.", [("China", "CHN")]),
    ],
)
def test_datelines_are_not_actors(gaz: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(gaz, text) == expected


@pytest.mark.parametrize(
    ("text", "body", "code"),
    [
        # a generic English body name in an article about another state is that state's body
        ("Pakistan struck hideouts near the border. The Foreign Office said Kabul had ignored its warnings.",
         "Foreign Office", "PAK"),
        ("South Korea fired warning shots after North Korean soldiers crossed the line, the Joint Chiefs of "
         "Staff said. Seoul called it a deliberate provocation by Pyongyang.", "Joint Chiefs of Staff", "KOR"),
        # the state the row names is in the article: the body keeps its code
        ("Britain summoned the Iranian envoy. The Foreign Office said London would respond.", "Foreign Office", "GBR"),
        # an owner written before the body wins over either
        ("Pakistan and India traded fire. The German Foreign Office urged restraint.", "German Foreign Office", "DEU"),
    ],
)
def test_settle_bodies(gaz: Gazetteer, text: str, body: str, code: str) -> None:
    settled = {m.text: m.code for m in settle_bodies(gaz.find(text), gaz)}
    assert settled[body] == code, settled


def test_settle_bodies_keeps_a_proper_name(gaz: Gazetteer) -> None:
    """A name only one state's body bears keeps its state even when the article names no other."""
    text = "The State Department approved the sale of missiles to Poland. Warsaw welcomed it."
    settled = {m.text: m.code for m in settle_bodies(gaz.find(text), gaz)}
    assert settled["State Department"] == "USA", settled


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # people named by origin who act where they live are that place's community (issue 15, §3.1)
        ("Serb gunmen in Kosovo attacked a police patrol near the border.", {"XKX"}, {"SRB"}),
        ("Ethnic Armenian protesters in Georgia clashed with Georgian police.", {"GEO"}, {"ARM"}),
        ("Hungarian minorities in southern Slovakia demanded schools in their own language.", {"SVK"}, {"HUN"}),
        # a state's agents abroad stay its own
        ("Russian troops in Belarus began drills on Monday.", {"RUS"}, set()),
        ("Turkish diplomats in Libya met the interim prime minister.", {"TUR"}, set()),
    ],
)
def test_communities_take_the_place_they_act_in(run_text, text: str, present: set[str], absent: set[str]) -> None:
    actors = set(run_text(text).actors)
    assert present <= actors, actors
    assert not absent & actors, actors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a language after "in", before "-language", or after "speaks" is not an actor
        ("Crenshaw posted a message in Spanish on Twitter asking Mexico to act.", [("Mexico", "MEX")]),
        ("Kyiv banned Russian-language songs on the radio.", [("Kyiv", "UKR")]),
        ("The minister, who speaks Chinese fluently, flew to Taipei.", [("Taipei", "TWN")]),
        # ... while a nationality after "in" is kept
        ("The town has been in Russian hands since March.", [("Russian", "RUS")]),
        ("Trust in Chinese firms fell after Beijing's crackdown.", [("Chinese", "CHN"), ("Beijing", "CHN")]),
        # a name with a model number is a product
        ("Iran has shipped Fatah-110 missiles to Russia.", [("Iran", "IRN"), ("Russia", "RUS")]),
        ("Fatah and Hamas met in Cairo.", [("Fatah", "PSE"), ("Hamas", "PSE"), ("Cairo", "EGY")]),
        # newspapers act for no actor
        ("The minister told the Korea Herald that Japan had refused.", [("Japan", "JPN")]),
        ("Malta's premier told the Times of Malta he would veto the plan.", [("Malta", "MLT")]),
        # where a firm or a ship is registered is its origin, not an actor ...
        ("A Dubai-registered firm sold the drones to Sudan.", [("Sudan", "SDN")]),
        ("A Panama-flagged tanker was seized by Iran.", [("Iran", "IRN")]),
        # ... while a backer is one
        ("Moscow-backed separatists shelled the town.", [("Moscow", "RUS")]),
        # the places in a wire story's credits
        ("Seoul warned Tokyo.\n(Reporting by Ann Lee in Seoul; Editing by Tom Hogue in London)",
         [("Seoul", "KOR"), ("Tokyo", "JPN")]),
    ],
)
def test_languages_and_products_are_not_actors(gaz: Gazetteer, text: str, expected: list[tuple[str, str]]) -> None:
    assert found(gaz, text) == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # once the article writes the name with a model number, a bare heading "Fatah missiles" is the weapon
        ("Fatah missiles\nIran has shipped Fatah-110 missiles to Russia, Kyiv said.", ["Iran", "Russia", "Kyiv"]),
        # otherwise the group stays
        ("Fatah missiles\nFatah said it would not join the talks in Cairo.", ["Fatah", "Fatah", "Cairo"]),
        # states are never products
        ("Iran said the Fatah-110 missiles stayed home.", ["Iran"]),
    ],
)
def test_drop_product_names(gaz: Gazetteer, text: str, kept: list[str]) -> None:
    assert [m.text for m in drop_product_names(gaz.find(text), text)] == kept

"""The pure conversions of benchmarks/petrarch.py on small invented snippets (no model, no CLI).

Why: the PETRARCH figures are only as fair as the dictionary reading, the code
truncation and the CAMEO mapping; a silent slip there would move the figures
without anyone touching the extractor.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import benchmark_module

pt = benchmark_module.load("petrarch")

RECORDS_XML = """<Validation>
<!-- invented records in the PETRARCH validation layout -->
<Sentences>
<Sentence date="20010305" id="T-01" category="DEMO" sentence="true">
<!-- a comment inside the record -->
<EventCoding sourcecode="VELGOV" targetcode="QRN" eventcode="0231"></EventCoding>
<EventCoding sourcecode="---GOV" targetcode="QRN" eventcode="042"></EventCoding>
<Text>
Velmora asked Quarnis for grain
shipments, an official said.
</Text>
<Parse>(ROOT (S (NP (NNP Velmora))))</Parse>
</Sentence>
<Sentence date="20010306" id="T-02" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>Nothing happened in Velmora.</Text>
</Sentence>
<Sentence date="20010307" id="T-03" category="ERROR" sentence="true">
<EventCoding error="storydiscard"></EventCoding>
<Text>Velmora won the chess cup.</Text>
</Sentence>
</Sentences>
</Validation>
"""

ACTORS_TXT = """<!-- INVENTED ACTOR DICTIONARY -->
<!--
# a header comment block
# spanning lines -->
VELMORA_  [VEL]  # the first entry
+VELMORIAN
QUARNIS [QRNGOV]
OLD_HARBOUR
+THE_DOCKS
\t[QRN < 990101]
\t[VELMIL 19990101 - 20041231]
\t[QRN]
TWIN_CITIES [VEL/QRN]
NOBODY [---]
#HIDDEN [HID]
"""

AGENTS_TXT = """<!-- INVENTED AGENTS -->
!PERSON! = MAN, MEN
HARBOUR_MASTER [~GOV] # suffix only
RELIEF_SOCIETY [NGO~]
AID_BODY {} [NGO~]
TRUST {TRUSTEES} [  NGO~]
"""

CAMEO_TXT = """# invented excerpt in the CAMEO2PLOVER layout
04: CONSULT
042: CONSULT, visit,   # Make a visit
10: DEMAND
100: DEMAND,  ,  # Demand
11: DISAPPROVE
112: DISAPPROVE, ,  # Accuse
17: COERCE
171: COERCE, seize,  # Seize
1711: COERCE, seize,  # Confiscate
175: FIGHT, , military # first row wins
175: AGREE, , # a repeated row
"""


def test_parse_records_reads_codings_noevents_errors_and_flattens_text() -> None:
    recs = pt.parse_records(RECORDS_XML)
    assert [r.id for r in recs] == ["T-01", "T-02", "T-03"]
    first = recs[0]
    assert first.text == "Velmora asked Quarnis for grain shipments, an official said."
    assert first.codings == (pt.Coding("VELGOV", "QRN", "0231"), pt.Coding("---GOV", "QRN", "042"))
    assert first.published == "2001-03-05"
    assert recs[1].noevents and not recs[1].codings
    assert recs[2].error == "storydiscard"


@pytest.mark.parametrize(("code", "expected"), [
    ("VELGOV", "VEL"), ("QRN", "QRN"), ("igoabc", "IGO"), ("---GOV", None), ("###", None),
    ("+++", None), ('"BIG HARBOUR"', None), ("", None), ("VE", None),
])
def test_truncate_keeps_three_letters_or_nothing(code: str, expected: str | None) -> None:
    assert pt.truncate(code) == expected


def test_parse_code_block_dates() -> None:
    assert pt.parse_code_block("VEL") == pt.DatedCode(("VEL",))
    assert pt.parse_code_block("VEL/QRN") == pt.DatedCode(("VEL", "QRN"))
    before = pt.parse_code_block("QRN < 990101")
    assert before == pt.DatedCode(("QRN",), last="19981231")
    after = pt.parse_code_block("QRN >020228")
    assert after == pt.DatedCode(("QRN",), first="20020301")
    span = pt.parse_code_block("VELMIL 19990101 - 20041231")
    assert span == pt.DatedCode(("VELMIL",), first="19990101", last="20041231")
    assert span is not None and span.holds("20000615") and not span.holds("20050101")
    assert pt.parse_code_block("VEL sometime") is None


def test_parse_actor_dictionary_entries_synonyms_and_dated_codes() -> None:
    entries = pt.parse_actor_dictionary(ACTORS_TXT)
    names = [e.names for e in entries]
    assert names == [["VELMORA_", "VELMORIAN"], ["QUARNIS"], ["OLD_HARBOUR", "THE_DOCKS"], ["TWIN_CITIES"],
                     ["NOBODY"]]
    harbour = entries[2]
    assert harbour.codes_on("19980101") == ("QRN",)
    assert harbour.codes_on("20010101") == ("VELMIL",)
    assert harbour.codes_on("20100101") == ("QRN",)
    assert entries[3].codes_on("20010101") == ("VEL", "QRN")


def test_codes_on_without_open_block_has_no_code_outside_its_dates() -> None:
    entry = pt.DictActor(["GONE_STATE"], [pt.DatedCode(("GNS",), last="19911225")])
    assert entry.codes_on("19900101") == ("GNS",)
    assert entry.codes_on("19950101") == ()


def test_parse_prefix_agents_keeps_only_prefix_agents_with_plurals() -> None:
    agents = pt.parse_prefix_agents(AGENTS_TXT)
    assert agents == [
        pt.Agent(("RELIEF_SOCIETY", "RELIEF_SOCIETIES"), "NGO"),
        pt.Agent(("AID_BODY",), "NGO"),
        pt.Agent(("TRUST", "TRUSTEES"), "NGO"),
    ]


@pytest.mark.parametrize(("name", "alias"), [
    ("VELMORA_", "Velmora"), ("OLD_HARBOUR", "Old Harbour"), ("QRN", "QRN"), ("U.V.", "U.V."),
    ("PORT-ROYAL", "Port-Royal"), ("CARAS VELM", "Caras Velm"),
])
def test_alias_of(name: str, alias: str) -> None:
    assert pt.alias_of(name) == alias


def test_build_actor_table_rows_placeholders_and_resolve() -> None:
    entries = pt.parse_actor_dictionary(ACTORS_TXT)
    table = pt.build_actor_table(entries, pt.parse_prefix_agents(AGENTS_TXT))
    by_alias = {r["alias"]: r for r in table.rows}
    assert by_alias["Velmora"]["code"] == "VEL"
    assert by_alias["Velmorian"]["kind"] == "adjective"
    assert by_alias["Quarnis"]["code"] == "QRN"  # QRNGOV cut to its country part
    assert by_alias["Relief Society"] == {"code": "NGO", "alias": "Relief Society", "kind": "group", "role": "",
                                          "case_sensitive": "0"}
    assert "Nobody" not in by_alias and table.skipped == 1
    harbour = by_alias["Old Harbour"]["code"]
    twins = by_alias["Twin Cities"]["code"]
    assert harbour.startswith("PETRDICT") and twins.startswith("PETRDICT") and harbour != twins
    assert by_alias["The Docks"]["code"] == harbour
    assert table.resolve(harbour, "20010101") == ("VEL",)
    assert table.resolve(harbour, "19980101") == ("QRN",)
    assert table.resolve(twins, "20010101") == ("VEL", "QRN")
    assert table.resolve("JPNX", "20010101", {"JPNX": "JAPGOV"}) == ("JAP",)
    assert table.resolve("EU", "20010101") == ("EU",)
    assert table.resolve(None, "20010101") == ()
    assert {"VEL", "QRN", "NGO"} <= table.dictionary_codes


def test_write_actor_csv_is_readable_by_powderkeg(tmp_path: Path) -> None:
    from powderkeg.extract.actors import read_actor_rows

    table = pt.build_actor_table(pt.parse_actor_dictionary(ACTORS_TXT), pt.parse_prefix_agents(AGENTS_TXT))
    path = tmp_path / "actors.csv"
    pt.write_actor_csv(table, path)
    rows = read_actor_rows(path)
    assert [(r.entry.code, r.entry.alias) for r in rows] == [(r["code"], r["alias"]) for r in table.rows]


def test_parse_cameo_table_renames_and_first_row_wins() -> None:
    table = pt.parse_cameo_table(CAMEO_TXT)
    assert table["042"] == "CONSULT"
    assert table["100"] == "REQUEST"  # DEMAND
    assert table["112"] == "ACCUSE"  # DISAPPROVE
    assert table["175"] == "ASSAULT"  # FIGHT, first of two rows
    assert "02" not in table


@pytest.mark.parametrize(("code", "expected"), [
    ("042", "CONSULT"), ("0421", "CONSULT"), ("1711", "COERCE"), ("1719", None), ("171", "COERCE"),
    ("0231", None), ("903", None), ("174Q", None), ("04", "CONSULT"), ("045", None),
])
def test_plover_type_prefix_fallback_and_synthetic_codes(code: str, expected: str | None) -> None:
    assert pt.plover_type(code, pt.parse_cameo_table(CAMEO_TXT)) == expected


def test_expectation_grades_excludes_and_merges() -> None:
    cameo = pt.parse_cameo_table(CAMEO_TXT)
    rec = pt.Record("R", "20010101", "DEMO", "text", (
        pt.Coding("VELGOV", "QRN", "1001"), pt.Coding("VELMIL", "QRNGOV", "100"), pt.Coding("---", "QRN", "042"),
        pt.Coding("VEL", "QRN", "903"), pt.Coding("QRN", "VEL", "042"),
    ))
    exp = pt.expectation(rec, cameo)
    assert exp.graded == {("VEL", "QRN", "REQUEST"): "1001", ("QRN", "VEL", "CONSULT"): "042"}
    assert exp.duplicates == 1
    assert exp.unmapped == {"903": 1}
    assert exp.neutral_dyads == {("VEL", "QRN")}
    assert sum(exp.reasons.values()) == 2


def test_compare_found_missed_extra_and_neutral() -> None:
    cameo = pt.parse_cameo_table(CAMEO_TXT)
    rec = pt.Record("R", "20010101", "DEMO", "text", (
        pt.Coding("VEL", "QRN", "042"), pt.Coding("QRN", "VEL", "112"), pt.Coding("VEL", "NGO", "903"),
    ))
    res = pt.compare(rec, pt.expectation(rec, cameo), [
        ("VEL", "QRN", "CONSULT"), ("QRN", "VEL", "REJECT"), ("VEL", "NGO", "AID"), ("VEL", "QRN", "CONSULT"),
    ])
    assert res.found == [("VEL", "QRN", "CONSULT")]
    assert res.missed == [("QRN", "VEL", "ACCUSE")]
    assert res.extra == [("QRN", "VEL", "REJECT")]
    assert res.neutral == [("VEL", "NGO", "AID")]
    assert res.cameo["QRN->VEL ACCUSE"] == "112"


def test_miss_kind() -> None:
    miss = ("VEL", "QRN", "CONSULT")
    assert pt.miss_kind(miss, []) == "nothing coded for the sentence"
    assert pt.miss_kind(miss, [("VEL", "QRN", "AID")]) == "right dyad, other type"
    assert pt.miss_kind(miss, [("QRN", "VEL", "CONSULT")]) == "reversed dyad only"
    assert pt.miss_kind(miss, [("VEL", "NGO", "CONSULT")]) == "one actor right, the other not"
    assert pt.miss_kind(miss, [("NGO", "IGO", "CONSULT")]) == "other dyads only"


def test_produced_triples_resolves_placeholders_and_drops_codeless() -> None:
    table = pt.build_actor_table(pt.parse_actor_dictionary(ACTORS_TXT))
    twins = next(r["code"] for r in table.rows if r["alias"] == "Twin Cities")
    gone = pt.ActorTable([], {"PETRDICT99": pt.DictActor(["GONE"], [pt.DatedCode(("GNS",), last="19900101")])},
                         frozenset())
    events = [
        {"source": twins, "target": "QRN", "type": "consult", "negated": False},
        {"source": "JPN", "target": "VEL", "type": "AID", "negated": True},
    ]
    triples, negated, dropped = pt.produced_triples(events, "20010101", table, {"JPN": "JAP"})
    assert triples == [("VEL", "QRN", "CONSULT"), ("JAP", "VEL", "AID")]  # QRN->QRN is no event
    assert (negated, dropped) == (1, 0)
    _, _, dropped = pt.produced_triples([{"source": "PETRDICT99", "target": "VEL", "type": "AID"}],
                                        "20010101", gone, {})
    assert dropped == 1


def test_summarise_figures() -> None:
    cameo = pt.parse_cameo_table(CAMEO_TXT)
    table = pt.build_actor_table(pt.parse_actor_dictionary(ACTORS_TXT))
    recs = [
        pt.Record("A", "20010101", "DEMO", "a", (pt.Coding("VEL", "QRN", "042"), pt.Coding("QRN", "VEL", "112"))),
        pt.Record("B", "20010101", "DEMO", "b", noevents=True),
        pt.Record("C", "20010101", "ERROR", "c", error="sentencediscard"),
    ]
    outputs = {
        "A": {"events": [{"source": "VEL", "target": "QRN", "type": "CONSULT"},
                         {"source": "QRN", "target": "VEL", "type": "REJECT"}]},
        "B": {"events": [{"source": "VEL", "target": "QRN", "type": "ASSAULT"}]},
    }
    s = pt.summarise(recs, outputs, table, {}, cameo)
    assert (s.records_used, s.records_skipped, s.records_expecting_none) == (2, {"sentencediscard": 1}, 1)
    assert (s.expected_events, s.found, s.extras) == (2, 1, 2)
    assert s.found_pct == 50.0 and s.extra_per_record_pct == 100.0
    assert s.dyad_found_pct == 100.0 and s.dyad_extra_per_record_pct == 50.0
    assert s.miss_kinds == {"right dyad, other type": 1}
    assert s.type_confusions == {"112: ACCUSE -> REJECT": 1}
    assert "details" not in s.to_dict() and "found: " in pt.report(s, show=1)

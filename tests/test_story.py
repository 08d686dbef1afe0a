"""One story, many reports (issue 16) through the store: reports of exact copies, near copies from the
band join, incidents and deals over what an ingest stored, and the same after re-ingesting."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import powderkeg
from powderkeg.cli import app

FIXTURE = Path(__file__).parent / "fixtures" / "incidents" / "reports.jsonl"

pytestmark = pytest.mark.slow


def _corpus(tmp_path: Path) -> list[Path]:
    """The twelve annotated reports, and an exact copy of r1 carried by another outlet."""
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines()]
    main = tmp_path / "reports.jsonl"
    main.write_text("".join(json.dumps({k: v for k, v in r.items() if k != "expect"}) + "\n" for r in rows),
                    encoding="utf-8")
    r1 = rows[0]
    copy = tmp_path / "exact-copy.jsonl"
    copy.write_text(json.dumps({**{k: v for k, v in r1.items() if k != "expect"}, "id": "r1-copy",
                                "outlet": "Morava News", "url": "https://morava.example/r1",
                                "published": "2024-05-07"}) + "\n", encoding="utf-8")
    return [main, copy]


def _state(db: Path) -> dict[str, Any]:
    with powderkeg.open(db, read_only=True) as kb:
        groups = sorted(sorted((r.outlet or "", r.published or "") for r in g.reports) for g in kb.copy_groups())
        incidents = sorted((i.source, i.target, i.type, i.date_start, len(i.reports), i.independent)
                           for i in kb.incidents())
        deals = sorted((d.supplier, d.recipient, d.system, d.status, len(d.reports)) for d in kb.deals())
        n_reports = kb.sql("SELECT count(*) FROM reports").rows[0][0]
    return {"groups": groups, "incidents": incidents, "deals": deals, "reports": n_reports}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path], dict[str, Any]]:
    tmp = tmp_path_factory.mktemp("story")
    inputs = _corpus(tmp)
    db = tmp / "kb.duckdb"
    with powderkeg.open(db) as kb:
        report = kb.ingest(inputs, workers=1)
    assert report.n_new == 12 and report.n_skipped_known == 1  # the exact copy costs no parse
    return db, inputs, _state(db)


def test_exact_and_near_copies_are_grouped_with_every_report(built: tuple[Path, list[Path], dict[str, Any]]) -> None:
    _, _, state = built
    assert state["reports"] == 13  # twelve articles, one of them carried twice
    assert state["groups"] == [
        [("Balkan Ledger", "2024-05-06"), ("Morava News", "2024-05-07"), ("Sava Herald", "2024-05-06")],
        [("Global Brief Wire", "2024-06-14"), ("Meridian Times", "2024-06-14")],
    ]


def test_incidents_count_copies_of_one_origin_once(built: tuple[Path, list[Path], dict[str, Any]]) -> None:
    _, _, state = built
    accusations = [i for i in state["incidents"] if i[:3] == ("SRB", "XKX", "ACCUSE")]
    # the Monday accusation (4 reports: r1, its AP copy, r3, r4; 3 independent), the schools row, Banjska
    assert [(i[3], i[4], i[5]) for i in accusations] == [("2023-09-24", 1, 1), ("2024-05-06", 4, 3),
                                                         ("2024-05-20", 2, 2)]
    sanctions = [i for i in state["incidents"] if i[:3] == ("USA", "RUS", "SANCTION")]
    assert [(i[3], i[4], i[5]) for i in sanctions] == [("2024-02-23", 1, 1), ("2024-06-14", 3, 2)]


def test_reingesting_and_forcing_rebuild_the_same_story(built: tuple[Path, list[Path], dict[str, Any]],
                                                        tmp_path: Path) -> None:
    db, inputs, state = built
    copy = tmp_path / "kb.duckdb"
    copy.write_bytes(db.read_bytes())
    with powderkeg.open(copy) as kb:
        kb.ingest(inputs, workers=1)
    assert _state(copy) == state
    with powderkeg.open(copy) as kb:
        kb.ingest(inputs, force=True, workers=1)
    assert _state(copy) == state


def test_cli_gives_copies_incidents_deals_and_a_timeline(built: tuple[Path, list[Path], dict[str, Any]]) -> None:
    db, _, _ = built
    runner = CliRunner()
    copies = json.loads(runner.invoke(app, ["--db", str(db), "copies", "--format", "json"]).stdout)
    assert {"group", "reports"} <= set(copies[0]) and {"article", "outlet", "title", "url", "published"} <= set(
        copies[0]["reports"][0])
    found = json.loads(runner.invoke(app, ["--db", str(db), "incidents", "--sort", "independent",
                                           "--format", "json"]).stdout)
    assert {"id", "source", "target", "type", "negated", "date_start", "date_end", "articles", "outlets",
            "reports", "independent", "statuses"} <= set(found[0])
    assert found[0]["independent"] == max(i["independent"] for i in found) == 3
    result = runner.invoke(app, ["--db", str(db), "timeline", "--actor", "Kosovo", "--format", "json"])
    line = json.loads(result.stdout)
    assert [i["date_start"] for i in line] == sorted(i["date_start"] for i in line)
    assert all("XKX" in (i["source"], i["target"]) for i in line)
    deals = runner.invoke(app, ["--db", str(db), "deals", "--format", "json"])
    assert deals.exit_code == 0 and isinstance(json.loads(deals.stdout), list)


def test_an_interrupted_ingest_resumed_builds_the_same_story(built: tuple[Path, list[Path], dict[str, Any]],
                                                             tmp_path: Path) -> None:
    """An ingest stopped after some batches, then run again, ends where a clean run ends."""
    _, inputs, state = built
    lines = inputs[0].read_text(encoding="utf-8").splitlines(keepends=True)
    first = tmp_path / "first-batches.jsonl"
    first.write_text("".join(lines[:5]), encoding="utf-8")  # what the stopped run had written
    db = tmp_path / "kb.duckdb"
    with powderkeg.open(db) as kb:
        kb.ingest([first], workers=1)
    with powderkeg.open(db) as kb:
        kb.ingest(inputs, workers=1)
    assert _state(db) == state


def test_outlet_coverage_counts_what_each_outlet_carried_and_lists_the_silent(
        built: tuple[Path, list[Path], dict[str, Any]]) -> None:
    db, _, _ = built
    with powderkeg.open(db, read_only=True) as kb:
        cover = {c.outlet: c for c in kb.coverage("XKX")}
    assert cover["Morava News"].articles == 1  # carried r1 as an exact copy: its report counts
    assert cover["Balkan Ledger"].articles == 2 and cover["Balkan Ledger"].incidents == 2
    silent = cover["Bosphorus Daily"]  # wrote only about Turkey and Greece
    assert (silent.articles, silent.events, silent.incidents, silent.quotes) == (0, 0, 0, 0)
    runner = CliRunner()
    rows = json.loads(runner.invoke(app, ["--db", str(db), "coverage", "--actor", "Kosovo", "--format", "json"]).stdout)
    assert {r["outlet"] for r in rows} == set(cover) and rows[-1]["articles"] == 0

"""The `powderkeg` CLI end to end on the demo corpus."""

from __future__ import annotations

import csv
import io
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import powderkeg
from powderkeg.cli import app
from powderkeg.models import Article
from powderkeg.readers import iter_inputs

CONTRACT_KEYS = {"id", "actors", "people", "events", "arms", "quotes", "labels"}


def run(runner: CliRunner, *args: str | Path, input: str | None = None):
    return runner.invoke(app, [str(a) for a in args], input=input)


def demo_text_files() -> list[Path]:
    folder = next(p for p in powderkeg.demo_corpus() if p.name == "text")
    return sorted(folder.glob("*.txt"))


def summary_of(db: Path):
    with powderkeg.open(db, read_only=True) as kb:
        return kb.summary()


# -- no model needed ---------------------------------------------------------------------------


def test_help_lists_every_command(cli_runner: CliRunner):
    result = run(cli_runner, "--help")
    assert result.exit_code == 0
    for command in ("ingest", "events", "actors", "people", "articles", "show", "sql", "export",
                    "summary", "extract", "arms", "quotes", "labels", "disputes"):
        assert command in result.stdout


@pytest.mark.parametrize("command", [["summary"], ["events"], ["actors"], ["sql", "SELECT 1"]])
def test_query_without_a_database_is_one_red_line(cli_runner: CliRunner, tmp_path: Path, command: list[str]):
    result = run(cli_runner, "--db", tmp_path / "missing.duckdb", *command)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert "missing.duckdb" in result.stderr
    assert "Traceback" not in result.output


def test_db_from_environment(cli_runner: CliRunner, tmp_path: Path):
    db = tmp_path / "env.duckdb"
    powderkeg.open(db).close()
    result = cli_runner.invoke(app, ["summary"], env={"POWDERKEG_DB": str(db)})
    assert result.exit_code == 0, result.output
    assert "env.duckdb" in result.stdout


def test_ingest_without_paths_is_an_error(cli_runner: CliRunner, tmp_path: Path):
    result = run(cli_runner, "--db", tmp_path / "kb.duckdb", "ingest")
    assert result.exit_code == 1
    assert "error:" in result.stderr


def test_bad_date_is_a_usage_error(cli_runner: CliRunner, tmp_path: Path):
    result = run(cli_runner, "--db", tmp_path / "kb.duckdb", "events", "--since", "last week")
    assert result.exit_code == 2
    assert "not a date" in result.output


def test_an_ingest_where_every_input_failed_exits_1_and_names_the_file(cli_runner: CliRunner, tmp_path: Path):
    bad = tmp_path / "scan.html"
    bad.write_bytes(b"%PDF-1.7\n" + bytes(100))
    result = run(cli_runner, "--db", tmp_path / "kb.duckdb", "ingest", bad)
    assert result.exit_code == 1  # issue 14: 2 means "some inputs skipped", not "nothing read"
    assert "scan.html: " in result.stderr
    assert "no article could be read" in result.stderr


def test_extract_of_a_missing_file_fails(cli_runner: CliRunner, tmp_path: Path):
    result = run(cli_runner, "extract", tmp_path / "nope.jsonl", "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 1
    assert "nope.jsonl" in result.stderr and "error: " in result.stderr
    assert not (tmp_path / "out.jsonl").exists() or not (tmp_path / "out.jsonl").read_text()


# -- with the model ----------------------------------------------------------------------------


@pytest.mark.slow
def test_ingest_demo_exit_code_and_summary(cli_runner: CliRunner, tmp_path: Path, demo_db: Path):
    db = tmp_path / "kb.duckdb"
    result = run(cli_runner, "--db", db, "ingest", "--demo")
    assert result.exit_code == 0, result.output
    expected = summary_of(demo_db)
    assert f"{expected.n_articles} new" in result.stdout
    assert "Events by type" in result.stdout and "Top dyads" in result.stdout
    assert summary_of(db) == expected

    result = run(cli_runner, "--db", db, "summary")
    assert result.exit_code == 0
    assert f"{expected.n_events} events" in result.stdout


@pytest.mark.slow
def test_reingest_is_idempotent(cli_runner: CliRunner, demo_db_copy: Path):
    before = summary_of(demo_db_copy)
    result = run(cli_runner, "--db", demo_db_copy, "ingest", "--demo")
    assert result.exit_code == 0, result.output
    assert "0 new" in result.stdout
    assert f"{before.n_articles} skipped" in result.stdout
    assert summary_of(demo_db_copy) == before
    result = run(cli_runner, "--db", demo_db_copy, "ingest", "--demo", "--force")
    assert result.exit_code == 0, result.output
    assert summary_of(demo_db_copy) == before


@pytest.mark.slow
def test_bad_file_among_good_ones_exits_2_and_names_it(cli_runner: CliRunner, tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good = demo_text_files()[:2]
    for path in good:
        shutil.copy(path, corpus / path.name)
    (corpus / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300))
    db = tmp_path / "kb.duckdb"
    result = run(cli_runner, "--db", db, "ingest", corpus)
    assert result.exit_code == 2
    assert "broken.txt: " in result.stderr
    assert summary_of(db).n_articles == len(good)
    assert summary_of(db).n_failures == 1


@pytest.mark.slow
def test_ingest_glob_and_stdin(cli_runner: CliRunner, tmp_path: Path):
    first, second = demo_text_files()[:2]
    db = tmp_path / "kb.duckdb"
    result = run(cli_runner, "--db", db, "ingest", "-", input=first.read_text(encoding="utf-8"))
    assert result.exit_code == 0, result.output
    assert summary_of(db).n_articles == 1
    pattern = str(second.parent / (second.stem[:6] + "*.txt"))
    result = run(cli_runner, "--db", db, "ingest", pattern)
    assert result.exit_code == 0, result.output
    assert summary_of(db).n_articles >= 2


@pytest.mark.slow
def test_events_json_and_csv_filters(cli_runner: CliRunner, demo_db: Path):
    result = run(cli_runner, "--db", demo_db, "events", "--format", "json")
    assert result.exit_code == 0, result.output
    everything = json.loads(result.stdout)
    assert len(everything) == summary_of(demo_db).n_events
    kind = everything[0]["type"]

    result = run(cli_runner, "--db", demo_db, "events", "--type", kind.lower(), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and all(r["type"] == kind for r in rows)
    assert len(rows) == sum(e["type"] == kind for e in everything)

    actor = everything[0]["source"]
    result = run(cli_runner, "--db", demo_db, "events", "--actor", actor, "--limit", "3", "-f", "json")
    rows = json.loads(result.stdout)
    assert 0 < len(rows) <= 3 and all(actor in (r["source"], r["target"]) for r in rows)

    word = everything[0]["evidence"].split()[0]
    result = run(cli_runner, "--db", demo_db, "events", "--contains", word, "-f", "json")
    assert all(word.lower() in r["evidence"].lower() for r in json.loads(result.stdout))

    result = run(cli_runner, "--db", demo_db, "events", "--since", "2025-06", "--until", "2025", "-f", "json")
    dated = json.loads(result.stdout)
    assert all(r["published"] and "2025-06-01" <= r["published"] <= "2025-12-31" for r in dated)

    result = run(cli_runner, "--db", demo_db, "events", "--type", kind)
    assert result.exit_code == 0
    assert kind in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize("command", ["actors", "people", "articles"])
def test_listing_commands(cli_runner: CliRunner, demo_db: Path, command: str):
    result = run(cli_runner, "--db", demo_db, command, "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows
    result = run(cli_runner, "--db", demo_db, command)
    assert result.exit_code == 0
    assert "rows" in result.stdout


@pytest.mark.slow
def test_show_highlights_evidence_and_accepts_a_prefix(cli_runner: CliRunner, demo_db: Path):
    with powderkeg.open(demo_db, read_only=True) as kb:
        art = max(kb.articles(), key=lambda a: a.n_events)
        evs = kb.events(article_id=art.id)
    result = run(cli_runner, "--db", demo_db, "show", art.id[:9])
    assert result.exit_code == 0, result.output
    assert art.id in result.stdout
    assert f"{len(evs)} event" in result.stdout
    assert f"{evs[0].source} → {evs[0].target}" in result.stdout
    assert evs[0].type in result.stdout

    result = run(cli_runner, "--db", demo_db, "show", "no-such-id")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")


@pytest.mark.slow
def test_sql_reads_and_refuses_writes(cli_runner: CliRunner, demo_db: Path):
    result = run(cli_runner, "--db", demo_db, "sql", "SELECT count(*) AS n FROM events", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [{"n": summary_of(demo_db).n_events}]
    for statement in ("DELETE FROM events", "DROP TABLE events", "CREATE TABLE x AS SELECT 1"):
        result = run(cli_runner, "--db", demo_db, "sql", statement)
        assert result.exit_code == 1, statement
        assert result.stderr.startswith("error: ")
        assert "read" in result.stderr.lower()
        assert "Traceback" not in result.output
    assert summary_of(demo_db).n_events == json.loads(
        run(cli_runner, "--db", demo_db, "sql", "SELECT count(*) AS n FROM events", "-f", "json").stdout)[0]["n"]


@pytest.mark.slow
def test_export_parquet_is_readable_by_pandas(cli_runner: CliRunner, demo_db: Path, tmp_path: Path):
    out = tmp_path / "export"
    result = run(cli_runner, "--db", demo_db, "export", out, "--format", "parquet")
    assert result.exit_code == 0, result.output
    files = {p.stem: p for p in out.glob("*.parquet")}
    assert {"events", "articles"} <= set(files)
    events = pd.read_parquet(files["events"])
    assert len(events) == summary_of(demo_db).n_events
    assert {"source", "target", "type", "evidence"} <= set(events.columns)

    result = run(cli_runner, "--db", demo_db, "export", tmp_path / "csv", "--format", "csv")
    assert result.exit_code == 0, result.output
    assert len(pd.read_csv(tmp_path / "csv" / "events.csv")) == len(events)


@pytest.mark.slow
def test_extract_writes_one_contract_line_per_input(cli_runner: CliRunner, tmp_path: Path):
    arts = [a for a in iter_inputs([str(p) for p in powderkeg.demo_corpus()]) if isinstance(a, Article)][:5]
    src, dst = tmp_path / "input.jsonl", tmp_path / "output.jsonl"
    records = [{"id": f"seed-{i:03d}", "url": a.url, "outlet": a.outlet, "title": a.title,
                "published": a.published, "text": a.text} for i, a in enumerate(arts)]
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    src.write_text("\n".join([*lines[:2], "{broken", *lines[2:]]) + "\n", encoding="utf-8")

    result = run(cli_runner, "extract", src, "-o", dst)
    assert result.exit_code == 0, result.output
    assert "input.jsonl:3" in result.stderr
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == [r["id"] for r in records]
    texts = {r["id"]: r["text"] for r in records}
    n_events = 0
    for o in out:
        assert set(o) == CONTRACT_KEYS
        for ev in o["events"]:
            assert {"source", "target", "type", "negated", "status", "quote"} <= set(ev)
            assert ev["quote"] and ev["quote"] in texts[o["id"]]
            n_events += 1
        for arm in o["arms"]:
            assert arm["quote"] in texts[o["id"]]
    assert n_events > 0


@pytest.mark.slow
def test_extract_to_stdout(cli_runner: CliRunner, tmp_path: Path):
    art = next(a for a in iter_inputs([str(demo_text_files()[0])]) if isinstance(a, Article))
    src = tmp_path / "one.jsonl"
    src.write_text(json.dumps({"id": "only", "text": art.text}) + "\n", encoding="utf-8")
    result = run(cli_runner, "extract", src)
    assert result.exit_code == 0, result.output
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["id"] == "only"


# -- arms, quotes, labels, disputes (issue 4) ---------------------------------------------------

CLAIM_ARTICLE = """Belgrade says London armed Kosovo
Source: Balkan Observer
Published: 2024-06-01

Serbia's interior minister claimed on Saturday that Britain had delivered anti-tank missiles to Kosovo.
He called the shipment a provocation.
"""
DENIAL_ARTICLE = """UK rejects Serbian arms claim
Source: London Ledger
Published: 2024-06-03

Britain denied that it had sent anti-tank missiles to Kosovo.
A Foreign Office spokeswoman said the allegation was false and that no British weapons had left the country.
"""


@pytest.mark.slow
def test_disputes_links_a_claim_to_a_denial_in_another_outlet(cli_runner: CliRunner, tmp_path: Path):
    (tmp_path / "claim.txt").write_text(CLAIM_ARTICLE, encoding="utf-8")
    (tmp_path / "denial.txt").write_text(DENIAL_ARTICLE, encoding="utf-8")
    db = tmp_path / "kb.duckdb"
    assert run(cli_runner, "--db", db, "ingest", tmp_path / "claim.txt", tmp_path / "denial.txt").exit_code == 0
    result = run(cli_runner, "--db", db, "disputes", "--kind", "event", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    aid = [d for d in rows if (d["source"], d["target"], d["what"]) == ("GBR", "XKX", "AID")]
    assert aid, rows
    assert [(s["by"], s["outlet"]) for s in aid[0]["asserted"]] == [("SRB", "Balkan Observer")]
    assert [(s["by"], s["outlet"]) for s in aid[0]["denied"]] == [("GBR", "London Ledger")]
    table = run(cli_runner, "--db", db, "disputes")
    assert table.exit_code == 0, table.output
    # the claim (event and arms record) and the denial, side by side
    assert "2 disputed facts" in table.stdout and "anti-tank missiles" in table.stdout.replace("\n", " ")


def _register_db(path: Path) -> Path:
    from powderkeg.models import ArmsTransfer, Extraction, Label, Quote
    from powderkeg.store import Store

    text = ("Germany will send 14 Leopard 2 tanks to Ukraine, worth €300 million, the chancellor said. "
            "Moscow called the Kyiv regime a puppet of the West.")
    s1 = text.split(". ")[0] + "."
    term = text.index("Kyiv regime")
    said = text.index("Germany will send")
    with Store(path) as store:
        store.write_batch([Extraction(
            article=Article(id="a0b1c2d3e4f50617", text=text, outlet="Rhine Post", published="2023-01-25"),
            actors=("DEU", "UKR", "RUS"),
            arms=(ArmsTransfer("DEU", "UKR", "Leopard 2", "planned", s1, 0, len(s1), quantity=14,
                               value_usd=325_000_000.0, weapon_class="tank"),),
            quotes=(Quote("the chancellor", "DEU", "said", text[said:text.index(", worth")], "indirect", said,
                          text.index(", worth")),),
            labels=(Label("UKR", "Kyiv regime", text[len(s1) + 1:], term, term + len("Kyiv regime")),),
        )])
    return path


def test_arms_register_table_and_csv(cli_runner: CliRunner, tmp_path: Path):
    db = _register_db(tmp_path / "kb.duckdb")
    table = run(cli_runner, "--db", db, "arms", "--supplier", "deu", "--system", "leopard")
    assert table.exit_code == 0, table.output
    assert "Leopard" in table.stdout and "$325.0m" in table.stdout and "planned" in table.stdout
    rows = list(csv.DictReader(io.StringIO(run(cli_runner, "--db", db, "arms", "-f", "csv").stdout)))
    assert [(r["supplier"], r["recipient"], r["quantity"], r["status"]) for r in rows] == [
        ("DEU", "UKR", "14", "planned")]
    assert run(cli_runner, "--db", db, "arms", "--status", "shipped").exit_code == 1


def test_quotes_and_labels_commands(cli_runner: CliRunner, tmp_path: Path):
    db = _register_db(tmp_path / "kb.duckdb")
    quotes = json.loads(run(cli_runner, "--db", db, "quotes", "--actor", "DEU", "-f", "json").stdout)
    assert [(q["speaker"], q["cue"], q["kind"]) for q in quotes] == [("the chancellor", "said", "indirect")]
    assert json.loads(run(cli_runner, "--db", db, "quotes", "--contains", "nothing like this", "-f", "json").stdout) == []
    side_by_side = run(cli_runner, "--db", db, "labels", "--by", "outlet")
    assert side_by_side.exit_code == 0 and "Rhine Post" in side_by_side.stdout and "Kyiv regime" in side_by_side.stdout
    uses = json.loads(run(cli_runner, "--db", db, "labels", "--by", "none", "--target", "ukr", "-f", "json").stdout)
    assert [(u["term"], u["outlet"]) for u in uses] == [("Kyiv regime", "Rhine Post")]


# -- issue 14: the CLI where users type it ------------------------------------------------------

COMMANDS = ("ingest", "events", "actors", "people", "arms", "quotes", "labels", "disputes", "articles", "show",
            "sql", "export", "summary", "serve", "extract", "explain")


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_lists_the_global_options(cli_runner: CliRunner, command: str):
    result = run(cli_runner, command, "--help")
    assert result.exit_code == 0, result.output
    assert "--db" in result.stdout and "--verbose" in result.stdout and "-v" in result.stdout


def test_version(cli_runner: CliRunner):
    result = run(cli_runner, "--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"powderkeg {powderkeg.__version__}"


def test_db_after_the_command_wins_over_the_environment(cli_runner: CliRunner, tmp_path: Path):
    here, there = tmp_path / "here.duckdb", tmp_path / "there.duckdb"
    powderkeg.open(here).close()
    result = cli_runner.invoke(app, ["summary", "--db", str(here)], env={"POWDERKEG_DB": str(there)})
    assert result.exit_code == 0, result.output
    assert "here.duckdb" in result.stdout
    assert not there.exists()
    result = cli_runner.invoke(app, ["--db", str(there), "summary", "--db", str(here)])
    assert result.exit_code == 0 and "here.duckdb" in result.stdout


def test_verbose_after_the_command(cli_runner: CliRunner, tmp_path: Path):
    db = tmp_path / "kb.duckdb"
    powderkeg.open(db).close()
    result = run(cli_runner, "summary", "--db", db, "-vv")
    assert result.exit_code == 0, result.output
    assert logging.getLogger("powderkeg").level == logging.DEBUG
    run(cli_runner, "summary", "--db", db)  # back to warnings for the other tests
    assert logging.getLogger("powderkeg").level == logging.WARNING


def test_the_installed_command_takes_db_after_the_subcommand(tmp_path: Path):
    """A real process, as a user types it: `powderkeg summary --db kb.duckdb` (was "No such option")."""
    db = tmp_path / "kb.duckdb"
    powderkeg.open(db).close()
    exe = Path(sys.executable).with_name("powderkeg")
    done = subprocess.run([str(exe), "summary", "--db", str(db)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "kb.duckdb" in done.stdout
    done = subprocess.run([str(exe), "events", "--db", str(db), "--since", "2023-13"], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == ["error: --since: '2023-13' is not a date: month 13 is not 01-12"]


@pytest.mark.parametrize(("command", "option", "value", "reason"), [
    ("events", "--since", "2023-13", "month 13 is not 01-12"),
    ("events", "--since", "0000", "no year 0000"),
    ("events", "--until", "2023-00", "month 00 is not 01-12"),
    ("events", "--until", "2024-02-30", "February 2024 has days 01-29"),
    ("arms", "--since", "2025-02-29", "February 2025 has days 01-28"),
    ("quotes", "--until", "2024-13", "month 13"),
    ("articles", "--since", "March 2024", "not a date"),
    ("labels", "--since", "2023-00", "month 00"),
])
def test_a_bad_date_is_one_line_naming_the_option(cli_runner: CliRunner, tmp_path: Path, command: str,
                                                   option: str, value: str, reason: str):
    result = run(cli_runner, command, "--db", tmp_path / "missing.duckdb", option, value)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {option}: ") and reason in lines[0]
    assert "Traceback" not in result.output


def test_a_url_input_is_not_fetched(cli_runner: CliRunner, tmp_path: Path):
    result = run(cli_runner, "ingest", "https://balkanledger.example/2025/03/04/police-posts", "--db",
                 tmp_path / "kb.duckdb")
    assert result.exit_code == 1
    assert "URLs are not fetched; save the page and ingest the file" in result.stderr
    assert "no such file" not in result.stderr


@pytest.mark.slow
def test_some_inputs_failed_exits_2_all_failed_exits_1(cli_runner: CliRunner, tmp_path: Path):
    good = demo_text_files()[0]
    missing = tmp_path / "gone.txt"
    result = run(cli_runner, "ingest", good, missing, "--db", tmp_path / "kb.duckdb")
    assert result.exit_code == 2, result.output
    result = run(cli_runner, "ingest", missing, "http://example.org/a.html", "--db", tmp_path / "kb.duckdb")
    assert result.exit_code == 1
    assert "gone.txt: no such file" in result.stderr and "no article could be read" in result.stderr


@pytest.mark.slow
def test_an_impossible_jsonl_date_warns_naming_the_line(cli_runner: CliRunner, tmp_path: Path):
    src = tmp_path / "wire.jsonl"
    src.write_text(json.dumps({"id": "w1", "published": "2025-03-03", "text": "Serbia accused Kosovo of "
                                "provoking violence in the north, officials in Belgrade said."}) + "\n"
                   + json.dumps({"id": "w2", "published": "2024-02-30", "text": "Kosovo rejected the "
                                 "accusation and said its police acted under a court order."}) + "\n",
                   encoding="utf-8")
    db = tmp_path / "kb.duckdb"
    result = run(cli_runner, "ingest", src, "--db", db)
    assert result.exit_code == 0, result.output
    squeezed = "".join(result.stderr.split())  # rich wraps long log lines
    assert "wire.jsonl:2:published'2024-02-30'isnotavaliddate" in squeezed
    with powderkeg.open(db, read_only=True) as kb:  # still ingested, undated
        assert kb.article("w2").published is None
        assert kb.article("w1").published == "2025-03-03"


@pytest.mark.slow
@pytest.mark.parametrize(("command", "option", "name", "code", "column"), [
    ("events", "--actor", "Kosovo", "XKX", None),
    ("events", "--source", "serbia", "SRB", "source"),
    ("events", "--target", "United States", "USA", "target"),
    ("arms", "--recipient", "Kosovo", "XKX", "recipient"),
    ("arms", "--supplier", "United States", "USA", "supplier"),
    ("quotes", "--actor", "Serbia", "SRB", "actor"),
    ("people", "--actor", "Kosovo", "XKX", "actor"),
    ("disputes", "--actor", "Serbia", None, None),
])
def test_actor_names_resolve_and_say_which_code(cli_runner: CliRunner, demo_db: Path, command: str, option: str,
                                                name: str, code: str | None, column: str | None):
    by_name = run(cli_runner, command, "--db", demo_db, option, name, "-f", "json")
    assert by_name.exit_code == 0, by_name.output
    resolved = code or {"Serbia": "SRB"}[name]
    assert f'{option.lstrip("-")} "{name}" = {resolved}' in by_name.stderr
    by_code = run(cli_runner, command, "--db", demo_db, option, resolved, "-f", "json")
    rows = json.loads(by_name.stdout)
    assert rows and rows == json.loads(by_code.stdout)
    assert by_code.stderr == ""  # a code as typed needs no note
    if column:
        assert all(r[column] == resolved for r in rows)


@pytest.mark.slow
def test_events_by_dyad_of_names(cli_runner: CliRunner, demo_db: Path):
    result = run(cli_runner, "events", "--db", demo_db, "--dyad", "Serbia,Kosovo", "-f", "json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert rows and all({r["source"], r["target"]} == {"SRB", "XKX"} for r in rows)


@pytest.mark.slow
def test_an_unknown_actor_is_a_usage_error_with_suggestions(cli_runner: CliRunner, demo_db: Path):
    result = run(cli_runner, "events", "--db", demo_db, "--actor", "Kosvo")
    assert result.exit_code == 2
    assert result.stderr.strip() == "error: --actor: unknown actor 'Kosvo'; did you mean Kosovo (XKX)?"


@pytest.mark.slow
@pytest.mark.parametrize("typed", ["balkan", "BALKAN LEDGER", "ledger"])
def test_outlet_matches_part_of_the_name_in_any_case(cli_runner: CliRunner, demo_db: Path, typed: str):
    result = run(cli_runner, "events", "--db", demo_db, "--outlet", typed, "-f", "json")
    rows = json.loads(result.stdout)
    assert rows and {r["outlet"] for r in rows} == {"Balkan Ledger"}
    result = run(cli_runner, "articles", "--db", demo_db, "--outlet", typed, "-f", "json")
    assert {r["outlet"] for r in json.loads(result.stdout)} == {"Balkan Ledger"}


@pytest.mark.slow
def test_outlet_wildcards_are_literal(cli_runner: CliRunner, undated_db: Path):
    result = run(cli_runner, "articles", "--db", undated_db, "--outlet", "_ledger%", "-f", "json")
    assert [r["outlet"] for r in json.loads(result.stdout)] == ["Balkan_Ledger%Weekly"]
    result = run(cli_runner, "articles", "--db", undated_db, "--outlet", "%", "-f", "json")
    assert [r["outlet"] for r in json.loads(result.stdout)] == ["Balkan_Ledger%Weekly"]


@pytest.mark.slow
@pytest.mark.parametrize(("command", "noun"), [
    ("events", "undated events"), ("quotes", "undated quote"), ("articles", "undated articles"),
])
def test_date_filters_count_the_undated_and_can_include_them(cli_runner: CliRunner, undated_db: Path,
                                                              command: str, noun: str):
    dated = run(cli_runner, command, "--db", undated_db, "--since", "2000", "-f", "json")
    assert dated.exit_code == 0, dated.output
    assert noun in dated.stderr and "left out by --since/--until" in dated.stderr
    n = int(dated.stderr.split()[0])
    both = run(cli_runner, command, "--db", undated_db, "--since", "2000", "--include-undated", "-f", "json")
    only = run(cli_runner, command, "--db", undated_db, "--undated-only", "-f", "json")
    assert "left out" not in both.stderr
    undated_rows = json.loads(only.stdout)
    assert len(undated_rows) == n and all(r["published"] is None for r in undated_rows)
    assert len(json.loads(both.stdout)) == len(json.loads(dated.stdout)) + n
    everything = run(cli_runner, command, "--db", undated_db, "-f", "json")
    assert len(json.loads(everything.stdout)) == len(json.loads(both.stdout))  # no date filter: nothing left out
    assert "left out" not in everything.stderr


@pytest.mark.slow
def test_events_show_the_date_the_sentence_states(cli_runner: CliRunner, tmp_path: Path):
    """An act the text dates ("in 1999") is listed with that date, not the publication date."""
    src = tmp_path / "anniversary.jsonl"
    src.write_text(json.dumps({
        "id": "anniversary", "published": "2024-03-24", "outlet": "Danube Post",
        "text": "NATO bombed Serbia in 1999. On Sunday, Serbia accused NATO of ignoring the victims.",
    }) + "\n", encoding="utf-8")
    db = tmp_path / "kb.duckdb"
    assert run(cli_runner, "--db", db, "ingest", src).exit_code == 0
    rows = json.loads(run(cli_runner, "--db", db, "events", "--format", "json").stdout)
    dates = {(r["source"], r["type"]): (r["date"], r["date_source"]) for r in rows}
    assert dates[("NATO", "ASSAULT")] == ("1999", "text")
    assert dates[("SRB", "ACCUSE")] == ("2024-03-24", "text")  # Sunday = the day of publication
    table = run(cli_runner, "--db", db, "events").stdout
    assert "1999 (text)" in table

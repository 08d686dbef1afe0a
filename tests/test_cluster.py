"""`ingest --engine dask` (issue 17) on a real LocalCluster of 2 worker processes: the knowledge base
equals a local ingest of the same inputs, bad inputs and a failed batch cost only themselves, and
re-running changes nothing."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

import powderkeg
from powderkeg.api import IngestReport
from powderkeg.store.shards import SHARD_TABLES

pytestmark = pytest.mark.slow

#: Every stored table: its rows compared as a multiset, written-at times left out.
TABLES = {
    "articles": "SELECT id, external_id, url, outlet, title, published, text, source_path, fmt, n_words, wire "
                "FROM articles",
    "reports": "SELECT article_id, outlet, title, url, published, source_path FROM reports",
    "copy_bands": "SELECT * FROM copy_bands",
    "copy_pairs": "SELECT * FROM copy_pairs",
    "article_actors": "SELECT * FROM article_actors",
    "mentions": "SELECT * FROM mentions",
    "people": "SELECT * FROM people",
    "events": "SELECT * FROM events",
    "arms": "SELECT * FROM arms",
    "quotes": "SELECT * FROM quotes",
    "labels": "SELECT * FROM labels",
    "failures": "SELECT path, reason FROM failures",
}
#: The key fields of an event: what the checksum covers.
EVENT_KEY = "SELECT id, article_id, source, target, type, negated, status, start, \"end\", date FROM events"

#: Files of the demo corpus for the smaller runs: one per single-article format, and the JSONL digest.
SUBSET = ("text/balkan_ledger_png_denial.txt", "text/levant_wire_south_lebanon_strikes.txt",
          "text/bosphorus_daily_tb2_kosovo.txt",
          "markdown/cedar_bulletin_naqoura_talks.md", "html/eastern_courier_kosovo_javelins.html",
          "jsonl/wire_digest.jsonl")
#: A short article of our own, with a marker the fault-injection test keys on.
POISON = ("Serbia accused Kosovo on Tuesday of blocking a convoy near Jarinje, and Kosovo rejected the claim. "
          "The dispatch carries the marker POISON-PILL-17.")


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with powderkeg.open(db, read_only=True) as kb:
        return {name: sorted(kb.sql(q, limit=1_000_000).rows, key=repr) for name, q in TABLES.items()}


def _checksum(db: Path) -> str:
    """A checksum of the events' key fields that does not depend on the order rows were written in."""
    with powderkeg.open(db, read_only=True) as kb:
        rows = sorted(repr(r) for r in kb.sql(EVENT_KEY, limit=1_000_000).rows)
    return hashlib.sha256("\n".join(rows).encode()).hexdigest()


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A real LocalCluster: 2 worker processes, one thread each; its scheduler's address."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                      dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def subset(tmp_path: Path, demo_dir: Path) -> Path:
    """A folder holding a few demo files (8 articles: 5 files and a JSONL of 3), for the runs that need not cover the whole corpus."""
    folder = tmp_path / "in"
    for name in SUBSET:
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(demo_dir / name, target)
    return folder


def _dask(db: Path, inputs: list[Path] | Path, scheduler: str, **options: Any) -> IngestReport:
    with powderkeg.open(db) as kb:
        return kb.ingest(inputs, engine="dask", scheduler=scheduler, workers=2, batch_size=4, **options)


def test_dask_store_equals_a_local_ingest(tmp_path: Path, scheduler: str,
                                          demo_ingest: tuple[Path, IngestReport]) -> None:
    local_db, local_report = demo_ingest
    db = tmp_path / "dask.duckdb"
    report = _dask(db, powderkeg.demo_corpus(), scheduler)  # tasks of 8 articles: 3 parts on 2 workers
    assert (report.n_read, report.n_new, report.n_events, report.failures) == \
        (local_report.n_read, local_report.n_new, local_report.n_events, local_report.failures)
    dask_rows, local_rows = _rows(db), _rows(local_db)
    assert {t: len(r) for t, r in dask_rows.items()} == {t: len(r) for t, r in local_rows.items()}
    assert _checksum(db) == _checksum(local_db)
    assert dask_rows["events"] and dask_rows == local_rows
    # the shards stay, one file per table and part, and are queryable as Parquet as documented
    runs = list((tmp_path / "dask.duckdb.shards").iterdir())
    assert len(runs) == 1
    assert {p.name for p in runs[0].iterdir()} == {f"{t}-{n:05d}.parquet" for t in SHARD_TABLES for n in range(3)}
    pattern = str(tmp_path / "dask.duckdb.shards" / "*" / "events-*.parquet")
    assert duckdb.execute(f"SELECT count(*) FROM read_parquet('{pattern}')").fetchall() == [(len(dask_rows["events"]),)]


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("broken.jsonl", b'{"text": "Serbia and Kosovo met in Brussels."\n', "not JSON"),
    ("empty.txt", b"", "empty file"),
    ("notes.html", b"\xff\xfe\x00<html>", "mis-encoded"),
])
def test_a_bad_input_is_named_and_the_rest_is_stored(tmp_path: Path, scheduler: str, subset: Path, name: str,
                                                      content: bytes, reason: str) -> None:
    bad = subset / name
    bad.write_bytes(content)
    db = tmp_path / "kb.duckdb"
    report = _dask(db, subset, scheduler)
    assert report.n_new == 8
    assert [f.path for f in report.failures] in ([str(bad)], [f"{bad}:1"])
    assert reason in report.failures[0].reason
    with powderkeg.open(db, read_only=True) as kb:
        assert kb.summary().n_articles == 8
        assert [f.path for f in kb.failures()] == [f.path for f in report.failures]


def test_re_ingesting_changes_nothing(tmp_path: Path, scheduler: str, subset: Path) -> None:
    db = tmp_path / "kb.duckdb"
    first = _dask(db, subset, scheduler)
    before = _rows(db)
    again = _dask(db, subset, scheduler)
    assert (first.n_new, again.n_new, again.n_skipped_known) == (8, 0, 8)
    assert _rows(db) == before
    forced = _dask(db, subset, scheduler, force=True)  # every article extracted again and replaced wholesale
    assert forced.n_new == 8
    assert _rows(db) == before


def test_a_failed_batch_is_named_and_the_rest_goes_on(tmp_path: Path, scheduler: str, subset: Path) -> None:
    from distributed import Client

    (subset / "poison.txt").write_text(POISON, encoding="utf-8")

    def break_pipeline() -> None:  # runs in each worker: batches holding the marker raise, as a bug would
        from powderkeg import pipeline

        original = pipeline.Pipeline.run
        if getattr(original, "poisoned", False):
            return

        def run(self, articles):  # type: ignore[no-untyped-def]
            batch = list(articles)
            if any("POISON-PILL-17" in a.text for a in batch):
                raise RuntimeError("injected fault")
            return original(self, batch)

        run.poisoned = True  # type: ignore[attr-defined]
        run.original = original  # type: ignore[attr-defined]
        pipeline.Pipeline.run = run

    def mend_pipeline() -> None:
        from powderkeg import pipeline

        pipeline.Pipeline.run = getattr(pipeline.Pipeline.run, "original", pipeline.Pipeline.run)

    db = tmp_path / "kb.duckdb"
    with Client(scheduler) as client:  # type: ignore[no-untyped-call]
        client.run(break_pipeline)
        try:
            report = _dask(db, subset, scheduler)
        finally:
            client.run(mend_pipeline)
    lost = [f for f in report.failures if "injected fault" in f.reason]
    assert str(subset / "poison.txt") in [f.path for f in lost]
    assert all("Dask worker" in f.reason for f in lost)
    assert report.n_new + len(lost) == report.n_read == 9 and report.n_new >= 1
    with powderkeg.open(db, read_only=True) as kb:
        assert kb.summary().n_articles == report.n_new
    again = _dask(db, subset, scheduler)  # the lost batch is extracted on the next run
    assert (again.n_new, again.failures) == (len(lost), [])
    with powderkeg.open(db, read_only=True) as kb:
        assert kb.summary().n_articles == 9
        assert not [f for f in kb.failures() if "injected fault" in f.reason]


@pytest.mark.parametrize("where", ["a new LocalCluster", "the running scheduler"])
def test_cli_ingests_on_dask(tmp_path: Path, subset: Path, scheduler: str, where: str) -> None:
    db = tmp_path / "cli.duckdb"
    exe = Path(sys.executable).with_name("powderkeg")
    cluster = ["--workers", "2"] if where == "a new LocalCluster" else ["--scheduler", scheduler]
    done = subprocess.run([str(exe), "--db", str(db), "ingest", str(subset), "--engine", "dask", *cluster,
                           "--batch-size", "2"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == 0, done.stderr
    assert "read 8 articles, 8 new" in done.stdout
    local_db = tmp_path / "local.duckdb"
    with powderkeg.open(local_db) as kb:
        kb.ingest(subset, workers=1)
    assert _rows(db) == _rows(local_db)


@pytest.mark.parametrize(("options", "code", "message"), [
    (["--scheduler", "tcp://127.0.0.1:8786"], 2, "--scheduler needs --engine dask"),
    (["--engine", "dask", "--scheduler", "udp-nonsense://somewhere"], 1,
     "--scheduler udp-nonsense://somewhere: cannot reach a Dask scheduler there"),
    (["--engine", "spark"], 2, "'spark' is not one of"),
])
def test_cli_names_a_bad_engine_option(tmp_path: Path, subset: Path, options: list[str], code: int,
                                       message: str) -> None:
    exe = Path(sys.executable).with_name("powderkeg")
    done = subprocess.run([str(exe), "--db", str(tmp_path / "x.duckdb"), "ingest", str(subset), *options],
                          capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "200"})
    assert done.returncode == code
    assert message in " ".join(done.stderr.split())
    if (tmp_path / "x.duckdb").exists():  # nothing stored either way
        with powderkeg.open(tmp_path / "x.duckdb", read_only=True) as kb:
            assert kb.summary().n_articles == 0

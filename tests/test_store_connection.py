"""A writable store's DuckDB settings (store/connection.py, issue 17): the memory limit, read back from DuckDB."""

from __future__ import annotations

import dataclasses
import logging
import shutil
from pathlib import Path
from typing import Any

import pytest

import powderkeg
from powderkeg.errors import StoreError, WriterMemoryError
from powderkeg.models import Extraction
from powderkeg.store import Store, rollups
from powderkeg.store.connection import DEFAULT_MEMORY_LIMIT


def _settings(store: Store) -> tuple[str, str]:
    (row,) = store._rows("SELECT current_setting('memory_limit'), current_setting('temp_directory')")
    return str(row[0]), str(row[1])


def _duckdb_renders(limit: str) -> str:
    """How DuckDB itself prints a memory_limit ("256MB" -> "244.1 MiB"), from a throwaway connection."""
    import duckdb

    with duckdb.connect(":memory:", config={"memory_limit": limit}) as con:
        return str(con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0])


@pytest.mark.parametrize(("kwarg", "env", "expected"), [
    (None, None, DEFAULT_MEMORY_LIMIT),  # the default
    (None, "1GB", "1GB"),  # POWDERKEG_MEMORY_LIMIT
    ("384MB", "1GB", "384MB"),  # the keyword wins over the environment
    ("1.5GiB", None, "1.5GiB"),
    (" 96 mb ", None, "96 mb"),
])
def test_a_writable_store_gives_duckdb_its_memory_limit_and_a_spill_directory_beside_the_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kwarg: str | None, env: str | None, expected: str) -> None:
    if env is None:
        monkeypatch.delenv("POWDERKEG_MEMORY_LIMIT", raising=False)
    else:
        monkeypatch.setenv("POWDERKEG_MEMORY_LIMIT", env)
    db = tmp_path / "kb.duckdb"
    with Store(db, memory_limit=kwarg) as store:
        assert store.memory_limit == expected
        limit, spill = _settings(store)
    assert limit == _duckdb_renders(expected)
    assert Path(spill) == tmp_path / "kb.duckdb.tmp"


def test_none_keeps_duckdbs_default_and_readers_are_not_limited(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("POWDERKEG_MEMORY_LIMIT", "64MB")
    db = tmp_path / "kb.duckdb"
    with Store(db) as store:
        assert _settings(store)[0] == _duckdb_renders("64MB")
    with Store(db, memory_limit="none") as store:
        assert store.memory_limit is None
        assert _settings(store)[0] != _duckdb_renders("64MB")
    with Store(db, read_only=True) as reader:  # a reader's cache is what makes a big store's pages fast
        assert reader.memory_limit is None
        assert _settings(reader)[0] != _duckdb_renders("64MB")


@pytest.mark.parametrize("value", ["lots", "512", "-5MB", "0MB", "1.5 GBs", "MB", "2 GB extra", ""])
@pytest.mark.parametrize("where", ["keyword", "environment"])
def test_a_memory_limit_that_is_no_size_is_refused_naming_the_option(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, where: str) -> None:
    db = tmp_path / "kb.duckdb"
    if where == "keyword":
        monkeypatch.delenv("POWDERKEG_MEMORY_LIMIT", raising=False)
        with pytest.raises(StoreError, match=r"^memory_limit=.* is not a memory size: give a number and a unit"):
            Store(db, memory_limit=value)
    else:
        monkeypatch.setenv("POWDERKEG_MEMORY_LIMIT", value)
        with pytest.raises(StoreError, match=r"^POWDERKEG_MEMORY_LIMIT=.* is not a memory size"):
            Store(db)
    assert not db.exists()  # refused before the file was created


def _all_tables(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows, timestamps left out (they say when a row was written)."""
    with Store(db, read_only=True) as store, store.session():
        tables = [r[0] for r in store._rows(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1")]
        out = {}
        for table in tables:
            cols = [f'"{c}"' for c, kind in store._rows(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = ?", [table])
                if kind != "TIMESTAMP"]
            out[table] = sorted(store._rows(f"SELECT {', '.join(cols)} FROM {table}"), key=repr)
    return out


def test_a_store_written_under_a_small_memory_limit_equals_one_written_without(demo_db: Path,
                                                                               tmp_path: Path) -> None:
    """The limit changes where DuckDB keeps its working data, never what is stored: growing batches and a
    batch replacing stored articles under 64 MB give every table, rollups included, as with no limit."""
    with Store(demo_db, read_only=True) as demo:
        extractions = [x for x in (demo.extraction(a.id) for a in demo.articles()) if x is not None]
    edited = [dataclasses.replace(x, events=x.events[:1], labels=()) for x in extractions[:5]]
    stores = []
    for limit in ("64MB", "none"):
        db = tmp_path / f"kb-{limit}.duckdb"
        with Store(db, memory_limit=limit) as store:
            batches: list[list[Extraction]] = [extractions[:4], extractions[4:12], extractions[12:], edited]
            for batch in batches:
                store.write_batch(batch)
        stores.append(_all_tables(db))
    limited, unlimited = stores
    assert limited["events"] and limited["rollup_actors"]
    assert limited == unlimited
    shutil.rmtree(tmp_path / "kb-64MB.duckdb.tmp", ignore_errors=True)


def test_a_rollup_rebuild_runs_unlimited_and_gives_the_writers_limit_back(demo_db_copy: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A rebuild reads every row (on 10 M events more than 256 MB), so it lifts the limit for its own run only."""
    from powderkeg.store import rollups

    with Store(demo_db_copy, memory_limit="200MB") as store, store.session():
        con = store._connection()
        before = _settings(store)[0]
        seen: list[str] = []
        real = rollups._columns

        def spying(r: rollups.Rollup) -> list[str]:
            seen.append(str(con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]))
            return list(real(r))

        monkeypatch.setattr(rollups, "_columns", spying)  # reads the setting as each rollup is rebuilt
        rollups.refresh(con)
        assert before == _duckdb_renders("200MB") == _settings(store)[0]
        assert seen and before not in seen  # lifted while the rollups were rebuilt
        assert rollups.fresh(con)


@pytest.mark.slow
def test_an_ingest_write_that_runs_out_of_the_memory_limit_is_written_again_in_parts(
        demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """Under 48 MB a write of 16 demo articles runs out of DuckDB's memory while one of 4 fits (as a 256-article
    write does past 512 MB on a 10 M-event store): the ingest rolls it back, writes it again in halves, and
    stores what an ingest without a limit stores."""
    monkeypatch.setenv("POWDERKEG_MEMORY_LIMIT", "48MB")
    # each write folded into the rollups, as on a store past DEFER_BELOW (their MERGEs are what runs out)
    monkeypatch.setattr(rollups, "DEFER_BELOW", 0)
    db = tmp_path / "small.duckdb"
    with caplog.at_level(logging.WARNING, logger="powderkeg.api"), powderkeg.open(db) as kb:
        report = kb.ingest(powderkeg.demo_corpus(), batch_size=16, workers=1)
    assert not report.failures and report.n_new == 21
    assert "ran out of the writer's memory limit" in caplog.text  # the limit did bind
    assert _all_tables(db) == _all_tables(demo_db)
    shutil.rmtree(tmp_path / "small.duckdb.tmp", ignore_errors=True)


def test_the_rollups_an_ingest_folds_in_at_its_end_are_not_held_to_the_writers_limit(
        demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    """On a small store an ingest folds its articles into the rollups once, at its end (rollups.DEFER_BELOW): all of
    them at once, so under DuckDB's default limit as a rebuild is; 48 MB, enough for each write, is not for that."""
    monkeypatch.setenv("POWDERKEG_MEMORY_LIMIT", "48MB")
    db = tmp_path / "small.duckdb"
    with caplog.at_level(logging.WARNING), powderkeg.open(db) as kb:
        report = kb.ingest(powderkeg.demo_corpus(), batch_size=16, workers=1)
        assert kb.store.rollups_current()
    assert not report.failures and report.n_new == 21
    assert "memory limit" not in caplog.text and "left to the next writable open" not in caplog.text
    assert _all_tables(db) == _all_tables(demo_db)
    shutil.rmtree(tmp_path / "small.duckdb.tmp", ignore_errors=True)


def test_a_single_article_that_does_not_fit_the_limit_fails_naming_the_option(demo_db: Path,
                                                                               tmp_path: Path) -> None:
    """Nothing smaller to try: the error says which option to raise, and nothing is stored."""
    with Store(demo_db, read_only=True) as demo:
        first = next(x for x in (demo.extraction(a.id) for a in demo.articles()) if x is not None)
    db = tmp_path / "tiny.duckdb"
    with Store(db, memory_limit="8MB") as store:
        with pytest.raises(WriterMemoryError, match="POWDERKEG_MEMORY_LIMIT"):
            store.write_batch([first])
        assert store._rows("SELECT count(*) FROM articles") == [(0,)]
    shutil.rmtree(tmp_path / "tiny.duckdb.tmp", ignore_errors=True)

"""Sharing one DuckDB file between processes (issue 14): readers and a writer take turns.

Real processes hold the file in each test (a writer mid-batch, a reader with a
long query, another program), because DuckDB's file lock only bites across
processes. No timing assertions: each test checks who got in and what they saw,
or the message of the one who gave up.
"""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from powderkeg.errors import StoreError
from powderkeg.store import IngestLock, Store, ingest_holder, ingest_lock_path

# Each holder prints "ready" once it holds the file, then holds it until its stdin closes
# (or for the seconds given), then writes a failure row if it is a writer, and exits.
_PINNED_WRITER = """
import sys, time
from powderkeg.store import IngestLock, Store
lock = IngestLock(sys.argv[1]) if sys.argv[3] == "ingest" else None
if lock: lock.acquire()
s = Store(sys.argv[1])
s._conn.execute("SELECT 1")
print("ready", flush=True)
time.sleep(float(sys.argv[2])) if float(sys.argv[2]) else sys.stdin.read()
s._conn.execute("INSERT INTO failures VALUES ('held/by/writer.html', 'written while readers waited', now())")
s.close()
"""
_PINNED_READER = """
import sys, time
from powderkeg.store import Store
s = Store(sys.argv[1], read_only=True)
s._conn.execute("SELECT count(*) FROM events").fetchall()
print("ready", flush=True)
time.sleep(float(sys.argv[2])) if float(sys.argv[2]) else sys.stdin.read()
"""
# Another program on the same file (the duckdb CLI, an old powderkeg): DuckDB's lock only.
_FOREIGN_WRITER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
"""


@contextmanager
def holder(script: str, db: Path, seconds: float = 0, kind: str = "") -> Iterator[subprocess.Popen[str]]:
    """Run a holder process; yield it once it holds the file; end it on exit."""
    proc = subprocess.Popen([sys.executable, "-c", script, str(db), str(seconds), kind],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdin is not None
        line = proc.stdout.readline()
        assert line.strip() == "ready", proc.stderr.read() if proc.stderr else line
        yield proc
    finally:
        proc.communicate(timeout=30)  # closes its stdin: the holder lets go and exits


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "kb.duckdb"
    Store(path).close()
    return path


# --------------------------------------------------------------------------- #
# Readers and a writer
# --------------------------------------------------------------------------- #


def test_an_open_reader_lets_a_writer_in_then_sees_the_batch(db: Path) -> None:
    with Store(db, read_only=True) as reader:
        assert reader.summary().n_failures == 0  # the reader now keeps a connection open
        with holder(_PINNED_WRITER, db, seconds=1.0) as proc:
            # the writer got the file although this reader had it open; reading now waits for the write
            assert reader.summary().n_failures == 1
        assert proc.returncode == 0


def test_a_writer_in_the_same_process_gets_past_an_open_reader(db: Path) -> None:
    with Store(db, read_only=True) as reader:
        assert reader.failures() == []
        with Store(db, busy_timeout=10) as writer:
            writer._conn.execute("INSERT INTO failures VALUES ('same/process.html', 'why not', now())")
        assert [f.path for f in reader.failures()] == ["same/process.html"]


def test_reader_gives_up_naming_the_ingest(db: Path) -> None:
    with holder(_PINNED_WRITER, db, kind="ingest") as proc, \
            pytest.raises(StoreError, match=rf"is busy: an ingest \(pid {proc.pid}, since \d\d:\d\d\) is "
                                            r"writing a batch; try again \(waited 0.3 s\)"):
        Store(db, read_only=True, busy_timeout=0.3)


def test_reader_gives_up_naming_another_program_that_writes(db: Path) -> None:
    with holder(_FOREIGN_WRITER, db) as proc, \
            pytest.raises(StoreError, match=rf"is busy: process {proc.pid} \(.*\) has it open for writing"):
        Store(db, read_only=True, busy_timeout=0.3)


def test_writer_gives_up_naming_the_reader_that_holds_on(db: Path) -> None:
    with holder(_PINNED_READER, db) as proc, \
            pytest.raises(StoreError, match=rf"is busy: process {proc.pid} \(.*\) has it open for reading "
                                            r"and did not let go within 0.3 s"):
        Store(db, busy_timeout=0.3)


def test_writer_waits_for_a_long_read_to_end(db: Path) -> None:
    with holder(_PINNED_READER, db, seconds=1.0), Store(db) as writer:  # waits up to 60 s; the read ends at 1 s
        writer._conn.execute("INSERT INTO failures VALUES ('after/the/read.html', 'waited', now())")
    with Store(db, read_only=True) as reader:
        assert [f.path for f in reader.failures()] == ["after/the/read.html"]


def test_closed_reader_says_so(db: Path) -> None:
    reader = Store(db, read_only=True)
    reader.close()
    with pytest.raises(StoreError, match="closed"):
        reader.summary()


def test_session_shares_one_state_between_calls(db: Path) -> None:
    with Store(db, read_only=True) as reader, reader.session():
        assert reader.summary().n_articles == 0
        assert reader.articles() == []


# --------------------------------------------------------------------------- #
# Settings
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(("value", "expected"), [("2.5", 2.5), ("0", 0.0)])
def test_busy_timeout_from_the_environment(db: Path, monkeypatch: pytest.MonkeyPatch, value: str,
                                           expected: float) -> None:
    monkeypatch.setenv("POWDERKEG_BUSY_TIMEOUT", value)
    with Store(db, read_only=True) as reader:
        assert reader.busy_timeout == expected
    with Store(db) as writer:
        assert writer.busy_timeout == 60.0  # writers keep their own, longer wait


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_bad_busy_timeout_names_the_variable(db: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("POWDERKEG_BUSY_TIMEOUT", value)
    with pytest.raises(StoreError, match=rf"POWDERKEG_BUSY_TIMEOUT='{value}' is not a number of seconds"):
        Store(db, read_only=True)


# --------------------------------------------------------------------------- #
# One ingest at a time
# --------------------------------------------------------------------------- #


def test_second_ingest_lock_is_refused_naming_the_first(db: Path) -> None:
    first = IngestLock(db)
    with first.held():
        holder_now = ingest_holder(db)
        assert holder_now is not None and holder_now.pid == __import__("os").getpid()
        with pytest.raises(StoreError, match=rf"kb.duckdb is busy: an ingest \(pid {holder_now.pid}, since "
                                             r"\d\d:\d\d\) is writing to it; .*--wait"):
            IngestLock(db).acquire()
    assert ingest_holder(db) is None
    assert ingest_lock_path(db).read_text() == ""  # no stale pid left behind


def test_waiting_ingest_lock_queues_behind_the_first(db: Path) -> None:
    first = IngestLock(db)
    first.acquire()
    order: list[str] = []
    second = IngestLock(db)
    waiter = threading.Thread(target=lambda: (second.acquire(wait=True), order.append("second")))
    waiter.start()
    waiter.join(timeout=0.3)
    order.append("first done")
    first.release()
    waiter.join(timeout=10)
    second.release()
    assert order == ["first done", "second"]


def test_ingest_lock_in_a_missing_directory_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"cannot create the ingest lock .*nowhere/kb.duckdb.ingest.lock"):
        IngestLock(tmp_path / "nowhere" / "kb.duckdb").acquire()

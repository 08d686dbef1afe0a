"""Opening the file and sharing it between processes (issue 14): sessions, locks, busy retries.

DuckDB admits one writing process or several reading ones at a time: a writer
opens the file only for one operation (an ingest batch) and announces it in
`<db>.write.lock`; readers keep a connection while nobody writes and give it up
when a writer is announced; each side waits a bounded time for the other.
`StoreBase` holds that machinery; the mixins beside it add what a store does.
"""

from __future__ import annotations

import logging
import os
import random
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import duckdb

from powderkeg.errors import StoreError
from powderkeg.store.schema import init_schema, rollback

logger = logging.getLogger(__name__)

DEFAULT_PATH = "powderkeg.duckdb"

# No file access from SQL (data arrives as list parameters and leaves through
# pyarrow writers), and no silent scans of Python locals.
_CONFIG: dict[str, Any] = {"enable_external_access": False, "python_enable_replacements": False}


#: DuckDB's memory_limit on a writable file's connections (an ingest's writer, a merge, a bulk build):
#: POWDERKEG_MEMORY_LIMIT or Store(memory_limit=) overrides, "none" keeps DuckDB's own (80 % of RAM).
#: Why (issue 17): with no limit the writer of a 100,000-article ingest grew 401 -> 791 MiB as the
#: store grew; past the limit DuckDB spills to `<db>.tmp` beside the file instead. 256MB was too little for
#: one batch written into a 10 M-event store (a rollup's MERGE ran out); 512MB was enough (docs/performance.md).
DEFAULT_MEMORY_LIMIT = "512MB"
_MEMORY_SIZE = re.compile(r"\s*\d+(?:\.\d+)?\s*(?:[kmgt]i?)?b\s*", re.IGNORECASE)


def memory_limit_setting(value: str | None = None) -> str | None:
    """The memory_limit to give DuckDB ("512MB"), or None for DuckDB's default: `value` if given, else
    $POWDERKEG_MEMORY_LIMIT, else DEFAULT_MEMORY_LIMIT. StoreError naming the option when it is no size."""
    option = "memory_limit"
    if value is None:
        value = os.environ.get("POWDERKEG_MEMORY_LIMIT")
        option = "POWDERKEG_MEMORY_LIMIT"
    if value is None:
        return DEFAULT_MEMORY_LIMIT
    if value.strip().lower() == "none":
        return None
    if not _MEMORY_SIZE.fullmatch(value) or not float(re.sub(r"[^\d.]", "", value)) > 0:
        raise StoreError(f"{option}={value!r} is not a memory size: give a number and a unit "
                         "(512MB, 1.5GB, 2GiB), or none for DuckDB's default (80 % of RAM)")
    return value.strip()


#: Seconds a reader waits for a batch write to end before it gives up (POWDERKEG_BUSY_TIMEOUT overrides).
READ_BUSY_TIMEOUT = 5.0
#: Seconds a writer waits for readers (a long /api/sql query, a notebook) to let go of the file.
WRITE_BUSY_TIMEOUT = 60.0
#: Longest pause between two attempts to open a busy file: short, to catch the gap between two requests.
_MAX_RETRY_DELAY = 0.05
_HELD_BY = re.compile(r"Conflicting lock is held in (?P<program>.*?) \(PID (?P<pid>\d+)\)")


def _default_busy_timeout(read_only: bool) -> float:
    if not read_only:
        return WRITE_BUSY_TIMEOUT
    raw = os.environ.get("POWDERKEG_BUSY_TIMEOUT")
    if raw is None:
        return READ_BUSY_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise StoreError(f"POWDERKEG_BUSY_TIMEOUT={raw!r} is not a number of seconds (0 or more)")
    return value


@dataclass
class _Session:
    """The connection used by one `Store.session()` block (got lazily), and how to let go of it."""

    con: duckdb.DuckDBPyConnection | None = None
    release: Callable[[], None] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def close(self) -> None:
        with self.lock:
            release, self.con, self.release = self.release, None, None
        if release is not None:
            release()


def write_lock_path(db: str | Path) -> Path:
    """`kb.duckdb.write.lock` beside `kb.duckdb`: held by a writer while it has the file open."""
    path = Path(db)
    return path.with_name(path.name + ".write.lock")


def _take_write_lock(db: Path, timeout: float) -> int:
    """Announce a write: an exclusive flock on the write lock, waited for up to `timeout` s; returns its fd.

    Readers that keep a connection open (`_SharedReader`) watch this lock and let go of
    the file when they see it taken; new readers wait until it is given back.
    """
    import fcntl

    path = write_lock_path(db)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot create the write lock {path}: {exc.strerror or exc}") from exc
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if time.monotonic() + delay > deadline:
                os.close(fd)
                raise StoreError(_writer_busy_message(db, timeout)) from None
        time.sleep(delay * random.uniform(0.5, 1.5))
        delay = min(delay * 2, _MAX_RETRY_DELAY)


def _give_write_lock(fd: int) -> None:
    os.close(fd)  # closing the descriptor drops its flock


def _writer_busy_message(db: Path, waited: float) -> str:
    ingest = ingest_holder(db)
    who = ingest.describe() if ingest is not None else "another process"
    return f"{db} is busy: {who} is writing a batch; try again (waited {waited:g} s)"


class _WriteProbe:
    """Answers "is a writer announced on this file?" with a shared flock tried and dropped at once."""

    def __init__(self, db: Path) -> None:
        self.path = write_lock_path(db)
        self._fd: int | None = None
        self._lock = threading.Lock()

    def writer_waiting(self) -> bool:
        import fcntl

        with self._lock:
            if self._fd is None:
                try:
                    self._fd = os.open(self.path, os.O_RDONLY)
                except OSError:  # no writer has ever opened this file
                    return False
            try:
                fcntl.flock(self._fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return True
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            return False

    def close(self) -> None:
        with self._lock:
            if self._fd is not None:
                os.close(self._fd)
                self._fd = None


class _SharedReader:
    """The read-only connection a Store's sessions share, kept open until a writer announces itself.

    Why (issue 14): reopening the file per request throws DuckDB's cache away, ~100 ms a
    request on a 100,000-event file. So readers keep one connection, and a writer takes
    `<db>.write.lock` before it opens the file: a watcher thread sees that within
    `POLL` s and closes the connection as soon as the sessions using it end, and new
    sessions wait (up to the store's busy_timeout) until the writer has let go. After
    a write the connection is opened afresh, so it sees the new batch.
    """

    POLL = 0.02

    def __init__(self, store: StoreBase) -> None:
        self._store = store
        self._probe = _WriteProbe(store.path)
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._stale = False  # a writer is waiting: close as soon as nobody uses it
        self._closed = False
        self._lock = threading.Lock()
        self._watching = False

    def borrow(self) -> duckdb.DuckDBPyConnection:
        self._wait_for_writer()
        with self._lock:
            if self._closed:
                raise StoreError(f"store {self._store.path} is closed")
            if self._con is None:
                self._con = self._store._connect()
            self._stale = False  # no writer now: a connection still open has seen no write since it opened
            self._users += 1
            if not self._watching:
                self._watching = True
                # The thread holds only a weak reference, so a store nobody closed can still be collected.
                threading.Thread(target=_SharedReader._watch, args=(weakref.ref(self),),
                                 name=f"powderkeg-reader-{self._store.path.name}", daemon=True).start()
            return self._con

    def give_back(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users == 0 and (self._stale or self._closed):
                self._close_connection()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._users == 0:
                self._close_connection()
        self._probe.close()

    def _close_connection(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def _wait_for_writer(self) -> None:
        timeout = self._store.busy_timeout
        deadline = time.monotonic() + timeout
        delay = 0.005
        while self._probe.writer_waiting():
            if time.monotonic() + delay > deadline:
                raise StoreError(_writer_busy_message(self._store.path, timeout))
            time.sleep(delay * random.uniform(0.5, 1.5))
            delay = min(delay * 2, _MAX_RETRY_DELAY)

    @staticmethod
    def _watch(ref: weakref.ref[_SharedReader]) -> None:
        while True:
            time.sleep(_SharedReader.POLL)
            self = ref()
            if self is None:
                return
            waiting = self._probe.writer_waiting() if not self._closed else False
            with self._lock:
                if waiting:
                    self._stale = True
                if self._stale and self._users == 0:
                    self._close_connection()
                if self._con is None:
                    self._watching = False
                    return
            del self


@dataclass(frozen=True)
class _Holder:
    """Who holds the file in the mode that keeps us out, as far as DuckDB says."""

    pid: int | None
    program: str
    reading: bool  # the holder only reads (we are the writer)


def _lock_holder(exc: duckdb.Error, read_only: bool) -> _Holder | None:
    """The holder if `exc` says the file is locked by someone else, else None (a real error)."""
    text = str(exc)
    if "different configuration" in text:  # this very process has it open in the other mode
        return _Holder(os.getpid(), "this process", reading=not read_only)
    if "Could not set lock" not in text:
        return None
    match = _HELD_BY.search(text)
    pid = int(match["pid"]) if match else None
    return _Holder(pid, match["program"] if match else "another process", reading="read-only mode" in text)


def _describe_process(holder: _Holder) -> str:
    """'process 4711 (powderkeg serve --db kb.duckdb)': the command line, when the OS tells it."""
    if holder.pid is None:
        return holder.program
    if holder.pid == os.getpid():
        return f"this process (pid {holder.pid})"
    program = Path(holder.program).name
    try:
        args = Path(f"/proc/{holder.pid}/cmdline").read_bytes().decode("utf-8", "replace").split("\0")
        words = [Path(a).name if "/" in a else a for a in args if a][:4]
        if len(words) > 1 and words[0].startswith("python") and not words[1].startswith("-"):
            words = words[1:]  # `python .../powderkeg serve` reads better as `powderkeg serve`
        program = " ".join(" ".join(words).split())[:60] or program
    except OSError:
        pass
    return f"process {holder.pid} ({program})"


def _busy_message(path: Path, read_only: bool, holder: _Holder, waited: float) -> str:
    if not holder.reading:
        ingest = ingest_holder(path)
        if ingest is not None and holder.pid in (ingest.pid, None):
            return f"{path} is busy: {ingest.describe()} is writing a batch; try again (waited {waited:g} s)"
        return (f"{path} is busy: {_describe_process(holder)} has it open for writing; "
                f"try again when it is done (waited {waited:g} s)")
    return (f"{path} is busy: {_describe_process(holder)} has it open for reading and did not let go "
            f"within {waited:g} s; try again, or stop that reader")


@dataclass(frozen=True)
class IngestHolder:
    """The ingest that holds a database's ingest lock, as its lock file records it."""

    pid: int
    since: datetime  # local time

    def describe(self) -> str:
        return f"an ingest (pid {self.pid}, since {self.since:%H:%M})"


def ingest_lock_path(db: str | Path) -> Path:
    """`kb.duckdb.ingest.lock` beside `kb.duckdb`."""
    path = Path(db)
    return path.with_name(path.name + ".ingest.lock")


def ingest_holder(db: str | Path) -> IngestHolder | None:
    """The ingest now writing to `db`, if any (read from the lock file; a dead pid counts as none)."""
    try:
        pid_text, since_text = ingest_lock_path(db).read_text(encoding="utf-8").split()[:2]
        pid, since = int(pid_text), datetime.fromisoformat(since_text)
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:  # alive, another user's
        pass
    return IngestHolder(pid, since)


class IngestLock:
    """One ingest at a time per database: an flock on `<db>.ingest.lock`, held for the whole ingest.

    Why a file of its own: the ingest gives DuckDB's lock back between batches (so
    readers get in), which would let a second ingest interleave its batches; nothing
    would be lost or doubled (a batch replaces its articles), but two ingests parsing
    the same inputs at once is wasted work the user should hear about. The file holds
    "pid start-time" while locked, for the busy messages.
    """

    def __init__(self, db: str | Path) -> None:
        self.db = Path(db)
        self.path = ingest_lock_path(db)
        self._fd: int | None = None

    def acquire(self, *, wait: bool = False) -> None:
        """Take the lock; if another ingest holds it, StoreError (busy), or with `wait` queue behind it."""
        import fcntl

        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot create the ingest lock {self.path}: {exc.strerror or exc}") from exc
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = ingest_holder(self.db)
                who = holder.describe() if holder else "another ingest"
                if not wait:
                    raise StoreError(f"{self.db} is busy: {who} is writing to it; wait for it to finish, "
                                     "or queue behind it with --wait") from None
                logger.warning("%s: waiting for %s to finish", self.db, who)
                fcntl.flock(fd, fcntl.LOCK_EX)
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {datetime.now().isoformat(timespec='seconds')}\n".encode(), 0)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def release(self) -> None:
        """Give the lock back (and blank the file, so no stale pid is reported)."""
        import fcntl

        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    @contextmanager
    def held(self, *, wait: bool = False) -> Iterator[IngestLock]:
        self.acquire(wait=wait)
        try:
            yield self
        finally:
            self.release()


class StoreBase:
    """A DuckDB file and the connection each operation runs on; `Store` adds the rest through mixins.

    See `Store` for the life of a connection. The mixins (write.py, queries.py,
    sandbox.py, export.py) subclass this one, so each sees `_rows`, `_cursor` and
    `_connection` as mypy does.
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, *, read_only: bool = False,
                 busy_timeout: float | None = None, memory_limit: str | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.busy_timeout = _default_busy_timeout(read_only) if busy_timeout is None else busy_timeout
        self._memory = str(path) == ":memory:"
        #: DuckDB's memory_limit on this file's writable connections (None: DuckDB's default). Readers keep
        #: DuckDB's default, since their cache is what makes a page on a big store fast (issue 14), and so
        #: does an in-memory store, whose whole data lives in that memory.
        limit = memory_limit_setting(memory_limit)
        self.memory_limit = None if read_only or self._memory else limit
        if self._memory and read_only:
            raise StoreError("an in-memory store cannot be opened read-only")
        if read_only and not self.path.exists():
            raise StoreError(f"no database at {self.path} — run `powderkeg ingest` first")
        if not self._memory and not self.path.parent.exists():
            raise StoreError(f"cannot create {self.path}: directory {self.path.parent} does not exist")
        self._closed = False
        # The in-memory database lives only as long as its connection; `_conn` pins one for a file.
        self._pinned: duckdb.DuckDBPyConnection | None = self._connect() if self._memory else None
        self._pinned_write_lock: int | None = None
        self._shared = _SharedReader(self) if read_only else None
        self._current: ContextVar[_Session | None] = ContextVar(f"powderkeg_session_{id(self)}", default=None)
        try:
            with self.session():
                init_schema(self._connection(), self.path, read_only=self.read_only)
        except BaseException:
            self.close()
            raise

    # -- lifecycle ----------------------------------------------------------

    def close(self) -> None:
        """Close the store: its shared reader connection (once no session uses it), any pinned one."""
        self._closed = True
        if self._shared is not None:
            self._shared.close()
        if self._pinned is not None:
            self._pinned.close()
            self._pinned = None
        if self._pinned_write_lock is not None:
            _give_write_lock(self._pinned_write_lock)
            self._pinned_write_lock = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"Store({str(self.path)!r}, {mode})"

    @contextmanager
    def session(self) -> Iterator[None]:
        """Run every query in this block on one connection, got at the first query, let go at the end.

        A read-only store lends the connection it shares between sessions (see
        `_SharedReader`); a writable one opens the file for the block and closes it
        after, so readers get in between blocks. Either way the block sees one state
        of the file, and a writer or the readers wait for the block to end. Blocks
        nest; threads and tasks started inside share its connection (a ContextVar).
        """
        if self._closed:
            raise StoreError(f"store {self.path} is closed")
        if self._current.get() is not None:
            yield
            return
        session = _Session()
        token = self._current.set(session)
        try:
            yield
        finally:
            self._current.reset(token)
            session.close()

    @property
    def _conn(self) -> duckdb.DuckDBPyConnection:
        """A connection held until `close()`: for tests and maintenance only (it holds the file lock)."""
        if self._closed:
            raise StoreError(f"store {self.path} is closed")
        if self._pinned is None:
            if not self.read_only:
                self._pinned_write_lock = _take_write_lock(self.path, self.busy_timeout)
            self._pinned = self._connect()
        return self._pinned

    def _connection(self) -> duckdb.DuckDBPyConnection:
        """The connection of the current operation (opened on first use)."""
        if self._closed:
            raise StoreError(f"store {self.path} is closed")
        if self._pinned is not None:
            return self._pinned
        session = self._current.get()
        if session is None:
            raise StoreError(f"store {self.path}: no session is open (internal error)")
        with session.lock:
            if session.con is None:
                session.con, session.release = self._acquire()
            return session.con

    def _acquire(self) -> tuple[duckdb.DuckDBPyConnection, Callable[[], None]]:
        """A connection for one session, and what ends its use."""
        if self._shared is not None:
            return self._shared.borrow(), self._shared.give_back
        write_lock = _take_write_lock(self.path, self.busy_timeout)
        try:
            con = self._connect()
        except BaseException:
            _give_write_lock(write_lock)
            raise

        def release() -> None:
            try:
                con.close()  # the writer's changes are checkpointed into the file here
            finally:
                _give_write_lock(write_lock)

        return con, release

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file, retrying with backoff while another process holds it in the conflicting mode."""
        target = ":memory:" if self._memory else str(self.path)
        deadline = time.monotonic() + self.busy_timeout
        delay = 0.005
        while True:
            try:
                con = duckdb.connect(target, read_only=self.read_only, config=self._config())
                if self.memory_limit is not None:  # what a rollup rebuild gives back after lifting it
                    con.execute(f"SET VARIABLE powderkeg_memory_limit = '{self.memory_limit}'")
                return con
            except duckdb.Error as exc:
                holder = _lock_holder(exc, self.read_only)
                if holder is None:
                    raise StoreError(f"cannot open {self.path}: {exc}") from exc
                if time.monotonic() + delay > deadline:
                    raise StoreError(_busy_message(self.path, self.read_only, holder, self.busy_timeout)) from exc
            time.sleep(delay * random.uniform(0.5, 1.5))  # jitter: waiting readers do not retry in step
            delay = min(delay * 2, _MAX_RETRY_DELAY)

    def _config(self) -> dict[str, Any]:
        """The connection's settings: no file access, and a writer's memory limit, spilling beside the file."""
        config = dict(_CONFIG)
        if self.memory_limit is not None:
            config["memory_limit"] = self.memory_limit
            config["temp_directory"] = str(self.path.with_name(self.path.name + ".tmp"))
        return config

    @contextmanager
    def _cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A fresh cursor per query, so one Store can serve several threads (the web app)."""
        with self.session():
            cur = self._connection().cursor()
            try:
                yield cur
            except duckdb.Error as exc:
                raise StoreError(f"query on {self.path} failed: {exc}") from exc
            finally:
                cur.close()

    def _rows(self, query: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._cursor() as cur:
            return cur.execute(query, list(params)).fetchall()

    def _rollback(self) -> None:
        rollback(self._connection())

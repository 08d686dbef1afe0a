"""The DuckDB knowledge base: the only module that imports duckdb or speaks SQL.

One embedded file holds articles, the actors and people they mention, and the
PLOVER events coded from them, each tied to its evidence sentence. DuckDB admits
one writing process or several reading ones at a time (issue 14): a writer opens
the file only for one operation (an ingest batch) and announces it in
`<db>.write.lock`; readers keep a connection while nobody writes and give it up
when a writer is announced; each side waits a bounded time for the other.

Every connection runs with external access disabled, so a query typed by an
analyst (`sql`) cannot read or write files, load extensions or attach other
databases, whatever slips past the statement checks.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import random
import re
import threading
import time
import weakref
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from types import FunctionType, TracebackType
from typing import TYPE_CHECKING, Any, ClassVar

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from powderkeg import csvout
from powderkeg.errors import FilterError, ReadOnlyQueryError, StoreError
from powderkeg.models import (
    ARMS_STATUSES,
    EVENT_STATUSES,
    EVENT_TYPES,
    ActorRecord,
    ArmsRecord,
    ArmsTransfer,
    Article,
    ArticleRecord,
    DisputeRecord,
    Event,
    EventRecord,
    Extraction,
    Failure,
    Label,
    LabelRecord,
    LabelUsage,
    Mention,
    Person,
    PersonRecord,
    QueryResult,
    Quote,
    QuoteRecord,
    Stance,
    StoreSummary,
)

if TYPE_CHECKING:
    import pandas as pd

logger = logging.getLogger(__name__)

#: Bump when the table layout changes; a file with a newer version is refused.
SCHEMA_VERSION = 3

DEFAULT_PATH = "powderkeg.duckdb"

# No file access from SQL (data arrives as list parameters and leaves through
# pyarrow writers), and no silent scans of Python locals.
_CONFIG: dict[str, Any] = {"enable_external_access": False, "python_enable_replacements": False}


@dataclass(frozen=True)
class _Col:
    name: str
    sql: str  # DuckDB type


def _cols(*spec: tuple[str, str]) -> tuple[_Col, ...]:
    return tuple(_Col(name, sql) for name, sql in spec)


# A person's name as one key across spellings: case, diacritics, and the letters strip_accents keeps
# (đ ł ø ı), with "dj" for đ ("Djukanovic" = "Đukanović") and "yy" for "y" ("Zelenskyy"); the same key
# as people.person_key().
_PERSON_KEY = ("replace(replace(lower(strip_accents(translate({col}, 'ĐđŁłØøıÆæ', 'DdLlOoiAa'))), 'dj', 'd'), "
               "'yy', 'y')")

# One column list per table drives the DDL, the batch inserts and the exports.
# `seq` keeps extraction order so an Extraction reads back exactly as written.
_TABLES: dict[str, tuple[_Col, ...]] = {
    "articles": _cols(
        ("id", "VARCHAR"), ("external_id", "VARCHAR"), ("url", "VARCHAR"), ("outlet", "VARCHAR"),
        ("title", "VARCHAR"), ("published", "DATE"), ("text", "VARCHAR"), ("source_path", "VARCHAR"),
        ("fmt", "VARCHAR"), ("ingested_at", "TIMESTAMP"), ("n_words", "INTEGER"),
    ),
    "article_actors": _cols(("article_id", "VARCHAR"), ("code", "VARCHAR"), ("seq", "INTEGER")),
    "mentions": _cols(
        ("article_id", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"), ("text", "VARCHAR"),
        ("code", "VARCHAR"), ("kind", "VARCHAR"), ("role", "VARCHAR"), ("seq", "INTEGER"),
    ),
    "people": _cols(
        ("article_id", "VARCHAR"), ("name", "VARCHAR"), ("actor", "VARCHAR"), ("role", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("seq", "INTEGER"),
    ),
    "events": _cols(
        ("id", "VARCHAR"), ("article_id", "VARCHAR"), ("source", "VARCHAR"), ("target", "VARCHAR"),
        ("type", "VARCHAR"), ("negated", "BOOLEAN"), ("status", "VARCHAR"), ("evidence", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("trigger", "VARCHAR"), ("source_text", "VARCHAR"),
        ("target_text", "VARCHAR"), ("rule", "VARCHAR"), ("attributed_to", "VARCHAR"), ("disputed_by", "VARCHAR"),
        ("dispute_evidence", "VARCHAR"), ("date", "VARCHAR"), ("date_source", "VARCHAR"), ("seq", "INTEGER"),
    ),
    "arms": _cols(
        ("article_id", "VARCHAR"), ("supplier", "VARCHAR"), ("recipient", "VARCHAR"), ("system", "VARCHAR"),
        ("status", "VARCHAR"), ("evidence", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("quantity", "BIGINT"), ("value_usd", "DOUBLE"), ("weapon_class", "VARCHAR"), ("attributed_to", "VARCHAR"),
        ("disputed_by", "VARCHAR"), ("dispute_evidence", "VARCHAR"), ("written", "VARCHAR"), ("package", "BIGINT"),
        ("seq", "INTEGER"),
    ),
    "quotes": _cols(
        ("article_id", "VARCHAR"), ("speaker", "VARCHAR"), ("actor", "VARCHAR"), ("cue", "VARCHAR"),
        ("text", "VARCHAR"), ("kind", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("seq", "INTEGER"),
    ),
    "labels": _cols(
        ("article_id", "VARCHAR"), ("target", "VARCHAR"), ("term", "VARCHAR"), ("evidence", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("seq", "INTEGER"),
    ),
    "failures": _cols(("path", "VARCHAR"), ("reason", "VARCHAR"), ("seen_at", "TIMESTAMP")),
}
_PRIMARY_KEYS = {"articles": "id", "events": "id"}
#: Columns the events table can be sorted by (`Store.events(sort=...)`), and the SQL each means.
EVENT_SORTS: dict[str, str] = {
    "published": "a.published", "source": "e.source", "target": "e.target", "type": "e.type",
    "status": "e.status", "outlet": "a.outlet", "title": "a.title",
}
_CHILD_TABLES = ("article_actors", "mentions", "people", "events", "arms", "quotes", "labels")
_INDEXES = {
    "events_source": ("events", "source"),
    "events_target": ("events", "target"),
    "events_type": ("events", "type"),
    "events_article": ("events", "article_id"),
    "articles_published": ("articles", "published"),
}
#: Tables (and the `actors` view) written by `export`, in this order.
EXPORT_TABLES: tuple[str, ...] = (
    "articles", "mentions", "people", "events", "arms", "quotes", "labels", "actors", "failures",
)
_RELATIONS = frozenset((*_TABLES, "actors", "meta"))

# `actors` is a view so it can never disagree with the mentions it summarises.
# The name prefers state/IO surface forms ("Serbia" over "Serbian" or "Belgrade").
_ACTORS_VIEW = """
CREATE OR REPLACE VIEW actors AS
WITH codes AS (
    SELECT code FROM article_actors UNION SELECT code FROM mentions
    UNION SELECT source FROM events UNION SELECT target FROM events
    UNION SELECT actor FROM people WHERE actor IS NOT NULL
    UNION SELECT supplier FROM arms UNION SELECT recipient FROM arms
    UNION SELECT actor FROM quotes WHERE actor IS NOT NULL UNION SELECT target FROM labels
), forms AS (
    SELECT code, text, count(*) AS n, bool_or(kind IN ('state', 'io')) AS preferred
    FROM mentions GROUP BY code, text
), ranked AS (
    SELECT code, text,
           row_number() OVER (PARTITION BY code ORDER BY preferred DESC, n DESC, text) AS rk
    FROM forms
)
SELECT c.code, coalesce(r.text, c.code) AS name
FROM codes c LEFT JOIN ranked r ON r.code = c.code AND r.rk = 1
"""


#: Free text in titles and article bodies, ignoring case and accents ("vucic" finds "Vučić").
_ARTICLE_TEXT_MATCH = ("(contains(strip_accents(lower(coalesce(a.title, ''))), strip_accents(lower(?))) "
                       "OR contains(strip_accents(lower(a.text)), strip_accents(lower(?))))")


def _q(name: str) -> str:
    """A quoted identifier (`end`, `start` and `text` are column names here)."""
    return '"' + name.replace('"', '""') + '"'


def _ddl() -> list[str]:
    stmts = ["CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)"]
    for table, cols in _TABLES.items():
        pk = _PRIMARY_KEYS.get(table)
        body = ", ".join(
            f"{_q(c.name)} {c.sql}{' PRIMARY KEY' if c.name == pk else ''}" for c in cols
        )
        stmts.append(f"CREATE TABLE IF NOT EXISTS {table} ({body})")
    for index, (table, col) in _INDEXES.items():
        stmts.append(f"CREATE INDEX IF NOT EXISTS {index} ON {table} ({_q(col)})")
    stmts.append(_ACTORS_VIEW)
    return stmts


def _upgrades(con: duckdb.DuckDBPyConnection) -> list[str]:
    """ALTER statements that add the columns a file from an older powderkeg lacks (data kept)."""
    have = {(t, c) for t, c in con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main'").fetchall()}
    tables = {t for t, _ in have}
    return [
        f"ALTER TABLE {table} ADD COLUMN {_q(col.name)} {col.sql}"
        for table, cols in _TABLES.items() if table in tables for col in cols if (table, col.name) not in have
    ]


def event_id(article_id: str, event: Event) -> str:
    """Deterministic event id, so re-ingesting an article gives its events the same ids."""
    key = "|".join(
        (article_id, event.source, event.target, event.type, str(event.negated), str(event.start))
    )
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _iso_date(value: str | None, article_id: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        logger.warning("article %s: published date %r is not ISO; stored as NULL", article_id, value)
        return None


def _check_date(value: str | None, name: str) -> str | None:
    """An ISO day for a `since`/`until` filter, checked by the one parser every front end uses
    (powderkeg.filters.parse_date): a year or a month stands for its first day (since) or its last
    day (until), so until=2025-06 includes 30 June."""
    if value is None:
        return None
    from powderkeg.filters import parse_date

    try:
        return parse_date(value, option=name, end=name == "until")
    except FilterError as exc:
        raise StoreError(str(exc)) from exc


#: What a date filter does with undated items: left out (None, the default), kept beside the dated
#: ones in range ("include"), or the only ones listed, the date range ignored ("only").
UNDATED_MODES = ("include", "only")


def _like(text: str) -> str:
    """A substring ILIKE pattern for `text`, its own % and _ matched literally."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    """'AID,ACCUSE' or ['AID', 'ACCUSE'] -> ['AID', 'ACCUSE']."""
    if value is None:
        return []
    parts = value.split(",") if isinstance(value, str) else list(value)
    return [p.strip() for p in parts if p.strip()]


def _iso(value: Any) -> str | None:
    return None if value is None else str(value.isoformat())


@dataclass(frozen=True)
class Facet:
    """Counts of one column's values among the rows a list's filters select (datasette-style facets).

    A value of None counts rows without one (an undated article, an unnamed outlet);
    `truncated` says values beyond the first `limit` were left out.
    """

    name: str
    values: list[tuple[str | None, int]]
    truncated: bool = False


_YEAR = "CAST(year(a.published) AS VARCHAR)"
#: Facet name -> the SQL giving each row's value(s), per list; `unnest` counts a row once per party.
EVENT_FACETS: dict[str, str] = {
    "type": "e.type", "status": "e.status", "outlet": "a.outlet",
    "actor": "unnest(list_distinct([e.source, e.target]))", "year": _YEAR,
}
ARMS_FACETS: dict[str, str] = {
    "supplier": "r.supplier", "recipient": "r.recipient", "status": "r.status", "class": "r.weapon_class",
    "outlet": "a.outlet", "year": _YEAR,
}
#: No speaker facet: the speaker filter matches part of a name, so its counts could not promise the rows a
#: click gives ("he" would also find "the ministry").
QUOTE_FACETS: dict[str, str] = {"actor": "q.actor", "kind": "q.kind", "outlet": "a.outlet", "year": _YEAR}


# --------------------------------------------------------------------------- #
# Read-only checks for `sql`
# --------------------------------------------------------------------------- #

_REFUSED = "only read-only queries are allowed"
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_$]*")
_EXPLAIN = re.compile(r"\s*explain\s+(?:analy[sz]e\s+)?(.*)", re.IGNORECASE | re.DOTALL)
# Table functions that read nothing but the database itself.
_SAFE_TABLE_FUNCTIONS = frozenset({
    "range", "generate_series", "unnest", "json_each", "json_tree",
    "duckdb_tables", "duckdb_views", "duckdb_columns", "duckdb_indexes", "duckdb_constraints",
    "duckdb_schemas", "duckdb_types", "duckdb_functions", "duckdb_keywords", "pragma_table_info",
})
_SAFE_SCHEMAS = frozenset({"", "main", "information_schema", "pg_catalog"})
_UNSAFE_FUNCTIONS = frozenset({"getenv", "query", "query_table"})


def _first_word(query: str) -> str:
    words = query.split()
    return words[0].upper() if words else ""


def _walk(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def _check_ast(tree: dict[str, Any]) -> None:
    """Refuse any table reference that could reach past the database's own tables."""
    for node in _walk(tree):
        kind = node.get("type")
        if kind == "BASE_TABLE":
            name = str(node.get("table_name", ""))
            if node.get("catalog_name") or str(node.get("schema_name", "")).lower() not in _SAFE_SCHEMAS:
                raise ReadOnlyQueryError(f"{_REFUSED}: {name} is outside this database")
            if not _IDENTIFIER.fullmatch(name):
                raise ReadOnlyQueryError(f"{_REFUSED}: '{name}' looks like a file path")
        elif kind == "TABLE_FUNCTION":
            fn = node.get("function") or {}
            name = str(fn.get("function_name", "")).lower()
            if name not in _SAFE_TABLE_FUNCTIONS:
                raise ReadOnlyQueryError(f"{_REFUSED}: {name}() may read files")
        if node.get("class") == "FUNCTION" and str(node.get("function_name", "")).lower() in _UNSAFE_FUNCTIONS:
            raise ReadOnlyQueryError(f"{_REFUSED}: {node['function_name']}() is not allowed")


def _parse_one(query: str) -> tuple[duckdb.StatementType, str]:
    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        raise StoreError(f"invalid SQL: {exc}") from exc
    if not statements:
        raise StoreError("empty query")
    if len(statements) > 1:
        raise ReadOnlyQueryError(f"{_REFUSED}: multiple statements")
    return statements[0].type, statements[0].query


#: Appended to a text cell cut at `max_cell` characters by `Store.sql`.
CELL_TRUNCATED = "…[truncated]"
# Column types whose values are small whatever the query does; every other column
# (text, blobs, JSON, lists, structs, maps) is cut inside DuckDB when `max_cell` is set.
_SMALL_TYPES = re.compile(
    r"^(BOOLEAN|U?(TINY|SMALL|BIG|HUGE)?INT|INTEGER|FLOAT|DOUBLE|REAL|DECIMAL|DATE|TIME|INTERVAL|UUID)",
    re.IGNORECASE)
_NESTED_TYPES = re.compile(r"(\[\d*\]$|^(STRUCT|MAP|UNION)\()", re.IGNORECASE)
_FETCH_CHUNK = 256


def _execute_capped(cur: duckdb.DuckDBPyConnection, statement: str, max_cell: int | None) -> None:
    """Start `statement`; with `max_cell`, wrapped so long cells are cut before they leave DuckDB.

    Nested values come back as JSON text then. EXPLAIN, or a statement the wrapper
    cannot hold (a trailing comment), runs as it is: its cells are cut in Python.
    """
    if max_cell is None or _parse_one(statement)[0] != duckdb.StatementType.SELECT:
        cur.execute(statement)
        return
    inner = statement.strip().rstrip(";")
    try:
        described = cur.execute(f"DESCRIBE {inner}").fetchall()
    except duckdb.ParserException:
        cur.execute(statement)
        return
    projection = []
    for i, (name, col_type, *_rest) in enumerate(described, start=1):
        alias = '"' + str(name).replace('"', '""') + '"'
        if _SMALL_TYPES.match(str(col_type)) and not _NESTED_TYPES.search(str(col_type)):
            projection.append(f"#{i} AS {alias}")
        elif _NESTED_TYPES.search(str(col_type)):
            projection.append(f"left(CAST(to_json(#{i}) AS VARCHAR), {max_cell + 1}) AS {alias}")
        else:
            projection.append(f"left(CAST(#{i} AS VARCHAR), {max_cell + 1}) AS {alias}")
    try:
        cur.execute(f"SELECT {', '.join(projection) or '*'} FROM (\n{inner}\n) AS capped")
    except duckdb.ParserException:
        cur.execute(statement)


def _fetch_capped(cur: duckdb.DuckDBPyConnection, columns: Sequence[str], *, limit: int, max_bytes: int | None,
                  max_cell: int | None, deadline: float | None) -> tuple[list[tuple[Any, ...]], tuple[str, ...], int]:
    """Fetch at most `limit` rows in small chunks; stop at `max_bytes` of JSON; cut long cells.

    Returns the rows, the limits that cut the result ("rows", "bytes", "cell") and
    how many cells were cut. Sizing each row is the serialisation's cost, so it runs
    inside the time limit (`deadline`, a time.monotonic() value).
    """
    rows: list[tuple[Any, ...]] = []
    hit: list[str] = []
    n_cut = 0
    size = len(json.dumps(list(columns), ensure_ascii=False).encode()) + 2
    while "rows" not in hit and "bytes" not in hit:
        if deadline is not None and time.monotonic() > deadline:
            raise duckdb.InterruptException("time limit")
        chunk = cur.fetchmany(_FETCH_CHUNK)
        if not chunk:
            break
        for raw in chunk:
            if len(rows) == limit:
                hit.append("rows")
                break
            row = tuple(raw)
            if max_cell is not None:
                row, cut = _cut_cells(row, max_cell)
                n_cut += cut
            if max_bytes is not None:
                size += len(json.dumps(row, ensure_ascii=False, default=str).encode()) + 1
                if size > max_bytes:
                    hit.append("bytes")
                    break
            rows.append(row)
    if n_cut:
        hit.append("cell")
    return rows, tuple(hit), n_cut


def _cut_cells(row: tuple[Any, ...], max_cell: int) -> tuple[tuple[Any, ...], int]:
    cut = 0
    out = []
    for value in row:
        if isinstance(value, str | bytes) and len(value) > max_cell:
            value = (value if isinstance(value, str) else value.decode("utf-8", "replace"))[:max_cell]
            value += CELL_TRUNCATED
            cut += 1
        elif isinstance(value, list | dict | tuple):
            text = json.dumps(value, ensure_ascii=False, default=str)
            if len(text) > max_cell:
                value = text[:max_cell] + CELL_TRUNCATED
                cut += 1
        out.append(value)
    return tuple(out), cut


# --------------------------------------------------------------------------- #
# Sharing the file between processes (issue 14)
# --------------------------------------------------------------------------- #

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

    def __init__(self, store: Store) -> None:
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


# --------------------------------------------------------------------------- #
# The store
# --------------------------------------------------------------------------- #


class Store:
    """A powderkeg knowledge base in one DuckDB file.

    Each public method, or each `session()` block (one web request), runs on one
    connection (issue 14). A writable store opens the file for that and closes it
    after; a read-only one shares a connection between its sessions and gives it up
    whenever a writer announces itself (`_SharedReader`). So `serve` and CLI queries
    read while an ingest writes batch after batch. Opening a file another process
    holds in the conflicting mode is retried for `busy_timeout` seconds (default 5 s
    for readers, 60 s for writers), then fails naming the holder.
    """

    def __init__(self, path: str | Path = DEFAULT_PATH, *, read_only: bool = False,
                 busy_timeout: float | None = None) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.busy_timeout = _default_busy_timeout(read_only) if busy_timeout is None else busy_timeout
        self._memory = str(path) == ":memory:"
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
                self._init_schema()
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

    def __enter__(self) -> Store:
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
                return duckdb.connect(target, read_only=self.read_only, config=dict(_CONFIG))
            except duckdb.Error as exc:
                holder = _lock_holder(exc, self.read_only)
                if holder is None:
                    raise StoreError(f"cannot open {self.path}: {exc}") from exc
                if time.monotonic() + delay > deadline:
                    raise StoreError(_busy_message(self.path, self.read_only, holder, self.busy_timeout)) from exc
            time.sleep(delay * random.uniform(0.5, 1.5))  # jitter: waiting readers do not retry in step
            delay = min(delay * 2, _MAX_RETRY_DELAY)

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

    def _init_schema(self) -> None:
        con = self._connection()
        try:
            has_meta = bool(con.execute(
                "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'meta'"
            ).fetchall()[0][0])
            version = None
            if has_meta:
                row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
                version = row[0][0] if row else None
        except duckdb.Error as exc:
            raise StoreError(f"cannot read {self.path}: {exc}") from exc
        if version is not None:
            try:
                number = int(version)
            except ValueError:
                number = SCHEMA_VERSION + 1
            if number > SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {version!r}, which this powderkeg does not know "
                    f"(it understands up to {SCHEMA_VERSION}); upgrade powderkeg or use another file"
                )
        if self.read_only:
            if version is None:
                raise StoreError(f"{self.path} is not a powderkeg database (no schema_version in meta)")
            if int(version) < SCHEMA_VERSION:
                raise StoreError(
                    f"{self.path} has schema version {version}, older than this powderkeg's {SCHEMA_VERSION}; "
                    "run `powderkeg ingest` on it once (even with no new files) to upgrade it in place"
                )
            return
        try:
            con.execute("BEGIN TRANSACTION")
            upgrades = _upgrades(con)
            if upgrades:
                # DuckDB cannot alter an indexed table: drop the indexes, the DDL below rebuilds them
                for index in _INDEXES:
                    con.execute(f"DROP INDEX IF EXISTS {index}")
            for stmt in upgrades:
                logger.info("%s: upgrading the schema: %s", self.path, stmt)
                con.execute(stmt)
            for stmt in _ddl():
                con.execute(stmt)
            con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"cannot create the schema in {self.path}: {exc}") from exc

    def _rollback(self) -> None:
        try:
            self._connection().execute("ROLLBACK")
        except duckdb.Error:  # the failed COMMIT already ended the transaction
            logger.debug("rollback: no transaction was active")

    # -- writing ------------------------------------------------------------

    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored (ingest skips them)."""
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return set()
        rows = self._rows("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [wanted])
        return {r[0] for r in rows}

    def write_batch(self, extractions: Sequence[Extraction], failures: Sequence[Failure] = ()) -> int:
        """Store a batch in one transaction; returns the number of articles written.

        An article already stored is replaced wholesale, so re-ingesting is
        idempotent; any error rolls the whole batch back, so a crash never
        leaves half an article behind.
        """
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        latest = {x.article.id: x for x in extractions}  # the same article twice: last wins
        now = datetime.now(UTC).replace(tzinfo=None)
        data = _batch_rows(list(latest.values()), failures, now)
        ids = list(latest)
        stale_paths = sorted({f.path for f in failures} | {x.article.source_path for x in latest.values()
                                                           if x.article.source_path})
        con = self._connection()
        try:
            con.execute("BEGIN TRANSACTION")
            for table_name in (*_CHILD_TABLES, "articles"):
                key = "id" if table_name == "articles" else "article_id"
                con.execute(f"DELETE FROM {table_name} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))", [ids])
            # A failure is superseded by a newer failure or a successful read of the same path.
            con.execute("DELETE FROM failures WHERE path IN (SELECT unnest(?::VARCHAR[]))", [stale_paths])
            for table_name, rows in data.items():
                self._insert(con, table_name, rows)
            con.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            logger.error("batch of %d articles rolled back: %s", len(latest), exc)
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"writing to {self.path} failed (batch rolled back): {exc}") from exc
            raise
        logger.debug("wrote %d articles, %d failures to %s", len(latest), len(failures), self.path)
        return len(latest)

    def _insert(self, con: duckdb.DuckDBPyConnection, table_name: str, rows: list[tuple[Any, ...]]) -> None:
        """Insert one table's rows in one statement (a separate method so tests can make it fail).

        Each column goes in as one typed list parameter, unnested side by side. Why
        not Arrow: handing DuckDB any Python table object makes it import pandas,
        about half a second of every ingest.
        """
        if not rows:
            return
        spec = _TABLES[table_name]
        cols = ", ".join(_q(c.name) for c in spec)
        lists = ", ".join(f"unnest(?::{c.sql}[])" for c in spec)
        columns = [list(values) for values in zip(*rows, strict=True)]
        con.execute(f"INSERT INTO {table_name} ({cols}) SELECT {lists}", columns)

    # -- reading ------------------------------------------------------------

    def _event_where(
        self,
        *,
        actor: str | None = None,
        source: str | None = None,
        target: str | None = None,
        type: str | Sequence[str] | None = None,
        status: str | Sequence[str] | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        text: str | None = None,
        dyad: tuple[str, str] | None = None,
        undated: str | None = None,
    ) -> tuple[str, list[Any]] | None:
        """The WHERE clause and parameters shared by `events` and `count_events`; None matches nothing.

        `dyad` is a pair in either direction; `source` and `target` fix the direction.
        """
        where: list[str] = []
        params: list[Any] = []
        if actor:
            where.append("(e.source = ? OR e.target = ?)")
            params += [actor.upper(), actor.upper()]
        if dyad:
            one, two = dyad[0].upper(), dyad[1].upper()
            where.append("((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))")
            params += [one, two, two, one]
        if source:
            where.append("e.source = ?")
            params.append(source.upper())
        if target:
            where.append("e.target = ?")
            params.append(target.upper())
        types = [t.upper() for t in _as_list(type)]
        if types:
            unknown = sorted(set(types) - set(EVENT_TYPES))
            if unknown:
                raise StoreError(f"unknown event type {', '.join(unknown)}; expected one of {', '.join(EVENT_TYPES)}")
            where.append(f"e.type IN ({', '.join('?' * len(types))})")
            params += types
        self._status_filter(where, params, "e", status, EVENT_STATUSES, "status")
        self._common_filters(where, params, outlet, since, until, undated)
        if article_id and not self._article_filter(where, params, article_id, "e"):
            return None
        if text:
            where.append("contains(strip_accents(lower(e.evidence)), strip_accents(lower(?)))")
            params.append(text)
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def events(
        self,
        *,
        limit: int | None = None,
        offset: int = 0,
        sort: str | None = None,
        descending: bool = False,
        **filters: Any,
    ) -> list[EventRecord]:
        """Events matching every filter `_event_where` takes (actor, source, target, dyad, type, status,
        outlet, since, until, article_id, text), in publication order unless `sort` names a column
        (one of EVENT_SORTS)."""
        found = self._event_where(**filters)
        if found is None:
            return []
        where, params = found
        order = "a.published NULLS LAST, e.article_id, e.start, e.seq"
        if sort is not None:
            if sort not in EVENT_SORTS:
                raise StoreError(f"cannot sort events by {sort!r}; expected one of {', '.join(EVENT_SORTS)}")
            direction = "DESC" if descending else "ASC"
            order = f"{EVENT_SORTS[sort]} {direction} NULLS LAST, {order}"
        query = (
            "SELECT e.id, e.article_id, e.source, e.target, e.type, e.negated, e.status, e.evidence, "
            'e.start, e."end", e.trigger, e.source_text, e.target_text, e.rule, '
            'a.outlet, a.published, a.title, a.url, e.attributed_to, e.disputed_by, e."date", e.date_source '
            "FROM events e JOIN articles a ON a.id = e.article_id"
            + where
            + " ORDER BY " + order
            + self._paging(params, limit, offset)
        )
        return [_event_record(row) for row in self._rows(query, params)]

    def count_events(self, **filters: Any) -> int:
        """How many events match the filters `events` takes (limit, offset and sort aside)."""
        found = self._event_where(**filters)
        if found is None:
            return 0
        where, params = found
        rows = self._rows("SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id" + where, params)
        return int(rows[0][0])

    def event_timeline(self, *, actor: str | None = None, outlet: str | None = None) -> list[tuple[str, str, int]]:
        """(month 'YYYY-MM', PLOVER type, events) for dated articles: the overview and actor charts."""
        where, params = self._event_where(actor=actor, outlet=outlet) or ("", [])
        query = (
            "SELECT strftime(a.published, '%Y-%m') AS month, e.type, count(*) "
            "FROM events e JOIN articles a ON a.id = e.article_id"
            + (where + " AND" if where else " WHERE") + " a.published IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2"
        )
        return [(str(m), str(t), int(n)) for m, t, n in self._rows(query, params)]

    def event_counts(self, *, actor: str | None = None, outlet: str | None = None) -> list[tuple[str, int]]:
        """(PLOVER type, events) involving `actor` as source or target, in `outlet`'s articles if given."""
        where, params = self._event_where(actor=actor, outlet=outlet) or ("", [])
        query = ("SELECT e.type, count(*) AS n FROM events e JOIN articles a ON a.id = e.article_id"
                 + where + " GROUP BY 1 ORDER BY n DESC, 1")
        return [(str(t), int(n)) for t, n in self._rows(query, params)]

    def dyads(self, actor: str) -> list[tuple[str, str, str, int]]:
        """(source, target, type, events) for every event `actor` is party to, most frequent first."""
        code = actor.upper()
        query = (
            "SELECT source, target, type, count(*) AS n FROM events WHERE source = ? OR target = ? "
            "GROUP BY ALL ORDER BY n DESC, source, target, type"
        )
        return [(str(s), str(t), str(k), int(n)) for s, t, k, n in self._rows(query, [code, code])]

    def outlets(self) -> list[tuple[str, int, int]]:
        """(outlet, articles, events) for every named outlet, the most prolific first."""
        query = (
            "SELECT a.outlet, count(DISTINCT a.id), count(e.id) FROM articles a "
            "LEFT JOIN events e ON e.article_id = a.id WHERE a.outlet IS NOT NULL "
            "GROUP BY 1 ORDER BY 2 DESC, 1"
        )
        return [(str(o), int(na), int(ne)) for o, na, ne in self._rows(query)]

    def arms(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[ArmsRecord]:
        """The arms register: transfers matching every filter `_arms_where` takes, in publication order.

        `system` matches the canonical name or the weapon class, case-insensitively
        and as a substring ("javelin", "air defence").
        """
        found = self._arms_where(**filters)
        if found is None:
            return []
        where, params = found
        query = (
            "SELECT r.article_id, r.supplier, r.recipient, r.system, r.weapon_class, r.quantity, r.value_usd, "
            'r.status, r.evidence, r.start, r."end", a.outlet, a.published, a.title, r.attributed_to, r.disputed_by '
            "FROM arms r JOIN articles a ON a.id = r.article_id"
            + where
            + " ORDER BY a.published NULLS LAST, r.article_id, r.seq"
            + self._paging(params, limit, offset)
        )
        return [
            ArmsRecord(article_id=r[0], supplier=r[1], recipient=r[2], system=r[3], weapon_class=r[4],
                       quantity=r[5], value_usd=r[6], status=r[7], evidence=r[8], start=r[9], end=r[10],
                       outlet=r[11], published=_iso(r[12]), title=r[13], attributed_to=r[14], disputed_by=r[15])
            for r in self._rows(query, params)
        ]

    def _arms_where(
        self,
        *,
        supplier: str | None = None,
        recipient: str | None = None,
        actor: str | None = None,
        system: str | None = None,
        status: str | Sequence[str] | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        undated: str | None = None,
    ) -> tuple[str, list[Any]] | None:
        """The WHERE clause of `arms` and `count("arms", ...)`; None matches nothing."""
        where: list[str] = []
        params: list[Any] = []
        for col, value in (("supplier", supplier), ("recipient", recipient)):
            if value:
                where.append(f"r.{col} = ?")
                params.append(value.upper())
        if actor:
            where.append("(r.supplier = ? OR r.recipient = ?)")
            params += [actor.upper(), actor.upper()]
        if system:
            where.append("(contains(lower(r.system), lower(?)) OR contains(lower(coalesce(r.weapon_class, '')), lower(?)))")
            params += [system, system]
        self._status_filter(where, params, "r", status, ARMS_STATUSES, "arms status")
        self._common_filters(where, params, outlet, since, until, undated)
        if article_id and not self._article_filter(where, params, article_id, "r"):
            return None
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def quotes(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[QuoteRecord]:
        """Who said what: quotes matching every filter `_quotes_where` takes, in publication order.

        `speaker` and `contains` match case- and accent-insensitively as substrings
        ("vucic" finds "Vučić").
        """
        found = self._quotes_where(**filters)
        if found is None:
            return []
        where, params = found
        query = (
            'SELECT q.article_id, q.speaker, q.actor, q.cue, q.text, q.kind, q.start, q."end", '
            "a.outlet, a.published, a.title FROM quotes q JOIN articles a ON a.id = q.article_id"
            + where
            + " ORDER BY a.published NULLS LAST, q.article_id, q.seq"
            + self._paging(params, limit, offset)
        )
        return [
            QuoteRecord(article_id=r[0], speaker=r[1], actor=r[2], cue=r[3], text=r[4], kind=r[5], start=r[6],
                        end=r[7], outlet=r[8], published=_iso(r[9]), title=r[10])
            for r in self._rows(query, params)
        ]

    def _quotes_where(
        self,
        *,
        speaker: str | None = None,
        actor: str | None = None,
        contains: str | None = None,
        kind: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        undated: str | None = None,
    ) -> tuple[str, list[Any]] | None:
        """The WHERE clause of `quotes` and `count("quotes", ...)`; None matches nothing."""
        where: list[str] = []
        params: list[Any] = []
        if speaker:
            where.append("contains(strip_accents(lower(q.speaker)), strip_accents(lower(?)))")
            params.append(speaker)
        if actor:
            where.append("q.actor = ?")
            params.append(actor.upper())
        if contains:
            where.append("contains(strip_accents(lower(q.text)), strip_accents(lower(?)))")
            params.append(contains)
        if kind:
            if kind not in ("direct", "indirect"):
                raise StoreError(f"unknown quote kind {kind!r}; expected direct or indirect")
            where.append("q.kind = ?")
            params.append(kind)
        self._common_filters(where, params, outlet, since, until, undated)
        if article_id and not self._article_filter(where, params, article_id, "q"):
            return None
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def labels(self, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[LabelRecord]:
        """Each use of a framing label matching every filter `_labels_where` takes, in publication order."""
        found = self._labels_where(**filters)
        if found is None:
            return []
        where, params = found
        query = (
            'SELECT l.article_id, l.target, l.term, l.evidence, l.start, l."end", a.outlet, a.published '
            "FROM labels l JOIN articles a ON a.id = l.article_id"
            + where
            + " ORDER BY a.published NULLS LAST, l.article_id, l.seq"
            + self._paging(params, limit, offset)
        )
        return [
            LabelRecord(article_id=r[0], target=r[1], term=r[2], evidence=r[3], start=r[4], end=r[5],
                        outlet=r[6], published=_iso(r[7]))
            for r in self._rows(query, params)
        ]

    def _labels_where(
        self,
        *,
        target: str | None = None,
        term: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        article_id: str | None = None,
        undated: str | None = None,
    ) -> tuple[str, list[Any]] | None:
        """The WHERE clause of `labels` and `count("labels", ...)`; None matches nothing."""
        where: list[str] = []
        params: list[Any] = []
        if target:
            where.append("l.target = ?")
            params.append(target.upper())
        if term:
            where.append("contains(lower(l.term), lower(?))")
            params.append(term)
        self._common_filters(where, params, outlet, since, until, undated)
        if article_id and not self._article_filter(where, params, article_id, "l"):
            return None
        return (" WHERE " + " AND ".join(where) if where else ""), params

    def label_usage(self, *, target: str | None = None, outlet: str | None = None) -> list[LabelUsage]:
        """Per outlet, which terms it applies to which actor and how often: framing side by side.

        Terms are grouped case-insensitively; articles with no outlet are grouped as "(unknown)".
        """
        where: list[str] = []
        params: list[Any] = []
        if target:
            where.append("l.target = ?")
            params.append(target.upper())
        self._outlet_filter(where, params, outlet)
        query = (
            "SELECT coalesce(a.outlet, '(unknown)') AS outlet, l.target, min(l.term) AS term, count(*) AS n, "
            "count(DISTINCT l.article_id) AS n_articles, min(l.evidence) AS example "
            "FROM labels l JOIN articles a ON a.id = l.article_id"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " GROUP BY 1, 2, lower(l.term) ORDER BY 2, 1, n DESC, term"
        )
        return [LabelUsage(*r) for r in self._rows(query, params)]

    def disputes(self, *, actor: str | None = None, kind: str | None = None, limit: int | None = None,
                 offset: int = 0) -> list[DisputeRecord]:
        """Facts one party asserts and another denies, linked within and across articles.

        A fact is (source, target, PLOVER type) for events and (supplier, recipient,
        system) for arms. It is disputed when some article reports a denial of it
        (status denied, or a denial beside the claim in the same article) and some
        article asserts it (reported, claimed, or any non-denied arms status).
        """
        if kind not in (None, "event", "arms"):
            raise StoreError(f"unknown dispute kind {kind!r}; expected event or arms")
        facts = (
            "SELECT 'event' AS kind, source, target, type AS what, status, attributed_to, disputed_by, "
            "article_id, evidence, start, dispute_evidence FROM events WHERE NOT negated AND status <> 'planned' "
            "UNION ALL SELECT 'arms', supplier, recipient, system, status, attributed_to, disputed_by, "
            "article_id, evidence, start, dispute_evidence FROM arms"
        )
        where, params = [], []
        if kind:
            where.append("kind = ?")
            params.append(kind)
        if actor:
            where.append("(source = ? OR target = ?)")
            params += [actor.upper(), actor.upper()]
        query = (
            f"WITH facts AS ({facts}), disputed AS ("
            "SELECT kind, source, target, lower(what) AS what FROM facts"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " GROUP BY 1, 2, 3, 4 "
            "HAVING bool_or(status = 'denied' OR disputed_by IS NOT NULL) "
            "AND bool_or(status <> 'denied') ORDER BY 1, 2, 3, 4" + self._paging(params, limit, offset) + ") "
            "SELECT f.kind, f.source, f.target, f.what, f.status, f.attributed_to, f.disputed_by, f.article_id, "
            "a.outlet, a.published, f.evidence, f.dispute_evidence, f.start FROM facts f "
            "JOIN disputed d ON d.kind = f.kind AND d.source = f.source AND d.target = f.target "
            "AND d.what = lower(f.what) JOIN articles a ON a.id = f.article_id"
            " ORDER BY f.kind, f.source, f.target, lower(f.what), a.published NULLS LAST, f.article_id, f.start"
        )
        groups: dict[tuple[str, str, str, str], tuple[list[Stance], list[Stance]]] = {}
        shown: dict[tuple[str, str, str, str], str] = {}
        for kind_, src, tgt, what, status, by, denier, aid, outlet, published, evidence, denial, start in self._rows(
                query, params):
            key = (kind_, src, tgt, what.lower())
            shown.setdefault(key, what)
            asserted, denied = groups.setdefault(key, ([], []))
            stance = Stance(by=by, status=status, article_id=aid, outlet=outlet, published=_iso(published),
                            evidence=evidence, start=start)
            if status == "denied":
                denied.append(stance)
                continue
            asserted.append(stance)
            if denier:
                denied.append(Stance(by=denier, status="denied", article_id=aid, outlet=outlet,
                                     published=_iso(published), evidence=denial or evidence))
        return [
            DisputeRecord(kind=k[0], source=k[1], target=k[2], what=shown[k], asserted=tuple(a), denied=tuple(d))
            for k, (a, d) in groups.items() if a and d
        ]

    @staticmethod
    def _status_filter(where: list[str], params: list[Any], alias: str, status: str | Sequence[str] | None,
                       allowed: Sequence[str], what: str) -> None:
        statuses = [x.lower() for x in _as_list(status)]
        if not statuses:
            return
        unknown = sorted(set(statuses) - set(allowed))
        if unknown:
            raise StoreError(f"unknown {what} {', '.join(unknown)}; expected one of {', '.join(allowed)}")
        where.append(f"{alias}.status IN ({', '.join('?' * len(statuses))})")
        params += statuses

    def _common_filters(self, where: list[str], params: list[Any], outlet: str | None, since: str | None,
                        until: str | None, undated: str | None = None) -> None:
        self._outlet_filter(where, params, outlet)
        self._date_filters(where, params, since, until, undated)

    @staticmethod
    def _outlet_filter(where: list[str], params: list[Any], outlet: str | None) -> None:
        """Outlets whose name contains `outlet`, in any case ("balkan" finds "Balkan Ledger"), as
        `arms(system=...)` matches systems; % and _ in `outlet` are matched as written."""
        if outlet and outlet.strip():
            where.append("a.outlet ILIKE ? ESCAPE '\\'")
            params.append(_like(outlet.strip()))

    def _article_filter(self, where: list[str], params: list[Any], article_id: str, alias: str) -> bool:
        resolved = self._resolve_id(article_id)
        if resolved is None:
            return False
        where.append(f"{alias}.article_id = ?")
        params.append(resolved)
        return True

    @staticmethod
    def _date_filters(where: list[str], params: list[Any], since: str | None, until: str | None,
                      undated: str | None = None) -> None:
        """The since/until range; `undated` (UNDATED_MODES) keeps undated items too, or only them."""
        if undated not in (None, *UNDATED_MODES):
            raise StoreError(f"undated={undated!r}: expected one of {', '.join(UNDATED_MODES)}")
        since, until = _check_date(since, "since"), _check_date(until, "until")
        if undated == "only":
            where.append("a.published IS NULL")
            return
        ranges: list[str] = []
        if since:
            ranges.append("a.published >= CAST(? AS DATE)")
            params.append(since)
        if until:
            ranges.append("a.published <= CAST(? AS DATE)")
            params.append(until)
        if ranges and undated == "include":
            where.append("(a.published IS NULL OR (" + " AND ".join(ranges) + "))")
        else:
            where.extend(ranges)

    @staticmethod
    def _paging(params: list[Any], limit: int | None, offset: int) -> str:
        clause = ""
        if limit is not None:
            clause += " LIMIT ?"
            params.append(max(limit, 0))
        if offset:
            clause += " OFFSET ?"
            params.append(max(offset, 0))
        return clause

    def actors(self, code: str | None = None) -> list[ActorRecord]:
        """Every actor code (or just `code`) with mention, article and event counts, most widely covered first."""
        one = code.upper() if code else None
        only = "WHERE {col} = $code" if one else ""
        query = f"""
        WITH seen AS (
            SELECT code, article_id FROM article_actors {only.format(col="code")}
            UNION SELECT code, article_id FROM mentions {only.format(col="code")}
            UNION SELECT source, article_id FROM events {only.format(col="source")}
            UNION SELECT target, article_id FROM events {only.format(col="target")}
        ), arts AS (SELECT code, count(DISTINCT article_id) AS n FROM seen GROUP BY code),
        men AS (SELECT code, count(*) AS n FROM mentions {only.format(col="code")} GROUP BY code),
        src AS (SELECT source AS code, count(*) AS n FROM events {only.format(col="source")} GROUP BY source),
        tgt AS (SELECT target AS code, count(*) AS n FROM events {only.format(col="target")} GROUP BY target)
        SELECT act.code, act.name, coalesce(men.n, 0), coalesce(arts.n, 0),
               coalesce(src.n, 0), coalesce(tgt.n, 0)
        FROM actors act
        LEFT JOIN arts ON arts.code = act.code LEFT JOIN men ON men.code = act.code
        LEFT JOIN src ON src.code = act.code LEFT JOIN tgt ON tgt.code = act.code
        {only.format(col="act.code")}
        ORDER BY 4 DESC, 3 DESC, act.code
        """
        with self._cursor() as cur:
            rows = cur.execute(query, {"code": one} if one else None).fetchall()
        return [ActorRecord(*row) for row in rows]

    def people(self, *, actor: str | None = None) -> list[PersonRecord]:
        """One row per person and actor, with the role most often given to them.

        One person across spellings ("Vucic", "Vučić"; "Djukanovic", "Đukanović") is one
        row under the spelling with diacritics (issue 15, 3.10): rows group by `_PERSON_KEY`.
        """
        where, params = "", []
        if actor:
            where = "WHERE p.actor = ?"
            params.append(actor.upper())
        key = _PERSON_KEY.format(col="name")
        query = f"""
        WITH keyed AS (
            SELECT *, {key} AS pkey FROM people
        ), roles AS (
            SELECT pkey, actor, role, count(*) AS n FROM keyed WHERE role IS NOT NULL GROUP BY ALL
        ), best AS (
            SELECT pkey, actor, role FROM (
                SELECT *, row_number() OVER (PARTITION BY pkey, actor ORDER BY n DESC, role) AS rk
                FROM roles) WHERE rk = 1
        )
        SELECT arg_max(p.name, strlen(p.name) - length(p.name)) AS name, p.actor, any_value(b.role),
               count(DISTINCT p.article_id) AS n_articles
        FROM keyed p LEFT JOIN best b ON b.pkey = p.pkey AND b.actor IS NOT DISTINCT FROM p.actor
        {where}
        GROUP BY p.pkey, p.actor
        ORDER BY n_articles DESC, name, p.actor NULLS LAST
        """
        return [PersonRecord(*row) for row in self._rows(query, params)]

    _ARTICLE_COLUMNS = (
        "a.id, a.title, a.outlet, a.published, a.url, a.n_words, "
        "(SELECT count(*) FROM events e WHERE e.article_id = a.id), "
        "a.external_id, a.source_path, a.fmt, a.ingested_at"
    )

    @staticmethod
    def _article_record(row: tuple[Any, ...]) -> ArticleRecord:
        return ArticleRecord(
            id=row[0], title=row[1], outlet=row[2], published=_iso(row[3]), url=row[4],
            n_words=row[5] or 0, n_events=row[6], external_id=row[7], source_path=row[8],
            fmt=row[9], ingested_at=_iso(row[10]),
        )

    def articles(
        self,
        *,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        newest_first: bool = False,
        undated: str | None = None,
    ) -> list[ArticleRecord]:
        """Stored articles (without their text), in publication order; `text` matches title or body."""
        where, params = self._articles_where(outlet=outlet, since=since, until=until, text=text, undated=undated)
        order = "a.published DESC NULLS LAST, a.id" if newest_first else "a.published NULLS LAST, a.id"
        query = (
            f"SELECT {self._ARTICLE_COLUMNS} FROM articles a"
            + where
            + " ORDER BY " + order
            + self._paging(params, limit, offset)
        )
        return [self._article_record(row) for row in self._rows(query, params)]

    def _articles_where(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                        text: str | None = None, undated: str | None = None) -> tuple[str, list[Any]]:
        """The WHERE clause of `articles` and `count("articles", ...)`."""
        where: list[str] = []
        params: list[Any] = []
        self._common_filters(where, params, outlet, since, until, undated)
        if text:
            where.append(_ARTICLE_TEXT_MATCH)
            params += [text, text]
        return (" WHERE " + " AND ".join(where) if where else ""), params

    #: What `count` counts: the table, its alias, and how it joins the articles (for their dates).
    _COUNTED: ClassVar[dict[str, str]] = {
        "events": "events e JOIN articles a ON a.id = e.article_id",
        "arms": "arms r JOIN articles a ON a.id = r.article_id",
        "quotes": "quotes q JOIN articles a ON a.id = q.article_id",
        "labels": "labels l JOIN articles a ON a.id = l.article_id",
        "articles": "articles a",
    }

    def count(self, what: str, /, **filters: Any) -> int:
        """How many events, arms, quotes, labels or articles match `filters` (those their listing takes)."""
        builders: dict[str, Callable[..., tuple[str, list[Any]] | None]] = {
            "events": self._event_where, "arms": self._arms_where, "quotes": self._quotes_where,
            "labels": self._labels_where, "articles": self._articles_where}
        if what not in builders:
            raise StoreError(f"cannot count {what!r}; expected one of {', '.join(builders)}")
        for key in ("limit", "offset", "sort", "descending", "newest_first"):
            filters.pop(key, None)
        found = builders[what](**filters)
        if found is None:
            return 0
        where, params = found
        return int(self._rows(f"SELECT count(*) FROM {self._COUNTED[what]}{where}", params)[0][0])

    def count_undated(self, what: str, /, **filters: Any) -> int:
        """How many `what` items the date range of `filters` leaves out because their article has no date.

        0 when `filters` has no since/until (undated items are then listed) or already keeps them.
        """
        if not (filters.get("since") or filters.get("until")) or filters.get("undated"):
            return 0
        return self.count(what, **{**filters, "since": None, "until": None, "undated": "only"})

    def _resolve_id(self, article_id: str) -> str | None:
        """An exact id, an input's own id (external_id), or a unique id prefix, like git."""
        key = article_id.strip()
        if not key:
            return None
        rows = self._rows("SELECT id FROM articles WHERE id = ?", [key])
        if rows:
            return str(rows[0][0])
        for query in (
            "SELECT id FROM articles WHERE external_id = ? ORDER BY id LIMIT 3",
            "SELECT id FROM articles WHERE starts_with(id, ?) ORDER BY id LIMIT 3",
        ):
            rows = self._rows(query, [key])
            if len(rows) == 1:
                return str(rows[0][0])
            if rows:
                shown = ", ".join(r[0][:12] for r in rows[:2])
                raise StoreError(f"article id {key!r} is ambiguous: it matches {shown}, ...; give more characters")
        return None

    def article(self, article_id: str) -> ArticleRecord | None:
        """One article's metadata by id or unique id prefix; None when nothing matches."""
        resolved = self._resolve_id(article_id)
        if resolved is None:
            return None
        rows = self._rows(f"SELECT {self._ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", [resolved])
        return self._article_record(rows[0]) if rows else None

    def article_text(self, article_id: str) -> str | None:
        """The full text evidence offsets point into."""
        resolved = self._resolve_id(article_id)
        if resolved is None:
            return None
        rows = self._rows("SELECT text FROM articles WHERE id = ?", [resolved])
        return str(rows[0][0]) if rows else None

    def extraction(self, article_id: str) -> Extraction | None:
        """Rebuild the Extraction stored for an article (as written by `write_batch`)."""
        resolved = self._resolve_id(article_id)
        if resolved is None:
            return None

        def rows(table: str) -> list[tuple[Any, ...]]:
            cols = ", ".join(_q(c.name) for c in _TABLES[table] if c.name not in ("article_id", "seq", "id"))
            return self._rows(f"SELECT {cols} FROM {table} WHERE article_id = ? ORDER BY seq", [resolved])

        art = self._rows(
            "SELECT id, text, title, url, outlet, published, source_path, fmt, external_id "
            "FROM articles WHERE id = ?", [resolved])[0]
        article = Article(
            id=art[0], text=art[1], title=art[2], url=art[3], outlet=art[4], published=_iso(art[5]),
            source_path=art[6], fmt=art[7], external_id=art[8],
        )
        return Extraction(
            article=article,
            actors=tuple(r[0] for r in rows("article_actors")),
            mentions=tuple(Mention(*r) for r in rows("mentions")),
            people=tuple(Person(*r) for r in rows("people")),
            events=tuple(Event(*r) for r in rows("events")),
            arms=tuple(
                ArmsTransfer(supplier=r[0], recipient=r[1], system=r[2], status=r[3], evidence=r[4],
                             start=r[5], end=r[6], quantity=r[7], value_usd=r[8], weapon_class=r[9],
                             attributed_to=r[10], disputed_by=r[11], dispute_evidence=r[12], written=r[13],
                             package=r[14])
                for r in rows("arms")
            ),
            quotes=tuple(Quote(*r) for r in rows("quotes")),
            labels=tuple(Label(*r) for r in rows("labels")),
        )

    def failures(self) -> list[Failure]:
        """Inputs that could not be read, most recent first."""
        return [Failure(p, r) for p, r in self._rows("SELECT path, reason FROM failures ORDER BY seen_at DESC, path")]

    def summary(self) -> StoreSummary:
        """Headline counts for `powderkeg stats` and the web front page."""
        counts = self._rows(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM actors), "
            f"(SELECT count(*) FROM (SELECT DISTINCT {_PERSON_KEY.format(col='name')}, actor FROM people)), "
            "(SELECT count(*) FROM failures)"
        )[0]
        by_type = self._rows("SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type")
        dyads = self._rows(
            "SELECT source, target, count(*) AS n FROM events GROUP BY source, target "
            "ORDER BY n DESC, source, target LIMIT 10"
        )
        return StoreSummary(
            n_articles=counts[0], n_events=counts[1], n_actors=counts[2], n_people=counts[3],
            events_by_type={t: n for t, n in by_type},
            top_dyads=[(s, t, n) for s, t, n in dyads],
            n_failures=counts[4],
        )

    # -- counts, facets and schemas for the web pages ------------------------
    # Totals and facets use the same WHERE builders as the lists (`_arms_where`,
    # `_quotes_where`, ...), so a facet or a total counts exactly the rows the list shows
    # (tests/test_store_facets.py checks they agree).

    def count_arms(self, **filters: Any) -> int:
        """How many transfers `arms(**filters)` would list without a limit."""
        return self.count("arms", **filters)

    def count_quotes(self, **filters: Any) -> int:
        """How many quotes `quotes(**filters)` would list without a limit."""
        return self.count("quotes", **filters)

    def count_labels(self, **filters: Any) -> int:
        """How many label uses `labels(**filters)` would list without a limit."""
        return self.count("labels", **filters)

    def count_articles(self, **filters: Any) -> int:
        """How many articles `articles(**filters)` would list without a limit."""
        return self.count("articles", **filters)

    def _facets(self, base: str, found: tuple[str, list[Any]] | None, columns: dict[str, str],
                limit: int) -> list[Facet]:
        """One Facet per column: its `limit` commonest values among the rows `base + where` selects."""
        if found is None:
            return [Facet(name, []) for name in columns]
        where, params = found
        out = []
        for name, expr in columns.items():
            query = (f"SELECT v, count(*) AS n FROM (SELECT {expr} AS v {base}{where}) "
                     "GROUP BY v ORDER BY n DESC, v NULLS LAST LIMIT ?")
            rows = self._rows(query, [*params, limit + 1])
            values = [(None if v is None else str(v), int(n)) for v, n in rows[:limit]]
            out.append(Facet(name, values, truncated=len(rows) > limit))
        return out

    def event_facets(self, *, limit: int = 10, **filters: Any) -> list[Facet]:
        """Events matching the filters `events` takes, counted by type, status, outlet, actor and year."""
        return self._facets("FROM events e JOIN articles a ON a.id = e.article_id", self._event_where(**filters),
                            EVENT_FACETS, limit)

    def arms_facets(self, *, limit: int = 10, **filters: Any) -> list[Facet]:
        """Transfers matching the filters `arms` takes, by supplier, recipient, status, class, outlet, year."""
        return self._facets("FROM arms r JOIN articles a ON a.id = r.article_id", self._arms_where(**filters),
                            ARMS_FACETS, limit)

    def quote_facets(self, *, limit: int = 10, **filters: Any) -> list[Facet]:
        """Quotes matching the filters `quotes` takes, by actor, kind, outlet and year."""
        return self._facets("FROM quotes q JOIN articles a ON a.id = q.article_id", self._quotes_where(**filters),
                            QUOTE_FACETS, limit)

    def event(self, event_id: str) -> EventRecord | None:
        """One event by its id (as the events list and the API give it); None when no event has it."""
        rows = self._rows("SELECT article_id FROM events WHERE id = ?", [event_id.strip()])
        if not rows:
            return None
        found = [e for e in self.events(article_id=str(rows[0][0])) if e.id == event_id.strip()]
        return found[0] if found else None

    def schemas(self) -> dict[str, list[tuple[str, str]]]:
        """(column, type) of every table and view an analyst's SQL may read, for the SQL page."""
        rows = self._rows(
            "SELECT table_name, column_name, data_type FROM duckdb_columns() "
            "WHERE schema_name = 'main' AND database_name = current_database() ORDER BY table_name, column_index")
        out: dict[str, list[tuple[str, str]]] = {}
        for table, column, kind in rows:
            if table in _RELATIONS and table != "meta":
                out.setdefault(str(table), []).append((str(column), str(kind)))
        return out

    # -- ad-hoc SQL and export ----------------------------------------------

    def check_read_only(self, query: str) -> str:
        """The single statement in `query` if it only reads this database; else ReadOnlyQueryError."""
        kind, statement = _parse_one(query)
        inner = statement
        if kind == duckdb.StatementType.EXPLAIN:
            match = _EXPLAIN.match(statement)
            if match is None:
                raise ReadOnlyQueryError(f"{_REFUSED}: this EXPLAIN form cannot be checked")
            kind, inner = _parse_one(match.group(1))
        if kind != duckdb.StatementType.SELECT:
            raise ReadOnlyQueryError(f"{_REFUSED}: {_first_word(inner)} ...")
        # DuckDB's own parser gives the statement as JSON: check every table it touches.
        with self._cursor() as cur:
            tree = json.loads(cur.execute("SELECT json_serialize_sql(?)", [inner]).fetchall()[0][0])
        if tree.get("error"):
            raise ReadOnlyQueryError(f"{_REFUSED}: {_first_word(inner)} ... cannot be checked "
                                     f"({tree.get('error_message', 'unsupported')})")
        _check_ast(tree)
        return statement

    def sql(self, query: str, *, limit: int = 1000, timeout: float | None = None, max_bytes: int | None = None,
            max_cell: int | None = None, memory_limit_mb: int | None = None) -> QueryResult:
        """Run one analyst-written read-only query; at most `limit` rows come back.

        With `timeout` (seconds) a query still running, or still being fetched, is
        interrupted and reported as a StoreError, so one heavy query cannot hold the
        web app's threads. The web app also bounds what a query can cost in memory
        (issue 14): `max_cell` cuts text cells to that many characters inside DuckDB,
        before they reach Python; rows are fetched in small chunks and fetching stops
        once their JSON size passes `max_bytes`; `memory_limit_mb` sets DuckDB's
        memory limit (for the whole database instance) so an aggregate cannot grow
        without bound. `QueryResult.truncated_by` names each limit that cut the result.
        """
        if limit < 1:
            raise StoreError(f"limit must be at least 1, not {limit}")
        statement = self.check_read_only(query)
        started = time.monotonic()
        with self._cursor() as cur:
            if memory_limit_mb is not None:
                cur.execute(f"SET memory_limit = '{int(memory_limit_mb)}MB'")
            timer = threading.Timer(timeout, cur.interrupt) if timeout else None
            # Belt and braces: even if a write got past the checks, it is rolled back.
            cur.execute("BEGIN TRANSACTION")
            try:
                if timer is not None:
                    timer.start()
                try:
                    _execute_capped(cur, statement, max_cell)
                    columns = [d[0] for d in cur.description or ()]
                    deadline = started + timeout if timeout else None
                    rows, hit, n_cut = _fetch_capped(cur, columns, limit=limit, max_bytes=max_bytes,
                                                     max_cell=max_cell, deadline=deadline)
                except duckdb.InterruptException as exc:
                    raise StoreError(f"query stopped after the {timeout:g} s time limit") from exc
                except duckdb.OutOfMemoryException as exc:
                    raise StoreError(f"query stopped at the {memory_limit_mb} MB memory limit") from exc
            finally:
                if timer is not None:
                    timer.cancel()
                cur.execute("ROLLBACK")
        return QueryResult(columns=columns, rows=rows, truncated=bool(hit), truncated_by=hit, cells_truncated=n_cut)

    def dataframe(self, table_or_query: str) -> pd.DataFrame:
        """A whole table, or a read-only query's result, as a pandas DataFrame."""
        name = table_or_query.strip()
        if name.lower() in _RELATIONS:
            query = f"SELECT * FROM {_q(name.lower())}"
        else:
            query = self.check_read_only(name)
        with self._cursor() as cur:
            return cur.execute(query).df()

    def export(self, directory: str | Path, *, fmt: str = "parquet") -> list[Path]:
        """Write one file per table (parquet or csv) for use outside powderkeg; returns the paths.

        Rows stream through pyarrow rather than `COPY ... TO`, because the
        connection has no file access (see `_CONFIG`). In CSV, text cells a spreadsheet
        would run as a formula get a leading apostrophe, as in every CSV powderkeg
        writes (csvout); Parquet keeps every value as stored.
        """
        fmt = fmt.lower()
        if fmt not in ("parquet", "csv"):
            raise StoreError(f"unknown export format {fmt!r}: use parquet or csv")
        out = Path(directory)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {out}: {exc}") from exc
        paths: list[Path] = []
        for table in EXPORT_TABLES:
            target = out / f"{table}.{fmt}"
            query = _export_query(table)
            with self._cursor() as cur:
                reader = cur.sql(query).to_arrow_reader(65536)
                try:
                    if fmt == "parquet":
                        with pq.ParquetWriter(target, reader.schema) as writer:
                            for batch in reader:
                                writer.write_batch(batch)
                    else:
                        with pa_csv.CSVWriter(target, reader.schema) as csv_writer:
                            for batch in reader:
                                csv_writer.write_batch(_spreadsheet_safe(batch))
                except OSError as exc:
                    raise StoreError(f"cannot write {target}: {exc}") from exc
            paths.append(target)
        logger.info("exported %d tables to %s as %s", len(paths), out, fmt)
        return paths


def _in_session(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def run(self: Store, *args: Any, **kwargs: Any) -> Any:
        with self.session():
            return method(self, *args, **kwargs)

    return run


# Every public method runs on one connection, opened for the call and closed after it unless a
# session() block is open (issue 14). Done here rather than per method, so methods added later
# get it too.
for _name, _member in list(vars(Store).items()):
    if isinstance(_member, FunctionType) and not _name.startswith("_") and _name not in ("close", "session"):
        setattr(Store, _name, _in_session(_member))


def _event_record(row: tuple[Any, ...]) -> EventRecord:
    return EventRecord(
        id=row[0], article_id=row[1], source=row[2], target=row[3], type=row[4], negated=row[5],
        status=row[6], evidence=row[7], start=row[8], end=row[9], trigger=row[10],
        source_text=row[11], target_text=row[12], rule=row[13],
        outlet=row[14], published=_iso(row[15]), title=row[16], url=row[17],
        attributed_to=row[18], disputed_by=row[19], date=row[20], date_source=row[21],
    )


def _spreadsheet_safe(batch: pa.RecordBatch) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays([csvout.neutralise_arrow(col) for col in batch.columns], schema=batch.schema)


def _export_query(table: str) -> str:
    if table == "actors":
        return "SELECT * FROM actors ORDER BY code"
    if table == "failures":
        return "SELECT * FROM failures ORDER BY seen_at, path"
    cols = ", ".join(_q(c.name) for c in _TABLES[table] if c.name != "seq")
    order = "id" if table == "articles" else "article_id, seq"
    return f"SELECT {cols} FROM {table} ORDER BY {order}"


def _batch_rows(
    extractions: Sequence[Extraction], failures: Sequence[Failure], now: datetime
) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of one batch, one list per table, in the column order of `_TABLES`."""
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _TABLES}
    for x in extractions:
        art = x.article
        aid = art.id
        rows["articles"].append((
            aid, art.external_id, art.url, art.outlet, art.title, _iso_date(art.published, aid),
            art.text, art.source_path, art.fmt, now, len(art.text.split()),
        ))
        rows["article_actors"] += [(aid, code, i) for i, code in enumerate(x.actors)]
        rows["mentions"] += [
            (aid, m.start, m.end, m.text, m.code, m.kind, m.role, i) for i, m in enumerate(x.mentions)
        ]
        rows["people"] += [
            (aid, p.name, p.actor, p.role, p.start, p.end, i) for i, p in enumerate(x.people)
        ]
        seen: set[str] = set()
        for i, e in enumerate(x.events):
            eid = event_id(aid, e)
            if eid in seen:
                logger.debug("article %s: duplicate event %s %s->%s dropped", aid, e.type, e.source, e.target)
                continue
            seen.add(eid)
            rows["events"].append((
                eid, aid, e.source, e.target, e.type, e.negated, e.status, e.evidence, e.start, e.end,
                e.trigger, e.source_text, e.target_text, e.rule, e.attributed_to, e.disputed_by, e.dispute_evidence,
                e.date, e.date_source, i,
            ))
        rows["arms"] += [
            (aid, a.supplier, a.recipient, a.system, a.status, a.evidence, a.start, a.end, a.quantity,
             a.value_usd, a.weapon_class, a.attributed_to, a.disputed_by, a.dispute_evidence, a.written, a.package, i)
            for i, a in enumerate(x.arms)
        ]
        rows["quotes"] += [
            (aid, q.speaker, q.actor, q.cue, q.text, q.kind, q.start, q.end, i) for i, q in enumerate(x.quotes)
        ]
        rows["labels"] += [
            (aid, lab.target, lab.term, lab.evidence, lab.start, lab.end, i) for i, lab in enumerate(x.labels)
        ]
    rows["failures"] = [(f.path, f.reason, now) for f in failures]
    return rows

"""Analyst-written SQL (`sql`, `dataframe`): only reads of this database, with row, byte, cell and time caps.

Every connection also runs with external access disabled (connection.py), so a
query cannot read or write files, load extensions or attach other databases,
whatever slips past the statement checks here.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import duckdb

from powderkeg.errors import ReadOnlyQueryError, StoreError
from powderkeg.models import QueryResult
from powderkeg.store.connection import StoreBase
from powderkeg.store.schema import _RELATIONS, _q

if TYPE_CHECKING:
    import pandas as pd

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


class SandboxMixin(StoreBase):
    """The analyst's SQL: checked read-only, capped, and the schemas it may read."""

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

"""The tables: their columns, the DDL built from them, and the upgrade of a file an older powderkeg wrote.

One column list per table (`_TABLES`) drives the DDL, the batch inserts (write.py)
and the exports (export.py), so a new table is one entry here plus its writer and
its queries.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import duckdb

from powderkeg.errors import StoreError

logger = logging.getLogger(__name__)

#: Bump when the table layout changes; a file with a newer version is refused.
SCHEMA_VERSION = 7


@dataclass(frozen=True)
class _Col:
    name: str
    sql: str  # DuckDB type


def _cols(*spec: tuple[str, str]) -> tuple[_Col, ...]:
    return tuple(_Col(name, sql) for name, sql in spec)


# A person's name as one key across spellings: case, diacritics, and the letters strip_accents keeps
# (đ ł ø ı), with "dj" for đ ("Djukanovic" = "Đukanović") and "yy" for "y" ("Zelenskyy"), a final "iy"/"ii" for "y" ("Slutskiy"); the same key
# as people.person_key().
_PERSON_KEY = ("regexp_replace(replace(replace(lower(strip_accents(translate({col}, 'ĐđŁłØøıÆæ', 'DdLlOoiAa'))), "
               "'dj', 'd'), 'yy', 'y'), '(iy|ii)\\b', 'y', 'g')")

# One column list per table drives the DDL, the batch inserts and the exports.
# `seq` keeps extraction order so an Extraction reads back exactly as written.
_TABLES: dict[str, tuple[_Col, ...]] = {
    "articles": _cols(
        ("id", "VARCHAR"), ("external_id", "VARCHAR"), ("url", "VARCHAR"), ("outlet", "VARCHAR"),
        ("title", "VARCHAR"), ("published", "DATE"), ("text", "VARCHAR"), ("source_path", "VARCHAR"),
        ("fmt", "VARCHAR"), ("ingested_at", "TIMESTAMP"), ("n_words", "INTEGER"),
        ("wire", "VARCHAR"),  # the news agency the text credits ("(AP)"), copies.wire_credit
    ),
    # Every report of an article: the outlet, title and URL it came under. An exact copy under
    # another outlet is one article with two reports (issue 16); rows accumulate across ingests.
    "reports": _cols(
        ("article_id", "VARCHAR"), ("outlet", "VARCHAR"), ("title", "VARCHAR"), ("url", "VARCHAR"),
        ("published", "DATE"), ("source_path", "VARCHAR"), ("seen_at", "TIMESTAMP"),
    ),
    # The MinHash band keys of an article's text (copies.py): candidates for near copies are a join.
    "copy_bands": _cols(("article_id", "VARCHAR"), ("band", "SMALLINT"), ("key", "BIGINT")),
    # Near copies found at ingest: candidates from the band join, each checked exactly (a < b).
    "copy_pairs": _cols(("a", "VARCHAR"), ("b", "VARCHAR"), ("jaccard", "DOUBLE"), ("containment", "DOUBLE")),
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
        # the article's publication day, copied (issue 17): a date-ordered list with a limit then reads only
        # the first row groups of events (zone maps), with no join to sort by
        ("published", "DATE"),
    ),
    "arms": _cols(
        ("article_id", "VARCHAR"), ("supplier", "VARCHAR"), ("recipient", "VARCHAR"), ("system", "VARCHAR"),
        ("status", "VARCHAR"), ("evidence", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("quantity", "BIGINT"), ("value_usd", "DOUBLE"), ("weapon_class", "VARCHAR"), ("attributed_to", "VARCHAR"),
        ("disputed_by", "VARCHAR"), ("dispute_evidence", "VARCHAR"), ("written", "VARCHAR"), ("package", "BIGINT"),
        ("seq", "INTEGER"),
        ("published", "DATE"),  # the article's day, copied as events' is (schema 7): the register pages by it
    ),
    "quotes": _cols(
        ("article_id", "VARCHAR"), ("speaker", "VARCHAR"), ("actor", "VARCHAR"), ("cue", "VARCHAR"),
        ("text", "VARCHAR"), ("kind", "VARCHAR"), ("start", "INTEGER"), ("end", "INTEGER"),
        ("seq", "INTEGER"), ("published", "DATE"),
    ),
    "labels": _cols(
        ("article_id", "VARCHAR"), ("target", "VARCHAR"), ("term", "VARCHAR"), ("evidence", "VARCHAR"),
        ("start", "INTEGER"), ("end", "INTEGER"), ("seq", "INTEGER"), ("published", "DATE"),
    ),
    "failures": _cols(("path", "VARCHAR"), ("reason", "VARCHAR"), ("seen_at", "TIMESTAMP")),
}
_PRIMARY_KEYS = {"articles": "id", "events": "id"}
_CHILD_TABLES = ("article_actors", "mentions", "people", "events", "arms", "quotes", "labels", "copy_bands")
_INDEXES = {
    "events_source": ("events", "source"),
    "events_target": ("events", "target"),
    "events_type": ("events", "type"),
    "events_article": ("events", "article_id"),
    "articles_published": ("articles", "published"),
    "reports_article": ("reports", "article_id"),
}
#: Indexes an older powderkeg created and this one drops on a writable open. `copy_bands_key` (an ART
#: over every article's 42 band keys) served no query, since the candidate joins are hash joins over
#: the whole table, yet each write loaded it into the writer's memory, which grew with the store
#: (issue 17, docs/performance.md "Memory").
_RETIRED_INDEXES = ("copy_bands_key",)
#: Tables holding a copy of their article's publication day (events since schema 6, the rest since 7).
_DAY_COPIES = ("events", "arms", "quotes", "labels")
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
    stmts += [f"DROP INDEX IF EXISTS {index}" for index in _RETIRED_INDEXES]
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


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    """End the failed transaction on `con` (a batch write or a schema upgrade), if one is still open."""
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:  # the failed COMMIT already ended the transaction
        logger.debug("rollback: no transaction was active")


def init_schema(con: duckdb.DuckDBPyConnection, path: Path, *, read_only: bool) -> None:
    """Create the tables a new file lacks and upgrade an older file in place; refuse a newer one.

    A read-only store cannot upgrade, so it refuses any file not at SCHEMA_VERSION.
    """
    try:
        has_meta = bool(con.execute(
            "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'meta'"
        ).fetchall()[0][0])
        version = None
        if has_meta:
            row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
            version = row[0][0] if row else None
    except duckdb.Error as exc:
        raise StoreError(f"cannot read {path}: {exc}") from exc
    if version is not None:
        try:
            number = int(version)
        except ValueError:
            number = SCHEMA_VERSION + 1
        if number > SCHEMA_VERSION:
            raise StoreError(
                f"{path} has schema version {version!r}, which this powderkeg does not know "
                f"(it understands up to {SCHEMA_VERSION}); upgrade powderkeg or use another file"
            )
    if read_only:
        if version is None:
            raise StoreError(f"{path} is not a powderkeg database (no schema_version in meta)")
        if int(version) < SCHEMA_VERSION:
            raise StoreError(
                f"{path} has schema version {version}, older than this powderkeg's {SCHEMA_VERSION}; "
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
            logger.info("%s: upgrading the schema: %s", path, stmt)
            con.execute(stmt)
        for table in _DAY_COPIES:  # the article's publication day, copied into a table that gained it
            if f'ALTER TABLE {table} ADD COLUMN "published" DATE' in upgrades:
                con.execute(f"UPDATE {table} SET published = a.published FROM articles a "
                            f"WHERE a.id = {table}.article_id")
        for stmt in _ddl():
            con.execute(stmt)
        from powderkeg.store import rollups  # imports this module

        for stmt in rollups.ddl():
            con.execute(stmt)
        rollups.ensure(con)
        con.execute(
            "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
        )
        con.execute("COMMIT")
    except duckdb.Error as exc:
        rollback(con)
        raise StoreError(f"cannot create the schema in {path}: {exc}") from exc

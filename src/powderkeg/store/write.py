"""Writing a batch of extractions: one transaction per batch, an article replaced wholesale."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from powderkeg import copies
from powderkeg.errors import StoreError, WriterMemoryError
from powderkeg.models import Article, Extraction, Failure
from powderkeg.rows import CHILD_TABLES, ArticleRows, article_rows, event_id, iso_date
from powderkeg.store import rollups
from powderkeg.store.connection import StoreBase
from powderkeg.store.schema import _CHILD_TABLES, _TABLES, _q

logger = logging.getLogger(__name__)

__all__ = ["WriteMixin", "event_id"]

class WriteMixin(StoreBase):
    """Writing: which articles are stored, and a batch of extractions in one transaction."""

    #: The ingest run whose writes reach the rollups at its end (`rollups_deferred`), if one is running.
    _deferred: rollups.Deferred | None = None

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
        return self.write_rows([article_rows(x) for x in extractions], failures)

    def write_rows(self, prepared: Sequence[ArticleRows], failures: Sequence[Failure] = ()) -> int:
        """`write_batch` of extractions whose rows were built already (`powderkeg.rows`, in an ingest's workers)."""
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        latest = {r.article.id: r for r in prepared}  # the same article twice: last wins
        now = datetime.now(UTC).replace(tzinfo=None)
        return self._write_rows(_rows_of(list(latest.values()), failures, now))

    @contextmanager
    def rollups_deferred(self) -> Iterator[None]:
        """Writes inside fold into the rollups once, when the block ends, while the store is small.

        Why (issue 17: the writer's CPU): the 17 rollup MERGEs cost ~0.13 CPU s a write whatever
        its size, most of what a write of short leads costs. Below `rollups.DEFER_BELOW` stored articles
        the live queries a reader falls back on meanwhile are fast; from there on each write keeps
        the rollups current again. An ingest that dies leaves them marked lagging: the next writable
        open rebuilds them.
        """
        self._deferred = rollups.Deferred()
        try:
            yield
        finally:
            deferred, self._deferred = self._deferred, None
            if deferred.active:
                self._finish_rollups(deferred)

    def _finish_rollups(self, deferred: rollups.Deferred) -> None:
        """Bring the rollups up to a deferred run's writes, in a transaction of its own."""
        with self.session():
            con = self._connection()
            try:
                con.execute("BEGIN TRANSACTION")
                rollups.finish(con, deferred)
                con.execute("COMMIT")
            except duckdb.Error as exc:  # left marked lagging: readers read the live rows, the next open rebuilds
                self._rollback()
                deferred.active, deferred.pending = False, {}  # their mark stays this run's: never taken as current
                logger.warning("the rollups of %s were left to the next writable open: %s", self.path, exc)

    def _write_rows(self, data: dict[str, list[tuple[Any, ...]]]) -> int:
        """Write one batch's rows (as `_batch_rows` lays them out) in one transaction: what
        `write_batch` and `merge_shards` share, so a merged shard is stored as a batch would be."""
        articles = data["articles"]
        ids = [str(r[0]) for r in articles]
        texts = {str(r[0]): str(r[6]) for r in articles}
        stale_paths = sorted({str(f[0]) for f in data["failures"]} | {str(r[7]) for r in articles if r[7]})
        con = self._connection()
        deferred = self._deferred
        saved = deferred.saved() if deferred is not None else None
        try:
            con.execute("BEGIN TRANSACTION")
            # Only articles already stored have rows to delete (a row of any table belongs to a stored
            # article, each written in one transaction) and rollup rows to subtract: a batch of new
            # articles, every batch of a first ingest, skips those statements.
            stored = _stored(con, ids)
            was_fresh = rollups.before_write(con, stored, deferred)
            if stored:
                for table_name in (*_CHILD_TABLES, "articles"):
                    key = "id" if table_name == "articles" else "article_id"
                    con.execute(f"DELETE FROM {table_name} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))", [stored])
                con.execute("DELETE FROM copy_pairs WHERE a IN (SELECT unnest(?::VARCHAR[])) "
                            "OR b IN (SELECT unnest(?::VARCHAR[]))", [stored, stored])
            # A failure is superseded by a newer failure or a successful read of the same path.
            if stale_paths:
                con.execute("DELETE FROM failures WHERE path IN (SELECT unnest(?::VARCHAR[]))", [stale_paths])
            for table_name, rows in data.items():
                if table_name not in ("reports", "copy_pairs"):
                    self._insert(con, table_name, rows)
            self._add_reports(con, data["reports"])
            self._insert(con, "copy_pairs", _copy_pairs(con, texts))
            rollups.after_write(con, ids, was_fresh, deferred)
            con.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
            if deferred is not None and saved is not None:
                deferred.restore(saved)
            logger.error("batch of %d articles rolled back: %s", len(ids), exc)
            if isinstance(exc, duckdb.OutOfMemoryException):
                raise WriterMemoryError(f"writing to {self.path} failed (batch rolled back): DuckDB ran out of the "
                                 f"writer's memory limit ({self.memory_limit}); raise it with "
                                 f"POWDERKEG_MEMORY_LIMIT (e.g. 1GB, or none): {exc}") from exc
            if isinstance(exc, duckdb.Error):
                raise StoreError(f"writing to {self.path} failed (batch rolled back): {exc}") from exc
            raise
        logger.debug("wrote %d articles, %d failures to %s", len(ids), len(data["failures"]), self.path)
        return len(ids)

    def add_reports(self, articles: Sequence[Article]) -> int:
        """Record that stored articles also came as these reports (an exact copy under another
        outlet, title or URL costs no parse but is not forgotten); returns how many were new."""
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        if self._deferred is not None and self._deferred.active:  # counts by report: bring the rollups up first
            self._finish_rollups(self._deferred)
        now = datetime.now(UTC).replace(tzinfo=None)
        rows = [_report_row(a, iso_date(a.published, a.id), now) for a in articles]
        con = self._connection()
        try:
            con.execute("BEGIN TRANSACTION")
            ids = sorted({str(r[0]) for r in rows})
            was_fresh = rollups.before_reports(con, ids)
            added = self._add_reports(con, rows)
            rollups.after_reports(con, ids, was_fresh)
            con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"writing to {self.path} failed: {exc}") from exc
        return added

    def _add_reports(self, con: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]]) -> int:
        """Insert the reports not stored yet: one row per article, outlet, title and URL, so
        ingesting the same inputs again adds nothing."""
        if not rows:
            return 0
        before = int(con.execute("SELECT count(*) FROM reports").fetchall()[0][0])
        spec = _TABLES["reports"]
        cols = ", ".join(_q(c.name) for c in spec)
        lists = ", ".join(f"unnest(?::{c.sql}[]) AS {_q(c.name)}" for c in spec)
        columns = [list(values) for values in zip(*rows, strict=True)]
        same = " AND ".join(f"r.{c} IS NOT DISTINCT FROM n.{c}" for c in ("article_id", "outlet", "title", "url"))
        con.execute(
            f"INSERT INTO reports ({cols}) SELECT DISTINCT ON (article_id, outlet, title, url) {cols} "
            f"FROM (SELECT {lists}) n WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE {same})", columns)
        return int(con.execute("SELECT count(*) FROM reports").fetchall()[0][0]) - before

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


def _copy_pairs(con: duckdb.DuckDBPyConnection, batch: dict[str, str]) -> list[tuple[Any, ...]]:
    """The near copies of this batch's articles (id -> text) among everything stored (the batch
    included): candidates from the band join, kept when the exact check says copy (copies.likeness)."""
    ids = list(batch)
    # The candidates sharing most bands first, at most copies.MAX_CHECKS per article: one confirmed
    # copy links an article to its whole group, so a text reprinted a thousand times costs a
    # bounded number of checks, not one per earlier copy.
    candidates = con.execute(
        "SELECT n.article_id, c.article_id FROM copy_bands n JOIN copy_bands c "
        "ON n.band = c.band AND n.key = c.key AND n.article_id <> c.article_id "
        "WHERE n.article_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY 1, 2 "
        "QUALIFY row_number() OVER (PARTITION BY n.article_id ORDER BY count(*) DESC, c.article_id) <= ?",
        [ids, copies.MAX_CHECKS]).fetchall()
    if not candidates:
        return []
    others = sorted({str(c) for _, c in candidates} - set(ids))
    texts = dict(batch)
    if others:
        texts |= {str(i): str(t) for i, t in con.execute(
            "SELECT id, text FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [others]).fetchall()}
    # Each pair once (a < b), in the candidates' order. Checked grouped by its stored article, whose
    # shingles are made once and dropped after its group: holding every candidate's shingles at once
    # took ~80 MiB of the writer's peak on a write of 256 articles (issue 17).
    pairs = dict.fromkeys(pair for new, old in candidates
                          if (pair := _ordered(str(new), str(old)))[0] in texts and pair[1] in texts)
    by_stored: dict[str | None, list[tuple[str, str]]] = {}
    for a, b in pairs:
        by_stored.setdefault(next((k for k in (a, b) if k not in batch), None), []).append((a, b))
    mine: dict[str, frozenset[str]] = {}

    def items(key: str, stored: frozenset[str] | None) -> frozenset[str]:
        if key not in batch and stored is not None:
            return stored
        if key not in mine:
            mine[key] = copies.shingles(texts[key])
        return mine[key]

    found: dict[tuple[str, str], copies.Likeness] = {}
    for key, group in by_stored.items():
        stored = copies.shingles(texts.pop(key)) if key is not None else None
        for a, b in group:
            found[(a, b)] = copies.likeness(items(a, stored), items(b, stored))
    return [(a, b, f.jaccard, f.containment) for (a, b) in pairs if (f := found[(a, b)]).is_copy]


def _ordered(x: str, y: str) -> tuple[str, str]:
    return (x, y) if x <= y else (y, x)


def _stored(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[str]:
    """Which of `ids` are stored articles."""
    if not ids:
        return []
    return [str(r[0]) for r in con.execute(
        "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()]


def _report_row(art: Article, published: date | None, now: datetime) -> tuple[Any, ...]:
    return (art.id, art.outlet, art.title, art.url, published, art.source_path, now)


def _batch_rows(
    extractions: Sequence[Extraction], failures: Sequence[Failure], now: datetime
) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of one batch, one list per table, in the column order of `_TABLES`."""
    return _rows_of([article_rows(x) for x in extractions], failures, now)


def _rows_of(prepared: Sequence[ArticleRows], failures: Sequence[Failure], now: datetime
             ) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of one batch from its extractions' rows: each article's own, stamped `now`, then its children."""
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _TABLES}
    for r in prepared:
        art = r.article
        rows["articles"].append((
            art.id, art.external_id, art.url, art.outlet, art.title, r.published,
            art.text, art.source_path, art.fmt, now, r.n_words, r.wire,
        ))
        rows["reports"].append(_report_row(art, r.published, now))
        for table in CHILD_TABLES:
            rows[table] += r.children[table]
    rows["failures"] = [(f.path, f.reason, now) for f in failures]
    return rows

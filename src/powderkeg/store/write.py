"""Writing a batch of extractions: one transaction per batch, an article replaced wholesale."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

import duckdb

from powderkeg import copies
from powderkeg.errors import StoreError, WriterMemoryError
from powderkeg.models import Article, Event, Extraction, Failure
from powderkeg.store import rollups
from powderkeg.store.connection import StoreBase
from powderkeg.store.schema import _CHILD_TABLES, _TABLES, _q

logger = logging.getLogger(__name__)


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


class WriteMixin(StoreBase):
    """Writing: which articles are stored, and a batch of extractions in one transaction."""

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
        return self._write_rows(_batch_rows(list(latest.values()), failures, now))

    def _write_rows(self, data: dict[str, list[tuple[Any, ...]]]) -> int:
        """Write one batch's rows (as `_batch_rows` lays them out) in one transaction: what
        `write_batch` and `merge_shards` share, so a merged shard is stored as a batch would be."""
        articles = data["articles"]
        ids = [str(r[0]) for r in articles]
        texts = {str(r[0]): str(r[6]) for r in articles}
        stale_paths = sorted({str(f[0]) for f in data["failures"]} | {str(r[7]) for r in articles if r[7]})
        con = self._connection()
        try:
            con.execute("BEGIN TRANSACTION")
            was_fresh = rollups.before_replace(con, ids)
            for table_name in (*_CHILD_TABLES, "articles"):
                key = "id" if table_name == "articles" else "article_id"
                con.execute(f"DELETE FROM {table_name} WHERE {key} IN (SELECT unnest(?::VARCHAR[]))", [ids])
            # A failure is superseded by a newer failure or a successful read of the same path.
            con.execute("DELETE FROM failures WHERE path IN (SELECT unnest(?::VARCHAR[]))", [stale_paths])
            con.execute("DELETE FROM copy_pairs WHERE a IN (SELECT unnest(?::VARCHAR[])) "
                        "OR b IN (SELECT unnest(?::VARCHAR[]))", [ids, ids])
            for table_name, rows in data.items():
                if table_name not in ("reports", "copy_pairs"):
                    self._insert(con, table_name, rows)
            self._add_reports(con, data["reports"])
            self._insert(con, "copy_pairs", _copy_pairs(con, texts))
            rollups.after_replace(con, ids, was_fresh)
            con.execute("COMMIT")
        except BaseException as exc:
            self._rollback()
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
        now = datetime.now(UTC).replace(tzinfo=None)
        rows = [_report_row(a, now) for a in articles]
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


def _report_row(art: Article, now: datetime) -> tuple[Any, ...]:
    return (art.id, art.outlet, art.title, art.url, _iso_date(art.published, art.id), art.source_path, now)


def _batch_rows(
    extractions: Sequence[Extraction], failures: Sequence[Failure], now: datetime
) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of one batch, one list per table, in the column order of `_TABLES`."""
    rows: dict[str, list[tuple[Any, ...]]] = {name: [] for name in _TABLES}
    for x in extractions:
        art = x.article
        aid = art.id
        mark = copies.fingerprint(art.text)
        rows["articles"].append((
            aid, art.external_id, art.url, art.outlet, art.title, _iso_date(art.published, aid),
            art.text, art.source_path, art.fmt, now, len(art.text.split()), mark.wire,
        ))
        rows["reports"].append(_report_row(art, now))
        rows["copy_bands"] += [(aid, band, key) for band, key in enumerate(mark.bands)]
        rows["article_actors"] += [(aid, code, i) for i, code in enumerate(x.actors)]
        rows["mentions"] += [
            (aid, m.start, m.end, m.text, m.code, m.kind, m.role, i) for i, m in enumerate(x.mentions)
        ]
        rows["people"] += [
            (aid, p.name, p.actor, p.role, p.start, p.end, i) for i, p in enumerate(x.people)
        ]
        seen: set[str] = set()
        published = _iso_date(art.published, aid)
        for i, e in enumerate(x.events):
            eid = event_id(aid, e)
            if eid in seen:
                logger.debug("article %s: duplicate event %s %s->%s dropped", aid, e.type, e.source, e.target)
                continue
            seen.add(eid)
            rows["events"].append((
                eid, aid, e.source, e.target, e.type, e.negated, e.status, e.evidence, e.start, e.end,
                e.trigger, e.source_text, e.target_text, e.rule, e.attributed_to, e.disputed_by, e.dispute_evidence,
                e.date, e.date_source, i, published,
            ))
        rows["arms"] += [
            (aid, a.supplier, a.recipient, a.system, a.status, a.evidence, a.start, a.end, a.quantity,
             a.value_usd, a.weapon_class, a.attributed_to, a.disputed_by, a.dispute_evidence, a.written, a.package, i,
             published)
            for i, a in enumerate(x.arms)
        ]
        rows["quotes"] += [
            (aid, q.speaker, q.actor, q.cue, q.text, q.kind, q.start, q.end, i, published) for i, q in enumerate(x.quotes)
        ]
        rows["labels"] += [
            (aid, lab.target, lab.term, lab.evidence, lab.start, lab.end, i, published) for i, lab in enumerate(x.labels)
        ]
    rows["failures"] = [(f.path, f.reason, now) for f in failures]
    return rows

"""Benchmark only: grow a store from its real extractions to millions of events inside DuckDB.

Why: the big-store benchmark (benchmarks/bigstore.py, issue 17) needs 1-10 million
events coded from real text; writing copies through `write_batch` costs ~100k events
a minute (and a copy check per replica). Here each replica of the stored articles is
one INSERT ... SELECT per table over range(): new article and event ids, a publication
day that advances with the replica number (so rows land clustered by date, as a
running ingest writes them), an outlet from a list, and every gazetteer actor code
rotated by a per-replica shift (so a dyad is as selective as on varied news, not one
pair repeated). Evidence offsets, texts and every child table (reports, article_actors,
mentions, people, events, arms, quotes, labels) stay consistent with their article.

Not for users: replicas share their base article's text, which a real ingest would
link as copies; their copy_bands/copy_pairs are left out (the copy index has its own
benchmark, benchmarks/copy_index.py). Nothing in powderkeg calls this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from powderkeg.errors import StoreError
from powderkeg.store import rollups
from powderkeg.store.connection import StoreBase
from powderkeg.store.schema import _INDEXES, _TABLES, _q

#: Child tables copied per replica, and their columns holding an actor code (rotated per replica).
_CODE_COLUMNS: dict[str, tuple[str, ...]] = {
    "article_actors": ("code",),
    "mentions": ("code",),
    "people": ("actor",),
    "events": ("source", "target", "attributed_to", "disputed_by"),
    "arms": ("supplier", "recipient", "attributed_to", "disputed_by"),
    "quotes": ("actor",),
    "labels": ("target",),
}


def bench_replicate(store: StoreBase, copies: int, *, codes: Sequence[str], outlets: Sequence[str],
                    start: date, days: int, chunk_events: int = 250_000) -> int:
    """Add `copies` replicas of every stored article (benchmark only; see the module docstring).

    Replica k is published on day start + k*days/copies (+ its base article's position mod 5),
    so rows arrive in date order. Returns the number of events in the store after.
    """
    if store.read_only:
        raise StoreError(f"store {store.path} is open read-only")
    if copies < 1 or days < 1 or not outlets or not codes:
        raise StoreError("bench_replicate: copies and days must be positive, outlets and codes non-empty")
    with store.session():
        con = store._connection()
        n = len(codes)
        con.execute("CREATE OR REPLACE TEMP TABLE bench_codes AS "
                    "SELECT code, CAST(j AS INTEGER) AS j FROM (SELECT unnest(?::VARCHAR[]) AS code, "
                    "generate_subscripts(?::VARCHAR[], 1) - 1 AS j)", [list(codes), list(codes)])
        con.execute("CREATE OR REPLACE TEMP TABLE bench_outlets AS SELECT o, CAST(j AS INTEGER) AS j FROM "
                    "(SELECT unnest(?::VARCHAR[]) AS o, generate_subscripts(?::VARCHAR[], 1) - 1 AS j)",
                    [list(outlets), list(outlets)])
        con.execute("CREATE OR REPLACE TEMP TABLE bench_base AS SELECT id, published, "
                    "CAST(row_number() OVER (ORDER BY id) - 1 AS INTEGER) AS i FROM articles")
        # shift s maps code j to code (j + s) mod n; replica k uses shift (k * 37) mod n
        con.execute("CREATE OR REPLACE TEMP TABLE bench_map AS SELECT CAST(s.range AS INTEGER) AS shift, "
                    "a.code AS old, b.code AS new FROM range(?) s, bench_codes a, bench_codes b "
                    "WHERE b.j = (a.j + s.range) % ?", [n, n])
        per_copy = int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])
        chunk = max(1, chunk_events // max(per_copy, 1))
        for index in _INDEXES:
            con.execute(f"DROP INDEX IF EXISTS {index}")
        try:
            for first in range(1, copies + 1, chunk):
                last = min(first + chunk, copies + 1)
                _replicate_chunk(con, first, last, copies=copies, n_codes=n, n_outlets=len(outlets),
                                 start=start, days=days)
        except BaseException:
            store._rollback()
            raise
        finally:
            for index, (table, col) in _INDEXES.items():
                con.execute(f"CREATE INDEX IF NOT EXISTS {index} ON {table} ({_q(col)})")
            rollups.refresh(con)
            con.execute("CHECKPOINT")
        return int(con.execute("SELECT count(*) FROM events").fetchall()[0][0])


def _replicate_chunk(con: object, first: int, last: int, *, copies: int, n_codes: int, n_outlets: int,
                     start: date, days: int) -> None:
    import duckdb

    assert isinstance(con, duckdb.DuckDBPyConnection)
    con.execute("BEGIN TRANSACTION")
    con.execute(
        "CREATE OR REPLACE TEMP TABLE bench_rep AS SELECT b.id AS old_id, r.range AS k, "
        "substr(md5(b.id || ':' || CAST(r.range AS VARCHAR)), 1, 16) AS new_id, "
        "CAST(? AS DATE) + CAST((r.range * ? // ?) + b.i % 5 AS INTEGER) AS new_published, "
        "b.published AS old_published, CAST((r.range * 37) % ? AS INTEGER) AS shift, "
        "o.o AS outlet FROM range(?, ?) r, bench_base b "
        "JOIN bench_outlets o ON o.j = (b.i + r.range) % ?",
        [start, days, copies, n_codes, first, last, n_outlets])
    art_cols = [c.name for c in _TABLES["articles"]]
    chosen = {"id": "p.new_id", "external_id": "NULL", "outlet": "p.outlet", "published": "p.new_published",
              "url": "a.url || '#r' || CAST(p.k AS VARCHAR)", "ingested_at": "now()::TIMESTAMP"}
    select = ", ".join(chosen.get(c, f"a.{_q(c)}") for c in art_cols)
    con.execute(f"INSERT INTO articles ({', '.join(_q(c) for c in art_cols)}) SELECT {select} "
                "FROM bench_rep p JOIN articles a ON a.id = p.old_id ORDER BY p.new_published, p.new_id")
    con.execute("INSERT INTO reports SELECT p.new_id, p.outlet, a.title, a.url || '#r' || CAST(p.k AS VARCHAR), "
                "p.new_published, a.source_path, now()::TIMESTAMP FROM bench_rep p JOIN articles a ON a.id = p.old_id "
                "ORDER BY p.new_published, p.new_id")
    for table, code_cols in _CODE_COLUMNS.items():
        cols = [c.name for c in _TABLES[table]]
        joins = []
        exprs: dict[str, str] = {"article_id": "p.new_id"}
        for n, col in enumerate(code_cols):
            joins.append(f"LEFT JOIN bench_map m{n} ON m{n}.shift = p.shift AND m{n}.old = t.{_q(col)}")
            exprs[col] = f"coalesce(m{n}.new, t.{_q(col)})"
        if any(c == "published" for c in cols):
            exprs["published"] = "p.new_published"
        if table == "events":
            exprs["id"] = "substr(md5(t.id || ':' || CAST(p.k AS VARCHAR)), 1, 16)"
            # an act date moves with its article's publication day
            exprs["date"] = ("CASE WHEN try_cast(t.\"date\" AS DATE) IS NULL OR p.old_published IS NULL "
                             "THEN t.\"date\" ELSE strftime(try_cast(t.\"date\" AS DATE) + "
                             "CAST(p.new_published - p.old_published AS INTEGER), '%Y-%m-%d') END")
        select = ", ".join(exprs.get(c, f"t.{_q(c)}") for c in cols)
        con.execute(f"INSERT INTO {table} ({', '.join(_q(c) for c in cols)}) SELECT {select} "
                    f"FROM bench_rep p JOIN {table} t ON t.article_id = p.old_id {' '.join(joins)} "
                    "ORDER BY p.new_published, p.new_id, t.seq")
    con.execute("COMMIT")

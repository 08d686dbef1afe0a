"""Pre-aggregated totals kept in step with every batch write (issue 17: big stores stay fast).

Why: on ten million events the actors list, the headline summary, counts by month and
the disputed facts each re-read every row of several tables (seconds a page). Here each
is a small table of counts per key, changed by the articles a batch replaces: their old
rows are subtracted before they are deleted and their new rows added after they are
inserted (`apply`), in the batch's transaction. Counts per key, never flags, so the
subtraction is exact.

`meta.rollups` records the article and event counts the rollups were last brought up to;
a reader uses them only while the live counts still match (`fresh`), else it falls back
to the live queries. A writer that bypasses `write_batch` (a bulk loader) calls
`refresh` at the end, or the next writable open does (`init_schema` -> `ensure`; a store whose
rollups are current but lack some a newer powderkeg added gets only those built). The rollups
counted by reports (an actor's coverage by outlet) are also kept by `add_reports`
(`before_reports` / `after_reports`). An ingest into a store of fewer than `DEFER_BELOW`
articles adds its articles once, at its end (`Deferred`, `finish`), not at every write.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import duckdb

from powderkeg.store.schema import _PERSON_KEY


@dataclass(frozen=True)
class Rollup:
    """One pre-aggregated table: its key and count columns, and the SELECT of an article set's contribution."""

    name: str
    keys: tuple[tuple[str, str], ...]  # (column, DuckDB type)
    counts: tuple[str, ...]  # BIGINT columns
    contribution: Callable[[Callable[[str], str]], str]  # given `only(alias)`, SELECT keys..., counts..., mins...
    #: (column, DuckDB type) kept as the least value over the rows (a term's spelling, an example sentence).
    #: A least value cannot be subtracted: a row whose least value left with a replaced article is
    #: marked `stale` and recomputed from the live rows of its keys at the end of the write (`_restale`).
    mins: tuple[tuple[str, str], ...] = ()
    narrow: str = ""  # the key column (of the contribution's first alias) that narrows that recompute
    reports: bool = False  # counted by the articles' reports: a report added to a stored article changes it


def _parties(only: Callable[[str], str], cols: str) -> str:
    """Each event once per party (once when source and target are the same actor), as `code` with `cols`."""
    return (f"SELECT source AS code, {cols} FROM events x WHERE {only('x')} UNION ALL "
            f"SELECT target, {cols} FROM events x WHERE {only('x')} AND target IS DISTINCT FROM source")


def _months(only: Callable[[str], str]) -> str:
    return ("SELECT CAST(date_trunc('month', published) AS DATE) AS month, type, count(*) AS n FROM events x "
            f"WHERE {only('x')} GROUP BY ALL")


def _outlets(only: Callable[[str], str]) -> str:
    return ("SELECT a.outlet, count(DISTINCT a.id) AS n_articles, count(e.id) AS n_events FROM articles a "
            f"LEFT JOIN events e ON e.article_id = a.id WHERE {only('a').replace('a.article_id', 'a.id')} GROUP BY 1")


def _years(only: Callable[[str], str]) -> str:
    return ("SELECT CAST(year(published) AS INTEGER) AS year, source, target, type, count(*) AS n FROM events x "
            f"WHERE {only('x')} GROUP BY ALL")


def _dyads(only: Callable[[str], str]) -> str:
    return f"SELECT source, target, type, count(*) AS n FROM events x WHERE {only('x')} GROUP BY ALL"


def _actors(only: Callable[[str], str]) -> str:
    def rows(col: str, table: str, alias: str, counts: str, nonnull: bool = False) -> str:
        cond = f" AND {alias}.{col} IS NOT NULL" if nonnull else ""
        return f"SELECT {alias}.{col} AS code, {counts} FROM {table} {alias} WHERE {only(alias)}{cond} GROUP BY 1"

    zero = "0 AS m, 0 AS a, 0 AS s, 0 AS t"
    parts = [
        rows("code", "mentions", "x", "count(*) AS m, 0 AS a, 0 AS s, 0 AS t, count(*) AS r"),
        rows("code", "article_actors", "x", f"{zero}, count(*) AS r"),
        rows("source", "events", "x", "0 AS m, 0 AS a, count(*) AS s, 0 AS t, count(*) AS r"),
        rows("target", "events", "x", "0 AS m, 0 AS a, 0 AS s, count(*) AS t, count(*) AS r"),
        rows("actor", "people", "x", f"{zero}, count(*) AS r", nonnull=True),
        rows("supplier", "arms", "x", f"{zero}, count(*) AS r", nonnull=True),
        rows("recipient", "arms", "x", f"{zero}, count(*) AS r", nonnull=True),
        rows("actor", "quotes", "x", f"{zero}, count(*) AS r", nonnull=True),
        rows("target", "labels", "x", f"{zero}, count(*) AS r", nonnull=True),
        # the articles an actor is seen in, as actors() counts them (a pair counted once)
        "SELECT code, 0, count(*), 0, 0, 0 FROM (SELECT code, article_id FROM article_actors x WHERE "
        f"{only('x')} UNION SELECT code, article_id FROM mentions x WHERE {only('x')} UNION SELECT source, "
        f"article_id FROM events x WHERE {only('x')} UNION SELECT target, article_id FROM events x WHERE "
        f"{only('x')}) GROUP BY 1",
    ]
    return ("SELECT code, sum(m) AS n_mentions, sum(a) AS n_articles, sum(s) AS n_source, sum(t) AS n_target, "
            "sum(r) AS n_refs FROM (" + " UNION ALL ".join(parts) + ") WHERE code IS NOT NULL GROUP BY 1")


def _forms(only: Callable[[str], str]) -> str:
    return ("SELECT code, text, count(*) AS n, count(*) FILTER (WHERE kind IN ('state', 'io')) AS n_preferred "
            f"FROM mentions x WHERE {only('x')} AND code IS NOT NULL GROUP BY ALL")


def _people(only: Callable[[str], str]) -> str:
    return (f"SELECT {_PERSON_KEY.format(col='name')} AS pkey, actor, count(*) AS n FROM people x "
            f"WHERE {only('x')} GROUP BY ALL")


def _facts(only: Callable[[str], str]) -> str:
    counts = ("count(*) FILTER (WHERE status <> 'denied') AS n_asserted, "
              "count(*) FILTER (WHERE status = 'denied' OR disputed_by IS NOT NULL) AS n_denied")
    return (f"SELECT 'event' AS kind, source, target, lower(type) AS what, {counts} FROM events x "
            f"WHERE {only('x')} AND NOT negated AND status <> 'planned' GROUP BY ALL "
            f"UNION ALL SELECT 'arms', supplier, recipient, lower(system), {counts} FROM arms x "
            f"WHERE {only('x')} GROUP BY ALL")


def _labels(only: Callable[[str], str]) -> str:
    # per outlet (None: no outlet), actor and term ignoring case; an article set's distinct articles add up,
    # since a batch adds or removes an article's rows all together
    return ("SELECT a.outlet, l.target, lower(l.term) AS lterm, count(*) AS n, count(DISTINCT l.article_id) "
            "AS n_articles, min(l.term) AS term, min(l.evidence) AS example FROM labels l "
            f"JOIN articles a ON a.id = l.article_id WHERE {only('l')} GROUP BY ALL")


def _outlet_events(only: Callable[[str], str]) -> str:
    # the articles narrowed too (the same rows; see _actor_outlets)
    articles = only("a").replace("a.article_id", "a.id")
    return ("SELECT a.outlet, e.source, e.target, e.type, count(*) AS n FROM events e "
            f"JOIN articles a ON a.id = e.article_id WHERE {only('e')} AND {articles} GROUP BY ALL")


def _statuses(only: Callable[[str], str]) -> str:
    return f"SELECT status, source, target, type, count(*) AS n FROM events x WHERE {only('x')} GROUP BY ALL"


def _actor_months(only: Callable[[str], str]) -> str:
    # an event counts once for each party (once when source and target are the same actor)
    return ("SELECT code, CAST(date_trunc('month', published) AS DATE) AS month, type, count(*) AS n FROM ("
            f"{_parties(only, 'published, type')}) WHERE code IS NOT NULL GROUP BY ALL")


def _person_forms(only: Callable[[str], str]) -> str:
    # every spelling and role a person is given per actor (NULL actor too: a person's roles span them all)
    return (f"SELECT actor, {_PERSON_KEY.format(col='name')} AS pkey, name, role, count(*) AS n FROM people x "
            f"WHERE {only('x')} GROUP BY ALL")


def _person_articles(only: Callable[[str], str]) -> str:
    # a batch adds or removes an article's rows all together, so distinct articles per batch add up
    return (f"SELECT actor, {_PERSON_KEY.format(col='name')} AS pkey, count(DISTINCT article_id) AS n_articles "
            f"FROM people x WHERE {only('x')} GROUP BY ALL")


def _report_outlets(only: Callable[[str], str]) -> str:
    return f"SELECT outlet, count(*) AS n FROM reports x WHERE {only('x')} AND outlet IS NOT NULL GROUP BY 1"


def _actor_outlets(only: Callable[[str], str]) -> str:
    # Both sides of each join are narrowed to the batch (the same rows), here and in _outlet_events
    # and _actor_outlet_items: a join narrowed on one side hashed the other whole table, which took a write of
    # 256 new articles into a 10 M-event store past the writer's 512MB memory_limit (issue 17).
    # by the reports of an article (copies included), as Store.outlet_coverage counts them
    parties = _parties(only, "article_id")
    parts = [
        "SELECT x.code, r.outlet, count(DISTINCT r.article_id) AS a, 0 AS e, 0 AS q FROM reports r "
        f"JOIN article_actors x ON x.article_id = r.article_id WHERE {only('r')} AND {only('x')} GROUP BY 1, 2",
        f"SELECT e.code, r.outlet, 0, count(*), 0 FROM reports r JOIN ({parties}) e ON e.article_id = r.article_id "
        f"WHERE {only('r')} GROUP BY 1, 2",
        "SELECT q.actor, r.outlet, 0, 0, count(*) FROM reports r JOIN quotes q ON q.article_id = r.article_id "
        f"WHERE {only('q')} AND {only('r')} GROUP BY 1, 2",
    ]
    return ("SELECT code, outlet, sum(a) AS n_articles, sum(e) AS n_events, sum(q) AS n_quotes FROM ("
            + " UNION ALL ".join(parts) + ") WHERE code IS NOT NULL AND outlet IS NOT NULL GROUP BY 1, 2")


def _actor_outlet_items(only: Callable[[str], str]) -> str:
    # the label terms an outlet applied to an actor and the speakers of that actor it quoted, by its reports
    return ("SELECT * FROM (SELECT l.target AS code, r.outlet, 'label' AS kind, l.term AS item, count(*) AS n "
            f"FROM reports r JOIN labels l ON l.article_id = r.article_id WHERE {only('l')} AND {only('r')} "
            "GROUP BY ALL UNION ALL SELECT q.actor, r.outlet, 'speaker', q.speaker, count(*) FROM reports r "
            f"JOIN quotes q ON q.article_id = r.article_id WHERE {only('q')} AND {only('r')} GROUP BY ALL) "
            "WHERE code IS NOT NULL AND outlet IS NOT NULL")


ROLLUPS: tuple[Rollup, ...] = (
    Rollup("rollup_months", (("month", "DATE"), ("type", "VARCHAR")), ("n",), _months),
    Rollup("rollup_outlets", (("outlet", "VARCHAR"),), ("n_articles", "n_events"), _outlets),
    Rollup("rollup_years", (("year", "INTEGER"), ("source", "VARCHAR"), ("target", "VARCHAR"), ("type", "VARCHAR")),
           ("n",), _years),
    Rollup("rollup_dyads", (("source", "VARCHAR"), ("target", "VARCHAR"), ("type", "VARCHAR")), ("n",), _dyads),
    Rollup("rollup_actors", (("code", "VARCHAR"),), ("n_mentions", "n_articles", "n_source", "n_target", "n_refs"),
           _actors),
    Rollup("rollup_forms", (("code", "VARCHAR"), ("text", "VARCHAR")), ("n", "n_preferred"), _forms),
    Rollup("rollup_people", (("pkey", "VARCHAR"), ("actor", "VARCHAR")), ("n",), _people),
    Rollup("rollup_facts", (("kind", "VARCHAR"), ("source", "VARCHAR"), ("target", "VARCHAR"), ("what", "VARCHAR")),
           ("n_asserted", "n_denied"), _facts),
    # the labels page's usage table and an outlet's labels (issue 17): term x outlet x actor
    Rollup("rollup_labels", (("outlet", "VARCHAR"), ("target", "VARCHAR"), ("lterm", "VARCHAR")),
           ("n", "n_articles"), _labels, mins=(("term", "VARCHAR"), ("example", "VARCHAR")), narrow="target"),
    # an outlet's mix of events (the outlets page), by the article's outlet
    Rollup("rollup_outlet_events", (("outlet", "VARCHAR"), ("source", "VARCHAR"), ("target", "VARCHAR"),
                                    ("type", "VARCHAR")), ("n",), _outlet_events),
    # the events' status facet under actor/dyad/type filters (with rollup_dyads, _years, _outlet_events)
    Rollup("rollup_statuses", (("status", "VARCHAR"), ("source", "VARCHAR"), ("target", "VARCHAR"),
                               ("type", "VARCHAR")), ("n",), _statuses),
    # an actor's events per month and type (its chart), read by the actor's code
    Rollup("rollup_actor_months", (("code", "VARCHAR"), ("month", "DATE"), ("type", "VARCHAR")), ("n",),
           _actor_months),
    # an actor page's people (issue 17): spellings and roles, and articles, per actor and person
    Rollup("rollup_person_forms", (("actor", "VARCHAR"), ("pkey", "VARCHAR"), ("name", "VARCHAR"),
                                   ("role", "VARCHAR")), ("n",), _person_forms),
    Rollup("rollup_person_articles", (("actor", "VARCHAR"), ("pkey", "VARCHAR")), ("n_articles",), _person_articles),
    # an actor page's coverage by outlet, by the outlets' reports (add_reports changes these alone)
    Rollup("rollup_report_outlets", (("outlet", "VARCHAR"),), ("n",), _report_outlets, reports=True),
    Rollup("rollup_actor_outlets", (("code", "VARCHAR"), ("outlet", "VARCHAR")),
           ("n_articles", "n_events", "n_quotes"), _actor_outlets, reports=True),
    Rollup("rollup_actor_outlet_items", (("code", "VARCHAR"), ("outlet", "VARCHAR"), ("kind", "VARCHAR"),
                                         ("item", "VARCHAR")), ("n",), _actor_outlet_items, reports=True),
)


def ddl() -> list[str]:
    """CREATE TABLE statements of the rollups (empty until `refresh`)."""
    return [
        f"CREATE TABLE IF NOT EXISTS {r.name} ("
        + ", ".join([f"{k} {t}" for k, t in r.keys] + [f"{c} BIGINT" for c in r.counts]
                    + [f"{c} {t}" for c, t in r.mins] + (["stale BOOLEAN DEFAULT false"] if r.mins else [])) + ")"
        for r in ROLLUPS
    ]


def _live_counts(con: duckdb.DuckDBPyConnection) -> str:
    n_art, n_ev = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchall()[0]
    # the layout is part of the mark, so a powderkeg that adds a rollup rebuilds them all
    return f"{'+'.join(r.name for r in ROLLUPS)}:{n_art}:{n_ev}"


def fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the rollups were last brought up to the store as it is now (else read the live tables)."""
    row = con.execute("SELECT value FROM meta WHERE key = 'rollups'").fetchall()
    return bool(row) and row[0][0] == _live_counts(con)


def _mark(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES ('rollups', ?)", [_live_counts(con)])


@contextlib.contextmanager
def _unlimited(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB's default memory limit on `con` for the block, whatever the writer's (given back after)."""
    # the writer's limit as the store set it (connection.StoreBase._connect), None on another connection
    limit = con.execute("SELECT getvariable('powderkeg_memory_limit')").fetchall()[0][0]
    if limit is not None:
        con.execute("RESET memory_limit")
    try:
        yield
    finally:
        if limit is not None:
            # (a failed statement aborted the transaction: the connection is closed next anyway)
            with contextlib.suppress(duckdb.Error):
                con.execute(f"SET memory_limit = '{limit}'")  # a size checked by connection.memory_limit_setting


def refresh(con: duckdb.DuckDBPyConnection, only: tuple[Rollup, ...] = ROLLUPS) -> None:
    """Rebuild every rollup (or `only` these) from the live tables (inside the caller's transaction, if any).

    Run under DuckDB's default memory limit, whatever the writer's (connection.DEFAULT_MEMORY_LIMIT):
    a rebuild reads every row, and on a 10 M-event store rollup_actors' distinct (actor, article)
    pairs ran out of 256 MB even on one thread (docs/performance.md). A rebuild is rare (a new or
    upgraded file, a bulk loader); the writes of an ingest stay under the writer's limit.
    """
    with _unlimited(con):
        for r in only:
            con.execute(f"DELETE FROM {r.name}")
            # in key order, so the zone maps of the first key (an actor's code) skip the rest of a big rollup
            con.execute(f"INSERT INTO {r.name} ({', '.join(_columns(r))}) SELECT * FROM "
                        f"({r.contribution(lambda alias: 'TRUE')}) ORDER BY 1")
    _mark(con)


def _columns(r: Rollup) -> list[str]:
    """The columns a contribution gives, in order (a rollup with least values also has `stale`)."""
    return [k for k, _ in r.keys] + list(r.counts) + [c for c, _ in r.mins]


def ensure(con: duckdb.DuckDBPyConnection) -> None:
    """Refresh the rollups when they lag the live tables (a new file, an upgrade, a bulk writer)."""
    if fresh(con):
        return
    row = con.execute("SELECT value FROM meta WHERE key = 'rollups'").fetchall()
    names, _, counts = (row[0][0] if row else "").partition(":")
    live_names, _, live_counts = _live_counts(con).partition(":")
    had = set(names.split("+"))
    if row and counts == live_counts:
        # the same store under a newer powderkeg: build only the rollups it added and drop those it retired
        # (minutes saved on a big store)
        for name in had - set(live_names.split("+")):
            if name.startswith("rollup_") and name.isidentifier():
                con.execute(f"DROP TABLE IF EXISTS {name}")
        refresh(con, tuple(r for r in ROLLUPS if r.name not in had))
    else:
        refresh(con)


def apply(con: duckdb.DuckDBPyConnection, article_ids: list[str], sign: int,
          which: tuple[Rollup, ...] = ROLLUPS) -> None:
    """Add (sign 1, after insert) or subtract (sign -1, before delete) these articles' rows from every rollup
    (or those of `which`)."""
    if not article_ids:
        return
    for r in which:
        con.execute(_merge(r, sign), {"ids": article_ids})
        if r.mins and sign > 0:
            _restale(con, r)


def _merge(r: Rollup, sign: int) -> str:
    """One MERGE that folds an article set's contribution into rollup `r` (issue 17: a write batch cheaper).

    Why one statement: an UPDATE of the keys present, an INSERT of the new ones and a DELETE of
    the rows counted down to zero were four statements a rollup (a temporary delta table too),
    ~70 a write; the MERGE does all three in one pass over the delta. A row whose every count
    is zero is dropped (or never inserted), as before, so the tables stay those a rebuild gives.
    """
    same = " AND ".join(f"r.{k} IS NOT DISTINCT FROM d.{k}" for k, _ in r.keys)
    summed = {c: f"r.{c} + ({sign}) * d.{c}" for c in r.counts}
    sets = [f"{c} = {summed[c]}" for c in r.counts]
    if r.mins and sign > 0:
        sets += [f"{c} = least(r.{c}, d.{c})" for c, _ in r.mins]
    elif r.mins:  # the least value may leave with these rows: recomputed after the write
        sets.append("stale = r.stale OR " + " OR ".join(f"d.{c} IS NOT DISTINCT FROM r.{c}" for c, _ in r.mins))
    gone = " AND ".join(f"{summed[c]} = 0" for c in r.counts)
    added = [f"({sign}) * d.{c}" for c in r.counts]
    empty = " AND ".join(f"{a} = 0" for a in added)
    columns = _columns(r) + (["stale"] if r.mins else [])
    values = ["d." + k for k, _ in r.keys] + added + [f"d.{c}" for c, _ in r.mins] + (["false"] if r.mins else [])
    return (f"MERGE INTO {r.name} r USING ({r.contribution(_batch_only)}) d ON {same} "
            f"WHEN MATCHED AND {gone} THEN DELETE "
            f"WHEN MATCHED THEN UPDATE SET {', '.join(sets)} "
            f"WHEN NOT MATCHED AND ({empty}) IS NOT TRUE THEN INSERT ({', '.join(columns)}) "
            f"VALUES ({', '.join(values)})")


def _batch_only(alias: str) -> str:
    """The rows of the articles in the `$ids` parameter."""
    return f"{alias}.article_id IN (SELECT unnest($ids::VARCHAR[]))"


def _restale(con: duckdb.DuckDBPyConnection, r: Rollup) -> None:
    """Recompute the least values of the rows marked stale, from the live rows of their keys only."""
    if not con.execute(f"SELECT count(*) FROM {r.name} WHERE stale").fetchall()[0][0]:
        return
    def only(alias: str) -> str:
        return f"{alias}.{r.narrow} IN (SELECT {r.narrow} FROM {r.name} WHERE stale)"

    same = " AND ".join(f"r.{k} IS NOT DISTINCT FROM x.{k}" for k, _ in r.keys)
    sets = ", ".join(f"{c} = x.{c}" for c, _ in r.mins)
    con.execute(f"UPDATE {r.name} r SET {sets}, stale = false FROM ({r.contribution(only)}) x WHERE r.stale AND {same}")


#: Below this many stored articles an ingest folds its writes into the rollups once, at its end
#: (`Store.rollups_deferred`), instead of at every write. Meanwhile readers find the rollups lagging and
#: read the live rows, which on a store this small answer in milliseconds, not the seconds of a big one.
DEFER_BELOW = 5_000


@dataclass
class Deferred:
    """The articles an ingest wrote whose rows are not in the rollups yet (see DEFER_BELOW).

    While `active`, meta's rollup mark is this run's own `mark` (which never equals live counts, so
    readers read the live rows and a writable open after a crash rebuilds), and the rollups hold
    every stored article's rows except those of `pending`.
    """

    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    pending: dict[str, None] = field(default_factory=dict)  # article ids, in write order
    active: bool = False

    @property
    def mark(self) -> str:
        return f"deferred:{self.token}"

    def saved(self) -> tuple[bool, dict[str, None]]:
        """The state before a write, given back by `restore` when its transaction rolls back."""
        return self.active, dict(self.pending)

    def restore(self, state: tuple[bool, dict[str, None]]) -> None:
        self.active, self.pending = state[0], dict(state[1])


def _is_ours(con: duckdb.DuckDBPyConnection, deferred: Deferred) -> bool:
    row = con.execute("SELECT value FROM meta WHERE key = 'rollups'").fetchall()
    return bool(row) and row[0][0] == deferred.mark


def before_write(con: duckdb.DuckDBPyConnection, stored: list[str], deferred: Deferred | None = None) -> bool:
    """Subtract the rollup rows of the stored articles a write replaces; False when the rollups lag (rebuild
    after). Articles whose rows a deferred run has not added yet have none to subtract."""
    if deferred is not None and deferred.active:
        if _is_ours(con, deferred):
            apply(con, [a for a in stored if a not in deferred.pending], -1)
            return True
        # another writer rebuilt or changed them meanwhile: what they hold is theirs to vouch for
        deferred.active, deferred.pending = False, {}
    if not fresh(con):
        return False
    apply(con, stored, -1)
    return True


def after_write(con: duckdb.DuckDBPyConnection, article_ids: list[str], was_fresh: bool,
                deferred: Deferred | None = None) -> None:
    """Add the rows just written (or rebuild everything when the rollups lagged) and mark them current; in a
    deferred run on a small store, only note the articles (`finish` adds them)."""
    if not was_fresh:
        refresh(con)
        return
    if deferred is not None:
        n_articles = con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
        if n_articles < DEFER_BELOW:
            deferred.pending.update(dict.fromkeys(article_ids))
            deferred.active = True
            con.execute("INSERT OR REPLACE INTO meta VALUES ('rollups', ?)", [deferred.mark])
            return
        if deferred.active:  # the store outgrew DEFER_BELOW: current again from this write on
            deferred.pending.update(dict.fromkeys(article_ids))
            finish(con, deferred)
            return
    apply(con, article_ids, 1)
    _mark(con)


def finish(con: duckdb.DuckDBPyConnection, deferred: Deferred) -> None:
    """Add the rows of a deferred run's articles and mark the rollups current (inside the caller's transaction)."""
    if deferred.active and _is_ours(con, deferred):
        # at most DEFER_BELOW articles and a write on a small store, folded at once: under DuckDB's default
        # limit, as a rebuild, since the writer's own limit is sized for one write
        with _unlimited(con):
            apply(con, list(deferred.pending), 1)
        _mark(con)
    deferred.active, deferred.pending = False, {}


#: The rollups counted by reports: adding a report to a stored article (an exact copy) changes only these.
REPORT_ROLLUPS = tuple(r for r in ROLLUPS if r.reports)


def before_reports(con: duckdb.DuckDBPyConnection, article_ids: list[str]) -> bool:
    """Subtract the report-counted rows of stored articles about to get new reports; False when the rollups lag."""
    if not fresh(con):
        return False
    apply(con, article_ids, -1, REPORT_ROLLUPS)
    return True


def after_reports(con: duckdb.DuckDBPyConnection, article_ids: list[str], was_fresh: bool) -> None:
    """Add those articles' report-counted rows back, with their new reports (the counts marked stay right)."""
    if was_fresh:
        apply(con, article_ids, 1, REPORT_ROLLUPS)

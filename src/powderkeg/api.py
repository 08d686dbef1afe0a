"""The public API: open a knowledge base, ingest articles, query it; or extract without a database.

Thin by design (like httpx's `_api.py`): reading lives in `readers/`, NLP in
`pipeline.py`, SQL in `store/`; this module only wires them together and
owns the one lazily created, per-process `Pipeline`.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import logging
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, TextIO

from powderkeg.errors import PowderkegError, StoreError, WriterMemoryError
from powderkeg.models import (
    ActorRecord,
    ArmsRecord,
    Article,
    ArticleRecord,
    CopyGroup,
    DisputeRecord,
    EventRecord,
    Extraction,
    Failure,
    IncidentCoverage,
    LabelRecord,
    LabelUsage,
    OutletCoverage,
    PersonRecord,
    QueryResult,
    QuoteRecord,
    ReportRecord,
    StoreSummary,
)

if TYPE_CHECKING:
    import pandas as pd

    from powderkeg.deals import Deal
    from powderkeg.filters import ActorMatch
    from powderkeg.incidents import Incident
    from powderkeg.pipeline import Pipeline
    from powderkeg.rows import ArticleRows
    from powderkeg.store import Store

log = logging.getLogger(__name__)

#: Default database file, relative to the working directory.
DEFAULT_DB = "powderkeg.duckdb"
#: Inputs larger than this are refused as failures (a news article is rarely over 1 MB).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
#: Articles whose ids are checked against the store in one query while ingesting.
FRESH_CHUNK = 256
#: The most extractions the writer gathers before one store write. Each write refreshes every rollup with a few
#: statements whatever its size (~0.4 s a write), so fewer, larger writes cost less: a one-process ingest of 200
#: short news leads took 18 s writing every 16, 15 s every 64, 13.4 s every 256. The first write holds one
#: `batch_size`, and each next one twice the last up to this, so readers see the first articles early and a long
#: ingest writes 256 at a time. A crash loses at most one write's articles; re-running redoes only them.
WRITE_EVERY = 256
#: ... or fewer when their texts pass this many characters, so long pages do not pile up in memory.
WRITE_CHARS = 8_000_000

#: Where ingest extracts: in this machine's processes, or on a Dask cluster (powderkeg.cluster).
ENGINES = ("local", "dask")

#: Called as progress(done, total) while ingesting: articles handled so far (extracted or skipped as
#: already stored) out of an estimate made before reading (see readers.estimate_articles).
ProgressCallback = Callable[[int, int], None]

_PIPELINES: dict[tuple[str | None, int], Pipeline] = {}
_PIPELINES_LOCK = threading.Lock()


def get_pipeline(actors: str | Path | None = None, *, batch_size: int = 16) -> Pipeline:
    """The shared Pipeline for these options, created on first use.

    Why cached: building it loads spaCy (seconds, hundreds of MB), so each
    process does it once however many ingests or extracts it runs.
    """
    key = (str(Path(actors).resolve()) if actors is not None else None, batch_size)
    with _PIPELINES_LOCK:
        pipe = _PIPELINES.get(key)
        if pipe is None:
            from powderkeg.pipeline import Pipeline

            log.info("building pipeline (actors=%s, batch_size=%d)", key[0], batch_size)
            pipe = Pipeline(actors=actors, batch_size=batch_size)
            _PIPELINES[key] = pipe
        return pipe


@dataclass(frozen=True)
class IngestReport:
    """What one `ingest` call did."""

    n_read: int  # articles read from the inputs (failures not counted)
    n_new: int  # articles extracted and written this time
    n_skipped_known: int  # already stored (or repeated in the inputs), so not re-extracted
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    n_events: int = 0  # events extracted from the new articles

    @property
    def ok(self) -> bool:
        """True when every input could be read."""
        return not self.failures


def shard_directory(db: Path) -> Path:
    """A new run's shard directory: `<db>.shards/<UTC time>-<pid>/` (a temp directory for an in-memory db)."""
    import os
    import tempfile

    run = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + f"-{os.getpid()}"
    if str(db) == ":memory:":
        return Path(tempfile.gettempdir()) / "powderkeg-memory.shards" / run
    return db.with_name(db.name + ".shards") / run


def _auto_dask_workers() -> int:
    """Workers of a LocalCluster when none is asked for: every core, up to 4 (as a local pool)."""
    from powderkeg import workers as pool

    return pool.auto_workers(None)


def _split(items: Iterable[Article | Failure], failures: list[Failure]) -> Iterator[Article]:
    """Yield the articles, appending each Failure to `failures` as it streams past."""
    for item in items:
        if isinstance(item, Failure):
            log.info("skipped %s", item)
            failures.append(item)
        else:
            yield item


def _as_paths(paths: str | Path | Iterable[str | Path]) -> list[str]:
    if isinstance(paths, str | Path):
        return [str(paths)]
    return [str(p) for p in paths]


class KnowledgeBase:
    """A DuckDB knowledge base of articles, actors, people and events.

    Use `powderkeg.open(...)` to get one; it is a context manager that
    closes the database on exit. Open as long as you like: a writable one opens
    the file per call, a read-only one gives its connection up whenever an ingest
    writes a batch, so other processes read and write meanwhile (issue 14).
    """

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False,
                 actors: str | Path | None = None, busy_timeout: float | None = None) -> None:
        from powderkeg.store import Store

        self.path = Path(path)
        self.read_only = read_only
        self.extra_actors = actors
        self._store: Store = Store(self.path, read_only=read_only, busy_timeout=busy_timeout)
        #: The most articles an ingest writes at once; halved when a write runs out of the writer's memory limit.
        self._write_cap = WRITE_EVERY

    # -- lifecycle -------------------------------------------------------------------------------

    @property
    def store(self) -> Store:
        """The underlying Store, for anything the API does not wrap."""
        return self._store

    def close(self) -> None:
        """Close the database (safe to call twice)."""
        self._store.close()

    def session(self) -> AbstractContextManager[None]:
        """A block whose calls share one connection and see one state of the file (one web request).

        The file is held (read-only: an ingest waits) until the block ends, so keep it short.
        """
        return self._store.session()

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        return f"<KnowledgeBase {str(self.path)!r} {mode}>"

    # -- writing ---------------------------------------------------------------------------------


    def ingest(self, paths: str | Path | Iterable[str | Path], *, progress: ProgressCallback | None = None,
               batch_size: int = 16, max_bytes: int = DEFAULT_MAX_BYTES, force: bool = False,
               wait: bool = False, workers: int | None = None, engine: str = "local",
               scheduler: str | None = None) -> IngestReport:
        """Read `paths` (files, folders, globs, "-" for stdin), extract new articles, store them.

        Articles whose content id is already stored are skipped unless `force`;
        either way re-ingesting the same inputs leaves the database unchanged.
        Each batch of `batch_size` articles is written in one transaction, so an
        interrupted ingest keeps every finished batch. Unreadable inputs are
        stored as failures and returned in the report; they never stop the run.

        The file is opened for writing only while a batch is written, so readers
        (`serve`, queries) see each batch as it lands. One ingest runs at a time
        per database: another one raises StoreError ("busy"), or with `wait`
        waits for it to finish.

        `workers` processes extract in parallel (powderkeg.workers); None picks every core
        for a large corpus and one for a small one. The stored result is the same either way.

        `engine="dask"` extracts on a Dask cluster instead (powderkeg.cluster): a LocalCluster of
        `workers` processes (default: every core, up to 4), or the scheduler at `scheduler`
        ("tcp://host:8786"; then `workers` is how many workers to wait for). Results come back as
        Parquet shards under `<db>.shards/<run>/`, which this process merges; the stored result is
        the same as a local ingest's.
        """
        if engine not in ENGINES:
            raise ValueError(f"unknown ingest engine {engine!r}: choose {' or '.join(ENGINES)}")
        if scheduler is not None and engine != "dask":
            raise ValueError("a scheduler address needs engine='dask'")
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; cannot ingest")
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if str(self.path) == ":memory:":
            return self._ingest(paths, progress, batch_size, max_bytes, force, workers, engine, scheduler)
        from powderkeg.store import IngestLock

        with IngestLock(self.path).held(wait=wait):
            return self._ingest(paths, progress, batch_size, max_bytes, force, workers, engine, scheduler)

    def _ingest(self, paths: str | Path | Iterable[str | Path], progress: ProgressCallback | None,
                batch_size: int, max_bytes: int, force: bool, workers: int | None = None,
                engine: str = "local", scheduler: str | None = None) -> IngestReport:
        from powderkeg.readers import estimate_articles, iter_inputs

        start = time.perf_counter()
        inputs = _as_paths(paths)
        total = estimate_articles(inputs) or 0
        failures: list[Failure] = []
        counts = {"read": 0, "skipped": 0}
        articles = _split(iter_inputs(inputs, max_bytes=max_bytes), failures)
        copies_seen: list[Article] = []
        todo = self._fresh(articles, counts, force=force, copies=copies_seen)

        if progress is not None:
            progress(0, total)
        with self._store.rollups_deferred():  # on a small store, once at the end rather than at each write
            if engine == "dask":
                n_done, n_events = self._ingest_dask(todo, failures, counts, total, progress, batch_size,
                                                     workers, scheduler)
            else:
                n_done, n_events = self._ingest_local(todo, failures, counts, total, progress, batch_size,
                                                      workers)
        if copies_seen:  # exact copies: no parse, but their outlet, title and URL are reports too
            added = self._store.add_reports(copies_seen)
            log.info("%d exact copies read, %d new reports recorded", len(copies_seen), added)
        log.info("read %d articles (%d extracted, %d skipped), %d failures",
                 counts["read"], n_done, counts["skipped"], len(failures))
        if progress is not None:
            progress(counts["read"], counts["read"])
        return IngestReport(n_read=counts["read"], n_new=n_done, n_skipped_known=counts["skipped"],
                            failures=failures, seconds=time.perf_counter() - start, n_events=n_events)

    def _ingest_local(self, todo: Iterable[Article], failures: list[Failure], counts: dict[str, int], total: int,
                      progress: ProgressCallback | None, batch_size: int, workers: int | None) -> tuple[int, int]:
        """Extract `todo` in this machine's processes, writing batch by batch with the read `failures`
        seen so far; returns (articles stored, events extracted)."""
        from powderkeg import workers as pool

        written_failures = n_done = n_events = 0
        n_workers = pool.auto_workers(total) if workers is None else workers
        batch: list[ArticleRows] = []
        chars, size = 0, batch_size
        # the workers send each extraction as the store's rows, built beside it (powderkeg.rows)
        for rows in pool.run_rows(todo, workers=n_workers, actors=self.extra_actors, batch_size=batch_size):
            batch.append(rows)
            chars += len(rows.article.text)
            if len(batch) >= size or chars >= WRITE_CHARS:
                n_events += self._write(batch, failures[written_failures:])
                written_failures = len(failures)
                n_done += len(batch)
                batch, chars = [], 0
                size = min(self._write_cap, max(batch_size, min(2 * size, WRITE_EVERY)))
            if progress is not None and (n_done + len(batch)) % batch_size == 0:  # extracted, written or not
                progress(n_done + len(batch) + counts["skipped"], max(total, counts["read"]))
        if batch or len(failures) > written_failures:
            n_events += self._write(batch, failures[written_failures:])
            n_done += len(batch)
        return n_done, n_events

    def _ingest_dask(self, todo: Iterable[Article], failures: list[Failure], counts: dict[str, int], total: int,
                     progress: ProgressCallback | None, batch_size: int, workers: int | None,
                     scheduler: str | None) -> tuple[int, int]:
        """Extract `todo` on a Dask cluster into Parquet shards, merging each part into the file as soon
        as the parts before it are in (input order, one writer: this process), then record `failures`
        and those of failed batches; returns (articles stored, events extracted)."""
        from powderkeg import cluster
        from powderkeg.store.shards import shard_path

        actors = cluster.ActorsFile.read(self.extra_actors)
        directory = shard_directory(self.path)
        merged = n_events = 0
        pending = iter(todo)
        first = next(pending, None)  # nothing new (a re-ingest): no cluster to start
        if first is None:
            if failures:
                self._store.write_batch([], failures)
            return 0, 0
        todo = itertools.chain([first], pending)
        with cluster.connect(scheduler, workers if workers is not None or scheduler else _auto_dask_workers()) \
                as client:
            cluster.prepare(client, actors=actors, batch_size=batch_size)
            arrived: set[int] = set()
            written: set[int] = set()
            next_part = 0
            for result in cluster.run(client, todo, actors=actors, batch_size=batch_size):
                arrived.add(result.part)
                if isinstance(result, cluster.PartFailed):
                    failures.extend(result.failures)
                else:
                    directory.mkdir(parents=True, exist_ok=True)
                    for table, data in result.tables.items():
                        shard_path(directory, table, result.part).write_bytes(data)
                    written.add(result.part)
                    n_events += result.n_events
                # merge, in input order, every part whose predecessors are all in, while the workers go on
                ready = []
                while next_part in arrived:
                    if next_part in written:
                        ready.append(next_part)
                    next_part += 1
                if ready:
                    merged += self._store.merge_shards(directory, parts=ready)
                    if progress is not None:
                        progress(merged + counts["skipped"], max(total, counts["read"]))
        log.info("dask: %d articles extracted into %s", merged, directory)
        if failures:
            self._store.write_batch([], failures)
        return merged, n_events

    def _fresh(self, articles: Iterable[Article], counts: dict[str, int], *, force: bool,
               copies: list[Article] | None = None) -> Iterator[Article]:
        """The articles not stored yet and not repeated in the inputs, streamed in chunks.

        Only ids are kept, so memory does not grow with the text of the corpus; the skipped
        ones go to `copies` without their text, to be recorded as reports of the stored article.
        """
        seen: set[str] = set()
        it = iter(articles)
        while chunk := list(islice(it, FRESH_CHUNK)):
            counts["read"] += len(chunk)
            known = set() if force else self._store.known_ids(a.id for a in chunk)
            for art in chunk:
                if art.id in seen or art.id in known:
                    counts["skipped"] += 1
                    if copies is not None:
                        copies.append(dataclasses.replace(art, text=""))
                    continue
                seen.add(art.id)
                yield art

    def _write(self, batch: list[ArticleRows], failures: list[Failure]) -> int:
        """Store a batch; returns its events. A batch that runs out of the writer's memory limit (a big
        store loads its indexes for every article written) is rolled back and written again in halves,
        and the ingest's later writes stay at the size that fit."""
        try:
            self._store.write_rows(batch, failures)
        except WriterMemoryError:
            if len(batch) <= 1:
                raise
            half = len(batch) // 2
            self._write_cap = min(self._write_cap, half)
            log.warning("a write of %d articles ran out of the writer's memory limit (%s): writing it "
                        "again in parts of at most %d", len(batch), self._store.memory_limit, half)
            return self._write(batch[:half], failures) + self._write(batch[half:], [])
        return sum(r.n_events for r in batch)

    # -- reading ---------------------------------------------------------------------------------

    def resolve_actor(self, text: str, *, option: str = "actor") -> ActorMatch:
        """The actor code `text` stands for: a code ("XKX"), a name or an alias ("Kosovo", "united
        states", "Priština"), through the gazetteer, case- and accent-blind; codes only this knowledge
        base holds are accepted too. FilterError (naming `option`, suggesting the nearest codes and
        names) when nothing matches, so a misspelt actor is never a silently empty result."""
        from powderkeg.filters import ActorResolver

        resolver = ActorResolver(extra_gazetteer=self.extra_actors)
        return resolver.resolve(text, option=option, extra_codes=(a.code for a in self._store.actors()))

    def resolve_dyad(self, text: str, *, option: str = "dyad") -> tuple[ActorMatch, ActorMatch]:
        """Two actors written "SRB-XKX", "Serbia,Kosovo" or "Serbia-Kosovo" (see resolve_actor)."""
        from powderkeg.filters import ActorResolver, parse_dyad

        resolver = ActorResolver(extra_gazetteer=self.extra_actors)
        return parse_dyad(text, resolver, option=option, extra_codes=(a.code for a in self._store.actors()))

    def count(self, what: str, /, **filters: Any) -> int:
        """How many events, arms, quotes, labels or articles match the filters their listing takes."""
        return self._store.count(what, **_clean(filters))

    def count_undated(self, what: str, /, **filters: Any) -> int:
        """How many `what` items (events, arms, quotes, labels, articles) the since/until of `filters`
        leaves out because their article has no date: what a view must say it did not show.
        Pass undated="include" to keep them in a listing, undated="only" to list only them."""
        return self._store.count_undated(what, **_clean(filters))

    def events(self, **filters: Any) -> list[EventRecord]:
        """Stored events (EventRecord), filtered by actor=, source=, target=, type=, status=, outlet=,
        since=, until=, undated=, article_id=, text=, limit=, offset= (see Store.events)."""
        return self._store.events(**_clean(filters))

    def count_events(self, **filters: Any) -> int:
        """How many stored events match the filters `events` takes (limit/offset/sort aside)."""
        filters = _clean(filters)
        for key in ("limit", "offset", "sort", "descending"):
            filters.pop(key, None)
        return self._store.count_events(**filters)

    def event_timeline(self, *, actor: str | None = None, outlet: str | None = None) -> list[tuple[str, str, int]]:
        """Events per (month, PLOVER type), optionally for one actor or outlet: what the charts plot."""
        return self._store.event_timeline(actor=actor, outlet=outlet)

    def event_counts(self, *, actor: str | None = None, outlet: str | None = None) -> list[tuple[str, int]]:
        """Events per PLOVER type, optionally only those `actor` is party to, in `outlet`'s articles."""
        return self._store.event_counts(actor=actor, outlet=outlet)

    def dyads(self, actor: str) -> list[tuple[str, str, str, int]]:
        """(source, target, type, n) for the events `actor` is party to: who it acts on, who acts on it."""
        return self._store.dyads(actor)

    def outlets(self) -> list[tuple[str, int, int]]:
        """(outlet, articles, events) per named outlet."""
        return self._store.outlets()

    def events_df(self, **filters: Any) -> pd.DataFrame:
        """`events(**filters)` as a pandas DataFrame (one row per event)."""
        import pandas as pd

        records = self.events(**filters)
        if records:
            return pd.DataFrame([dataclasses.asdict(r) for r in records])
        return pd.DataFrame(columns=[f.name for f in dataclasses.fields(EventRecord)])

    def arms(self, **filters: Any) -> list[ArmsRecord]:
        """The arms register (ArmsRecord), filtered by supplier=, recipient=, actor=, system=, status=,
        outlet=, since=, until=, article_id=, limit=, offset= (see Store.arms)."""
        return self._store.arms(**_clean(filters))

    def quotes(self, **filters: Any) -> list[QuoteRecord]:
        """Who said what (QuoteRecord), filtered by speaker=, actor=, contains=, kind=, outlet=, since=,
        until=, article_id=, limit=, offset= (see Store.quotes)."""
        return self._store.quotes(**_clean(filters))

    def labels(self, **filters: Any) -> list[LabelRecord]:
        """Each use of a framing label (LabelRecord), filtered by target=, term=, outlet=, since=, until=,
        article_id=, limit=, offset=."""
        return self._store.labels(**_clean(filters))

    def label_usage(self, *, target: str | None = None, outlet: str | None = None,
                    top: int | None = None) -> list[LabelUsage]:
        """Per outlet, which labels it applies to which actor, and how often; `top` keeps the most used
        rows only (all by default)."""
        return self._store.label_usage(target=target, outlet=outlet, top=top)

    def disputes(self, *, actor: str | None = None, kind: str | None = None, limit: int | None = None,
                  offset: int = 0, stances: int | None = None) -> list[DisputeRecord]:
        """Facts one party asserts and another denies, with both sides' evidence and outlets;
        `limit`/`offset` page through the facts; `stances` keeps the first that many stances per side
        (all by default; `n_asserted`/`n_denied` count them all)."""
        return self._store.disputes(actor=actor, kind=kind, limit=limit, offset=offset, stances=stances)

    def count_disputes(self, *, actor: str | None = None, kind: str | None = None) -> int:
        """How many facts `disputes` lists without a limit."""
        return self._store.count_disputes(actor=actor, kind=kind)

    # -- one story, many reports (issue 16) -------------------------------------------------------

    def copy_groups(self, *, max_reports: int | None = None) -> list[CopyGroup]:
        """Reports that are copies of one text: an exact copy (one article under several outlets,
        titles or URLs) or near copies (found at ingest: candidates from the MinHash band join, each
        checked exactly), joined transitively. Only groups of two or more reports; the origin
        (earliest) first.

        `max_reports` builds them from the articles of only the newest that many reports (the web's
        bound on a big store), with their near-copy pairs and all their reports: a group whose other
        members lie only among older articles may then be missing or partial."""
        from powderkeg import copies

        with self._store.session():
            if max_reports is None or self._store.count_reports() <= max_reports:
                pairs = self._store.copy_pairs()
                reports = self._store.reports()
            else:
                ids = self._store.newest_report_articles(max_reports)
                pairs = self._store.copy_pairs(ids)
                paired = sorted({a for p in pairs for a in p})
                reports = self._store.grouped_reports(sorted({*ids, *paired}), paired)
        root = copies.groups(pairs)
        members: dict[str, list[ReportRecord]] = {}
        for r in reports:  # earliest first, so a group's first report is its origin
            members.setdefault(root.get(r.article_id, r.article_id), []).append(r)
        out = [CopyGroup(group=rs[0].article_id, reports=tuple(rs), wire=next((r.wire for r in rs if r.wire), None))
               for rs in members.values() if len(rs) > 1]
        return sorted(out, key=lambda g: (g.reports[0].published or "9999", g.group))

    def copy_group_of(self) -> dict[str, str]:
        """Each article with near copies -> the id of its copy group's origin (the earliest report's
        article); articles missing here have none. Only the stored pairs and the reports of their
        articles are read, not every report (incidents and deals ask on each request)."""
        from powderkeg import copies

        with self._store.session():
            root = copies.groups(self._store.copy_pairs())
            reports = self._store.reports(root)  # earliest first
        origin: dict[str, str] = {}
        for r in reports:
            origin.setdefault(root[r.article_id], r.article_id)
        return {aid: origin.get(group, group) for aid, group in root.items()}

    def incidents(self, *, window: int = 3, max_events: int | None = None, **filters: Any) -> list[Incident]:
        """Events from different articles that report one act, merged (powderkeg.incidents):
        filtered like `events` (actor=, source=, target=, dyad=, type=, status=, outlet=, since=,
        until=); each incident lists its reports and counts its independent sources.

        `max_events` builds them from only the newest that many matching events (the web pages'
        bound on a large knowledge base: older reports are then left out)."""
        from powderkeg import incidents

        for key in ("limit", "offset", "sort", "descending"):
            filters.pop(key, None)
        with self._store.session():
            if max_events is None:
                events = self._store.events(**_clean(filters))
            else:
                events = self._store.events(limit=max_events, sort="published", descending=True,
                                            **_clean(filters))[::-1]
            group = self.copy_group_of()
        reports = [incidents.Report(event_id=e.id, article_id=e.article_id, source=e.source, target=e.target,
                                    type=e.type, negated=e.negated, status=e.status, evidence=e.evidence,
                                    date=e.date, published=e.published, outlet=e.outlet,
                                    copy_group=group.get(e.article_id), attributed_to=e.attributed_to,
                                    disputed_by=e.disputed_by) for e in events]
        return incidents.build(reports, window=window)

    def incident_coverage(self, incident: Incident) -> list[IncidentCoverage]:
        """How each outlet covered `incident`: the outlets that reported it (exact copies under another
        outlet included) with their articles, statuses, the labels they applied to its parties there and
        whose quotes they carried; then the outlets that named a party elsewhere but did not report it."""
        parties = {incident.source, incident.target}
        statuses: dict[str, Counter[str]] = {}
        for r in incident.reports:
            statuses.setdefault(r.article_id, Counter())[r.status] += 1
        with self._store.session():
            voices = self._store.report_voices(incident.articles, parties)
            elsewhere = self._store.party_outlets(parties)
        out = []
        for outlet, ids, terms, who in voices:
            total: Counter[str] = Counter()
            for aid in ids:
                total.update(statuses.get(aid, Counter()))
            out.append(IncidentCoverage(outlet=outlet, reported=True, articles=tuple(ids), statuses=dict(total),
                                        labels=tuple(terms), speakers=tuple(who)))
        reporting = {c.outlet for c in out}
        out.extend(IncidentCoverage(outlet=o, reported=False, articles=(), statuses={}, labels=tuple(used),
                                    speakers=(), other_articles=n) for o, n, used in elsewhere if o not in reporting)
        return out

    def deals(self, *, max_records: int | None = None, **filters: Any) -> list[Deal]:
        """Arms records of one deal across reports, with its steps (powderkeg.deals); filtered like
        `arms` (supplier=, recipient=, actor=, system=, status=, outlet=, since=, until=).
        `max_records` builds them from only the newest that many records (the web's bound)."""
        from powderkeg import deals

        for key in ("limit", "offset"):
            filters.pop(key, None)
        with self._store.session():
            if max_records is None:
                records = self._store.arms(**_clean(filters))
            else:
                records = self._store.arms(limit=max_records, newest_first=True, **_clean(filters))[::-1]
            group = self.copy_group_of()
        return deals.build(deals.ArmsReport(
            article_id=a.article_id, supplier=a.supplier, recipient=a.recipient, system=a.system, status=a.status,
            evidence=a.evidence, published=a.published, outlet=a.outlet, quantity=a.quantity, value_usd=a.value_usd,
            copy_group=group.get(a.article_id)) for a in records)

    def coverage(self, actor: str, *, incidents: bool = True, max_articles: int | None = None
                 ) -> list[OutletCoverage]:
        """How each outlet covers `actor`: articles, events and incidents it carried, the labels it
        applied, whose quotes it ran; outlets that carried nothing on the actor come last, with zeros.
        `incidents=False` leaves the incident counts out (None): building every incident of an
        actor is the slow part, too slow for a page on a large knowledge base. `max_articles` counts
        only in the newest that many articles naming the actor (the web page's bound)."""
        code = actor.upper()
        with self._store.session():
            rows = self._store.outlet_coverage(code, max_articles=max_articles)
            found = self.incidents(actor=code) if incidents else []
        return _outlet_coverage(rows, found, incidents)

    def actor_view(self, actor: str, *, max_articles: int) -> tuple[list[PersonRecord], list[OutletCoverage]]:
        """An actor page's people and per-outlet coverage (no incident counts), both counted in the newest
        `max_articles` articles naming `actor`: those are found once for both (0.1-0.6 s on a big store)."""
        code = actor.upper()
        with self._store.session():
            named = self._store.newest_articles_naming(code, max_articles)
            people = self._store.people(actor=code, articles=named[0])
            rows = self._store.outlet_coverage(code, named=named)
        return people, _outlet_coverage(rows, [], False)

    def frame(self, records: Sequence[Any]) -> pd.DataFrame:
        """Any list of records returned here as a pandas DataFrame (one row per record)."""
        import pandas as pd

        return pd.DataFrame([dataclasses.asdict(r) for r in records])

    def actors(self, code: str | None = None) -> list[ActorRecord]:
        """Every actor code seen (or only `code`), with mention, article and event counts."""
        return self._store.actors(code)

    def people(self, *, actor: str | None = None, max_articles: int | None = None) -> list[PersonRecord]:
        """Named people, optionally only those acting for `actor`; `max_articles` (with `actor`) counts only
        in the newest that many articles naming the actor (the web page's bound)."""
        if actor and max_articles is not None:
            with self._store.session():
                ids, _ = self._store.newest_articles_naming(actor, max_articles)
                return self._store.people(actor=actor, articles=ids)
        return self._store.people(actor=actor)

    def articles(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                 text: str | None = None, limit: int | None = None, offset: int = 0,
                 newest_first: bool = False, undated: str | None = None) -> list[ArticleRecord]:
        """Stored articles' metadata (text is fetched with `article_text`); `text` searches title and body;
        `outlet` matches part of the outlet's name in any case."""
        return self._store.articles(outlet=outlet, since=since, until=until, text=text, limit=limit,
                                    offset=offset, newest_first=newest_first, undated=undated)

    def article(self, article_id: str) -> ArticleRecord:
        """One article by id, its input's own id, or a unique id prefix; StoreError if none matches."""
        record = self._store.article(article_id)
        if record is None:
            raise StoreError(f"no article with id {article_id!r} in {self.path}")
        return record

    def article_text(self, article_id: str) -> str:
        """The full text of one article (the text event offsets point into)."""
        text = self._store.article_text(article_id)
        if text is None:
            raise StoreError(f"no article with id {article_id!r} in {self.path}")
        return text

    def extraction(self, article_id: str) -> Extraction:
        """Everything stored for one article (text, mentions, people, events, arms, quotes, labels)."""
        found = self._store.extraction(article_id)
        if found is None:
            raise StoreError(f"no article with id {article_id!r} in {self.path}")
        return found

    def failures(self) -> list[Failure]:
        """Inputs that could not be read, as recorded by past ingests."""
        return self._store.failures()

    def sql(self, query: str, *, limit: int | None = None, timeout: float | None = None,
            max_bytes: int | None = None, max_cell: int | None = None,
            memory_limit_mb: int | None = None) -> QueryResult:
        """Run a read-only SQL query; returns QueryResult(columns, rows).

        Raises ReadOnlyQueryError for statements that could change the database,
        and StoreError when `timeout` seconds pass before it finishes. `max_bytes`,
        `max_cell` and `memory_limit_mb` bound what it may cost (see Store.sql);
        `truncated_by` on the result names each limit that cut it.
        """
        caps: dict[str, Any] = {"timeout": timeout, "max_bytes": max_bytes, "max_cell": max_cell,
                                "memory_limit_mb": memory_limit_mb}
        if limit is None:
            return self._store.sql(query, **caps)
        return self._store.sql(query, limit=limit, **caps)

    def dataframe(self, table_or_query: str) -> pd.DataFrame:
        """A table name or a read-only SELECT as a pandas DataFrame."""
        return self._store.dataframe(table_or_query)

    def export(self, directory: str | Path, *, fmt: str = "parquet") -> list[Path]:
        """Write every table to `directory` as parquet or csv; returns the files written."""
        return self._store.export(Path(directory), fmt=fmt)

    def summary(self) -> StoreSummary:
        """Headline counts: articles, events, actors, people, events by type, top dyads, failures."""
        return self._store.summary()


def _clean(filters: dict[str, Any]) -> dict[str, Any]:
    """Drop filters left at None so the store's own defaults apply."""
    return {k: v for k, v in filters.items() if v is not None}


def _outlet_coverage(rows: list[tuple[str, int, int, list[str], int, list[str]]], found: list[Incident],
                     incidents: bool) -> list[OutletCoverage]:
    """The store's per-outlet coverage rows as records, with the incidents of `found` counted per outlet."""
    per_outlet: dict[str, int] = {}
    for incident in found:
        for outlet in incident.outlets:
            per_outlet[outlet] = per_outlet.get(outlet, 0) + 1
    return [OutletCoverage(outlet=o, articles=a, events=e,
                           incidents=per_outlet.get(o, 0) if incidents else None, labels=tuple(terms),
                           quotes=q, speakers=tuple(who)) for o, a, e, terms, q, who in rows]


def open(path: str | Path = DEFAULT_DB, *, read_only: bool = False,
         actors: str | Path | None = None, busy_timeout: float | None = None) -> KnowledgeBase:
    """Open (or create) a knowledge base at `path`.

    `actors` is an extra gazetteer CSV (code,alias,...) used when ingesting.
    Opening is cheap: spaCy is only loaded when something is ingested.
    `busy_timeout` is how many seconds a call waits while another process holds
    the file in the conflicting mode (default 5 s for readers, or
    $POWDERKEG_BUSY_TIMEOUT; 60 s for writers).
    """
    return KnowledgeBase(path, read_only=read_only, actors=actors, busy_timeout=busy_timeout)


def demo_corpus() -> list[Path]:
    """The bundled demo corpus (src/powderkeg/demo): its format folders and files, minus its README."""
    from importlib.resources import files

    root = Path(str(files("powderkeg").joinpath("demo")))
    entries = sorted(p for p in root.iterdir() if not p.name.startswith((".", "README", "_")))
    if not entries:
        raise PowderkegError(f"{root}: the bundled demo corpus is missing (reinstall powderkeg)")
    return entries


def _article_from_text(text: str) -> Article:
    from powderkeg.readers.common import article_id

    return Article(id=article_id(text), text=text, fmt="text")


def extract(articles: Iterable[Article | str], *, actors: str | Path | None = None,
            batch_size: int = 16) -> Iterator[Extraction]:
    """Extract actors, people and events from articles, no database needed (streaming).

    Plain strings are accepted too and treated as article texts.
    """
    items = (a if isinstance(a, Article) else _article_from_text(a) for a in articles)
    extractions: Iterator[Extraction] = get_pipeline(actors, batch_size=batch_size).run(items)
    return extractions


def extract_jsonl(in_path: str | Path, out_path: str | Path, *, actors: str | Path | None = None,
                  batch_size: int = 16, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[int, list[Failure]]:
    """Read a JSONL of articles (SCHEMA.md input), write one extraction line per article.

    Returns (lines written, failures). Bad input lines are skipped and
    returned as failures; "-" reads stdin / writes stdout.
    """
    from powderkeg.readers import iter_inputs

    failures: list[Failure] = []
    articles = _split(iter_inputs(_as_paths(in_path), max_bytes=max_bytes), failures)
    out = str(out_path)
    n = 0
    if out == "-":
        n = _write_contract(extract(articles, actors=actors, batch_size=batch_size), sys.stdout)
        sys.stdout.flush()
    else:
        target = Path(out)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        with tmp.open("w", encoding="utf-8") as fh:
            n = _write_contract(extract(articles, actors=actors, batch_size=batch_size), fh)
        tmp.replace(target)
    return n, failures


def _write_contract(extractions: Iterable[Extraction], fh: TextIO) -> int:
    n = 0
    for extraction in extractions:
        fh.write(json.dumps(extraction.to_contract(), ensure_ascii=False) + "\n")
        n += 1
    return n


__all__ = [
    "DEFAULT_DB",
    "DEFAULT_MAX_BYTES",
    "IngestReport",
    "KnowledgeBase",
    "demo_corpus",
    "extract",
    "extract_jsonl",
    "get_pipeline",
    "open",
]

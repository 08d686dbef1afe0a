"""Extraction on a Dask cluster (`ingest --engine dask`): more cores than one machine has.

Why this shape: the client reads the inputs and ships article texts inside the tasks, so
workers need powderkeg installed but no access to the input files; a task is a coarse batch
(BATCHES_PER_TASK parse batches) run through the same `Pipeline.run` a local ingest uses, with the
pipeline built once per worker process (`LoadPipeline`, a worker plugin, fills the same
per-process cache `get_pipeline` keeps; nothing heavy is pickled with a task). A task sends its
batch back as Parquet bytes per table (store.shard_tables), which the client writes under
`<db>.shards/<run>/`; no shared filesystem is needed in either direction. One writer then merges
the shards (Store.merge_shards). A task that raises costs only its batch: each of its articles
becomes a Failure naming its input, and the other batches go on.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from distributed.diagnostics.plugin import WorkerPlugin

from powderkeg.errors import PowderkegError
from powderkeg.models import Article, Failure

if TYPE_CHECKING:
    from distributed import Client

log = logging.getLogger(__name__)

#: Articles per task, in parse batches: tens of articles (32 at the default batch size of 16), so a task
#: is seconds of parsing and the scheduler's overhead is noise.
BATCHES_PER_TASK = 2
#: Seconds to wait for a scheduler to answer (a running one answers at once).
CONNECT_TIMEOUT = 20.0
#: Seconds to wait for `workers` workers to join a scheduler (each loads spaCy as it joins).
JOIN_TIMEOUT = 120.0
#: Single-article formats: their input path names the article; others also need the article's id.
_ONE_ARTICLE_FORMATS = frozenset({"text", "markdown", "html"})


@dataclass(frozen=True)
class ActorsFile:
    """An extra gazetteer shipped by content, since a worker may not see the client's files."""

    name: str
    content: bytes

    @classmethod
    def read(cls, path: str | Path | None) -> ActorsFile | None:
        if path is None:
            return None
        try:
            return cls(Path(path).name, Path(path).read_bytes())
        except OSError as exc:
            raise PowderkegError(f"--actors {path}: cannot read it ({exc.strerror or exc})") from exc

    def local_path(self) -> Path:
        """The file on this machine (written once per content into the temp directory)."""
        digest = hashlib.sha1(self.content).hexdigest()[:16]
        target = Path(tempfile.gettempdir()) / f"powderkeg-actors-{digest}-{self.name}"
        if not target.exists():
            partial = target.with_name(target.name + f".{digest}.part")
            partial.write_bytes(self.content)
            partial.replace(target)
        return target


@dataclass(frozen=True)
class Shard:
    """What a task sends back: one batch as Parquet bytes per table."""

    part: int
    tables: dict[str, bytes]
    n_articles: int
    n_events: int


@dataclass(frozen=True)
class PartFailed:
    """A task that raised: its batch is lost (as Failures), the run goes on."""

    part: int
    failures: list[Failure]


def _pipeline(actors: ActorsFile | None, batch_size: int) -> Any:
    from powderkeg.api import get_pipeline

    return get_pipeline(actors.local_path() if actors is not None else None, batch_size=batch_size)


class LoadPipeline(WorkerPlugin):
    """Builds the pipeline (and loads spaCy) once in each worker process, when it joins."""

    name = "powderkeg-pipeline"

    def __init__(self, actors: ActorsFile | None, batch_size: int) -> None:
        self.actors = actors
        self.batch_size = batch_size

    def setup(self, worker: Any) -> None:
        from powderkeg import nlp

        _pipeline(self.actors, self.batch_size)
        nlp.load()


def extract_part(part: int, articles: list[Article], actors: ActorsFile | None, batch_size: int) -> Shard:
    """The task: extract one batch with the local ingest's pipeline, return it as Parquet shards."""
    from powderkeg.store.shards import shard_tables

    extractions = list(_pipeline(actors, batch_size).run(articles))
    return Shard(part=part, tables=shard_tables(extractions), n_articles=len(extractions),
                 n_events=sum(len(x.events) for x in extractions))


def failure_of(article: Article, reason: str) -> Failure:
    """A Failure for an article whose batch failed: its input's path (so the next successful read of
    that input supersedes it, as for a read failure), and the article too when the input holds several."""
    if article.fmt in _ONE_ARTICLE_FORMATS and article.source_path:
        return Failure(article.source_path, reason)
    return Failure(article.source_path or "-", f"article {article.external_id or article.id[:12]}: {reason}")


@contextmanager
def connect(scheduler: str | None, workers: int | None) -> Iterator[Client]:
    """A client of the scheduler at `scheduler` (waiting for `workers` workers if given), or of a
    new LocalCluster of `workers` processes with one thread each (spaCy uses one core per process)."""
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)  # type: ignore[no-untyped-call]
        except (OSError, TimeoutError, ValueError) as exc:  # refused, silent, or not an address
            raise PowderkegError(f"--scheduler {scheduler}: cannot reach a Dask scheduler there ({exc})") from exc
        try:
            if workers:
                try:
                    client.wait_for_workers(workers, timeout=JOIN_TIMEOUT)
                except TimeoutError as exc:
                    have = len(client.scheduler_info()["workers"])
                    raise PowderkegError(f"--workers {workers}: only {have} worker(s) joined the scheduler at "
                                         f"{scheduler} within {JOIN_TIMEOUT:.0f} s") from exc
            yield client
        finally:
            client.close()  # type: ignore[no-untyped-call]
        return
    n = workers or 1
    local = LocalCluster(n_workers=n, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                         dashboard_address=":0")
    with local, Client(local) as client:  # type: ignore[no-untyped-call]
        yield client


def n_slots(client: Client) -> int:
    """Threads across the cluster's workers (at least 1)."""
    info = client.scheduler_info()["workers"]
    return max(1, sum(int(w.get("nthreads", 1)) for w in info.values()))


def prepare(client: Client, *, actors: ActorsFile | None, batch_size: int) -> None:
    """Build the pipeline on every worker now (and on any that joins later), not in the first task."""
    try:
        client.register_plugin(LoadPipeline(actors, batch_size))
    except Exception as exc:  # whatever a worker raised while loading (a missing model, a bad --actors file)
        raise PowderkegError(f"the Dask workers could not build the pipeline: {type(exc).__name__}: {exc}") from exc


def run(client: Client, articles: Iterable[Article], *, actors: ActorsFile | None = None,
        batch_size: int = 16) -> Iterator[Shard | PartFailed]:
    """Extract `articles` on the cluster in tasks of BATCHES_PER_TASK parse batches; yields each batch's result as it
    finishes (any order; `part` numbers follow the input order). At most two tasks per worker thread are
    in flight, so the client's memory stays flat however large the corpus."""
    from distributed import as_completed

    slots = 2 * n_slots(client)
    task_articles = BATCHES_PER_TASK * batch_size
    it = iter(articles)
    batches: dict[str, tuple[int, list[Article]]] = {}
    running = as_completed([], with_results=False)  # type: ignore[no-untyped-call]
    part = 0

    def submit() -> bool:
        nonlocal part
        batch = list(islice(it, task_articles))
        if not batch:
            return False
        future = client.submit(extract_part, part, batch, actors, batch_size, pure=False,
                               key=f"powderkeg-part-{part:05d}-{batch[0].id[:12]}")
        batches[str(future.key)] = (part, batch)
        running.add(future)  # type: ignore[no-untyped-call]
        part += 1
        return True

    while len(batches) < slots and submit():
        pass
    for future in running:
        number, batch = batches.pop(str(future.key))
        try:
            result: Shard = future.result()
        except Exception as exc:  # a task's own error, or a worker lost too often (KilledWorker)
            reason = f"extraction failed on a Dask worker ({type(exc).__name__}: {exc})"
            log.error("batch %d (%d articles) failed: %s", number, len(batch), reason)
            yield PartFailed(number, [failure_of(a, reason) for a in batch])
        else:
            yield result
        finally:
            future.release()
        submit()

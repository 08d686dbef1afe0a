"""Extraction on several cores: a pool of worker processes, each with its own pipeline.

Why: the parse is most of an ingest's time and spaCy runs on one core per process, so a
one-process ingest leaves the other cores idle. Workers load the pipeline once (in the
pool's initializer, never pickled with a task), take coarse jobs (a batch of articles), and
send their extractions back, as the store's rows, in input order to the one process that writes the knowledge
base; the result is the same as a one-process run. At most `2 x workers` batches are in
flight, so memory stays flat however large the corpus.
"""

from __future__ import annotations

import gc
import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from multiprocessing import get_context
from pathlib import Path

from powderkeg.models import Article
from powderkeg.rows import ArticleRows, article_rows

log = logging.getLogger(__name__)

#: Below this many articles a pool costs more (each worker loads spaCy) than it saves.
MIN_ARTICLES_FOR_POOL = 48

_worker_options: tuple[str | None, int] | None = None


def auto_workers(n_articles: int | None) -> int:
    """How many processes an ingest of about `n_articles` should use: every core for a large
    corpus (at most 4: the writer and memory set the limit), one for a small one."""
    cores = os.cpu_count() or 1
    if n_articles is not None and n_articles < MIN_ARTICLES_FOR_POOL:
        return 1
    return max(1, min(cores, 4))


def _init(actors: str | None, batch_size: int) -> None:
    global _worker_options
    _worker_options = (actors, batch_size)
    from powderkeg import nlp
    from powderkeg.api import get_pipeline

    get_pipeline(actors, batch_size=batch_size)
    nlp.load()  # load the model now, not in the first job
    # What is loaded now (the model, the lexicons, the gazetteer: ~120 k tracked objects) lives as long as the
    # worker. Frozen, the collector no longer walks it on each full collection: the worker's GC time over 160
    # short leads fell from ~0.27 to ~0.10 CPU s (issue 17). The worker is ours, so nothing else is frozen.
    # Start-up garbage is collected first, so none of it is kept for the worker's life.
    gc.collect()
    gc.freeze()


def _extract_rows(batch: list[Article]) -> list[ArticleRows]:
    from powderkeg.api import get_pipeline

    assert _worker_options is not None, "worker used before its initializer ran"
    actors, batch_size = _worker_options
    return [article_rows(x) for x in get_pipeline(actors, batch_size=batch_size).run(batch)]


def run_rows(articles: Iterable[Article], *, workers: int, actors: str | Path | None = None,
             batch_size: int = 16) -> Iterator[ArticleRows]:
    """Each article's extraction as the store's rows (powderkeg.rows), in input order, computed by `workers`
    processes (1: in this one). The rows are built in the worker that extracted the article: the copy
    fingerprint and the row tuples cost the one writing process nothing (issue 17)."""
    from powderkeg.api import get_pipeline

    if workers <= 1:
        yield from map(article_rows, get_pipeline(actors, batch_size=batch_size).run(articles))
        return
    key = str(Path(actors).resolve()) if actors is not None else None
    # forkserver: the parent may run threads (the store's watcher), which fork would copy half-way
    ctx = get_context("forkserver")
    log.info("extracting with %d worker processes", workers)
    it = iter(articles)
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init,
                             initargs=(key, batch_size)) as pool:
        pending: deque[Future[list[ArticleRows]]] = deque()
        while True:
            while len(pending) < 2 * workers and (batch := list(islice(it, batch_size))):
                pending.append(pool.submit(_extract_rows, batch))
            if not pending:
                return
            yield from pending.popleft().result()

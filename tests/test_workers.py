"""Extraction on several cores (issue 17): the knowledge base is the same as a one-process run."""

from __future__ import annotations

from pathlib import Path

import pytest

import powderkeg
from powderkeg import workers
from powderkeg.api import demo_corpus

#: Every stored table with an order that does not depend on when a row was written.
TABLES = {
    "articles": "SELECT id, external_id, url, outlet, title, published, text, fmt, n_words FROM articles ORDER BY id",
    "events": "SELECT * FROM events ORDER BY id",
    "arms": "SELECT * FROM arms ORDER BY article_id, seq",
    "quotes": "SELECT * FROM quotes ORDER BY article_id, seq",
    "labels": "SELECT * FROM labels ORDER BY article_id, seq",
    "people": "SELECT * FROM people ORDER BY article_id, seq",
    "mentions": "SELECT * FROM mentions ORDER BY article_id, seq",
}


def _dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with powderkeg.open(db, read_only=True) as kb:
        return {name: kb.sql(query, limit=100_000).rows for name, query in TABLES.items()}


@pytest.mark.slow
def test_two_workers_store_exactly_what_one_process_stores(tmp_path: Path) -> None:
    dumps = []
    for n in (1, 2):
        db = tmp_path / f"kb-{n}.duckdb"
        with powderkeg.open(db) as kb:
            report = kb.ingest(demo_corpus(), batch_size=4, workers=n)  # small batches: many jobs
        assert report.n_new == 21 and not report.failures
        dumps.append(_dump(db))
    assert dumps[0]["events"] and dumps[0] == dumps[1]


@pytest.mark.parametrize(("articles", "cores", "expected"), [(10, 2, 1), (47, 8, 1), (48, 2, 2), (5000, 8, 4),
                                                             (None, 2, 2), (5000, 1, 1)])
def test_auto_workers_use_every_core_only_for_a_large_corpus(monkeypatch: pytest.MonkeyPatch, articles: int | None,
                                                             cores: int, expected: int) -> None:
    monkeypatch.setattr(workers.os, "cpu_count", lambda: cores)
    assert workers.auto_workers(articles) == expected


@pytest.mark.slow
def test_one_large_write_stores_what_many_small_writes_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer's writes grow from one batch to WRITE_EVERY extractions (or WRITE_CHARS of text), for fewer rollup
    refreshes: the tables and every rollup are the same whether the 21 demo articles go in six writes, three
    growing ones, or one write each."""
    from powderkeg import api
    from powderkeg.store.rollups import ROLLUPS

    queries = dict(TABLES) | {r.name: f"SELECT * FROM {r.name} ORDER BY ALL" for r in ROLLUPS}
    dumps = []
    for every, chars in ((1, 10**9), (256, 10**9), (256, 2_000)):  # writes of 4; of 4, 8, 9; one per article
        monkeypatch.setattr(api, "WRITE_EVERY", every)
        monkeypatch.setattr(api, "WRITE_CHARS", chars)
        db = tmp_path / f"kb-{every}-{chars}.duckdb"
        with powderkeg.open(db) as kb:
            report = kb.ingest(demo_corpus(), batch_size=4, workers=1)
        assert report.n_new == 21 and not report.failures
        with powderkeg.open(db, read_only=True) as kb:
            dumps.append({name: kb.sql(q, limit=100_000).rows for name, q in queries.items()})
    assert dumps[0]["events"] and dumps[0]["rollup_dyads"] and dumps[0] == dumps[1] == dumps[2]


def test_a_worker_freezes_what_it_loaded_so_the_collector_skips_it() -> None:
    """The pool's initializer loads the pipeline and the model, then moves every object alive to the collector's
    permanent generation (a full collection no longer walks the model and the lexicons). Run here in the test
    process, then undone."""
    import gc

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    try:
        workers._init(None, 16)
        assert workers._worker_options == (None, 16)
        assert gc.get_freeze_count() > 10_000  # the model and the lexicons: ~120 k objects
    finally:
        gc.unfreeze()
        workers._worker_options = None

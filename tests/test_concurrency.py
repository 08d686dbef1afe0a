"""Read while an ingest writes (issue 14), with real processes end to end.

`powderkeg serve` runs on a free port over an empty database; a real `powderkeg
ingest` of 200 short articles (batches of 8) fills it while `/api/summary` is polled
over HTTP and `summary`, `sql` and `events --format json` run from the CLI in a loop,
and a second ingest is started meanwhile. The harness is benchmarks/concurrency.py,
which prints the same run's latencies; here only behaviour is asserted (latencies
are printed, see `pytest -s`).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

import benchmark_module

bench = benchmark_module.load("concurrency")

N_ARTICLES = 200


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> bench.RunResult:
    result: bench.RunResult = bench.run(tmp_path_factory.mktemp("concurrency"), n_articles=N_ARTICLES, batch_size=8)
    print("\n" + bench.report(result))
    return result


@pytest.mark.slow
def test_every_query_answers_while_the_ingest_writes(run: bench.RunResult) -> None:
    errors = [o for o in run.observations if o.error]
    assert errors == []
    during = [o for o in run.observations if o.at < run.ingest_seconds]
    assert {o.via for o in during} == {"http-summary", "cli-summary", "cli-sql", "cli-events"}


@pytest.mark.slow
def test_the_ingest_finishes_and_stores_every_article_once(run: bench.RunResult) -> None:
    assert run.ingest_rc == 0, run.ingest_output
    assert sorted(run.stored_ids) == sorted(run.expected_ids)
    assert len(run.stored_ids) == N_ARTICLES


@pytest.mark.slow
@pytest.mark.parametrize("via", ["http-summary", "cli-summary", "cli-sql", "cli-events"])
def test_counts_never_go_back(run: bench.RunResult, via: str) -> None:
    seen = [o for o in run.by(via) if not o.error]
    articles = [o.n_articles for o in seen if o.n_articles is not None]
    events = [o.n_events for o in seen if o.n_events is not None]
    assert articles == sorted(articles)
    assert events == sorted(events)


@pytest.mark.slow
def test_readers_see_the_batches_appear(run: bench.RunResult) -> None:
    http = [o.n_articles for o in run.by("http-summary") if o.at < run.ingest_seconds]
    partial = {n for n in http if n is not None and 0 < n < N_ARTICLES}
    assert len(partial) >= 2, http  # the open server saw at least two batches land mid-ingest
    after = [o for o in run.observations if o.at >= run.ingest_seconds and o.via in ("cli-summary", "cli-sql")]
    assert after and all(o.n_articles == N_ARTICLES for o in after)


@pytest.mark.slow
def test_a_second_ingest_meanwhile_is_told_busy(run: bench.RunResult) -> None:
    assert run.second_rc == 1
    assert re.search(r"is busy: an ingest \(pid \d+, since \d\d:\d\d\) is writing to it; wait for it to finish, "
                     r"or queue behind it with --wait", " ".join(run.second_output.split())), run.second_output


@pytest.mark.slow
def test_ingest_with_wait_queues_behind_the_running_one(tmp_path: Path) -> None:
    import subprocess

    from powderkeg.store import IngestLock

    db, corpus = tmp_path / "kb.duckdb", tmp_path / "late.jsonl"
    bench.write_corpus(corpus, 3, first=500)
    running = IngestLock(db)
    running.acquire()  # stands for an ingest already running (this process)
    proc = subprocess.Popen([sys.executable, "-m", "powderkeg", "--db", str(db), "ingest", str(corpus), "--wait"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        said = ""
        while not re.search(r"waiting for an ingest \(pid \d+, since \d\d:\d\d\) to finish", " ".join(said.split())):
            line = proc.stderr.readline()
            assert line, said  # it must say that it waits, not exit
            said += line
        assert proc.poll() is None  # still queued
    finally:
        running.release()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "3 new" in " ".join(out.split())

"""Dask scaling: `ingest --engine dask` on 1 worker vs 2 workers, and the merged store vs a local run.

    .venv/bin/python benchmarks/dask_scaling.py [N=192] [--batch-size 16] [--workers 2]

Builds N distinct articles from the bundled demo corpus as benchmarks/throughput.py does
(paragraphs shuffled, a numbered line appended), ingests them once locally (one process)
and then through a LocalCluster of 1 and of `--workers` processes (one thread each). Each
cluster is started and its workers' pipelines built before the clock starts (that start-up is
printed on its own line); the timed part is the whole ingest: reading, the tasks, the Parquet
shards coming back and the one writer's merge (part by part, while the workers go on). It also
prints Dask's task stream: compute seconds per worker, and how many tasks ran at once. Prints the wall times, the scaling efficiency
t1 / (W x tW), the load average of the machine before and after, and checks that every
table's row count and a checksum of the events' key fields equal the local run's.
Not a test: it only prints figures (exit 1 if a store differs).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

import powderkeg
from powderkeg import api, cluster, nlp

sys.path.insert(0, str(Path(__file__).resolve().parent))
from throughput import demo_articles, variants

#: Tables whose row counts must match (written-at times aside, the rows themselves are compared by the tests).
TABLES = ("articles", "reports", "copy_bands", "copy_pairs", "article_actors", "mentions", "people", "events",
          "arms", "quotes", "labels", "failures")
EVENT_KEY = "SELECT id, article_id, source, target, type, negated, status, start, \"end\", date FROM events"


def fingerprint(db: Path) -> tuple[dict[str, int], str]:
    """(rows per table, checksum of the events' key fields in any order)."""
    with powderkeg.open(db, read_only=True) as kb:
        counts = {t: int(kb.sql(f"SELECT count(*) FROM {t}").rows[0][0]) for t in TABLES}
        rows = sorted(repr(r) for r in kb.sql(EVENT_KEY, limit=10_000_000).rows)
    return counts, hashlib.sha256("\n".join(rows).encode()).hexdigest()[:16]


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def dask_run(corpus: Path, db: Path, n_workers: int, batch_size: int) -> tuple[float, float, str]:
    """(start-up seconds, ingest seconds, what the task stream says) on a fresh LocalCluster of
    `n_workers` processes."""
    from distributed import Client, LocalCluster, get_task_stream

    t0 = time.perf_counter()
    with LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True,  # type: ignore[no-untyped-call]
                      dashboard_address=":0") as local, Client(local) as client:  # type: ignore[no-untyped-call]
        cluster.prepare(client, actors=None, batch_size=batch_size)  # every worker loads spaCy now
        startup = time.perf_counter() - t0
        with powderkeg.open(db) as kb, get_task_stream(client) as stream:
            t0 = time.perf_counter()
            report = kb.ingest([corpus], engine="dask", scheduler=local.scheduler_address, batch_size=batch_size)
            seconds = time.perf_counter() - t0
    if report.failures:
        print(f"warning: failures: {[str(f) for f in report.failures][:5]}")
    return startup, seconds, task_summary(stream.data)


def task_summary(tasks: list[dict[str, object]]) -> str:
    """Tasks, their compute seconds per worker, and how much of the tasks' span ran side by side:
    whether the workers really worked at once, whatever the machine's load did to the wall time."""
    busy: dict[str, float] = {}
    spans: list[tuple[float, float]] = []
    for task in tasks:
        for ss in task.get("startstops", ()):  # type: ignore[attr-defined]
            if ss["action"] == "compute":
                busy[str(task["worker"])] = busy.get(str(task["worker"]), 0.0) + ss["stop"] - ss["start"]
                spans.append((ss["start"], ss["stop"]))
    if not spans:
        return "no tasks recorded"
    span = max(b for _, b in spans) - min(a for a, _ in spans)
    per_worker = ", ".join(f"{v:.1f}" for v in sorted(busy.values(), reverse=True))
    return (f"{len(spans)} tasks, compute {sum(busy.values()):.1f} s on the workers ({per_worker}) over "
            f"{span:.1f} s: {sum(busy.values()) / span:.2f} tasks at once on average")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=192, help="number of distinct articles (default 192)")
    ap.add_argument("--batch-size", type=int, default=16, help="articles per parse batch; a task is two batches")
    ap.add_argument("--workers", type=int, default=2, help="workers of the second cluster (default 2)")
    args = ap.parse_args()

    records = variants(demo_articles(), args.n)
    n_words = sum(len(str(r["text"]).split()) for r in records)
    print(f"articles        {len(records)} distinct ({n_words} words); batch size {args.batch_size}, "
          f"{cluster.BATCHES_PER_TASK * args.batch_size} articles per task; {os.cpu_count()} cores")
    print(f"load average    {load()} (1, 5, 15 min) before")
    with tempfile.TemporaryDirectory(prefix="pk-dask-") as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

        local_db = Path(tmp) / "local.duckdb"
        nlp.load()
        api.get_pipeline(batch_size=args.batch_size)
        with powderkeg.open(local_db) as kb:
            t0 = time.perf_counter()
            kb.ingest([corpus], workers=1, batch_size=args.batch_size)
            local_s = time.perf_counter() - t0
        expected = fingerprint(local_db)
        print(f"local, 1 proc   {local_s:6.2f} s (model load before the clock); {expected[0]['events']} events, "
              f"checksum {expected[1]}")

        times: dict[int, float] = {}
        same = True
        for n in (1, args.workers):
            db = Path(tmp) / f"dask-{n}.duckdb"
            startup, seconds, tasks = dask_run(corpus, db, n, args.batch_size)
            times[n] = seconds
            got = fingerprint(db)
            ok = got == expected
            same &= ok
            diff = {t: (c, expected[0][t]) for t, c in got[0].items() if c != expected[0][t]}
            print(f"dask, {n} worker{'s' if n > 1 else ' '} {seconds:6.2f} s = {len(records) / seconds:5.1f} "
                  f"articles/s  (start-up {startup:.2f} s, not counted); store "
                  f"{'equal to local' if ok else f'DIFFERS {diff} checksum {got[1]}'}")
            print(f"                {tasks}")
            shards = db.with_name(db.name + ".shards")
            t0 = time.perf_counter()
            with powderkeg.open(Path(tmp) / f"remerge-{n}.duckdb") as kb:
                kb.store.merge_shards(next(shards.iterdir()))
            print(f"                the merge alone takes {time.perf_counter() - t0:.2f} s (re-merged into an empty "
                  f"file); in the run it overlaps the tasks")
    t1, tw = times[1], times[args.workers]
    print(f"scaling         t1 / ({args.workers} x t{args.workers}) = {t1 / (args.workers * tw):.2f}  "
          f"(speed-up {t1 / tw:.2f}x)")
    print(f"load average    {load()} (1, 5, 15 min) after")
    if not same:
        sys.exit(1)


if __name__ == "__main__":
    main()

"""The store writer alone: CPU seconds and resident memory of writing N distinct articles (issue 17).

    .venv/bin/python benchmarks/write_memory.py [N=25000] [--every 5000] [--db PATH]

An ingest's writer (the main process of `powderkeg ingest --workers 2`) grows with the
store while its workers stay flat (docs/performance.md, "Memory"). This benchmark runs the
writer's part only, without the parse, so a 25,000-article store takes minutes, not an
hour: the demo corpus is ingested once for real, its stored extractions are read back, and
N distinct articles are made of them (each keeps one demo article's extraction and gets a
new id and a text of 3-7 paragraphs drawn from all the demo texts, as benchmarks/memory.py
makes them, so the copy index sees distinct texts). They are written as `ingest` writes:
`Store.write_batch` in writes of 16, 32, 64, ... up to 256 articles, each in its own
session (the file opened and closed per write). Every `--every` articles it prints the
articles written, the CPU seconds of the writes so far, this process's resident memory
now and its peak. The writer's memory limit is the store's (POWDERKEG_MEMORY_LIMIT).
Not a test: it only prints figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from powderkeg.models import Extraction
from powderkeg.store import Store

WRITE_EVERY = 256  # api.WRITE_EVERY


def demo_extractions(tmp: Path) -> list[Extraction]:
    """The demo corpus's stored extractions; ingested by a child process, so this one never loads spaCy."""
    db = tmp / "demo.duckdb"
    subprocess.run([sys.executable, "-m", "powderkeg", "--db", str(db), "ingest", "--demo"], check=True,
                   stdout=subprocess.DEVNULL)
    with Store(db, read_only=True) as store:
        return [x for x in (store.extraction(a.id) for a in store.articles()) if x is not None]


def variant(base: list[Extraction], paragraphs: list[str], i: int, rng: random.Random) -> Extraction:
    x = base[i % len(base)]
    text = "\n\n".join([*rng.sample(paragraphs, rng.randint(3, 7)), f"Item {i} of the writer benchmark."])
    art = dataclasses.replace(x.article, id=hashlib.sha1(text.encode()).hexdigest()[:16], text=text,
                              source_path=f"bench/{i}.txt")
    return dataclasses.replace(x, article=art)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=25_000)
    ap.add_argument("--every", type=int, default=5_000)
    ap.add_argument("--db", type=Path, help="DuckDB file to create (default: a temporary one)")
    args = ap.parse_args()
    me = psutil.Process()
    with tempfile.TemporaryDirectory(prefix="pk-write-") as tmp_name:
        tmp = Path(tmp_name)
        base = demo_extractions(tmp)
        paragraphs = sorted({p for x in base for p in x.article.text.split("\n") if len(p.split()) > 8})
        db = args.db or tmp / "kb.duckdb"
        db.unlink(missing_ok=True)
        rng = random.Random(17)
        store = Store(db)
        print(f"writer memory limit: {getattr(store, 'memory_limit', 'none (DuckDB default)')}; "
              f"{len(base)} base extractions, {len(paragraphs)} paragraphs; RSS at start {me.memory_info().rss >> 20} MiB")
        done, size, cpu, peak_now, mark = 0, 16, 0.0, 0, args.every
        started = time.perf_counter()
        while done < args.n:
            batch = [variant(base, paragraphs, i, rng) for i in range(done, min(args.n, done + size))]
            c0 = time.process_time()
            with store.session():
                store.write_batch(batch)
            cpu += time.process_time() - c0
            done += len(batch)
            size = min(2 * size, WRITE_EVERY)
            peak_now = max(peak_now, me.memory_info().rss)
            if done >= mark or done == args.n:
                mark += args.every
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
                print(f"{done:>7,} articles  write CPU {cpu:7.1f} s  wall {time.perf_counter() - started:7.1f} s  "
                      f"RSS after a write {me.memory_info().rss >> 20:4d} MiB (max {peak_now >> 20})  "
                      f"peak {peak} MiB", flush=True)
        store.close()
        print(f"store: {db.stat().st_size >> 20} MiB")


if __name__ == "__main__":
    main()

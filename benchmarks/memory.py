"""Peak memory of one ingest of many distinct articles (issue 17: under 1.5 GB at 100,000).

    .venv/bin/python benchmarks/memory.py [N=10000] [--workers 2] [--corpus demo|eval]
        [--every 10000] [--db PATH] [--keep] [--prefill ARTICLES]

Writes N distinct articles to a JSONL file on disk (streamed, so the benchmark's own
memory does not grow with N) and ingests them with one `KnowledgeBase.ingest` call into a
fresh DuckDB file, as `powderkeg ingest big.jsonl` would. Each article takes the title of
one base article and 3-7 paragraphs drawn from the paragraphs of all of them, shuffled,
plus a numbered line: distinct texts that are not near-copies of one another (variants of
one base text would make every new article a near-copy candidate of hundreds of others).
The base articles are the bundled demo corpus or, with `--corpus eval`, the short news
leads of ../shared/eval (dev-wide and train groups a-d, read at run time; e-h never read).

A thread samples the resident memory of this process and of its worker processes every
half second. The corpus is written by a child process, and throughput.py and bigstore.py
(spaCy, httpx) are imported only there or when `--prefill` is given, so this process and the
pool's forkserver (which imports this module) hold no spaCy, as `powderkeg ingest`'s do not:
importing it here had added ~80 MiB to the main process and to each worker (issue 17, docs/performance.md
"Memory"). Every `--every` articles it prints the articles done, the elapsed time, the
resident memory now (main process + workers) and the peaks so far; at the end, the peaks
over the whole run: the main process, the largest worker, and the sum over the process
tree (what the machine must hold).

`--prefill M` first fills the store with at least M articles, as benchmarks/bigstore.py
does (the demo corpus ingested for real, then replicated inside DuckDB by
powderkeg.store.bench), and then times the N new articles into it: the memory of
writing into a store that already holds M articles (its copy index holds only the real
demo rows: replicas have none). Not a test: it only prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

import psutil

import powderkeg

sys.path.insert(0, str(Path(__file__).resolve().parent))

MIB = 1024 * 1024


class RssSampler(threading.Thread):
    """Peak resident memory of this process, of its largest child and of the whole tree."""

    def __init__(self, interval: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.interval = interval
        self.me = psutil.Process(os.getpid())
        self.peak_main = self.peak_child = self.peak_tree = 0
        self.now_tree = 0
        self._stop_event = threading.Event()

    def sample(self) -> None:
        main = self.me.memory_info().rss
        kids = []
        for child in self.me.children(recursive=True):
            try:
                kids.append(child.memory_info().rss)
            except psutil.Error:  # a worker that just ended
                continue
        self.now_tree = main + sum(kids)
        self.peak_main = max(self.peak_main, main)
        self.peak_child = max(self.peak_child, max(kids, default=0))
        self.peak_tree = max(self.peak_tree, self.now_tree)

    def run(self) -> None:
        while not self._stop_event.wait(self.interval):
            self.sample()

    def stop(self) -> None:
        self._stop_event.set()
        self.join()
        self.sample()


def sampler_rss() -> int:
    return int(psutil.Process(os.getpid()).memory_info().rss)


def write_corpus(path: Path, n: int, corpus: str, eval_dir: Path, seed: int = 17) -> int:
    """Write `n` distinct articles as JSONL to `path`; returns the number of base articles."""
    from throughput import EVAL_GLOBS, demo_articles, eval_articles  # spaCy: run in a child process

    base = eval_articles(eval_dir, EVAL_GLOBS) if corpus == "eval" else demo_articles()
    paragraphs = [p for a in base for p in a.text.split("\n") if len(p.split()) >= 8]
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            art = base[i % len(base)]
            body = rng.sample(paragraphs, k=min(len(paragraphs), rng.randint(3, 7)))
            text = "\n\n".join([*body, f"Bulletin {i + 1} of {n}, filed for the memory benchmark."])
            fh.write(json.dumps({"id": f"mem-{i:06d}", "title": art.title, "outlet": art.outlet,
                                 "published": art.published, "text": text}, ensure_ascii=False) + "\n")
    return len(base)


def prefill(db: Path, n_articles: int) -> int:
    """Fill `db` with at least `n_articles` articles (real demo extractions, replicated); returns how many."""
    from bigstore import DAYS, OUTLETS, START, gazetteer_codes

    from powderkeg.store import Store
    from powderkeg.store.bench import bench_replicate

    with powderkeg.open(db) as kb:
        kb.ingest(powderkeg.demo_corpus())
        base = kb.summary().n_articles
    copies = max(-(-n_articles // base) - 1, 1)
    with Store(db) as store:
        bench_replicate(store, copies, codes=gazetteer_codes(), outlets=OUTLETS, start=START, days=DAYS)
        return store.summary().n_articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=10_000, help="number of articles (default 10,000)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--corpus", choices=("demo", "eval"), default="demo")
    ap.add_argument("--eval-dir", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "eval")
    ap.add_argument("--every", type=int, default=10_000, help="print a line every K articles")
    ap.add_argument("--db", type=Path, help="DuckDB file to create (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="keep the JSONL and the DuckDB file")
    ap.add_argument("--prefill", type=int, default=0, metavar="M",
                    help="first fill the store with at least M (replicated) articles")
    args = ap.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="pk-mem-"))
    corpus = tmp / "memory.jsonl"
    db = args.db or tmp / "memory.duckdb"
    if db.exists():
        sys.exit(f"--db {db}: exists; give a new path")
    with ProcessPoolExecutor(1, mp_context=get_context("spawn")) as child:  # keeps spaCy out of this process
        n_base = child.submit(write_corpus, corpus, args.n, args.corpus, args.eval_dir).result()
    print(f"corpus          {args.n:,} articles from {n_base} base articles ({args.corpus}), "
          f"{corpus.stat().st_size / MIB:.0f} MiB of JSONL")
    print(f"machine         {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")

    if args.prefill:
        t_fill = time.perf_counter()
        have = prefill(db, args.prefill)
        print(f"prefilled       {have:,} articles in {time.perf_counter() - t_fill:.0f} s, "
              f"store {db.stat().st_size / MIB:.0f} MiB")

    print(f"main process    {sampler_rss() / MIB:.0f} MiB before the ingest")
    sampler = RssSampler()
    sampler.start()
    t0 = time.perf_counter()
    next_line = args.every

    def progress(done: int, total: int) -> None:
        nonlocal next_line
        if done >= next_line and done < args.n:
            print(f"{done:>9,} done  {time.perf_counter() - t0:8.0f} s  now {sampler.now_tree / MIB:6.0f} MiB  "
                  f"peak main {sampler.peak_main / MIB:5.0f}  largest worker {sampler.peak_child / MIB:5.0f}  "
                  f"tree {sampler.peak_tree / MIB:5.0f} MiB  (load {os.getloadavg()[0]:.1f})", flush=True)
            next_line += args.every

    with powderkeg.open(db) as kb:
        report = kb.ingest([corpus], batch_size=args.batch_size, workers=args.workers, progress=progress)
        n_events = kb.summary().n_events
    sampler.stop()
    wall = time.perf_counter() - t0
    print(f"ingested        {report.n_new:,} new articles, {n_events:,} events, {len(report.failures)} failures "
          f"in {wall:.0f} s ({report.n_new / wall:.1f} articles/s), load average {os.getloadavg()[0]:.1f} at end")
    print(f"store           {db.stat().st_size / MIB:.0f} MiB")
    print(f"peak RSS        main process {sampler.peak_main / MIB:.0f} MiB, largest worker "
          f"{sampler.peak_child / MIB:.0f} MiB, process tree {sampler.peak_tree / MIB:.0f} MiB (target: under 1,536)")
    if args.keep:
        print(f"kept            {tmp}")
    else:
        corpus.unlink()
        if db.parent == tmp:
            for f in tmp.iterdir():
                f.unlink()
            tmp.rmdir()


if __name__ == "__main__":
    main()

"""Throughput of a full ingest against bare spaCy parsing of the same texts.

    .venv/bin/python benchmarks/throughput.py [N=200] [--batch-size 16] [--workers 2]
        [--corpus demo|eval] [--eval-dir ../shared/eval] [--warmup K]

Builds N distinct articles from the bundled demo corpus, or with `--corpus eval`
from the short news leads of the shared evaluation sets (dev-wide and train
groups a-d, read at run time, never copied; groups e-h are held out and not read),
paragraph order shuffled and a numbered line appended, so every content hash
differs. It ingests them into a temporary DuckDB through the public API, then
times plain spaCy (`spacy.load` of the same model as any user would, spaCy's own
BLAS; `nlp.pipe`, nothing else) over the same texts, on one process and with
--workers > 1 on `n_process=workers`. It also times `pipeline.bare_parse`, the
same parse on powderkeg's model load (numpy's BLAS, one thread: powderkeg/nlp.py),
to show how much of the difference is the matrix library.

With `--warmup K` (K < N) every side also runs on the first K articles, and the
marginal time T(N) - T(K) for the other N - K articles is reported: start-up
(worker processes, model loads, the first batch) is removed from both sides.
CPU seconds (this process and its finished children) are printed too, since
wall time on a shared machine moves with the other jobs; they are complete with
--workers 1 only (the ingest's pool workers are the forkserver's children). Not a test: it only
prints figures.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import spacy

import powderkeg
from powderkeg import api, nlp
from powderkeg.models import Article
from powderkeg.pipeline import bare_parse
from powderkeg.readers import iter_inputs

if TYPE_CHECKING:
    from spacy.language import Language


def demo_articles() -> list[Article]:
    """The demo corpus as read by the readers (every format it holds)."""
    arts = [a for a in iter_inputs([str(p) for p in powderkeg.demo_corpus()]) if isinstance(a, Article)]
    if not arts:
        sys.exit("no readable articles in the demo corpus")
    return arts


def variants(base: list[Article], n: int, seed: int = 7) -> list[dict[str, str | None]]:
    """N JSONL records: article i is base[i % len(base)] with shuffled paragraphs and a numbered line."""
    rng = random.Random(seed)
    records: list[dict[str, str | None]] = []
    for i in range(n):
        art = base[i % len(base)]
        paras = [p for p in art.text.split("\n") if p.strip()]
        head, body = paras[:1], paras[1:]
        if i >= len(base):  # the first pass keeps each article as written
            rng.shuffle(body)
        text = "\n\n".join([*head, *body, f"Bulletin {i + 1} of {n}, filed for the throughput benchmark."])
        records.append({"id": f"bench-{i:05d}", "title": art.title, "outlet": art.outlet,
                        "published": art.published, "url": None, "text": text})
    return records


#: The short news leads of ../shared/eval: dev-wide and train groups a-d (e-h are held out: never read).
EVAL_GLOBS = ("dev-wide/*.json", "train/train-[a-d]*.json")
#: The seed articles (longer): the dev set.
SEED_GLOBS = ("dev/*.json",)


def eval_articles(root: Path, globs: tuple[str, ...]) -> list[Article]:
    """The articles of the shared evaluation sets, read at run time (their texts stay out of the repo)."""
    files = sorted(f for g in globs for f in root.glob(g))
    if not files:
        sys.exit(f"--eval-dir {root}: no {' or '.join(globs)} files there")
    arts = []
    for f in files:
        rec = json.loads(f.read_text(encoding="utf-8"))
        arts.append(Article(id=str(rec["id"]), text=str(rec["text"]), title=rec.get("title"),
                            outlet=rec.get("outlet"), published=rec.get("published")))
    return arts


def cpu_s() -> float:
    """CPU seconds of this process and of its children that have ended (pool workers, spaCy's processes)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if platform.system() == "Darwin" else rss / 1024


def time_ingest(records: list[dict[str, str | None]], batch_size: int, workers: int) -> tuple[float, float, int, int]:
    """(wall s, CPU s, articles stored, events stored) of ingesting `records` into a fresh store."""
    with tempfile.TemporaryDirectory(prefix="pk-bench-") as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        with powderkeg.open(Path(tmp) / "bench.duckdb") as kb:
            c0, t0 = cpu_s(), time.perf_counter()
            report = kb.ingest([corpus], batch_size=batch_size, workers=workers)
            wall, cpu = time.perf_counter() - t0, cpu_s() - c0
            if report.failures or report.n_new != len(records):
                print(f"warning: {report.n_new} of {len(records)} articles ingested; "
                      f"failures: {[str(f) for f in report.failures][:5]}")
            return wall, cpu, report.n_new, kb.summary().n_events


@lru_cache(maxsize=1)
def plain_spacy() -> Language:
    """The model as plain spaCy loads it (spaCy's default ops), not through powderkeg.nlp."""
    return spacy.load(nlp.MODEL)


def time_bare(texts: list[str], batch_size: int, processes: int) -> tuple[float, float]:
    """(wall s, CPU s) of plain spaCy over `texts` on `processes` processes (their start-up included)."""
    c0, t0 = cpu_s(), time.perf_counter()
    for _ in plain_spacy().pipe(texts, batch_size=batch_size, n_process=max(processes, 1)):
        pass
    return time.perf_counter() - t0, cpu_s() - c0


def time_bare_powderkeg(texts: list[str], batch_size: int) -> tuple[float, float]:
    """(wall s, CPU s) of the same parse on powderkeg's model load (its BLAS choice), one process."""
    c0, t0 = cpu_s(), time.perf_counter()
    bare_parse(texts, batch_size=batch_size)
    return time.perf_counter() - t0, cpu_s() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=200, help="number of articles (default 200)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, default=1,
                    help="extraction processes for the ingest (default 1); with more, plain spaCy also runs "
                         "on as many processes, and both sides' start-up is inside their time unless --warmup")
    ap.add_argument("--corpus", choices=("demo", "eval", "seeds"), default="demo",
                    help="demo: the bundled demo corpus; eval: the short news leads of --eval-dir "
                         "(dev-wide, train a-d); seeds: its dev set (longer articles)")
    ap.add_argument("--eval-dir", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "eval",
                    help="the shared evaluation sets (default ../shared/eval next to the repository)")
    ap.add_argument("--warmup", type=int, default=0, metavar="K",
                    help="also time the first K articles on every side and report T(N) - T(K): start-up removed")
    args = ap.parse_args()
    if not 0 <= args.warmup < args.n:
        sys.exit(f"--warmup {args.warmup}: must be at least 0 and below N={args.n}")

    if args.corpus == "demo":
        base = demo_articles()
    else:
        base = eval_articles(args.eval_dir, EVAL_GLOBS if args.corpus == "eval" else SEED_GLOBS)
    records = variants(base, args.n)
    texts = [str(r["text"]) for r in records]
    n_words = sum(len(t.split()) for t in texts)
    n_chars = sum(len(t) for t in texts)
    load1 = os.getloadavg()[0]

    t0 = time.perf_counter()
    nlp.load()
    plain_spacy()
    api.get_pipeline(batch_size=args.batch_size)
    load_s = time.perf_counter() - t0

    k = args.warmup
    full_s, full_cpu, n_new, n_events = time_ingest(records, args.batch_size, args.workers)
    bare_s, bare_cpu = time_bare(texts, args.batch_size, 1)
    pk_s, pk_cpu = time_bare_powderkeg(texts, args.batch_size)
    bare2 = time_bare(texts, args.batch_size, args.workers) if args.workers > 1 else None
    if k:
        kfull_s, kfull_cpu, _, _ = time_ingest(records[:k], args.batch_size, args.workers)
        kbare_s, kbare_cpu = time_bare(texts[:k], args.batch_size, 1)
        kpk_s, kpk_cpu = time_bare_powderkeg(texts[:k], args.batch_size)
        kbare2 = time_bare(texts[:k], args.batch_size, args.workers) if args.workers > 1 else None

    print(f"corpus          {args.corpus}: {len(base)} base articles made into {len(records)} distinct ones "
          f"({n_words} words, {n_chars} chars)")
    print(f"model load      {load_s:.2f} s (not counted below)")
    print(f"full ingest     {full_s:.2f} s  = {n_new / full_s:.1f} articles/s, {n_words / full_s:,.0f} words/s"
          f"  ({n_events} events stored), CPU {full_cpu:.1f} s")
    print(f"bare nlp.pipe   {bare_s:.2f} s  = {len(texts) / bare_s:.1f} articles/s, {n_words / bare_s:,.0f} words/s"
          f", CPU {bare_cpu:.1f} s")
    print(f"bare, pk BLAS   {pk_s:.2f} s, CPU {pk_cpu:.1f} s (the same parse on powderkeg's model load, "
          f"{nlp.blas()} BLAS)")
    print(f"ratio           full / bare = {full_s / bare_s:.2f}")
    if bare2 is not None:
        print(f"bare, {args.workers} procs  {bare2[0]:.2f} s, CPU {bare2[1]:.1f} s; speed ingest / bare on "
              f"{args.workers} processes = {bare2[0] / full_s:.2f} (start-up included on both sides)")
    if k:
        m = args.n - k
        mf, mb = full_s - kfull_s, bare_s - kbare_s
        print(f"marginal        the last {m} articles (T(N) - T({k})): ingest {mf:.2f} s (CPU {full_cpu - kfull_cpu:.1f} s), "
              f"bare 1 proc {mb:.2f} s (CPU {bare_cpu - kbare_cpu:.1f} s); speed ingest / bare = {mb / mf:.2f}")
        print(f"marginal, pk    bare on powderkeg's BLAS {pk_s - kpk_s:.2f} s (CPU {pk_cpu - kpk_cpu:.1f} s)")
        if bare2 is not None and kbare2 is not None:
            mb2 = bare2[0] - kbare2[0]
            print(f"marginal, {args.workers} procs bare {mb2:.2f} s (CPU {bare2[1] - kbare2[1]:.1f} s); "
                  f"speed ingest / bare on {args.workers} processes = **{mb2 / mf:.2f}**")
    print(f"peak RSS        {peak_rss_mib():.0f} MiB (this process)")
    print(f"load average    {load1:.1f} before, {os.getloadavg()[0]:.1f} after (2 cores: above 2 means shared)")
    print(f"batch size      {args.batch_size}; workers {args.workers}; python {platform.python_version()}; "
          f"spaCy model {nlp.MODEL}")


if __name__ == "__main__":
    main()

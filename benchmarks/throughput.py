"""Throughput of a full ingest against bare spaCy parsing of the same texts.

    .venv/bin/python benchmarks/throughput.py [N=200] [--batch-size 16]

Builds N distinct articles from the bundled demo corpus (paragraph order
shuffled and a numbered line appended, so every content hash differs),
ingests them into a temporary DuckDB through the public API, then times
`pipeline.bare_parse` (nlp.pipe with the full model, nothing else) over the
same texts. Prints articles/s, words/s, the full/bare time ratio and peak RSS.
Not a test: it only prints figures.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

import powderkeg
from powderkeg import api, nlp
from powderkeg.models import Article
from powderkeg.pipeline import bare_parse
from powderkeg.readers import iter_inputs


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


def peak_rss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if platform.system() == "Darwin" else rss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=200, help="number of articles (default 200)")
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, default=1,
                    help="extraction processes for the ingest (default 1; the bare parse is one process); "
                         "with more, the workers' model loading is inside the ingest time")
    args = ap.parse_args()

    records = variants(demo_articles(), args.n)
    texts = [str(r["text"]) for r in records]
    n_words = sum(len(t.split()) for t in texts)
    n_chars = sum(len(t) for t in texts)

    t0 = time.perf_counter()
    nlp.load()
    api.get_pipeline(batch_size=args.batch_size)
    load_s = time.perf_counter() - t0

    with tempfile.TemporaryDirectory(prefix="pk-bench-") as tmp:
        corpus = Path(tmp) / "bench.jsonl"
        with corpus.open("w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
        with powderkeg.open(Path(tmp) / "bench.duckdb") as kb:
            t0 = time.perf_counter()
            report = kb.ingest([corpus], batch_size=args.batch_size, workers=args.workers)
            full_s = time.perf_counter() - t0
            summary = kb.summary()

    t0 = time.perf_counter()
    n_tokens = bare_parse(texts, batch_size=args.batch_size)
    bare_s = time.perf_counter() - t0
    bare2_s = None
    if args.workers > 1:
        # the fair baseline for several workers: plain spaCy on as many processes (its start-up included,
        # as the workers' is in the ingest time)
        t0 = time.perf_counter()
        for _ in nlp.load().pipe(texts, batch_size=args.batch_size, n_process=args.workers):
            pass
        bare2_s = time.perf_counter() - t0

    if report.failures or report.n_new != len(records):
        print(f"warning: {report.n_new} of {len(records)} articles ingested; "
              f"failures: {[str(f) for f in report.failures][:5]}")
    print(f"articles        {len(records)} ({n_words} words, {n_chars} chars, {n_tokens} tokens)")
    print(f"model load      {load_s:.2f} s (not counted below)")
    print(f"full ingest     {full_s:.2f} s  = {report.n_new / full_s:.1f} articles/s, {n_words / full_s:,.0f} words/s"
          f"  ({summary.n_events} events stored)")
    print(f"bare nlp.pipe   {bare_s:.2f} s  = {len(texts) / bare_s:.1f} articles/s, {n_words / bare_s:,.0f} words/s")
    print(f"ratio           full / bare = {full_s / bare_s:.2f}")
    if bare2_s is not None:
        print(f"bare, {args.workers} procs  {bare2_s:.2f} s; ratio full / bare on {args.workers} processes = "
              f"{full_s / bare2_s:.2f}")
    print(f"peak RSS        {peak_rss_mib():.0f} MiB")
    print(f"batch size      {args.batch_size}; workers {args.workers}; python {platform.python_version()}; spaCy model {nlp.MODEL}")


if __name__ == "__main__":
    main()

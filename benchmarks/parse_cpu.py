"""CPU seconds of the ingest's parse: per component, and inside the parser's and NER's transition loops.

    .venv/bin/python benchmarks/parse_cpu.py [N=200] [--corpus eval|demo|seeds] [--warmup K]
        [--batch-size 16] [--eval-dir ../shared/eval]

Builds the same N distinct articles as `benchmarks/throughput.py`, cuts them into the
units the ingest parses (`Pipeline.prepare`: the paragraph and sentence gates), and parses
articles K..N in batches of `--batch-size` articles, one spaCy batch per article batch as
`Pipeline.parse_texts` does, on powderkeg's model load (its BLAS and tables), timing each
component with `time.process_time` (CPU seconds of this process: the figure that a shared
machine does not blur). For the parser and NER it then times `model.predict` alone (the
embedding and the precomputed hidden layer, numpy) on the same docs: the component's time
minus that is its transition loop (spaCy's compiled `greedy_parse`), which no setting of
powderkeg reaches. Why it exists: issue 17's "parse less CPU" needs to know which part of
the parse a change can touch; see docs/performance.md ("The transition loops"). Also prints
the spaCy and thinc versions, since the loop's cost depends on how spaCy's wheel was built.
Not a test: it only prints figures.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import spacy
import thinc
from throughput import EVAL_GLOBS, SEED_GLOBS, demo_articles, eval_articles, variants

from powderkeg import api, nlp
from powderkeg.models import Article


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=200, help="number of articles (default 200)")
    ap.add_argument("--batch-size", type=int, default=16, help="articles per spaCy batch (the ingest's default 16)")
    ap.add_argument("--corpus", choices=("demo", "eval", "seeds"), default="eval")
    ap.add_argument("--eval-dir", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "eval")
    ap.add_argument("--warmup", type=int, default=40, metavar="K", help="parse the first K articles untimed")
    args = ap.parse_args()
    if not 0 <= args.warmup < args.n or args.batch_size < 1:
        sys.exit(f"--warmup {args.warmup} must lie in [0, N={args.n}) and --batch-size must be at least 1")

    if args.corpus == "demo":
        base = demo_articles()
    else:
        base = eval_articles(args.eval_dir, EVAL_GLOBS if args.corpus == "eval" else SEED_GLOBS)
    arts = [Article(id=str(r["id"]), text=str(r["text"]), title=r["title"], outlet=r["outlet"],
                    published=r["published"]) for r in variants(base, args.n)]
    pipe = api.get_pipeline(batch_size=args.batch_size)
    model = nlp.load()
    units = [[p.text for p, keep in zip(paras, gated, strict=True) if keep]
             for _, paras, _, gated in (pipe.prepare(a) for a in arts)]
    list(pipe.parse_texts([t for ts in units[: args.warmup] for t in ts]))

    cpu = {name: 0.0 for name in ("tokenizer", *model.pipe_names)}
    inner = {name: 0.0 for name in ("parser", "ner") if name in model.pipe_names}
    n_units = n_tokens = 0
    with nlp.one_blas_thread():
        for i in range(args.warmup, args.n, args.batch_size):
            texts = [t for ts in units[i : i + args.batch_size] for t in ts]
            c0 = time.process_time()
            docs = [model.make_doc(t) for t in texts]
            cpu["tokenizer"] += time.process_time() - c0
            for name, proc in model.pipeline:
                c0 = time.process_time()
                docs = list(proc.pipe(docs, batch_size=len(docs))) if hasattr(proc, "pipe") else [proc(d) for d in docs]
                cpu[name] += time.process_time() - c0
            for name in inner:
                c0 = time.process_time()
                step_model = model.get_pipe(name).model.predict(docs)  # type: ignore[attr-defined]
                inner[name] += time.process_time() - c0
                step_model.clear_memory()
            n_units += len(docs)
            n_tokens += sum(len(d) for d in docs)

    total = sum(cpu.values())
    print(f"spaCy {spacy.__version__}, thinc {thinc.__version__}, model {nlp.MODEL}, BLAS {nlp.blas()}, "
          f"ruler {nlp.ruler()}")
    print(f"parsed          articles {args.warmup}..{args.n} of {args.corpus}: {n_units} units, {n_tokens} tokens, "
          f"batches of {args.batch_size} articles")
    print("CPU s           " + "  ".join(f"{k} {v:.2f}" for k, v in cpu.items()) + f"  total {total:.2f}")
    for name, pre in inner.items():
        print(f"{name:<15} {cpu[name]:.2f} s = model.predict {pre:.2f} s + transition loop {cpu[name] - pre:.2f} s")
    print(f"peak RSS        {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()

"""Train the learned event coder on the annotated articles and write it into the package.

    .venv/bin/python scripts/train_coder.py [--gold DIR ...] [--with-written] [--written-weight W] [--written-scope all|keys|model] [--out PATH]

Reads every *.json gold article (SCHEMA.md) of ../shared/eval/dev, dev-wide and train and the
PLOVER sentences of ../shared/peers/plover/dev (or the --gold folders given), with --with-written also the
training articles written in this repo (training/written/, not real news: off by default, since out of fold
they did not pay and cost the PLOVER in-sample gate; see training/written/README.md), and writes src/powderkeg/data/coder_model.json: hashed-feature
weights of two logistic regressions (is this article-level key an event, status) and the two
thresholds of the hybrid, chosen by grouped cross-validation inside these articles; numbers only. Deterministic:
the same gold gives byte-identical output. Adding a gold article needs no code change:
put it in a gold folder and run this again. Takes well under a minute on 2 cores.
Needs the dev extra (scikit-learn).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from powderkeg.extract import training
from powderkeg.lexicons import data_path
from powderkeg.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
DEFAULT_GOLD = [EVAL / "dev", EVAL / "dev-wide", EVAL / "train", ROOT.parent / "shared" / "peers" / "plover" / "dev"]
WRITTEN = ROOT / "training" / "written"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, action="append", help="a folder of gold *.json (repeatable)")
    ap.add_argument("--with-written", action="store_true", help="also train on the written training articles")
    ap.add_argument("--written", type=Path, default=WRITTEN, help="folder of written training articles")
    ap.add_argument("--written-weight", type=float, default=training.WRITTEN_WEIGHT,
                    help=f"sample weight of a written article (default {training.WRITTEN_WEIGHT})")
    ap.add_argument("--written-scope", choices=training.WRITTEN_SCOPES, default=training.WRITTEN_SCOPE,
                    help="which fits the written articles enter: all; keys (the key model only, thresholds tuned on "
                         "real gold alone); model (key and status models, thresholds tuned on real gold alone); "
                         f"default {training.WRITTEN_SCOPE}")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "powderkeg" / "data" / "coder_model.json")
    args = ap.parse_args(argv)
    folders = args.gold or DEFAULT_GOLD
    files = [f for d in folders for f in sorted(Path(d).glob("*.json"))]
    missing = [str(d) for d in folders if not Path(d).is_dir()]
    if missing or not files:
        sys.exit(f"no gold articles: {', '.join(missing) or 'the folders hold no *.json'} "
                 "(../shared must be beside this checkout, or pass --gold)")
    written: list[Path] = []
    if args.with_written:
        if not args.written.is_dir():
            sys.exit(f"--written: {args.written} is not a folder ")
        try:
            written = training.written_files(args.written)
        except ValueError as exc:
            sys.exit(str(exc))
    t0 = time.perf_counter()
    pipe = Pipeline(coder="rules")
    gold = training.read_gold(files + written)
    ids = [str(g.get("id")) for g in gold]
    if len(set(ids)) != len(ids):
        sys.exit("two gold files share an id")
    types = training.event_types(gold)
    parsed = training.parse_all(pipe, gold)
    data = [training.article_data(pipe, p, types) for p in parsed]
    meta = {"written_sha256": training.written_digest(written)} if written else None
    model = training.fit(data, types, meta=meta, written_weight=args.written_weight,
                          written_scope=args.written_scope)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    model.save(args.out)
    shipped = " (the shipped model)" if args.out.resolve() == data_path("coder_model.json").resolve() else ""
    info = model.meta or {}
    print(f"trained on {len(parsed)} articles ({len(written)} written here), {info.get('keys')} keys ({info.get('gold_keys_in_reach')} of "
          f"{info.get('gold_keys')} gold keys in reach); thresholds add {model.add} drop {model.drop} add_type {model.add_type} "
          f"(inner CV events F1 {info.get('inner_cv_events_f1')}) in {time.perf_counter() - t0:.1f} s; "
          f"wrote {args.out} ({args.out.stat().st_size // 1024} KiB){shipped}")


if __name__ == "__main__":
    main()

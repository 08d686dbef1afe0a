"""The copy index at scale (issue 16): its size on disk and how long a candidate lookup takes.

    .venv/bin/python benchmarks/copy_index.py [N=100000] [--db /tmp/copy-index.duckdb]

Writes N distinct articles (sentences put together from parts: who, did what to whom, what,
when, filled with states, numbers and days, so unrelated texts share phrases as news does) through
the store's normal write path, which stores each text's 42 MinHash band keys. Then prints
the database size, the index rows, the time to find the candidates of one new text (a near
copy of a stored article, and an unrelated text) with the band join on disk, and the time of
the full self-join over the whole index (ingest joins only each batch's keys). Not a test:
it only prints figures.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from powderkeg import copies
from powderkeg.models import Article, Extraction
from powderkeg.store import Store

STATES = ("Serbia", "Kosovo", "Albania", "Greece", "Turkey", "Armenia", "Azerbaijan", "Georgia", "Moldova",
          "Ukraine", "Poland", "Hungary", "Romania", "Bulgaria", "Croatia", "Bosnia", "Montenegro", "Cyprus",
          "Israel", "Lebanon", "Iran", "Iraq", "Syria", "Egypt", "Sudan", "Ethiopia", "Somalia", "Kenya",
          "India", "Pakistan", "China", "Taiwan", "Japan", "Korea", "Vietnam", "Philippines", "Venezuela")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "last week", "overnight")
#: Sentences are put together from these parts, so texts share phrases but rarely whole runs of them.
WHO = ("the foreign ministry of {a}", "{a}'s defence minister", "a spokesman for {a}", "officials in {a}",
       "the president of {a}", "{a}'s parliament", "the army of {a}", "the prime minister of {a}",
       "{a}'s ambassador to {b}", "police in {a}", "the opposition in {a}", "a government source in {a}")
DID = ("accused {b} of", "warned {b} against", "called on {b} to stop", "thanked {b} for", "condemned {b} for",
       "asked {b} to explain", "threatened {b} over", "praised {b} for", "criticised {b} for", "denied that {b} was",
       "said it would retaliate against {b} for", "demanded an apology from {b} for")
WHAT = ("moving {n} troops to the border", "detaining {n} of its citizens", "closing {n} crossings",
        "buying {n} drones", "cutting gas supplies by {n} per cent", "expelling {n} diplomats",
        "holding exercises with {n} warships", "blocking {n} trucks", "arresting {n} protesters",
        "shelling {n} villages", "sending {n} advisers", "raising tariffs by {n} per cent")
WHEN = ("on {d}", "early on {d}", "late on {d}", "in a statement on {d}", "at a news conference on {d}",
        "in an interview published on {d}", "after talks on {d}", "during a visit on {d}")


def sentence(rng: random.Random, a: str, b: str) -> str:
    fill = {"a": a, "b": b, "n": rng.randint(2, 9999), "d": rng.choice(DAYS)}
    parts = [rng.choice(WHO), rng.choice(DID), rng.choice(WHAT), rng.choice(WHEN)]
    text = " ".join(p.format(**fill) for p in parts)
    return text[0].upper() + text[1:] + "."


def article(rng: random.Random, i: int) -> str:
    a, b = rng.sample(STATES, 2)
    return f"Report {i}. " + " ".join(sentence(rng, a, b) for _ in range(rng.randint(6, 12)))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", nargs="?", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--batch", type=int, default=2000)
    args = ap.parse_args()
    rng = random.Random(16)
    with tempfile.TemporaryDirectory(prefix="pk-copy-index-") as tmp:
        db = args.db or Path(tmp) / "copy-index.duckdb"
        t0 = time.perf_counter()
        texts: dict[str, str] = {}
        with Store(db) as store:
            for start in range(0, args.n, args.batch):
                batch = []
                for i in range(start, min(start + args.batch, args.n)):
                    text = article(rng, i)
                    art = Article(id=f"a{i:07d}", text=text, outlet="Bench Wire", published="2024-05-06")
                    if i % 1000 == 0:
                        texts[art.id] = text
                    batch.append(Extraction(article=art))
                store.write_batch(batch)
        write_s = time.perf_counter() - t0
        size = db.stat().st_size + sum(p.stat().st_size for p in db.parent.glob(db.name + ".wal"))
        with Store(db, read_only=True) as store:
            rows, articles = store.copy_index_size()
            lookups = {"near copy of a stored article": [], "unrelated new text": []}
            for aid, text in list(texts.items())[:20]:
                near = "WASHINGTON (AP) — " + text + " Follow us for more."
                for kind, probe in (("near copy of a stored article", near),
                                    ("unrelated new text", article(rng, 10**7))):
                    bands = list(copies.fingerprint(probe).bands)
                    t = time.perf_counter()
                    found = store.copy_candidates_for(bands)
                    lookups[kind].append(time.perf_counter() - t)
                    if kind.startswith("near"):
                        assert aid in found, f"{aid} not among the candidates of its own copy"
            t = time.perf_counter()
            pairs = store.copy_candidates()
            join_s = time.perf_counter() - t
            found_pairs = len(store.copy_pairs())
    print(f"articles        {args.n:,} written in {write_s:.0f} s ({args.n / write_s:,.0f}/s, fingerprints included)")
    print(f"database        {size / 2**20:,.0f} MiB on disk; copy_bands {rows:,} rows for {articles:,} articles")
    for kind, times in lookups.items():
        print(f"lookup          {kind}: median {statistics.median(times) * 1000:.1f} ms, "
              f"max {max(times) * 1000:.1f} ms over {len(times)} texts")
    print(f"full self-join  {len(pairs):,} candidate pairs in {join_s:.1f} s; {found_pairs:,} of them copies "
          "(checked exactly at ingest, batch by batch)")


if __name__ == "__main__":
    main()

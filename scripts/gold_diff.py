"""Show where extraction differs from a gold set, article by article (a development aid).

Usage: python scripts/gold_diff.py GOLD_DIR [--field actors|people|events] [--only ID]

Prints, per article, the gold items the system missed (MISS) and the items it
produced that the gold lacks (XTRA), with the evidence sentence for events, so
an error can be traced to the construction that caused it. Matching follows
the scorer: events by (source, target, type, negated), actors by code.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

import powderkeg
from powderkeg.models import Article
from powderkeg.readers.jsonl import read_json


def _key(e: dict) -> tuple[str, str, str, bool]:
    return (str(e.get("source") or "").upper(), str(e.get("target") or "").upper(),
            str(e.get("type") or "").upper(), bool(e.get("negated", False)))


def _fmt(e: dict) -> str:
    neg = " NOT" if e.get("negated") else ""
    return f"{e.get('source')}->{e.get('target')} {e.get('type')}{neg} [{e.get('status')}]"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--field", action="append", choices=("actors", "people", "events"))
    ap.add_argument("--only", action="append", default=[])
    args = ap.parse_args()
    fields = args.field or ["actors", "people", "events"]

    golds, articles = {}, []
    for path in sorted(args.gold_dir.glob("*.json")):
        obj = json.loads(path.read_text(encoding="utf-8"))
        if args.only and str(obj["id"]) not in args.only:
            continue
        golds[str(obj["id"])] = obj.get("gold", {})
        record = {k: obj.get(k) for k in ("id", "url", "outlet", "title", "published", "text")}
        for item in read_json(json.dumps(record), name=path.name):
            if isinstance(item, Article):
                articles.append(item)
    counts = {"miss": 0, "xtra": 0, "hit": 0}
    for extraction in powderkeg.extract(articles):
        pred = extraction.to_contract()
        gold = golds[str(pred["id"])]
        print(f"=== {pred['id']}")
        if "actors" in fields:
            g, p = set(gold.get("actors", [])), set(pred.get("actors", []))
            if g - p:
                print("  actors MISS", sorted(g - p))
            if p - g:
                print("  actors XTRA", sorted(p - g))
        if "people" in fields:
            gp = {(x["name"], x.get("actor")) for x in gold.get("people", [])}
            pp = {(x["name"], x.get("actor")) for x in pred.get("people", [])}
            for name, actor in sorted(gp - pp, key=str):
                print(f"  people MISS {name} ({actor})")
            for name, actor in sorted(pp - gp, key=str):
                print(f"  people XTRA {name} ({actor})")
        if "events" in fields:
            gk = {_key(e) for e in gold.get("events", [])}
            pk = {_key(e) for e in pred.get("events", [])}
            counts["hit"] += len(gk & pk)
            for e in gold.get("events", []):
                if _key(e) not in pk:
                    counts["miss"] += 1
                    print(f"  MISS {_fmt(e)}\n       {e.get('quote', '')[:220]}")
            seen = set()
            for e in pred.get("events", []):
                if _key(e) not in gk and _key(e) not in seen:
                    seen.add(_key(e))
                    counts["xtra"] += 1
                    print(f"  XTRA {_fmt(e)}\n       {e.get('quote', '')[:220]}")
    if "events" in fields:
        print(f"events: {counts['hit']} hit, {counts['miss']} missed, {counts['xtra']} extra")


if __name__ == "__main__":
    main()

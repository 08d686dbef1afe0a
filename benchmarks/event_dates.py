"""Event dates (issue 16): on events whose sentence states a date, is the year right?

    .venv/bin/python benchmarks/event_dates.py [SET_DIR ...]     # default: ../shared/eval/{dev,dev-wide,train}

The shared scorer's `text_date_year` compares the date of whichever predicted event has the gold
event's key, which may come from another sentence of the article (an accusation repeated in the
lead and dated by publication there). This script measures the dating itself: a gold event whose
date the text states (`date_source` "text") counts when `powderkeg extract` coded the same key in
the same sentence (the gold quote inside the event's evidence); it is right when one of those
events has the gold year. Prints one line per set and the total. Not a test: it only prints.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
EXE = Path(sys.executable).parent / "powderkeg"
INPUT_KEYS = ("id", "title", "text", "url", "outlet", "published")


def _norm(text: str | None) -> str:
    return " ".join((text or "").split()).lower()


def _key(e: dict[str, Any]) -> tuple[str, str, str, bool]:
    return (str(e.get("source") or "").upper(), str(e.get("target") or "").upper(),
            str(e.get("type") or "").upper(), bool(e.get("negated", False)))


def score(folder: Path) -> tuple[int, int]:
    """(right, counted) over the gold articles in `folder`."""
    articles = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))]
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        src.write_text("".join(json.dumps({k: a.get(k) for k in INPUT_KEYS}) + "\n" for a in articles),
                       encoding="utf-8")
        subprocess.run([str(EXE), "extract", str(src), "-o", str(out)], check=True, capture_output=True)
        preds = {json.loads(line)["id"]: json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()}
    right = counted = 0
    for a in articles:
        events = preds.get(a["id"], {}).get("events", [])
        for g in a["gold"]["events"]:
            if g.get("date_source") != "text" or not g.get("date"):
                continue
            quote = _norm(g.get("quote"))[:60]
            same = [e for e in events if _key(e) == _key(g) and quote in _norm(e.get("quote"))]
            if same:
                counted += 1
                right += any(str(e.get("date") or "")[:4] == g["date"][:4] for e in same)
    return right, counted


def main() -> None:
    folders = [Path(p) for p in sys.argv[1:]] or [EVAL / "dev", EVAL / "dev-wide", EVAL / "train"]
    total_right = total = 0
    for folder in folders:
        right, counted = score(folder)
        total_right, total = total_right + right, total + counted
        print(f"{folder.name:10} year right {right}/{counted} = {right / counted:.3f}" if counted
              else f"{folder.name:10} no dated events matched")
    if total:
        print(f"{'all':10} year right {total_right}/{total} = {total_right / total:.3f}")


if __name__ == "__main__":
    main()

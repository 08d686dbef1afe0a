"""The hostile corpus (scripts/make_hostile_corpus.py) through the real `powderkeg ingest` CLI.

Issue 14: no traceback, one `path: reason` line per bad input, the good files stored,
exit code 2, and a second run that changes nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from powderkeg.models import Failure
from powderkeg.readers import display_name

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_hostile_corpus.py"

pytestmark = pytest.mark.slow


def _ingest(corpus: Path, db: Path) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "powderkeg", "--db", str(db), "ingest", str(corpus)]
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(cmd, capture_output=True, text=True, errors="backslashreplace", timeout=300, env=env)


def _counts(db: Path) -> dict[str, int]:
    import powderkeg

    with powderkeg.open(db, read_only=True) as kb:
        return {t: int(kb.sql(f"SELECT count(*) AS n FROM {t}").rows[0][0])
                for t in ("articles", "events", "mentions", "failures")}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    subprocess.run([sys.executable, str(SCRIPT), str(root), "--bomb-mib", "256"], check=True, timeout=120)
    manifest = json.loads((root / ".manifest.json").read_text(encoding="utf-8"))
    return root, manifest


@pytest.fixture(scope="module")
def runs(corpus: tuple[Path, list[dict[str, str]]], tmp_path_factory: pytest.TempPathFactory):
    root, _ = corpus
    db = tmp_path_factory.mktemp("hostile-db") / "kb.duckdb"
    first = _ingest(root, db)
    counts_first = _counts(db)
    second = _ingest(root, db)
    return db, first, counts_first, second, _counts(db)


def test_corpus_is_big_enough(corpus: tuple[Path, list[dict[str, str]]]) -> None:
    root, manifest = corpus
    assert len(manifest) >= 50
    assert {e["expect"] for e in manifest} >= {"stored", "failed", "mixed"}
    files = [p for p in root.rglob("*") if not p.is_dir() and not p.name.startswith(".")]
    assert len(files) >= 50


def test_ingest_exits_2_without_traceback(runs) -> None:  # type: ignore[no-untyped-def]
    _, first, _, second, _ = runs
    for run in (first, second):
        assert run.returncode == 2, run.stderr[-2000:]
        assert "Traceback" not in run.stderr + run.stdout
        assert "unreadable (" not in run.stderr, "a reader crashed and was caught by the safety net"


def _failure_lines(stderr: str) -> dict[str, str]:
    lines: dict[str, str] = {}
    for line in stderr.splitlines():
        path, sep, reason = line.partition(": ")
        if sep and path.startswith("/"):
            lines[path] = reason
    return lines


def test_every_bad_file_gets_one_clear_line(corpus, runs) -> None:  # type: ignore[no-untyped-def]
    root, manifest = corpus
    _, first, _, _, _ = runs
    lines = _failure_lines(first.stderr)
    printed = [line for line in first.stderr.splitlines() if line.startswith(str(root))]
    assert len(printed) == len(lines), "a path was printed twice"
    problems = []
    for entry in manifest:
        if entry["expect"] not in ("failed", "mixed"):
            continue
        path = str(root / entry["path"])
        shown = str(Failure(display_name(path), "")).removesuffix(": ")  # as the CLI prints it
        mine = {p: r for p, r in lines.items() if p == shown or p.startswith((shown + ":", shown + "#", shown + "["))}
        if not any(entry["reason"] in r for r in mine.values()):
            problems.append((entry["path"], entry["reason"], mine))
    assert problems == []


def test_good_files_are_stored_and_nothing_else(corpus, runs) -> None:  # type: ignore[no-untyped-def]
    import powderkeg

    root, manifest = corpus
    db = runs[0]
    with powderkeg.open(db, read_only=True) as kb:
        rows = kb.sql("SELECT source_path, url, title, text FROM articles", limit=100_000).rows
    stored = {r[0] for r in rows}
    wanted = {e["path"] for e in manifest if e["expect"] in ("stored", "mixed")}
    refused = {e["path"] for e in manifest if e["expect"] == "failed"}
    assert {p for p in wanted if display_name(root / p) not in stored} == set()
    assert {p for p in refused if display_name(root / p) in stored} == set()
    for _source, url, title, text in rows:
        assert url is None or url.startswith(("http://", "https://")), url
        assert title is None or not any(c in title for c in "\x1b\x00\u202e\u2066\u2067\u2069"), title
        assert "root:x:0" not in text  # the feed's external entity was not read
        assert "lollollol" not in text  # nor its nested entities expanded


def test_rerun_is_safe(runs) -> None:  # type: ignore[no-untyped-def]
    _, first, counts_first, second, counts_second = runs
    assert counts_first == counts_second
    assert counts_first["articles"] > 30
    assert "0 new" in second.stdout
    assert _failure_lines(first.stderr) == _failure_lines(second.stderr)

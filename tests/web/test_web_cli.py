"""`powderkeg serve` as a user runs it: a real process on a localhost port."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow


def _powderkeg() -> list[str]:
    return [sys.executable, "-m", "powderkeg"]


def test_serve_answers_on_localhost_and_stops_cleanly(web_db: Path, free_port: int) -> None:
    port = free_port
    proc = subprocess.Popen([*_powderkeg(), "--db", str(web_db), "serve", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                res = httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        assert res.status_code == 200 and res.json()["n_articles"] == 22
        assert httpx.get(f"http://127.0.0.1:{port}/").status_code == 200
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert f"http://127.0.0.1:{port}/" in err


def test_serve_without_a_database_says_what_to_do(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.duckdb"
    res = subprocess.run([*_powderkeg(), "--db", str(missing), "serve"], capture_output=True, text=True,
                         timeout=60, env={**os.environ, "COLUMNS": "200"})
    assert res.returncode == 1
    assert "no database at" in res.stderr and "powderkeg ingest" in res.stderr
    assert not missing.exists()

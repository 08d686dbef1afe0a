"""Web fixtures: the demo knowledge base plus one hostile article, served by the real app."""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import powderkeg
from powderkeg.web import create_app

#: An article written to attack the pages: markup in the title, the text and the URL.
HOSTILE = {
    "id": "hostile-1",
    "title": 'Serbia <script>window.__pwned = "title"</script> protests <img src=x onerror="window.__pwned=\'img\'">',
    "outlet": "Pwn Gazette <b>bold</b>",
    "published": "2025-06-02",
    "url": "javascript:window.__pwned='url'",
    "text": (
        "Serbia accused Kosovo of provoking violence in the north, officials in Belgrade said on Monday. "
        "<script>window.__pwned = 'text'</script> "
        "Kosovo rejected the accusation. <img src=x onerror=\"window.__pwned='onerror'\"> "
        "The European Union urged both sides to return to talks in Brussels."
    ),
}


@pytest.fixture(scope="session")
def web_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database plus the hostile article (built once, then only read)."""
    path = tmp_path_factory.mktemp("web-db") / "web.duckdb"
    shutil.copy(demo_db, path)
    src = path.parent / "hostile.jsonl"
    src.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    with powderkeg.open(path) as kb:
        report = kb.ingest([src])
    assert report.n_new == 1 and report.n_events > 0, report
    return path


@pytest.fixture(scope="session")
def client(web_db: Path) -> Iterator[TestClient]:
    """FastAPI's test client over the real app and database."""
    with TestClient(create_app(web_db, sql_timeout=2.0), raise_server_exceptions=False,
                    base_url="http://localhost") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def hostile_id(web_db: Path) -> str:
    with powderkeg.open(web_db, read_only=True) as kb:
        return kb.article("hostile-1").id


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def free_port() -> int:
    """A TCP port nothing listens on right now."""
    return _free_port()


@contextmanager
def serving(db: Path) -> Iterator[str]:
    """The app over `db` served by uvicorn on a free localhost port, for a browser; yields its URL."""
    import uvicorn

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def serve() -> Any:
    """`serving` for tests that serve a database of their own."""
    return serving


@pytest.fixture(scope="session")
def server_url(web_db: Path) -> Iterator[str]:
    """The app served by uvicorn on a free localhost port, for the browser tests."""
    with serving(web_db) as url:
        yield url


#: Debian's Chromium, driven by Playwright; never a downloaded browser.
CHROMIUM = os.environ.get("POWDERKEG_CHROMIUM", "/usr/bin/chromium")
# Chromium's background services try the network at start; this machine's network is closed.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Headless Chromium for the browser tests; skipped only with POWDERKEG_SKIP_BROWSER=1."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("POWDERKEG_SKIP_BROWSER") == "1":
            pytest.skip(f"{CHROMIUM} not installed and POWDERKEG_SKIP_BROWSER=1")
        pytest.fail(f"{CHROMIUM} not found: run `bash scripts/setup-browser.sh` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield launched
        launched.close()

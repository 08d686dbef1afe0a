"""Page and API response times of `powderkeg serve` on a knowledge base of ~100,000 events.

    .venv/bin/python benchmarks/web.py [--events 100000] [--db /tmp/web-bench.duckdb] [--runs 5]

Builds the database once (kept at --db and reused when it already holds enough
events): the demo corpus is ingested for real, then its stored extractions are
copied under new article ids, dates spread over three years and six outlet
names until the event count is reached. It then serves that file with uvicorn
on a free localhost port and times every page and main API call over HTTP
(one warm-up, then --runs timed requests; median and worst), and, when Debian's
Chromium is installed, the browser's full load time of each page.
Not a test: it only prints figures.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import socket
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import quote

import httpx

import powderkeg
from powderkeg.models import Extraction
from powderkeg.store import Store

OUTLETS = ("Northern Wire", "Harbour Post", "Plain Ledger", "Ridge Courier", "Delta Observer", "Summit Daily")


def build(db: Path, n_events: int) -> None:
    """Ingest the demo corpus, then copy its extractions until the store holds `n_events` events."""
    if db.exists():
        with Store(db, read_only=True) as store:
            have = store.summary().n_events
        if have >= n_events:
            print(f"reusing {db}: {have:,} events", file=sys.stderr)
            return
        db.unlink()
    t0 = time.perf_counter()
    with powderkeg.open(db) as kb:
        kb.ingest(powderkeg.demo_corpus())
        base = [kb.extraction(a.id) for a in kb.articles()]
    per_copy = sum(len(x.events) for x in base)
    copies = -(-(n_events - per_copy) // per_copy)
    start = date(2023, 1, 1)
    with Store(db) as store:
        batch: list[Extraction] = []
        for k in range(1, copies + 1):
            for i, ex in enumerate(base):
                art = ex.article
                new_id = hashlib.sha1(f"{art.id}:{k}".encode()).hexdigest()[:16]
                day = start + timedelta(days=(k * 7 + i * 3) % 1095)
                article = dataclasses.replace(art, id=new_id, external_id=None, published=day.isoformat(),
                                              outlet=OUTLETS[(k + i) % len(OUTLETS)])
                batch.append(dataclasses.replace(ex, article=article))
            if len(batch) >= 2000:
                store.write_batch(batch)
                batch = []
        if batch:
            store.write_batch(batch)
        total = store.summary()
    print(f"built {db}: {total.n_articles:,} articles, {total.n_events:,} events "
          f"in {time.perf_counter() - t0:.0f} s", file=sys.stderr)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def urls(db: Path) -> list[str]:
    with powderkeg.open(db, read_only=True) as kb:
        busiest = max(kb.articles(limit=2000), key=lambda a: a.n_events)
    sql = quote("SELECT outlet, type, count(*) AS n FROM events JOIN articles ON articles.id = events.article_id "
                "GROUP BY ALL ORDER BY n DESC")
    return [
        "/", "/events", "/events?type=ACCUSE&actor=SRB", "/events?sort=outlet&order=desc&offset=50000",
        "/events?q=troops", "/events?dyad=SRB-XKX&since=2024-01&until=2024-12",
        "/articles", "/articles?q=Javelin", f"/articles/{busiest.id}", "/actors", "/actors/SRB", "/actors/USA",
        "/arms", "/arms?system=javelin", "/disputes", "/outlets?actor=XKX",
        "/api/events?limit=50", "/api/events?type=AID&format=csv&limit=10000", "/api/summary",
        f"/api/articles/{busiest.id}", "/api/actors/XKX", "/api/disputes?limit=50", f"/api/sql?q={sql}",
    ]


def time_http(base: str, paths: list[str], runs: int) -> list[tuple[str, float, float, int]]:
    out = []
    with httpx.Client(base_url=base, timeout=120) as client:
        for path in paths:
            res = client.get(path)  # warm-up
            if res.status_code != 200:
                print(f"{path}: HTTP {res.status_code} {res.text[:200]}", file=sys.stderr)
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                res = client.get(path)
                times.append(time.perf_counter() - t0)
            out.append((path, statistics.median(times), max(times), len(res.content)))
    return out


def time_browser(base: str, paths: list[str]) -> dict[str, float]:
    """Navigation start to load event end, per page, in Debian's Chromium (empty when absent)."""
    if not Path("/usr/bin/chromium").exists():
        return {}
    from playwright.sync_api import sync_playwright

    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"]
    result: dict[str, float] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page()
        for path in paths:
            if path.startswith("/api"):
                continue
            page.goto(base + path)
            page.goto(base + path)  # second visit: static assets cached, as for a working analyst
            ms = page.evaluate("(() => { const n = performance.getEntriesByType('navigation')[0];"
                               " return n.loadEventEnd - n.startTime; })()")
            result[path] = float(ms) / 1000
        browser.close()
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "powderkeg-web-bench.duckdb")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    build(args.db, args.events)

    import uvicorn

    from powderkeg.web import create_app

    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(args.db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        paths = urls(args.db)
        http = time_http(base, paths, args.runs)
        browser = time_browser(base, paths)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    with powderkeg.open(args.db, read_only=True) as kb:
        summary = kb.summary()
    print(f"database: {args.db} — {summary.n_articles:,} articles, {summary.n_events:,} events")
    print(f"{'path':<70} {'median s':>9} {'worst s':>8} {'KiB':>8} {'browser s':>10}")
    for path, median, worst, size in http:
        shown = path if len(path) <= 70 else path[:67] + "..."
        load = f"{browser[path]:.3f}" if path in browser else "–"
        print(f"{shown:<70} {median:>9.3f} {worst:>8.3f} {size / 1024:>8.0f} {load:>10}")


if __name__ == "__main__":
    main()

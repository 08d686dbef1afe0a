"""Query, page and API times on stores of 1 and 10 million events built from real extractions (issue 17).

    nice -n 10 .venv/bin/python benchmarks/bigstore.py [--events 1000000 10000000] [--dir /tmp] [--runs 20]

Each store: the demo corpus is ingested for real (every table, the copy index
included), then its articles are replicated inside DuckDB by
powderkeg.store.bench.bench_replicate (new ids, publication days spread over ten
years in date order, twelve outlets, actor codes rotated over the gazetteer per
replica) until the event count is reached. A store already at --dir holding at
least that many events is reused. Then, over --runs timed runs after one warm-up:
the public Python API's event queries (dyad, type, actor, date range; limit 50),
counts by month, disputes and the actors list; and, with uvicorn serving the file on
a free localhost port, every web page and `/api/disputes?limit=50` over real HTTP.
Prints p50 and p95 in milliseconds, reply sizes, store size and build time. A call
whose warm-up takes over 1 s is timed 5 times (p95 = the worst), over 10 s once (p50 = p95 = that run),
and a page with no reply within 120 s is reported so; the row says how many runs it had.
Not a test: it only prints figures.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import socket
import statistics
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import httpx

import powderkeg
from powderkeg.store import Store
from powderkeg.store.bench import bench_replicate

OUTLETS = ("Northern Wire", "Harbour Post", "Plain Ledger", "Ridge Courier", "Delta Observer", "Summit Daily",
           "Coastal Herald", "Valley Times", "Frontier Monitor", "Capital Gazette", "Island Record", "Metro Bulletin")
START, DAYS = date(2016, 1, 1), 3650


def gazetteer_codes() -> list[str]:
    """Every state and international-organisation code of the actor gazetteer, sorted."""
    path = Path(powderkeg.__file__).parent / "data" / "actors.csv"
    with path.open(encoding="utf-8") as fh:
        rows = csv.DictReader(line for line in fh if not line.startswith("#"))
        return sorted({r["code"] for r in rows if r["kind"] in ("state", "io")})


def build(db: Path, n_events: int) -> float:
    """Build (or reuse) a store of at least `n_events` events; returns the build time in seconds (0 if reused)."""
    if db.exists():
        t0 = time.perf_counter()
        with Store(db) as store:  # a writable open upgrades a file from an older powderkeg, refreshes the rollups
            have = store.summary().n_events
        print(f"  writable open (upgrade, rollups checked): {time.perf_counter() - t0:.1f} s", file=sys.stderr)
        if have >= n_events:
            print(f"reusing {db}: {have:,} events", file=sys.stderr)
            return 0.0
        db.unlink()
    t0 = time.perf_counter()
    with powderkeg.open(db) as kb:
        kb.ingest(powderkeg.demo_corpus())
        base = kb.summary().n_events
    copies = max(math.ceil(n_events / base) - 1, 1)
    print(f"{db}: {base} events from the demo corpus; adding {copies} replicas", file=sys.stderr)
    with Store(db) as store:
        total = bench_replicate(store, copies, codes=gazetteer_codes(), outlets=OUTLETS, start=START, days=DAYS)
    took = time.perf_counter() - t0
    print(f"built {db}: {total:,} events in {took:.0f} s", file=sys.stderr)
    return took


def _pct(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)] * 1000


#: A call whose warm-up takes longer than this many seconds is timed once more, not `runs` times.
SLOW = 10.0
#: Seconds an HTTP request may take before it is reported as "no reply" (and the next path is timed).
TIMEOUT = 120.0


#: A call whose warm-up takes longer than this many seconds is timed 5 times, not `runs` times.
SLOWISH = 1.0


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, float, Any, int]:
    t0 = time.perf_counter()
    result = fn()  # warm-up
    took = time.perf_counter() - t0
    if took > SLOW:
        runs = 1
    elif took > SLOWISH:
        runs = min(runs, 5)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1000, _pct(times, 0.95), result, runs


def api_rows(db: Path, runs: int) -> list[tuple[str, float, float, str]]:
    out = []
    with powderkeg.open(db, read_only=True) as kb:
        top = kb.summary().top_dyads[0]
        dyad = (top[0], top[1])
        actor = kb.actors()[0].code
        calls: list[tuple[str, Callable[[], Any]]] = [
            (f"events(dyad={dyad[0]}-{dyad[1]}, limit=50)", lambda: kb.events(dyad=dyad, limit=50)),
            ("events(type=ASSAULT, limit=50)", lambda: kb.events(type="ASSAULT", limit=50)),
            (f"events(actor={actor}, limit=50)", lambda: kb.events(actor=actor, limit=50)),
            ("events(since=2021-03, until=2021-04, limit=50)",
             lambda: kb.events(since="2021-03", until="2021-04", limit=50)),
            (f"events(actor={actor}, since=2024-01, limit=50)", lambda: kb.events(actor=actor, since="2024-01",
                                                                                  limit=50)),
            ("event_timeline() (counts by month)", kb.event_timeline),
            (f"event_timeline(actor={actor})", lambda: kb.event_timeline(actor=actor)),
            ("disputes(limit=50)", lambda: kb.disputes(limit=50)),
            ("actors()", kb.actors),
            ("summary()", kb.summary),
        ]
        for name, fn in calls:
            p50, p95, result, n = timed(fn, runs)
            size = (f"{len(result)} rows" if isinstance(result, list) else "") + (f" ({n} runs)" if n != runs else "")
            out.append((name, p50, p95, size))
            print(f"  {name}: p50 {p50:.0f} ms, p95 {p95:.0f} ms", file=sys.stderr, flush=True)
    return out


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_rows(db: Path, runs: int, only: list[str] | None = None) -> list[tuple[str, float, float, str]]:
    import uvicorn

    from powderkeg.web import create_app

    with powderkeg.open(db, read_only=True) as kb:
        busiest = max(kb.articles(limit=200), key=lambda a: a.n_events)
        top = kb.summary().top_dyads[0]
        actor = kb.actors()[0].code
        # the keyset link the pager gives at row 50,000 (its cursor found once, by the slow offset route)
        deep = kb.events(sort="outlet", descending=True, limit=1, offset=49_999)[0].id
        deep_type = kb.events(sort="type", descending=True, limit=1, offset=49_999)[0].id
    paths = [
        "/", "/events", f"/events?type=ACCUSE&actor={actor}", "/events?sort=outlet",
        "/events?sort=outlet&order=desc&offset=10000", "/events?sort=outlet&order=desc&offset=50000",
        f"/events?sort=outlet&order=desc&after={deep}&offset=50000",
        "/events?sort=source&offset=10000", "/events?sort=type&order=desc&offset=10000",
        f"/events?sort=type&order=desc&after={deep_type}&offset=50000",
        "/events?q=troops", f"/events?dyad={top[0]}-{top[1]}&since=2024-01&until=2024-12",
        "/articles", "/articles?q=Javelin", f"/articles/{busiest.id}", "/actors", f"/actors/{actor}",
        "/arms", "/arms?system=javelin", "/quotes", "/labels", "/disputes", f"/outlets?actor={actor}",
        "/incidents", "/deals", "/copies", "/sql",
        "/api/events?limit=50", "/api/summary", "/api/disputes?limit=50", "/api/actors",
    ]
    if only:
        paths = [p for p in paths if any(p.split("?")[0].rstrip("/").startswith(o) or p.startswith(o) for o in only)]
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    out = []
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=TIMEOUT) as client:
            for path in paths:
                def get(path: str = path) -> httpx.Response:
                    return client.get(path)
                try:
                    p50, p95, res, n = timed(get, runs)
                except httpx.TimeoutException:
                    out.append((path, TIMEOUT * 1000, TIMEOUT * 1000, f"no reply within {TIMEOUT:.0f} s"))
                    print(f"  {path}: no reply within {TIMEOUT:.0f} s", file=sys.stderr, flush=True)
                    continue
                except httpx.HTTPError as exc:
                    out.append((path, float("nan"), float("nan"), f"failed: {exc}"))
                    continue
                note = (f"{len(res.content) / 1024:.0f} KiB" + ("" if res.status_code == 200 else f" HTTP {res.status_code}")
                        + (f" ({n} runs)" if n != runs else ""))
                out.append((path, p50, p95, note))
                print(f"  {path}: p50 {p50:.0f} ms, p95 {p95:.0f} ms, {note}", file=sys.stderr, flush=True)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, nargs="+", default=[1_000_000, 10_000_000])
    ap.add_argument("--dir", type=Path, default=Path("/tmp"))
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--no-http", action="store_true", help="only the Python API figures")
    ap.add_argument("--no-api", action="store_true", help="only the HTTP figures")
    ap.add_argument("--only", nargs="+", help="only the pages whose path (or path and query) starts with one of these "
                    "(/labels /api '/events?sort=')")
    args = ap.parse_args()
    for n in args.events:
        db = args.dir / f"powderkeg-bigstore-{n}.duckdb"
        took = build(db, n)
        with powderkeg.open(db, read_only=True) as kb:
            s = kb.summary()
        print(f"\n== {db}: {s.n_articles:,} articles, {s.n_events:,} events, "
              f"{db.stat().st_size / 2**30:.2f} GiB" + (f", built in {took:.0f} s" if took else "")
              + f"; load average {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores), runs {args.runs}")
        rows = [] if args.no_api else api_rows(db, args.runs)
        if not args.no_http:
            rows += http_rows(db, args.runs, args.only)
        print(f"{'call':<62} {'p50 ms':>8} {'p95 ms':>8}  size")
        for name, p50, p95, note in rows:
            shown = name if len(name) <= 62 else name[:59] + "..."
            print(f"{shown:<62} {p50:>8.0f} {p95:>8.0f}  {note}", flush=True)
        print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()

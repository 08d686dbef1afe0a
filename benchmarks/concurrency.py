"""Read while an ingest writes (issue 14): query latencies from `serve` and the CLI during an ingest.

    .venv/bin/python benchmarks/concurrency.py [--articles 200] [--batch-size 8] [--workdir DIR]

Writes a corpus of short news articles (built below from a table of sentences),
starts `powderkeg serve` as a real process on an empty database, starts a real
`powderkeg ingest` of the corpus, and while it runs polls `/api/summary` over
HTTP and runs `powderkeg summary`, `sql` and `events --format json` in a loop; a
second ingest is started meanwhile and must be refused as busy. Prints the
p50/p95/max latencies, the article counts seen and how the ingest ended. Not a
test: tests/test_concurrency.py runs the same `run()` and asserts on its result.
The corpus: each article is three to five sentences about one pair of states, in
the manner of wire copy (accusations, denials, talks, deliveries, sanctions,
protests), varied in pair, day, outlet and sentence mix so each gets its own id.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

#: (name, capital) of states the bundled gazetteer knows.
STATES: tuple[tuple[str, str], ...] = (
    ("Serbia", "Belgrade"), ("Kosovo", "Pristina"), ("Turkey", "Ankara"), ("Greece", "Athens"),
    ("India", "New Delhi"), ("Pakistan", "Islamabad"), ("Israel", "Jerusalem"), ("Lebanon", "Beirut"),
    ("Iran", "Tehran"), ("China", "Beijing"), ("Taiwan", "Taipei"), ("Russia", "Moscow"),
    ("Ukraine", "Kyiv"), ("Poland", "Warsaw"), ("Armenia", "Yerevan"), ("Azerbaijan", "Baku"),
    ("Egypt", "Cairo"), ("Ethiopia", "Addis Ababa"), ("Japan", "Tokyo"), ("Germany", "Berlin"),
)
OUTLETS = ("Harbour Post", "Plain Ledger", "Ridge Courier", "Delta Observer", "Summit Daily")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
CITIES = ("Geneva", "Vienna", "Doha", "Oslo", "Brussels", "Istanbul")
OPENERS = (
    "{a} accused {b} of moving troops closer to the border, the foreign ministry in {cap_a} said on {day}.",
    "{a} pledged to deliver {n} armoured vehicles to {b} before the end of the year.",
    "Officials from {a} and {b} met in {city} on {day} to discuss a new trade agreement.",
    "{a} imposed sanctions on {n} companies in {b} over what it called illegal arms shipments.",
    "{a} recalled its ambassador from {b} on {day} after a row over visas for journalists.",
    "Talks between {a} and {b} on sharing river water ended in {city} without agreement on {day}.",
    "{a} condemned a drone strike near its border with {b} and demanded an independent investigation.",
    "The government of {a} praised {b} for sending rescue teams after the floods, officials said on {day}.",
)
FOLLOW_UPS = (
    "{b} rejected the accusation and called it an attempt to distract from problems at home.",
    "A spokesman in {cap_b} denied the report, saying no such decision had been taken.",
    "Negotiators said a second round would take place in {city} next month.",
    "The defence minister of {a} said the move would strengthen security in the region.",
    "Several hundred protesters gathered outside the embassy of {b} in {cap_a} on {day}.",
    "Diplomats in {city} said both sides had agreed to keep the channel open.",
    "{b} warned that it would respond if the measures were not lifted within a week.",
    "Analysts said the dispute could delay a planned visit by the president of {a} to {cap_b}.",
)
#: The last sentence carries a figure of its own, so no two articles share a text (the id is a hash of it).
CLOSERS = (
    "Officials in {cap_a} put the cost of the measures at {m} million euros.",
    "The ministry said {m} people had been questioned so far.",
    "Customs officers reported {m} lorries waiting at the crossing.",
    "Local media said {m} soldiers had been moved to the area since the spring.",
)


def article(i: int) -> dict[str, str]:
    """The i-th article of the corpus: a JSONL record (SCHEMA.md input)."""
    a, cap_a = STATES[i % len(STATES)]
    b, cap_b = STATES[(i * 7 + 3) % len(STATES)]
    if b == a:
        b, cap_b = STATES[(i + 1) % len(STATES)]
    words = {"a": a, "b": b, "cap_a": cap_a, "cap_b": cap_b, "day": DAYS[i % 7], "city": CITIES[i % len(CITIES)],
             "n": str(3 + i % 40), "m": str(12 + i)}
    opener = OPENERS[i % len(OPENERS)]
    follow = [FOLLOW_UPS[(i + k * 3) % len(FOLLOW_UPS)] for k in range(1 + i % 3)]
    closer = CLOSERS[i % len(CLOSERS)]
    text = " ".join(s.format(**words) for s in (opener, *follow, closer))
    month, day = 1 + i % 12, 1 + (i * 5) % 28
    return {"id": f"wire-{i:04d}", "title": f"{a} and {b}: {opener.split(' ')[1]} ({i})",
            "outlet": OUTLETS[i % len(OUTLETS)], "published": f"2024-{month:02d}-{day:02d}",
            "url": f"https://news.example/{i:04d}", "text": text}


def write_corpus(path: Path, n: int, *, first: int = 0) -> list[str]:
    """Write articles first..first+n-1 to `path` as JSONL; returns their ids."""
    records = [article(i) for i in range(first, first + n)]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return [r["id"] for r in records]


@dataclass(frozen=True)
class Observation:
    """One query made while the ingest ran: who asked, when, how long it took, what it saw."""

    via: str  # http-summary | cli-summary | cli-sql | cli-events
    at: float  # seconds since the ingest started
    seconds: float
    n_articles: int | None = None
    n_events: int | None = None
    error: str | None = None


@dataclass
class RunResult:
    """What happened in one run of `run`."""

    expected_ids: list[str]
    observations: list[Observation] = field(default_factory=list)
    ingest_rc: int | None = None
    ingest_seconds: float = 0.0
    ingest_output: str = ""
    second_rc: int | None = None  # the ingest started while the first one ran
    second_output: str = ""
    stored_ids: list[str] = field(default_factory=list)  # external ids of the stored articles, with repeats

    def by(self, prefix: str) -> list[Observation]:
        return [o for o in self.observations if o.via.startswith(prefix)]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _cli(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "powderkeg", "--db", str(db), *args]


def _poll_http(base: str, t0: float, stop: threading.Event, out: list[Observation], interval: float) -> None:
    with httpx.Client(base_url=base, timeout=30) as client:
        while not stop.is_set():
            start = time.perf_counter()
            try:
                res = client.get("/api/summary")
                took = time.perf_counter() - start
                if res.status_code == 200:
                    body = res.json()
                    out.append(Observation("http-summary", start - t0, took, body["n_articles"], body["n_events"]))
                else:
                    out.append(Observation("http-summary", start - t0, took, error=f"HTTP {res.status_code}: "
                                           f"{res.text[:300]}"))
            except httpx.HTTPError as exc:
                out.append(Observation("http-summary", start - t0, time.perf_counter() - start, error=repr(exc)))
            stop.wait(interval)


def _cli_query(db: Path, kind: str, t0: float) -> Observation:
    args = {"cli-summary": ("summary",), "cli-sql": ("sql", "SELECT count(*) AS n FROM articles", "--format", "json"),
            "cli-events": ("events", "--format", "json")}[kind]
    start = time.perf_counter()
    proc = subprocess.run(_cli(db, *args), capture_output=True, text=True, timeout=120,
                          env={**os.environ, "COLUMNS": "200"})
    took = time.perf_counter() - start
    if proc.returncode != 0:
        return Observation(kind, start - t0, took, error=f"exit {proc.returncode}: {proc.stderr.strip()[:300]}")
    if kind == "cli-summary":
        found = re.search(r"database: (\d+) articles, (\d+) events", proc.stdout)
        if found is None:
            return Observation(kind, start - t0, took, error=f"unexpected output: {proc.stdout[:300]}")
        return Observation(kind, start - t0, took, int(found[1]), int(found[2]))
    rows = json.loads(proc.stdout)
    if kind == "cli-sql":
        return Observation(kind, start - t0, took, n_articles=int(rows[0]["n"]))
    return Observation(kind, start - t0, took, n_events=len(rows))


def _wait_for_server(base: str, server: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"powderkeg serve exited with {server.returncode}")
        try:
            if httpx.get(base + "/api/summary", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"powderkeg serve did not answer at {base} within {timeout:g} s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def run(workdir: Path, *, n_articles: int = 200, batch_size: int = 8, http_interval: float = 0.2,
        cli_interval: float = 0.5, workers: int = 1) -> RunResult:
    """Serve an empty database, ingest `n_articles` into it, and query it all along (see the module doc).

    The ingest extracts in `workers` processes (1 by default: on a 2-core machine a second
    worker leaves the server and the query processes no core, which measures starvation, not
    the read-while-write design).

    The pauses between queries (`http_interval`, `cli_interval` seconds) leave the ingest
    some CPU on a small machine: each CLI query is a whole Python process.
    """
    import powderkeg

    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "kb.duckdb"
    corpus = workdir / "wire.jsonl"
    result = RunResult(expected_ids=write_corpus(corpus, n_articles))
    powderkeg.open(db).close()  # an empty knowledge base for `serve` to start on
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = (workdir / "serve.log").open("wb")
    server = subprocess.Popen(_cli(db, "serve", "--port", str(port)), stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_for_server(base, server)
        ingest_log = workdir / "ingest.log"
        with ingest_log.open("wb") as fh:
            t0 = time.perf_counter()
            ingest = subprocess.Popen(_cli(db, "ingest", str(corpus), "--batch-size", str(batch_size),
                                           "--workers", str(workers)),
                                      stdout=fh, stderr=subprocess.STDOUT, env={**os.environ, "COLUMNS": "200"})
            stop = threading.Event()
            http: list[Observation] = []
            poller = threading.Thread(target=_poll_http, args=(base, t0, stop, http, http_interval),
                                      daemon=True)
            poller.start()
            kinds = ("cli-summary", "cli-sql", "cli-events")
            k = 0
            try:
                while ingest.poll() is None:
                    if result.second_rc is None and _lock_held(db):
                        second = subprocess.run(_cli(db, "ingest", str(corpus)), capture_output=True, text=True,
                                                timeout=120, env={**os.environ, "COLUMNS": "200"})
                        result.second_rc, result.second_output = second.returncode, second.stderr + second.stdout
                        continue
                    result.observations.append(_cli_query(db, kinds[k % len(kinds)], t0))
                    k += 1
                    time.sleep(cli_interval)
                result.ingest_rc = ingest.wait()
                result.ingest_seconds = time.perf_counter() - t0
                for kind in kinds:  # one more of each after the end: they must see every article
                    result.observations.append(_cli_query(db, kind, t0))
                time.sleep(0.3)
            finally:
                stop.set()
                poller.join(timeout=30)
                _stop(ingest)
            result.observations.extend(http)
        result.ingest_output = ingest_log.read_text(encoding="utf-8", errors="replace")
    finally:
        _stop(server)
        log.close()
    result.observations.sort(key=lambda o: o.at)
    with powderkeg.open(db, read_only=True) as kb:
        result.stored_ids = [a.external_id or a.id for a in kb.articles()]
    return result


def _lock_held(db: Path) -> bool:
    from powderkeg.store import ingest_holder

    return ingest_holder(db) is not None


def _percentiles(values: list[float]) -> str:
    if not values:
        return "no queries"
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return (f"n={len(ordered):4d}  p50 {statistics.median(ordered) * 1000:7.1f} ms  p95 {p95 * 1000:7.1f} ms  "
            f"max {ordered[-1] * 1000:7.1f} ms")


def report(result: RunResult) -> str:
    """The figures of one run, as printed by the benchmark and the test."""
    lines = [f"ingest: exit {result.ingest_rc} after {result.ingest_seconds:.1f} s; "
             f"{len(result.stored_ids)} articles stored ({len(set(result.stored_ids))} distinct) "
             f"of {len(result.expected_ids)}",
             f"second ingest meanwhile: exit {result.second_rc}: {result.second_output.strip()[:200]}"]
    during = [o for o in result.observations if o.at <= result.ingest_seconds]
    for via in ("http-summary", "cli-summary", "cli-sql", "cli-events"):
        mine = [o for o in during if o.via == via]
        errors = [o for o in mine if o.error]
        counts = [o.n_articles for o in mine if o.n_articles is not None]
        seen = f"; articles seen {counts[0]}..{counts[-1]} ({len(set(counts))} distinct)" if counts else ""
        lines.append(f"{via:<13} during ingest: {_percentiles([o.seconds for o in mine])}; "
                     f"{len(errors)} errors{seen}")
    for via in ("http-summary", "cli-summary", "cli-sql", "cli-events"):  # the same queries with no writer
        idle = [o.seconds for o in result.observations if o.via == via and o.at > result.ingest_seconds]
        lines.append(f"{via:<13} after ingest:  {_percentiles(idle)}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--batch-size", type=int, default=8)
    ap.add_argument("--http-interval", type=float, default=0.2, help="seconds between two HTTP queries")
    ap.add_argument("--cli-interval", type=float, default=0.5, help="seconds between two CLI queries")
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--workers", type=int, default=1, help="extraction processes of the ingest")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="powderkeg-concurrency-") as tmp:
        result = run(args.workdir or Path(tmp), n_articles=args.articles, batch_size=args.batch_size,
                     workers=args.workers,
                     http_interval=args.http_interval, cli_interval=args.cli_interval)
    print(report(result))
    for o in result.observations:
        if o.error:
            print(f"  error at {o.at:.1f} s ({o.via}): {o.error}")


if __name__ == "__main__":
    main()

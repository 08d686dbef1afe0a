"""The JSON API over a real knowledge base (the demo corpus plus one hostile article)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

import powderkeg


@pytest.fixture(scope="module")
def kb(web_db: Path):
    with powderkeg.open(web_db, read_only=True) as knowledge_base:
        yield knowledge_base


def test_summary_matches_the_store(client: TestClient, kb) -> None:
    body = client.get("/api/summary").json()
    expected = kb.summary()
    assert body["n_articles"] == expected.n_articles == 22
    assert body["n_events"] == expected.n_events > 50
    assert body["events_by_type"] == expected.events_by_type


def test_events_page_and_next_link(client: TestClient, kb) -> None:
    first = client.get("/api/events", params={"limit": 10}).json()
    assert first["count"] == 10 and first["total"] == kb.summary().n_events
    assert first["next"].startswith("/api/events?") and "offset=10" in first["next"]
    second = client.get(first["next"]).json()
    assert second["offset"] == 10
    assert {e["id"] for e in first["items"]}.isdisjoint(e["id"] for e in second["items"])
    last = client.get("/api/events", params={"limit": 10, "offset": first["total"] - 3}).json()
    assert last["count"] == 3 and last["next"] is None


@pytest.mark.parametrize(("params", "check"), [
    ({"type": "ACCUSE"}, lambda e: e["type"] == "ACCUSE"),
    ({"type": "accuse,reject"}, lambda e: e["type"] in ("ACCUSE", "REJECT")),
    ({"actor": "srb"}, lambda e: "SRB" in (e["source"], e["target"])),
    ({"source": "EU", "target": "SRB"}, lambda e: (e["source"], e["target"]) == ("EU", "SRB")),
    ({"dyad": "SRB-XKX"}, lambda e: {e["source"], e["target"]} == {"SRB", "XKX"}),
    ({"status": "denied"}, lambda e: e["status"] == "denied"),
    ({"since": "2025-06", "until": "2025-09-30"}, lambda e: "2025-06-01" <= e["published"] <= "2025-09-30"),
    ({"q": "javelin"}, lambda e: "javelin" in e["evidence"].lower()),
])
def test_event_filters(client: TestClient, kb, params: dict[str, str], check) -> None:
    body = client.get("/api/events", params={**params, "limit": 1000}).json()
    assert body["items"], params
    assert all(check(e) for e in body["items"]), params
    assert body["total"] == len(body["items"]) < kb.summary().n_events


def test_dyad_is_both_directions_and_source_target_one(client: TestClient) -> None:
    both = client.get("/api/events", params={"dyad": "XKX-SRB"}).json()["total"]
    one = client.get("/api/events", params={"source": "XKX", "target": "SRB"}).json()["total"]
    other = client.get("/api/events", params={"source": "SRB", "target": "XKX"}).json()["total"]
    assert both == one + other and one > 0 and other > 0


def test_outlet_filter_is_case_insensitive(client: TestClient, kb) -> None:
    outlet = kb.outlets()[0][0]
    body = client.get("/api/events", params={"outlet": outlet.upper(), "limit": 1000}).json()
    assert body["items"] and {e["outlet"] for e in body["items"]} == {outlet}


@pytest.mark.parametrize("column", ["published", "source", "target", "type", "status", "outlet"])
def test_sorting(client: TestClient, column: str) -> None:
    asc = [e[column] for e in client.get("/api/events", params={"sort": column, "limit": 1000}).json()["items"]]
    desc = [e[column] for e in client.get("/api/events", params={"sort": column, "order": "desc",
                                                                  "limit": 1000}).json()["items"]]
    present = [v for v in asc if v is not None]
    assert present == sorted(present)
    assert [v for v in desc if v is not None] == sorted(present, reverse=True)


def test_events_csv_download(client: TestClient) -> None:
    res = client.get("/api/events", params={"type": "ACCUSE", "format": "csv", "limit": 1000})
    assert res.status_code == 200
    assert res.headers["content-type"].startswith("text/csv")
    assert "attachment" in res.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(res.text)))
    total = client.get("/api/events", params={"type": "ACCUSE"}).json()["total"]
    assert len(rows) == total and {r["type"] for r in rows} == {"ACCUSE"}
    assert {"evidence", "article_id", "outlet", "published"} <= set(rows[0])


def test_empty_csv_still_has_a_header(client: TestClient) -> None:
    res = client.get("/api/events", params={"q": "no such words anywhere", "format": "csv"})
    assert res.text.strip().split(",")[:3] == ["id", "article_id", "source"]


@pytest.mark.parametrize(("path", "params", "bad"), [
    ("/api/events", {"type": "FOO"}, "type"),
    ("/api/events", {"since": "last week"}, "since"),
    ("/api/events", {"until": "2025-13-99x"}, "until"),
    ("/api/events", {"limit": "0"}, "limit"),
    ("/api/events", {"limit": "1000000"}, "limit"),
    ("/api/events", {"dyad": "SRB"}, "dyad"),
    ("/api/events", {"sort": "evidence; DROP TABLE events"}, "sort"),
    ("/api/events", {"status": "rumoured"}, "status"),
    ("/api/events", {"format": "xml"}, "format"),
    ("/api/arms", {"status": "stolen"}, "status"),
    ("/api/quotes", {"kind": "sarcastic"}, "kind"),
    ("/api/disputes", {"kind": "everything"}, "kind"),
    ("/api/sql", {}, "q"),
    ("/api/actors/1234", {}, "code"),
])
def test_bad_parameters_are_422_naming_the_parameter(client: TestClient, path: str, params: dict[str, str],
                                                      bad: str) -> None:
    res = client.get(path, params=params)
    assert res.status_code == 422, res.text
    body = res.json()
    assert bad in body["error"] and any(d["param"] == bad for d in body["details"])
    assert "Traceback" not in res.text


@pytest.mark.parametrize("path", ["/api/articles/ffffffffffff", "/api/actors/ZZZ", "/api/nowhere"])
def test_unknown_things_are_404_json(client: TestClient, path: str) -> None:
    res = client.get(path)
    assert res.status_code == 404
    assert res.headers["content-type"].startswith("application/json")
    assert res.json()["error"]


def test_article_detail_offsets_point_at_the_evidence(client: TestClient, kb) -> None:
    article = next(a for a in kb.articles() if a.n_events >= 3)
    body = client.get(f"/api/articles/{article.id[:10]}").json()
    text = body["text"]
    assert body["article"]["id"] == article.id and len(body["events"]) == article.n_events
    for event in body["events"]:
        assert text[event["start"]:event["end"]] == event["evidence"]
    for mention in body["mentions"]:
        assert text[mention["start"]:mention["end"]] == mention["text"]


def test_actor_detail(client: TestClient) -> None:
    body = client.get("/api/actors/srb").json()
    assert body["actor"]["code"] == "SRB"
    assert any(d["source"] == "SRB" for d in body["dyads"]) and any(d["target"] == "SRB" for d in body["dyads"])
    assert body["timeline"] and all(t["n"] > 0 for t in body["timeline"])
    assert any(p["actor"] == "SRB" for p in body["people"])


@pytest.mark.parametrize(("path", "params", "key", "value"), [
    ("/api/arms", {"supplier": "USA"}, "supplier", "USA"),
    ("/api/arms", {"system": "javelin"}, "system", "Javelin"),
    ("/api/quotes", {"kind": "direct"}, "kind", "direct"),
    ("/api/labels", {"target": "XKX"}, "target", "XKX"),
    ("/api/people", {"actor": "SRB"}, "actor", "SRB"),
])
def test_other_lists_filter(client: TestClient, path: str, params: dict[str, str], key: str, value: str) -> None:
    body = client.get(path, params=params).json()
    assert body["items"] and all(item[key] == value for item in body["items"]), body["items"][:2]


def test_disputes_have_both_sides(client: TestClient) -> None:
    items = client.get("/api/disputes").json()["items"]
    assert items
    for dispute in items:
        assert dispute["asserted"] and dispute["denied"]
        assert all(s["evidence"] for s in dispute["asserted"] + dispute["denied"])


def test_label_usage_and_outlets(client: TestClient) -> None:
    usage = client.get("/api/labels/usage", params={"target": "XKX"}).json()["items"]
    assert usage and all(u["target"] == "XKX" and u["n"] >= 1 for u in usage)
    outlets = client.get("/api/outlets").json()["items"]
    assert sum(o["n_articles"] for o in outlets) <= 22 and outlets[0]["n_articles"] >= outlets[-1]["n_articles"]


def test_sql_reads(client: TestClient, kb) -> None:
    body = client.get("/api/sql", params={"q": "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC"}).json()
    assert body["columns"] == ["type", "n"]
    assert {row[0]: row[1] for row in body["rows"]} == kb.summary().events_by_type


def test_sql_row_limit(client: TestClient) -> None:
    body = client.get("/api/sql", params={"q": "SELECT * FROM events", "limit": 5}).json()
    assert body["count"] == 5 and body["truncated"] is True


def test_sql_time_limit(client: TestClient) -> None:
    res = client.get("/api/sql", params={"q": "SELECT sum(a.range * b.range) FROM range(200000) a, range(200000) b"})
    assert res.status_code == 400 and "time limit" in res.json()["error"]


@pytest.mark.parametrize("query", [
    "DELETE FROM events",
    "INSERT INTO articles (id) VALUES ('x')",
    "UPDATE events SET type = 'AGREE'",
    "DROP TABLE events",
    "CREATE TABLE t AS SELECT 1",
    "ATTACH '/tmp/other.duckdb' AS other",
    "INSTALL httpfs",
    "LOAD httpfs",
    "COPY events TO '/tmp/events.csv'",
    "EXPORT DATABASE '/tmp/dump'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM '/etc/passwd'",
    "SELECT content FROM read_text('/etc/hostname')",
    "SELECT getenv('HOME')",
    "SET enable_external_access = true",
    "PRAGMA database_list",
    "SELECT 1; DELETE FROM events",
])
def test_sql_refuses_anything_but_reading(client: TestClient, kb, query: str) -> None:
    before = kb.summary().n_events
    res = client.get("/api/sql", params={"q": query})
    assert res.status_code == 400, (query, res.text)
    assert res.json()["error"] and "Traceback" not in res.text
    assert kb.summary().n_events == before


def test_there_is_no_write_endpoint(client: TestClient) -> None:
    app = client.app
    for route in app.routes:
        if isinstance(route, APIRoute):
            assert route.methods <= {"GET", "HEAD"}, (route.path, route.methods)
    for method in ("post", "put", "delete", "patch"):
        res = client.request(method, "/api/events")
        assert res.status_code == 405 and "read-only" in res.json()["error"]


def test_openapi_and_local_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/arms", "/api/sql", "/api/disputes", "/api/articles/{article_id}"} <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "/static/docs/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    assert client.get("/static/docs/swagger-ui-bundle.js").status_code == 200


def test_chart_and_mix_counts_agree_with_the_events(kb) -> None:
    outlet = kb.outlets()[0][0]
    mix = kb.event_counts(actor="SRB", outlet=outlet)
    assert mix and sum(n for _, n in mix) == kb.count_events(actor="SRB", outlet=outlet)
    timeline = kb.event_timeline(actor="SRB")
    dated = [e for e in kb.events(actor="SRB") if e.published]
    assert sum(n for _, _, n in timeline) == len(dated) > 0
    assert {m for m, _, _ in timeline} == {e.published[:7] for e in dated}


@pytest.mark.parametrize("path", ["/api/events", "/api/articles", "/api/arms", "/api/quotes", "/api/labels",
                                  "/api/disputes", "/api/actors", "/api/people", "/api/outlets"])
def test_negative_offset_is_clamped(client: TestClient, path: str) -> None:
    clamped = client.get(path, params={"offset": -40, "limit": 5})
    assert clamped.status_code == 200, clamped.text
    assert clamped.json()["offset"] == 0
    assert clamped.json()["items"] == client.get(path, params={"limit": 5}).json()["items"]


@pytest.mark.parametrize("path", ["/api/events", "/api/articles", "/api/arms", "/api/quotes", "/api/labels",
                                  "/api/disputes", "/api/actors", "/api/people", "/api/outlets"])
def test_offset_past_the_end_says_so(client: TestClient, path: str) -> None:
    body = client.get(path, params={"offset": 9_000_000}).json()
    assert body["items"] == [] and body["next"] is None
    assert body["total"] > 0 and f"({body['total']} in all)" in body["note"] and "past the end" in body["note"]


def test_sql_reply_names_its_limits(client: TestClient) -> None:
    body = client.get("/api/sql", params={"q": "SELECT 1 AS one"}).json()
    assert body["rows"] == [[1]] and body["truncated"] is False and body["truncated_by"] == []
    assert body["limits"]["seconds"] == 2.0 and body["limits"]["bytes"] > 0 and body["limits"]["cell_chars"] > 0

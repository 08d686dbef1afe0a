"""Filters as users type them into the API and the pages (issue 14): strict dates (422), actor names
resolved and reported, outlets by part of the name, and the undated items a date range leaves out."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from powderkeg.web import create_app


@pytest.fixture(scope="module")
def web(undated_db: Path) -> Iterator[TestClient]:
    """The real app over the demo knowledge base plus two undated articles."""
    with TestClient(create_app(undated_db, sql_timeout=2.0), raise_server_exceptions=False,
                    base_url="http://localhost") as client:
        yield client


BAD_DATES = [("since", "2023-13"), ("since", "0000"), ("until", "2023-00"), ("until", "2024-02-30")]


@pytest.mark.parametrize("path", ["/api/events", "/api/arms", "/api/quotes", "/api/labels", "/api/articles"])
@pytest.mark.parametrize(("param", "value"), BAD_DATES)
def test_impossible_dates_are_422_in_the_api(web: TestClient, path: str, param: str, value: str) -> None:
    res = web.get(path, params={param: value})
    assert res.status_code == 422
    body = res.json()
    assert body["error"] == f"invalid value for {param}"
    assert [d["param"] for d in body["details"]] == [param]
    assert value in body["details"][0]["message"]


@pytest.mark.parametrize("path", ["/events", "/articles"])
@pytest.mark.parametrize(("param", "value"), BAD_DATES)
def test_impossible_dates_get_the_error_page(web: TestClient, path: str, param: str, value: str) -> None:
    res = web.get(path, params={param: value})
    assert res.status_code == 422 and res.headers["content-type"].startswith("text/html")
    assert f"invalid value for {param}" in res.text and "Traceback" not in res.text


@pytest.mark.parametrize(("path", "param", "name", "code", "column"), [
    ("/api/events", "actor", "Kosovo", "XKX", None),
    ("/api/events", "source", "Serbia", "SRB", "source"),
    ("/api/events", "target", "kosovo", "XKX", "target"),
    ("/api/arms", "recipient", "Kosovo", "XKX", "recipient"),
    ("/api/arms", "supplier", "United States", "USA", "supplier"),
    ("/api/quotes", "actor", "Serbia", "SRB", "actor"),
    ("/api/labels", "target", "Kosovo", "XKX", "target"),
    ("/api/people", "actor", "Priština", "XKX", "actor"),
    ("/api/disputes", "actor", "Serbia", "SRB", None),
])
def test_actor_names_resolve_in_the_api(web: TestClient, path: str, param: str, name: str, code: str,
                                        column: str | None) -> None:
    by_name = web.get(path, params={param: name, "limit": 1000}).json()
    by_code = web.get(path, params={param: code, "limit": 1000}).json()
    assert by_name["items"] and by_name["items"] == by_code["items"]
    assert by_name["resolved"][param]["code"] == code and by_name["resolved"][param]["text"] == name
    if column:
        assert all(item[column] == code for item in by_name["items"])


def test_dyad_of_names(web: TestClient) -> None:
    body = web.get("/api/events", params={"dyad": "Serbia,Kosovo", "limit": 1000}).json()
    assert body["items"] and all({e["source"], e["target"]} == {"SRB", "XKX"} for e in body["items"])
    assert body["total"] == web.get("/api/events", params={"dyad": "SRB-XKX"}).json()["total"]


@pytest.mark.parametrize(("path", "param"), [("/api/events", "actor"), ("/api/arms", "supplier"),
                                             ("/events", "actor"), ("/arms", "recipient")])
def test_an_unknown_actor_is_422_with_suggestions(web: TestClient, path: str, param: str) -> None:
    res = web.get(path, params={param: "Kosvo"})
    assert res.status_code == 422
    assert "unknown actor &#39;Kosvo&#39;; did you mean Kosovo (XKX)?" in res.text or (
        res.json()["details"][0]["message"] == "unknown actor 'Kosvo'; did you mean Kosovo (XKX)?")


def test_the_events_page_says_which_code_a_name_stood_for(web: TestClient) -> None:
    res = web.get("/events", params={"actor": "Kosovo", "source": "Serbia"})
    assert res.status_code == 200
    assert 'actor &#34;Kosovo&#34; = XKX' in res.text and 'source &#34;Serbia&#34; = SRB' in res.text
    assert 'id="resolved-actors"' in res.text
    assert 'id="resolved-actors"' not in web.get("/events", params={"actor": "XKX"}).text


@pytest.mark.parametrize("typed", ["balkan", "BALKAN LEDGER", "ledger"])
def test_outlet_matches_part_of_the_name(web: TestClient, typed: str) -> None:
    for path in ("/api/events", "/api/arms", "/api/articles"):
        items = web.get(path, params={"outlet": typed, "limit": 1000}).json()["items"]
        outlets = {i["outlet"] for i in items}
        assert "Balkan Ledger" in outlets and all(typed.lower() in o.lower() for o in outlets), path


def test_outlet_wildcards_match_themselves(web: TestClient) -> None:
    items = web.get("/api/articles", params={"outlet": "_ledger%"}).json()["items"]
    assert [i["outlet"] for i in items] == ["Balkan_Ledger%Weekly"]


@pytest.mark.parametrize("path", ["/api/events", "/api/quotes", "/api/articles"])
def test_the_api_counts_what_the_date_range_left_out(web: TestClient, path: str) -> None:
    dated = web.get(path, params={"since": "2000", "limit": 1000}).json()
    n = dated["undated_left_out"]
    assert n > 0 and "include_undated=true" in dated["undated_url"]
    both = web.get(path, params={"since": "2000", "include_undated": "true", "limit": 1000}).json()
    only = web.get(path, params={"undated_only": "true", "limit": 1000}).json()
    assert "undated_left_out" not in both and len(both["items"]) == len(dated["items"]) + n
    assert len(only["items"]) == n and all(i["published"] is None for i in only["items"])
    assert web.get(dated["undated_url"]).json()["items"] == both["items"]
    assert "undated_left_out" not in web.get(path, params={"limit": 1000}).json()  # no range: all listed


def test_the_events_page_offers_the_undated_events(web: TestClient) -> None:
    res = web.get("/events", params={"since": "2025"})
    assert 'id="undated-note"' in res.text and "undated events left out by the date range" in res.text
    assert "include_undated=true" in res.text and "undated_only=true" in res.text
    only = web.get("/events", params={"undated_only": "true"})
    assert only.status_code == 200 and "Only undated items." in only.text
    assert 'id="event-total" class="total">7<' in only.text


@pytest.mark.parametrize(("path", "noun"), [("/quotes", "quotes"), ("/articles", "articles")])
def test_other_list_pages_offer_their_undated_items(web: TestClient, path: str, noun: str) -> None:
    res = web.get(path, params={"since": "2025"})
    assert f"undated {noun} left out by the date range" in res.text
    included = web.get(path, params={"since": "2025", "include_undated": "true"})
    assert "Undated items included." in included.text and 'id="undated-note"' not in included.text


def test_the_overview_says_how_many_undated_events_the_chart_leaves_out(web: TestClient) -> None:
    res = web.get("/")
    assert res.status_code == 200
    assert "7 undated events not shown" in res.text and 'href="/events?undated_only=true"' in res.text


def test_the_articles_page_offers_the_undated_articles(web: TestClient) -> None:
    res = web.get("/articles", params={"since": "2000"})
    assert "2 undated articles left out by the date range" in res.text
    both = web.get("/articles", params={"since": "2000", "include_undated": "true"})
    assert "Belgrade accuses Pristina over northern arrests" in both.text
    assert "Belgrade accuses Pristina over northern arrests" not in res.text


def test_the_actor_chart_says_how_many_undated_events_it_leaves_out(web: TestClient) -> None:
    n = web.get("/api/events", params={"actor": "ALB", "undated_only": "true"}).json()["total"]
    assert n > 0
    res = web.get("/actors/ALB")
    assert f"{n} undated event" in res.text and "/events?actor=ALB&amp;undated_only=true" in res.text

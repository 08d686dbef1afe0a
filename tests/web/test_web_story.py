"""The web side of issue 16 (one story, many reports): /incidents, /copies, /deals and their API, over the
demo corpus plus copies written here. The Javelin delivery article of the Balkan Ledger is carried again,
word for word, by a second outlet (one article, two reports), and rewritten as a wire copy by a third (an
correction line appended with a Reuters credit): one copy group of three reports, and its incident counts
the near copy as a report but not as an independent source. A fourth article, written here, reports
the approval of the same Javelin sale a year earlier: the deal's first step."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

import powderkeg
from powderkeg.web import create_app

pytestmark = pytest.mark.slow

DESKTOP = {"width": 1280, "height": 860}
PHONE = {"width": 390, "height": 844}

EXACT_OUTLET = "Morava News"
NEAR_OUTLET = "Drina Daily"
APPENDED = "This story has been corrected to show that the launchers arrived in two shipments."


@pytest.fixture(scope="module")
def story_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database plus an exact copy and a near (wire-credited) copy of the Javelin delivery article,
    and a report of the sale's approval."""
    folder = tmp_path_factory.mktemp("story-web")
    path = folder / "story.duckdb"
    shutil.copy(demo_db, path)
    with powderkeg.open(path, read_only=True) as kb:
        origin = next(a for a in kb.articles(outlet="Balkan Ledger") if "Javelin" in (a.title or ""))
        text = kb.article_text(origin.id)
    copies = [
        {"id": "javelin-exact", "title": "Javelins handed over in Pristina", "outlet": EXACT_OUTLET,
         "published": "2025-03-16", "url": "https://morava.example/javelins", "text": text},
        {"id": "javelin-wire", "title": "Kosovo receives Javelin missiles from US", "outlet": NEAR_OUTLET,
         "published": "2025-03-15", "url": "https://drina.example/2025/03/javelins",
         "text": text + "\n\n" + APPENDED + " (Reuters)"},
        {"id": "javelin-approval", "title": "Washington clears Javelin sale to Kosovo", "outlet": "Adriatic Monitor",
         "published": "2024-02-09", "url": "https://adriatic.example/javelin-sale",
         "text": ("The United States approved the sale of 246 Javelin anti-tank missiles to Kosovo, worth $75 million, "
                  "the State Department said on Thursday. Serbia protested the decision and said it would raise it "
                  "with the European Union. Kosovo's defence minister welcomed the approval.")},
    ]
    src = folder / "copies.jsonl"
    src.write_text("".join(json.dumps(c) + "\n" for c in copies), encoding="utf-8")
    with powderkeg.open(path) as kb:
        report = kb.ingest([src])
    assert report.n_new == 2 and report.n_skipped_known == 1, report  # the exact copy costs no parse
    return path


@pytest.fixture(scope="module")
def story(story_db: Path) -> Iterator[TestClient]:
    with TestClient(create_app(story_db), raise_server_exceptions=False, base_url="http://localhost") as client:
        yield client


@pytest.fixture(scope="module")
def javelin_group(story: TestClient) -> dict[str, Any]:
    groups = story.get("/api/copies").json()["items"]
    return next(g for g in groups if any(r["outlet"] == NEAR_OUTLET for r in g["reports"]))


@pytest.fixture(scope="module")
def kurti_incident(story: TestClient) -> dict[str, Any]:
    """Kurti thanking the United States at the handover: the origin, its wire copy, the Eastern Courier."""
    items = story.get("/api/incidents", params={"source": "XKX", "target": "USA", "type": "SUPPORT"}).json()["items"]
    return next(i for i in items if NEAR_OUTLET in i["outlets"])


# --------------------------------------------------------------------------- API


def test_copy_group_has_origin_first_every_report_and_the_wire(javelin_group: dict[str, Any]) -> None:
    outlets = [r["outlet"] for r in javelin_group["reports"]]
    assert outlets[0] == "Balkan Ledger"  # the earliest report is the origin
    assert sorted(outlets) == sorted(["Balkan Ledger", EXACT_OUTLET, NEAR_OUTLET])
    assert javelin_group["group"] == javelin_group["reports"][0]["article"]
    assert javelin_group["wire"] == "Reuters"
    assert set(javelin_group["reports"][0]) == {"article", "outlet", "title", "url", "published"}


def test_incident_counts_the_wire_copy_as_a_report_not_as_an_independent_source(
        kurti_incident: dict[str, Any]) -> None:
    assert kurti_incident["reports"] == 3
    assert kurti_incident["independent"] == 2  # Balkan Ledger and its copy are one source; Eastern Courier the other
    assert kurti_incident["outlets"] == ["Balkan Ledger", "Drina Daily", "Eastern Courier"]
    assert set(kurti_incident) >= {"id", "source", "target", "type", "negated", "date_start", "date_end",
                                   "articles", "outlets", "reports", "independent", "statuses"}


@pytest.mark.parametrize(("query", "check"), [
    ({"actor": "XKX"}, lambda i: "XKX" in (i["source"], i["target"])),
    ({"source": "Kosovo"}, lambda i: i["source"] == "XKX"),
    ({"dyad": "USA-XKX"}, lambda i: {i["source"], i["target"]} == {"USA", "XKX"}),
    ({"type": "SUPPORT,AID"}, lambda i: i["type"] in ("SUPPORT", "AID")),
    ({"since": "2025-06"}, lambda i: (i["first_report"] or "") >= "2025-06"),
    ({"min_reports": 2}, lambda i: i["reports"] >= 2),
])
def test_incident_filters(story: TestClient, query: dict[str, Any], check: Any) -> None:
    reply = story.get("/api/incidents", params={**query, "limit": 10_000})
    assert reply.status_code == 200, reply.text
    items = reply.json()["items"]
    everything = story.get("/api/incidents", params={"limit": 10_000}).json()["total"]
    assert items and all(check(i) for i in items)
    assert len(items) < everything


def test_incidents_sort_by_independent_sources_and_page(story: TestClient) -> None:
    items = story.get("/api/incidents", params={"sort": "independent", "limit": 10_000}).json()["items"]
    assert [i["independent"] for i in items] == sorted((i["independent"] for i in items), reverse=True)
    first = story.get("/api/incidents", params={"sort": "independent", "limit": 2}).json()
    assert first["count"] == 2 and first["total"] == len(items) and "offset=2" in first["next"]
    assert [i["id"] for i in first["items"]] == [i["id"] for i in items[:2]]


def test_incident_window_zero_splits_reports_days_apart(story: TestClient) -> None:
    wide = story.get("/api/incidents", params={"min_reports": 2, "window": 30, "limit": 10_000}).json()["total"]
    narrow = story.get("/api/incidents", params={"min_reports": 2, "window": 0, "limit": 10_000}).json()["total"]
    assert narrow <= wide


@pytest.mark.parametrize(("path", "columns"), [
    ("/api/copies", ["group", "wire", "reports"]),
    ("/api/incidents", ["id", "source", "target", "type", "negated", "date_start", "date_end", "articles",
                        "outlets", "reports", "independent", "statuses", "first_report", "last_report", "evidence",
                        "disputed", "denied_by"]),
    ("/api/deals", ["id", "supplier", "recipient", "system", "status", "quantity", "value_usd", "reports",
                    "independent", "disputed", "steps"]),
])
def test_csv_has_the_json_columns_and_every_row(story: TestClient, path: str, columns: list[str]) -> None:
    reply = story.get(path, params={"format": "csv", "limit": 10_000})
    assert reply.status_code == 200 and reply.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(reply.text)))
    assert rows[0] == columns
    total = story.get(path, params={"limit": 1}).json()["total"]
    assert len(rows) - 1 == total == int(reply.headers["x-total-count"]) > 0
    nested = columns.index("reports" if path == "/api/copies" else "steps" if path == "/api/deals" else "outlets")
    assert all(isinstance(json.loads(r[nested]), list) for r in rows[1:])  # lists travel as JSON


def test_deals_carry_steps_with_the_reports_of_each(story: TestClient) -> None:
    items = story.get("/api/deals", params={"system": "Javelin", "limit": 10_000}).json()["items"]
    deal = next(d for d in items if (d["supplier"], d["recipient"]) == ("USA", "XKX"))
    assert [s["status"] for s in deal["steps"]] == ["approved", "delivered"]
    approved, delivered = deal["steps"]
    assert (approved["first_reported"], approved["quantity"], approved["value_usd"]) == ("2024-02-09", 246, 75e6)
    assert [r["outlet"] for r in approved["reports"]] == ["Adriatic Monitor"]
    assert delivered["first_reported"] == "2025-03-14" and delivered["quantity"] == 246
    assert NEAR_OUTLET in {r["outlet"] for r in delivered["reports"]}  # the wire copy reports the delivery too
    assert deal["status"] == "delivered" and deal["independent"] < deal["reports"]
    usa = story.get("/api/deals", params={"supplier": "United States", "limit": 10_000}).json()
    assert usa["items"] and {d["supplier"] for d in usa["items"]} == {"USA"}
    assert usa["resolved"]["supplier"]["code"] == "USA"


def test_incident_detail_and_bad_values(story: TestClient, kurti_incident: dict[str, Any]) -> None:
    detail = story.get(f"/api/incidents/{kurti_incident['id']}").json()
    timeline = detail["timeline"]
    assert timeline[0]["outlet"] == "Balkan Ledger"  # the first report first
    assert [r["published"] for r in timeline] == sorted(r["published"] for r in timeline)
    assert {r["outlet"]: r["copy_of"] is not None for r in timeline} == {
        "Balkan Ledger": False, NEAR_OUTLET: True, "Eastern Courier": False}
    assert story.get("/api/incidents/0123456789abcdef").status_code == 404
    for query in ({"sort": "outlets"}, {"window": -1}, {"min_reports": 0}, {"actor": "Atlantis"}):
        reply = story.get("/api/incidents", params=query)
        assert reply.status_code == 422 and reply.json()["details"][0]["param"] in query


# --------------------------------------------------------------------------- pages


def test_incidents_page_lists_counts_and_links_to_each_incident(story: TestClient,
                                                                 kurti_incident: dict[str, Any]) -> None:
    html = story.get("/incidents", params={"actor": "XKX"}).text
    row = re.search(rf'<tr data-incident="{kurti_incident["id"]}">(.*?)</tr>', html, re.S)
    assert row is not None
    assert '<td class="num reports">3</td>' in row[1] and '<td class="num independent">2</td>' in row[1]
    assert "Drina Daily" in row[1] and "reported 3" in row[1]
    link = re.search(r'class="incident-link" href="([^"]+)"', row[1])
    assert link is not None and link[1].startswith(f"/incidents/{kurti_incident['id']}?actor=XKX")
    assert story.get(link[1].replace("&amp;", "&")).status_code == 200


def test_incident_page_is_a_timeline_of_reports_whose_links_resolve(story: TestClient,
                                                                    kurti_incident: dict[str, Any]) -> None:
    html = story.get(f"/incidents/{kurti_incident['id']}").text
    assert '<b id="incident-reports">3</b>' in html and '<b id="incident-independent">2</b>' in html
    outlets = re.findall(r"· <b>([^<]+)</b> ·", html)
    assert outlets[0] == "Balkan Ledger" and sorted(outlets) == ["Balkan Ledger", NEAR_OUTLET, "Eastern Courier"]
    assert html.count("a copy of") == 1
    events = re.findall(r'class="evidence report-evidence" href="(/events/[0-9a-f]+)"', html)
    articles = re.findall(r'href="(/articles/[0-9a-f]+)#event-', html)
    assert len(events) == len(articles) == 3
    for link in events + articles:
        assert story.get(link).status_code == 200, link


def test_copies_page_shows_each_group_origin_first_with_the_wire(story: TestClient,
                                                                 javelin_group: dict[str, Any]) -> None:
    html = story.get("/copies").text
    section = re.search(rf'<section class="copy-group" data-group="{javelin_group["group"]}">(.*?)</section>',
                        html, re.S)
    assert section is not None
    assert '<span class="n-reports">3</span>' in section[1] and '<b class="wire">Reuters</b>' in section[1]
    assert re.findall(r'<b class="outlet">([^<]+)</b>', section[1])[0] == "Balkan Ledger"
    assert section[1].index("origin") < section[1].index(NEAR_OUTLET)
    for link in set(re.findall(r'href="(/articles/[0-9a-f]+)"', section[1])):
        assert story.get(link).status_code == 200
    assert 'href="https://drina.example/2025/03/javelins"' in section[1]


def test_deals_page_shows_steps_and_filters(story: TestClient) -> None:
    html = story.get("/deals", params={"system": "Javelin"}).text
    total = story.get("/api/deals", params={"system": "Javelin"}).json()["total"]
    assert len(re.findall(r"<tr data-deal=", html)) == total > 0
    assert re.search(r'<li class="step"><b>delivered</b>', html) and re.search(r'<li class="step"><b>approved</b>', html)
    for link in set(re.findall(r'class="evidence" href="(/articles/[0-9a-f]+)"', html)):
        assert story.get(link).status_code == 200
    assert "<tr data-deal=" not in story.get("/deals", params={"system": "no such system"}).text


def test_events_page_groups_by_incident_with_the_same_filters(story: TestClient) -> None:
    html = story.get("/events", params={"actor": "XKX", "type": "SUPPORT"}).text
    link = re.search(r'id="group-by-incident" href="([^"]+)"', html)
    assert link is not None and link[1] == "/incidents?actor=XKX&amp;type=SUPPORT"
    grouped = story.get(link[1].replace("&amp;", "&"))
    assert grouped.status_code == 200
    api = story.get("/api/incidents", params={"actor": "XKX", "type": "SUPPORT"}).json()["total"]
    assert len(re.findall(r"<tr data-incident=", grouped.text)) == api > 0


@pytest.mark.parametrize("path", ["/incidents", "/copies", "/deals"])
def test_new_pages_are_in_the_nav(story: TestClient, path: str) -> None:
    html = story.get(path).text
    assert f'<a href="{path}" aria-current="page">' in html


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """$POWDERKEG_SCREENSHOTS (docs/screenshots is made that way), else a temporary folder."""
    target = os.environ.get("POWDERKEG_SCREENSHOTS")
    folder = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _shoot(page: Any, shots: Path, name: str) -> None:
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000, path  # a real rendering, not a blank page


@pytest.fixture(scope="module")
def story_url(story_db: Path, serve: Any) -> Iterator[str]:
    """The app over the story database, served by uvicorn for the browser."""
    with serve(story_db) as url:
        yield url


def _context(browser: Any, story_url: str, viewport: dict[str, int], **extra: Any) -> Any:
    context = browser.new_context(viewport=viewport, base_url=story_url, **extra)
    return context, context.new_page()


def test_incident_to_report_evidence_to_event_page(browser: Any, story_url: str,
                                                   kurti_incident: dict[str, Any]) -> None:
    context, page = _context(browser, story_url, DESKTOP)
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/incidents?source=XKX&target=USA")
    page.locator(f'tr[data-incident="{kurti_incident["id"]}"] a.incident-link').click()
    page.wait_for_url(re.compile(rf"/incidents/{kurti_incident['id']}"))
    report = page.locator("#timeline > li").nth(1)
    event_id = report.get_attribute("data-event")
    evidence = report.locator("a.report-evidence").inner_text()
    report.locator("a.report-evidence").click()
    page.wait_for_url(re.compile(rf"/events/{event_id}$"))
    assert "".join(page.locator("#evidence mark").all_inner_texts()).split() == evidence.split()
    context.close()
    assert not errors, errors


PAGES = [("/incidents", "incidents"), ("/copies", "copies"), ("/deals", "deals")]


@pytest.mark.parametrize(("path", "name"), PAGES)
def test_story_pages_at_desktop_and_390_px_without_sideways_scrolling(
        browser: Any, story_url: str, shots: Path, path: str, name: str,
        kurti_incident: dict[str, Any]) -> None:
    for viewport, suffix, extra in ((DESKTOP, "", {}),
                                    (PHONE, "-390", {"is_mobile": True, "has_touch": True})):
        context, page = _context(browser, story_url, viewport, **extra)
        page.goto(path)
        assert page.locator("h1").count() == 1
        if suffix:
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            table = page.locator("table").first
            if table.count():  # a table wider than the screen scrolls inside its own box
                box = table.bounding_box()
                assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        _shoot(page, shots, name + suffix)
        context.close()


def test_incident_page_fits_390_px(browser: Any, story_url: str, kurti_incident: dict[str, Any]) -> None:
    context, page = _context(browser, story_url, PHONE, is_mobile=True, has_touch=True)
    page.goto(f"/incidents/{kurti_incident['id']}")
    assert page.locator("#timeline > li").count() == 3
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    context.close()


def test_the_actor_page_shows_each_outlets_coverage(story: TestClient) -> None:
    """Issue 16's outlet coverage: which outlets carried the actor, which did not, labels and quotes."""
    html = story.get("/actors/XKX").text
    table = re.search(r'<table id="coverage">(.*?)</table>', html, re.S)
    assert table is not None
    rows = re.findall(r"<tr( class=\"muted silent\")?><td>([^<]+)</td><td class=\"num\">(\d+)</td>", table.group(1))
    outlets = {name: (int(n), bool(silent)) for silent, name, n in rows}
    assert outlets[EXACT_OUTLET] == (1, False)  # carried an exact copy: its report counts
    assert any(silent and n == 0 for n, silent in outlets.values())  # someone wrote nothing on Kosovo


def test_incident_coverage_names_who_reported_it_their_labels_and_voices_and_who_stayed_silent(
        story: TestClient, kurti_incident: dict[str, Any]) -> None:
    coverage = story.get(f"/api/incidents/{kurti_incident['id']}").json()["coverage"]
    by_outlet = {c["outlet"]: c for c in coverage}
    reported = [c["outlet"] for c in coverage if c["reported"]]
    # the word-for-word reprint under Morava News is that outlet's report too, though it cost no parse
    assert reported == sorted(["Balkan Ledger", EXACT_OUTLET, NEAR_OUTLET, "Eastern Courier"])
    assert by_outlet[EXACT_OUTLET]["articles"] == by_outlet["Balkan Ledger"]["articles"]
    assert by_outlet[NEAR_OUTLET]["statuses"] == {"reported": 1}
    assert any(s.startswith("Kurti") or "Kurti" in s for s in by_outlet["Balkan Ledger"]["speakers"])
    silent = [c for c in coverage if not c["reported"]]
    assert silent and all(c["other_articles"] > 0 and not c["articles"] for c in silent)
    assert reported == sorted(reported) and not set(reported) & {c["outlet"] for c in silent}
    html = story.get(f"/incidents/{kurti_incident['id']}").text
    table = re.search(r'<table id="incident-coverage">(.*?)</table>', html, re.S)
    assert table is not None
    assert table[1].count('class="reported"') == 4 and table[1].count('class="silent muted"') == len(silent)


@pytest.mark.parametrize(("path", "facet", "row"), [
    ("/incidents", "type", 'data-incident="'),
    ("/incidents", "actor", 'data-incident="'),
    ("/deals", "supplier", 'data-deal="'),
    ("/deals", "recipient", 'data-deal="'),
])
def test_incident_and_deal_facets_count_what_a_click_gives(story: TestClient, path: str, facet: str,
                                                           row: str) -> None:
    html = story.get(path).text
    section = re.search(rf'<section class="facet" data-facet="{facet}">(.*?)</section>', html, re.S)
    assert section is not None, f"no {facet} facet on {path}"
    items = re.findall(r'<a href="([^"]+)">([^<]+)</a> <span class="n">([\d,]+)</span>', section[1])
    assert items, section[1]
    counts = [int(n.replace(",", "")) for _, _, n in items]
    assert counts == sorted(counts, reverse=True)
    for link, _label, n in items[:3]:
        page = story.get(link.replace("&amp;", "&")).text
        total = re.search(r'id="(?:incident|deal)-total" class="total">([\d,]+)<', page)
        assert total is not None, link
        assert int(total[1].replace(",", "")) == int(n.replace(",", "")), link
        assert 0 < page.count(row) <= int(n.replace(",", ""))


def test_incidents_and_deals_are_built_from_a_bounded_number_of_the_newest_facts(
        story: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a large knowledge base the lists merge only the newest facts (INCIDENT_EVENTS) and say so."""
    from powderkeg.web import api_routes

    whole = story.get("/api/incidents", params={"limit": 500}).json()
    assert whole["bound_note"] is None and whole["events_used"] == whole["events_matching"] > 5
    monkeypatch.setattr(api_routes, "INCIDENT_EVENTS", 5)
    cut = story.get("/api/incidents", params={"limit": 500}).json()
    assert (cut["events_used"], cut["events_matching"]) == (5, whole["events_matching"])
    assert "newest 5 of" in cut["bound_note"] and sum(i["reports"] for i in cut["items"]) == 5
    newest = max(i["last_report"] or "" for i in whole["items"])
    assert any(i["last_report"] == newest for i in cut["items"])  # the newest reports are the ones kept
    assert 'id="incident-bound"' in story.get("/incidents").text
    deals = story.get("/api/deals").json()
    assert deals["records_used"] == 5 and "matching arms records" in deals["bound_note"]
    assert 'id="deal-bound"' in story.get("/deals").text


def test_grouped_reports_keep_only_the_articles_that_can_form_a_copy_group(story_db: Path) -> None:
    """The bounded copies page reads the reports of articles with two reports or more (an exact copy) or a
    near-copy pair: the same reports, in the same order, as filtering every report; and the same groups."""
    with powderkeg.open(story_db, read_only=True) as kb:
        store = kb.store
        every = store.reports()
        paired = sorted({a for p in store.copy_pairs() for a in p})
        many = {a for a, n in Counter(r.article_id for r in every).items() if n > 1}
        assert many and paired  # the exact copy and the wire copy of the Javelin article
        ids = sorted({r.article_id for r in every})
        kept = store.grouped_reports(ids, paired)
        assert kept == [r for r in every if r.article_id in many or r.article_id in set(paired)]
        assert store.grouped_reports(ids, []) == [r for r in every if r.article_id in many]
        assert kb.copy_groups(max_reports=store.count_reports() - 1) == kb.copy_groups()

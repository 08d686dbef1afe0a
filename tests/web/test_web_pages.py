"""The HTML pages as a client sees them: status, escaping, headers, no off-site assets."""

from __future__ import annotations

import re
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

PAGES = ["/", "/events", "/events?type=ACCUSE&sort=published&order=desc", "/articles", "/articles?q=Kosovo",
         "/actors", "/actors/SRB", "/arms", "/disputes", "/outlets", "/outlets?actor=XKX"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_with_local_assets_only(client: TestClient, path: str) -> None:
    res = client.get(path)
    assert res.status_code == 200, res.text[:300]
    assert res.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in res.headers["content-security-policy"]
    assets = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', res.text)
    assert assets and all(a.startswith("/") for a in assets), assets


def test_every_local_asset_is_served(client: TestClient) -> None:
    html = client.get("/").text
    for asset in re.findall(r'<(?:script|link)[^>]+(?:src|href)="(/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset


def test_events_page_counts_and_links_to_evidence(client: TestClient) -> None:
    total = client.get("/api/events", params={"type": "REJECT"}).json()["total"]
    html = client.get("/events", params={"type": "REJECT"}).text
    assert f'<span id="event-total" class="total">{total}</span>' in html
    links = re.findall(r'href="/articles/([0-9a-f]+)#event-([0-9a-f]+)"', html)
    assert len(links) == total


def test_hostile_article_is_escaped(client: TestClient, hostile_id: str) -> None:
    html = client.get(f"/articles/{hostile_id}").text
    assert "<script>window.__pwned" not in html and "<img src=x" not in html
    assert "&lt;script&gt;window.__pwned" in html and "&lt;img src=x onerror=" in html
    assert "javascript:" not in html  # the article's javascript: URL is not made a link
    assert "<b>bold</b>" not in html


def test_bad_page_parameters_get_an_html_422(client: TestClient) -> None:
    res = client.get("/events", params={"since": "tomorrow"})
    assert res.status_code == 422 and res.headers["content-type"].startswith("text/html")
    assert "since" in res.text and "Traceback" not in res.text


def test_empty_form_fields_are_ignored(client: TestClient) -> None:
    res = client.get("/events?actor=&type=&status=&since=&q=")
    assert res.status_code == 200


def test_unknown_article_page_is_404(client: TestClient) -> None:
    res = client.get("/articles/0000000000")
    assert res.status_code == 404 and "no article" in res.text


# --------------------------------------------------------------------------- #
# The analyst's desk (issue 14 §5): new pages, facets, downloads, paging, search
# --------------------------------------------------------------------------- #

LISTS = ["/events", "/articles", "/actors", "/arms", "/quotes", "/labels", "/disputes", "/outlets"]
PAGED = {"/events": "/api/events", "/articles": "/api/articles", "/arms": "/api/arms", "/quotes": "/api/quotes",
         "/labels": "/api/labels"}


def _words(text: str) -> list[str]:
    return text.split()


def _hrefs(html: str, css_class: str) -> list[str]:
    return [unescape(h) for h in re.findall(rf'<a class="{css_class}" href="([^"]+)"', html)]


def _total(html: str) -> int:
    found = re.search(r'class="total">([\d,]+)</span>', html)
    assert found, "no total on the page"
    return int(found.group(1).replace(",", ""))


@pytest.fixture(scope="module")
def accuse(client: TestClient) -> dict[str, Any]:
    """One ACCUSE event of the demo corpus, as the API gives it."""
    item: dict[str, Any] = client.get("/api/events", params={"type": "ACCUSE", "limit": 1}).json()["items"][0]
    return item


@pytest.mark.parametrize("path", ["/quotes", "/quotes?speaker=vucic&kind=direct", "/labels", "/labels?target=XKX",
                                  "/sql", "/sql?q=SELECT+1", "/arms?outlet=Open+Frontline&since=2025",
                                  "/events?type=ACCUSE&type=REJECT"])
def test_new_pages_render_with_local_assets_only(client: TestClient, path: str) -> None:
    test_pages_render_with_local_assets_only(client, path)


def test_nav_links_every_page(client: TestClient) -> None:
    nav = client.get("/").text.split("<nav>")[1].split("</nav>")[0]
    for path in ["/events", "/articles", "/actors", "/quotes", "/labels", "/arms", "/disputes", "/outlets", "/sql"]:
        assert f'href="{path}"' in nav


def test_quotes_page_lists_who_said_what_linked_to_the_sentence(client: TestClient) -> None:
    api = client.get("/api/quotes", params={"actor": "SRB", "limit": 500}).json()
    html = client.get("/quotes", params={"actor": "SRB"}).text
    assert _total(html) == api["total"] == len(api["items"]) > 0
    links = re.findall(r'href="/articles/([0-9a-f]+)#quote-at-(\d+)"', html)
    assert [(q["article_id"], str(q["start"])) for q in api["items"][:50]] == links
    assert escape(api["items"][0]["text"], quote=False) in html


def test_quote_anchor_names_a_fact_of_the_article_view(client: TestClient) -> None:
    quote = client.get("/api/quotes", params={"speaker": "vucic", "limit": 1}).json()["items"][0]
    html = client.get(f"/articles/{quote['article_id']}").text
    assert f'data-at="quote-at-{quote["start"]}"' in html


def test_labels_page_shows_usage_and_every_use_with_evidence(client: TestClient) -> None:
    usage = client.get("/api/labels/usage").json()["items"]
    uses = client.get("/api/labels", params={"limit": 500}).json()
    html = client.get("/labels").text
    table = html.split('id="label-usage"')[1].split("</table>")[0]
    assert table.count("<tr>") - 1 == len(usage) > 0  # one header row
    assert _total(html) == uses["total"] == len(uses["items"])
    links = re.findall(r'href="/articles/([0-9a-f]+)#label-at-(\d+)"', html)
    assert len(links) == min(uses["total"], 50)
    first = usage[0]
    narrowed = client.get("/labels", params={"target": first["target"], "term": first["term"]}).text
    assert _total(narrowed) >= first["n"]


def test_event_page_is_a_permalink_with_evidence_coding_and_article(client: TestClient,
                                                                    accuse: dict[str, Any]) -> None:
    res = client.get(f"/events/{accuse['id']}")
    assert res.status_code == 200
    html = res.text
    evidence = re.search(r'<blockquote class="excerpt" id="evidence">(.*?)</blockquote>', html, re.S)
    assert evidence and _words(re.sub(r"<[^>]+>", "", evidence.group(1))).count(accuse["trigger"]) >= 1
    marked = "".join(re.findall(r'<mark class="hl k-event[^"]*">([^<]*)</mark>', evidence.group(1)))
    assert unescape(marked) == accuse["evidence"]
    trigger = re.search(r'<mark class="hl k-event m-trigger">([^<]*)</mark>', evidence.group(1))
    assert trigger and trigger.group(1) == accuse["trigger"]
    for value in (accuse["rule"], accuse["source"], accuse["target"], accuse["status"]):
        assert value in html
    assert f'href="/articles/{accuse["article_id"]}#event-{accuse["id"]}"' in html
    when = re.search(r'<dd id="event-date">(.*?)</dd>', html, re.S)
    assert when and accuse["date"] and accuse["date"] in when.group(1)


def test_every_events_row_links_to_its_event_page(client: TestClient) -> None:
    html = client.get("/events", params={"type": "REJECT"}).text
    rows = re.findall(r'<tr data-event="([0-9a-f]+)">', html)
    assert rows and re.findall(r'<a class="event-link" href="/events/([0-9a-f]+)"', html) == rows


@pytest.mark.parametrize(("event_id", "status"), [("0123456789abcdef", 404), ("not-hex", 422)])
def test_unknown_event_page(client: TestClient, event_id: str, status: int) -> None:
    res = client.get(f"/events/{event_id}")
    assert res.status_code == status and "Traceback" not in res.text


def test_sql_page_runs_a_query_and_links_downloads(client: TestClient) -> None:
    query = "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"
    html = client.get("/sql", params={"q": query}).text
    expected = client.get("/api/sql", params={"q": query}).json()["rows"]
    cells = re.findall(r"<tr><td>([A-Z]+)</td><td>(\d+)</td></tr>", html)
    assert cells == [(t, str(n)) for t, n in expected]
    csv_link, json_link = _hrefs(html, "download-csv")[0], _hrefs(html, "download-json")[0]
    csv_res = client.get(csv_link)
    assert csv_res.headers["content-type"].startswith("text/csv")
    assert csv_res.text.splitlines()[1:] == [f"{t},{n}" for t, n in expected]
    assert client.get(json_link).json()["rows"] == expected


def test_sql_page_canned_queries_all_run_and_schemas_are_listed(client: TestClient) -> None:
    html = client.get("/sql").text
    canned = re.findall(r'<ul class="canned"><li>.*?</ul>', html, re.S)[0]
    links = [unescape(h) for h in re.findall(r'<a href="(/sql\?q=[^"]+)"', canned)]
    assert len(links) >= 5
    for link in links:
        res = client.get(link)
        assert res.status_code == 200, (link, res.text[-500:])
        assert "sql-error" not in res.text and res.text.count("<tr><td>") > 0, link
    for table in ("articles", "events", "arms", "quotes", "labels", "people", "mentions", "actors"):
        assert f"<code>{table}</code>" in html
    assert "<code>evidence</code>" in html and "source_path" in html


@pytest.mark.parametrize("query", ["DROP TABLE events", "SELECT * FROM nowhere", "ATTACH 'x.db'"])
def test_sql_page_shows_the_refusal_and_keeps_the_query(client: TestClient, query: str) -> None:
    res = client.get("/sql", params={"q": query})
    assert res.status_code == 400 and 'id="sql-error"' in res.text
    box = re.search(r'<textarea id="sql-q"[^>]*>(.*?)</textarea>', res.text, re.S)
    assert box and unescape(box.group(1)) == query
    assert ".duckdb" not in res.text  # the server's file path stays out of the page


def _facet_links(html: str, name: str) -> list[tuple[str, str, int]]:
    """(label, url, n) of each facet value that is a link."""
    section = html.split(f'data-facet="{name}"')[1].split("</section>")[0]
    return [(unescape(label), unescape(href), int(n.replace(",", ""))) for href, label, n in
            re.findall(r'<li><a href="([^"]+)">([^<]+)</a> <span class="n">([\d,]+)</span></li>', section)]


@pytest.mark.parametrize(("path", "facets"), [
    ("/events?status=reported", ["type", "outlet", "actor", "year"]),
    ("/events", ["status"]),
    ("/events?type=ACCUSE,REJECT&sort=published&order=desc", ["status", "outlet", "actor", "year"]),
    ("/arms", ["supplier", "recipient", "status", "class", "outlet", "year"]),
    ("/quotes?kind=indirect", ["actor", "outlet", "year"]),
])
def test_each_facet_link_adds_its_filter_and_promises_the_right_count(client: TestClient, path: str,
                                                                      facets: list[str]) -> None:
    html = client.get(path).text
    base = parse_qs(urlsplit(path).query)
    for name in facets:
        links = _facet_links(html, name)
        assert links, name
        for label, link, n in links:
            query = parse_qs(urlsplit(link).query)
            for key, values in base.items():  # the filters in force stay
                if key != "type":
                    assert query[key] == values, (link, key)
            key = {"class": "system"}.get(name, name)
            if name == "year":
                assert query["since"] == query["until"] == [label]
            elif name == "type":
                assert label in query["type"][0].split(",")
            else:
                assert query[key] == [label], link
            assert _total(client.get(link).text) == n, (name, label, link)


def test_facet_counts_respect_the_filters(client: TestClient) -> None:
    html = client.get("/events", params={"actor": "XKX"}).text
    total = _total(html)
    statuses = _facet_links(html, "status")
    assert sum(n for _, _, n in statuses) == total < client.get("/api/events").json()["total"]


def test_selected_facets_show_as_removable_chips(client: TestClient) -> None:
    html = client.get("/events?type=ACCUSE,REJECT&status=reported&sort=type").text
    chips = dict(re.findall(r'<a class="chip" href="([^"]+)"[^>]*>([^<]+) <span', html))
    by_label = {label.strip(): parse_qs(urlsplit(unescape(href)).query) for href, label in chips.items()}
    assert by_label["type: ACCUSE"] == {"type": ["REJECT"], "status": ["reported"], "sort": ["type"], "order": ["asc"]}
    assert by_label["status: reported"]["type"] == ["ACCUSE,REJECT"] and "status" not in by_label["status: reported"]
    assert 'class="selected">ACCUSE</b>' in html


@pytest.mark.parametrize("path", LISTS)
def test_every_list_has_a_total_and_working_csv_and_json_links(client: TestClient, path: str) -> None:
    html = client.get(path).text
    total = _total(html)
    csv_link, json_link = _hrefs(html, "download-csv")[0], _hrefs(html, "download-json")[0]
    csv_res = client.get(csv_link)
    assert csv_res.status_code == 200 and csv_res.headers["content-type"].startswith("text/csv")
    assert csv_res.headers["x-total-count"] == str(total) and csv_res.headers["x-truncated"] == "false"
    body = client.get(json_link).json()
    assert body["total"] == total and body["truncated"] is False
    if path != "/disputes":  # a dispute is one JSON item but spans several CSV lines (its stances)
        assert len(csv_res.text.strip().splitlines()) - 1 == total
        assert len(body["items"]) == total
    assert "(all " in html and "truncated" not in html.split('class="meta downloads"')[1].split("</p>")[0]


@pytest.mark.parametrize("api", ["/api/events", "/api/articles", "/api/arms", "/api/quotes", "/api/labels",
                                 "/api/actors", "/api/outlets", "/api/disputes"])
def test_api_says_when_a_download_is_cut_short(client: TestClient, api: str) -> None:
    body = client.get(api, params={"limit": 2}).json()
    assert body["count"] == 2 and body["total"] > 2 and body["truncated"] is True
    csv_res = client.get(api, params={"limit": 2, "format": "csv"})
    assert csv_res.headers["x-truncated"] == "true" and int(csv_res.headers["x-total-count"]) == body["total"]
    whole = client.get(api, params={"limit": 10_000}).json()
    assert whole["truncated"] is False and whole["count"] == whole["total"]


def test_page_marks_a_truncated_download() -> None:
    from powderkeg.web.pages import templates
    from powderkeg.web.render import listing

    page = listing("/events", {"type": "ACCUSE"}, offset=0, page=50, total=12_345, shown=50, api="/api/events")
    html = templates.env.get_template("macros.html").module.downloads(page, "events")  # type: ignore[attr-defined]
    assert 'class="truncated"' in html and "first 10,000 of 12,345 rows" in html
    assert "limit=10000" in page.csv_url and "format=csv" in page.csv_url


@pytest.mark.parametrize("path", list(PAGED))
def test_previous_link_never_goes_below_zero(client: TestClient, path: str) -> None:
    html = client.get(path, params={"offset": 30}).text
    prev = re.search(r'<a href="([^"]+)" rel="prev">', html)
    assert prev and "offset" not in unescape(prev.group(1))
    assert client.get(unescape(prev.group(1))).status_code == 200
    assert 'rel="prev"' not in client.get(path).text


@pytest.mark.parametrize("path", [*PAGED, "/disputes"])
def test_a_page_past_the_end_says_so(client: TestClient, path: str) -> None:
    res = client.get(path, params={"offset": 5000})
    assert res.status_code == 200
    total = _total(res.text)
    assert f"No rows on this page; there are {total:,}" in res.text
    first = re.search(r'<p class="past-end">.*?<a href="([^"]+)">', res.text)
    assert first and "offset" not in first.group(1)
    prev = re.search(r'<a href="([^"]+)" rel="prev">', res.text)
    assert prev and 'class="past-end"' not in client.get(unescape(prev.group(1))).text  # back to the last page


def test_type_filter_keeps_several_values(client: TestClient) -> None:
    both = client.get("/api/events", params={"type": "ACCUSE,REJECT"}).json()["total"]
    for query in ("type=ACCUSE&type=REJECT", "type=ACCUSE,REJECT", "type=accuse&type=REJECT,ACCUSE"):
        html = client.get(f"/events?{query}").text
        assert _total(html) == both
        select = html.split('<select name="type" multiple')[1].split("</select>")[0]
        assert re.findall(r"<option selected>(\w+)</option>", select) == ["ACCUSE", "REJECT"]
        csv_link = _hrefs(html, "download-csv")[0]
        assert parse_qs(urlsplit(csv_link).query)["type"] == ["ACCUSE,REJECT"]


def test_a_bad_type_among_several_is_a_422(client: TestClient) -> None:
    res = client.get("/events?type=NOPE&type=ACCUSE")
    assert res.status_code == 422 and "NOPE" in res.text


def test_sort_survives_a_filter_change(client: TestClient) -> None:
    html = client.get("/events", params={"sort": "published", "order": "desc", "type": "ACCUSE"}).text
    form = html.split('id="event-filters"')[1].split("</form>")[0]
    assert '<input type="hidden" name="sort" value="published">' in form
    assert '<input type="hidden" name="order" value="desc">' in form


VUCIC = ("Vučić", "Vucic", "VUČIĆ", "vucic")
PRISTINA = ("Priština", "Pristina", "PRIŠTINA", "pristina")


@pytest.mark.parametrize(("path", "key", "spellings"), [
    ("/events", "q", VUCIC), ("/articles", "q", VUCIC), ("/quotes", "speaker", VUCIC), ("/quotes", "q", PRISTINA),
])
def test_free_text_ignores_accents_and_case(client: TestClient, path: str, key: str,
                                            spellings: tuple[str, ...]) -> None:
    totals = {spelling: _total(client.get(path, params={key: spelling}).text) for spelling in spellings}
    assert len(set(totals.values())) == 1 and totals[spellings[-1]] > 0, totals


def test_a_long_label_table_keeps_the_most_used_rows_and_says_so(client: TestClient,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from powderkeg.web import pages

    usage = client.get("/api/labels/usage").json()["items"]
    assert len(usage) > 2
    monkeypatch.setattr(pages, "LABEL_USAGE_SHOWN", 2)
    html = client.get("/labels").text
    table = html.split('id="label-usage"')[1].split("</table>")[0]
    assert table.count("<tr>") - 1 == 2
    assert f"The 2 most used of {len(usage)} rows" in html
    most = max(u["n"] for u in usage)
    assert f">{most}</a>" in table


def test_the_disputes_api_bounds_the_stances_and_counts_them_all(client: TestClient) -> None:
    full = client.get("/api/disputes", params={"stances": 1000}).json()
    capped = client.get("/api/disputes", params={"stances": 1}).json()
    assert full["total"] == capped["total"] == len(full["items"]) > 0
    for whole, cut in zip(full["items"], capped["items"], strict=True):
        assert (cut["n_asserted"], cut["n_denied"]) == (len(whole["asserted"]), len(whole["denied"]))
        assert cut["asserted"] == whole["asserted"][:1] and cut["denied"] == whole["denied"][:1]


# -- issue 17: keyset pages and bounded pages say what they read ---------------------------------------------------


def _event_ids(html: str) -> list[str]:
    return re.findall(r'<tr data-event="([0-9a-f]+)"', html)


@pytest.mark.parametrize("query", [{"sort": "outlet", "order": "desc"}, {"sort": "type"}, {}])
def test_next_links_carry_a_cursor_and_walk_the_same_rows_as_the_api(client: TestClient,
                                                                     query: dict[str, str]) -> None:
    every = [e["id"] for e in client.get("/api/events", params={**query, "limit": 1000}).json()["items"]]
    html = client.get("/events", params=query).text
    walked = _event_ids(html)
    while 'rel="next"' in html:
        link = unescape(re.search(r'<a href="([^"]+)" rel="next"', html)[1])
        params = parse_qs(urlsplit(link).query)
        assert params["after"] == [walked[-1]] and params["offset"] == [str(len(walked))]
        html = client.get(link).text
        walked += _event_ids(html)
    assert walked == every and len(every) > 50


def test_the_api_pages_by_cursor_too(client: TestClient) -> None:
    every = client.get("/api/events", params={"sort": "outlet", "limit": 1000}).json()["items"]
    page = client.get("/api/events", params={"sort": "outlet", "limit": 10, "after": every[19]["id"]}).json()
    assert [e["id"] for e in page["items"]] == [e["id"] for e in every[20:30]]
    assert f"after={every[29]['id']}" in page["next"]
    assert client.get("/api/events", params={"after": "abc"}).status_code == 404


def test_a_text_search_on_a_big_store_reads_the_newest_events_and_says_so(client: TestClient,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from powderkeg.web import pages

    word = "said"
    unbounded = client.get("/api/events", params={"q": word, "limit": 1000}).json()
    html = client.get("/events", params={"q": word}).text
    assert 'id="text-bound"' not in html and _total(html) == unbounded["total"]
    monkeypatch.setattr(pages, "TEXT_SEARCH_EVENTS", 10)
    html = client.get("/events", params={"q": word}).text
    note = re.search(r'id="text-bound">([^<]+)<', html)
    assert note and "set since/until to search older ones" in unescape(note[1])
    first = re.search(r"from (\d{4}-\d{2}-\d{2}) on", note[1])[1]
    kept = [e for e in unbounded["items"] if (e["published"] or "") >= first]
    assert 0 < _total(html) == len(kept) < unbounded["total"]
    old = client.get("/events", params={"q": word, "since": "2000", "until": first[:4] + "-01"}).text
    assert _total(old) > 0  # an older range is searched when asked for


def test_a_text_search_of_articles_on_a_big_store_reads_the_newest_months_and_says_so(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    """As the events page's: the articles page searches the articles of the newest months holding
    TEXT_SEARCH_EVENTS events (issue 17: every body read twice took most of a second), says so, and counts
    exactly those; the API searches them all, and an older range is searched when asked for."""
    from powderkeg.web import pages

    word = "the"
    unbounded = client.get("/api/articles", params={"q": word, "limit": 1000}).json()
    html = client.get("/articles", params={"q": word}).text
    assert 'id="text-bound"' not in html and _total(html) == unbounded["total"] == len(unbounded["items"]) > 3
    monkeypatch.setattr(pages, "TEXT_SEARCH_EVENTS", 10)
    html = client.get("/articles", params={"q": word}).text
    note = re.search(r'id="text-bound">([^<]+)<', html)
    assert note and "the API and the CLI search every article" in unescape(note[1])
    first = re.search(r"from (\d{4}-\d{2}-\d{2}) on", note[1])[1]
    kept = [a for a in unbounded["items"] if (a["published"] or "") >= first]
    assert 0 < _total(html) == len(kept) < unbounded["total"]
    assert client.get("/api/articles", params={"q": word}).json()["total"] == unbounded["total"]
    old = client.get("/articles", params={"q": word, "since": "2000", "until": first[:4] + "-01"}).text
    assert _total(old) > 0  # an older range is searched when asked for


def test_bounded_copies_and_actor_coverage_say_how_much_they_read(client: TestClient,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from powderkeg.web import api_routes, pages

    whole = client.get("/api/copies").json()
    assert whole["bound_note"] is None and 'id="copy-bound"' not in client.get("/copies").text
    assert 'id="coverage-bound"' not in client.get("/actors/SRB").text
    monkeypatch.setattr(api_routes, "COPY_REPORTS", 3)
    monkeypatch.setattr(pages, "COVERAGE_ARTICLES", 2)
    bounded = client.get("/api/copies").json()
    assert bounded["reports_used"] == 3 < bounded["reports_matching"]
    assert "newest 3 of" in bounded["bound_note"] and "newest 3 of" in client.get("/copies").text
    # the rollups are current: the actor page counts every article whatever the bound
    assert 'id="coverage-bound"' not in client.get("/actors/SRB").text


def _coverage_articles(html: str) -> int:
    table = html.split('id="coverage"')[1].split("</table>")[0]
    return sum(int(n) for n in re.findall(r'<td>[^<]*</td><td class="num">(\d+)</td>', table))


def test_an_actor_page_over_lagging_rollups_bounds_its_coverage_and_says_so(
        web_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store whose rollups lag (a bulk writer, read-only until the next writable open) is read live:
    the people and coverage are then counted in the newest COVERAGE_ARTICLES articles, as the note says."""
    import shutil

    import duckdb

    from powderkeg.web import create_app, pages

    path = tmp_path / "lagging.duckdb"
    shutil.copy(web_db, path)
    with TestClient(create_app(path), base_url="http://localhost") as fresh:
        whole = fresh.get("/actors/SRB").text
    con = duckdb.connect(str(path))
    con.execute("UPDATE meta SET value = 'behind' WHERE key = 'rollups'")
    con.close()
    monkeypatch.setattr(pages, "COVERAGE_ARTICLES", 2)
    with TestClient(create_app(path), base_url="http://localhost") as lagging:
        html = lagging.get("/actors/SRB").text
    note = re.search(r'id="coverage-bound">([^<]+)<', html)
    assert note and "newest 2 of" in note[1] and "People" in note[1]
    assert _coverage_articles(html) <= 2 * 12 < _coverage_articles(whole)


def test_a_deep_offset_without_a_cursor_is_refused_with_the_way_to_page_there(client: TestClient,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from powderkeg.web import pages

    monkeypatch.setattr(pages, "EVENTS_MAX_OFFSET", 20)
    every = [e["id"] for e in client.get("/api/events", params={"sort": "outlet", "limit": 1000}).json()["items"]]
    refused = client.get("/events", params={"sort": "outlet", "offset": 21})
    assert refused.status_code == 400
    message = unescape(re.search(r'class="error-message">([^<]+)<', refused.text)[1])
    assert "offset=21 skips more than the 20 events" in message and "after=<event id>" in message
    assert client.get("/events", params={"sort": "outlet", "offset": 20}).status_code == 200
    # the same depth by its cursor: served, the rows the offset would give, and no Previous link past the limit
    assert len(every) > 101
    deep = client.get("/events", params={"sort": "outlet", "offset": 100, "after": every[99]})
    assert deep.status_code == 200 and _event_ids(deep.text) == every[100:150]
    assert 'rel="prev"' not in deep.text
    assert re.search(r'<a href="/events\?sort=outlet(&amp;order=asc)?" class="first-page"', deep.text)
    shallow = client.get("/events", params={"sort": "outlet", "offset": 50, "after": every[49]}).text
    assert 'rel="prev"' in shallow and 'class="first-page"' not in shallow


@pytest.mark.parametrize("query", [{"sort": "outlet", "order": "desc"}, {"sort": "outlet"},
                                   {"sort": "title", "order": "desc"}])
def test_an_offset_page_in_article_order_equals_the_page_its_cursor_gives(client: TestClient,
                                                                          query: dict[str, str]) -> None:
    first = client.get("/events", params=query).text
    link = unescape(re.search(r'<a href="([^"]+)" rel="next"', first)[1])
    by_cursor = _event_ids(client.get(link).text)
    by_offset = _event_ids(client.get("/events", params={**query, "offset": 50}).text)
    assert by_cursor == by_offset and by_offset and set(by_offset).isdisjoint(_event_ids(first))


def test_an_actor_page_bounds_its_lists_says_so_and_links_the_whole(client: TestClient, web_db: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Each list of an actor page shows its first rows (patched to 2 here) and says of how many, counted over
    the whole knowledge base; each "more" link leads to a list holding them all."""
    import powderkeg
    from powderkeg.web import pages

    monkeypatch.setattr(pages, "ACTOR_ROWS", 2)
    html = client.get("/actors/XKX").text
    with powderkeg.open(web_db, read_only=True) as kb:
        dyads = kb.dyads("XKX")
        targets = {t for s, t, _, _ in dyads if s == "XKX"}
        sources = {s for s, t, _, _ in dyads if t == "XKX" and s != "XKX"}
        people = kb.people(actor="XKX")
        n_labels = kb.store.count_label_usage(target="XKX")
        n_source = kb.count_events(source="XKX")
    assert len(targets) > 2 and len(sources) > 2 and len(people) > 2 and n_labels > 2
    rows = {t: html.split(f'id="{t}"')[1].split("</table>")[0].count("<tr>") - 1
            for t in ("acts-on", "acted-on-by", "people", "labels")}
    assert rows == {"acts-on": 2, "acted-on-by": 2, "people": 2, "labels": 2}
    more = {m[1]: unescape(m[2]) for m in re.finditer(r'id="([a-z-]+-more)">([^\n]+)</p>', html)}
    assert f"The 2 busiest of {len(targets)} targets" in more["acts-on-more"]
    assert f"The 2 busiest of {len(sources)} sources" in more["acted-on-by-more"]
    assert f"of {len(people)} people" in more["people-more"]
    assert f"of {n_labels} outlet–term rows" in more["labels-more"]
    events_link = re.search(r'href="(/events\?source=XKX)"', more["acts-on-more"])[1]
    assert f'<span id="event-total" class="total">{n_source:,}</span>' in client.get(events_link).text
    people_json = re.search(r'href="(/api/people\?[^"]+)">JSON', more["people-more"])[1]
    assert client.get(people_json).json()["total"] == len(people)
    labels_link = re.search(r'href="(/labels\?target=XKX)"', more["labels-more"])[1]
    assert client.get(labels_link).status_code == 200

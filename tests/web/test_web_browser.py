"""The pages in a real headless Chromium (Debian's, driven by Playwright): open each page, use a
filter, follow an event to its highlighted evidence, and prove hostile article markup stays text.

Screenshots go to $POWDERKEG_SCREENSHOTS when set (docs/screenshots is made that way), else to a
temporary folder.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


@pytest.fixture
def page(browser, server_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=server_url)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    yield pg
    context.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("POWDERKEG_SCREENSHOTS")
    folder = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _words(text: str) -> list[str]:
    return text.split()


def _shoot(page, shots: Path, name: str) -> None:
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    assert path.stat().st_size > 10_000, path  # a real rendering, not a blank page


@pytest.mark.parametrize(("path", "name", "heading"), [
    ("/", "overview", "Overview"),
    ("/articles", "articles", "Articles"),
    ("/actors", "actors", "Actors"),
    ("/actors/SRB", "actor", "Serbia"),
    ("/arms", "arms", "Arms register"),
    ("/disputes", "disputes", "Disputed facts"),
    ("/outlets?actor=XKX", "outlets", "Outlet comparison"),
])
def test_each_page_opens(page, shots: Path, path: str, name: str, heading: str) -> None:
    page.goto(path)
    assert heading in page.locator("h1").first.inner_text()
    assert page.locator("table, svg, section").count() > 0
    _shoot(page, shots, name)


def test_overview_chart_draws_bars(page) -> None:
    page.goto("/")
    assert page.locator("figure.chart svg rect").count() >= 10
    assert page.locator("#dyads tbody tr").count() == 10


def test_filter_then_follow_an_event_to_its_evidence(page, shots: Path) -> None:
    page.goto("/events")
    all_rows = page.locator("#events tbody tr").count()
    page.select_option("select[name=type]", "ACCUSE")
    page.fill("input[name=actor]", "XKX")
    page.click("#event-filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=ACCUSE"))
    rows = page.locator("#events tbody tr")
    assert 0 < rows.count() < all_rows
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td")
        assert cells.nth(2).inner_text().startswith("ACCUSE")
        assert "XKX" in (cells.nth(1).inner_text(), cells.nth(3).inner_text())
    page.click("#events thead a:has-text('Published')")  # sort by date, then reverse it
    page.click("#events thead a:has-text('Published')")
    assert page.locator("#events thead [aria-sort=descending]").count() == 1
    _shoot(page, shots, "events")

    first = rows.first
    evidence = first.locator("a.evidence").inner_text()
    event_id = first.get_attribute("data-event")
    first.locator("a.evidence").click()
    page.wait_for_url(re.compile(r"/articles/.*#event-"))
    active = page.locator("#article-text .hl.active")
    assert active.count() >= 1
    assert _words("".join(active.all_inner_texts())) == _words(evidence)
    assert page.locator(f'li.fact.active[data-fact="event-{event_id}"]').is_visible()
    assert page.locator(f'li.fact.active[data-fact="event-{event_id}"] dl.details').is_visible()
    _shoot(page, shots, "article")


def test_clicking_a_highlight_shows_its_coding(page) -> None:
    page.goto("/arms")
    page.locator(".arms-register tbody a.evidence").first.click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+#at-"))
    mention = page.locator("#article-text .hl.k-actor").first
    name = mention.inner_text()
    mention.click()
    item = page.locator("li.fact.active")
    assert item.count() == 1 and item.get_attribute("data-fact").startswith("actor-")
    assert name in item.inner_text()
    assert page.locator("#article-text .hl.active").all_inner_texts() == [name]


def test_arms_register_links_to_highlighted_sentence(page) -> None:
    page.goto("/arms?system=javelin")
    row = page.locator(".arms-register tbody tr").first
    evidence = row.locator("a.evidence").inner_text()
    row.locator("a.evidence").click()
    page.wait_for_url(re.compile(r"#at-\d+"))
    active = page.locator("#article-text .hl.active")
    assert active.count() >= 1 and _words("".join(active.all_inner_texts())) == _words(evidence)


def test_hostile_markup_renders_as_text(page, shots: Path, hostile_id: str) -> None:
    page.goto(f"/articles/{hostile_id}")
    assert page.evaluate("window.__pwned") is None  # no script ran, no onerror fired
    assert page.locator("#article-text script, #article-text img, h1 img, h1 script").count() == 0
    assert "<script>window.__pwned = 'text'</script>" in page.locator("#article-text").inner_text()
    assert "onerror=" in page.locator("#article-text").inner_text()
    assert "<script>" in page.locator("#article-title").inner_text()
    assert page.locator("a[href^='javascript']").count() == 0
    _shoot(page, shots, "xss")
    page.goto("/articles")
    assert page.evaluate("window.__pwned") is None
    assert "<script>" in page.locator("#articles").inner_text()


# --------------------------------------------------------------------------- #
# The analyst's desk (issue 14 §5)
# --------------------------------------------------------------------------- #

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, server_url: str):
    context = browser.new_context(viewport=PHONE, base_url=server_url, is_mobile=True, has_touch=True)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    yield pg
    context.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def event_path(server_url: str) -> str:
    import json
    from urllib.request import urlopen

    with urlopen(f"{server_url}/api/events?type=ACCUSE&actor=XKX&limit=1") as res:
        return f"/events/{json.load(res)['items'][0]['id']}"


DESK_PAGES = [
    ("/quotes", "quotes", "Quotes"),
    ("/labels", "labels", "Labels"),
    ("/sql?q=" + "SELECT+type%2C+count(*)+AS+n+FROM+events+GROUP+BY+type+ORDER+BY+n+DESC", "sql", "SQL"),
    ("/events?type=ACCUSE&type=REJECT", "events-facets", "Events"),
]
EVERY_PAGE = ["/", "/events", "/events?type=ACCUSE&type=REJECT", "/articles", "/actors", "/actors/SRB", "/arms",
              "/quotes", "/labels", "/disputes", "/outlets?actor=XKX", "/sql",
              "/sql?q=SELECT+*+FROM+events+LIMIT+20"]


@pytest.mark.parametrize(("path", "name", "heading"), DESK_PAGES)
def test_desk_pages_open_at_desktop_and_phone_width(page, phone, shots: Path, path: str, name: str,
                                                   heading: str) -> None:
    for pg, suffix in ((page, ""), (phone, "-390")):
        pg.goto(path)
        assert heading in pg.locator("h1").first.inner_text()
        assert pg.locator("table tbody tr").count() > 1
        _shoot(pg, shots, name + suffix)


def test_event_page_opens_at_desktop_and_phone_width(page, phone, shots: Path, event_path: str) -> None:
    for pg, suffix in ((page, ""), (phone, "-390")):
        pg.goto(event_path)
        assert pg.locator("h1 .badge").inner_text() == "ACCUSE"
        assert pg.locator("#evidence mark.m-trigger").count() == 1
        _shoot(pg, shots, "event" + suffix)


def test_event_row_leads_to_its_event_page(page) -> None:
    page.goto("/events?type=REJECT")
    row = page.locator("#events tbody tr").first
    event_id = row.get_attribute("data-event")
    evidence = row.locator("a.evidence").inner_text()
    row.locator("a.event-link").click()
    page.wait_for_url(re.compile(rf"/events/{event_id}$"))
    assert _words(page.locator("#evidence mark").all_inner_texts() and "".join(
        page.locator("#evidence mark").all_inner_texts())) == _words(evidence)


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_no_sideways_scrolling_at_390_px(phone, path: str) -> None:
    phone.goto(path)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    wide = phone.locator("table").first
    if wide.count():  # a table wider than the screen scrolls inside its own box
        box = wide.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390


def test_article_highlight_reached_by_keyboard_and_explained_with_enter(page, event_path: str) -> None:
    page.goto(event_path)
    article = page.locator("a:has-text('See it in the whole article')").get_attribute("href") or ""
    page.goto(article.split("#")[0])  # no fact chosen yet
    page.locator("h1").click()  # start tabbing from the top of the article
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('hl')"):
            break
    else:
        pytest.fail("Tab never reached a highlight")
    focused = page.locator(".hl:focus")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", ""), outline  # the focus is visible
    facts = (focused.get_attribute("data-facts") or "").split()
    assert page.locator("li.fact.active").count() == 0
    page.keyboard.press("Enter")
    active = page.locator("li.fact.active")
    assert active.count() >= 1 and active.first.get_attribute("data-fact") in facts
    assert "active" in (focused.get_attribute("class") or "")


def test_facet_click_adds_the_filter_and_the_chip_removes_it(page) -> None:
    page.goto("/events?type=ACCUSE")
    total = int(page.locator("#event-total").inner_text().replace(",", ""))
    link = page.locator("[data-facet=status] a").first
    status, n = link.inner_text(), int(link.locator("xpath=following-sibling::span").inner_text())
    link.click()
    page.wait_for_url(re.compile(rf"status={status}"))
    assert "type=ACCUSE" in page.url
    assert int(page.locator("#event-total").inner_text().replace(",", "")) == n <= total
    assert page.locator("#events tbody tr").count() == min(n, 50)
    page.locator(f"a.chip:has-text('status: {status}')").click()
    page.wait_for_load_state()
    assert "status=" not in page.url and "type=ACCUSE" in page.url
    assert int(page.locator("#event-total").inner_text().replace(",", "")) == total


def test_csv_and_json_links_download_the_selection(page) -> None:
    page.goto("/quotes?actor=SRB")
    total = int(page.locator("#quote-total").inner_text().replace(",", ""))
    with page.expect_download() as download:
        page.locator("a.download-csv").click()
    lines = Path(download.value.path()).read_text(encoding="utf-8").strip().splitlines()
    assert lines[0].startswith("article_id,speaker") and len(lines) - 1 == total
    body = page.request.get(page.locator("a.download-json").get_attribute("href")).json()
    assert body["total"] == total == len(body["items"]) and body["truncated"] is False


@pytest.mark.parametrize(("path", "field", "typed", "found"), [
    ("/events", "q", "vucic", "Vučić"),
    ("/quotes", "speaker", "VUCIC", "Vučić"),
    ("/articles", "q", "vučic", "Vučić"),
])
def test_accent_insensitive_search(page, path: str, field: str, typed: str, found: str) -> None:
    page.goto(path)
    page.fill(f"form.filters input[name={field}]", typed)
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{field}="))
    assert "=&" not in page.url and not page.url.endswith("=")  # empty fields stayed out of the URL
    total = int(page.locator(".downloads .total").inner_text().replace(",", ""))
    assert total > 0
    if path == "/articles":  # the name is in the text, not always the title: every hit's page has it
        page.locator("#articles tbody a").first.click()
        assert found in page.locator("#article-text").inner_text()
    else:
        assert found in page.locator("table tbody").inner_text()


def test_type_multi_select_and_sort_survive_resubmit(page) -> None:
    page.goto("/events?sort=published&order=desc")
    page.select_option("select[name=type]", ["ACCUSE", "REJECT"])
    page.click("#event-filters button[type=submit]")
    page.wait_for_url(re.compile(r"type=ACCUSE&type=REJECT"))
    assert "sort=published" in page.url and "order=desc" in page.url
    assert "actor=" not in page.url and "q=" not in page.url  # empty fields left out
    selected = page.eval_on_selector("select[name=type]", "s => Array.from(s.selectedOptions, o => o.value)")
    assert selected == ["ACCUSE", "REJECT"]
    types = {t.strip() for t in page.locator("#events tbody td:nth-child(3) .badge").all_inner_texts()}
    assert types == {"ACCUSE", "REJECT"}
    page.select_option("select[name=status]", "reported")  # another filter, same types, same sort
    page.click("#event-filters button[type=submit]")
    page.wait_for_url(re.compile(r"status=reported"))
    assert "type=ACCUSE&type=REJECT" in page.url and "sort=published" in page.url
    selected = page.eval_on_selector("select[name=type]", "s => Array.from(s.selectedOptions, o => o.value)")
    assert selected == ["ACCUSE", "REJECT"]
    assert page.locator("#events thead [aria-sort=descending]").count() == 1


def test_previous_never_goes_negative_and_past_the_end_says_so(page) -> None:
    page.goto("/events?offset=30")
    page.click("a[rel=prev]")
    page.wait_for_load_state()
    assert "offset" not in page.url and page.locator("#events tbody tr").count() == 50
    page.goto("/events?offset=900")
    assert "No rows on this page" in page.locator(".past-end").inner_text()
    page.locator(".past-end a").click()
    page.wait_for_load_state()
    assert "offset" not in page.url and page.locator("#events tbody tr").count() == 50


def test_sql_page_canned_query_then_a_refusal(browser, server_url: str) -> None:
    # Its own context: the refusal is answered with a 400, which Chromium logs as a console error.
    context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=server_url)
    page = context.new_page()
    script_errors: list[str] = []
    page.on("pageerror", lambda exc: script_errors.append(str(exc)))
    page.goto("/sql")
    page.locator("ul.canned a").first.click()
    page.wait_for_url(re.compile(r"/sql\?q="))
    assert page.locator("#sql-result tbody tr").count() > 3
    page.fill("#sql-q", "DELETE FROM events")
    page.click("#sql-form button[type=submit]")
    page.wait_for_load_state()
    assert "read-only" in page.locator("#sql-error").inner_text()
    assert page.locator("#sql-q").input_value() == "DELETE FROM events"
    context.close()
    assert not script_errors, script_errors


def test_the_pager_walks_a_sorted_list_by_cursor(page, server_url: str) -> None:
    """Next → Next → Previous on the events sorted by outlet (newest outlet name first): each Next link is
    a keyset cursor (after= the last event shown), and the rows walked are the API's list in order."""
    import httpx

    every = [e["id"] for e in httpx.get(f"{server_url}/api/events", params={"sort": "outlet", "order": "desc",
                                                                          "limit": 1000}).json()["items"]]
    page.goto("/events?sort=outlet&order=desc")
    walked = page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.event)")
    while page.locator("nav.pager a[rel=next]").count():
        link = page.locator("nav.pager a[rel=next]").first
        assert f"after={walked[-1]}" in (link.get_attribute("href") or "")
        link.click()
        page.wait_for_url(re.compile(rf"offset={len(walked)}"))
        walked += page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.event)")
    assert walked == every and len(every) > 50
    page.locator("nav.pager a[rel=prev]").first.click()
    page.wait_for_url(re.compile(r"offset=50"))
    shown = page.locator("#events tbody tr").evaluate_all("rows => rows.map(r => r.dataset.event)")
    assert shown == every[50:100]


def test_an_actor_page_tells_each_month_on_hover_and_leads_from_a_bounded_list_to_the_whole(
        browser, serve, web_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The chart draws a path per type and one hover target per month whose tooltip totals that month; a
    list cut to its first rows (2, patched) says so, and its link opens the events it stands for."""
    import powderkeg
    from powderkeg.web import pages

    monkeypatch.setattr(pages, "ACTOR_ROWS", 2)
    with powderkeg.open(web_db, read_only=True) as kb:
        months: dict[str, int] = {}
        for month, _, n in kb.event_timeline(actor="XKX"):
            months[month] = months.get(month, 0) + n
        n_source = kb.count_events(source="XKX")
    with serve(web_db) as url:
        context = browser.new_context(viewport={"width": 1280, "height": 860}, base_url=url)
        page = context.new_page()
        page.goto("/actors/XKX")
        assert page.locator("figure.chart svg path.bars").count() >= 2
        targets = page.locator("figure.chart svg rect.month")
        assert targets.count() == len(months)
        busiest = max(months, key=lambda m: months[m])
        target = page.locator("figure.chart svg rect.month", has=page.locator(f"title:text-matches('^{busiest}:')"))
        target.hover()
        title = target.locator("title").text_content() or ""
        assert title.startswith(f"{busiest}: {months[busiest]} event")
        assert page.locator("#acts-on tbody tr").count() == 2
        more = page.locator("#acts-on-more")
        assert more.is_visible() and "The 2 busiest of" in more.inner_text()
        more.locator("a").click()
        page.wait_for_url(re.compile(r"/events\?source=XKX$"))
        assert page.locator("#event-total").inner_text() == f"{n_source:,}"
        context.close()

"""The pages in a real headless Chromium (Debian's, driven by Playwright): open each page, use a
filter, follow an event to its highlighted evidence, and prove hostile article markup stays text.

Screenshots go to $POWDERKEG_SCREENSHOTS when set (docs/screenshots is made that way), else to a
temporary folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("POWDERKEG_CHROMIUM", "/usr/bin/chromium")
# Chromium's background services try the network at start; this machine's network is closed.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("POWDERKEG_SKIP_BROWSER") == "1":
            pytest.skip(f"{CHROMIUM} not installed and POWDERKEG_SKIP_BROWSER=1")
        pytest.fail(f"{CHROMIUM} not found: run `bash scripts/setup-browser.sh` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield launched
        launched.close()


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

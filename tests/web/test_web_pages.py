"""The HTML pages as a client sees them: status, escaping, headers, no off-site assets."""

from __future__ import annotations

import re

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
    assert f'<span id="event-total">{total}</span>' in html
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

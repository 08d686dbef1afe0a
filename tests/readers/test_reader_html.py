"""HTML reader: body, title, outlet and date through trafilatura."""

from __future__ import annotations

from pathlib import Path

import pytest

from powderkeg.models import Article, Failure
from powderkeg.readers import read_bytes, read_file
from powderkeg.readers.html import domain_of

FIXTURES = Path(__file__).parent.parent / "fixtures" / "readers"


def test_full_page() -> None:
    (article,) = read_file(FIXTURES / "ceasefire.html")
    assert isinstance(article, Article)
    assert article.fmt == "html"
    assert article.title == "Ceasefire holds along the northern line"
    assert article.outlet == "Caspian Ledger"
    assert article.published == "2023-09-22"
    assert article.url == "https://www.caspianledger.example/world/ceasefire-holds"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("A ceasefire between Armenia and Azerbaijan")
    for junk in ("Subscribe", "Share this", "cookies", "All rights reserved", "Home"):
        assert junk not in article.text


def test_short_page_with_canonical_url_only() -> None:
    (article,) = read_file(FIXTURES / "brief.htm")
    assert isinstance(article, Article)
    assert article.outlet == "pacificbrief.example"
    assert article.text.startswith("Japan lodged a formal protest with North Korea")


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.caspianledger.example/world/x", "caspianledger.example"),
        ("http://news.example.org:8080/a", "news.example.org"),
        ("", None),
        (None, None),
    ],
)
def test_domain_of(url: str | None, domain: str | None) -> None:
    assert domain_of(url) == domain


@pytest.mark.parametrize(
    "page",
    [
        "<html><body><div><span></div></body>",
        "<html><head><title>Only a title</title></head><body></body></html>",
        "<html><body><nav>Home | World | Subscribe</nav><script>var x = 1;</script></body></html>",
    ],
)
def test_page_without_article_body(page: str) -> None:
    (result,) = read_bytes(page.encode(), name="page.html")
    assert isinstance(result, Failure)
    assert result.path == "page.html"
    assert result.reason.startswith("malformed HTML: no extractable article body")

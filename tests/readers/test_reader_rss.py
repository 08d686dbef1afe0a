"""RSS/Atom reader: one Article per entry, teasers and broken feeds as Failures."""

from __future__ import annotations

from pathlib import Path

from powderkeg.models import Article, Failure
from powderkeg.readers import read_bytes, read_file
from powderkeg.readers.rss import html_to_text

FIXTURES = Path(__file__).parent.parent / "fixtures" / "readers"


def test_rss_entries() -> None:
    results = list(read_file(FIXTURES / "feed.rss"))
    assert len(results) == 3
    first, second, teaser = results
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Kosovo police close two crossings after protest"
    assert first.url == "https://balkandispatch.example/kosovo-crossings"
    assert first.outlet == "Balkan Dispatch"
    assert first.published == "2024-02-05"
    assert first.fmt == "rss"
    assert first.text.split("\n\n")[1].startswith("Belgrade condemned the closure")
    assert "<p>" not in first.text
    assert second.published == "2024-02-06"
    assert teaser == Failure(f"{FIXTURES / 'feed.rss'}#entry-3", "too little text (5 words < 20)")


def test_atom_entry_uses_content() -> None:
    (article,) = read_file(FIXTURES / "feed.atom")
    assert isinstance(article, Article)
    assert article.outlet == "Strait Monitor"
    assert article.published == "2023-08-19"
    assert article.url == "https://straitmonitor.example/shadow"
    assert article.text.endswith("what it called dangerous manoeuvres.")


def test_malformed_feed() -> None:
    (result,) = read_bytes(b'<?xml version="1.0"?><rss><channel><title>Broken</titl', name="broken.xml")
    assert isinstance(result, Failure)
    assert result.path == "broken.xml"
    assert result.reason.startswith("malformed RSS/Atom feed")


def test_feed_without_entries() -> None:
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    assert list(read_bytes(data, name="quiet.rss")) == [Failure("quiet.rss", "feed has no entries")]


def test_html_to_text() -> None:
    markup = "<p>Talks resumed &amp; ended.</p><p>Envoys left.<br/>Later, more.</p><script>x()</script>"
    assert html_to_text(markup) == "Talks resumed & ended.\n\nEnvoys left.\n\nLater, more."

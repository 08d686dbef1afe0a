"""Where an HTML page's publication date comes from (issue 14): metadata and datelines before URLs,
and never a copyright footer, which gave five undated pages 1 January of the footer's year."""

from __future__ import annotations

import pytest

from powderkeg.models import Article
from powderkeg.readers import read_bytes
from powderkeg.readers.html import dateline_date, url_date

BODY = """
<p>Kosovo police reinforced three border posts near Jarinje on Tuesday after a night of clashes in which two
officers were injured, the interior ministry in Pristina said.</p>
<p>Belgrade accused the Kosovo government of sending heavily armed units into Serb-majority municipalities
without consulting the NATO-led KFOR mission, and called for an urgent meeting in Brussels.</p>
<p>KFOR said its troops were patrolling the area and urged both sides to avoid any step that could raise
tensions further before the next round of the EU-facilitated dialogue.</p>
"""


def page(*, head: str = "", lead: str = "", footer: str = "", canonical: str = "") -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Kosovo reinforces northern border posts after clashes</title>{link}{head}</head>
<body><nav><a href="/">Home</a> <a href="/balkans">Balkans</a></nav>
<article><h1>Kosovo reinforces northern border posts after clashes</h1>{lead}{BODY}</article>
{footer}</body></html>""".encode()


COPYRIGHT = '<footer><p>© 2024 Adriatic Monitor. All rights reserved.</p><p><a href="/about">About us</a></p></footer>'
COPYRIGHT_WORD = "<footer><p>Copyright 2023 Sava Herald Media d.o.o.</p></footer>"
DATELINE = "<p>PRISTINA, March 3, 2025 – Police units moved north before dawn, officials said.</p>"
PUBLISHED_LINE = "<p>Published 14 February 2025</p>"
META = '<meta property="article:published_time" content="2025-02-01T09:30:00+01:00">'
JSON_LD = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
           '"headline": "Kosovo reinforces northern border posts", "datePublished": "2025-01-20T08:00:00Z"}</script>')
DATED_URL = "https://www.adriaticmonitor.example/2025/03/04/kosovo-border-posts"


@pytest.mark.parametrize(("case", "html", "expected"), [
    ("copyright sign footer alone is no date", page(footer=COPYRIGHT), None),
    ("copyright word footer alone is no date", page(footer=COPYRIGHT_WORD), None),
    ("dateline beats the footer", page(lead=DATELINE, footer=COPYRIGHT), "2025-03-03"),
    ("a 'Published' line is a dateline", page(lead=PUBLISHED_LINE, footer=COPYRIGHT), "2025-02-14"),
    ("URL beats the footer", page(canonical=DATED_URL, footer=COPYRIGHT), "2025-03-04"),
    ("dateline beats the URL", page(lead=DATELINE, canonical=DATED_URL, footer=COPYRIGHT), "2025-03-03"),
    ("meta tag beats dateline and URL", page(head=META, lead=DATELINE, canonical=DATED_URL), "2025-02-01"),
    ("JSON-LD beats the URL", page(head=JSON_LD, canonical=DATED_URL, footer=COPYRIGHT), "2025-01-20"),
    ("no date anywhere", page(), None),
])
def test_date_sources_are_ranked(case: str, html: bytes, expected: str | None) -> None:
    (article,) = read_bytes(html, name="page.html")
    assert isinstance(article, Article), article
    assert article.published == expected, case
    assert "2024" not in article.text and "Copyright" not in article.text


@pytest.mark.parametrize(("paragraphs", "expected"), [
    (["BELGRADE, 12 May 2025 (Danube Post) – Serbia's president said on Monday ..."], "2025-05-12"),
    (["Updated: 2025-06-02", "Serbia said ..."], "2025-06-02"),
    (["Kosovo police said on Tuesday that the posts would stay.", "By Ana Petrović", "May 3, 2025"], "2025-05-03"),
    # a date deep inside a sentence is what the article is about, not when it was published
    (["Serbia and Kosovo signed the Brussels agreement, which both sides say was first drafted on "
      "April 19, 2013, after months of talks."], None),
    (["Talks resume next week.", "Officials met twice.", "Nothing was signed.", "March 3, 2025"], None),
])
def test_dateline_opens_one_of_the_first_paragraphs(paragraphs: list[str], expected: str | None) -> None:
    assert dateline_date(paragraphs) == expected


@pytest.mark.parametrize(("url", "expected"), [
    ("https://www.adriaticmonitor.example/2025/03/04/kosovo-border-posts", "2025-03-04"),
    ("https://danubepost.example/news/2025-06-02-serbia-air-defence", "2025-06-02"),
    ("https://example.org/2025/02/30/impossible", None),
    ("https://example.org/balkans/kosovo-border-posts-4512", None),
    ("https://example.org/archive?page=2025", None),
    (None, None),
])
def test_url_dates(url: str | None, expected: str | None) -> None:
    assert url_date(url) == expected

"""Share and translation furniture stays out of article text (issue 14); its patterns are data
(src/powderkeg/data/boilerplate.csv), and a sentence that only mentions sharing or languages stays."""

from __future__ import annotations

import pytest

from powderkeg.models import Article
from powderkeg.readers import read_bytes
from powderkeg.readers.common import boilerplate_patterns, is_boilerplate

FURNITURE = [
    "This article can be read in 51 languages",
    "This story is available in 12 languages.",
    "Share this article",
    "Share on Facebook",
    "Facebook · X · WhatsApp · Email",
    "Read in English / Shqip / Srpski",
    "Read in: English | Shqip | Српски",
    "Also available in Albanian and Serbian",
    "English | Shqip | Srpski",
    "Select language",
    "Listen to this article",
    "Translate this article",
    "Copy link",
    "4 min read",
    "12 comments",
]

PROSE = [
    "Officials said the statement could be read in 12 languages across the region.",
    "He said Kosovo would share intelligence with Albania and North Macedonia.",
    "The English version of the agreement was published in Brussels on Monday.",
    "Read in full, the statement rejects any link between the arrests and the protests.",
    "Available in English only, the report was released by the OSCE mission on Monday.",
    "Serbian and Albanian negotiators met for three hours.",
    "Facebook removed the page after the ministry complained.",
]


@pytest.mark.parametrize("line", FURNITURE)
def test_furniture_is_boilerplate(line: str) -> None:
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", PROSE)
def test_prose_that_mentions_sharing_or_languages_is_kept(line: str) -> None:
    assert not is_boilerplate(line)


def test_patterns_are_data() -> None:
    assert len(boilerplate_patterns()) >= 10


ARTICLE = [
    "Kosovo and Serbia agreed on Thursday to set up a joint commission on missing persons, the EU's special "
    "representative said after a day of talks in Brussels.",
    "The commission will have access to archives in Belgrade and Pristina, and its first meeting is planned "
    "for next month, according to a statement read in both Albanian and Serbian.",
    "Families of the missing welcomed the step but said they had heard similar promises before.",
]


def test_html_page_loses_its_share_and_language_bars() -> None:
    html = f"""<!doctype html><html><head><title>Joint commission on missing persons agreed</title></head><body>
<article><h1>Joint commission on missing persons agreed</h1>
<p>This article can be read in 51 languages</p>
<div class="langs"><p>Read in English / Shqip / Srpski</p></div>
{''.join(f'<p>{p}</p>' for p in ARTICLE)}
<p>Share this article</p><p>Facebook · X · WhatsApp · Email</p>
</article></body></html>""".encode()
    (article,) = read_bytes(html, name="commission.html")
    assert isinstance(article, Article), article
    assert article.text.split("\n\n") == ARTICLE


def test_text_file_loses_its_share_and_language_lines() -> None:
    text = "\n\n".join([
        "# Joint commission on missing persons agreed", "Source: Adriatic Monitor", "Published: 2025-03-06",
        "This article can be read in 51 languages.", "Read in: English | Shqip | Српски", *ARTICLE,
        "Share this article", "Listen to this article",
    ])
    (article,) = read_bytes(text.encode(), name="commission.md")
    assert isinstance(article, Article), article
    assert article.text.split("\n\n") == ARTICLE
    assert (article.outlet, article.published) == ("Adriatic Monitor", "2025-03-06")

"""Text and Markdown reader: title, date, front matter, boilerplate, Markdown syntax."""

from __future__ import annotations

from pathlib import Path

import pytest

from powderkeg.models import Article
from powderkeg.readers import read_bytes, read_file
from powderkeg.readers.text import parse_text, strip_markdown

FIXTURES = Path(__file__).parent.parent / "fixtures" / "readers"

BODY = (
    "Negotiators from both governments met in Ohrid on Monday and agreed to set up a joint commission "
    "that will mark the disputed section of the border before the end of the year, officials said."
)


def _one(data: str, name: str = "story.txt") -> Article:
    results = list(read_bytes(data.encode(), name=name))
    assert len(results) == 1
    article = results[0]
    assert isinstance(article, Article), article
    return article


def test_text_fixture() -> None:
    (article,) = read_file(FIXTURES / "border_talks.txt")
    assert isinstance(article, Article)
    assert article.title == "Talks on Disputed River Border Stall in Vranje"
    assert article.published == "2024-03-02"
    assert article.fmt == "text"
    assert article.source_path == str(FIXTURES / "border_talks.txt")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0].startswith("Negotiators from Serbia and North Macedonia failed")
    assert paragraphs[0].endswith("southern town of Vranje.")  # hard-wrapped lines re-joined
    assert paragraphs[-1].startswith("Observers from the OSCE mission")
    for junk in ("Share this", "newsletter", "Read more", "By Mila", "Published:", "World"):
        assert junk not in article.text


def test_markdown_fixture() -> None:
    (article,) = read_file(FIXTURES / "un_vote.md")
    assert isinstance(article, Article)
    assert article.fmt == "markdown"
    assert article.title == "General Assembly backs resolution on Black Sea shipping"
    assert (article.published, article.outlet) == ("2023-11-14", "Harbour Wire")
    assert article.url == "https://harbourwire.example/un-black-sea-vote"
    assert article.text.startswith("The UN General Assembly on Monday adopted")
    assert "safe passage" in article.text and "**" not in article.text
    assert "The Ukrainian foreign ministry welcomed" in article.text
    assert "](" not in article.text and "cargo ship" not in article.text  # links kept as text, images dropped
    assert "Follow us" not in article.text


@pytest.mark.parametrize(
    ("head", "title", "published"),
    [
        ("Serbia and North Macedonia agree border commission\n\n", "Serbia and North Macedonia agree border commission", None),
        ("# Serbia and North Macedonia agree border commission\n\n", "Serbia and North Macedonia agree border commission", None),
        ("Type to search\n\nBorder commission agreed in Ohrid\n\nMarch 2, 2024\n\n", "Border commission agreed in Ohrid", "2024-03-02"),
        ("Border commission agreed in Ohrid\nPublished: 2024-03-02\n\n", "Border commission agreed in Ohrid", "2024-03-02"),
        ("Border commission agreed in Ohrid\n\nBy Ana Ilic\n2 March 2024\n\n", "Border commission agreed in Ohrid", "2024-03-02"),
        ("Will the border commission work?\n\n", "Will the border commission work?", None),
        ("", None, None),  # the body's first line is a sentence, not a title
    ],
)
def test_title_and_date(head: str, title: str | None, published: str | None) -> None:
    article = _one(head + BODY + "\n")
    assert (article.title, article.published) == (title, published)
    assert article.text == BODY


def test_dateline_with_outlet() -> None:
    body, meta = parse_text("# Border commission agreed in Ohrid\n\nBy [Ana Ilic](#)\n\nVardar Times, July 29, 2020\n\n"
                            "Region: [Europe](#), [Balkans](#)\n\n" + BODY)
    assert meta["published"] == "2020-07-29"
    assert meta["outlet"] == "Vardar Times"
    assert body == BODY


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("The [foreign ministry](https://mfa.example) said", "The foreign ministry said"),
        ("*Belgrade has recalled its envoy.*", "Belgrade has recalled its envoy."),
        ("**Disclaimer:** none", "Disclaimer: none"),
        ("The __joint__ statement", "The joint statement"),
        ("![map of the border](map.png) Map", "Map"),
        ("## Reaction in Pristina", "Reaction in Pristina"),
        ("> The talks will go on, he said.", "The talks will go on, he said."),
        ("- Serbia voted against", "Serbia voted against"),
        (r"\*\*\*", "***"),
        ("KFOR_2024 and snake_case survive", "KFOR_2024 and snake_case survive"),
    ],
)
def test_strip_markdown(line: str, expected: str) -> None:
    assert strip_markdown(line) == expected


def test_paragraph_per_line_when_not_wrapped() -> None:
    second = ("Pristina rejected the proposal and said any change to the boundary would have to be approved "
              "by the assembly, where the governing coalition lacks a two-thirds majority.")
    article = _one("Border commission agreed in Ohrid\n" + BODY + "\n" + second + "\n")
    assert article.text == BODY + "\n\n" + second


def test_footer_lines_are_trimmed() -> None:
    article = _one("Border commission agreed in Ohrid\n\n" + BODY + "\n\nAna Ilic\n\nDiscuss\n\nLeave a comment\n")
    assert article.text == BODY

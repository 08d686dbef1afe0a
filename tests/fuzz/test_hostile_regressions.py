"""Regression tests for what the hostile corpus broke (issue 14), one row per input found."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from powderkeg.models import Article, Failure
from powderkeg.readers import display_name, iter_inputs, read_bytes
from powderkeg.readers.common import MAX_WORDS, clean_field, web_url
from powderkeg.readers.text import strip_markdown

STORY = (
    "Serbia and Kosovo agreed on Tuesday to resume talks in Brussels on the licence plates dispute, "
    "the European Union's envoy said after a day of separate meetings with both delegations."
)


def _results(data: bytes, name: str) -> list[Article | Failure]:
    return list(read_bytes(data, name=name))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # each took minutes to hours before: the old regexes rescanned the line per opener
        ("# Talks" + " " * 20_000 + "resume", "Talks resume"),
        ("## Talks resume ##", "Talks resume"),
        ("*a " * 20_000, ("*a " * 20_000).strip()),
        ("[" * 20_000 + "x", "[" * 20_000 + "x"),
        ("[a](" * 20_000, ("[a](" * 20_000)),
        ("See [the statement](https://example.org/a_(b)) today", "See the statement today"),
        ("**Kosovo** and *Serbia* met", "Kosovo and Serbia met"),
        ("***bold italic***", "bold italic"),
        (r"a \*literal\* star", "a *literal* star"),
    ],
)
def test_strip_markdown_hostile_lines(line: str, expected: str) -> None:
    assert strip_markdown(line) == expected


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded(encoding: str) -> None:
    [article] = _results(("Talks resume in Brussels\n\n" + STORY).encode(encoding), "u.txt")
    assert isinstance(article, Article) and article.text == STORY


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"text": "x", "meta": ' + "[" * 50_000 + "]" * 50_000 + "}", "not JSON (nested too deeply)"),
        ('{"id": ' + "9" * 5000 + ', "text": "x"}', "not JSON (Exceeds the limit (4300 digits)"),
        ('{"id": "cut", "text": "The minister sa', "not JSON (Unterminated string starting at column 23)"),
    ],
)
def test_bad_jsonl_line_does_not_cost_the_file(line: str, reason: str) -> None:
    good = json.dumps({"id": "ok", "text": STORY})
    results = _results(f"{line}\n{good}\n".encode(), "b.jsonl")
    assert [type(r).__name__ for r in results] == ["Failure", "Article"]
    assert results[0].path == "b.jsonl:1" and results[0].reason.startswith(reason), results[0]  # type: ignore[union-attr]


def test_jsonl_keeps_unicode_line_separators_inside_strings() -> None:
    text = "The envoy said\u2028the talks would resume.\u2029Both sides\u0085agreed in Brussels."
    data = (json.dumps({"id": "ls", "text": text}, ensure_ascii=False) + "\r" + json.dumps({"text": STORY})).encode()
    results = _results(data, "ls.jsonl")
    assert [r.text for r in results if isinstance(r, Article)] == [text, STORY]


def test_lone_surrogate_becomes_replacement_character() -> None:
    data = b'{"id": "s\\udc80", "text": "The minister \\ud800 said the talks in Brussels would resume."}\n'
    [article] = _results(data, "s.jsonl")
    assert isinstance(article, Article)
    assert article.text == "The minister \ufffd said the talks in Brussels would resume."
    assert article.external_id == "s\ufffd"


def test_feed_with_invalid_character_references() -> None:
    feed = (f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>W &nbsp;</title>'
            f"<entry><title>T &#xD800; &#0;</title><id>1</id><summary>{STORY} &#1114112;</summary></entry></feed>")
    [article] = _results(feed.encode(), "f.atom")
    assert isinstance(article, Article) and article.text.startswith(STORY)
    assert article.title == "T \ufffd \ufffd"


def test_feed_link_that_is_javascript_is_dropped() -> None:
    feed = (f'<rss version="2.0"><channel><title>W</title><item><title>T</title>'
            f"<link>javascript:alert(1)</link><description>{STORY}</description></item></channel></rss>")
    [article] = _results(feed.encode(), "f.rss")
    assert isinstance(article, Article) and article.url is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("HTTP://EXAMPLE.ORG", "HTTP://EXAMPLE.ORG"),
        ("javascript:alert(1)", None),
        (" data:text/html;base64,PHNjcmlwdD4=", None),
        ("//example.org/a", None),
    ],
)
def test_web_url(value: str, expected: str | None) -> None:
    assert web_url(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Talks \u202eelif.exe\u202c resume", "Talks elif.exe resume"),
        ("\x1b[2J\x1b[31mTalks\x1b[0m", "[2J [31mTalks [0m"),
        ("Talks\x00 resume \u2066x\u2069", "Talks resume x"),
        ("Flag 👨‍👩‍👧 and ZWJ kept", "Flag 👨‍👩‍👧 and ZWJ kept"),
    ],
)
def test_clean_field_drops_controls(value: str, expected: str) -> None:
    assert clean_field(value) == expected


def test_too_long_article_is_refused() -> None:
    text = "The envoy said the talks in Geneva would resume. " * (MAX_WORDS // 9 + 1)
    [failure] = _results(text.encode(), "long.txt")
    assert isinstance(failure, Failure)
    assert failure.reason.startswith("too long for one article (") and failure.reason.endswith("split it into articles")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Kryeministri i Shqipërisë tha të hënën se qeveria do të vazhdojë bisedimet me Bashkimin Evropian "
         "për hapjen e kapitujve të rinj, ndërsa opozita kërkoi zgjedhje të parakohshme në pranverë.",
         "not English (looks like sq)"),
        ("Xyqz blorp vantu kerrim dosh pelvat urnim sosh trebla quonk vesh mirt alpo dunk seff lurm bapo "
         "kinto garv wemp.", "not English (language not recognised)"),
    ],
)
def test_language_reasons(text: str, reason: str) -> None:
    [failure] = _results(text.encode(), "x.txt")
    assert failure == Failure("x.txt", reason)


def test_links_pipes_and_odd_names_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "loop_a.txt").symlink_to("loop_b.txt")
    (tmp_path / "loop_b.txt").symlink_to("loop_a.txt")
    (tmp_path / "dangling.txt").symlink_to("missing.txt")
    (tmp_path / "up").symlink_to("..")
    os.mkfifo(tmp_path / "pipe.jsonl")
    odd = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.txt"))
    odd.write_text("Talks resume\n\n" + STORY + " " + STORY.replace("Tuesday", "Monday"))
    results = list(iter_inputs([tmp_path]))
    failures = {Path(r.path).name: r.reason for r in results if isinstance(r, Failure)}
    assert failures == {
        "dangling.txt": "broken symlink (its target does not exist)",
        "loop_a.txt": "symlink loop (the link leads back to itself)",
        "loop_b.txt": "symlink loop (the link leads back to itself)",
        "pipe.jsonl": "not a regular file (a pipe, socket or device)",
    }
    [article] = [r for r in results if isinstance(r, Article)]
    assert article.source_path == display_name(odd) == f"{tmp_path}/caf\\xe9.txt"
    assert next(iter(iter_inputs([tmp_path / "loop_a.txt"]))).reason.startswith("symlink loop")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("names/two\nlines.txt", "names/two\\nlines.txt: empty file"),
        ("names/\u202etxt.exe", "names/\\u202etxt.exe: empty file"),
        (os.fsdecode(b"caf\xe9.txt"), "caf\\xe9.txt: empty file"),
        ("café.txt", "café.txt: empty file"),
    ],
)
def test_failure_line_is_one_printable_line(path: str, shown: str) -> None:
    assert str(Failure(path, "empty file")) == shown


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("x " * 2500, ("x " * 2000).rstrip()),  # no sentence end: cut between words, no trailing space
        ("Serbia " * 700, ("Serbia " * 571).rstrip()),
        ("y" * 5000, "y" * 4000),  # one 5,000-letter word: a hard cut is all there is
    ],
)
def test_split_units_cuts_a_long_line_between_words(text: str, first: str) -> None:
    from powderkeg.pipeline import split_units

    units = split_units(text)
    assert units[0].text == first
    assert all(text[u.start: u.start + len(u.text)] == u.text == u.text.strip() for u in units)


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf", "\u00a0\n\u2003\n".encode()])
def test_jsonl_with_no_lines_says_so(data: bytes) -> None:
    assert _results(data, "e.jsonl") == [Failure("e.jsonl", "empty file (no JSON lines)")]

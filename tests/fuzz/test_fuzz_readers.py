"""Property tests of the readers: random bytes and near-valid documents of every format.

Whatever comes in, each reader yields Articles and Failures only: no exception, no crash
caught by the dispatcher's safety net ("unreadable (...)"), and every Article is valid
Unicode text that serialises to JSON.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict

import pytest
from fuzzkit import examples, tally
from hypothesis import given, settings
from hypothesis import strategies as st

from powderkeg.models import Article, Failure
from powderkeg.readers import read_bytes
from powderkeg.readers.common import article_id
from powderkeg.readers.text import _strip_emphasis, strip_markdown

WORDS = ("Serbia", "Kosovo", "Belgrade", "NATO", "the", "minister", "said", "talks", "resumed", "in", "Brussels",
         "on", "Tuesday", "accused", "of", "shelling", "Vučić", "Kurti", "sanctions", "tanks", "Leopard", "2",
         "42", "1,200", "$3.5", "billion", "“we", "will", "not", "retreat”", "—", "and", "Priština", "🇽🇰", "👨‍👩‍👧")
NOISE = st.sampled_from(["\u202e", "\u2066", "\u200d", "\u00a0", "\u2028", "\u0301", "\x00", "\x1b[31m", "\ufeff",
                         "\r", "\r\n", "\t", "&", "<", ">", "\\", "\ud800", "\U0001f600", "\u00ad", "\x85"])
ENTITY = st.sampled_from(["&amp;", "&nbsp;", "&bogus;", "&#0;", "&#xD800;", "&#1114112;", "&#x41;", "&lt;", "&"])
_UNREADABLE = re.compile(r"^unreadable \(")


def sentence(extra: st.SearchStrategy[str] = NOISE) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(WORDS), st.sampled_from(WORDS), extra, st.text(max_size=6))
    return st.lists(piece, min_size=1, max_size=30).map(" ".join).map(lambda s: s + ".")


def prose(extra: st.SearchStrategy[str] = NOISE) -> st.SearchStrategy[str]:
    return st.lists(sentence(extra), min_size=1, max_size=8).map(" ".join)


def check(results: list[Article | Failure]) -> None:
    """The reader contract: Articles or Failures, never a crash, and storable output."""
    assert results, "a reader must yield at least one result"
    for r in results:
        assert isinstance(r, Article | Failure)
        if isinstance(r, Failure):
            assert r.reason and not _UNREADABLE.match(r.reason), r
            assert "\n" not in str(r)
            continue
        assert r.text.strip() and r.id == article_id(r.text)
        json.dumps(asdict(r), ensure_ascii=False).encode("utf-8")  # no lone surrogate anywhere
        assert r.url is None or r.url.lower().startswith(("http://", "https://"))
        for field in (r.title, r.outlet):
            assert field is None or not re.search("[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]", field), field


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "rss", "jsonl"])
def test_random_bytes(fmt: str) -> None:
    @settings(max_examples=examples("reader_bytes"))
    @given(st.one_of(st.binary(max_size=3000), prose().map(lambda s: s.encode("utf-8", "surrogatepass"))))
    def run(data: bytes) -> None:
        tally(f"reader_bytes[{fmt}]")
        check(list(read_bytes(data, name=f"x.{fmt}", fmt=fmt)))

    run()


@st.composite
def markdown_doc(draw: st.DrawFn) -> str:
    lines = []
    if draw(st.booleans()):
        lines += ["---", f"title: {draw(sentence())}", f"date: {draw(st.text(max_size=12))}", draw(st.sampled_from(["---", ""]))]
    marks = st.sampled_from(["# ", "## ", "> ", "- ", "* ", "1. ", "", "", "***", "---", "Source: ", "Published: "])
    for _ in range(draw(st.integers(1, 12))):
        text = draw(prose())
        if draw(st.booleans()):
            w = draw(st.sampled_from(["*", "**", "_", "__", "***", "[", "](", "![", "`"]))
            text = text.replace(" ", f" {w}", draw(st.integers(0, 4)))
        lines.append(draw(marks) + text)
        if draw(st.booleans()):
            lines.append("")
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)


@settings(max_examples=examples("reader_text"))
@given(markdown_doc(), st.sampled_from(["text", "markdown"]), st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252"]))
def test_text_and_markdown(doc: str, fmt: str, encoding: str) -> None:
    tally("reader_text")
    check(list(read_bytes(doc.encode(encoding, "replace"), name=f"x.{fmt}", fmt=fmt)))


@st.composite
def html_doc(draw: st.DrawFn) -> str:
    tags = st.sampled_from(["div", "p", "article", "span", "b", "i", "a", "script", "style", "table", "td", "li",
                            "h1", "nav", "footer", "br", "img", "base", "meta", "time"])
    attrs = st.sampled_from(["", ' href="javascript:alert(1)"', ' href="https://example.org/a"', ' class="content"',
                             ' datetime="2024-02-30"', ' property="og:url" content="javascript:x"', ' lang="sr"'])
    parts = [draw(st.sampled_from(["<!DOCTYPE html>", "", '<?xml version="1.0"?>'])), "<html><head>"]
    parts.append(f"<title>{draw(sentence(ENTITY))}</title>")
    parts.append(draw(st.sampled_from(["", '<base href="javascript:alert(1)//">', '<meta charset="windows-1251">',
                                       '<link rel="canonical" href="data:text/html,x">'])))
    parts.append("</head><body>")
    open_tags: list[str] = []
    for _ in range(draw(st.integers(1, 25))):
        choice = draw(st.integers(0, 3))
        if choice == 0:
            tag = draw(tags)
            open_tags.append(tag)
            parts.append(f"<{tag}{draw(attrs)}>")
        elif choice == 1 and open_tags and draw(st.booleans()):
            parts.append(f"</{open_tags.pop()}>")
        else:
            parts.append(draw(prose(st.one_of(NOISE, ENTITY))))
    return "".join(parts) + draw(st.sampled_from(["</body></html>", "", "</div>" * 3]))


@settings(max_examples=examples("reader_html"))
@given(html_doc(), st.sampled_from(["utf-8", "utf-16"]))
def test_html(doc: str, encoding: str) -> None:
    tally("reader_html")
    check(list(read_bytes(doc.encode(encoding, "surrogatepass"), name="x.html", fmt="html")))


@st.composite
def feed_doc(draw: st.DrawFn) -> str:
    atom = draw(st.booleans())
    dates = st.sampled_from(["Tue, 12 Mar 2024 08:00:00 GMT", "2024-02-30", "Mon, 01 Jan 0000 00:00:00 GMT",
                             "2024-03-12T08:00:00Z", "yesterday", "", "Fri, 31 Dec 99999 23:59:59 +9999"])
    links = st.sampled_from(["https://wire.example.org/a", "javascript:alert(1)", "", "data:,x", "/relative"])
    items = []
    for _ in range(draw(st.integers(0, 6))):
        title, body = draw(sentence(ENTITY)), draw(prose(st.one_of(NOISE, ENTITY)))
        if draw(st.booleans()):
            body = f"<![CDATA[<p>{body}</p><script>x</script>]]>"
        if atom:
            items.append(f"<entry><title>{title}</title><id>{draw(st.text(max_size=5))}</id><link href=\"{draw(links)}\"/>"
                         f"<updated>{draw(dates)}</updated><content type=\"html\">{body}</content></entry>")
        else:
            items.append(f"<item><title>{title}</title><link>{draw(links)}</link><pubDate>{draw(dates)}</pubDate>"
                         f"<description>{body}</description></item>")
    head = '<?xml version="1.0" encoding="utf-8"?>' if draw(st.booleans()) else ""
    if atom:
        doc = f'{head}<feed xmlns="http://www.w3.org/2005/Atom"><title>{draw(sentence(ENTITY))}</title>{"".join(items)}</feed>'
    else:
        doc = f'{head}<rss version="2.0"><channel><title>{draw(sentence(ENTITY))}</title>{"".join(items)}</channel></rss>'
    if draw(st.integers(0, 4)) == 0:
        doc = doc[: draw(st.integers(0, len(doc)))]
    return doc


@settings(max_examples=examples("reader_feed"))
@given(feed_doc())
def test_feeds(doc: str) -> None:
    tally("reader_feed")
    check(list(read_bytes(doc.encode("utf-8", "surrogatepass"), name="x.rss", fmt="rss")))


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)


@st.composite
def jsonl_doc(draw: st.DrawFn) -> str:
    lines = []
    for _ in range(draw(st.integers(1, 8))):
        record = {"id": draw(st.one_of(st.text(max_size=8), st.integers(), JSON_VALUES)),
                  "text": draw(st.one_of(prose(), prose(), JSON_VALUES)),
                  "title": draw(st.one_of(sentence(), JSON_VALUES)),
                  "url": draw(st.sampled_from(["https://example.org/x", "javascript:alert(1)", None, 7])),
                  "published": draw(st.one_of(st.sampled_from(["2024-02-30", "2024-03-12", "0000-01-01", "March 2, 2024"]),
                                              JSON_VALUES))}
        line = json.dumps(record, ensure_ascii=draw(st.booleans()))
        if draw(st.integers(0, 5)) == 0:
            cut = draw(st.integers(0, len(line)))
            line = line[:cut] + draw(st.sampled_from(["", "\x00", "\ufeff", "}", "\\", '"'])) + line[cut:]
        lines.append(line)
    return draw(st.sampled_from(["\n", "\r\n", "\r"])).join(lines)


@settings(max_examples=examples("reader_jsonl"))
@given(jsonl_doc())
def test_jsonl(doc: str) -> None:
    tally("reader_jsonl")
    results = list(read_bytes(doc.encode("utf-8", "surrogatepass"), name="x.jsonl", fmt="jsonl"))
    check(results)
    if re.search("[\ud800-\udfff]", doc):
        return  # raw surrogates made the bytes invalid UTF-8: the text was a charset guess
    given = set()
    for line in re.split(r"\r\n|\r|\n", doc):
        try:
            obj = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(obj, dict) and isinstance(obj.get("text"), str):
            given.add(re.sub("[\ud800-\udfff]", "\ufffd", obj["text"]))
    # JSONL text is kept as given (evidence offsets index it); only lone surrogates become U+FFFD
    assert {r.text for r in results if isinstance(r, Article)} <= given


# The regex _strip_emphasis replaced (quadratic on a long line): same output on short lines.
_OLD_EMPHASIS = re.compile(r"(?<![\w*_])([*_]{1,3})(?=[^\s*_])(.+?)(?<=[^\s*_])\1(?![\w*_])")
_OLD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")


@settings(max_examples=examples("strip_markdown"))
@given(st.text(alphabet=st.sampled_from("*_ a.é\t#[]()!b\\\u00a0"), max_size=40))
def test_strip_markdown_matches_the_old_regexes(line: str) -> None:
    tally("strip_markdown")
    assert _strip_emphasis(line) == _OLD_EMPHASIS.sub(r"\2", line)
    old, new = _OLD_HEADING.match(line), re.match(r"^\s{0,3}(#{1,6})\s+(.*)$", line)
    assert (old is None) == (new is None)
    if old and new:
        assert new[2].rstrip().rstrip("#").rstrip() == old[2]
    strip_markdown(line)

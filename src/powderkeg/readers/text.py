"""Plain text and Markdown → Article.

Saved pages often arrive as text with Markdown left in ("By [Name](#)",
"*lede*"), a nav line above the headline and a dateline under it, so the
reader finds the title and date, drops the page furniture and returns clean
prose paragraphs joined by a blank line.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterator

from powderkeg.models import Article, Failure
from powderkeg.readers.common import (
    DATE_PATTERNS,
    clean_field,
    drop_boilerplate,
    find_date,
    is_boilerplate,
    iso_date,
    make_article,
)

logger = logging.getLogger(__name__)

_FRONT_MATTER_KEYS = {"title", "date", "published", "outlet", "source", "url", "link", "site"}
# No bracket inside the link text and one level of parentheses in the target: each match
# attempt then stops at the next bracket, so a line of "[" or "](" cannot take quadratic time.
_TARGET = r"\((?:[^()\n]|\([^()\n]*+\))*+\)"
_IMAGE = re.compile(r"!\[[^\[\]]*+\]" + _TARGET)
_LINK = re.compile(r"\[([^\[\]]*+)\]" + _TARGET)
_REF_LINK = re.compile(r"\[([^\[\]]++)\]\[[^\[\]]*+\]")
_AUTOLINK = re.compile(r"<(https?://[^<>\s]++)>")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_DELIMS = re.compile(r"[*_]+")
_OPEN_BEFORE = re.compile(r"[\w*_]")  # an emphasis opener may not follow these
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*)$")
_UNPARK = {0xE000 + code: code for code in range(0x80)}  # undoes the parking of escaped markers
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_BULLET = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+")
_RULE = re.compile(r"^\s*(?:[-*_=~]\s*){3,}$|^\s*(?:\\\*\s*){3,}$")
#: "Source: Balkan Ledger", "Published: 2025-03-14" header lines under the title.
_HEADER_FIELD = re.compile(r"^(source|outlet|publisher|published|date|updated)\s*:\s*(\S.*)$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|written by|words by|reporting by)\s+\S", re.IGNORECASE)
_LABEL_LINE = re.compile(r"^[\w][\w\s-]{0,30}:\s+\S")
_DATE_LABEL = re.compile(
    r"^\W*(?:published|updated|posted|last updated|date|first published)(?:\s+on)?\s*:?\s*", re.IGNORECASE
)
_SENTENCE_END = ('.', '!', '?', '"', '”', '’', "'", ')', ':', ';')


def _front_matter(lines: list[str]) -> tuple[dict[str, str], list[str]]:
    """Split a leading "---" block of `key: value` lines from the rest."""
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            meta: dict[str, str] = {}
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                key = key.strip().lower()
                if sep and key in _FRONT_MATTER_KEYS:
                    meta[key] = value.strip().strip("'\"")
            return meta, lines[end + 1:]
    return {}, lines


def _strip_emphasis(line: str) -> str:
    """Unwrap `*x*`, `__x__`, `***x***` spans (one pass), in time linear in the line.

    Same result as re.sub(r"(?<![\\w*_])([*_]{1,3})(?=[^\\s*_])(.+?)(?<=[^\\s*_])\\1(?![\\w*_])", r"\\2")
    on a line, but that regex rescans the rest of the line for every opener without a
    closer: quadratic, hours on a 1 MB line of "*a " (issue 14, hostile corpus). An opener
    is a whole run of 1-3 markers before a non-space; its closer is the next whole run
    with the same markers after a non-space and not before a word character.
    """
    runs = [(m.start(), m.end()) for m in _DELIMS.finditer(line)]
    closers: dict[str, list[int]] = {}
    for start, end in runs:
        if start > 0 and not line[start - 1].isspace() and (end == len(line) or not _OPEN_BEFORE.match(line[end])):
            closers.setdefault(line[start:end], []).append(start)
    out: list[str] = []
    pos = 0
    for start, end in runs:
        if start < pos or end - start > 3 or end == len(line) or line[end].isspace():
            continue
        if start > 0 and _OPEN_BEFORE.match(line[start - 1]):
            continue
        candidates = closers.get(line[start:end], [])
        i = bisect.bisect_left(candidates, end)
        if i == len(candidates):
            continue
        close = candidates[i]
        out.append(line[pos:start])
        out.append(line[end:close])
        pos = close + (end - start)
    out.append(line[pos:])
    return "".join(out)


def strip_markdown(line: str) -> str:
    """One line without Markdown syntax: links keep their text, images and markers go."""
    line = _IMAGE.sub("", line)
    line = _LINK.sub(r"\1", line)
    line = _REF_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    heading = _HEADING.match(line)
    if heading:
        line = heading[2].rstrip().rstrip("#").rstrip()  # "## Title ##" closes with #s
    line = _QUOTE.sub("", line)
    line = _BULLET.sub("", line)
    # Escaped markers are parked in the private-use area so emphasis
    # stripping cannot eat them; "***bold italic***" needs two passes.
    line = _ESCAPE.sub(lambda m: chr(0xE000 + ord(m[1])), line)
    line = "\n".join(_strip_emphasis(_strip_emphasis(part)) for part in line.split("\n"))
    line = line.translate(_UNPARK)
    return " ".join(line.split())


def _is_title_like(line: str) -> bool:
    """A headline: short, at least three words, not a sentence ending in a period."""
    return 0 < len(line) < 200 and len(line.split()) >= 3 and not line.endswith(".") and not is_boilerplate(line)


def _find_title(lines: list[str]) -> tuple[str | None, int]:
    """(title, index of the first line after it); nav lines above a headline are skipped."""
    nonblank = [i for i, line in enumerate(lines) if line.strip()][:6]
    for i in nonblank:
        heading = _HEADING.match(lines[i])
        if heading and len(heading[1]) <= 2 and _is_title_like(strip_markdown(lines[i])):
            above = [strip_markdown(lines[j]) for j in nonblank if j < i]
            if all(len(text.split()) <= 4 or is_boilerplate(text) for text in above):
                return strip_markdown(lines[i]), i + 1
    for i in nonblank:
        text = strip_markdown(lines[i])
        if is_boilerplate(text) or len(text.split()) <= 2:
            continue  # "World", "Type to search": section labels and site search above the headline
        return (text, i + 1) if _is_title_like(text) else (None, 0)
    return None, 0


def _date_line(line: str) -> tuple[str, str | None] | None:
    """(ISO date, outlet or None) when `line` is a dateline such as "Global Research, July 29, 2020"."""
    found = find_date(line)
    if found is None:
        return None
    iso, start, end = found
    rest = (line[:start] + " " + line[end:]).strip()
    rest = _DATE_LABEL.sub("", rest).strip(" ,|-–—·:")
    if len(rest.split()) > 5:
        return None
    outlet = rest if rest and rest[0].isupper() and not _BYLINE.match(rest) and not any(
        p.search(rest) for p in DATE_PATTERNS) else None
    return iso, outlet


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True when the file wraps paragraphs at a fixed width (almost no line over 100 chars)."""
    nonblank = [line for line in lines if line.strip()]
    long_lines = sum(len(line) > 100 for line in nonblank)
    return len(nonblank) >= 3 and long_lines <= len(nonblank) // 20


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs, one per line, or per blank-line block when the file is hard-wrapped.

    In a wrapped file a line joins the next only if it is long and does not end
    a sentence, so a short subhead directly above its paragraph stays on its own.
    """
    wrapped = _is_hard_wrapped(lines)
    paragraphs: list[str] = []
    current = ""
    for raw in lines:
        line = "" if _RULE.match(raw) else strip_markdown(raw)
        if not line:
            if current:
                paragraphs.append(current)
            current = ""
            continue
        if wrapped and current and len(current) >= 60 and not current.endswith(_SENTENCE_END):
            current = f"{current} {line}"
        else:
            if current:
                paragraphs.append(current)
            current = line
    if current:
        paragraphs.append(current)
    return paragraphs


def parse_text(text: str) -> tuple[str, dict[str, str | None]]:
    """The article body and its metadata (title, published, outlet, url) from a text/Markdown page."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front, lines = _front_matter(lines)
    meta: dict[str, str | None] = {
        "title": clean_field(front.get("title")),
        "published": iso_date(front.get("published") or front.get("date")),
        "outlet": clean_field(front.get("outlet") or front.get("source") or front.get("site")),
        "url": clean_field(front.get("url") or front.get("link")),
    }
    start = 0
    if meta["title"] is None:
        meta["title"], start = _find_title(lines)
    paragraphs = _paragraphs(lines[start:])
    # Header zone: bylines, datelines and "Region: Europe" labels right under the title.
    body_start = 0
    for paragraph in paragraphs[:8]:
        words = len(paragraph.split())
        dated = _date_line(paragraph) if words <= 12 else None
        header = _HEADER_FIELD.match(paragraph) if words <= 12 else None
        if header is not None:
            key, value = header.group(1).lower(), header.group(2).strip()
            if key in ("source", "outlet", "publisher"):
                meta["outlet"] = meta["outlet"] or clean_field(value)
            elif key in ("published", "date", "updated"):
                meta["published"] = meta["published"] or iso_date(value)
        elif dated is not None:
            meta["published"] = meta["published"] or dated[0]
            meta["outlet"] = meta["outlet"] or dated[1]
        elif not (
            is_boilerplate(paragraph)
            or (_BYLINE.match(paragraph) and words <= 8)
            or (_LABEL_LINE.match(paragraph) and words <= 15 and not paragraph.endswith("."))
        ):
            break
        body_start += 1
    # One or two words without punctuation is a section label or a photo credit, never prose.
    body = [p for p in drop_boilerplate(paragraphs[body_start:]) if len(p.split()) > 2 or p.endswith(_SENTENCE_END)]
    if body and meta["title"] and body[0].casefold() == meta["title"].casefold():
        body = body[1:]
    # Footer: author names, "Discuss", section links after the last real paragraph.
    while body and len(body[-1].split()) < 8 and not body[-1].endswith(_SENTENCE_END):
        body.pop()
    return "\n\n".join(body), meta


def read_text(text: str, *, name: str, fmt: str = "text") -> Iterator[Article | Failure]:
    """One Article (or a Failure) from a text or Markdown document."""
    body, meta = parse_text(text)
    logger.debug("%s: title=%r published=%s", name, meta["title"], meta["published"])
    yield make_article(
        body,
        name=name,
        fmt=fmt,
        source_path=name,
        title=meta["title"],
        url=meta["url"],
        outlet=meta["outlet"],
        published=meta["published"],
    )

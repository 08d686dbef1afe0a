"""RSS and Atom feeds → one Article per entry.

Feed entries are often teasers; an entry with too little text becomes a
Failure named "feed.xml#entry-N" so the analyst knows to fetch the page.
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections.abc import Iterator
from datetime import date
from typing import Any

import feedparser

from powderkeg.models import Article, Failure
from powderkeg.readers.common import clean_field, drop_boilerplate, iso_date, make_article

logger = logging.getLogger(__name__)

_BLOCK_END = re.compile(r"<\s*(?:br\s*/?|/\s*(?:p|div|li|h[1-6]|blockquote|tr|section|article))\s*>", re.IGNORECASE)
_BLOCK_START = re.compile(r"<\s*(?:p|div|li|h[1-6]|blockquote|tr|section|article)\b[^>]*>", re.IGNORECASE)
_DROP = re.compile(r"<\s*(script|style)\b.*?<\s*/\s*\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));")


def _safe_charref(match: re.Match[bytes]) -> bytes:
    """`&#xD800;`, `&#0;` or `&#1114112;` name no character; feedparser's fallback
    parser crashes on them (UnicodeEncodeError), so they become U+FFFD first."""
    code = int(match[1], 16) if match[1] else int(match[2])
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b"&#xFFFD;"
    return match[0]


def html_to_text(markup: str) -> str:
    """Feed HTML (already sanitised by feedparser) to paragraphs joined by a blank line."""
    markup = _DROP.sub(" ", markup)
    markup = _BLOCK_END.sub("\n\n", markup)
    markup = _BLOCK_START.sub("\n\n", markup)
    text = html.unescape(_TAG.sub("", markup))
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return "\n\n".join(drop_boilerplate(paragraphs))


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if isinstance(parsed, time.struct_time):
            return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
    return iso_date(entry.get("published") or entry.get("updated"))


def _entry_body(entry: Any) -> str:
    """The longest of the entry's full content and its summary, as text."""
    candidates = [str(part.get("value", "")) for part in entry.get("content") or []]
    candidates.append(str(entry.get("summary") or ""))
    texts = [html_to_text(c) for c in candidates]
    return max(texts, key=len)


def read_feed(data: bytes, *, name: str) -> Iterator[Article | Failure]:
    """One Article or Failure per feed entry; one Failure for an unreadable feed."""
    try:
        feed = feedparser.parse(_CHARREF.sub(_safe_charref, data))
    except Exception as exc:  # feedparser's loose parser has more crashes than we know of
        logger.debug("%s: feedparser failed", name, exc_info=True)
        yield Failure(name, f"malformed RSS/Atom feed ({type(exc).__name__}: {exc})")
        return
    entries = feed.entries
    if not entries:
        if feed.bozo:
            reason = str(feed.get("bozo_exception", "")).strip() or "parse error"
            yield Failure(name, f"malformed RSS/Atom feed ({reason})")
        else:
            yield Failure(name, "feed has no entries")
        return
    if feed.bozo:
        logger.info("%s: feed is not well-formed (%s); using the %d entries found",
                    name, feed.get("bozo_exception"), len(entries))
    bodies = [_entry_body(entry) for entry in entries]
    if feed.bozo and not any(body.strip() for body in bodies):
        # feedparser salvages empty shells from a truncated file; that is one broken feed, not N empty entries.
        reason = str(feed.get("bozo_exception", "")).strip() or "parse error"
        yield Failure(name, f"malformed RSS/Atom feed ({reason})")
        return
    outlet = clean_field(feed.feed.get("title"))
    for number, (entry, body) in enumerate(zip(entries, bodies, strict=True), start=1):
        yield make_article(
            body,
            name=f"{name}#entry-{number}",
            fmt="rss",
            source_path=name,
            title=clean_field(html.unescape(entry.get("title") or "")),
            url=clean_field(entry.get("link")),
            outlet=outlet,
            published=_entry_date(entry),
        )

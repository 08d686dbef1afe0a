"""HTML pages → Article, with trafilatura finding the article body and metadata.

trafilatura's defaults drop pages under ~250 characters of body; news briefs
are often 150 words, so the thresholds are lowered and recall is favoured.
Our own checks (too little text, not English) then decide what is kept.

The publication date is ranked by source (issue 14): the page's own metadata
(meta tags, JSON-LD, <time>, a dated byline), then a dateline at the top of
the text, then a date in the URL. A copyright footer ("© 2024") is never a
date: trafilatura's extensive search turned it into 1 January, so the date is
found here with htmldate's metadata-only search instead, and no date beats a
wrong one.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import htmldate
import trafilatura
from trafilatura.settings import DEFAULT_CONFIG

from powderkeg.models import Article, Failure
from powderkeg.readers.common import clean_field, drop_boilerplate, find_date, iso_date, make_article

logger = logging.getLogger(__name__)

_CONFIG = copy.deepcopy(DEFAULT_CONFIG)
_CONFIG["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "50"
_CONFIG["DEFAULT"]["MIN_OUTPUT_SIZE"] = "10"
# Our own ranked search finds the date (see `page_date`); this only keeps trafilatura's cheap.
_CONFIG["DEFAULT"]["EXTENSIVE_DATE_SEARCH"] = "off"

#: /2025/03/04/ or 2025-03-04 in a URL's path.
_URL_DATE = re.compile(r"(?<!\d)(\d{4})[/_-](\d{1,2})[/_-](\d{1,2})(?!\d)")
#: A dateline starts the text: within this many characters of the start of one of its first paragraphs.
_DATELINE_REACH = 60
_DATELINE_PARAGRAPHS = 3


def domain_of(url: str | None) -> str | None:
    """The host of `url` without "www.", or None: the outlet of last resort."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname or ""
    host = host.removeprefix("www.")
    return host or None


def metadata_date(html: str) -> str | None:
    """The date the page's markup states (meta tags, JSON-LD, <time>, dated bylines), or None.

    htmldate without its extensive search (which reads "© 2024" as 2024-01-01)
    and without the URL (a weaker source, ranked below a dateline).
    """
    try:
        found = htmldate.find_date(html, extensive_search=False, original_date=True, url="")
    except Exception:  # htmldate/lxml raise many types on broken markup; no date is the safe answer
        logger.debug("htmldate failed", exc_info=True)
        return None
    return iso_date(found) if found else None


def dateline_date(paragraphs: list[str]) -> str | None:
    """A date opening one of the first paragraphs ("PRISTINA, March 3, 2025 –", "Published 3 March 2025")."""
    for paragraph in paragraphs[:_DATELINE_PARAGRAPHS]:
        found = find_date(paragraph[: _DATELINE_REACH + 30])
        if found is not None and found[1] <= _DATELINE_REACH:
            return found[0]
    return None


def url_date(url: str | None) -> str | None:
    """A date written in the URL's path (/2025/03/04/), or None."""
    if not url:
        return None
    match = _URL_DATE.search(urlsplit(url.strip()).path)
    if match is None:
        return None
    return iso_date(f"{match[1]}-{int(match[2]):02d}-{int(match[3]):02d}")


def page_date(html: str, paragraphs: list[str], url: str | None) -> str | None:
    """The publication date by rank: metadata, then a dateline, then the URL; never a footer year."""
    return metadata_date(html) or dateline_date(paragraphs) or url_date(url)


def read_html(text: str, *, name: str) -> Iterator[Article | Failure]:
    """One Article (or a Failure) from an HTML page."""
    try:
        doc = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            favor_recall=True,
            include_comments=False,
            include_tables=False,
            config=_CONFIG,
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        logger.debug("%s: trafilatura failed", name, exc_info=True)
        yield Failure(name, f"malformed HTML ({type(exc).__name__})")
        return
    if doc is None or isinstance(doc, dict):
        yield Failure(name, "malformed HTML: no extractable article body")
        return
    body = doc.text or ""
    if not body.strip():
        yield Failure(name, "malformed HTML: no extractable article body")
        return
    title = clean_field(doc.title)
    paragraphs = [" ".join(line.split()) for line in body.split("\n")]
    paragraphs = drop_boilerplate(paragraphs)
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        paragraphs = paragraphs[1:]  # trafilatura keeps the <h1> as the first line
    if not paragraphs:
        yield Failure(name, "malformed HTML: no extractable article body (only navigation or boilerplate)")
        return
    url = clean_field(doc.url)
    outlet = clean_field(doc.sitename) or domain_of(url) or clean_field(doc.hostname)
    yield make_article(
        "\n\n".join(paragraphs),
        name=name,
        fmt="html",
        source_path=name,
        title=title,
        url=url,
        outlet=outlet,
        published=page_date(text, paragraphs, url),
    )

"""HTML pages → Article, with trafilatura finding the article body and metadata.

trafilatura's defaults drop pages under ~250 characters of body; news briefs
are often 150 words, so the thresholds are lowered and recall is favoured.
Our own checks (too little text, not English) then decide what is kept.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterator
from urllib.parse import urlsplit

import trafilatura
from trafilatura.settings import DEFAULT_CONFIG

from powderkeg.models import Article, Failure
from powderkeg.readers.common import clean_field, drop_boilerplate, iso_date, make_article

logger = logging.getLogger(__name__)

_CONFIG = copy.deepcopy(DEFAULT_CONFIG)
_CONFIG["DEFAULT"]["MIN_EXTRACTED_SIZE"] = "50"
_CONFIG["DEFAULT"]["MIN_OUTPUT_SIZE"] = "10"


def domain_of(url: str | None) -> str | None:
    """The host of `url` without "www.", or None: the outlet of last resort."""
    if not url:
        return None
    host = urlsplit(url.strip()).hostname or ""
    host = host.removeprefix("www.")
    return host or None


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
        published=iso_date(doc.date),
    )

"""Helpers every reader shares: decoding, text clean-up, dates, ids and the
checks that turn a weak input into a `Failure` instead of a junk article.

Readers raise `InputError` from these helpers; the dispatcher in
`powderkeg.readers` turns it into a `Failure` so one bad file never stops a batch.
"""

from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from datetime import datetime
from email.utils import parsedate_to_datetime
from functools import lru_cache

import charset_normalizer

from powderkeg.errors import DataFileError, InputError
from powderkeg.models import Article, Failure

logger = logging.getLogger(__name__)

#: Size limit per input file; a bigger file is refused, not truncated.
DEFAULT_MAX_BYTES: int = 20 * 1024 * 1024

#: Fewer words than this is a teaser or a stub, not an article.
MIN_WORDS = 20
#: More words than this is a book, a dump or a repeated sentence, not one article: parsing
#: it would take minutes (the longest long-form news runs to ~20,000 words).
MAX_WORDS = 50_000

# --------------------------------------------------------------------------- ids


def article_id(text: str) -> str:
    """Content hash of the whitespace-normalised text, so re-ingesting a file is idempotent."""
    canon = " ".join(unicodedata.normalize("NFC", text).split())
    return "a" + hashlib.sha256(canon.encode("utf-8")).hexdigest()[:15]


# --------------------------------------------------------------------- decoding

# Magic numbers of files people drop into a corpus folder by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3\x00", "SQLite database"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Control bytes that never occur in text (tab, LF, FF, CR and ESC excluded).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27)) + b"\x7f"


def _looks_like_prose(text: str) -> bool:
    """A sanity check on a guessed decoding: mostly letters, with spaces between words.

    charset-normalizer always finds *some* code page; a run of one symbol or
    a space-less soup of signs means the guess is wrong, not that it is news.
    """
    sample = text[:20000]
    if not sample.strip():
        return False
    wordish = sum(c.isalpha() or c.isspace() or c in ".,;:!?'\"()-–—“”‘’«»0123456789" for c in sample)
    spaces = sum(c.isspace() for c in sample)
    cjk = sum("\u3000" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af" for c in sample)
    distinct = len(set(sample))
    return wordish >= 0.85 * len(sample) and (spaces >= 0.05 * len(sample) or cjk >= 0.5 * len(sample)) and (
        distinct >= 8 or len(sample) < 40
    )


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without a byte-order mark (Windows tools do), or None.

    Latin-script UTF-16 has a NUL in every other byte: the odd bytes in little-endian,
    the even ones in big-endian. The decoded text must still look like prose.
    """
    head = data[:8192]
    half = len(head) // 2
    if len(data) % 2 or half < 8:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    if odd >= 0.3 * half and even <= 0.01 * half:
        encoding = "utf-16-le"
    elif even >= 0.3 * half and odd <= 0.01 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return text if _looks_like_prose(text) else None


def decode_bytes(data: bytes, *, name: str) -> str:
    """Bytes to str: UTF-8 (BOM allowed) first, then charset-normalizer's best guess.

    Raises InputError for empty, binary or undecodable input, because a wrong
    guess would put mojibake into the knowledge base silently.
    """
    if not data.strip():
        raise InputError(name, "empty file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(name, f"binary content ({kind})")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(name, f"mis-encoded: bad {encoding} text ({exc.reason})") from exc
    head = data[:8192]
    if b"\x00" in head:
        text16 = _utf16_without_bom(data)
        if text16 is not None:
            logger.info("%s: no byte-order mark, decoded as UTF-16", name)
            return text16
        raise InputError(name, "binary content (NUL bytes)")
    controls = sum(head.count(bytes([b])) for b in _CONTROL_BYTES)
    if controls > max(2, len(head) // 100):
        raise InputError(name, f"binary content ({controls} control bytes in the first {len(head)})")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise InputError(name, "mis-encoded: not valid text in any common encoding")
    text = str(best)
    if not _looks_like_prose(text):
        raise InputError(name, f"mis-encoded: best guess ({best.encoding}) decodes to garbage")
    logger.info("%s: not UTF-8, decoded as %s", name, best.encoding)
    return text


# ------------------------------------------------------------------ normalising

# The look-behind starts a match only at the start of a run of spaces: without it a long
# run inside a line is rescanned from each of its positions (quadratic; issue 14).
_TRAILING_WS = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]+$", re.MULTILINE)
#: Lone UTF-16 surrogates ("\\ud800" in JSON, "&#xD800;" in a feed): not text, and not storable as UTF-8.
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Control characters (terminal escapes, NUL) and bidi embeddings/overrides/isolates: in a
#: one-line title or outlet they can only hide or reorder what a reader sees.
_FIELD_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def normalize_text(text: str) -> str:
    """NFC, Unix newlines, no trailing spaces, at most one blank line in a row.

    Evidence offsets point into this string, so every reader must produce it.
    """
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\ufeff", "").replace("\u00ad", "")
    text = _TRAILING_WS.sub("", text)
    text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip()


def clean_field(value: object) -> str | None:
    """A metadata value as a trimmed single-line string, or None when blank."""
    if value is None:
        return None
    text = _FIELD_CONTROLS.sub(" ", _SURROGATE.sub("\ufffd", str(value)))
    out = " ".join(unicodedata.normalize("NFC", text).split())
    return out or None


def web_url(value: object) -> str | None:
    """An http(s) URL, or None: a `javascript:` or `data:` link must not become a stored link."""
    url = clean_field(value)
    if url is None or not url.lower().startswith(("http://", "https://")):
        return None
    return url


# ------------------------------------------------------------------------ dates

_MONTHS = {
    name: i
    for i, names in enumerate(
        (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
         ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
         ("oct", "october"), ("nov", "november"), ("dec", "december")),
        start=1,
    )
    for name in names
}
_MONTH_RE = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_MDY = re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.IGNORECASE)
_DMY = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE}),?\s+(\d{{4}})\b", re.IGNORECASE)
#: Every date shape `find_date` understands, for callers that need the span.
DATE_PATTERNS: tuple[re.Pattern[str], ...] = (_ISO_DATE, _MDY, _DMY)


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day).date().isoformat()
    except ValueError:
        return None


def find_date(text: str) -> tuple[str, int, int] | None:
    """The first date written in `text` as (ISO date, start, end), or None."""
    hits: list[tuple[int, int, str]] = []
    for match in _ISO_DATE.finditer(text):
        iso = _ymd(int(match[1]), int(match[2]), int(match[3]))
        if iso:
            hits.append((match.start(), match.end(), iso))
            break
    for match in _MDY.finditer(text):
        month = _MONTHS.get(match[1].lower()[:3])
        iso = _ymd(int(match[3]), month, int(match[2])) if month else None
        if iso:
            hits.append((match.start(), match.end(), iso))
            break
    for match in _DMY.finditer(text):
        month = _MONTHS.get(match[2].lower()[:3])
        iso = _ymd(int(match[3]), month, int(match[1])) if month else None
        if iso:
            hits.append((match.start(), match.end(), iso))
            break
    if not hits:
        return None
    start, end, iso = min(hits)
    return iso, start, end


def iso_date(value: object) -> str | None:
    """A published date as ISO "YYYY-MM-DD": ISO strings, RFC 822 (feeds) or "March 2, 2024"."""
    text = clean_field(value)
    if text is None:
        return None
    match = _ISO_DATE.match(text)
    if match:
        return _ymd(int(match[1]), int(match[2]), int(match[3]))
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    found = find_date(text)
    return found[0] if found else None


def checked_date(value: object, *, name: str, field: str = "published") -> str | None:
    """`iso_date(value)`, with a warning naming `name` (file and line) when a value was given but is
    no date ("2024-02-30"): the article is still read, undated, and the user knows why (issue 14)."""
    found = iso_date(value)
    if found is None and clean_field(value) is not None:
        logger.warning("%s: %s %r is not a valid date; the article is stored undated", name, field,
                       clean_field(value))
    return found


# -------------------------------------------------------------- boilerplate

# Lines that are site furniture, not reporting. Matched only on short lines
# (see `is_boilerplate`) so a sentence that mentions a newsletter survives.
_BOILERPLATE = re.compile(
    r"""
    \b(share\ (this|on|via)|share$|subscribe|newsletter|follow\ us|read\ more|sign\ up|sign\ in|log\ in
    |cookies?\b|privacy\ policy|terms\ of\ (use|service)|advertisement|sponsored|click\ here
    |all\ rights\ reserved|related\ (articles|stories|posts)|recommended|most\ read|leave\ a\ (comment|reply)
    |comments?\ on\b|type\ to\ search|skip\ to\ (main\ )?content|back\ to\ top|become\ a\ member|donate
    |email\ address|print\ this|whatsapp|telegram\ channel|join\ (us|our)|original\ source\ of\ this
    |articles?\ by|featured\ image|image\ credit|photo\ credit|copyrighted\ material)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Lines dropped whatever their length: legal footers and credits.
_ALWAYS_BOILERPLATE = re.compile(
    r"^\W*(copyright\b|©|\(c\)\s*\d{4}|disclaimer\b|all rights reserved|image:|photo:|photograph:|file photo)",
    re.IGNORECASE,
)
# Phrases that mark a footer wherever they sit in the line, however long it is.
_FOOTER_PHRASES = re.compile(r"contains copyrighted material|^\W*note to readers\b|all rights reserved", re.IGNORECASE)
_RULE = re.compile(r"^\s*(?:[-*_=~]\s*){3,}$")
_LINE_EDGES = re.compile(r"^[\s•·*>|\-–—]+|[\s.:!…|»›→]+$")


@lru_cache(maxsize=1)
def boilerplate_patterns() -> tuple[re.Pattern[str], ...]:
    """data/boilerplate.csv: whole-line patterns of share and translation furniture (data, not code)."""
    from powderkeg.lexicons import data_path, read_rows

    path = data_path("boilerplate.csv")
    patterns = []
    for lineno, row in read_rows(path, ("pattern",)):
        try:
            patterns.append(re.compile(row["pattern"], re.IGNORECASE))
        except re.error as exc:
            raise DataFileError(str(path), lineno, f"bad pattern: {exc}") from exc
    return tuple(patterns)


def is_boilerplate(line: str) -> bool:
    """True for share/subscribe/cookie/newsletter lines, translation menus, copyright footers and rules."""
    stripped = line.strip()
    if not stripped:
        return False
    if _RULE.match(stripped) or _ALWAYS_BOILERPLATE.match(stripped) or _FOOTER_PHRASES.search(stripped):
        return True
    if len(stripped.split()) > 25:
        return False
    if _BOILERPLATE.search(stripped):
        return True
    core = _LINE_EDGES.sub("", stripped)
    return any(p.fullmatch(core) for p in boilerplate_patterns())


def drop_boilerplate(paragraphs: Iterable[str]) -> list[str]:
    """Paragraphs without site furniture (see `is_boilerplate`)."""
    return [p for p in paragraphs if p.strip() and not is_boilerplate(p)]


# ----------------------------------------------------------------- language

_WORD = re.compile(r"[^\W\d_]+")

# Common function words per language; English is the one that matters, the
# others only name the language in the failure reason.
_FUNCTION_WORD_LISTS: dict[str, str] = {
    "en": "the of and to in is that for on with was by as at from it its are were be been has have had "
        "will would said this which an a not but or they he she his her their who after over about than "
        "also into more could should under against between during",
    "de": "der die das und ist nicht mit den dem des ein eine einer zu von im auf für sich auch als wurde "
        "werden hat sind bei nach aus wie oder dass es sie er zum zur",
    "fr": "le la les de des du et est une un dans pour pas que qui sur au aux avec par il elle ont été "
        "sont ce cette son sa ses mais ou plus l d qu",
    "es": "el la los las de del y en que es por para con una un no se su al lo como más pero fue ha "
        "sus entre",
    "it": "il lo la gli le di del della e è che per con non una un sono ha da nel alla al dei delle",
    "pt": "o a os as de do da dos das e em que não com uma um para por foi é no na se ao",
    "nl": "de het een en van in is dat op te met voor niet zijn werd door aan ook als",
    "sr": "je i u da se na su za od sa koji koja koje ne to iz kao što sto ali će ce bio bila bi o nije "
        "prema posle nakon kako biti ili još jos",
    "pl": "i w nie na się z do że jest to jak o po przez dla od oraz został",
    "tr": "ve bir bu da de ile için olarak daha çok gibi olan ama",
    "sq": "të në dhe për me një nga që se është do ka janë por ajo kjo ky edhe",
}
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split()) for lang, words in _FUNCTION_WORD_LISTS.items()
}
_SERBIAN_CYRILLIC = set("ђћџјљњЂЋЏЈЉЊ")
_UKRAINIAN_CYRILLIC = set("іїєґІЇЄҐ")


def _script(char: str) -> str:
    """The Unicode script family of a letter, from its character name."""
    name = unicodedata.name(char, "")
    for script in ("LATIN", "CYRILLIC", "GREEK", "ARABIC", "HEBREW", "HANGUL", "HIRAGANA", "KATAKANA",
                   "CJK", "DEVANAGARI", "THAI", "ARMENIAN", "GEORGIAN"):
        if name.startswith(script):
            return script
    return "OTHER"


_SCRIPT_LANG = {
    "GREEK": "el", "ARABIC": "ar", "HEBREW": "he", "HANGUL": "ko", "HIRAGANA": "ja", "KATAKANA": "ja",
    "CJK": "zh", "DEVANAGARI": "hi", "THAI": "th", "ARMENIAN": "hy", "GEORGIAN": "ka",
}


def guess_language(text: str) -> str:
    """A cheap two-letter language guess: "en", a rival code, or "unknown".

    No model, no dependency: the letters' script decides non-Latin text and
    the share of common function words decides Latin text. Good enough to
    keep a Serbian or German page out of an English-only pipeline.
    """
    text = text[:20000]  # a sample is enough, and keeps a 20 MB file cheap
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return "unknown"
    scripts: dict[str, int] = {}
    for char, n in Counter(letters).items():  # each distinct letter named once, not every occurrence
        script = _script(char)
        scripts[script] = scripts.get(script, 0) + n
    top_script = max(scripts, key=lambda s: scripts[s])
    if scripts.get("LATIN", 0) < 0.5 * len(letters):
        if top_script == "CYRILLIC":
            if any(c in _SERBIAN_CYRILLIC for c in letters):
                return "sr"
            if any(c in _UKRAINIAN_CYRILLIC for c in letters):
                return "uk"
            return "ru"
        if "HIRAGANA" in scripts or "KATAKANA" in scripts:
            return "ja"
        return _SCRIPT_LANG.get(top_script, "unknown")
    words = Counter(w.lower() for w in _WORD.findall(text))
    total = sum(words.values())
    if not total:
        return "unknown"
    shares = {lang: sum(n for w, n in words.items() if w in vocab) / total for lang, vocab in _FUNCTION_WORDS.items()}
    english = shares.pop("en")
    rival = max(shares, key=lambda lang: shares[lang])
    # English news runs at ~35-45% function words from this list; other Latin
    # languages score under 10% on it, mostly through shared short words.
    if english >= 0.2 or (english >= 0.12 and english > shares[rival]):
        return "en"
    return rival if shares[rival] >= 0.1 else "unknown"


# -------------------------------------------------------------- assembling


def word_count(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits."""
    return len(re.findall(r"\w+", text))


def make_article(
    text: str,
    *,
    name: str,
    fmt: str,
    source_path: str,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    external_id: str | None = None,
    min_words: int = MIN_WORDS,
    normalize: bool = True,
) -> Article | Failure:
    """Normalise the text, apply the too-short and not-English checks, build the Article.

    `name` is what a Failure is filed under ("feed.xml#entry-3", "a.jsonl:7").
    JSONL records pass normalize=False: their text is the reference that
    evidence offsets must match byte for byte (the extract contract).
    """
    # a lone surrogate becomes U+FFFD: one character for one, so JSONL offsets still hold
    body = _SURROGATE.sub("\ufffd", normalize_text(text) if normalize else text)
    words = word_count(body)
    if words == 0:
        return Failure(name, "no article text")
    if words < min_words:
        return Failure(name, f"too little text ({words} words < {MIN_WORDS})")
    if words > MAX_WORDS:
        return Failure(name, f"too long for one article ({words} words > {MAX_WORDS}); split it into articles")
    lang = guess_language(body)
    if lang == "unknown":
        return Failure(name, "not English (language not recognised)")
    if lang != "en":
        return Failure(name, f"not English (looks like {lang})")
    return Article(
        id=article_id(body),
        text=body,
        title=clean_field(title),
        url=web_url(url),
        outlet=clean_field(outlet),
        published=published,
        source_path=source_path,
        fmt=fmt,
        external_id=None if external_id is None else _SURROGATE.sub("\ufffd", external_id),
    )

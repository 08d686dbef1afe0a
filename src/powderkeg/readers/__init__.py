"""Readers: every input format → `Article`, every bad input → `Failure`.

    iter_inputs(["corpus/", "extra/*.html", "-"])   files, folders, globs, stdin
    read_file(path)                                 one file, format from its suffix
    read_bytes(data, name=..., fmt=None)            the same from memory

Nothing here raises for a bad input: each one yields a single `Failure`
naming the file and the reason, and the rest of the batch goes on.
"""

from __future__ import annotations

import errno
import glob
import json
import logging
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from powderkeg.errors import InputError
from powderkeg.models import Article, Failure
from powderkeg.readers.common import DEFAULT_MAX_BYTES, article_id, decode_bytes
from powderkeg.readers.html import read_html
from powderkeg.readers.jsonl import read_json, read_jsonl, stream_jsonl
from powderkeg.readers.rss import read_feed
from powderkeg.readers.text import read_text

__all__ = [
    "DEFAULT_MAX_BYTES", "FORMATS", "article_id", "display_name", "estimate_articles", "iter_inputs", "read_bytes", "read_file",
    "sniff_format",
]

logger = logging.getLogger(__name__)

#: File suffix → reader format. Anything else is sniffed from the content.
SUFFIX_FORMATS: dict[str, str] = {
    ".txt": "text", ".text": "text",
    ".md": "markdown", ".markdown": "markdown",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".rss": "rss", ".atom": "rss", ".xml": "rss",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
}
_ALIASES = {"feed": "rss", "atom": "rss", "xml": "rss", "md": "markdown", "txt": "text", "ndjson": "jsonl"}
#: Formats `read_bytes` accepts as `fmt`.
FORMATS: tuple[str, ...] = ("text", "markdown", "html", "rss", "jsonl", "json")
_GLOB_CHARS = frozenset("*?[")
_URL = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)
#: What an input that is a web address gets: powderkeg reads files, it never goes online.
URL_REASON = "URLs are not fetched; save the page and ingest the file"


def sniff_format(text: str) -> str:
    """Guess the format from content: JSONL, RSS/Atom, HTML, Markdown, else text."""
    stripped = text.lstrip("\ufeff \t\r\n")
    first_line = stripped.split("\n", 1)[0].strip()
    if first_line.startswith("{"):
        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except (ValueError, RecursionError):  # JSONDecodeError, a 5,000-digit number, [[[[...
            pass
    if stripped[:1] in "{[":
        try:
            json.loads(stripped)
            return "json"
        except ValueError:
            pass
        except RecursionError:
            return "json"  # the JSON reader says why it cannot load it
    head = stripped[:2048].lower()
    if head.startswith(("<rss", "<feed", "<rdf:rdf")):
        return "rss"
    if head.startswith("<?xml"):
        if "<rss" in head or "<feed" in head or "<rdf:rdf" in head:
            return "rss"
        if "<html" in head:
            return "html"
        return "rss"
    if "<html" in head or "<body" in head or head.startswith("<!doctype html"):
        return "html"
    if any(line.lstrip().startswith("# ") for line in stripped.split("\n")[:10]) or "](" in stripped[:5000]:
        return "markdown"
    return "text"


def _dispatch(data: bytes, text: str, *, name: str, fmt: str) -> Iterator[Article | Failure]:
    if fmt in ("text", "markdown"):
        return read_text(text, name=name, fmt=fmt)
    if fmt == "html":
        return read_html(text, name=name)
    if fmt == "rss":
        return read_feed(data, name=name)  # feedparser honours the XML encoding declaration
    if fmt == "jsonl":
        return read_jsonl(text, name=name)
    return read_json(text, name=name)


def read_bytes(data: bytes, *, name: str, fmt: str | None = None) -> Iterator[Article | Failure]:
    """Articles from in-memory bytes; `fmt` None means: from `name`'s suffix, else sniffed."""
    if fmt is not None:
        fmt = _ALIASES.get(fmt, fmt)
        if fmt not in FORMATS:
            raise ValueError(f"unknown input format {fmt!r}; expected one of {', '.join(FORMATS)}")
    try:
        text = decode_bytes(data, name=name)
        if fmt is None:
            fmt = SUFFIX_FORMATS.get(Path(name).suffix.lower()) or sniff_format(text)
        logger.debug("%s: reading as %s", name, fmt)
        yield from _dispatch(data, text, name=name, fmt=fmt)
    except InputError as exc:
        yield Failure(exc.path, exc.reason)
    except Exception as exc:  # a reader bug must not stop the batch
        logger.warning("%s: unexpected %s while reading", name, type(exc).__name__, exc_info=True)
        yield Failure(name, f"unreadable ({type(exc).__name__}: {exc})")


def display_name(path: str | Path) -> str:
    """`path` as a str that can be stored and printed: a file name that is not UTF-8
    (os.fsdecode's surrogate escapes) gets backslash escapes for its odd bytes."""
    name = str(path)
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        try:
            raw = name.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:  # a lone surrogate that no file system produced
            return name.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Failure]:
    """Articles from one file, refusing empty and oversized files before reading them
    (a JSONL file over the limit is read a record at a time instead, the limit per record)."""
    name = display_name(path)
    try:
        info = path.stat()
        size = info.st_size
        if path.is_dir():
            yield Failure(name, "is a directory")
            return
        if not stat.S_ISREG(info.st_mode):  # a FIFO would block the read forever
            yield Failure(name, "not a regular file (a pipe, socket or device)")
            return
        if size == 0:
            yield Failure(name, "empty file")
            return
        if size > max_bytes:
            if SUFFIX_FORMATS.get(path.suffix.lower()) == "jsonl" and _streamable(path):
                yield from _read_large_jsonl(path, name=name, max_bytes=max_bytes)
                return
            yield Failure(name, f"file too large ({size} bytes > {max_bytes} byte limit)")
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield Failure(name, "broken symlink (its target does not exist)" if path.is_symlink()
                      else "no such file or directory")
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            yield Failure(name, "symlink loop (the link leads back to itself)")
        else:
            yield Failure(name, f"cannot read ({exc.strerror or type(exc).__name__})")
        return
    yield from read_bytes(data, name=name, fmt=SUFFIX_FORMATS.get(path.suffix.lower()))


def _read_large_jsonl(path: Path, *, name: str, max_bytes: int) -> Iterator[Article | Failure]:
    """`stream_jsonl` over an open file, with `read_bytes`' guard: a reader bug ends this file, not the batch."""
    try:
        with path.open("rb") as fh:
            yield from stream_jsonl(fh, name=name, max_bytes=max_bytes)
    except InputError as exc:
        yield Failure(exc.path, exc.reason)
    except OSError as exc:
        yield Failure(name, f"cannot read ({exc.strerror or type(exc).__name__})")
    except Exception as exc:
        logger.warning("%s: unexpected %s while reading", name, type(exc).__name__, exc_info=True)
        yield Failure(name, f"unreadable ({type(exc).__name__}: {exc})")


def _streamable(path: Path) -> bool:
    """Whether a large JSONL file can be cut at its newline bytes: not UTF-16/32 (a BOM or
    NUL bytes at its start), whose line ends are two or four bytes wide."""
    with path.open("rb") as fh:
        head = fh.read(4096)
    return not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")) and b"\x00" not in head


def _walk(folder: Path) -> list[Path]:
    """Everything but folders under `folder`, recursively and sorted, skipping hidden names.

    Broken or looping symlinks and pipes are kept so that `read_file` names them;
    symlinked folders are not followed (rglob's rule), so a link back up cannot loop.
    """
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if not path.is_dir():
            found.append(path)
    return sorted(found)


def _read_stdin(max_bytes: int) -> Iterator[Article | Failure]:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is not None:
        data: bytes = stream.read(max_bytes + 1)
    else:  # a text-only stdin (some embedders replace sys.stdin)
        data = sys.stdin.read(max_bytes + 1).encode("utf-8")
    if not data.strip():
        yield Failure("-", "empty input")
        return
    if len(data) > max_bytes:
        yield Failure("-", f"input too large (more than {max_bytes} bytes)")
        return
    yield from read_bytes(data, name="-")


def estimate_articles(paths: Iterable[str | Path]) -> int | None:
    """About how many articles `iter_inputs(paths)` will yield, without parsing anything.

    One per file, one per line of a JSONL file, one per <item>/<entry> of a feed.
    For the progress bar only; None when the inputs include stdin.
    """
    total = 0
    seen: set[Path] = set()
    for raw in paths:
        if str(raw) == "-":
            return None
        expanded = _expand(str(raw))
        if isinstance(expanded, Failure):
            continue
        for path in expanded:
            if _key(path) in seen:
                continue
            seen.add(_key(path))
            fmt = SUFFIX_FORMATS.get(path.suffix.lower())
            try:
                if not path.is_file():  # never open a pipe: the read would block
                    total += 1
                elif fmt == "jsonl":
                    with path.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                elif fmt == "rss":
                    data = path.read_bytes()
                    total += max(1, data.count(b"<item") + data.count(b"<entry"))
                else:
                    total += 1
            except OSError:
                total += 1
    return total


def _key(path: Path) -> Path:
    """The real path, to read a file named twice once; a symlink loop is its own key."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # Python 3.11 raises RuntimeError on a symlink loop
        return path.absolute()


def _expand(raw: str) -> list[Path] | Failure:
    """The files one command-line argument names, or a Failure if it names none."""
    if _URL.match(raw.strip()):
        return Failure(raw, URL_REASON)
    path = Path(raw)
    if path.is_dir():
        return _walk(path)
    if path.exists() or path.is_symlink():  # a broken or looping link: read_file says which
        return [path]
    if _GLOB_CHARS & set(raw):
        files: list[Path] = []
        for match in sorted(glob.glob(raw, recursive=True)):
            hit = Path(match)
            files.extend(_walk(hit) if hit.is_dir() else [hit])
        return files or Failure(display_name(raw), "glob matched no files")
    return Failure(display_name(raw), "no such file or directory")


def iter_inputs(
    paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Article | Failure]:
    """Articles from files, folders, glob patterns and "-" (stdin), in the order given.

    A file named twice (say, by a folder and a glob) is read once.
    """
    seen: set[Path] = set()
    for raw in paths:
        raw_str = str(raw)
        if raw_str == "-":
            yield from _read_stdin(max_bytes)
            continue
        expanded = _expand(raw_str)
        if isinstance(expanded, Failure):
            yield expanded
            continue
        if not expanded:
            logger.info("%s: folder holds no readable files", raw_str)
        for path in expanded:
            key = _key(path)
            if key in seen:
                continue
            seen.add(key)
            yield from read_file(path, max_bytes=max_bytes)

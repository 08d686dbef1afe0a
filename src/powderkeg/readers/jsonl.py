"""JSONL (one article object per line, SCHEMA.md "Article file") → Article.

A bad line is one Failure named "file.jsonl:N"; the other lines still load,
so one truncated record does not cost the whole batch. The text is only
normalised, never cleaned: evidence quotes must match it as given.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import IO, Any

from powderkeg.errors import InputError
from powderkeg.models import Article, Failure
from powderkeg.readers.common import checked_date, clean_field, decode_bytes, make_article

logger = logging.getLogger(__name__)

# JSON strings may hold U+2028, U+2029 and U+0085 unescaped (json.dumps(ensure_ascii=False)
# writes them so); str.splitlines() would cut a record there. A raw CR or LF cannot occur
# inside a JSON string, so these are the only line ends.
_LINE_END = re.compile(r"\r\n|\r|\n")


def _loads(text: str, *, one_line: bool) -> tuple[Any, str | None]:
    """(value, None), or (None, why it is not JSON): never raises on any input."""
    try:
        return json.loads(text), None
    except json.JSONDecodeError as exc:
        msg = exc.msg.removesuffix(" at")  # "Unterminated string starting at" + " at column 23"
        return None, f"{msg} at column {exc.colno}" if one_line else f"{msg} at line {exc.lineno}"
    except RecursionError:
        return None, "nested too deeply"
    except ValueError as exc:  # e.g. an integer of more than 4,300 digits
        return None, str(exc).split(":")[0]


def _record(obj: Any, *, name: str, source_path: str) -> Article | Failure:
    """One decoded JSON value as an Article, or a Failure saying what is wrong with it."""
    if not isinstance(obj, dict):
        return Failure(name, f"not a JSON object (got {type(obj).__name__})")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return Failure(name, 'no "text" field' if text is None else 'empty or non-string "text" field')
    raw_id = obj.get("id")
    return make_article(
        text,
        name=name,
        fmt="jsonl",
        source_path=source_path,
        title=clean_field(obj.get("title")),
        url=clean_field(obj.get("url")),
        outlet=clean_field(obj.get("outlet")),
        published=checked_date(obj.get("published"), name=name),
        external_id=None if raw_id is None else str(raw_id),
        # a JSONL record is already an article: keep short items (single-sentence
        # gold sets) and its text byte for byte, so evidence offsets match it
        min_words=1,
        normalize=False,
    )


def read_jsonl(text: str, *, name: str) -> Iterator[Article | Failure]:
    """One Article or Failure per non-blank line."""
    empty = True
    for number, line in enumerate(_LINE_END.split(text), start=1):
        if not line.strip():
            continue
        empty = False
        where = f"{name}:{number}"
        obj, error = _loads(line, one_line=True)
        if error is not None:
            yield Failure(where, f"not JSON ({error})")
            continue
        yield _record(obj, name=where, source_path=name)
    if empty:  # a byte-order mark or Unicode spaces only: say so rather than yield nothing
        yield Failure(name, "empty file (no JSON lines)")


#: How much of an over-long record is read at a time while skipping to its end.
_SKIP_CHUNK = 1 << 20


def stream_jsonl(fh: IO[bytes], *, name: str, max_bytes: int) -> Iterator[Article | Failure]:
    """A JSONL file too large to read whole, a line at a time (an export of 100,000 articles
    is one file): the byte limit then holds per record, and line numbers are those of
    `read_jsonl`. Each line is decoded on its own (UTF-8, else the same guess as a file)."""
    number, empty = 0, True
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            break
        if len(raw) > max_bytes and not raw.endswith(b"\n"):  # longer than the limit: skip the rest of it
            number += 1
            empty = False
            yield Failure(f"{name}:{number}", f"record too large (more than {max_bytes} bytes)")
            while (more := fh.readline(_SKIP_CHUNK)) and not more.endswith(b"\n"):
                pass
            continue
        line = raw.removesuffix(b"\n").removesuffix(b"\r")
        for piece in line.split(b"\r"):  # a lone CR ends a line too, as in read_jsonl
            number += 1
            if not piece.strip():
                continue
            empty = False
            where = f"{name}:{number}"
            try:
                text = decode_bytes(piece, name=where)
            except InputError as exc:
                yield Failure(exc.path, exc.reason)
                continue
            obj, error = _loads(text.lstrip("\ufeff"), one_line=True)
            if error is not None:
                yield Failure(where, f"not JSON ({error})")
                continue
            yield _record(obj, name=where, source_path=name)
    if empty:
        yield Failure(name, "empty file (no JSON lines)")


def read_json(text: str, *, name: str) -> Iterator[Article | Failure]:
    """A .json file: one article object, or a list of them ("file.json[N]" names item N)."""
    obj, error = _loads(text, one_line=False)
    if error is not None:
        yield Failure(name, f"not JSON ({error})")
        return
    if isinstance(obj, list):
        if not obj:
            yield Failure(name, "empty JSON list")
        for number, item in enumerate(obj, start=1):
            yield _record(item, name=f"{name}[{number}]", source_path=name)
    else:
        yield _record(obj, name=name, source_path=name)

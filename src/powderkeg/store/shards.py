"""Parquet shards: extractions as per-table Parquet files, and their merge into the file by one writer.

Why: `ingest --engine dask` (powderkeg.cluster) extracts on other processes or machines; each
task sends back its batch as one Parquet file per table (the rows `write_batch` would insert,
in the same columns), the client keeps them under `<db>.shards/<run>/<table>-<part>.parquet`
(queryable as they are: `read_parquet('<db>.shards/*/events-*.parquet')`), and the one writer
loads each part in one transaction through the same code as a local batch, so near copies and
reports come out as a local ingest makes them.
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from powderkeg.errors import StoreError
from powderkeg.models import Extraction, Failure
from powderkeg.store.schema import _TABLES
from powderkeg.store.write import WriteMixin, _batch_rows

logger = logging.getLogger(__name__)

#: The tables a shard holds: every table a batch writes, except near-copy pairs (found at the merge,
#: against everything stored) and failures (the client reads the inputs, so it knows them).
SHARD_TABLES: tuple[str, ...] = tuple(t for t in _TABLES if t not in ("copy_pairs", "failures"))
_SHARD_FILE = re.compile(r"^(?P<table>[a-z_]+)-(?P<part>\d+)\.parquet$")
_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"), "INTEGER": pa.int32(),
    "SMALLINT": pa.int16(), "BIGINT": pa.int64(), "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(),
}


def shard_schema(table: str) -> pa.Schema:
    """The Arrow schema of one table's shard: the store's columns and types."""
    return pa.schema([(c.name, _ARROW_TYPES[c.sql]) for c in _TABLES[table]])


def shard_tables(extractions: Sequence[Extraction]) -> dict[str, bytes]:
    """One batch of extractions as Parquet bytes per table (what a dask task sends back)."""
    now = datetime.now(UTC).replace(tzinfo=None)
    latest = {x.article.id: x for x in extractions}  # the same article twice: last wins, as in write_batch
    rows = _batch_rows(list(latest.values()), (), now)
    out: dict[str, bytes] = {}
    for table in SHARD_TABLES:
        schema = shard_schema(table)
        columns = list(zip(*rows[table], strict=True)) if rows[table] else [() for _ in schema]
        arrow = pa.table([pa.array(list(col), type=f.type) for col, f in zip(columns, schema, strict=True)],
                         schema=schema)
        buf = io.BytesIO()
        pq.write_table(arrow, buf, compression="zstd")
        out[table] = buf.getvalue()
    return out


def shard_path(directory: Path, table: str, part: int) -> Path:
    """Where part `part` of `table` lives in a run's shard directory."""
    return directory / f"{table}-{part:05d}.parquet"


def shard_parts(directory: Path) -> dict[int, dict[str, Path]]:
    """The parts found in a run's shard directory: part number -> table -> file."""
    parts: dict[int, dict[str, Path]] = {}
    for path in sorted(directory.glob("*.parquet")):
        found = _SHARD_FILE.match(path.name)
        if found and found["table"] in SHARD_TABLES:
            parts.setdefault(int(found["part"]), {})[found["table"]] = path
    return parts


def _read_rows(path: Path, table: str) -> list[tuple[Any, ...]]:
    try:
        arrow = pq.read_table(path, schema=shard_schema(table))
    except (OSError, pa.ArrowException) as exc:
        raise StoreError(f"cannot read the shard {path}: {exc}") from exc
    columns = [arrow.column(name).to_pylist() for name in arrow.column_names]
    return list(zip(*columns, strict=True)) if columns else []


class ShardsMixin(WriteMixin):
    """Loading the Parquet shards of a distributed ingest."""

    def merge_shards(self, directory: str | Path, failures: Sequence[Failure] = (), *,
                     parts: Iterable[int] | None = None) -> int:
        """Load the parts under `directory` (all, or only `parts`), in part order, one transaction
        each as `write_batch` writes a batch, then record `failures`; returns the articles merged.

        Articles already stored are replaced wholesale, so merging the same shards twice
        leaves the file unchanged. A part missing a table file is refused (StoreError naming it)
        before anything of that part is written.
        """
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only")
        root = Path(directory)
        found = shard_parts(root)
        wanted = sorted(found) if parts is None else sorted(parts)
        n = 0
        for part in wanted:
            files = found.get(part, {})
            missing = [t for t in SHARD_TABLES if t not in files]
            if missing:
                raise StoreError(f"{root}: shard part {part} lacks {', '.join(missing)} "
                                 f"(expected {shard_path(root, missing[0], part).name})")
            data: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _TABLES}
            for table, path in files.items():
                data[table] = _read_rows(path, table)
            with self.session():  # the file is held per part, so readers get in between parts
                n += self._write_rows(data)
        if failures:
            now = datetime.now(UTC).replace(tzinfo=None)
            rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in _TABLES}
            rows["failures"] = [(f.path, f.reason, now) for f in failures]
            with self.session():
                self._write_rows(rows)
        logger.debug("merged %d articles from %s", n, root)
        return n

"""Export: one parquet or CSV file per table, streamed through pyarrow (SQL has no file access)."""

from __future__ import annotations

import logging
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from powderkeg import csvout
from powderkeg.errors import StoreError
from powderkeg.store.connection import StoreBase
from powderkeg.store.schema import _TABLES, _q

logger = logging.getLogger(__name__)

#: Tables (and the `actors` view) written by `export`, in this order.
EXPORT_TABLES: tuple[str, ...] = (
    "articles", "mentions", "people", "events", "arms", "quotes", "labels", "actors", "failures", "reports",
)


class ExportMixin(StoreBase):
    """The tables as files for use outside powderkeg."""

    def export(self, directory: str | Path, *, fmt: str = "parquet") -> list[Path]:
        """Write one file per table (parquet or csv) for use outside powderkeg; returns the paths.

        Rows stream through pyarrow rather than `COPY ... TO`, because the
        connection has no file access (see `_CONFIG`). In CSV, text cells a spreadsheet
        would run as a formula get a leading apostrophe, as in every CSV powderkeg
        writes (csvout); Parquet keeps every value as stored.
        """
        fmt = fmt.lower()
        if fmt not in ("parquet", "csv"):
            raise StoreError(f"unknown export format {fmt!r}: use parquet or csv")
        out = Path(directory)
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create {out}: {exc}") from exc
        paths: list[Path] = []
        for table in EXPORT_TABLES:
            target = out / f"{table}.{fmt}"
            query = _export_query(table)
            with self._cursor() as cur:
                reader = cur.sql(query).to_arrow_reader(65536)
                try:
                    if fmt == "parquet":
                        with pq.ParquetWriter(target, reader.schema) as writer:
                            for batch in reader:
                                writer.write_batch(batch)
                    else:
                        with pa_csv.CSVWriter(target, reader.schema) as csv_writer:
                            for batch in reader:
                                csv_writer.write_batch(_spreadsheet_safe(batch))
                except OSError as exc:
                    raise StoreError(f"cannot write {target}: {exc}") from exc
            paths.append(target)
        logger.info("exported %d tables to %s as %s", len(paths), out, fmt)
        return paths


def _spreadsheet_safe(batch: pa.RecordBatch) -> pa.RecordBatch:
    return pa.RecordBatch.from_arrays([csvout.neutralise_arrow(col) for col in batch.columns], schema=batch.schema)


def _export_query(table: str) -> str:
    if table == "actors":
        return "SELECT * FROM actors ORDER BY code"
    if table == "failures":
        return "SELECT * FROM failures ORDER BY seen_at, path"
    cols = ", ".join(_q(c.name) for c in _TABLES[table] if c.name != "seq")
    order = {"articles": "id", "reports": "article_id, published, seen_at, outlet"}.get(table, "article_id, seq")
    return f"SELECT {cols} FROM {table} ORDER BY {order}"

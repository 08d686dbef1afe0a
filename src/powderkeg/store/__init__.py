"""The DuckDB knowledge base: the only package that imports duckdb or speaks SQL.

One embedded file holds articles, the actors and people they mention, and the
PLOVER events coded from them, each tied to its evidence sentence. DuckDB admits
one writing process or several reading ones at a time (issue 14): a writer opens
the file only for one operation (an ingest batch) and announces it in
`<db>.write.lock`; readers keep a connection while nobody writes and give it up
when a writer is announced; each side waits a bounded time for the other.

Every connection runs with external access disabled, so a query typed by an
analyst (`sql`) cannot read or write files, load extensions or attach other
databases, whatever slips past the statement checks.

`Store` is composed of one mixin per seam (issue 16), each in its module:

    schema.py      tables and their columns, DDL, upgrades, SCHEMA_VERSION
    connection.py  StoreBase: opening the file, sessions, write/ingest locks, busy retries
    write.py       write_batch and the rows of a batch
    shards.py      a batch as Parquet shards, and their merge (ingest --engine dask)
    where.py       the WHERE builders the lists, counts and facets share
    queries.py     lists, counts, facets, lookups, summary
    reports.py     every report of an article, and the band join for near copies
    sandbox.py     the analyst's read-only SQL with its caps
    export.py      parquet/CSV export

A new kind of record (copies, incidents, deals) gets its table in schema.py and a
module with its mixin here; its public methods run in a session like all others.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from types import FunctionType
from typing import Any

from powderkeg.store.connection import (
    DEFAULT_PATH,
    READ_BUSY_TIMEOUT,
    WRITE_BUSY_TIMEOUT,
    IngestHolder,
    IngestLock,
    StoreBase,
    ingest_holder,
    ingest_lock_path,
    write_lock_path,
)
from powderkeg.store.export import EXPORT_TABLES, ExportMixin
from powderkeg.store.queries import ARMS_FACETS, EVENT_FACETS, EVENT_SORTS, QUOTE_FACETS, Facet, QueryMixin
from powderkeg.store.reports import ReportsMixin
from powderkeg.store.sandbox import CELL_TRUNCATED, SandboxMixin
from powderkeg.store.schema import SCHEMA_VERSION
from powderkeg.store.shards import ShardsMixin
from powderkeg.store.where import UNDATED_MODES
from powderkeg.store.write import WriteMixin, event_id

__all__ = [
    "ARMS_FACETS",
    "CELL_TRUNCATED",
    "DEFAULT_PATH",
    "EVENT_FACETS",
    "EVENT_SORTS",
    "EXPORT_TABLES",
    "QUOTE_FACETS",
    "READ_BUSY_TIMEOUT",
    "SCHEMA_VERSION",
    "UNDATED_MODES",
    "WRITE_BUSY_TIMEOUT",
    "Facet",
    "IngestHolder",
    "IngestLock",
    "Store",
    "event_id",
    "ingest_holder",
    "ingest_lock_path",
    "write_lock_path",
]


class Store(ShardsMixin, WriteMixin, QueryMixin, ReportsMixin, SandboxMixin, ExportMixin):
    """A powderkeg knowledge base in one DuckDB file.

    Each public method, or each `session()` block (one web request), runs on one
    connection (issue 14). A writable store opens the file for that and closes it
    after; a read-only one shares a connection between its sessions and gives it up
    whenever a writer announces itself (`_SharedReader`). So `serve` and CLI queries
    read while an ingest writes batch after batch. Opening a file another process
    holds in the conflicting mode is retried for `busy_timeout` seconds (default 5 s
    for readers, 60 s for writers), then fails naming the holder.
    """


#: Public methods that manage sessions themselves rather than run in one (merge_shards: one per part;
#: rollups_deferred: a block around many writes, each opening the file for itself).
_UNWRAPPED = ("close", "session", "merge_shards", "rollups_deferred")


def _in_session(method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)
    def run(self: StoreBase, *args: Any, **kwargs: Any) -> Any:
        with self.session():
            return method(self, *args, **kwargs)

    return run


# Every public method runs on one connection, opened for the call and closed after it unless a
# session() block is open (issue 14). Done here rather than per method, so methods added later
# get it too; the lookup follows the MRO, so a method a mixin adds is wrapped like one on Store.
for _name in dir(Store):
    _member = inspect.getattr_static(Store, _name)
    if isinstance(_member, FunctionType) and not _name.startswith("_") and _name not in _UNWRAPPED:
        setattr(Store, _name, _in_session(_member))

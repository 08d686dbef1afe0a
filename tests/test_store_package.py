"""The store package's shape (issue 16): one `Store` composed of mixins, every public method in a session,
the names callers import still in place, and SQL only inside the package."""

from __future__ import annotations

import ast
import importlib
import inspect
from collections.abc import Callable
from pathlib import Path
from types import FunctionType
from typing import Any

import pytest

import powderkeg
import powderkeg.store
from powderkeg.models import Article, Extraction, Failure
from powderkeg.store import Store

# Every name the module store.py offered before the split, and what code, tests and benchmarks import.
OLD_NAMES = (
    "ARMS_FACETS", "CELL_TRUNCATED", "DEFAULT_PATH", "EVENT_FACETS", "EVENT_SORTS", "EXPORT_TABLES",
    "QUOTE_FACETS", "READ_BUSY_TIMEOUT", "SCHEMA_VERSION", "UNDATED_MODES", "WRITE_BUSY_TIMEOUT", "Facet",
    "IngestHolder", "IngestLock", "Store", "event_id", "ingest_holder", "ingest_lock_path", "write_lock_path",
)


@pytest.mark.parametrize("name", OLD_NAMES)
def test_old_import_paths_still_work(name: str) -> None:
    assert getattr(importlib.import_module("powderkeg.store"), name) is not None
    assert name in powderkeg.store.__all__


def test_all_names_exist() -> None:
    assert set(powderkeg.store.__all__) == set(OLD_NAMES)


def _public_methods() -> dict[str, FunctionType]:
    """Each public method of Store and its mixins, as the class first in the MRO defines it (unwrapped)."""
    found: dict[str, FunctionType] = {}
    for klass in Store.__mro__[1:]:
        for name, member in vars(klass).items():
            if isinstance(member, FunctionType) and not name.startswith("_") and name not in found:
                found[name] = member
    return found


def test_the_mixins_bring_the_methods_callers_use() -> None:
    methods = _public_methods()
    for name in ("write_batch", "known_ids", "events", "count", "arms", "disputes", "summary", "sql",
                 "check_read_only", "dataframe", "schemas", "export", "close", "session"):
        assert name in methods, name
    assert len(Store.__mro__) > 3  # composed, not one class


@pytest.mark.parametrize("name", sorted(set(_public_methods()) - set(powderkeg.store._UNWRAPPED)))
def test_every_public_method_of_every_mixin_runs_in_a_session(name: str) -> None:
    wrapper = getattr(Store, name)
    assert getattr(wrapper, "__wrapped__", None) is _public_methods()[name]


@pytest.mark.parametrize("name", ["close", "session", "merge_shards"])  # merge_shards: a session per part
def test_close_and_session_are_not_wrapped(name: str) -> None:
    assert getattr(Store, name) is _public_methods()[name]


def _article() -> Extraction:
    text = "Skopje's defence ministry said on Monday that it had received two radar units from Ankara."
    return Extraction(article=Article(id="a1", text=text, title="Radars for Skopje", outlet="Vardar Post",
                                      published="2024-03-04"))


CALLS: list[tuple[str, Callable[[Store, Path], Any]]] = [
    ("write_batch", lambda s, _: s.write_batch([_article()], [Failure("in/late.html", "not UTF-8")])),
    ("summary", lambda s, _: s.summary()),
    ("extraction", lambda s, _: s.extraction("no-such-article")),
    ("sql", lambda s, _: s.sql("SELECT count(*) FROM articles")),
    ("export", lambda s, out: s.export(out / "export", fmt="csv")),
]


@pytest.mark.parametrize(("name", "call"), CALLS, ids=[c[0] for c in CALLS])
def test_one_call_opens_the_file_once(tmp_path: Path, name: str, call: Callable[[Store, Path], Any]) -> None:
    """summary runs three queries, sql two, extraction three lookups, export one per table: each call
    opens the file once (issue 14), the mixin methods too."""
    with Store(tmp_path / "kb.duckdb") as store:
        opened: list[str] = []
        acquire = store._acquire

        def counting() -> Any:
            opened.append(name)
            return acquire()

        store._acquire = counting  # type: ignore[method-assign]
        call(store, tmp_path)
        assert opened == [name]


def test_only_the_store_package_imports_duckdb() -> None:
    package = Path(powderkeg.__file__).parent
    importers = []
    for path in sorted(package.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            if any(n == "duckdb" or n.startswith("duckdb.") for n in names):
                importers.append(path.relative_to(package))
    assert importers
    assert all(p.parts[0] == "store" for p in importers), importers


def test_each_mixin_lives_in_its_own_module() -> None:
    modules = {inspect.getmodule(k).__name__ for k in Store.__mro__[1:-1]}  # type: ignore[union-attr]
    assert modules == {f"powderkeg.store.{m}" for m in ("write", "queries", "reports", "where", "sandbox", "export",
                                                         "connection", "shards")}

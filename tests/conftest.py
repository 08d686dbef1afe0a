"""Session fixtures: the demo corpus ingested once through the public API, and a CLI runner."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import powderkeg
from powderkeg.api import IngestReport

DEMO_DIR = Path(powderkeg.__file__).resolve().parent / "demo"


@pytest.fixture(scope="session")
def demo_dir() -> Path:
    """The bundled demo corpus (src/powderkeg/demo)."""
    assert DEMO_DIR.is_dir(), DEMO_DIR
    return DEMO_DIR


@pytest.fixture(scope="session")
def demo_ingest(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> tuple[Path, IngestReport]:
    """The demo corpus ingested once per session: (database path, the ingest report)."""
    path = tmp_path_factory.mktemp("demo-db") / "demo.duckdb"
    with powderkeg.open(path) as kb:
        report = kb.ingest(powderkeg.demo_corpus())
    return path, report


@pytest.fixture(scope="session")
def demo_db(demo_ingest: tuple[Path, IngestReport]) -> Path:
    """Path of a DuckDB built once per session from the demo corpus. Treat it as read-only."""
    return demo_ingest[0]


@pytest.fixture
def demo_db_copy(demo_db: Path, tmp_path: Path) -> Path:
    """A private, writable copy of the demo database."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(demo_db, copy)
    return copy


@pytest.fixture(scope="session")
def cli_runner() -> CliRunner:
    return CliRunner()

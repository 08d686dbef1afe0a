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


#: Articles without a usable date (issue 14): one gives none, one gives an impossible day.
UNDATED_ARTICLES = [
    {"id": "undated-1", "title": "Belgrade accuses Pristina over northern arrests", "outlet": "Adriatic Monitor",
     "text": ("Serbia accused Kosovo of persecuting Serbs in the north after police detained four men near "
              "Zubin Potok. Kosovo rejected the accusation and said the arrests followed a court order. "
              "The European Union urged both governments to return to the dialogue in Brussels.")},
    {"id": "undated-2", "title": "Tirana offers to host talks", "outlet": "Balkan_Ledger%Weekly",
     "published": "2024-02-30",
     "text": ("Albania offered to host a meeting between Serbia and Kosovo in Tirana next month. "
              "Serbia rejected the offer, saying talks belong in Brussels under the European Union.")},
]


@pytest.fixture(scope="session")
def undated_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database plus two undated articles with events (built once, then only read)."""
    import json

    folder = tmp_path_factory.mktemp("undated-db")
    path = folder / "undated.duckdb"
    shutil.copy(demo_db, path)
    src = folder / "undated.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in UNDATED_ARTICLES), encoding="utf-8")
    with powderkeg.open(path) as kb:
        report = kb.ingest([src])
    assert report.n_new == 2 and report.n_events > 0, report
    return path

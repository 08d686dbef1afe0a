"""Parquet shards (store/shards.py): a batch written as shards and merged is stored exactly as
write_batch stores it; merging twice changes nothing; a broken part is refused by name."""

from __future__ import annotations

from pathlib import Path

import pytest

from powderkeg.errors import StoreError
from powderkeg.models import Article, Event, Extraction, Failure, Mention, Person, Quote
from powderkeg.store import Store
from powderkeg.store.shards import SHARD_TABLES, shard_parts, shard_path, shard_tables

LEAD = ("Skopje's defence ministry said on Monday that it had received two radar units from Ankara. "
        "Greece protested the delivery and summoned the Turkish ambassador in Athens.")
#: The same lead reprinted by another outlet with a line of its own: a near copy for the merge to find.
REPRINT = LEAD + " The ministry did not say when the radars would enter service."
OTHER = "Chile and Peru agreed on Thursday to reopen the border crossing at Chacalluta for freight."

TABLES = ("articles", "reports", "copy_bands", "copy_pairs", "article_actors", "mentions", "people", "events",
          "quotes", "failures")


def _extraction(aid: str, text: str, outlet: str, *, path: str) -> Extraction:
    if "Greece" not in text:
        return Extraction(article=Article(id=aid, text=text, outlet=outlet, source_path=path))
    start = text.index("Greece")
    return Extraction(
        article=Article(id=aid, text=text, title=f"{outlet} on radars", outlet=outlet, published="2024-03-04",
                        source_path=path, fmt="text"),
        actors=("GRC", "MKD", "TUR"),
        mentions=(Mention(start, start + 6, "Greece", "GRC", "state", None),),
        people=(Person(name="Nikos Dendias", actor="GRC", role="minister", start=0, end=0),),
        events=(Event(source="GRC", target="TUR", type="ACCUSE", negated=False, status="reported",
                      evidence=text[start:], start=start, end=len(text), trigger="protested"),),
        quotes=(Quote(speaker="ministry", actor="MKD", cue="said", text="received two radar units",
                      kind="indirect", start=0, end=10),),
    )


BATCHES = [
    [_extraction("a1", LEAD, "Vardar Post", path="in/a1.txt"), _extraction("a2", OTHER, "Andes Wire", path="in/a2.txt")],
    [_extraction("a3", REPRINT, "Aegean Daily", path="in/a3.txt")],
]


def _dump(store: Store) -> dict[str, list[tuple[object, ...]]]:
    out = {}
    for table in TABLES:
        rows = store.sql(f"SELECT * EXCLUDE ({'ingested_at' if table == 'articles' else 'seen_at'}) FROM {table}"
                         if table in ("articles", "reports", "failures") else f"SELECT * FROM {table}").rows
        out[table] = sorted(rows, key=repr)
    return out


def _write_shards(directory: Path) -> None:
    directory.mkdir(parents=True)
    for part, batch in enumerate(BATCHES):
        for table, data in shard_tables(batch).items():
            shard_path(directory, table, part).write_bytes(data)


def test_merged_shards_equal_batches_written_directly(tmp_path: Path) -> None:
    failures = [Failure("in/broken.html", "not UTF-8")]
    with Store(tmp_path / "direct.duckdb") as direct:
        for batch in BATCHES:
            direct.write_batch(batch)
        direct.write_batch([], failures)
        expected = _dump(direct)
    _write_shards(tmp_path / "run")
    assert sorted(shard_parts(tmp_path / "run")) == [0, 1]
    with Store(tmp_path / "merged.duckdb") as merged:
        assert merged.merge_shards(tmp_path / "run", failures) == 3
        got = _dump(merged)
        assert merged.merge_shards(tmp_path / "run", failures) == 3  # again: replaced wholesale, nothing added
        again = _dump(merged)
    assert expected["copy_pairs"] and expected["events"]  # the reprint was found as a near copy at the merge
    assert got == expected
    assert again == expected


def test_a_part_missing_a_table_is_refused_by_name(tmp_path: Path) -> None:
    _write_shards(tmp_path / "run")
    shard_path(tmp_path / "run", "events", 1).unlink()
    with Store(tmp_path / "kb.duckdb") as store, pytest.raises(StoreError, match=r"part 1 lacks events"):
        store.merge_shards(tmp_path / "run")


def test_a_corrupt_shard_is_refused_by_name(tmp_path: Path) -> None:
    _write_shards(tmp_path / "run")
    bad = shard_path(tmp_path / "run", "people", 0)
    bad.write_bytes(b"PAR1 not really parquet")
    with Store(tmp_path / "kb.duckdb") as store, pytest.raises(StoreError) as info:
        store.merge_shards(tmp_path / "run")
    assert f"cannot read the shard {bad}" in str(info.value)


@pytest.mark.parametrize("table", SHARD_TABLES)
def test_each_shard_has_the_store_columns(tmp_path: Path, table: str) -> None:
    import pyarrow.parquet as pq

    from powderkeg.store.schema import _TABLES

    path = tmp_path / f"{table}.parquet"
    path.write_bytes(shard_tables(BATCHES[0])[table])
    assert pq.read_schema(path).names == [c.name for c in _TABLES[table]]


def test_parts_merged_one_by_one_equal_one_merge(tmp_path: Path) -> None:
    """What an ingest does while the workers go on: each part merged as it (and those before it) arrive."""
    _write_shards(tmp_path / "run")
    with Store(tmp_path / "whole.duckdb") as whole:
        whole.merge_shards(tmp_path / "run")
        expected = _dump(whole)
    with Store(tmp_path / "parts.duckdb") as store:
        assert [store.merge_shards(tmp_path / "run", parts=[n]) for n in (0, 1)] == [2, 1]
        assert _dump(store) == expected


def test_a_merge_keeps_the_rollups_in_step(tmp_path: Path) -> None:
    """The pre-aggregated counts (store/rollups.py) are refreshed by a shard merge as by a batch."""
    from test_rollups import assert_rollups_match_live  # the same check as after a batch

    _write_shards(tmp_path / "run")
    with Store(tmp_path / "merged.duckdb") as merged:
        merged.merge_shards(tmp_path / "run")
    assert_rollups_match_live(tmp_path / "merged.duckdb")

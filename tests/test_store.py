"""The DuckDB store: round trips, idempotent and atomic writes, filters, read-only SQL, export."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from powderkeg.errors import ReadOnlyQueryError, StoreError
from powderkeg.models import (
    ArmsTransfer,
    Article,
    Event,
    Extraction,
    Failure,
    Label,
    Mention,
    Person,
    Quote,
)
from powderkeg.store import EXPORT_TABLES, SCHEMA_VERSION, Store, event_id

# --------------------------------------------------------------------------- #
# Hand-written articles
# --------------------------------------------------------------------------- #


def _span(text: str, phrase: str) -> tuple[int, int]:
    start = text.index(phrase)
    return start, start + len(phrase)


def _mention(text: str, phrase: str, code: str, kind: str, role: str | None = None) -> Mention:
    start, end = _span(text, phrase)
    return Mention(start, end, phrase, code, kind, role)


def _event(text: str, sentence: str, source: str, target: str, type_: str, *,
           negated: bool = False, status: str = "reported", trigger: str = "") -> Event:
    start, end = _span(text, sentence)
    return Event(source, target, type_, negated, status, sentence, start, end, trigger=trigger,
                 source_text=source.lower(), target_text=target.lower(), rule=f"test.{type_.lower()}")


BALKANS_TEXT = (
    "Serbia accused Kosovo of stoking unrest in the ethnic Serb north on Tuesday. "
    "Belgrade also asked the European Union to convene fresh talks. "
    "Serbian President Aleksandar Vučić said the move was unavoidable. "
    "Serbia still calls Kosovo's institutions the self-proclaimed authorities in Pristina."
)
S1 = "Serbia accused Kosovo of stoking unrest in the ethnic Serb north on Tuesday."
S2 = "Belgrade also asked the European Union to convene fresh talks."
S3 = "Serbia still calls Kosovo's institutions the self-proclaimed authorities in Pristina."

SOUTH_ASIA_TEXT = (
    "India warned Pakistan against any further shelling across the Line of Control. "
    "Islamabad denied that its troops had fired first. "
    "Pakistan's foreign minister Ishaq Dar met Chinese officials in Beijing on Monday. "
    "China delivered six J-10C fighter jets to Pakistan last year. "
    "\"We will answer any aggression,\" Dar told reporters."
)
P1 = "India warned Pakistan against any further shelling across the Line of Control."
P2 = "Islamabad denied that its troops had fired first."
P3 = "Pakistan's foreign minister Ishaq Dar met Chinese officials in Beijing on Monday."
P4 = "China delivered six J-10C fighter jets to Pakistan last year."

CROSSING_TEXT = "Kosovo and Serbia agreed to reopen the Jarinje crossing after talks in Brussels."


def balkans() -> Extraction:
    t = BALKANS_TEXT
    a0, a1 = _span(t, "self-proclaimed authorities")
    return Extraction(
        article=Article(id="3f2a9c01aa", text=t, title="Belgrade accuses Pristina", url="https://example.org/b1",
                        outlet="Balkan Wire", published="2024-03-05", source_path="in/b1.html", fmt="html"),
        actors=("SRB", "XKX", "EU"),
        mentions=(
            _mention(t, "Serbia", "SRB", "state"), _mention(t, "Kosovo", "XKX", "state"),
            _mention(t, "Belgrade", "SRB", "capital"), _mention(t, "European Union", "EU", "io"),
            _mention(t, "Serbian", "SRB", "adjective"), _mention(t, "Pristina", "XKX", "capital"),
        ),
        people=(Person("Aleksandar Vučić", "SRB", "president", *_span(t, "Aleksandar Vučić")),),
        events=(
            _event(t, S1, "SRB", "XKX", "ACCUSE", trigger="accused"),
            _event(t, S2, "SRB", "EU", "REQUEST", trigger="asked"),
        ),
        labels=(Label("XKX", "self-proclaimed authorities", S3, a0, a1),),
    )


def south_asia() -> Extraction:
    t = SOUTH_ASIA_TEXT
    q0, q1 = _span(t, "We will answer any aggression,")
    return Extraction(
        article=Article(id="3f2b7d02bb", text=t, title="Shelling warning", url="https://example.org/s1",
                        outlet="Subcontinent Daily", published="2024-05-20", source_path="in/s1.json",
                        fmt="jsonl", external_id="sa-001"),
        actors=("IND", "PAK", "CHN"),
        mentions=(
            _mention(t, "India", "IND", "state"), _mention(t, "Pakistan", "PAK", "state"),
            _mention(t, "Islamabad", "PAK", "capital"), _mention(t, "Chinese", "CHN", "adjective"),
            _mention(t, "China", "CHN", "state"),
        ),
        people=(
            Person("Ishaq Dar", "PAK", "foreign minister", *_span(t, "Ishaq Dar")),
            Person("Ishaq Dar", "PAK", None),
        ),
        events=(
            _event(t, P1, "IND", "PAK", "THREATEN", trigger="warned"),
            _event(t, P2, "PAK", "IND", "ASSAULT", negated=True, status="denied", trigger="fired"),
            _event(t, P3, "PAK", "CHN", "CONSULT", trigger="met"),
            _event(t, P4, "CHN", "PAK", "AID", trigger="delivered"),
        ),
        arms=(ArmsTransfer("CHN", "PAK", "J-10C fighter jets", "delivered", P4, *_span(t, P4),
                           quantity=6, weapon_class="aircraft"),),
        quotes=(Quote("Dar", "PAK", "told", "We will answer any aggression,", "direct", q0, q1),),
    )


def crossing() -> Extraction:
    t = CROSSING_TEXT
    return Extraction(
        article=Article(id="8c41e903cc", text=t, title=None, outlet="balkan wire", published=None),
        actors=("XKX", "SRB"),
        mentions=(_mention(t, "Kosovo", "XKX", "state"), _mention(t, "Serbia", "SRB", "state")),
        events=(
            _event(t, t, "XKX", "SRB", "AGREE", trigger="agreed"),
            _event(t, t, "SRB", "XKX", "AGREE", trigger="agreed"),
        ),
    )


ALL = (balkans, south_asia, crossing)


def counts(store: Store) -> dict[str, int]:
    tables = ("articles", "article_actors", "mentions", "people", "events", "arms", "quotes", "labels",
              "failures", "actors")
    return {t: store.sql(f"SELECT count(*) FROM {t}").rows[0][0] for t in tables}


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kb.duckdb"


@pytest.fixture
def store(db_path: Path):
    with Store(db_path) as s:
        s.write_batch([make() for make in ALL], [Failure("in/broken.html", "not UTF-8")])
        yield s


# --------------------------------------------------------------------------- #
# Writing
# --------------------------------------------------------------------------- #


def test_round_trip_every_table(store: Store) -> None:
    for make in ALL:
        original = make()
        assert store.extraction(original.article.id) == original
    assert counts(store) == {
        "articles": 3, "article_actors": 8, "mentions": 13, "people": 3, "events": 8, "arms": 1,
        "quotes": 1, "labels": 1, "failures": 1, "actors": 6,
    }
    assert store.failures() == [Failure("in/broken.html", "not UTF-8")]


def test_article_metadata(store: Store) -> None:
    rec = store.article("3f2b7d02bb")
    assert rec is not None
    assert (rec.title, rec.outlet, rec.published, rec.n_events, rec.external_id) == (
        "Shelling warning", "Subcontinent Daily", "2024-05-20", 4, "sa-001")
    assert rec.n_words == len(SOUTH_ASIA_TEXT.split())
    assert rec.ingested_at is not None
    assert store.article_text("3f2b7d02bb") == SOUTH_ASIA_TEXT


def test_event_ids_are_deterministic(store: Store) -> None:
    ext = balkans()
    ids = {e.id for e in store.events(article_id=ext.article.id)}
    assert ids == {event_id(ext.article.id, e) for e in ext.events}


def test_rewrite_is_idempotent(store: Store) -> None:
    before = counts(store)
    event_ids = [e.id for e in store.events()]
    assert store.write_batch([make() for make in ALL], [Failure("in/broken.html", "not UTF-8")]) == 3
    assert counts(store) == before
    assert [e.id for e in store.events()] == event_ids


def test_rewrite_replaces_the_article_wholesale(store: Store) -> None:
    old = balkans()
    new = replace(old, article=replace(old.article, title="Revised"), events=old.events[:1], labels=())
    store.write_batch([new])
    assert store.extraction(old.article.id) == new
    assert counts(store)["events"] == 7
    assert counts(store)["labels"] == 0


def test_duplicate_article_in_one_batch_keeps_the_last(db_path: Path) -> None:
    first = crossing()
    second = replace(first, article=replace(first.article, title="Second"))
    with Store(db_path) as s:
        assert s.write_batch([first, second]) == 1
        assert s.article(first.article.id).title == "Second"  # type: ignore[union-attr]


def test_failure_rows_are_replaced_not_duplicated(store: Store) -> None:
    store.write_batch([], [Failure("in/broken.html", "empty file")])
    assert store.failures() == [Failure("in/broken.html", "empty file")]
    fixed = replace(crossing(), article=replace(crossing().article, id="fixed01", source_path="in/broken.html"))
    store.write_batch([fixed])
    assert store.failures() == []


def test_failed_batch_rolls_back_completely(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = counts(store)
    original_insert = Store._insert

    def failing_insert(self, con, table_name, table):  # type: ignore[no-untyped-def]
        if table_name == "events":
            raise RuntimeError("disk on fire")
        original_insert(self, con, table_name, table)

    monkeypatch.setattr(Store, "_insert", failing_insert)
    changed = replace(balkans(), article=replace(balkans().article, title="Half written"))
    brand_new = replace(crossing(), article=replace(crossing().article, id="newart01"))
    with pytest.raises(RuntimeError, match="disk on fire"):
        store.write_batch([changed, brand_new], [Failure("in/other.html", "bad")])

    assert counts(store) == before
    assert store.known_ids(["newart01", "3f2a9c01aa"]) == {"3f2a9c01aa"}
    assert store.article("3f2a9c01aa").title == "Belgrade accuses Pristina"  # type: ignore[union-attr]
    assert store.extraction("3f2a9c01aa") == balkans()
    # The store is still usable afterwards.
    monkeypatch.setattr(Store, "_insert", original_insert)
    assert store.write_batch([brand_new]) == 1


def test_database_error_mid_batch_is_a_store_error(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    before = counts(store)

    def bad_sql(self, con, table_name, table):  # type: ignore[no-untyped-def]
        con.execute("INSERT INTO no_such_table VALUES (1)")

    monkeypatch.setattr(Store, "_insert", bad_sql)
    with pytest.raises(StoreError, match="rolled back"):
        store.write_batch([replace(crossing(), article=replace(crossing().article, id="zz"))])
    assert counts(store) == before


def test_known_ids(store: Store) -> None:
    assert store.known_ids(["3f2a9c01aa", "nope", "8c41e903cc"]) == {"3f2a9c01aa", "8c41e903cc"}
    assert store.known_ids([]) == set()


def test_read_only_store_refuses_writes(store: Store, db_path: Path) -> None:
    store.close()
    with Store(db_path, read_only=True) as ro, pytest.raises(StoreError, match="read-only"):
        ro.write_batch([crossing()])


# --------------------------------------------------------------------------- #
# Queries
# --------------------------------------------------------------------------- #


def test_events_are_ordered_by_date_then_article_then_offset(store: Store) -> None:
    rows = store.events()
    assert [(e.article_id, e.type) for e in rows] == [
        ("3f2a9c01aa", "ACCUSE"), ("3f2a9c01aa", "REQUEST"),
        ("3f2b7d02bb", "THREATEN"), ("3f2b7d02bb", "ASSAULT"), ("3f2b7d02bb", "CONSULT"), ("3f2b7d02bb", "AID"),
        ("8c41e903cc", "AGREE"), ("8c41e903cc", "AGREE"),
    ]
    first = rows[0]
    assert (first.outlet, first.published, first.title, first.url) == (
        "Balkan Wire", "2024-03-05", "Belgrade accuses Pristina", "https://example.org/b1")
    assert BALKANS_TEXT[first.start:first.end] == first.evidence == S1
    assert rows[3].negated is True and rows[3].status == "denied"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"actor": "srb"}, [("SRB", "XKX", "ACCUSE"), ("SRB", "EU", "REQUEST"), ("XKX", "SRB", "AGREE"),
                            ("SRB", "XKX", "AGREE")]),
        ({"source": "PAK"}, [("PAK", "IND", "ASSAULT"), ("PAK", "CHN", "CONSULT")]),
        ({"target": "PAK"}, [("IND", "PAK", "THREATEN"), ("CHN", "PAK", "AID")]),
        ({"type": "accuse, threaten"}, [("SRB", "XKX", "ACCUSE"), ("IND", "PAK", "THREATEN")]),
        ({"type": ["AID"]}, [("CHN", "PAK", "AID")]),
        ({"status": "denied"}, [("PAK", "IND", "ASSAULT")]),
        ({"since": "2024-05-01"}, [("IND", "PAK", "THREATEN"), ("PAK", "IND", "ASSAULT"),
                                   ("PAK", "CHN", "CONSULT"), ("CHN", "PAK", "AID")]),
        ({"until": "2024-03-05"}, [("SRB", "XKX", "ACCUSE"), ("SRB", "EU", "REQUEST")]),
        ({"since": "2024-03-06", "until": "2024-05-19"}, []),
        ({"outlet": "BALKAN WIRE"}, [("SRB", "XKX", "ACCUSE"), ("SRB", "EU", "REQUEST"),
                                     ("XKX", "SRB", "AGREE"), ("SRB", "XKX", "AGREE")]),
        ({"text": "SHELLING"}, [("IND", "PAK", "THREATEN")]),
        ({"article_id": "8c4"}, [("XKX", "SRB", "AGREE"), ("SRB", "XKX", "AGREE")]),
        ({"article_id": "sa-001", "type": "CONSULT"}, [("PAK", "CHN", "CONSULT")]),
        ({"article_id": "unknown"}, []),
        ({"actor": "PAK", "limit": 2, "offset": 1}, [("PAK", "IND", "ASSAULT"), ("PAK", "CHN", "CONSULT")]),
    ],
)
def test_event_filters(store: Store, filters: dict[str, object], expected: list[tuple[str, str, str]]) -> None:
    assert [(e.source, e.target, e.type) for e in store.events(**filters)] == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("filters", "message"),
    [({"type": "ATTACK"}, "unknown event type ATTACK"), ({"since": "March 2024"}, "not a date"),
     ({"status": "rumoured"}, "unknown status")],
)
def test_bad_event_filters_say_why(store: Store, filters: dict[str, str], message: str) -> None:
    with pytest.raises(StoreError, match=message):
        store.events(**filters)  # type: ignore[arg-type]


def test_actors(store: Store) -> None:
    by_code = {a.code: a for a in store.actors()}
    assert set(by_code) == {"SRB", "XKX", "EU", "IND", "PAK", "CHN"}
    srb = by_code["SRB"]
    # "Serbia" (a state name) beats "Belgrade" and "Serbian", however often those occur.
    assert (srb.name, srb.n_mentions, srb.n_articles, srb.n_events_as_source, srb.n_events_as_target) == (
        "Serbia", 4, 2, 3, 1)
    assert by_code["EU"].name == "European Union"
    assert by_code["PAK"].n_events_as_target == 2


def test_people(store: Store) -> None:
    people = store.people()
    assert [(p.name, p.actor, p.role, p.n_articles) for p in people] == [
        ("Aleksandar Vučić", "SRB", "president", 1), ("Ishaq Dar", "PAK", "foreign minister", 1)]
    assert [p.name for p in store.people(actor="pak")] == ["Ishaq Dar"]


@pytest.mark.parametrize(
    ("spellings", "shown"),
    [
        (("Aleksandar Vucic", "Aleksandar Vučić"), "Aleksandar Vučić"),
        (("Hashim Thaci", "Hashim Thaçi", "HASHIM THACI"), "Hashim Thaçi"),
        (("Milo Djukanovic", "Milo Đukanović"), "Milo Đukanović"),
        (("Volodymyr Zelenskyy", "Volodymyr Zelensky"), "Volodymyr Zelenskyy"),
        (("Leonid Slutskiy", "Leonid Slutsky"), "Leonid Slutskiy"),
    ],
)
def test_one_person_across_spellings(db_path: Path, spellings: tuple[str, ...], shown: str) -> None:
    """Issue 15, 3.10: wire copy drops diacritics; the people table still lists one person."""
    made = []
    for n, name in enumerate(spellings):
        text = f"{name} met the envoys in Brussels on day {n}."
        made.append(Extraction(
            article=Article(id=f"sp{n:08d}", text=text, outlet="Wire", published=f"2024-01-0{n + 1}"),
            people=(Person(name, "SRB", "president", *_span(text, name)),),
        ))
    with Store(db_path) as s:
        s.write_batch(made, [])
        people = s.people()
        assert [(p.name, p.actor, p.n_articles) for p in people] == [(shown, "SRB", len(spellings))]
        assert s.summary().n_people == 1


def test_a_person_lists_every_role_and_actor_seen(db_path: Path) -> None:
    """Issue 16: one person across articles and spellings, with every role and actor given."""
    seen = [("Aleksandar Vucic", "SRB", "prime minister"), ("Aleksandar Vučić", "SRB", "president"),
            ("Aleksandar Vučić", "SRB", "president"), ("Aleksandar Vucic", None, None)]
    made = []
    for n, (name, actor, role) in enumerate(seen):
        text = f"{name} spoke to reporters in Belgrade on day {n}."
        made.append(Extraction(
            article=Article(id=f"pr{n:08d}", text=text, outlet="Wire", published=f"2024-01-0{n + 1}"),
            people=(Person(name, actor, role, *_span(text, name)),)))
    with Store(db_path) as s:
        s.write_batch(made, [])
        people = {p.actor: p for p in s.people()}
    serb = people["SRB"]
    assert (serb.name, serb.role, serb.n_articles) == ("Aleksandar Vučić", "president", 3)
    assert serb.roles == ("president", "prime minister") and serb.actors == ("SRB",)
    assert people[None].actors == ("SRB",)  # the unattributed mention is the same person


def test_arms_keep_the_written_system_and_the_package(db_path: Path) -> None:
    t = SOUTH_ASIA_TEXT
    x = south_asia()
    arms = (ArmsTransfer("CHN", "PAK", "J-10", "delivered", P4, *_span(t, P4), quantity=6, value_usd=1e9,
                         written="J-10C", package=7),)
    with Store(db_path) as s:
        s.write_batch([replace(x, arms=arms)], [])
        got = s.extraction(x.article.id)
        assert got is not None and got.arms == arms


def test_articles_listing_and_filters(store: Store) -> None:
    assert [a.id for a in store.articles()] == ["3f2a9c01aa", "3f2b7d02bb", "8c41e903cc"]
    assert [a.id for a in store.articles(outlet="balkan WIRE")] == ["3f2a9c01aa", "8c41e903cc"]
    assert [a.id for a in store.articles(since="2024-04-01")] == ["3f2b7d02bb"]
    assert [a.id for a in store.articles(limit=1)] == ["3f2a9c01aa"]
    assert store.articles(outlet="Balkan Wire")[1].published is None


def test_article_lookup_by_prefix_like_git(store: Store) -> None:
    assert store.article("3f2a").id == "3f2a9c01aa"  # type: ignore[union-attr]
    assert store.article("sa-001").id == "3f2b7d02bb"  # type: ignore[union-attr]
    assert store.article("ffff") is None
    assert store.article_text("ffff") is None
    with pytest.raises(StoreError, match="ambiguous"):
        store.article("3f2")


def test_summary(store: Store) -> None:
    s = store.summary()
    assert (s.n_articles, s.n_events, s.n_actors, s.n_people, s.n_failures) == (3, 8, 6, 2, 1)
    assert s.events_by_type["AGREE"] == 2 and sum(s.events_by_type.values()) == 8
    assert next(iter(s.events_by_type)) == "AGREE"
    assert s.top_dyads[0] == ("SRB", "XKX", 2)
    assert len(s.top_dyads) == 7


def test_empty_store_queries(db_path: Path) -> None:
    with Store(db_path) as s:
        assert s.events() == [] and s.actors() == [] and s.people() == [] and s.articles() == []
        assert s.summary().n_articles == 0


# --------------------------------------------------------------------------- #
# Read-only SQL
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize(
    "query",
    [
        "INSERT INTO failures VALUES ('x', 'y', now())",
        "UPDATE articles SET title = 'x'",
        "DELETE FROM events",
        "CREATE TABLE t AS SELECT * FROM events",
        "DROP TABLE events",
        "ALTER TABLE events ADD COLUMN x INT",
        "ATTACH 'other.duckdb' AS other",
        "DETACH other",
        "COPY events TO 'events.csv'",
        "INSTALL httpfs",
        "LOAD httpfs",
        "SET threads = 1",
        "PRAGMA version",
        "CALL pragma_version()",
        "EXPORT DATABASE 'dump'",
        "IMPORT DATABASE 'dump'",
        "CHECKPOINT",
        "BEGIN TRANSACTION",
        "SELECT 1; DELETE FROM events",
        "SELECT 1; SELECT 2",
        "EXPLAIN ANALYZE DELETE FROM events",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_csv_auto('notes.csv')",
        "SELECT * FROM read_parquet('x.parquet')",
        "SELECT * FROM read_json('x.json')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT * FROM read_blob('/etc/hostname')",
        "SELECT * FROM '/etc/passwd'",
        "SELECT * FROM 'notes.csv'",
        "SELECT * FROM events WHERE id IN (SELECT column0 FROM read_csv('ids.csv'))",
        "WITH x AS (SELECT * FROM read_parquet('x.parquet')) SELECT * FROM x",
        "SELECT * FROM other.main.events",
        "SELECT getenv('HOME')",
    ],
)
def test_sql_refuses_anything_but_reads_of_the_database(store: Store, query: str) -> None:
    before = counts(store)
    with pytest.raises(ReadOnlyQueryError, match="only read-only queries are allowed"):
        store.sql(query)
    assert counts(store) == before


def test_sql_refusal_names_the_keyword(store: Store) -> None:
    with pytest.raises(ReadOnlyQueryError, match="only read-only queries are allowed: DELETE"):
        store.sql("delete from events")


@pytest.mark.parametrize(
    "query",
    [
        "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC",
        "WITH e AS (SELECT * FROM events) SELECT count(*) FROM e",
        "VALUES (1, 'a')",
        "DESCRIBE events",
        "SHOW TABLES",
        "SUMMARIZE events",
        "EXPLAIN SELECT * FROM events",
        "SELECT * FROM information_schema.tables",
        "SELECT * FROM range(3)",
        "FROM articles SELECT url WHERE url LIKE 'https://%';",
    ],
)
def test_sql_accepts_reads(store: Store, query: str) -> None:
    result = store.sql(query)
    assert result.columns and isinstance(result.rows, list)


def test_sql_limit_truncates(store: Store) -> None:
    result = store.sql("SELECT id, type FROM events ORDER BY id", limit=3)
    assert result.columns == ["id", "type"]
    assert len(result.rows) == 3 and result.truncated
    assert not store.sql("SELECT id FROM events", limit=100).truncated


def test_sql_bad_syntax_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="invalid SQL"):
        store.sql("SELEC * FROM events")
    with pytest.raises(StoreError, match="failed"):
        store.sql("SELECT * FROM no_such_table")


def test_sql_on_a_read_only_store(store: Store, db_path: Path) -> None:
    store.close()
    with Store(db_path, read_only=True) as ro:
        assert ro.sql("SELECT count(*) FROM events").rows == [(8,)]
        with pytest.raises(ReadOnlyQueryError):
            ro.sql("DELETE FROM events")


def test_dataframe(store: Store) -> None:
    events = store.dataframe("events")
    assert isinstance(events, pd.DataFrame) and len(events) == 8
    grouped = store.dataframe("SELECT source, count(*) AS n FROM events GROUP BY source ORDER BY source")
    assert list(grouped["source"]) == ["CHN", "IND", "PAK", "SRB", "XKX"]
    with pytest.raises(ReadOnlyQueryError):
        store.dataframe("DROP TABLE events")


# --------------------------------------------------------------------------- #
# Export
# --------------------------------------------------------------------------- #


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_export(store: Store, tmp_path: Path, fmt: str) -> None:
    paths = store.export(tmp_path / "out", fmt=fmt)
    assert [p.name for p in paths] == [f"{t}.{fmt}" for t in EXPORT_TABLES]
    expected = {"articles": 3, "reports": 3, "mentions": 13, "people": 3, "events": 8, "arms": 1, "quotes": 1,
                "labels": 1, "actors": 6, "failures": 1}
    for path in paths:
        frame = pd.read_parquet(path) if fmt == "parquet" else pd.read_csv(path)
        assert len(frame) == expected[path.stem], path.name
    events = pd.read_parquet(paths[3]) if fmt == "parquet" else pd.read_csv(paths[3])
    assert "seq" not in events.columns and {"id", "source", "target", "evidence"} <= set(events.columns)
    if fmt == "parquet":
        assert pq.read_table(paths[0]).num_rows == 3


def test_export_rejects_unknown_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format"):
        store.export(tmp_path, fmt="xlsx")


def test_export_from_a_read_only_store(store: Store, db_path: Path, tmp_path: Path) -> None:
    store.close()
    with Store(db_path, read_only=True) as ro:
        assert all(p.exists() for p in ro.export(tmp_path / "ro", fmt="csv"))


# --------------------------------------------------------------------------- #
# Opening
# --------------------------------------------------------------------------- #


def test_read_only_open_of_missing_file_says_to_ingest(tmp_path: Path) -> None:
    missing = tmp_path / "absent.duckdb"
    with pytest.raises(StoreError, match=r"no database at .*absent\.duckdb — run `powderkeg ingest` first"):
        Store(missing, read_only=True)
    assert not missing.exists()


def test_two_read_only_stores_at_once(store: Store, db_path: Path) -> None:
    store.close()
    with Store(db_path, read_only=True) as a, Store(db_path, read_only=True) as b:
        assert len(a.events()) == len(b.events()) == 8
        assert a.summary() == b.summary()


def test_reopen_keeps_data(store: Store, db_path: Path) -> None:
    store.close()
    with Store(db_path) as again:
        assert again.known_ids(["3f2a9c01aa"]) == {"3f2a9c01aa"}


def test_newer_schema_version_is_refused(store: Store, db_path: Path) -> None:
    store._conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    store.close()
    for read_only in (False, True):
        with pytest.raises(StoreError, match="schema version '99'"):
            Store(db_path, read_only=read_only)


def test_closed_store_says_so(store: Store) -> None:
    store.close()
    with pytest.raises(StoreError, match="closed"):
        store.events()


def test_in_memory_store() -> None:
    with Store(":memory:") as s:
        assert s.write_batch([crossing()]) == 1
        assert len(s.events()) == 2


# --------------------------------------------------------------------------- #
# Arms register, quotes, labels, disputes (issue 4)
# --------------------------------------------------------------------------- #

CLAIM_TEXT = (
    "Serbia's defence minister claimed that Britain had delivered Javelin missiles to Kosovo. "
    "The separatist authorities in Pristina did not comment."
)
DENIAL_TEXT = "London denied sending Javelin missiles to Kosovo and called the reports fabricated."
SAME_ARTICLE_TEXT = (
    "Moscow says Warsaw shipped 14 Leopard 2 tanks to Kyiv in March. Poland denied the reports on Friday."
)


def claim() -> Extraction:
    t = CLAIM_TEXT
    s = t.split(". ")[0] + "."
    l0, l1 = _span(t, "separatist authorities")
    return Extraction(
        article=Article(id="c1a1m00001", text=t, outlet="Belgrade Daily", published="2024-06-01"),
        actors=("SRB", "GBR", "XKX"),
        events=(replace(_event(t, s, "GBR", "XKX", "AID", status="claimed"), attributed_to="SRB"),),
        arms=(ArmsTransfer("GBR", "XKX", "Javelin", "alleged", s, *_span(t, s), weapon_class="anti-tank missile",
                           attributed_to="SRB"),),
        labels=(Label("XKX", "separatist authorities", t.split(". ")[1], l0, l1),),
    )


def denial() -> Extraction:
    t = DENIAL_TEXT
    return Extraction(
        article=Article(id="d3n1a10002", text=t, outlet="London Times", published="2024-06-03"),
        actors=("GBR", "XKX"),
        events=(replace(_event(t, t, "GBR", "XKX", "AID", status="denied"), attributed_to="GBR"),),
        arms=(ArmsTransfer("GBR", "XKX", "Javelin", "denied", t, 0, len(t), attributed_to="GBR"),),
        quotes=(Quote("London", "GBR", "called", "the reports fabricated", "indirect", *_span(t, "the reports fabricated")),),
    )


def same_article() -> Extraction:
    t = SAME_ARTICLE_TEXT
    s = t.split(". ")[0] + "."
    return Extraction(
        article=Article(id="5a3e0a0003", text=t, outlet="Kyiv Post", published="2024-06-05"),
        actors=("RUS", "POL", "UKR"),
        events=(replace(_event(t, s, "POL", "UKR", "AID", status="claimed"), attributed_to="RUS",
                        disputed_by="POL", dispute_evidence=t.split(". ")[1]),),
        arms=(ArmsTransfer("POL", "UKR", "Leopard 2", "alleged", s, *_span(t, s), quantity=14,
                           weapon_class="tank", attributed_to="RUS", disputed_by="POL",
                           dispute_evidence=t.split(". ")[1]),),
    )


@pytest.fixture
def disputed(db_path: Path):
    with Store(db_path) as s:
        s.write_batch([make() for make in (*ALL, claim, denial, same_article)])
        yield s


def test_arms_register_filters(disputed: Store) -> None:
    everything = disputed.arms()
    assert [(a.supplier, a.recipient, a.system) for a in everything] == [
        ("CHN", "PAK", "J-10C fighter jets"), ("GBR", "XKX", "Javelin"), ("GBR", "XKX", "Javelin"),
        ("POL", "UKR", "Leopard 2"),
    ]
    assert [a.status for a in disputed.arms(supplier="gbr", status="denied")] == ["denied"]
    assert [a.quantity for a in disputed.arms(system="leopard")] == [14]
    assert [a.system for a in disputed.arms(system="anti-tank")] == ["Javelin"]
    assert [a.outlet for a in disputed.arms(actor="PAK", since="2024-01-01")] == ["Subcontinent Daily"]
    with pytest.raises(StoreError, match="unknown arms status"):
        disputed.arms(status="shipped")


def test_quotes_filters_are_accent_blind(disputed: Store) -> None:
    assert [q.speaker for q in disputed.quotes(actor="gbr")] == ["London"]
    assert [q.text for q in disputed.quotes(contains="AGGRESSION")] == ["We will answer any aggression,"]
    assert disputed.quotes(speaker="dar", kind="indirect") == []
    with pytest.raises(StoreError, match="quote kind"):
        disputed.quotes(kind="paraphrase")


def test_label_usage_by_outlet(disputed: Store) -> None:
    usage = disputed.label_usage(target="XKX")
    assert [(u.outlet, u.term, u.n) for u in usage] == [
        ("Balkan Wire", "self-proclaimed authorities", 1), ("Belgrade Daily", "separatist authorities", 1),
    ]
    assert [lab.term for lab in disputed.labels(outlet="belgrade daily")] == ["separatist authorities"]


def test_disputes_link_claims_and_denials_across_and_within_articles(disputed: Store) -> None:
    found = {(d.kind, d.source, d.target, d.what): d for d in disputed.disputes()}
    assert set(found) == {
        ("event", "GBR", "XKX", "AID"), ("arms", "GBR", "XKX", "Javelin"),
        ("event", "POL", "UKR", "AID"), ("arms", "POL", "UKR", "Leopard 2"),
    }
    across = found[("arms", "GBR", "XKX", "Javelin")]
    assert [(s.by, s.outlet) for s in across.asserted] == [("SRB", "Belgrade Daily")]
    assert [(s.by, s.outlet) for s in across.denied] == [("GBR", "London Times")]
    within = found[("event", "POL", "UKR", "AID")]
    assert [s.by for s in within.asserted] == ["RUS"] and [s.by for s in within.denied] == ["POL"]
    assert within.asserted[0].evidence.startswith("Moscow says")
    assert within.denied[0].evidence == "Poland denied the reports on Friday."
    # the Pakistani denial has no assertion of the same fact anywhere: not a dispute
    assert not [d for d in disputed.disputes() if d.source == "PAK"]
    assert [d.what for d in disputed.disputes(actor="pol", kind="arms")] == ["Leopard 2"]


def test_old_schema_is_upgraded_in_place(db_path: Path) -> None:
    with Store(db_path) as s:
        s.write_batch([balkans()])
        for index in ("events_source", "events_target", "events_type", "events_article"):
            s._conn.execute(f"DROP INDEX {index}")
        s._conn.execute("ALTER TABLE events DROP COLUMN disputed_by")
        s._conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=r"schema version 1.*ingest"):
        Store(db_path, read_only=True)
    with Store(db_path) as s:
        assert len(s.events()) == 2
    with Store(db_path, read_only=True) as s:
        assert s.sql("SELECT value FROM meta WHERE key = 'schema_version'").rows == [(str(SCHEMA_VERSION),)]


# Issue 14, section 4: what one analyst query may cost (the web app sets these caps).
@pytest.mark.parametrize(("query", "kwargs", "hit", "n_rows"), [
    ("SELECT repeat('x', 5000) AS s FROM range(100)", {"max_cell": 100}, ("cell",), 100),
    ("SELECT repeat('x', 5000) AS s FROM range(100)", {"max_bytes": 20_000}, ("bytes",), 3),
    ("SELECT range FROM range(100)", {"limit": 10}, ("rows",), 10),
    ("SELECT range FROM range(100)", {"max_bytes": 1_000_000, "max_cell": 10}, (), 100),
])
def test_sql_caps(query: str, kwargs: dict[str, int], hit: tuple[str, ...], n_rows: int) -> None:
    with Store(":memory:") as store:
        result = store.sql(query, **kwargs)
    assert result.truncated_by == hit and result.truncated == bool(hit) and len(result.rows) == n_rows
# -- issue 14: outlet substrings and undated counts ----------------------------------------------


@pytest.mark.parametrize(("outlet", "expected"), [
    ("balkan", {"Balkan Ledger", "Balkan_Ledger%Weekly"}),
    ("LEDGER%", {"Balkan_Ledger%Weekly"}),  # % is a character here, not "anything"
    ("n_l", {"Balkan_Ledger%Weekly"}),  # and so is _
    ("n l", {"Balkan Ledger"}),
    ("no such outlet", set()),
])
def test_outlet_is_a_literal_case_blind_substring(undated_db: Path, outlet: str, expected: set[str]) -> None:
    with Store(undated_db, read_only=True) as store:
        assert {a.outlet for a in store.articles(outlet=outlet)} == expected


def test_undated_items_are_counted_and_listed_on_request(undated_db: Path) -> None:
    with Store(undated_db, read_only=True) as store:
        for what in ("events", "quotes", "articles"):
            left_out = store.count_undated(what, since="2000")
            assert left_out == store.count(what, undated="only") > 0
            assert store.count(what, since="2000", undated="include") == store.count(what, since="2000") + left_out
            assert store.count_undated(what) == 0  # no date range: nothing is left out
            assert store.count_undated(what, since="2000", undated="include") == 0
        # the other filters still apply: only Albania's undated events (from the Tirana article) are counted
        alb = store.count_undated("events", since="2000", actor="ALB")
        assert 0 < alb == store.count("events", actor="ALB", undated="only") < store.count("events", undated="only")
        assert len(store.events(since="2000", undated="only")) == store.count("events", undated="only")
        with pytest.raises(StoreError, match="undated='sometimes'"):
            store.events(since="2000", undated="sometimes")
        with pytest.raises(StoreError, match="cannot count 'people'"):
            store.count("people")


# -- issue 17: the writer's memory (near-copy checks, a retired index) -----------------------------

HARBOUR_TEXT = (
    "Port authorities in Constanta said on Thursday that two grain freighters had left the harbour under naval "
    "escort after a week of delays caused by drifting mines in the western Black Sea. The Romanian navy said "
    "its minesweepers had cleared a corridor twelve nautical miles wide and would patrol it until the end of "
    "the month. Ukrainian officials thanked Bucharest for the escort and asked for a second corridor further "
    "north. Shipping insurers in London said premiums for the route had fallen by a third since the convoy "
    "system began in the spring."
)
PIPELINE_TEXT = (
    "Engineers in Baku began filling the first section of a new gas pipeline to Georgia on Monday, the state "
    "energy company said, two months later than planned because of a dispute over transit fees. Tbilisi "
    "said it expected the line to carry four billion cubic metres a year once both compressor stations are "
    "running. Turkish officials, whose network the gas will enter at the border, said their side of the link "
    "had been ready since the autumn and blamed the delay on financing."
)


def _plain(text: str, key: str) -> Extraction:
    return Extraction(article=Article(id=key, text=text, outlet="Coastal Desk", published="2025-04-03"))


@pytest.mark.parametrize(("stored", "batch", "pairs"), [
    # a trimmed reprint of a stored article (its last sentence cut), written later
    ([("h0", HARBOUR_TEXT)], [("h1", HARBOUR_TEXT.rsplit(". ", 1)[0] + ".")], [("h0", "h1")]),
    # two reprints of one story in the same write, one retitled with a line added, beside another story
    ([], [("h2", HARBOUR_TEXT), ("h3", HARBOUR_TEXT + " The convoy will sail again on Monday."),
          ("p1", PIPELINE_TEXT)], [("h2", "h3")]),
    # a stored story, its copy and its copy's copy in one write, and an unrelated stored story
    ([("h4", HARBOUR_TEXT), ("p2", PIPELINE_TEXT)],
     [("h5", "By our correspondent. " + HARBOUR_TEXT), ("h6", HARBOUR_TEXT.replace("Thursday", "Friday")),
      ("p3", PIPELINE_TEXT.replace("Monday", "Tuesday"))],
     [("h4", "h5"), ("h4", "h6"), ("h5", "h6"), ("p2", "p3")]),
])
def test_near_copies_are_found_within_a_write_and_against_stored_articles(
        tmp_path: Path, stored: list[tuple[str, str]], batch: list[tuple[str, str]],
        pairs: list[tuple[str, str]]) -> None:
    """The exact check runs grouped by stored article (issue 17: bounded memory); the pairs are the same."""
    with Store(tmp_path / "kb.duckdb") as store:
        if stored:
            store.write_batch([_plain(t, k) for k, t in stored])
        store.write_batch([_plain(t, k) for k, t in batch])
        assert store.copy_pairs() == pairs


def test_a_writable_open_drops_the_retired_band_key_index_and_copies_are_still_found(tmp_path: Path) -> None:
    """A file made by an older powderkeg has an index on copy_bands.key that no query used."""
    import duckdb

    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.write_batch([_plain(HARBOUR_TEXT, "h0")])
    con = duckdb.connect(str(db))
    con.execute("CREATE INDEX copy_bands_key ON copy_bands (key)")
    con.close()
    with Store(db, read_only=True) as reader:  # a reader leaves the file as it is
        assert reader.copy_pairs() == []
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM duckdb_indexes() WHERE index_name = 'copy_bands_key'").fetchall() == [(1,)]
    con.close()
    with Store(db) as store:
        store.write_batch([_plain(HARBOUR_TEXT + " Insurers expect more ships.", "h1")])
        assert store.copy_pairs() == [("h0", "h1")]
    con = duckdb.connect(str(db), read_only=True)
    names = {r[0] for r in con.execute("SELECT index_name FROM duckdb_indexes()").fetchall()}
    con.close()
    assert "copy_bands_key" not in names
    assert {"events_article", "events_source", "reports_article"} <= names

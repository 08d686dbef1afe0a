"""The pre-aggregated tables (store/rollups.py) answer exactly what the live rows answer, after every kind of write."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

import powderkeg
from powderkeg.models import Article, Event, Extraction
from powderkeg.store import Store, rollups


def _answers(store: Store) -> dict[str, Any]:
    """Everything the rollups serve, as the public methods give it."""
    return {
        "actors": store.actors(),
        "actor": store.actors("SRB"),
        "summary": store.summary(),
        "timeline": store.event_timeline(),
        "timeline_actor": store.event_timeline(actor="SRB"),
        "counts": store.event_counts(actor="XKX"),
        "dyads": store.dyads("SRB"),
        "outlets": store.outlets(),
        "n_events": store.count_events(actor="SRB", type="ACCUSE,THREATEN"),
        "articles": store.articles(limit=5, newest_first=True),
        "disputes": store.disputes(),
        "n_disputes": store.count_disputes(),
        "disputes_actor": store.disputes(actor="XKX", kind="event"),
        "first_page": store.events(actor="SRB", limit=3, offset=2),
        "first_page_type": store.events(type="ACCUSE,THREATEN", dyad=("SRB", "XKX"), limit=2),
        "label_usage": store.label_usage(),
        "label_usage_top": store.label_usage(top=4),
        "label_usage_actor": store.label_usage(target="XKX", outlet="post"),
        "n_label_usage": store.count_label_usage(outlet="a"),
        "label_targets": store.label_targets(),
        "outlet_mix": store.event_counts(outlet="post"),
        "outlet_mix_actor": store.event_counts(actor="SRB", outlet="a"),
        "facets": store.event_facets(),
        "facets_actor_type": store.event_facets(actor="SRB", type="ACCUSE,REJECT,SUPPORT", limit=3),
        "facets_dyad": store.event_facets(dyad=("XKX", "SRB")),
        # an actor page's people and coverage by outlet (issue 17), every article counted
        "people": store.people(),
        "people_actor": store.people(actor="SRB"),
        "coverage": store.outlet_coverage("SRB"),
        "coverage_other": store.outlet_coverage("xkx"),
    }


def _tables(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    con = store._conn
    return {r.name: sorted(con.execute(f"SELECT * FROM {r.name}").fetchall(), key=repr) for r in rollups.ROLLUPS}


def assert_rollups_match_live(path: Path) -> None:
    """The rollups as maintained, a rebuild from scratch, and the live queries all agree."""
    with Store(path) as store:
        assert rollups.fresh(store._conn)
        kept = _tables(store)
        served = _answers(store)
        store._conn.execute("UPDATE meta SET value = 'stale' WHERE key = 'rollups'")
        assert not rollups.fresh(store._conn)
        live = _answers(store)
        rollups.refresh(store._conn)
        rebuilt = _tables(store)
    assert served == live
    assert kept == rebuilt


def _edited(x: Extraction, *, keep_events: int) -> Extraction:
    """The same article re-extracted with fewer events and mentions (rows that must leave every rollup)."""
    return dataclasses.replace(x, events=x.events[:keep_events], mentions=x.mentions[: len(x.mentions) // 2])


def test_a_fresh_ingest_fills_the_rollups(demo_db_copy: Path) -> None:
    assert_rollups_match_live(demo_db_copy)
    with Store(demo_db_copy) as store:
        (n_events,) = store._conn.execute("SELECT sum(n) FROM rollup_months").fetchall()[0]
        assert n_events == store.summary().n_events > 0


def test_reingest_and_force_keep_the_rollups_equal(demo_db_copy: Path) -> None:
    with powderkeg.open(demo_db_copy) as kb:
        kb.ingest(powderkeg.demo_corpus())
    assert_rollups_match_live(demo_db_copy)
    with powderkeg.open(demo_db_copy) as kb:
        before = kb.summary()
        kb.ingest(powderkeg.demo_corpus(), force=True)
        assert kb.summary() == before
    assert_rollups_match_live(demo_db_copy)


def test_replaced_articles_leave_their_old_rows_behind(demo_db_copy: Path) -> None:
    with Store(demo_db_copy) as store:
        ids = [a.id for a in store.articles()][:4]
        edited = [_edited(x, keep_events=1) for x in (store.extraction(i) for i in ids) if x is not None]
        store.write_batch(edited)
    assert_rollups_match_live(demo_db_copy)


def test_a_batch_of_stored_and_new_articles_subtracts_only_the_stored_ones(demo_db_copy: Path) -> None:
    # before_replace skips the articles not stored yet; the stored ones in the same batch still leave their rows
    with Store(demo_db_copy) as store:
        ids = [a.id for a in store.articles()][:3]
        stored = [x for x in (store.extraction(i) for i in ids) if x is not None]
        new = [dataclasses.replace(x, article=dataclasses.replace(x.article, id=f"{x.article.id}-new"))
               for x in stored]
        store.write_batch([_edited(x, keep_events=0) for x in stored] + new)
        assert store.known_ids(x.article.id for x in new) == {x.article.id for x in new}
    assert_rollups_match_live(demo_db_copy)


def test_a_label_whose_example_or_spelling_leaves_is_recomputed(demo_db_copy: Path) -> None:
    """The label rollup keeps the least term spelling and example sentence, which cannot be subtracted:
    replacing the articles that hold them (labels dropped, then a lower-cased spelling) must still
    give what a rebuild gives."""
    with Store(demo_db_copy) as store:
        labelled = sorted({r.article_id for r in store.labels()})
        assert len(labelled) >= 3
        first = [store.extraction(i) for i in labelled[:2]]
        store.write_batch([dataclasses.replace(x, labels=()) for x in first if x is not None])
    assert_rollups_match_live(demo_db_copy)
    with Store(demo_db_copy) as store:
        x = store.extraction(labelled[2])
        assert x is not None and x.labels
        lowered = tuple(dataclasses.replace(lab, term=lab.term.lower(), evidence="A " + lab.evidence)
                        for lab in x.labels)
        store.write_batch([dataclasses.replace(x, labels=lowered)])
        store.write_batch([x for x in first if x is not None])  # and back again
    assert_rollups_match_live(demo_db_copy)


DISPUTE_TEXT = ("Serbia accused Kosovo of arresting four Serb officers in Zubin Potok. "
                "Kosovo denied arresting the officers and said they had crossed the boundary line freely.")


def _dispute(i: int, *, denied: bool) -> Extraction:
    article = Article(id=f"dispute-{i}", text=DISPUTE_TEXT, title=f"Arrests near the boundary ({i})",
                      outlet=("Adriatic Monitor", "Sava Herald")[i % 2], published=f"2025-03-{i + 1:02d}")
    claim = Event(source="XKX", target="SRB", type="SEIZE", negated=False, status="claimed",
                  evidence=DISPUTE_TEXT.split(". ")[0] + ".", start=0, end=70, trigger="arresting",
                  source_text="Kosovo", target_text="Serb officers", rule="test", attributed_to="SRB",
                  disputed_by="XKX" if denied else None)
    return Extraction(article=article, actors=("SRB", "XKX"), mentions=(), people=(), events=(claim,),
                      arms=(), quotes=(), labels=())


def test_a_denial_added_later_makes_a_dispute_and_removing_it_unmakes_it(tmp_path: Path) -> None:
    path = tmp_path / "kb.duckdb"
    with Store(path) as store:
        store.write_batch([_dispute(i, denied=False) for i in range(6)])
        assert store.disputes() == []
        store.write_batch([_dispute(6, denied=True)])
        (fact,) = store.disputes()
        assert (fact.n_asserted, fact.n_denied) == (7, 1)
    assert_rollups_match_live(path)
    with Store(path) as store:
        store.write_batch([_dispute(6, denied=False)])
        assert store.disputes() == [] and store.count_disputes() == 0
    assert_rollups_match_live(path)


def test_disputes_keep_the_first_stances_and_count_them_all(tmp_path: Path) -> None:
    path = tmp_path / "kb.duckdb"
    with Store(path) as store:
        store.write_batch([_dispute(i, denied=i % 3 == 0) for i in range(9)])
        (full,) = store.disputes()
        (capped,) = store.disputes(stances=2)
        assert (full.n_asserted, full.n_denied) == (9, 3) == (capped.n_asserted, capped.n_denied)
        assert len(full.asserted) == 9 and len(full.denied) == 3
        assert capped.asserted == full.asserted[:2] and capped.denied == full.denied[:2]
        assert store.count_disputes(actor="xkx") == 1 and store.count_disputes(kind="arms") == 0


def test_rows_written_behind_the_stores_back_are_not_served_stale(tmp_path: Path) -> None:
    path = tmp_path / "kb.duckdb"
    with Store(path) as store:
        store.write_batch([_dispute(i, denied=i == 0) for i in range(3)])
        store._conn.execute("DELETE FROM events WHERE article_id = 'dispute-0'")  # a writer that skips write_batch
        assert not rollups.fresh(store._conn)
        assert store.disputes() == []  # the live rows answer: no denial is left
        assert store.summary().n_events == 2
    with Store(path) as store:  # the next writable open brings them up to date
        assert rollups.fresh(store._conn)
    assert_rollups_match_live(path)


def test_one_merge_per_rollup_matches_null_keys_and_drops_rows_counted_down_to_zero(tmp_path: Path) -> None:
    """The MERGE of `rollups.apply` (issue 17): a NULL key (no outlet, no date) is matched, not inserted a
    second time, and a key whose every count falls to zero leaves the table, as a rebuild gives it."""
    path = tmp_path / "kb.duckdb"
    bare = [dataclasses.replace(x, article=dataclasses.replace(x.article, outlet=None, published=None))
            for x in (_dispute(i, denied=False) for i in range(3))]
    with Store(path) as store:
        store.write_batch(bare[:2])
        store.write_batch(bare[2:])  # the NULL outlet and the NULL month are already there
        con = store._conn
        assert con.execute("SELECT outlet, n_articles, n_events FROM rollup_outlets").fetchall() == [(None, 3, 3)]
        assert con.execute("SELECT month, type, n FROM rollup_months").fetchall() == [(None, "SEIZE", 3)]
        store.write_batch([dataclasses.replace(x, events=()) for x in bare])  # every event leaves
        assert con.execute("SELECT count(*) FROM rollup_months").fetchall() == [(0,)]
        assert con.execute("SELECT count(*) FROM rollup_dyads").fetchall() == [(0,)]
        assert con.execute("SELECT outlet, n_articles, n_events FROM rollup_outlets").fetchall() == [(None, 3, 0)]
    assert_rollups_match_live(path)


@pytest.mark.parametrize("sign", [1, -1])
def test_apply_of_no_articles_changes_nothing(tmp_path: Path, sign: int) -> None:
    path = tmp_path / "kb.duckdb"
    with Store(path) as store:
        store.write_batch([_dispute(0, denied=True)])
        before = _tables(store)
        rollups.apply(store._conn, [], sign)
        assert _tables(store) == before


# -- the benchmark's replicas, and facets of a very large selection ---------------------------------------------


@pytest.fixture
def replicated(demo_db_copy: Path) -> Path:
    """The demo store grown 60-fold by the benchmark replicator (codes rotated, days spread); its
    original article count is kept in meta for the tests."""
    from datetime import date

    from powderkeg.store.bench import bench_replicate

    with Store(demo_db_copy) as store:
        codes = sorted({r.code for r in store.actors()})
        store._conn.execute("INSERT INTO meta VALUES ('test_base_articles', ?)", [str(store.summary().n_articles)])
        bench_replicate(store, 59, codes=codes, outlets=("Northern Wire", "Harbour Post", "Plain Ledger"),
                        start=date(2020, 1, 1), days=700, chunk_events=1000)
    return demo_db_copy


def test_replicas_keep_every_table_consistent(replicated: Path) -> None:
    with Store(replicated) as store:
        con = store._conn
        n_articles, n_events = store.summary().n_articles, store.summary().n_events
        base = con.execute("SELECT value FROM meta WHERE key = 'test_base_articles'").fetchall()[0][0]
        assert n_articles == int(base) * 60
        orphans = con.execute("SELECT count(*) FROM events e ANTI JOIN articles a ON a.id = e.article_id"
                              ).fetchall()[0][0]
        unequal = con.execute("SELECT count(*) FROM events e JOIN articles a ON a.id = e.article_id "
                              "WHERE e.published IS DISTINCT FROM a.published").fetchall()[0][0]
        reports = con.execute("SELECT count(DISTINCT article_id) FROM reports").fetchall()[0][0]
        assert (orphans, unequal, reports) == (0, 0, n_articles)
        for table in ("arms", "quotes", "labels"):  # their own copy of the day moved with the replica
            (off,) = con.execute(f"SELECT count(*) FROM {table} t JOIN articles a ON a.id = t.article_id "
                                 "WHERE t.published IS DISTINCT FROM a.published").fetchall()[0]
            assert off == 0, table
        assert len(store.events(dyad=("SRB", "XKX"))) < n_events // 60  # rotated codes: a dyad stays selective
        # a first page bounded by the years the rollup says hold it is the same page
        every = store.events(actor="SRB")
        assert store.events(actor="SRB", limit=5, offset=7) == every[7:12] and len(every) > 12
    assert_rollups_match_live(replicated)


def test_facets_of_a_large_selection_are_estimated_from_a_sample(replicated: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from powderkeg.store import queries

    with Store(replicated, read_only=True) as store:
        # a date filter: the rollups cannot answer, the rows are counted (or sampled)
        exact = {f.name: dict(f.values) for f in store.event_facets(sample_above=None, since="2000")}
        assert not any(f.estimated for f in store.event_facets(since="2000"))  # small: counted exactly
        monkeypatch.setattr(queries, "FACET_SAMPLE_ROWS", store.count_events() // 3)
        sampled = store.event_facets(sample_above=10, since="2000")
        assert not any(f.estimated for f in store.event_facets(sample_above=10))  # the rollups: exact
    assert all(f.estimated for f in sampled)
    top_type, n = max(exact["type"].items(), key=lambda kv: kv[1])
    estimate = dict(sampled[0].values).get(top_type, 0)
    assert 0.4 * n < estimate < 1.6 * n


# -- keyset pages and bounded answers equal the unbounded ones ---------------------------------------------------


@pytest.mark.parametrize(("sort", "descending", "filters"), [
    (None, False, {}),
    ("published", True, {}),
    ("type", False, {"actor": "SRB"}),
    ("source", True, {"since": "2020-06"}),
    ("outlet", True, {}),
    ("outlet", False, {"type": "ACCUSE,REJECT", "until": "2021-03"}),
    ("title", False, {"outlet": "post"}),
])
def test_keyset_pages_walk_the_same_rows_as_offsets(replicated: Path, sort: str | None, descending: bool,
                                                    filters: dict[str, Any]) -> None:
    with Store(replicated, read_only=True) as store:
        every = store.events(sort=sort, descending=descending, **filters)
        assert len(every) > 40
        walked: list[Any] = []
        page = store.events(sort=sort, descending=descending, limit=17, **filters)
        while page:
            walked += page
            page = store.events(sort=sort, descending=descending, limit=17, after=page[-1].id, **filters)
        assert walked == every
        assert store.events(sort=sort, descending=descending, limit=9, after=every[30].id, **filters) == every[31:40]


@pytest.mark.parametrize(("sort", "descending", "filters"), [
    ("source", False, {}),
    ("source", True, {"type": "ACCUSE,REJECT"}),
    ("target", False, {"actor": "SRB"}),
    ("target", True, {}),
    ("type", True, {}),
    ("type", False, {"dyad": ("XKX", "SRB")}),
])
def test_pages_sorted_by_an_event_column_are_placed_by_the_rollups_and_equal_the_sorted_list(
        replicated: Path, sort: str, descending: bool, filters: dict[str, Any]) -> None:
    """A page sorted by source, target or type is cut from the (value, year) groups the rollups place it in
    (issue 17: not a top-N over every event); first, offset and cursor pages equal slices of the whole
    sorted list, which is read without a limit (no placing), and so do they when the rollups lag."""
    with Store(replicated, read_only=True) as store:
        every = store.events(sort=sort, descending=descending, **filters)
        assert len(every) > 20
        assert store._span_at(sort, descending, filters, 23, 7) is not None  # the placed path is the one tested
        for offset in (0, 1, 23, len(every) // 2, len(every) - 5, len(every), len(every) + 3):
            page = store.events(sort=sort, descending=descending, limit=7, offset=offset, **filters)
            assert page == every[offset:offset + 7], offset
        for cut in (0, 5, len(every) // 3, len(every) // 2, len(every) - 4, len(every) - 1):
            after = store.events(sort=sort, descending=descending, limit=7, after=every[cut].id, **filters)
            assert after == every[cut + 1:cut + 8], cut
        big = store.events(sort=sort, descending=descending, limit=len(every), offset=3, **filters)
        assert big == every[3:]  # more groups than a placed page may span: the whole selection is sorted


def test_sorted_pages_keep_undated_events_last_and_read_live_rows_when_the_rollups_lag(
        undated_db: Path, tmp_path: Path) -> None:
    import shutil

    path = tmp_path / "sorted.duckdb"
    shutil.copy(undated_db, path)
    with Store(path) as store:
        for sort, descending in (("source", False), ("type", True), ("target", False)):
            every = store.events(sort=sort, descending=descending)
            assert any(e.published is None for e in every)
            for offset in range(0, len(every) + 2, 3):
                assert store.events(sort=sort, descending=descending, limit=4, offset=offset) == \
                    every[offset:offset + 4]
            for cut in range(0, len(every), 5):
                assert store.events(sort=sort, descending=descending, limit=4, after=every[cut].id) == \
                    every[cut + 1:cut + 5]
        store._conn.execute("UPDATE meta SET value = 'stale' WHERE key = 'rollups'")
        assert store._span_at("source", False, {}, 0, 4) is None
        every = store.events(sort="source")
        assert store.events(sort="source", limit=4, offset=9) == every[9:13]


def test_a_cursor_whose_event_is_gone_is_refused(replicated: Path) -> None:
    from powderkeg.errors import StoreError

    with Store(replicated, read_only=True) as store, pytest.raises(StoreError, match="no event 'abc123'"):
        store.events(limit=5, after="abc123")


@pytest.mark.parametrize(("table", "filters"), [
    ("arms", {}), ("arms", {"newest_first": True}), ("arms", {"since": "2020-03", "until": "2021-01"}),
    ("arms", {"outlet": "ledger"}), ("quotes", {}), ("quotes", {"since": "2021"}), ("quotes", {"outlet": "post"}),
    ("labels", {}), ("labels", {"until": "2020-09"}), ("labels", {"outlet": "wire"}),
])
def test_lists_cut_from_their_own_day_equal_the_joined_order(replicated: Path, table: str,
                                                              filters: dict[str, Any]) -> None:
    """arms/quotes/labels page by their own copy of the day; each page equals a slice of the whole list,
    which is in the articles' publication order with every article column filled."""
    with Store(replicated, read_only=True) as store:
        listed = getattr(store, table)
        every = listed(**filters)
        assert len(every) > 20
        assert listed(limit=7, offset=11, **filters) == every[11:18]
        assert store.count(table, **{k: v for k, v in filters.items() if k != "newest_first"}) == len(every)
        days = [r.published or "9999" for r in every]
        assert days == sorted(days, reverse=bool(filters.get("newest_first")))
        assert all(r.outlet for r in every)


@pytest.mark.parametrize("filters", [{}, {"supplier": "USA"}, {"since": "2020-03", "until": "2021-01"},
                                     {"outlet": "ledger"}, {"system": "javelin"}])
def test_newest_arms_records_are_cut_from_a_window_of_days_and_equal_the_whole_list(
        replicated: Path, monkeypatch: pytest.MonkeyPatch, filters: dict[str, Any]) -> None:
    """The deal register's newest records are read from the newest window of days holding enough (issue 17);
    windows of one day here, doubled many times: every cut must equal the head of the whole newest-first list."""
    monkeypatch.setattr(Store, "NEWEST_DAYS", 1)
    with Store(replicated, read_only=True) as store:
        every = store.arms(newest_first=True, **filters)
        assert len(every) > 10
        if not filters:
            assert store._newest_from("arms r", "", [], 5) is not None  # the window is the path tested
        for limit, offset in ((1, 0), (5, 0), (7, 3), (len(every) // 2, 0), (len(every), 0), (len(every) + 4, 2)):
            assert store.arms(limit=limit, offset=offset, newest_first=True, **filters) == \
                every[offset:offset + limit], (limit, offset)


def test_bounded_coverage_and_copies_equal_the_unbounded_ones_when_the_bound_holds_all(replicated: Path) -> None:
    with powderkeg.open(replicated, read_only=True) as kb:
        store = kb.store
        full = store.outlet_coverage("SRB")
        named = store.count_actor_articles("SRB")
        assert store.outlet_coverage("SRB", max_articles=named) == full
        few = store.outlet_coverage("SRB", max_articles=10)
        assert sum(r[1] for r in few) <= 10 * 12 < sum(r[1] for r in full)
        # the bound holds every article naming SRB: the same people, roles and counts; the other actors a
        # person speaks for are then those seen in these articles only
        def drop_actors(people: list[Any]) -> list[Any]:
            return [dataclasses.replace(p, actors=()) for p in people]

        assert drop_actors(kb.people(actor="SRB", max_articles=named)) == drop_actors(kb.people(actor="SRB"))
        assert sum(p.n_articles for p in kb.people(actor="SRB", max_articles=3)) <= 3 * 10
        groups = kb.copy_groups()
        assert kb.copy_groups(max_reports=store.count_reports()) == groups


@pytest.mark.parametrize("bound", [1, 10, 40, None])
def test_the_actor_view_finds_its_candidates_once_and_equals_the_separate_calls(replicated: Path,
                                                                              bound: int | None) -> None:
    """The actor page's people and coverage, read over one set of candidates, equal the bounded calls made
    one by one (each finding the newest articles naming the actor itself)."""
    with powderkeg.open(replicated, read_only=True) as kb:
        n = bound or kb.store.count_actor_articles("SRB")
        people, coverage = kb.actor_view("srb", max_articles=n)
        assert people == kb.people(actor="SRB", max_articles=n)
        assert coverage == kb.coverage("SRB", incidents=False, max_articles=n)
        assert sum(c.articles for c in coverage) >= min(n, 1)


def test_the_text_search_window_is_the_newest_months_holding_enough_events(replicated: Path) -> None:
    with Store(replicated, read_only=True) as store:
        first, n = store.newest_window(500) or ("", 0)
        assert n >= 500 and store.count_events(since=first) == n
        assert store.count_events(since=first) - store.count_events(since=first, until=first[:7]) < 500
        assert store.newest_window(10 ** 9) is None


@pytest.mark.parametrize("small", [0, 10_000])  # every outlet read by windows of days / each in one query
@pytest.mark.parametrize(("sort", "descending", "filters"), [
    ("outlet", True, {}),
    ("outlet", False, {"actor": "SRB"}),
    ("outlet", False, {"outlet": "post", "since": "2020-05"}),
    ("title", True, {"type": "ACCUSE,REJECT"}),
])
def test_offset_pages_in_article_order_are_walked_and_equal_the_sorted_list(
        replicated: Path, monkeypatch: pytest.MonkeyPatch, sort: str, descending: bool,
        filters: dict[str, Any], small: int) -> None:
    """Sorted by outlet or title, a page (first, offset or cursor) is cut by walking the articles in that
    order, an outlet's days a window at a time (tiny batches and windows here, so every page crosses
    batches, windows and outlets); it must equal the slice of the whole sorted list."""
    monkeypatch.setattr(Store, "WALK_ARTICLES", 3)
    monkeypatch.setattr(Store, "WALK_DAYS", 2)
    monkeypatch.setattr(Store, "WALK_SMALL", small)
    with Store(replicated, read_only=True) as store:
        every = store.events(sort=sort, descending=descending, **filters)
        assert len(every) > 60
        for offset in (0, 1, 23, len(every) // 2, len(every) - 5, len(every) + 3):
            page = store.events(sort=sort, descending=descending, limit=11, offset=offset, **filters)
            assert page == every[offset:offset + 11], offset
        cut = len(every) // 3
        after = store.events(sort=sort, descending=descending, limit=11, after=every[cut].id, **filters)
        assert after == every[cut + 1:cut + 12]


def test_the_outlet_walk_keeps_undated_articles_and_articles_without_an_outlet_last(
        undated_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    path = tmp_path / "walk.duckdb"
    shutil.copy(undated_db, path)
    with Store(path) as store:
        x = store.extraction(store.articles(limit=1)[0].id)
        assert x is not None and x.events
        store.write_batch([dataclasses.replace(x, article=dataclasses.replace(x.article, id="no-outlet", outlet=None))])
    monkeypatch.setattr(Store, "WALK_ARTICLES", 2)
    monkeypatch.setattr(Store, "WALK_DAYS", 1)
    with Store(path, read_only=True) as store:
        for descending, small in ((False, 0), (True, 0), (False, 10_000), (True, 10_000)):
            monkeypatch.setattr(Store, "WALK_SMALL", small)
            every = store.events(sort="outlet", descending=descending)
            assert every[-1].outlet is None and any(e.published is None for e in every)
            walked: list[Any] = []
            page = store.events(sort="outlet", descending=descending, limit=4)
            while page:
                walked += page
                page = store.events(sort="outlet", descending=descending, limit=4, after=page[-1].id)
            assert walked == every
            assert store.events(sort="outlet", descending=descending, limit=5, offset=len(every) - 7) == every[-7:-2]


def test_a_report_added_to_a_stored_article_counts_in_its_coverage(demo_db_copy: Path) -> None:
    """An exact copy under another outlet costs no parse but is a report (add_reports): the coverage
    rollups, counted by reports, take it in as the live query does."""
    with Store(demo_db_copy) as store:
        before = {row[0]: row for row in store.outlet_coverage("SRB")}
        art = next(x for x in (store.extraction(a.id) for a in store.articles()) if x and "SRB" in x.actors)
        copy = dataclasses.replace(art.article, outlet="Morava Evening Post", url="https://example.org/copy")
        assert store.add_reports([copy]) == 1
        after = {row[0]: row for row in store.outlet_coverage("SRB")}
    assert "Morava Evening Post" not in before and after["Morava Evening Post"][1] == 1
    assert_rollups_match_live(demo_db_copy)


def test_an_upgrade_builds_only_the_rollups_it_lacks(demo_db_copy: Path) -> None:
    """A store from a powderkeg without the newest rollups (its mark lists fewer) gets just those built."""
    newest = rollups.ROLLUPS[-1]
    with Store(demo_db_copy) as store:
        con = store._conn
        mark = con.execute("SELECT value FROM meta WHERE key = 'rollups'").fetchall()[0][0]
        names, _, counts = mark.partition(":")
        con.execute(f"DELETE FROM {newest.name}")
        older = "+".join(n for n in names.split("+") if n != newest.name)
        con.execute("UPDATE meta SET value = ? WHERE key = 'rollups'", [f"{older}:{counts}"])
        con.execute("UPDATE rollup_dyads SET n = n + 1000")  # a table the upgrade must leave alone
    with Store(demo_db_copy) as store:
        con = store._conn
        assert rollups.fresh(con)
        assert con.execute(f"SELECT count(*) FROM {newest.name}").fetchall()[0][0] > 0
        assert con.execute("SELECT min(n) FROM rollup_dyads").fetchall()[0][0] > 1000
        con.execute("UPDATE rollup_dyads SET n = n - 1000")
    assert_rollups_match_live(demo_db_copy)


def test_an_upgrade_drops_a_retired_rollup_and_keeps_the_rest(demo_db_copy: Path) -> None:
    """A store whose mark lists a rollup this powderkeg no longer keeps loses that table, and nothing is rebuilt."""
    with Store(demo_db_copy) as store:
        con = store._conn
        mark = con.execute("SELECT value FROM meta WHERE key = 'rollups'").fetchall()[0][0]
        names, _, counts = mark.partition(":")
        con.execute("CREATE TABLE rollup_retired (n BIGINT)")
        con.execute("UPDATE meta SET value = ? WHERE key = 'rollups'", [f"{names}+rollup_retired:{counts}"])
        con.execute("UPDATE rollup_dyads SET n = n + 1000")  # a full rebuild would undo this
    with Store(demo_db_copy) as store:
        con = store._conn
        assert rollups.fresh(con)
        tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        assert "rollup_retired" not in tables
        assert con.execute("SELECT min(n) FROM rollup_dyads").fetchall()[0][0] > 1000
        con.execute("UPDATE rollup_dyads SET n = n - 1000")
    assert_rollups_match_live(demo_db_copy)


# -- an ingest's writes folded into the rollups once, at its end, on a small store (issue 17: the writer's CPU) ----


def _renamed(x: Extraction, suffix: str) -> Extraction:
    return dataclasses.replace(x, article=dataclasses.replace(x.article, id=f"{x.article.id}-{suffix}"))


def test_a_deferred_run_reads_live_rows_meanwhile_and_matches_a_rebuild_at_its_end(demo_db_copy: Path) -> None:
    with Store(demo_db_copy) as store:
        stored = [x for x in (store.extraction(a.id) for a in store.articles()[:4]) if x is not None]
        with store.rollups_deferred():
            store.write_batch([_renamed(x, "a") for x in stored[:2]])
            assert not rollups.fresh(store._conn)  # lagging: every reader answers from the live rows
            mid = store.summary()
            # a stored article replaced, one written earlier in this run replaced, a new one
            store.write_batch([_edited(stored[2], keep_events=0), _edited(_renamed(stored[0], "a"), keep_events=1),
                               _renamed(stored[3], "b")])
        assert rollups.fresh(store._conn)
    assert mid.n_articles == 23
    assert_rollups_match_live(demo_db_copy)


def test_a_deferred_run_keeps_the_rollups_current_once_the_store_is_large(demo_db_copy: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rollups, "DEFER_BELOW", 23)
    with Store(demo_db_copy) as store:
        stored = [x for x in (store.extraction(a.id) for a in store.articles()[:3]) if x is not None]
        with store.rollups_deferred():
            store.write_batch([_renamed(stored[0], "a")])  # 22 articles: deferred
            assert not rollups.fresh(store._conn)
            store.write_batch([_renamed(stored[1], "a")])  # 23: the pending article and this one are added
            assert rollups.fresh(store._conn)
            store.write_batch([_renamed(stored[2], "a")])
            assert rollups.fresh(store._conn)
    assert_rollups_match_live(demo_db_copy)


def test_a_write_rolled_back_in_a_deferred_run_is_not_added_at_its_end(demo_db_copy: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from powderkeg.errors import StoreError
    from powderkeg.store.write import WriteMixin

    with Store(demo_db_copy) as store:
        stored = [x for x in (store.extraction(a.id) for a in store.articles()[:2]) if x is not None]
        with store.rollups_deferred():
            store.write_batch([_renamed(stored[0], "a")])
            real = WriteMixin._insert

            def failing(self: WriteMixin, con: Any, table_name: str, rows: list[tuple[Any, ...]]) -> None:
                if table_name == "events":
                    raise StoreError("disk full")
                real(self, con, table_name, rows)

            monkeypatch.setattr(WriteMixin, "_insert", failing)
            with pytest.raises(StoreError):
                store.write_batch([_renamed(stored[1], "a")])
            monkeypatch.setattr(WriteMixin, "_insert", real)
        assert store.known_ids([f"{stored[1].article.id}-a"]) == set()
    assert_rollups_match_live(demo_db_copy)


def test_another_writer_between_deferred_writes_is_not_counted_twice(demo_db_copy: Path) -> None:
    with Store(demo_db_copy) as store:
        stored = [x for x in (store.extraction(a.id) for a in store.articles()[:3]) if x is not None]
        with store.rollups_deferred():
            store.write_batch([_renamed(stored[0], "a")])
            with Store(demo_db_copy) as other:  # a writer outside the run: finds them lagging, rebuilds them
                other.write_batch([_renamed(stored[1], "other")])
                assert rollups.fresh(other._conn)
            store.write_batch([_renamed(stored[2], "a")])
    assert_rollups_match_live(demo_db_copy)


def test_a_deferred_run_that_dies_leaves_the_rebuild_to_the_next_open(demo_db_copy: Path) -> None:
    with Store(demo_db_copy) as store:
        x = store.extraction(store.articles()[0].id)
        assert x is not None
        store._deferred = rollups.Deferred()  # as inside rollups_deferred, whose end never comes
        store.write_batch([_renamed(x, "a")])
        assert not rollups.fresh(store._conn)
    assert_rollups_match_live(demo_db_copy)  # the writable open rebuilt them


def test_reports_added_in_a_deferred_run_count_in_the_coverage(demo_db_copy: Path) -> None:
    with Store(demo_db_copy) as store:
        x = store.extraction(store.articles()[0].id)
        assert x is not None
        with store.rollups_deferred():
            store.write_batch([_renamed(x, "a")])
            copy = dataclasses.replace(x.article, outlet="Another Outlet", text="")
            assert store.add_reports([copy]) == 1
            assert rollups.fresh(store._conn)  # brought up before the reports were counted
    assert_rollups_match_live(demo_db_copy)

"""Counts, facets, one event by id and the table schemas: the queries behind the web desk's lists.

Each count and facet must agree with the list it stands beside, or a click would not give
the rows it promised.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from powderkeg.store import ARMS_FACETS, EVENT_FACETS, QUOTE_FACETS, Store


@pytest.fixture(scope="module")
def store(demo_db: Path) -> Iterator[Store]:
    with Store(demo_db, read_only=True) as opened:
        yield opened


EVENT_FILTERS: list[dict[str, Any]] = [{}, {"actor": "XKX"}, {"type": "ACCUSE,REJECT"}, {"status": "reported"},
                                       {"since": "2025-03", "until": "2025"}, {"text": "vucic"},
                                       {"dyad": ("SRB", "XKX")}]
ARMS_FILTERS: list[dict[str, Any]] = [{}, {"supplier": "USA"}, {"actor": "srb"}, {"system": "javelin"},
                                      {"status": "delivered"}, {"outlet": "open frontline"}]
QUOTE_FILTERS: list[dict[str, Any]] = [{}, {"actor": "SRB"}, {"speaker": "vučić"}, {"contains": "PRISTINA"},
                                       {"kind": "direct"}]
LABEL_FILTERS: list[dict[str, Any]] = [{}, {"target": "XKX"}, {"term": "separat"}, {"since": "2025-03"}]


@pytest.mark.parametrize("filters", EVENT_FILTERS)
def test_event_facets_add_up_to_the_list(store: Store, filters: dict[str, Any]) -> None:
    total = store.count_events(**filters)
    assert total == len(store.events(**filters))
    facets = {f.name: f for f in store.event_facets(limit=100, **filters)}
    assert list(facets) == list(EVENT_FACETS)
    for name in ("type", "status", "outlet", "year"):
        assert sum(n for _, n in facets[name].values) == total, name
    for code, n in facets["actor"].values:
        assert n == store.count_events(**{**filters, "actor": code}) if "actor" not in filters else n > 0


@pytest.mark.parametrize("filters", ARMS_FILTERS)
def test_arms_count_and_facets_match_the_register(store: Store, filters: dict[str, Any]) -> None:
    rows = store.arms(**filters)
    assert store.count_arms(**filters) == len(rows) > 0
    facets = {f.name: f for f in store.arms_facets(**filters)}
    assert list(facets) == list(ARMS_FACETS)
    assert dict(facets["supplier"].values) == {s: sum(r.supplier == s for r in rows) for s in {r.supplier for r in rows}}
    assert sum(n for _, n in facets["status"].values) == len(rows)


@pytest.mark.parametrize("filters", QUOTE_FILTERS)
def test_quote_count_and_facets_match_the_list(store: Store, filters: dict[str, Any]) -> None:
    rows = store.quotes(**filters)
    assert store.count_quotes(**filters) == len(rows) > 0
    facets = {f.name: f for f in store.quote_facets(limit=100, **filters)}
    assert list(facets) == list(QUOTE_FACETS)
    assert dict(facets["kind"].values) == {k: sum(r.kind == k for r in rows) for k in {r.kind for r in rows}}


@pytest.mark.parametrize("filters", LABEL_FILTERS)
def test_label_count_matches_the_list(store: Store, filters: dict[str, Any]) -> None:
    assert store.count_labels(**filters) == len(store.labels(**filters)) > 0


@pytest.mark.parametrize("text", ["Vučić", "vucic", "VUČIĆ", "Vucic"])
def test_article_and_event_text_ignore_accents(store: Store, text: str) -> None:
    assert len(store.articles(text=text)) == store.count_articles(text=text) == store.count_articles(text="vučić") > 0
    assert store.count_events(text=text) == store.count_events(text="vučić") > 0


def test_facets_are_cut_at_the_limit(store: Store) -> None:
    actor = next(f for f in store.event_facets(limit=3) if f.name == "actor")
    assert len(actor.values) == 3 and actor.truncated
    assert [n for _, n in actor.values] == sorted((n for _, n in actor.values), reverse=True)


def test_an_unknown_article_matches_nothing(store: Store) -> None:
    assert store.count_arms(article_id="ffffffffffff") == 0
    assert all(not f.values for f in store.quote_facets(article_id="ffffffffffff"))


def test_one_event_by_id(store: Store) -> None:
    first = store.events(type="ACCUSE", limit=1)[0]
    assert store.event(first.id) == first
    assert store.event("0000000000000000") is None


def test_schemas_list_what_sql_may_read(store: Store) -> None:
    schemas = store.schemas()
    assert {"articles", "events", "arms", "quotes", "labels", "people", "mentions", "actors"} <= set(schemas)
    assert "meta" not in schemas
    assert ("published", "DATE") in schemas["articles"] and ("evidence", "VARCHAR") in schemas["events"]


@pytest.mark.parametrize("filters", [
    {"since": "2025-03", "until": "2025"}, {"since": "2025-02", "undated": "include"}, {"undated": "only"},
    {"until": "2025-04", "text": "kosovo"}, {"since": "2025-03", "outlet": "a"}, {"since": "2025", "actor": "SRB"},
])
def test_event_facets_under_a_date_range_count_the_listed_events(undated_db: Path, filters: dict[str, Any]) -> None:
    """The date range is read on both sides of the facets' join (issue 17: the events' own copy of the day for
    their zone maps); the counts must be those of the listed events, undated ones included or alone as asked."""
    with Store(undated_db, read_only=True) as opened:
        listed = opened.events(**filters)
        facets = {f.name: dict(f.values) for f in opened.event_facets(limit=1000, sample_above=None, **filters)}
    assert listed
    expected = {
        "type": Counter(e.type for e in listed), "status": Counter(e.status for e in listed),
        "outlet": Counter(e.outlet for e in listed),
        "actor": Counter(c for e in listed for c in {e.source, e.target}),
        "year": Counter(e.published[:4] if e.published else None for e in listed),
    }
    assert facets == {name: dict(c) for name, c in expected.items()}


@pytest.mark.parametrize("filters", [
    {"text": "vucic"}, {"text": "the", "outlet": "a"}, {"text": "Kosovo", "since": "2025-03"},
    {"text": "serbia", "undated": "include", "since": "2025-02"}, {"text": "zzz-nowhere"}, {"outlet": "post"},
])
@pytest.mark.parametrize(("offset", "newest_first"), [(0, True), (3, True), (2, False), (10_000, True)])
def test_a_page_of_articles_and_its_count_in_one_pass_equal_the_list_and_the_count(
        undated_db: Path, filters: dict[str, Any], offset: int, newest_first: bool) -> None:
    """A text search reads each body once for the page and its total (issue 17); both equal the separate calls."""
    with Store(undated_db, read_only=True) as opened:
        rows, total = opened.articles_counted(limit=4, offset=offset, newest_first=newest_first, **filters)
        assert rows == opened.articles(limit=4, offset=offset, newest_first=newest_first, **filters)
        assert total == opened.count_articles(**filters)
    assert total > 0 or filters.get("text") == "zzz-nowhere"

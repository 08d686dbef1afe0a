"""The public API: open, ingest, query, extract."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import powderkeg
from powderkeg import api
from powderkeg.models import Article, Extraction
from powderkeg.readers import iter_inputs

CONTRACT_KEYS = {"id", "actors", "people", "events", "arms", "quotes", "labels"}


def demo_articles() -> list[Article]:
    return [a for a in iter_inputs([str(p) for p in powderkeg.demo_corpus()]) if isinstance(a, Article)]


# -- no model needed ---------------------------------------------------------------------------


def test_open_read_only_missing_database_is_a_store_error(tmp_path: Path):
    with pytest.raises(powderkeg.StoreError, match="ingest"):
        powderkeg.open(tmp_path / "nope.duckdb", read_only=True)


def test_open_creates_an_empty_database_without_loading_spacy(tmp_path: Path):
    with powderkeg.open(tmp_path / "kb.duckdb") as kb:
        summary = kb.summary()
        assert summary.n_articles == 0
        assert kb.events() == []
        assert list(kb.events_df().columns)[:3] == ["id", "article_id", "source"]
    assert (tmp_path / "kb.duckdb").exists()


def test_ingest_into_read_only_database_is_refused(tmp_path: Path):
    powderkeg.open(tmp_path / "kb.duckdb").close()
    with powderkeg.open(tmp_path / "kb.duckdb", read_only=True) as kb, \
            pytest.raises(powderkeg.StoreError, match="read-only"):
        kb.ingest([])


def test_ingest_of_only_bad_inputs_needs_no_model(tmp_path: Path):
    bad = tmp_path / "picture.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with powderkeg.open(tmp_path / "kb.duckdb") as kb:
        report = kb.ingest([bad, tmp_path / "missing.txt"])
        assert report.n_read == 0 and report.n_new == 0
        assert {Path(f.path).name for f in report.failures} == {"picture.txt", "missing.txt"}
        assert not report.ok
        assert kb.summary().n_failures == 2


def test_demo_corpus_lists_the_format_folders():
    names = {p.name for p in powderkeg.demo_corpus()}
    assert {"text", "html", "markdown"} <= names
    assert not any(n.startswith("README") for n in names)


# -- with the model ----------------------------------------------------------------------------


@pytest.mark.slow
def test_demo_ingest_report(demo_ingest):
    path, report = demo_ingest
    assert report.failures == []
    assert report.n_read == report.n_new == len(demo_articles())
    assert report.n_skipped_known == 0
    assert report.n_events > 0
    assert report.seconds > 0
    with powderkeg.open(path, read_only=True) as kb:
        assert kb.summary().n_articles == report.n_new
        assert kb.summary().n_events == report.n_events


@pytest.mark.slow
def test_reingest_is_idempotent(demo_db_copy: Path):
    with powderkeg.open(demo_db_copy) as kb:
        before = kb.summary()
        again = kb.ingest(powderkeg.demo_corpus())
        assert again.n_new == 0 and again.n_skipped_known == again.n_read == before.n_articles
        assert kb.summary() == before
        forced = kb.ingest(powderkeg.demo_corpus(), force=True, batch_size=5)
        assert forced.n_new == before.n_articles
        assert kb.summary() == before


@pytest.mark.slow
def test_progress_callback_counts_to_the_total(tmp_path: Path):
    arts = demo_articles()[:3]
    src = tmp_path / "three.jsonl"
    src.write_text("".join(json.dumps({"id": a.id, "title": a.title, "text": a.text}) + "\n" for a in arts),
                   encoding="utf-8")
    calls: list[tuple[int, int]] = []
    with powderkeg.open(tmp_path / "kb.duckdb") as kb:
        report = kb.ingest(src, progress=lambda done, total: calls.append((done, total)), batch_size=2)
    assert report.n_new == 3
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)


@pytest.mark.slow
def test_events_filters_and_dataframe(demo_db: Path):
    with powderkeg.open(demo_db, read_only=True) as kb:
        everything = kb.events()
        assert everything
        kind = everything[0].type
        typed = kb.events(type=kind)
        assert typed and all(e.type == kind for e in typed)
        actor = everything[0].source
        assert all(actor in (e.source, e.target) for e in kb.events(actor=actor))
        assert len(kb.events(limit=2)) == min(2, len(everything))
        df = kb.events_df(type=kind)
        assert isinstance(df, pd.DataFrame)
        assert len(df) == len(typed)
        assert {"source", "target", "type", "status", "evidence", "article_id"} <= set(df.columns)


@pytest.mark.slow
def test_evidence_is_the_article_text_at_its_offsets(demo_db: Path):
    with powderkeg.open(demo_db, read_only=True) as kb:
        for art in kb.articles():
            text = kb.article_text(art.id)
            for ev in kb.events(article_id=art.id):
                assert text[ev.start:ev.end] == ev.evidence


@pytest.mark.slow
def test_queries_summary_sql_and_lookup(demo_db: Path):
    with powderkeg.open(demo_db, read_only=True) as kb:
        summary = kb.summary()
        assert summary.n_articles == len(kb.articles())
        assert sum(summary.events_by_type.values()) == summary.n_events
        assert {a.code for a in kb.actors()} >= {"SRB", "XKX"}
        assert kb.people()
        result = kb.sql("SELECT count(*) AS n FROM events")
        assert result.columns == ["n"] and result.rows[0][0] == summary.n_events
        with pytest.raises(powderkeg.ReadOnlyQueryError):
            kb.sql("DELETE FROM events")
        first = kb.articles()[0]
        assert kb.article(first.id[:8]).id == first.id
        with pytest.raises(powderkeg.StoreError):
            kb.article("zzzz-no-such-article")


@pytest.mark.slow
def test_extract_streams_extractions_without_a_database():
    arts = demo_articles()[:4]
    results = list(powderkeg.extract(arts))
    assert [r.article.id for r in results] == [a.id for a in arts]
    assert all(isinstance(r, Extraction) for r in results)
    assert any(r.events for r in results)
    for r in results:
        for ev in r.events:
            assert r.article.text[ev.start:ev.end] == ev.evidence


@pytest.mark.slow
def test_extract_accepts_plain_strings():
    text = ("Serbia accused Kosovo on Tuesday of violating the Brussels agreement, "
            "and the Serbian foreign ministry said Belgrade would ask NATO to intervene.")
    (result,) = list(powderkeg.extract([text]))
    assert result.article.text == text
    assert "SRB" in result.actors


@pytest.mark.slow
def test_extract_jsonl_writes_the_contract(tmp_path: Path):
    arts = demo_articles()[:3]
    src, dst = tmp_path / "in.jsonl", tmp_path / "out" / "pred.jsonl"
    lines = [json.dumps({"id": f"x-{i}", "url": None, "outlet": a.outlet, "title": a.title,
                         "published": a.published, "text": a.text}) for i, a in enumerate(arts)]
    src.write_text("\n".join([*lines[:1], "{not json", *lines[1:]]) + "\n", encoding="utf-8")
    n, failures = powderkeg.extract_jsonl(src, dst)
    assert n == 3
    assert len(failures) == 1 and "in.jsonl" in failures[0].path
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [o["id"] for o in out] == ["x-0", "x-1", "x-2"]
    assert all(set(o) == CONTRACT_KEYS for o in out)


@pytest.mark.slow
def test_pipeline_is_created_once_per_process():
    assert api.get_pipeline() is api.get_pipeline()


@pytest.mark.slow
def test_ingest_dedupes_across_id_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Ingest streams its inputs in chunks of ids; a repeat in a later chunk is still one article."""
    monkeypatch.setattr(api, "FRESH_CHUNK", 2)
    arts = demo_articles()[:3]
    lines = [json.dumps({"title": a.title, "text": a.text}) + "\n" for a in [*arts, arts[0], arts[2]]]
    src = tmp_path / "repeats.jsonl"
    src.write_text("".join(lines), encoding="utf-8")
    with powderkeg.open(tmp_path / "kb.duckdb") as kb:
        report = kb.ingest(src, batch_size=2)
        assert (report.n_read, report.n_new, report.n_skipped_known) == (5, 3, 2)
        assert kb.summary().n_articles == 3


@pytest.mark.parametrize(("typed", "code", "matched"), [
    ("Kosovo", "XKX", "Kosovo"), ("XKX", "XKX", "code"), ("united states", "USA", "United States"),
    ("Priština", "XKX", "Pristina"),
])
def test_resolve_actor_takes_codes_names_and_aliases(demo_db: Path, typed: str, code: str, matched: str) -> None:
    with powderkeg.open(demo_db, read_only=True) as kb:
        match = kb.resolve_actor(typed)
    assert (match.code, match.matched, match.text) == (code, matched, typed)


def test_resolve_actor_refuses_an_unknown_name_with_suggestions(demo_db: Path) -> None:
    with powderkeg.open(demo_db, read_only=True) as kb, \
            pytest.raises(powderkeg.FilterError, match=r"unknown actor 'Kosvo'; did you mean Kosovo \(XKX\)"):
        kb.resolve_actor("Kosvo")

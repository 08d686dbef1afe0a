"""JSONL reader (SCHEMA.md article lines) and whole-file JSON."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from powderkeg.models import Article, Failure
from powderkeg.readers import read_bytes, read_file

FIXTURES = Path(__file__).parent.parent / "fixtures" / "readers"

TEXT = (
    "Venezuela sent two navy patrol boats into waters claimed by Guyana on Saturday, the Guyanese "
    "defence force said, and Georgetown asked the United States for support."
)


def test_fixture_lines() -> None:
    first, second = read_file(FIXTURES / "articles.jsonl")
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.external_id == "ev-101"
    assert second.external_id == "102"  # numeric ids become strings
    assert first.published == "2023-09-25"  # ISO datetime cut to a date
    assert second.published == "2022-01-31"
    assert first.outlet == "Nile Bulletin" and second.url is None
    assert first.text.count("\n\n") == 1
    assert first.fmt == "jsonl"


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not JSON"),
        ('["a", "list"]', "not a JSON object (got list)"),
        ('{"id": "x", "title": "No body"}', 'no "text" field'),
        ('{"id": "x", "text": 42}', 'empty or non-string "text" field'),
        ('{"id": "x", "text": "   "}', 'empty or non-string "text" field'),
    ],
)
def test_bad_line_among_good_ones(line: str, reason: str) -> None:
    good = json.dumps({"id": "g1", "text": TEXT})
    data = "\n".join([good, line, "", good.replace("g1", "g2")]).encode()
    results = list(read_bytes(data, name="batch.jsonl"))
    assert len(results) == 3
    assert [r.external_id for r in results if isinstance(r, Article)] == ["g1", "g2"]
    (failure,) = [r for r in results if isinstance(r, Failure)]
    assert failure.path == "batch.jsonl:2"
    assert failure.reason.startswith(reason)


def test_short_record_kept_byte_for_byte() -> None:
    # a JSONL record is already an article (the extract contract): one-sentence items
    # are kept, and the text is not normalised, so evidence offsets match the input
    text = "Ankara  recalled its envoy.\r\n"
    (art,) = read_bytes(json.dumps({"id": "s1", "text": text}).encode(), name="one.jsonl")
    assert isinstance(art, Article)
    assert art.text == text


def test_same_text_same_id_different_external_id() -> None:
    data = "\n".join(json.dumps({"id": i, "text": TEXT}) for i in ("a", "b")).encode()
    one, two = read_bytes(data, name="dupes.jsonl")
    assert isinstance(one, Article) and isinstance(two, Article)
    assert one.id == two.id and one.external_id != two.external_id


def test_whole_json_file() -> None:
    data = json.dumps([{"id": 1, "text": TEXT}, {"id": 2}], indent=2).encode()
    article, failure = read_bytes(data, name="export.json")
    assert isinstance(article, Article) and article.external_id == "1"
    assert failure == Failure("export.json[2]", 'no "text" field')


@pytest.mark.parametrize("published", ["2024-02-30", "2023-13-01", "yesterday", "2024"])
def test_an_invalid_date_warns_naming_file_and_line(caplog: pytest.LogCaptureFixture, published: str) -> None:
    lines = [
        {"id": "ok", "published": "2025-03-03", "text": "Serbia accused Kosovo of provoking violence in the north."},
        {"id": "bad", "published": published, "text": "Kosovo rejected the accusation on Tuesday."},
    ]
    data = "".join(json.dumps(x) + "\n" for x in lines).encode()
    with caplog.at_level(logging.WARNING, logger="powderkeg"):
        ok, bad = read_bytes(data, name="wire.jsonl")
    assert isinstance(ok, Article) and isinstance(bad, Article)  # still read, undated
    assert (ok.published, bad.published) == ("2025-03-03", None)
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings == [f"wire.jsonl:2: published {published!r} is not a valid date; the article is stored undated"]


def test_a_missing_date_is_no_warning(caplog: pytest.LogCaptureFixture) -> None:
    data = json.dumps({"id": "n", "text": "Kosovo rejected the accusation on Tuesday."}).encode() + b"\n"
    with caplog.at_level(logging.WARNING, logger="powderkeg"):
        (article,) = read_bytes(data, name="wire.jsonl")
    assert isinstance(article, Article) and article.published is None
    assert not caplog.records

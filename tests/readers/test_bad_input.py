"""Every bad input yields one Failure naming the file and the reason; the batch goes on."""

from __future__ import annotations

import io
import json
import random
import shutil
import sys
from pathlib import Path

import pytest

from powderkeg.models import Article, Failure
from powderkeg.readers import iter_inputs, read_bytes, sniff_format

FIXTURES = Path(__file__).parent.parent / "fixtures" / "readers"

STORY = (
    "Armenia and Azerbaijan exchanged fire along their border on Tuesday night, the defence ministries "
    "of both countries said, each accusing the other of breaking the ceasefire agreed in November.\n\n"
    "The European Union called on both governments to return to talks in Brussels."
)
SERBIAN = (
    "Ministar odbrane Srbije izjavio je u utorak da je vojska podigla stepen borbene gotovosti na "
    "administrativnoj liniji sa Kosovom i da će jedinice ostati na terenu dok se situacija ne smiri."
)
SERBIAN_CYRILLIC = (
    "Министар одбране Србије изјавио је у уторак да је војска подигла степен борбене готовости на "
    "административној линији са Косовом и да ће јединице остати на терену док се ситуација не смири."
)
GERMAN = (
    "Die Bundesregierung hat am Mittwoch die Lieferung weiterer Luftabwehrsysteme an die Ukraine "
    "genehmigt, wie ein Sprecher des Verteidigungsministeriums in Berlin mitteilte. Die Opposition "
    "forderte eine Debatte im Bundestag."
)
FRENCH = (
    "Le Conseil de sécurité des Nations unies a adopté jeudi une résolution qui prolonge le mandat "
    "de la mission de maintien de la paix au Liban, malgré les réserves exprimées par la Russie et la Chine."
)


def _noise(seed: int, alphabet: range, size: int) -> bytes:
    rng = random.Random(seed)
    return bytes(rng.choice(alphabet) for _ in range(size))


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _only(results: list[Article | Failure]) -> Article | Failure:
    assert len(results) == 1, results
    return results[0]


def _failure(paths: list[str | Path], **kwargs: int) -> Failure:
    result = _only(list(iter_inputs(paths, **kwargs)))
    assert isinstance(result, Failure), result
    return result


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"\n   \n\t\n", "empty file"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "binary content (PNG image)"),
        ("report.html", b"%PDF-1.4\n1 0 obj", "binary content (PDF document)"),
        ("noise.txt", _noise(7, range(256), 2000), "binary content"),
        ("garbage.txt", _noise(3, range(0x80, 0x100), 600), "mis-encoded"),
        ("repeated.txt", b"\xa5" * 600, "mis-encoded"),
        ("short.txt", "Talks resumed in Brussels.\n", "too little text"),
        ("sr-latin.txt", SERBIAN, "not English (looks like sr)"),
        ("sr-cyrillic.txt", SERBIAN_CYRILLIC, "not English (looks like sr)"),
        ("de.md", GERMAN, "not English (looks like de)"),
        ("fr.txt", FRENCH, "not English (looks like fr)"),
        ("broken.html", "<html><body><div><p></div></span>", "malformed HTML"),
        ("broken.rss", '<?xml version="1.0"?><rss version="2.0"><channel><item><title>Cut off', "malformed RSS/Atom"),
    ],
)
def test_bad_file(tmp_path: Path, name: str, data: bytes | str, reason: str) -> None:
    path = _write(tmp_path, name, data)
    failure = _failure([path])
    assert failure.path == str(path)
    assert failure.reason.startswith(reason), failure.reason


def test_cp1252_file_with_curly_quotes_is_decoded(tmp_path: Path) -> None:
    text = ("The minister said “we will not retreat” from the border – and the envoy’s café meeting in "
            "Vranje went ahead as planned on Tuesday, with both delegations present for the talks.")
    path = _write(tmp_path, "legacy.txt", "Envoys meet in Vranje café\n\n" + text)
    path.write_bytes(path.read_text(encoding="utf-8").encode("cp1252"))
    article = _only(list(iter_inputs([path])))
    assert isinstance(article, Article)
    assert article.title == "Envoys meet in Vranje café"
    assert article.text == text


def test_file_too_large(tmp_path: Path) -> None:
    path = _write(tmp_path, "big.txt", STORY * 10)
    size = path.stat().st_size
    failure = _failure([path], max_bytes=1000)
    assert failure.reason == f"file too large ({size} bytes > 1000 byte limit)"


def _jsonl_records(n: int) -> list[str]:
    return [json.dumps({"id": f"wire-{i}", "title": f"Bulletin {i}", "outlet": "Balkan Wire",
                        "text": f"{STORY} Update {i}: envoys met again in Brussels on day {i}."},
                       ensure_ascii=False) for i in range(n)]


def test_large_jsonl_is_read_a_record_at_a_time(tmp_path: Path) -> None:
    """A JSONL export over the byte limit is not refused whole: each record is read, the
    limit holds per record, and the articles equal those of reading the file whole."""
    lines = _jsonl_records(6)
    lines[2] = json.dumps({"id": "wire-long", "text": STORY * 20})  # one record over the limit
    lines[4] = '{"id": "cut'  # a truncated record
    body = "\r\n".join(lines) + "\r\n\n"
    path = _write(tmp_path, "export.jsonl", body)
    limit = len(lines[0].encode()) + 200
    assert path.stat().st_size > limit
    streamed = list(iter_inputs([path], max_bytes=limit))
    whole = list(iter_inputs([path], max_bytes=10 * len(body)))
    assert [type(r).__name__ for r in streamed] == ["Article", "Article", "Failure", "Article", "Failure", "Article"]
    too_long, cut = streamed[2], streamed[4]
    assert isinstance(too_long, Failure) and too_long.path == f"{path}:3"
    assert too_long.reason == f"record too large (more than {limit} bytes)"
    assert isinstance(cut, Failure) and cut.path == f"{path}:5" and cut.reason.startswith("not JSON")
    # the records within the limit are the articles a whole read gives, with the same names
    assert [r for i, r in enumerate(streamed) if i not in (2, 4)] == [r for i, r in enumerate(whole) if i not in (2, 4)]
    assert isinstance(whole[2], Article)


def test_large_jsonl_line_ends_and_encodings(tmp_path: Path) -> None:
    """Lone CRs end lines as in a whole read; a line in cp1252 is decoded on its own."""
    first, second, third = _jsonl_records(3)
    legacy = json.dumps({"id": "legacy", "text": STORY + " Le ministre a déclaré à la presse que la délégation était arrivée à Genève et que les négociations reprendraient mercredi."}, ensure_ascii=False)
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + first.encode() + b"\r" + second.encode() + b"\n" + legacy.encode("cp1252")
                     + b"\n" + third.encode() + b"\n")
    # the limit holds per newline-ended line, so the two records joined by a CR count together
    limit = len(first) + len(second) + 400
    assert path.stat().st_size > limit
    streamed = list(iter_inputs([path], max_bytes=limit))
    assert all(isinstance(r, Article) for r in streamed), streamed
    assert [r.external_id for r in streamed if isinstance(r, Article)] == ["wire-0", "wire-1", "legacy", "wire-2"]
    assert "a déclaré à la presse que la délégation était arrivée à Genève" in streamed[2].text  # type: ignore[union-attr]


def test_large_utf16_jsonl_is_still_refused(tmp_path: Path) -> None:
    """UTF-16 cannot be cut at newline bytes: over the limit it is refused whole, as before."""
    path = tmp_path / "wide.jsonl"
    path.write_bytes("\n".join(_jsonl_records(4)).encode("utf-16"))
    size = path.stat().st_size
    failure = _failure([path], max_bytes=1000)
    assert failure.reason == f"file too large ({size} bytes > 1000 byte limit)"


def test_bad_jsonl_line_among_good_ones(tmp_path: Path) -> None:
    lines = [json.dumps({"id": "ok-1", "text": STORY}), '{"id": "cut', json.dumps({"id": "ok-2", "text": STORY + " More."})]
    path = _write(tmp_path, "batch.jsonl", "\n".join(lines) + "\n")
    results = list(iter_inputs([path]))
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]
    failure = results[1]
    assert isinstance(failure, Failure) and failure.path == f"{path}:2"
    assert failure.reason.startswith("not JSON")


@pytest.mark.parametrize(
    ("arg", "reason"),
    [
        ("no/such/file.txt", "no such file or directory"),
        ("no/such/folder/**/*.html", "glob matched no files"),
    ],
)
def test_missing_path(arg: str, reason: str) -> None:
    assert list(iter_inputs([arg])) == [Failure(arg, reason)]


def test_batch_goes_on_after_failures(tmp_path: Path) -> None:
    good = _write(tmp_path, "good.txt", STORY)
    empty = _write(tmp_path, "empty.txt", b"")
    results = list(iter_inputs([tmp_path / "missing.txt", empty, good]))
    assert [type(r).__name__ for r in results] == ["Failure", "Failure", "Article"]


def test_folder_recursion_sorted_and_skipping_hidden(tmp_path: Path) -> None:
    _write(tmp_path, "b/two.txt", STORY.replace("Tuesday", "Wednesday"))
    _write(tmp_path, "a/deeper/one.md", "# Clashes on the border\n\n" + STORY)
    _write(tmp_path, ".git/notes.txt", STORY.replace("Tuesday", "Friday"))
    _write(tmp_path, "b/.draft.txt", STORY.replace("Tuesday", "Sunday"))
    shutil.copy(FIXTURES / "feed.rss", tmp_path / "c.rss")
    results = list(iter_inputs([tmp_path]))
    sources = [Path(r.source_path or "").relative_to(tmp_path).as_posix() for r in results if isinstance(r, Article)]
    assert sources == ["a/deeper/one.md", "b/two.txt", "c.rss", "c.rss"]
    assert [r.path for r in results if isinstance(r, Failure)] == [f"{tmp_path / 'c.rss'}#entry-3"]


def test_glob_and_dedup(tmp_path: Path) -> None:
    _write(tmp_path, "x/one.html", (FIXTURES / "ceasefire.html").read_bytes())
    _write(tmp_path, "x/y/two.htm", (FIXTURES / "brief.htm").read_bytes())
    _write(tmp_path, "x/skip.txt", STORY)
    results = list(iter_inputs([f"{tmp_path}/**/*.htm*", tmp_path / "x" / "one.html"]))
    assert all(isinstance(r, Article) and r.fmt == "html" for r in results)
    assert [Path(r.source_path or "").name for r in results if isinstance(r, Article)] == ["one.html", "two.htm"]


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.mark.parametrize(
    ("data", "fmt"),
    [
        (STORY.encode(), "text"),
        (("# Clashes on the border\n\n" + STORY).encode(), "markdown"),
        ((FIXTURES / "ceasefire.html").read_bytes(), "html"),
        ((FIXTURES / "feed.atom").read_bytes(), "rss"),
        (json.dumps({"id": "s1", "text": STORY}).encode() + b"\n", "jsonl"),
    ],
)
def test_stdin_sniffs_format(monkeypatch: pytest.MonkeyPatch, data: bytes, fmt: str) -> None:
    _stdin(monkeypatch, data)
    article = _only(list(iter_inputs(["-"])))
    assert isinstance(article, Article)
    assert (article.fmt, article.source_path) == (fmt, "-")


@pytest.mark.parametrize(
    ("data", "max_bytes", "reason"),
    [
        (b"", 1000, "empty input"),
        (STORY.encode() * 5, 100, "input too large (more than 100 bytes)"),
    ],
)
def test_stdin_refuses(monkeypatch: pytest.MonkeyPatch, data: bytes, max_bytes: int, reason: str) -> None:
    _stdin(monkeypatch, data)
    assert list(iter_inputs(["-"], max_bytes=max_bytes)) == [Failure("-", reason)]


def test_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    path = _write(tmp_path, "download.bin", (FIXTURES / "ceasefire.html").read_bytes())
    article = _only(list(iter_inputs([path])))
    assert isinstance(article, Article) and article.fmt == "html"
    assert sniff_format('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">') == "rss"


def test_reingest_gives_the_same_ids(tmp_path: Path) -> None:
    first = [r.id for r in iter_inputs([FIXTURES]) if isinstance(r, Article)]
    second = [r.id for r in iter_inputs([FIXTURES]) if isinstance(r, Article)]
    assert first == second and len(set(first)) == len(first)
    # The same story as .txt and as a JSONL line is one article.
    txt = _only(list(read_bytes(STORY.encode(), name="story.txt")))
    line = _only(list(read_bytes(json.dumps({"id": 9, "text": STORY + "\n"}).encode(), name="s.jsonl")))
    assert isinstance(txt, Article) and isinstance(line, Article)
    assert txt.id == line.id


def test_read_bytes_rejects_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown input format"):
        list(read_bytes(b"x", name="x", fmt="docx"))


@pytest.mark.parametrize("url", [
    "https://balkanledger.example/2025/03/04/police-posts", "http://example.org/feed.xml", "HTTPS://EXAMPLE.ORG/a",
])
def test_a_url_input_says_urls_are_not_fetched(url: str) -> None:
    (failure,) = iter_inputs([url])
    assert isinstance(failure, Failure)
    assert failure.reason == "URLs are not fetched; save the page and ingest the file"

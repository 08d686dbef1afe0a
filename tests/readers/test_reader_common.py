"""Shared reader helpers: ids, normalisation, dates, boilerplate, language guess."""

from __future__ import annotations

import pytest

from powderkeg.errors import InputError
from powderkeg.models import Article, Failure
from powderkeg.readers import article_id
from powderkeg.readers.common import (
    decode_bytes,
    guess_language,
    is_boilerplate,
    iso_date,
    make_article,
    normalize_text,
)

ENGLISH = (
    "The Security Council met on Wednesday to discuss the shelling of the port, and the French "
    "ambassador said the attack was a clear violation of the truce agreed in March."
)


def test_article_id_is_stable_and_whitespace_blind() -> None:
    a = article_id("Serbia recalled its ambassador.\n\nKosovo protested.")
    assert a == article_id("  Serbia recalled its   ambassador.\nKosovo protested. ")
    assert a.startswith("a") and len(a) == 16
    assert a != article_id("Serbia recalled its envoy.\n\nKosovo protested.")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Line one.  \r\nLine two.\t\r\n", "Line one.\nLine two."),
        ("First.\n\n\n\n\nSecond.", "First.\n\nSecond."),
        ("Vuc\u030cic\u0301 spoke.", "Vučić spoke."),  # decomposed → NFC
        ("\ufeffBOM at start.", "BOM at start."),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-02", "2024-03-02"),
        ("2024-03-02T17:45:00+01:00", "2024-03-02"),
        ("Sat, 02 Mar 2024 10:00:00 GMT", "2024-03-02"),
        ("March 2, 2024", "2024-03-02"),
        ("2 March 2024", "2024-03-02"),
        ("Published: Sept. 14, 2023", "2023-09-14"),
        ("2024-02-30", None),
        ("last Tuesday", None),
        ("", None),
        (None, None),
    ],
)
def test_iso_date(value: str | None, expected: str | None) -> None:
    assert iso_date(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Share this article", True),
        ("Sign up for our weekly newsletter", True),
        ("Follow us on Telegram and X", True),
        ("Read more: Border police step up patrols", True),
        ("We use cookies to improve your experience.", True),
        ("Copyright © 2024 Balkan Dispatch", True),
        ("---", True),
        ("The minister said Serbia would not sign up to the plan.", True),  # short line with "sign up"
        (ENGLISH, False),
        ("Kosovo police closed two crossings on Sunday after a protest by local Serbs turned violent, "
         "and the ministry said it would send observers to the area to read more reports.", False),
    ],
)
def test_is_boilerplate(line: str, expected: bool) -> None:
    assert is_boilerplate(line) is expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (ENGLISH, "en"),
        ("Ministar spoljnih poslova Srbije izjavio je u utorak u Beogradu da zemlja neće priznati "
         "jednostrano proglašenu nezavisnost i da će nastaviti dijalog uz posredovanje Evropske unije.", "sr"),
        ("Министар спољних послова Србије изјавио је у уторак у Београду да земља неће признати "
         "једнострано проглашену независност и да ће наставити дијалог.", "sr"),
        ("Министр иностранных дел заявил во вторник, что правительство не признает результаты "
         "голосования и потребует созыва Совета Безопасности.", "ru"),
        ("Der Außenminister erklärte am Dienstag in Berlin, die Regierung werde die Sanktionen gegen das "
         "Nachbarland nicht aufheben, solange die Truppen nicht von der Grenze abgezogen seien.", "de"),
        ("Le ministre des Affaires étrangères a déclaré mardi que le gouvernement ne lèverait pas les "
         "sanctions contre le pays voisin tant que les troupes ne seraient pas retirées de la frontière.", "fr"),
        ("وزير الخارجية قال يوم الثلاثاء إن الحكومة لن ترفع العقوبات عن الدولة المجاورة", "ar"),
    ],
)
def test_guess_language(text: str, lang: str) -> None:
    assert guess_language(text) == lang


def test_english_article_quoting_a_serbian_phrase_is_still_english() -> None:
    text = ENGLISH + ' Protesters chanted "Kosovo je Srbija" outside the embassy, police said.'
    assert guess_language(text) == "en"


def test_make_article_checks_length_and_language() -> None:
    assert make_article("Talks resumed.", name="x.txt", fmt="text", source_path="x.txt") == Failure(
        "x.txt", "too little text (2 words < 20)"
    )
    german = ("Der Außenminister erklärte am Dienstag in Berlin, die Regierung werde die Sanktionen "
              "gegen das Nachbarland nicht aufheben, solange die Truppen nicht abgezogen seien.")
    failure = make_article(german, name="de.txt", fmt="text", source_path="de.txt")
    assert failure == Failure("de.txt", "not English (looks like de)")
    article = make_article(ENGLISH + "  \r\n", name="en.txt", fmt="text", source_path="en.txt")
    assert isinstance(article, Article)
    assert article.text == ENGLISH and article.id == article_id(ENGLISH)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n\t ", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content (PNG image)"),
        (b"%PDF-1.7\n%\xe2\xe3", "binary content (PDF document)"),
        (b"text\x00with\x00nuls", "binary content (NUL bytes)"),
    ],
)
def test_decode_bytes_refuses(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as info:
        decode_bytes(data, name="in.txt")
    assert info.value.reason == reason
    assert str(info.value) == f"in.txt: {reason}"


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Vučić met the “envoy”.".encode(), "Vučić met the “envoy”."),
        (b"\xef\xbb\xbfBOM first.", "BOM first."),
        ("Caf\u00e9 talks".encode("utf-16"), "Caf\u00e9 talks"),
    ],
)
def test_decode_bytes_accepts(data: bytes, text: str) -> None:
    assert decode_bytes(data, name="in.txt") == text


def test_estimate_articles_counts_without_parsing(tmp_path) -> None:
    from powderkeg.readers import estimate_articles

    (tmp_path / "a.txt").write_text("One article.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text('{"text": "x"}\n\n{"text": "y"}\n{"text": "z"}\n', encoding="utf-8")
    (tmp_path / "c.rss").write_text("<rss><channel><item>1</item><item>2</item></channel></rss>", encoding="utf-8")
    assert estimate_articles([tmp_path]) == 1 + 3 + 2
    assert estimate_articles([tmp_path, tmp_path / "a.txt"]) == 6  # a file named twice counts once
    assert estimate_articles([tmp_path, "-"]) is None
    assert estimate_articles([tmp_path / "missing"]) == 0

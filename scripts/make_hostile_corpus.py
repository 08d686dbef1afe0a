"""Write a hostile corpus: files built to break a reader, each with what ingest must do with it.

    python scripts/make_hostile_corpus.py OUT_DIR [--seed 14] [--bomb-mib 1024]

Issue 14 ("Hostile input, fuzzed"): archives and zip bombs, gzip'd pages, UTF-16 with and
without a byte-order mark, legacy code pages, a 10 MB file of one sentence, a feed of 5,000
items, HTML with `<base>` and `javascript:` links, 10,000 nested elements, JSONL with 1 MB and
broken lines, mixed line endings, bidi overrides, NUL bytes, surrogates, symlink loops and the
like, next to a few good articles that must still be stored.

OUT_DIR/.manifest.json (hidden, so ingest skips it) lists every entry with the outcome
`tests/test_hostile_corpus.py` checks: "stored" (at least one article from it is stored),
"failed" (one `path: reason` line per failure, reason containing `reason`), "mixed" (both),
or "none" (nothing to read, e.g. a folder). All text is written for this file; the output is
the same for the same seed.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import struct
import sys
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

# --------------------------------------------------------------------------- text we wrote

ARTICLES: tuple[str, ...] = (
    "Serbia and Kosovo agreed on Tuesday to resume talks in Brussels on the licence plates dispute, "
    "the European Union's envoy said after a day of separate meetings with both delegations. The "
    "envoy told reporters that the next round would take place within two weeks and that both "
    "sides had promised to avoid unilateral steps along the administrative line in the meantime.",
    "Russia accused Ukraine on Wednesday of shelling a border village in the Belgorod region, "
    "killing two civilians, the regional governor said. Kyiv rejected the claim and said its "
    "forces had only returned fire at artillery positions that had struck Kharkiv the night "
    "before. Neither account could be verified independently by journalists on the ground.",
    "Germany approved the delivery of forty Leopard 2 tanks to Poland, the defence ministry in "
    "Berlin said on Thursday, weeks after Warsaw asked its allies to replace the armour it had "
    "sent to the front. The tanks will arrive in batches over the next eighteen months, a "
    "ministry spokesman added, and Polish crews will train on them in Lower Saxony.",
    "Albania and Greece signed an agreement on Friday to refer their maritime border dispute to "
    "the International Court of Justice in The Hague, ending years of stalled negotiations. The "
    "foreign ministers of both countries said in a joint statement that the court's ruling would "
    "be binding and that fishing rights would stay unchanged until it is delivered.",
    "The United States imposed sanctions on three Iranian companies it accused of supplying "
    "drone engines to Russia, the Treasury Department said on Monday. Tehran condemned the move "
    "as illegal and said it would respond, while Moscow's embassy in Washington called the "
    "measures another attempt to prolong the war rather than end it through negotiations.",
    "Turkey threatened on Saturday to block the accession of Sweden to NATO unless Stockholm "
    "extradites people Ankara calls terrorists, the Turkish president's spokesman said. Swedish "
    "officials replied that the courts, not the government, decide on extradition requests and "
    "that the country had already changed its counter-terrorism law to meet Turkish concerns.",
    "China protested on Sunday against a visit by a group of American lawmakers to Taiwan, "
    "saying it sent the wrong signal to separatist forces on the island. The delegation met the "
    "Taiwanese president in Taipei and promised continued support, while Beijing's defence "
    "ministry announced naval drills in the strait for the rest of the week.",
    "Armenia and Azerbaijan exchanged fire along their shared border overnight, the defence "
    "ministries of both countries said, each accusing the other of opening fire first. Russia "
    "called on both sides to respect the ceasefire it brokered, and the European Union said its "
    "monitoring mission would increase patrols in the area over the coming days.",
)
REPEATED_SENTENCE = "The envoy said the talks in Geneva would resume after the holiday. "
SERBIAN_CYRILLIC = (
    "Председник Србије изјавио је у понедељак да ће Београд наставити дијалог са Приштином уз "
    "посредовање Европске уније, али да неће признати једнострано проглашену независност. Он је "
    "додао да ће влада у наредним данима разговарати са представницима Срба са севера о "
    "безбедности и о условима за повратак у локалне институције."
)
ALBANIAN = (
    "Kryeministri i Shqipërisë tha të hënën se qeveria do të vazhdojë bisedimet me Bashkimin "
    "Evropian për hapjen e kapitujve të rinj, ndërsa opozita kërkoi zgjedhje të parakohshme në "
    "pranverë. Ai shtoi se reforma në drejtësi ka dhënë rezultate dhe se vendi është gati për "
    "hapin e ardhshëm të procesit të anëtarësimit."
)
# An English article full of Central European names: the Latin-2 (ISO-8859-2) test.
LATIN2_ARTICLE = (
    "Czech and Polish ministers met in Ostrava on Monday to discuss gas supplies. Petr Fiala and "
    "Mateusz Morawiecki agreed to link their pipelines by 2026, while Maroš Šefčovič of the "
    "European Commission said Brussels would pay a third of the cost. Critics in Łódź and Brno "
    "said the deal came too late for this winter, and Hungary's Péter Szijjártó stayed away."
)
# Curly quotes, dashes and an accented word: a Windows-1252 classic.
CP1252_ARTICLE = (
    "The minister said “we will not retreat” from the border – and the envoy’s café meeting in "
    "Vranje went ahead as planned on Tuesday, with both delegations present for the talks. "
    "Serbia’s foreign ministry called the meeting “constructive” but gave no date for the next one."
)
EMOJI_ARTICLE = (
    "Protesters in Tbilisi waved flags 🇬🇪🇪🇺 and held up signs with family emoji 👨‍👩‍👧‍👦 as Georgia's "
    "parliament debated the foreign agents bill on Tuesday 🏳️‍🌈. Police 👮🏽‍♀️ pushed the crowd back "
    "from the building, and the European Union warned that the law would harm the country's bid "
    "to join the bloc 🤝. The ruling party said it would pass the bill regardless ✊🏿."
)


_CITIES = ("Belgrade", "Pristina", "Tirana", "Skopje", "Sarajevo", "Podgorica", "Zagreb", "Sofia")
_serial = [0]


def _body(i: int) -> str:
    """Article i, made unique by a closing line: ingest stores one copy of a text, and each
    file that must be stored has to be told apart from the others."""
    _serial[0] += 1
    n = _serial[0]
    return f"{ARTICLES[i % len(ARTICLES)]} Our correspondent in {_CITIES[n % 8]} filed this as dispatch {n}."


# ------------------------------------------------------------------------------ manifest


@dataclass(frozen=True)
class Entry:
    """One corpus file and what `powderkeg ingest` must do with it."""

    path: str  # relative to the corpus folder
    expect: str  # stored | failed | mixed | none
    reason: str = ""  # a substring of the failure reason (failed / mixed)
    why: str = ""


class Corpus:
    """Writes files under `root` and records an Entry for each."""

    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.rng = random.Random(seed)
        self.entries: list[Entry] = []

    def add(self, rel: str, data: bytes | str, expect: str, reason: str = "", why: str = "") -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.entries.append(Entry(rel, expect, reason, why))
        return path

    def note(self, rel: str, expect: str, reason: str = "", why: str = "") -> None:
        self.entries.append(Entry(rel, expect, reason, why))

    def noise(self, size: int, alphabet: range = range(256)) -> bytes:
        return bytes(self.rng.choice(alphabet) for _ in range(size))


# --------------------------------------------------------------------------------- bombs


def _zeros_deflated(mib: int) -> tuple[bytes, int]:
    """(raw deflate stream, crc32) of `mib` MiB of zero bytes: the payload of both bombs."""
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = bytes(1 << 20)
    parts, crc = [], 0
    for _ in range(mib):
        parts.append(comp.compress(block))
        crc = zlib.crc32(block, crc)
    parts.append(comp.flush())
    return b"".join(parts), crc


def gzip_bomb(deflated: bytes, crc: int, size: int) -> bytes:
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + deflated + struct.pack("<II", crc, size & 0xFFFFFFFF)


def zip_bomb(deflated: bytes, crc: int, size: int, members: int) -> bytes:
    """A zip whose `members` entries each inflate to `size` bytes (zip64 sizes when needed)."""
    out = io.BytesIO()
    central = []
    for i in range(members):
        name = f"report-{i:02d}.txt".encode()
        offset = out.tell()
        extra = struct.pack("<HHQQ", 1, 16, size, len(deflated))
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0x21, crc,
                              0xFFFFFFFF, 0xFFFFFFFF, len(name), len(extra)) + name + extra)
        out.write(deflated)
        cextra = struct.pack("<HHQQQ", 1, 24, size, len(deflated), offset)
        central.append(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 45, 45, 0, 8, 0, 0x21, crc,
                                   0xFFFFFFFF, 0xFFFFFFFF, len(name), len(cextra), 0, 0, 0, 0,
                                   0xFFFFFFFF) + name + cextra)
    start = out.tell()
    directory = b"".join(central)
    out.write(directory)
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, members, members, len(directory), start, 0))
    return out.getvalue()


# --------------------------------------------------------------------------------- pages


def html_page(title: str, body: str, head: str = "", lang: str = "en") -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>{head}'
            f"</head>\n<body><article><h1>{title}</h1>\n{paragraphs}\n</article></body></html>\n")


def rss_feed(items: list[tuple[str, str]], *, title: str = "Balkan Wire", doctype: str = "") -> str:
    rows = "\n".join(
        f"<item><title>{t}</title><link>https://wire.example.org/{i}</link>"
        f"<guid>wire-{i}</guid><pubDate>Tue, 12 Mar 2024 08:{i % 60:02d}:00 GMT</pubDate>"
        f"<description>{d}</description></item>"
        for i, (t, d) in enumerate(items)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}<rss version="2.0"><channel>'
            f"<title>{title}</title><link>https://wire.example.org/</link>\n{rows}\n</channel></rss>\n")


def jsonl(records: list[object]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


# -------------------------------------------------------------------------------- builder


def build(root: Path, *, seed: int = 14, bomb_mib: int = 1024) -> list[Entry]:
    """Write the corpus under `root` (created if missing) and return its manifest."""
    root.mkdir(parents=True, exist_ok=True)
    _serial[0] = 0
    c = Corpus(root, seed)

    # -- good articles: these must be stored
    c.add("good/talks.txt", "Serbia and Kosovo agree to resume talks\n\n" + _body(0), "stored")
    c.add("good/sanctions.md", "---\ntitle: Washington sanctions drone suppliers\ndate: 2024-03-11\n"
          "outlet: Balkan Ledger\n---\n\n# Washington sanctions drone suppliers\n\n" + _body(4), "stored")
    c.add("good/tanks.html", html_page("Berlin approves tanks for Warsaw", _body(2)), "stored")
    c.add("good/court.jsonl", jsonl([{"id": "court-1", "title": "Maritime dispute goes to The Hague",
                                      "published": "2024-02-09", "text": _body(3)}]), "stored")

    # -- archives and compression: refused by their magic number, never inflated
    deflated, crc = _zeros_deflated(bomb_mib)
    size = bomb_mib << 20
    c.add("bombs/bomb.zip", zip_bomb(deflated, crc, size, 4), "failed", "ZIP archive",
          f"4 members of {bomb_mib} MiB of zeros each")
    c.add("bombs/bomb.gz", gzip_bomb(deflated, crc, size), "failed", "gzip", f"{bomb_mib} MiB of zeros")
    c.add("bombs/bomb.jsonl.gz", gzip_bomb(deflated, crc, size), "failed", "gzip")
    c.add("bombs/zip_named.txt", zip_bomb(deflated, crc, size, 1), "failed", "ZIP archive", "a zip with a .txt name")
    page = html_page("Envoys meet in Vranje", _body(0)).encode()
    c.add("gzip/page.html.gz", gzip.compress(page, mtime=0), "failed", "gzip", "gzip'd HTML")
    c.add("gzip/page_gzip_bytes.html", gzip.compress(page, mtime=0), "failed", "gzip", ".html holding gzip bytes")
    c.add("gzip/feed.rss.gz", gzip.compress(rss_feed([("Talks", _body(1))]).encode(), mtime=0), "failed", "gzip")

    # -- encodings
    c.add("enc/utf16le_nobom.txt", ("Yerevan and Baku trade fire\n\n" + _body(7)).encode("utf-16-le"), "stored",
          why="UTF-16 LE without a byte-order mark")
    c.add("enc/utf16be_nobom.txt", ("Beijing protests Taiwan visit\n\n" + _body(6)).encode("utf-16-be"), "stored",
          why="UTF-16 BE without a byte-order mark")
    c.add("enc/utf16le_bom.txt", ("Ankara threatens to block Sweden\n\n" + _body(5)).encode("utf-16"), "stored")
    c.add("enc/utf16be_bom.html", b"\xfe\xff" + html_page("Berlin approves tanks", _body(2)).encode("utf-16-be"),
          "stored")
    c.add("enc/utf8_bom.md", "\ufeff# Moscow accuses Kyiv of shelling\n\n" + _body(1), "stored")
    c.add("enc/cp1252.txt", ("Envoys meet in Vranje café\n\n" + CP1252_ARTICLE).encode("cp1252"), "stored")
    c.add("enc/latin2.txt", ("Ministers meet in Ostrava\n\n" + LATIN2_ARTICLE).encode("iso-8859-2"), "stored")
    c.add("enc/utf8_with_one_cp1252_byte.txt",
          ("Envoys meet in Vranje\n\n" + _body(0)).encode() + " The envoy’s café".encode("cp1252") + b".\n",
          "stored", why="UTF-8 with a stray Windows-1252 byte")
    c.add("enc/utf8_encoded_surrogates.txt",
          b"Talks resume\n\n" + _body(0).encode() + b" \xed\xa0\xbd\xed\xb8\x80 (CESU-8 surrogates).\n",
          "stored", why="surrogates encoded as UTF-8 bytes (invalid UTF-8)")
    c.add("enc/lone_surrogate.jsonl",
          '{"id": "s1", "text": "The minister \\ud800 said the talks would resume in Brussels next week."}\n'
          + jsonl([{"id": "s2", "text": _body(3)}]), "stored", why="a JSON \\ud800 escape (stored as U+FFFD)")
    c.add("enc/mojibake_double_utf8.txt",
          ("Envoys meet in Vranje café\n\n" + CP1252_ARTICLE).encode().decode("cp1252", "replace").encode(),
          "stored", why="UTF-8 decoded as cp1252 and encoded again")

    # -- sizes
    repeats = (10 * 1024 * 1024) // len(REPEATED_SENTENCE) + 1
    c.add("big/repeated_sentence.txt", "Geneva talks\n\n" + REPEATED_SENTENCE * repeats, "failed", "too long",
          "10 MB of one sentence")
    bodies = [_body(i) for i in range(8)]
    items = [(f"Bulletin {i}: {['talks', 'shelling', 'tanks', 'court'][i % 4]}", bodies[i % 8]) for i in range(5000)]
    c.add("big/feed_5000.rss", rss_feed(items), "stored", why="5,000 items, 8 distinct bodies")
    c.add("big/one_line_no_spaces.txt", "".join(c.rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(2_000_000)),
          "failed", "no article text", "2 MB without a space")
    c.add("big/one_line_of_brackets.md", "[" * 300_000 + "![" * 100_000 + "](" * 100_000, "failed",
          "no article text", "Markdown link syntax that never closes")
    c.add("big/emphasis_without_end.md", "# Talks\n\n" + "*a " * 300_000, "failed", "too long",
          "300,000 emphasis openers and no closer")
    c.add("big/heading_with_spaces.md", "# Talks" + " " * 200_000 + "resume\n\n" + _body(0), "stored",
          "a heading with 200,000 spaces inside")
    c.add("big/trailing_spaces.txt", _body(1) + " " * 500_000 + "x\n\n" + _body(2), "stored")
    nested = "<div>" * 10_000 + "<p>" + _body(5) + "</p>" + "</div>" * 10_000
    c.add("big/nested_10000.html", f"<html><head><title>Nested</title></head><body>{nested}</body></html>", "failed",
          "no extractable article body", "10,000 nested <div>s around an article")
    c.add("big/nested_unclosed.html", "<html><body>" + "<span><b><i>" * 5_000 + _body(1), "failed",
          "no extractable article body",
          "15,000 unclosed inline tags")
    c.add("big/long_lines.jsonl", jsonl([{"id": f"long-{i}", "text": (_body(i) + " ") * (1_000_000 // len(_body(i)))}
                                         for i in range(3)]), "failed", "too long", "three 1 MB lines")
    c.add("big/long_title.html", html_page("Talks " * 100_000, _body(0)), "failed", "too long", "a 600 KB <title>")
    deep = '{"id": "deep", "text": "x", "meta": ' + "[" * 100_000 + "]" * 100_000 + "}"
    c.add("big/deep.jsonl", deep + "\n" + jsonl([{"id": "after-deep", "text": _body(6)}]), "mixed", "nested too deeply")
    c.add("big/deep.json", "[" * 100_000 + "]" * 100_000, "failed", "nested too deeply")

    # -- JSONL with bad lines among good ones
    bad_lines = "\n".join([
        json.dumps({"id": "ok-1", "text": _body(0)}),
        '{"id": "cut", "text": "The minister sa',
        "[1, 2, 3]",
        "null",
        '"just a string"',
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "num-text", "text": 42}),
        json.dumps({"id": "empty-text", "text": "   "}),
        '{"id": ' + "9" * 5000 + ', "text": "A very long id number."}',
        json.dumps({"id": "ok-2", "text": _body(1), "published": {"year": 2024}, "title": ["a", "list"]}),
        "\ufeff" + json.dumps({"id": "bom", "text": _body(2)}),
        json.dumps({"id": "ok-3", "text": "The envoy said\u2028the talks would resume in Geneva.\u2029"
                    "Both sides\u0085agreed."}, ensure_ascii=False),
        json.dumps({"id": "nul", "text": "The minister\u0000 said the talks in Brussels would resume."}),
        "{'single': 'quotes'}",
        '{"id": "nan", "text": "The envoy said talks would resume.", "value": NaN}',
        "",
        "   ",
    ]) + "\n"
    c.add("jsonl/bad_lines.jsonl", bad_lines, "mixed", "not JSON")
    c.add("jsonl/crlf.jsonl", jsonl([{"id": "cr-1", "text": _body(4)}, {"id": "cr-2", "text": _body(5)}])
          .replace("\n", "\r\n"), "stored")
    c.add("jsonl/cr_only.jsonl", jsonl([{"id": "mac-1", "text": _body(6)}, {"id": "mac-2", "text": _body(7)}])
          .replace("\n", "\r"), "stored", why="old Mac line ends")
    c.add("jsonl/empty.jsonl", b"", "failed", "empty file", "0-byte .jsonl")
    c.add("jsonl/whole.json", json.dumps([{"id": "j1", "text": _body(2)}, 7, {"text": None}]), "mixed", "not a JSON object")

    # -- HTML
    head = ('<base href="javascript:alert(1)//"><link rel="canonical" href="javascript:alert(2)">'
            '<meta property="og:url" content="javascript:alert(3)">')
    body = _body(3) + '\n\n<a href="javascript:alert(4)">Read the statement</a> in full on the ministry site.'
    c.add("html/base_javascript.html", html_page("Maritime dispute goes to court", body, head), "stored",
          why="<base> and javascript: links")
    c.add("html/rtl_override_title.html", html_page("Talks \u202eelif.exe\u202c resume in Brussels", _body(0)), "stored",
          why="U+202E in the title")
    c.add("html/script_only.html", "<html><body><script>" + "var x = 1;\n" * 2000 + "</script></body></html>",
          "failed", "no extractable article body")
    c.add("html/charset_mismatch.html", html_page("Envoys meet in Vranje café", CP1252_ARTICLE + " The page says windows-1251; it is UTF-8.",
                                                  '<meta charset="windows-1251">'), "stored")
    c.add("html/serbian.html", html_page("Београд и Приштина", SERBIAN_CYRILLIC, lang="sr"), "failed", "not English")
    c.add("html/empty.html", b"", "failed", "empty file")
    c.add("html/entities.html", html_page("Talks &amp; &bogus; &#0; &#xD800; &#1114112;", _body(7)), "stored")
    c.add("dir_named.html/inner.txt", "Armenia and Azerbaijan trade fire\n\n" + _body(7), "stored",
          why="a folder named like a file; its content is read")

    # -- feeds
    broken_entities = (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Wire &amp; Co &nbsp; &eacute;dition</title>"
        "<entry><title>AT&T and &bogus; talks</title><id>e1</id><updated>2024-03-12T08:00:00Z</updated>"
        f"<content type=\"html\">&lt;p&gt;{_body(5)} &amp;nbsp; &copy; &#xD800;&lt;/p&gt;</content></entry>"
        f"<entry><title>Second</title><id>e2</id><summary>{_body(6)} &unknown;</summary></entry></feed>\n"
    )
    c.add("feeds/broken_entities.atom", broken_entities, "stored", why="undefined entities, a raw '&'")
    laughs = ('<!DOCTYPE rss [<!ENTITY lol "lol">'
              + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                        for i in range(1, 10)) + "]>\n")
    c.add("feeds/billion_laughs.rss", rss_feed([("Laughs &lol9;", _body(1) + " &lol9;")], doctype=laughs),
          "stored", why="nested entity expansion (billion laughs)")
    xxe = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    c.add("feeds/xxe.rss", rss_feed([("Leak &xxe;", _body(2) + " &xxe;")], doctype=xxe), "stored",
          why="an external entity that must not be read")
    c.add("feeds/javascript_links.rss", rss_feed([("Talks resume", _body(0))]).replace(
        "https://wire.example.org/0", "javascript:alert(document.cookie)"), "stored")
    c.add("feeds/no_items.rss", rss_feed([]), "failed", "no entries")
    c.add("feeds/truncated.rss", rss_feed([("Talks", _body(0))])[:300], "failed", "malformed")
    c.add("feeds/rtl_title.rss", rss_feed([("Envoy \u202egnissim\u202c talks \u2066x\u2069", _body(3))]), "stored")

    # -- text oddities
    mixed = ("Talks resume in Brussels\r\n\r\n" + _body(0).replace(". ", ".\r") + "\n\n"
             + _body(4).replace(". ", ".\r\n") + "\r\r" + _body(7) + "\n")
    c.add("text/mixed_line_endings.txt", mixed, "stored", why="\\r, \\r\\n and \\n in one file")
    c.add("text/rtl_override.md", "# Talks \u202eresume\u202c in \u2067Brussels\u2069\n\n" + _body(0), "stored")
    c.add("text/nul_early.txt", b"Talks\x00 resume\n\n" + _body(0).encode(), "failed", "NUL",
          "NUL bytes at the start")
    c.add("text/nul_late.txt", ("Talks resume\n\n" + (_body(0) + "\n\n") * 40).encode() + b"\x00\x00 tail\n",
          "stored", why="NUL bytes after the first 8 KB")
    c.add("text/ansi_escapes.txt", "\x1b[2J\x1b[31mTalks resume in Brussels\x1b[0m\n\n" + _body(0), "stored",
          why="terminal escape sequences")
    c.add("text/control_chars.txt", "Talks\x07 resume\x08\n\n" + _body(0).replace(" ", " \x0b", 3), "failed",
          "binary content", "bell, backspace and vertical tab in a short file")
    c.add("text/empty.txt", b"", "failed", "empty file")
    c.add("text/empty.md", b"", "failed", "empty file")
    c.add("text/whitespace_only.txt", " \t\n\r\n\u00a0\u2003\n".encode() * 50, "failed", "no article text")
    c.add("text/binary.txt", c.noise(4096), "failed", "binary content")
    c.add("text/elf.txt", b"\x7fELF\x02\x01\x01" + c.noise(2000), "failed", "binary content (executable)")
    c.add("text/png.html", b"\x89PNG\r\n\x1a\n" + c.noise(500), "failed", "binary content (PNG image)")
    c.add("text/high_bytes.txt", c.noise(3000, range(0x80, 0x100)), "failed", "mis-encoded")
    c.add("text/serbian_cyrillic.txt", SERBIAN_CYRILLIC, "failed", "not English")
    c.add("text/albanian.txt", ALBANIAN, "failed", "not English (looks like sq)")
    c.add("text/emoji_zwj.txt", "Tbilisi protest 👨‍👩‍👧‍👦\n\n" + EMOJI_ARTICLE, "stored")
    c.add("text/combining_marks.txt", "Vuc\u030cic\u0301 meets Kurti\n\n" + _body(0).replace("Serbia", "Serbia\u0301"),
          "stored", why="decomposed accents (NFD)")
    c.add("text/zalgo.txt", "Talks resume\n\n" + "".join(ch + "\u0336\u0489" * 3 for ch in _body(1)), "failed", "not English",
          "every letter under combining marks")
    c.add("text/unterminated_front_matter.md", "---\ntitle: Talks\n" + _body(0) + "\n", "stored")
    c.add("text/only_furniture.txt", "Share on WhatsApp\nSubscribe to our newsletter\n© 2024 Wire\n", "failed", "no article text")
    c.add("text/short.txt", "Talks resumed in Brussels.\n", "failed", "too little text")
    c.add("text/tabs_and_formfeeds.txt", "Talks\tresume\f\n\n" + _body(2).replace(" ", "\t", 5), "stored")

    # -- file system
    bad_name = os.fsdecode(b"names/caf\xe9_\xff.txt")
    c.add(bad_name, "Envoys meet in Vranje\n\n" + _body(0).replace("Tuesday", "Monday"), "stored",
          why="a file name that is not UTF-8")
    c.add("names/two\nlines.txt", b"", "failed", "empty file", "a newline in the file name")
    c.add("names/\u202etxt.exe", b"", "failed", "empty file", "a bidi override in the file name")
    links = root / "links"
    links.mkdir(exist_ok=True)
    for name, target in (("loop_a.txt", "loop_b.txt"), ("loop_b.txt", "loop_a.txt"),
                         ("dangling.txt", "missing.txt"), ("self.txt", "self.txt")):
        (links / name).unlink(missing_ok=True)
        (links / name).symlink_to(target)
    c.note("links/loop_a.txt", "failed", "symlink loop")
    c.note("links/loop_b.txt", "failed", "symlink loop")
    c.note("links/self.txt", "failed", "symlink loop")
    c.note("links/dangling.txt", "failed", "broken symlink")
    (links / "up").unlink(missing_ok=True)
    (links / "up").symlink_to("..")
    c.note("links/up", "none", why="a folder symlink back up the tree (not followed)")
    fifo = root / "special" / "pipe.txt"
    fifo.parent.mkdir(exist_ok=True)
    if not fifo.exists():
        os.mkfifo(fifo)
    c.note("special/pipe.txt", "failed", "not a regular file", "a FIFO: reading it would block forever")
    (root / "empty_folder.txt").mkdir(exist_ok=True)
    c.note("empty_folder.txt", "none", why="an empty folder named like a file")
    if os.geteuid() != 0:  # root reads any file, so the check means nothing there
        locked = c.add("perms/unreadable.txt", "Talks resume\n\n" + _body(0), "failed", "Permission denied")
        locked.chmod(0)

    manifest = [asdict(e) for e in c.entries]
    (root / ".manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return c.entries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("out", type=Path, help="folder to write the corpus into")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--bomb-mib", type=int, default=1024, help="MiB each bomb member inflates to")
    args = parser.parse_args(argv)
    entries = build(args.out, seed=args.seed, bomb_mib=args.bomb_mib)
    counts: dict[str, int] = {}
    for e in entries:
        counts[e.expect] = counts.get(e.expect, 0) + 1
    print(f"{args.out}: {len(entries)} entries ({', '.join(f'{n} {k}' for k, n in sorted(counts.items()))})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

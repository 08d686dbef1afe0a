"""Scripted syndication variants, and how well `powderkeg.copies` groups them (issue 16).

    .venv/bin/python benchmarks/syndication.py [--variants 6] [--shared]

Each source article gets `--variants` rewrites of the kinds a wire story meets when
other outlets reprint it: a wire credit in the dateline, boilerplate appended, a
paragraph cut, quotation marks retyped, a sentence reworded or dropped, a new
headline (the text unchanged), and mixes of these. The truth: an article and its
variants are one group; different articles are different groups, including the
demo corpus's several stories on one dyad (Serbia-Kosovo, China-Taiwan). Candidate
pairs come from the LSH bands as the store finds them (equal key in some band), each
is checked exactly, and the pairs found are scored against the truth: pairwise
precision and recall, and the merges of different stories. With --shared the
articles of ../shared/eval are used as sources too (read, never copied).
tests/test_copies.py runs `evaluate` on the demo corpus and asserts the issue's floors.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from powderkeg import copies
from powderkeg.api import demo_corpus
from powderkeg.models import Article
from powderkeg.readers import iter_inputs

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "eval"

CREDITS = ("(AP) — ", "(Reuters) - ", "(AFP) — ", " — ")
BOILERPLATE = (
    "\n\nFollow our coverage of the region on social media. © 2025 All rights reserved.",
    "\n\nThis story was provided by a news agency and has not been edited by our staff.",
    "\n\nSign up for our morning briefing to get the day's top stories in your inbox.",
)
REWORDINGS = ((r"\bsaid\b", "stated"), (r"\bon Monday\b", "earlier this week"), (r"\btold\b", "informed"),
              (r"\bofficials\b", "authorities"), (r"\bannounced\b", "confirmed"), (r"\bhowever\b", "but"))


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def credit(text: str, rng: random.Random) -> str:
    return "BELGRADE " + rng.choice(CREDITS) + text


def boilerplate(text: str, rng: random.Random) -> str:
    return text + rng.choice(BOILERPLATE)


def trim(text: str, rng: random.Random) -> str:
    paras = _paragraphs(text)
    if len(paras) < 3:
        sentences = re.split(r"(?<=[.!?])\s+", text)
        return " ".join(sentences[:-1]) if len(sentences) > 2 else text
    del paras[rng.randrange(1, len(paras))]
    return "\n\n".join(paras)


def retype_quotes(text: str, rng: random.Random) -> str:
    return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'}))


def reword(text: str, rng: random.Random) -> str:
    out = text
    for pattern, repl in rng.sample(REWORDINGS, 3):
        out = re.sub(pattern, repl, out, count=1)
    sentences = re.split(r"(?<=[.!?])\s+", out)
    if len(sentences) > 4:
        del sentences[rng.randrange(1, len(sentences))]
    return " ".join(sentences)


def mix(text: str, rng: random.Random) -> str:
    for edit in rng.sample([credit, boilerplate, trim, retype_quotes, reword], 3):
        text = edit(text, rng)
    return text


EDITS: tuple[Callable[[str, random.Random], str], ...] = (credit, boilerplate, trim, retype_quotes, reword, mix)


@dataclass(frozen=True)
class Doc:
    key: str  # "<source>#<variant>"
    story: str  # the source article it was made from
    text: str


def variants(sources: Sequence[tuple[str, str]], n: int, seed: int = 16) -> list[Doc]:
    """Each source text and `n` rewrites of it (the edits in turn, so every kind is used)."""
    rng = random.Random(seed)
    docs = []
    for story, text in sources:
        docs.append(Doc(f"{story}#0", story, text))
        for i in range(n):
            docs.append(Doc(f"{story}#{i + 1}", story, EDITS[i % len(EDITS)](text, rng)))
    return docs


@dataclass(frozen=True)
class Scores:
    docs: int
    true_pairs: int
    found_pairs: int
    correct_pairs: int
    candidates: int
    wrong_merges: int  # found pairs of two different source stories

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.found_pairs if self.found_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0


def evaluate(docs: Sequence[Doc]) -> Scores:
    """Find copy pairs as the store does (shared band key, then the exact check) and score them."""
    items = {d.key: copies.shingles(d.text) for d in docs}
    buckets: dict[tuple[int, int], list[str]] = defaultdict(list)
    for d in docs:
        if copies.comparable(items[d.key]):
            for band, key in enumerate(copies.band_keys(copies.signature(items[d.key]))):
                buckets[(band, key)].append(d.key)
    candidates = {tuple(sorted(p)) for keys in buckets.values() for p in combinations(keys, 2)}
    found = {p for p in candidates if copies.likeness(items[p[0]], items[p[1]]).is_copy}
    story = {d.key: d.story for d in docs}
    truth = {tuple(sorted(p)) for p in combinations([d.key for d in docs], 2) if story[p[0]] == story[p[1]]}
    # texts too short to compare are never grouped; they still count in the truth (as misses)
    return Scores(docs=len(docs), true_pairs=len(truth), found_pairs=len(found), correct_pairs=len(found & truth),
                  candidates=len(candidates), wrong_merges=len(found - truth))


def demo_sources() -> list[tuple[str, str]]:
    """(name, text) of every demo article (feeds give several)."""
    out = []
    for item in iter_inputs(demo_corpus()):
        if isinstance(item, Article):
            out.append((item.title or item.id, item.text))
    return out


def shared_sources() -> list[tuple[str, str]]:
    out = []
    for path in sorted(SHARED.glob("*/*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(data, dict) and data.get("text"):
            out.append((path.stem, data["text"]))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--variants", type=int, default=6)
    parser.add_argument("--shared", action="store_true", help="also use ../shared/eval articles as sources")
    args = parser.parse_args(argv)
    sets = {"demo corpus": demo_sources()}
    if args.shared:
        if not SHARED.is_dir():
            print(f"no {SHARED}; skipping the shared articles", file=sys.stderr)
        else:
            sets["shared/eval articles"] = shared_sources()
    for name, sources in sets.items():
        s = evaluate(variants(sources, args.variants))
        print(f"{name}: {len(sources)} stories, {s.docs} texts; candidate pairs {s.candidates}; "
              f"copy pairs found {s.found_pairs} of {s.true_pairs} true; precision {s.precision:.3f} "
              f"recall {s.recall:.3f}; merges of different stories {s.wrong_merges}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

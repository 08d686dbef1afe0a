"""Training the learned coder from annotated articles (SCHEMA.md gold), shared by the script and the benchmark.

Why here and not in the script: benchmarks/accuracy.py --cv re-fits the model on each
fold in-process, from parses it made once, and must train exactly as
scripts/train_coder.py does. scikit-learn is a development dependency: it is imported
only when a model is fitted, never when one is used.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from powderkeg.extract.candidates import Candidate, article_candidates
from powderkeg.extract.coder_model import NONE, CoderModel, LinearModel
from powderkeg.extract.features import candidate_features, hashed
from powderkeg.models import Article, Event, Mention
from powderkeg.pipeline import Pipeline

#: Inverse L2 strength of both models; fixed beforehand, not tuned on held-out articles.
C = 0.5
INPUT_KEYS = ("id", "url", "outlet", "title", "published", "text")


@dataclass(frozen=True)
class GoldSpan:
    """A gold event located in the article text by its evidence quote."""

    start: int
    end: int
    source: str
    target: str
    type: str
    status: str


@dataclass(frozen=True)
class Example:
    """One candidate as the learner sees it: hashed columns, the gold type (or NONE) and gold status."""

    columns: tuple[int, ...]
    label: str
    status: str


@dataclass
class Parsed:
    """An article parsed once (for cross-validation: parse once, train and extract many times)."""

    article: Article
    mentions: list[Mention]
    parsed: list[tuple[int, Doc]]
    n_units: int
    gold: dict[str, Any]
    gold_id: str  # the gold file's "id" (article.id is a content hash)


def read_gold(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Gold article files (SCHEMA.md), in the order given."""
    return [json.loads(Path(p).read_text(encoding="utf-8")) for p in paths]


def as_articles(gold: Sequence[dict[str, Any]]) -> list[Article]:
    """The articles as `powderkeg extract` reads them from the scorer's JSONL (same reader, same fields)."""
    from powderkeg.readers import iter_inputs

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.jsonl"
        path.write_text("".join(json.dumps({k: g.get(k) for k in INPUT_KEYS}, ensure_ascii=False) + "\n"
                                for g in gold), encoding="utf-8")
        out = [a for a in iter_inputs([path]) if isinstance(a, Article)]
    if len(out) != len(gold):
        raise ValueError(f"read {len(out)} of {len(gold)} gold articles back")
    return out


def parse_all(pipeline: Pipeline, gold: Sequence[dict[str, Any]]) -> list[Parsed]:
    """Pre-pass and parse every article once, in the pipeline's own batches."""
    out: list[Parsed] = []
    articles = as_articles(gold)
    step = pipeline.batch_size
    for k in range(0, len(articles), step):
        chunk = [pipeline.prepare(a) for a in articles[k:k + step]]
        docs = pipeline.parse_texts([p.text for _, paras, _, gated in chunk
                                     for p, g in zip(paras, gated, strict=True) if g])
        for (article, paras, mentions, gated), g in zip(chunk, gold[k:k + step], strict=True):
            parsed = [(p.start, next(docs)) for p, gt in zip(paras, gated, strict=True) if gt]
            out.append(Parsed(article, mentions, parsed, len(paras), g.get("gold", {}), str(g.get("id"))))
    return out


def gold_spans(text: str, events: Iterable[dict[str, Any]]) -> list[GoldSpan]:
    """Gold events with the char span of their evidence quote (events whose quote is not in the text are dropped)."""
    out: list[GoldSpan] = []
    for e in events:
        quote = e.get("quote") or ""
        at = text.find(quote) if quote else -1
        if at < 0 or e.get("negated"):
            continue
        out.append(GoldSpan(at, at + len(quote), str(e.get("source") or "").upper(),
                            str(e.get("target") or "").upper(), str(e.get("type") or "").upper(),
                            str(e.get("status") or "reported")))
    return out


def label(c: Candidate, spans: Sequence[GoldSpan]) -> tuple[str, str]:
    """(type, status) a candidate should get, NONE when it is not an event.

    The gold event of this pair whose quote overlaps the candidate's sentence; else, when
    the rules coded the pair here with a type the article's gold has for it (the gold
    quoted another sentence telling the same fact: the scorer counts an event once per
    article), that type; else NONE.
    """
    for g in spans:
        if (g.source, g.target) == (c.source, c.target) and g.start < c.end and c.start < g.end:
            return g.type, g.status
    for ev in c.rule_events:
        for g in spans:
            if (g.source, g.target, g.type) == (ev.source, ev.target, ev.type):
                return g.type, g.status
    return NONE, ""


def candidates_of(pipeline: Pipeline, p: Parsed) -> list[Candidate]:
    """The article's candidates, built exactly as the pipeline builds them at run time."""
    _, units = pipeline.units(p.mentions, p.parsed)
    verdicts: dict[int, list[Event]] = {}
    pipeline.coder.code(units, verdicts)
    return article_candidates(units, verdicts)


def examples_of(pipeline: Pipeline, p: Parsed) -> list[Example]:
    """Training examples of one parsed gold article.

    A pair the gold codes elsewhere in the article is left out where it is NONE: the
    scorer counts an event once per article, and the annotator quoted one sentence of
    several, so teaching "no event" there would contradict the positives (out-of-fold
    events F1 0.367 -> 0.382 for the model alone when these are dropped).
    """
    spans = gold_spans(p.article.text, p.gold.get("events", []))
    coded = {(g.source, g.target) for g in spans}
    out = []
    for c in candidates_of(pipeline, p):
        typ, status = label(c, spans)
        if typ == NONE and (c.source, c.target) in coded:
            continue
        out.append(Example(tuple(hashed(candidate_features(c))), typ, status))
    return out


def _fit_linear(rows: Sequence[Sequence[int]], labels: Sequence[str], first: str | None = None, *,
                c_value: float | None = None, class_weight: str | None = None) -> LinearModel:
    """Multinomial logistic regression (lbfgs, deterministic); `first` is put first in the class list."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    classes = sorted(set(labels))
    if first is not None and first in classes:
        classes.remove(first)
        classes.insert(0, first)
    if len(classes) < 2:
        # one class seen: a constant model (a tiny training set)
        return LinearModel(tuple(classes or [first or NONE]), tuple([0.0] * max(len(classes), 1)), {})
    # only the columns seen in training enter the fit (a few tens of thousands of the N_FEATURES): much faster
    seen = sorted({c for r in rows for c in r})
    compact = {c: k for k, c in enumerate(seen)}
    indptr = np.cumsum([0, *(len(r) for r in rows)])
    indices = np.fromiter((compact[c] for r in rows for c in r), dtype=np.int64, count=int(indptr[-1]))
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(seen)))
    clf = LogisticRegression(C=C if c_value is None else c_value, max_iter=2000, class_weight=class_weight)
    clf.fit(x, list(labels))
    order = [list(clf.classes_).index(c) for c in classes]
    coef = clf.coef_[order] if len(clf.classes_) > 2 else None
    if coef is None:  # binary: sklearn keeps one row for the second class
        row = clf.coef_[0]
        coef = np.vstack([-row / 2, row / 2])[[0, 1] if classes[1] == clf.classes_[1] else [1, 0]]
        intercept = [-clf.intercept_[0] / 2, clf.intercept_[0] / 2]
        if classes[1] != clf.classes_[1]:
            intercept.reverse()
    else:
        intercept = list(clf.intercept_[order])
    weights = {col: tuple(float(v) for v in coef[:, k]) for k, col in enumerate(seen)}
    return LinearModel(tuple(classes), tuple(float(v) for v in intercept), weights)


def fit(examples: Sequence[Example], *, meta: dict[str, Any] | None = None, c_value: float | None = None,
        class_weight: str | None = None) -> CoderModel:
    """The type model on every candidate and the status model on the gold events among them."""
    types = _fit_linear([e.columns for e in examples], [e.label for e in examples], first=NONE,
                        c_value=c_value, class_weight=class_weight)
    positives = [e for e in examples if e.label != NONE]
    status = _fit_linear([e.columns for e in positives], [e.status for e in positives], first="reported")
    info = {"candidates": len(examples), "events": len(positives), "C": C, **(meta or {})}
    return CoderModel(types, status, 0.5, info)

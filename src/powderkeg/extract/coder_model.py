"""The learned coder: a linear model trained on the gold articles decides which candidates are events.

Why linear and stored as JSON: a multinomial logistic regression over hashed
features is fast (a few dictionary look-ups per candidate), deterministic, and
its weights are plain numbers anyone can read or diff; nothing is unpickled.
The model file is written by scripts/train_coder.py (extract/training.py) and
shipped in powderkeg/data/, so a fresh clone runs without the gold sets.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from powderkeg.errors import DataFileError
from powderkeg.extract.candidates import Candidate, article_candidates
from powderkeg.extract.events import Unit, merge_reports
from powderkeg.extract.features import N_FEATURES, candidate_features, dep_path, hashed
from powderkeg.lexicons import data_path
from powderkeg.models import Event

#: The class that means "no event" (first in every model's class list).
NONE = "NONE"
MODEL_FILE = "coder_model.json"
FORMAT = 1


@dataclass(frozen=True)
class LinearModel:
    """Multinomial logistic regression over hashed columns: weights only for columns seen in training."""

    classes: tuple[str, ...]
    intercept: tuple[float, ...]
    weights: dict[int, tuple[float, ...]]

    def probabilities(self, columns: Sequence[int]) -> list[float]:
        """Softmax of intercept + the summed weight rows of the active columns."""
        z = list(self.intercept)
        for col in columns:
            row = self.weights.get(col)
            if row is not None:
                for k, w in enumerate(row):
                    z[k] += w
        top = max(z)
        exp = [math.exp(v - top) for v in z]
        total = sum(exp)
        return [e / total for e in exp]

    def to_dict(self) -> dict[str, Any]:
        return {"classes": list(self.classes), "intercept": [round(v, 5) for v in self.intercept],
                "weights": {str(k): [round(v, 5) for v in row] for k, row in sorted(self.weights.items())}}

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> LinearModel:
        classes = tuple(str(c) for c in raw["classes"])
        weights = {int(k): tuple(float(v) for v in row) for k, row in raw["weights"].items()}
        if any(len(row) != len(classes) for row in weights.values()) or len(raw["intercept"]) != len(classes):
            raise ValueError("weight rows do not match the class list")
        return cls(classes, tuple(float(v) for v in raw["intercept"]), weights)


@dataclass(frozen=True)
class CoderModel:
    """The event-type model, the status model, and the threshold on P(no event)."""

    types: LinearModel
    status: LinearModel
    threshold: float = 0.5  # code the best type when P(NONE) is below this
    meta: dict[str, Any] | None = None  # what it was trained on (counts, feature space), for humans

    def to_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "n_features": N_FEATURES, "threshold": self.threshold, "meta": self.meta or {},
                "types": self.types.to_dict(), "status": self.status.to_dict()}

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> CoderModel:
        """Read a model file; DataFileError names the file and what is wrong with it."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise DataFileError(str(path), 0, f"cannot read the coder model: {exc}") from exc
        if raw.get("format") != FORMAT or raw.get("n_features") != N_FEATURES:
            raise DataFileError(str(path), 0, f"coder model format {raw.get('format')}/{raw.get('n_features')} "
                                f"is not {FORMAT}/{N_FEATURES}; retrain with scripts/train_coder.py")
        try:
            types, status = LinearModel.from_dict(raw["types"]), LinearModel.from_dict(raw["status"])
        except (KeyError, TypeError, ValueError) as exc:
            raise DataFileError(str(path), 0, f"bad coder model: {exc}") from exc
        if types.classes[0] != NONE:
            raise DataFileError(str(path), 0, f"the first type class must be {NONE}")
        return cls(types, status, float(raw.get("threshold", 0.5)), raw.get("meta"))


@lru_cache(maxsize=1)
def shipped_model() -> CoderModel | None:
    """The model in powderkeg/data/, or None when the package has none (rules only)."""
    path = data_path(MODEL_FILE)
    return CoderModel.load(path) if path.exists() else None


@dataclass(frozen=True)
class Scored:
    """A candidate and the model's decision on it (for `powderkeg explain`)."""

    candidate: Candidate
    p_none: float
    best_type: str
    p_best: float
    status: str
    coded: bool


def score_candidates(model: CoderModel, cands: Sequence[Candidate]) -> list[Scored]:
    """The model's verdict on each candidate."""
    out: list[Scored] = []
    for c in cands:
        cols = hashed(candidate_features(c))
        probs = model.types.probabilities(cols)
        k = max(range(1, len(probs)), key=lambda j: probs[j])
        sp = model.status.probabilities(cols)
        status = model.status.classes[max(range(len(sp)), key=lambda j: sp[j])]
        out.append(Scored(c, probs[0], model.types.classes[k], probs[k], status, probs[0] < model.threshold))
    return out


def to_event(s: Scored) -> Event:
    """The event a coded candidate stands for; the rules' own event when they coded the same type."""
    c = s.candidate
    same = next((e for e in c.rule_events if e.type == s.best_type), None)
    tag = f"model {s.p_best:.2f}"
    if same is not None:
        return replace(same, rule=f"{tag} + {same.rule}")
    _, lca, _ = dep_path(c.source_tok, c.target_tok)
    evidence = c.sent.text
    return Event(source=c.source, target=c.target, type=s.best_type, negated=False, status=s.status,
                 evidence=evidence, start=c.start, end=c.start + len(evidence), trigger=lca.text,
                 source_text=c.source_tok.text, target_text=c.target_tok.text, rule=tag)


def decide(model: CoderModel, units: Sequence[Unit], verdicts: dict[int, list[Event]]) -> list[Event]:
    """An article's events as the model codes them: one per (source, target, type, negated)."""
    index: dict[tuple[str, str, str, bool], int] = {}
    out: list[Event] = []
    for s in score_candidates(model, article_candidates(units, verdicts)):
        if not s.coded:
            continue
        ev = to_event(s)
        key = (ev.source, ev.target, ev.type, ev.negated)
        if key not in index:
            index[key] = len(out)
            out.append(ev)
        else:
            out[index[key]] = merge_reports(out[index[key]], ev)
    return out

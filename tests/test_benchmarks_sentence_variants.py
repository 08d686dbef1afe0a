"""benchmarks/sentence_variants.py turns sentence scores into key features; the study's figures rest on them.

Why tested: a key that read another type's score, or the wrong rank, would measure something else than the
docs say (docs/event-gaps.md, "Sentence embeddings (session 28)"). No embedding model is needed here.
"""

from __future__ import annotations

import numpy as np
import pytest

import benchmark_module

sv = benchmark_module.load("sentence_variants")

COL = {"ACCUSE": 0, "AID": 1, "REJECT": 2}


@pytest.mark.parametrize(("etype", "scores", "want"), [
    # the best sentence for ACCUSE scores .6 (bucket 5: .5 <= p < .7) and ACCUSE leads it
    ("ACCUSE", [[0.1, 0.0, 0.0], [0.6, 0.2, 0.1]], {"semb=5", "ACCUSE|semb=5", "semb_rank=0", "ACCUSE|semb_rank=0"}),
    # AID's best sentence is the second (.25: bucket 3); two types score higher there
    ("AID", [[0.1, 0.0, 0.0], [0.6, 0.25, 0.3]], {"semb=3", "AID|semb=3", "semb_rank=2", "AID|semb_rank=2"}),
    # nothing above the first cut; both other types score higher
    ("REJECT", [[0.01, 0.02, 0.0]], {"semb=0", "REJECT|semb=0", "semb_rank=2", "REJECT|semb_rank=2"}),
])
def test_key_extra_reads_the_keys_own_type(etype: str, scores: list[list[float]], want: set[str]) -> None:
    assert set(sv.key_extra(etype, [np.array(s) for s in scores], COL, frozenset())) == want


def test_key_extra_options_and_unknown_types() -> None:
    s = [np.array([0.8, 0.1, 0.0])]
    assert sv.key_extra("ACCUSE", s, COL, frozenset({"nocross", "norank"})) == ["semb=6"]
    assert sv.key_extra("COERCE", s, COL, frozenset()) == []  # a type the sentence model never saw
    assert sv.key_extra("ACCUSE", [], COL, frozenset()) == []  # a pair with no embedded sentence


def test_knn_share_is_similarity_weighted() -> None:
    x = np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]])
    y = np.array([[1, 0], [0, 1], [0, 1]], dtype=bool)
    got = sv.KNNScorer(x, y, k=2)(np.array([[1.0, 0.0]]))
    # neighbours: itself (similarity 1, type 0) and the second row (.8, type 1)
    assert got == pytest.approx(np.array([[1 / 1.8, 0.8 / 1.8]]))


def test_text_hash_is_stable() -> None:
    assert sv.text_hash("Chile recalled its ambassador.") == sv.text_hash("Chile recalled its ambassador.")
    assert sv.text_hash("Chile recalled its ambassador.") != sv.text_hash("Peru recalled its ambassador.")
    assert len(sv.text_hash("x")) == 16

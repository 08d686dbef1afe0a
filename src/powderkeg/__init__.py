"""powderkeg: news articles in, an evidence-linked DuckDB of geopolitical actors, people and PLOVER events out.

    >>> import powderkeg
    >>> with powderkeg.open("kb.duckdb") as kb:
    ...     report = kb.ingest(["articles/"])
    ...     kb.events(actor="SRB", type="ACCUSE")

Every public name is listed in `__all__`; tests/test_exported_members.py holds the list to the exports.
Importing the package is cheap: spaCy and DuckDB load only when first needed.
"""

from __future__ import annotations

import logging
from importlib import import_module as _import_module

from powderkeg import api as _api
from powderkeg.api import (
    DEFAULT_DB,
    DEFAULT_MAX_BYTES,
    IngestReport,
    KnowledgeBase,
    demo_corpus,
    extract_jsonl,
    open,
)
from powderkeg.errors import (
    DataFileError,
    FilterError,
    InputError,
    ModelError,
    PowderkegError,
    ReadOnlyQueryError,
    StoreError,
)
from powderkeg.explain import Explanation, explain_articles, explain_file, explain_text
from powderkeg.models import (
    EVENT_TYPES,
    ActorEntry,
    ArmsTransfer,
    Article,
    Event,
    Extraction,
    Failure,
    Label,
    Mention,
    Person,
    Quote,
)

__version__ = "0.1.0"

# `powderkeg.extract` names both the public function and the subpackage of extractors
# (powderkeg/extract/). Python binds a subpackage onto its parent the first time it is
# imported, so import it now and bind the function last: later `from powderkeg.extract.x
# import ...` statements then find the subpackage in sys.modules and leave the function alone.
_import_module("powderkeg.extract")
extract = _api.extract

# The library only logs; the CLI (or the application) decides where logs go.
logging.getLogger(__name__).addHandler(logging.NullHandler())

__all__ = [
    "DEFAULT_DB",
    "DEFAULT_MAX_BYTES",
    "EVENT_TYPES",
    "ActorEntry",
    "ArmsTransfer",
    "Article",
    "DataFileError",
    "Event",
    "Explanation",
    "Extraction",
    "Failure",
    "FilterError",
    "IngestReport",
    "InputError",
    "KnowledgeBase",
    "Label",
    "Mention",
    "ModelError",
    "Person",
    "PowderkegError",
    "Quote",
    "ReadOnlyQueryError",
    "StoreError",
    "__version__",
    "demo_corpus",
    "explain_articles",
    "explain_file",
    "explain_text",
    "extract",
    "extract_jsonl",
    "open",
]

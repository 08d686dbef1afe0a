"""Error tree.

    PowderkegError
    ├── InputError      an input file could not be read (names file and reason)
    ├── DataFileError   a lexicon row in data/ is malformed (names file and line)
    ├── FilterError     a filter value (date, actor) is invalid (names the option)
    ├── StoreError      the DuckDB store refused an operation
    │   └── ReadOnlyQueryError   a write was attempted through `sql`
    └── ModelError      the spaCy pipeline is missing or broken
"""

from __future__ import annotations


class PowderkegError(Exception):
    """Base class of every error powderkeg raises on purpose."""


class InputError(PowderkegError):
    """An input could not be read; the message says which file and why."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class DataFileError(PowderkegError):
    """A row in a lexicon file is malformed."""

    def __init__(self, path: str, line: int, reason: str) -> None:
        super().__init__(f"{path}:{line}: {reason}")
        self.path = path
        self.line = line
        self.reason = reason


class StoreError(PowderkegError):
    """The store refused an operation."""


class WriterMemoryError(StoreError):
    """A write ran out of the writer's DuckDB memory limit and was rolled back: a smaller batch may fit."""


class ReadOnlyQueryError(StoreError):
    """A statement that could change the database was sent to the read-only SQL entry point."""


class ModelError(PowderkegError):
    """The spaCy English pipeline could not be loaded."""


class FilterError(PowderkegError):
    """A filter value (a date, an actor) is not valid; the message names the option and the reason."""

    def __init__(self, option: str, reason: str) -> None:
        super().__init__(f"{option}: {reason}")
        self.option = option
        self.reason = reason

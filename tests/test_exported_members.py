"""Every public name of the package is in `__all__`, and everything in `__all__` exists (as httpx checks)."""

from __future__ import annotations

import types

import powderkeg

INCLUDED_PRIVATE = {"__version__"}


def test_all_exports_exist():
    for name in powderkeg.__all__:
        assert hasattr(powderkeg, name), name


def test_all_public_members_are_exported():
    # Submodules (powderkeg.api, powderkeg.models, ...) appear as attributes once imported; they are not API.
    public = {
        name
        for name, value in vars(powderkeg).items()
        if (not name.startswith("_") or name in INCLUDED_PRIVATE)
        and not isinstance(value, types.ModuleType)
        and name != "annotations"
    }
    assert set(powderkeg.__all__) == public


def test_all_has_no_duplicates():
    assert len(powderkeg.__all__) == len(set(powderkeg.__all__))


def test_importing_is_cheap():
    """`import powderkeg` must not load spaCy: the model loads only when something is extracted."""
    import subprocess
    import sys

    code = "import sys, powderkeg; print('spacy' in sys.modules, 'duckdb' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split()[0] == "False"

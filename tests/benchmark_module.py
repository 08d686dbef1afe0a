"""Load a script of benchmarks/ as a module, for the tests that check what it counts.

Why: the benchmarks are scripts, not a package; each test that reads one loaded it by path the same
way, so the way lives here once.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


def load(name: str) -> ModuleType:
    """benchmarks/NAME.py as the module `bench_NAME` (registered first: dataclasses look their module up
    while the class is built)."""
    spec = importlib.util.spec_from_file_location(f"bench_{name}", BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[f"bench_{name}"] = module
    spec.loader.exec_module(module)
    return module

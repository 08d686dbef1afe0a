"""Hypothesis profiles for the property tests: "default" (small, in the suite) and "fuzz"."""

from __future__ import annotations

import json
import os

import pytest
from fuzzkit import CASES
from hypothesis import HealthCheck, settings

_COMMON = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large,
                                                        HealthCheck.filter_too_much]}
settings.register_profile("default", derandomize=True, print_blob=True, **_COMMON)  # type: ignore[arg-type]
settings.register_profile("fuzz", derandomize=False, print_blob=True, **_COMMON)  # type: ignore[arg-type]
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    path = os.environ.get("FUZZ_STATS")
    if path:
        with open(path, "w", encoding="utf-8") as fh:
            json.dump(dict(CASES), fh, indent=1)

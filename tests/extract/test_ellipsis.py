"""An elliptical clause repeats the act for another party ("and so does X"): the rules already code both (issue 15 §3.6)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from powderkeg.models import Extraction

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "expected", "absent"),
    [
        ("Japan supports Ukraine's bid for membership, and so does South Korea.",
         {("JPN", "UKR", "SUPPORT"), ("KOR", "UKR", "SUPPORT")}, set()),
        ("Canada imposed sanctions on Belarus in March, and so did Australia.",
         {("CAN", "BLR", "SANCTION"), ("AUS", "BLR", "SANCTION")}, set()),
        # the party of the ellipsis is already in the act: no copy onto itself
        ("Japan supports Ukraine's bid, as does Ukraine itself.", {("JPN", "UKR", "SUPPORT")},
         {("UKR", "UKR", "SUPPORT")}),
        # no ellipsis: "so" as a plain adverb does not copy the act
        ("Japan supports Ukraine's bid and says so often, South Korea reported.", {("JPN", "UKR", "SUPPORT")},
         {("KOR", "UKR", "SUPPORT")}),
    ],
)
def test_ellipsis_repeats_the_act(run_text: Callable[[str], Extraction], text: str,
                                expected: set[tuple[str, str, str]], absent: set[tuple[str, str, str]]) -> None:
    got = {(e.source, e.target, e.type) for e in run_text(text).events}
    assert expected <= got
    assert not absent & got

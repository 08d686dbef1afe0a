"""People: names, the actor they act for, and surname/pronoun resolution."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def people(ex):
    return {p.name: p.actor for p in ex.people}


@pytest.mark.parametrize(
    ("text", "name", "actor"),
    [
        ("Serbian President Aleksandar Vučić told reporters that talks had stalled.", "Aleksandar Vučić", "SRB"),
        ("Kosovo's prime minister, Albin Kurti, said the police would stay in the north.", "Albin Kurti", "XKX"),
        (
            "Maria Zakharova, a spokeswoman for the Russian foreign ministry, criticised the decision.",
            "Maria Zakharova",
            "RUS",
        ),
        ("The visit was announced by Indian Foreign Minister Subrahmanyam Jaishankar on Monday.", "Subrahmanyam Jaishankar", "IND"),
        ("Philippine Defence Secretary Gilberto Teodoro accused China of harassment.", "Gilberto Teodoro", "PHL"),
        # no affiliation in the text: the bundled list of well-known figures fills it in
        ("Antony Blinken flew to Manila for two days of talks.", "Antony Blinken", "USA"),
    ],
)
def test_person_and_actor(run_text, text, name, actor):
    got = people(run_text(text))
    assert got.get(name) == actor, got


def test_diacritics_kept_and_surname_merged(run_text):
    text = (
        "Serbian President Aleksandar Vučić met European envoys on Monday.\n\n"
        "Vucic later said the meeting had been constructive."
    )
    ex = run_text(text)
    names = [p.name for p in ex.people]
    assert names.count("Aleksandar Vučić") == 1
    assert not any(n == "Vucic" for n in names)


def test_person_without_affiliation_is_not_listed(run_text):
    text = "John Whitfield, an analyst at a London think tank, said both sides were exhausted."
    assert "John Whitfield" not in people(run_text(text))

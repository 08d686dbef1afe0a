"""Acts told in background clauses (issue 15): relative clauses, "X's decision to ...", "after"/"since" clauses.

SCHEMA.md codes past and background acts too, with the status of any other asserted act. Each case
lists keys that must be coded and keys that must not; the sentences were written for these tests.
"""

from __future__ import annotations

import pytest
from keyset import Key, keys

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        # a relative pronoun as the object stands for the noun the clause describes
        ("The oil embargo, which the EU imposed on Syria in 2011, is still in force.",
         {("EU", "SYR", "SANCTION", False)}, set()),
        ("The tariffs that Washington slapped on Venezuela last spring have cut its exports.",
         {("USA", "VEN", "SANCTION", False)}, set()),
        ("Kosovo, which Belgrade still refuses to recognise, has applied to join the Council of Europe.",
         {("SRB", "XKX", "REJECT", False)}, set()),
        ("Ukraine, which Moscow invaded in February 2022, asked Berlin for more air defence systems.",
         {("RUS", "UKR", "ASSAULT", False), ("UKR", "DEU", "REQUEST", False)}, set()),
        # the owner of a decision does the act its infinitive names
        ("Beijing's decision to halt imports from Lithuania hurt Baltic farmers.",
         {("CHN", "LTU", "SANCTION", False)}, set()),
        ("Ankara's move to expel two Armenian diplomats angered Yerevan.",
         {("TUR", "ARM", "SANCTION", False)}, set()),
        # ... but a decision nobody owns in the phrase is not the main clause subject's
        ("Following the decision to halt imports from Lithuania, Vilnius asked Brussels for help.",
         {("LTU", "EU", "REQUEST", False)}, {("LTU", "LTU", "SANCTION", False)}),
        # acts in adverbial clauses are coded beside the main clause's act
        ("After Azerbaijani troops shelled Armenian positions near Jermuk, Yerevan recalled its envoy from Baku.",
         {("AZE", "ARM", "ASSAULT", False), ("ARM", "AZE", "SANCTION", False)}, set()),
        ("Tensions have run high since Chinese coast guard ships rammed a Philippine supply boat in June.",
         {("CHN", "PHL", "ASSAULT", False)}, set()),
        # a relative clause whose pronoun is the agent: the antecedent acts
        ("Hungary, which has blocked every aid package for Kyiv this year, hosted the summit.",
         set(), {("UKR", "HUN", "SANCTION", False)}),
    ],
)
def test_background_clauses(run_text, text: str, present: set[Key], absent: set[Key]) -> None:
    got = keys(run_text(text))
    assert present <= got, f"missing {present - got} in {got}"
    assert not absent & got, f"unexpected {absent & got}"

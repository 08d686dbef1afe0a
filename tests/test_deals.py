"""Deals (issue 16): arms records of one deal across reports, with its history."""

from __future__ import annotations

from collections import Counter

import pytest

from powderkeg.deals import ArmsReport, _deal, _single, build
from powderkeg.story import DEAL_FACETS, deal_row, facets


def rec(article: str, status: str, published: str, *, quantity: int | None = None, value: float | None = None,
        system: str = "Javelin", outlet: str = "Balkan Ledger", group: str | None = None,
        supplier: str = "USA", recipient: str = "XKX") -> ArmsReport:
    return ArmsReport(article_id=article, supplier=supplier, recipient=recipient, system=system, status=status,
                      evidence=f"{supplier} {status} {system} for {recipient}.", published=published, outlet=outlet,
                      quantity=quantity, value_usd=value, copy_group=group)


def test_request_approval_and_delivery_are_one_deal_with_its_history() -> None:
    (deal,) = build([
        rec("a3", "delivered", "2025-03-14", quantity=246, outlet="Eastern Courier"),
        rec("a1", "requested", "2024-01-10", outlet="Danube Post"),
        rec("a2", "approved", "2024-02-02", quantity=246, value=75e6, outlet="Sava Herald"),
        rec("a4", "delivered", "2025-03-15", quantity=240, outlet="Balkan Ledger", group="g"),
        rec("a5", "delivered", "2025-03-15", quantity=240, outlet="Adriatic Monitor", group="g"),
    ])
    assert [s.status for s in deal.steps] == ["requested", "approved", "delivered"]
    assert deal.status == "delivered" and deal.quantity == 246 and deal.value_usd == 75e6
    assert [s.first_reported for s in deal.steps] == ["2024-01-10", "2024-02-02", "2025-03-14"]
    assert deal.independent == 4  # the two copies count once


def test_a_second_batch_after_a_delivery_is_a_new_deal() -> None:
    deals = build([rec("a1", "approved", "2020-05-01"), rec("a2", "delivered", "2021-03-01"),
                   rec("a3", "approved", "2023-06-01"), rec("a4", "delivered", "2024-01-01")])
    assert [(d.steps[0].first_reported, d.status) for d in deals] == [("2020-05-01", "delivered"),
                                                                      ("2023-06-01", "delivered")]


def test_other_parties_or_systems_are_other_deals_and_denials_mark_a_dispute() -> None:
    deals = build([rec("a1", "alleged", "2024-05-01", supplier="IRN", recipient="RUS", system="Shahed-136"),
                   rec("a2", "denied", "2024-05-02", supplier="IRN", recipient="RUS", system="Shahed-136"),
                   rec("a3", "delivered", "2024-05-02", system="Stinger")])
    assert len(deals) == 2
    shahed = next(d for d in deals if d.system == "Shahed-136")
    assert shahed.disputed and [s.status for s in shahed.steps] == ["alleged", "denied"]


def test_deal_ids_do_not_depend_on_input_order() -> None:
    records = [rec("a1", "requested", "2024-01-10"), rec("a2", "approved", "2024-02-02")]
    assert [d.id for d in build(records)] == [d.id for d in build(reversed(records))]


@pytest.mark.parametrize("report", [
    rec("b1", "approved", "2023-09-12", quantity=12, value=4.5e7),
    rec("b2", "delivered", "2024-11-30", quantity=0, value=0.0, system="Bayraktar TB2"),  # zero figures: none
    rec("b3", "alleged", "", outlet="Sava Herald"),  # an undated report
    rec("b4", "requested", "2022-02-01", system="javelin", group="g7"),
])
def test_a_deal_of_one_report_is_the_one_the_general_builder_makes(report: ArmsReport) -> None:
    """The newest records of a big store are mostly one report per deal: those take a shortcut (issue 17)
    that must give the same deal, id included, as grouping and counting them would."""
    key = (report.supplier, report.recipient, report.system.casefold())
    assert _single(key, report) == _deal(key, [report])
    assert build([report]) == [_deal(key, [report])]


def test_deal_facets_count_each_deal_once_per_value_as_its_row_shows_them() -> None:
    deals = build([rec("a1", "requested", "2024-01-10", outlet="Danube Post"),
                   rec("a2", "delivered", "2024-03-02", outlet="Danube Post"),
                   rec("a3", "denied", "2024-03-05", supplier="RUS", recipient="SRB", outlet="Sava Herald"),
                   rec("a4", "alleged", "2024-04-05", supplier="RUS", recipient="SRB", system="Kornet")])
    rows = [deal_row(d) for d in deals]
    expected = {
        "supplier": Counter(r["supplier"] for r in rows),
        "recipient": Counter(r["recipient"] for r in rows),
        "status": Counter(s for r in rows for s in {st["status"] for st in r["steps"]}),
        "outlet": Counter(o for r in rows for o in {rep["outlet"] for st in r["steps"] for rep in st["reports"]}),
    }
    got = {f.name: dict(f.values) for f in facets(deals, DEAL_FACETS)}
    assert got == {name: dict(c) for name, c in expected.items()}
    assert got["outlet"] == {"Danube Post": 1, "Sava Herald": 1, "Balkan Ledger": 1}

"""Deals (issue 16): arms records of one deal across reports, with its history."""

from __future__ import annotations

from powderkeg.deals import ArmsReport, build


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

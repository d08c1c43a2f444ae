"""Amounts carry an explicit unit in the report schema; declared units are converted."""

import pytest

from gi_wagtail.reports.schema import SchemaError, dump_report, load_report, validate_shape
from gi_wagtail.reports.values import convert_amount, normalise_unit


def _2019(amount, **extra):
    return {
        "format": "2019",
        "year": 2019,
        "tables": {"table2": {"procurement": {"count": 3, "amount": amount}}},
        **extra,
    }


def test_normalised_report_states_the_unit_of_every_amount():
    assert validate_shape(_2019(35.6))["units"] == {"table2.procurement.amount": "万元"}
    r2021 = validate_shape({"format": "2021", "year": 2021})
    assert r2021["units"] == {"table2.admin_fees.amount": "万元", "fees.notices_amount": "元", "fees.collected": "元"}
    assert validate_shape({"format": "2008", "year": 2012})["units"] == {"key_figures.fees_collected": "元"}
    assert r2021["units_not_printed"] == []


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [(251000, "元", 25.1), (250000, "元", 25), (0.35, "亿元", 3500), (12345, "千元", 1234.5), (35.6, "万元", 35.6)],
)
def test_declared_unit_is_converted_exactly_to_the_canonical_one(value, unit, expected):
    report = validate_shape(_2019(value, units={"table2.procurement.amount": unit}))
    amount = report["tables"]["table2"]["procurement"]["amount"]
    assert amount == expected and repr(amount) == repr(expected)  # no float noise such as 25.100000000000001
    assert report["units"] == {"table2.procurement.amount": "万元"}


def test_fee_amounts_declared_in_wan_yuan_and_a_glob_pattern():
    report = validate_shape(
        {
            "format": "2021",
            "year": 2021,
            "tables": {"table2": {"admin_fees": {"amount": 12000}}},
            "fees": {"notices_count": 1, "notices_amount": 0.03, "collected": None},
            "units": {"fees.*": "万元", "table2.*.amount": "元"},
        }
    )
    assert report["fees"]["notices_amount"] == 300 and report["fees"]["collected"] is None
    assert report["tables"]["table2"]["admin_fees"]["amount"] == 1.2


def test_round_trip_does_not_convert_twice():
    report = validate_shape(_2019(251000, units={"table2.procurement.amount": "元"}))
    again = load_report(dump_report(report))
    assert again == report and again["tables"]["table2"]["procurement"]["amount"] == 25.1


@pytest.mark.parametrize(
    ("units", "message"),
    [
        (
            {"table2.procurement.amount": "kg"},
            "units.table2.procurement.amount: unknown unit 'kg' (expected one of: 元",
        ),
        ({"table2.procurement.amount": 10000}, "unknown unit 10000"),
        ({"table2.procurement.count": "元"}, "units.table2.procurement.count: not an amount of format 2019"),
        ({"fees.collected": "元"}, "not an amount of format 2019 (amounts: table2.procurement.amount)"),
        (["元"], "units: expected an object"),
    ],
)
def test_unit_errors_are_clear(units, message):
    with pytest.raises(SchemaError) as exc:
        validate_shape(_2019(1, units=units))
    assert message in str(exc.value)


def test_units_not_printed_must_name_amounts():
    with pytest.raises(SchemaError, match=r"units_not_printed: .table3\.received\.total. is not an address"):
        validate_shape(_2019(1, units_not_printed=["table3.received.total"]))
    report = validate_shape(_2019(1, units_not_printed=["table2.procurement.amount"] * 2))
    assert report["units_not_printed"] == ["table2.procurement.amount"]


def test_unit_helpers():
    assert normalise_unit(" 万 ") == "万元" and normalise_unit("元") == "元" and normalise_unit("斤") is None
    assert convert_amount(1.2, "万元", "元") == 12000 and isinstance(convert_amount(1.2, "万元", "元"), int)
    assert convert_amount(0.1, "元", "元") == 0.1

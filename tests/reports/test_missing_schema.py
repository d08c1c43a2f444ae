"""A printed blank (null) is kept apart from a cell that is not known ("missing")."""

import pytest

from gi_wagtail.reports.schema import SchemaError, dump_report, empty_report, load_report, set_cell, validate_shape
from gi_wagtail.reports.validator import validate


def test_missing_defaults_to_an_empty_list():
    assert empty_report("2021", 2021)["missing"] == []


def test_missing_strings_become_null_and_join_the_sorted_unique_list():
    report = validate_shape(
        {
            "format": "2021",
            "year": 2021,
            "tables": {
                "table3": {"received": {"total": "missing", "natural_person": None}, "carried_out": "missing"},
                "table4": {"review_total": "missing"},  # flat table 四 form
            },
            "fees": {"collected": "missing"},
            "missing": ["table3.received.total", "table2.licensing.decisions"],
        }
    )
    t3 = report["tables"]["table3"]
    assert t3["received"]["total"] is None and t3["carried_out"]["total"] is None
    assert report["fees"]["collected"] is None
    missing = report["missing"]
    assert missing == sorted(set(missing))
    assert "table3.received.total" in missing and "table2.licensing.decisions" in missing
    assert "table4.cases.review_total" in missing and "fees.collected" in missing
    assert {f"table3.carried_out.{c}" for c in t3["carried_out"]} <= set(missing)
    assert "table3.received.natural_person" not in missing  # null not listed: printed blank


def test_a_whole_table_may_be_missing():
    report = validate_shape({"format": "2019", "year": 2019, "tables": {"table3": "missing"}})
    assert len(report["missing"]) == 23 * 7
    assert all(a.startswith("table3.") for a in report["missing"])


def test_a_number_in_a_missing_cell_is_known_after_all():
    report = validate_shape(
        {
            "format": "2021",
            "year": 2021,
            "tables": {"table3": {"received": {"total": 7}}},
            "missing": ["table3.received.total"],
        }
    )
    assert report["missing"] == [] and report["tables"]["table3"]["received"]["total"] == 7


def test_set_cell_fills_a_missing_cell():
    report = validate_shape({"format": "2021", "year": 2021, "tables": {"table3": {"received": {"total": "missing"}}}})
    filled = set_cell(report, "table3.received.total", 3)
    assert filled["missing"] == [] and report["missing"] == ["table3.received.total"]


def test_round_trip_keeps_missing_and_units():
    report = validate_shape(
        {
            "format": "2019",
            "year": 2019,
            "tables": {"table2": {"procurement": {"amount": 251000}}, "table3": {"partial": "missing"}},
            "units": {"table2.procurement.amount": "元"},
            "units_not_printed": ["table2.procurement.amount"],
        }
    )
    again = load_report(dump_report(report))
    assert again == report
    assert again["missing"] == report["missing"] and len(again["missing"]) == 7
    assert again["units_not_printed"] == ["table2.procurement.amount"]


def test_missing_cells_make_checks_incomplete_not_failed():
    report = validate_shape({"format": "2021", "year": 2021, "tables": {"table3": {"received": "missing"}}})
    findings = validate(report)
    assert not [f for f in findings if f.rule == "R1"]  # not run, so neither passed nor failed
    (table3,) = [f for f in findings if f.code == "incomplete" and f.location == "table3"]
    assert "table3.received.total" in table3.cells
    assert "R1" in table3.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"missing": "table3.received.total"}, "missing: expected a list of cell addresses"),
        ({"missing": ["table3.nope.total"]}, "missing: 'table3.nope.total' is not an address of this format"),
        ({"missing": ["fees.collected"]}, "'fees.collected' is not an address"),  # 2019 has no fee figures
        ({"tables": {"table3": {"received": {"total": "gone"}}}}, 'expected a number or null (or "missing")'),
    ],
)
def test_missing_errors_are_clear(data, message):
    with pytest.raises(SchemaError) as exc:
        validate_shape({"format": "2019", "year": 2019, **data})
    assert message in str(exc.value)

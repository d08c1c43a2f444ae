import json

import pytest

from gi_wagtail.reports.schema import SchemaError, dump_report, empty_report, load_report, validate_shape


def test_empty_report_has_every_cell_null_and_official_headings():
    r = empty_report("2021", 2021, "示例县科学技术局")
    assert r["tables"]["table3"]["received"]["total"] is None
    assert len(r["tables"]["table3"]) == 25
    assert r["sections"]["general"]["heading"] == "一、总体情况"
    assert r["fees"] == {"notices_count": None, "notices_amount": None, "collected": None, "text": ""}
    assert "key_figures" not in r


def test_null_and_zero_survive_a_round_trip():
    r = empty_report("2019", 2019)
    r["tables"]["table3"]["received"]["total"] = 0
    again = load_report(dump_report(r))
    assert again["tables"]["table3"]["received"]["total"] == 0
    assert again["tables"]["table3"]["carried_in"]["total"] is None
    assert again == r


def test_partial_input_is_completed_with_nulls_and_flat_table4_accepted():
    r = load_report(
        {
            "format": "2021",
            "year": "2022",
            "tables": {"table3": {"received": {"total": 3}}, "table4": {"review_total": 1}},
        }
    )
    assert r["year"] == 2022
    assert r["tables"]["table3"]["received"] == {**dict.fromkeys(r["tables"]["table3"]["granted"]), "total": 3}
    assert r["tables"]["table4"]["cases"]["review_total"] == 1
    assert r["tables"]["table2"]["normative_docs"] == {"issued": None, "repealed": None, "in_force": None}


def test_bad_json_gives_line_and_column():
    with pytest.raises(SchemaError, match=r"invalid JSON at line 2 column"):
        load_report('{"format": "2021",\n "year": }')


@pytest.mark.parametrize(
    "data,message",
    [
        ([], "must be a JSON object"),
        ({"format": "2020", "year": 2020}, "format: must be one of 2008, 2019, 2021"),
        ({"format": "2021", "year": 3000}, "year: expected a year"),
        (
            {"format": "2021", "year": 2021, "tables": {"table3": {"received": {"total": "7"}}}},
            "tables.table3.received.total: expected a number or null",
        ),
        ({"format": "2021", "year": 2021, "tables": {"table3": {"recieved": {}}}}, "unknown row for format 2021"),
        ({"format": "2021", "year": 2021, "tables": {"table3": {"other": {}}}}, "unknown row"),
        ({"format": "2019", "year": 2019, "tables": {"table2": {"normative_docs": {"issued": 1}}}}, "unknown column"),
        ({"format": "2019", "year": 2019, "fees": {"collected": 1}}, "only the 2021 format has fee figures"),
        ({"format": "2021", "year": 2021, "key_figures": {"proactive_items": 1}}, "only the free-text 2008"),
        ({"format": "2008", "year": 2012, "tables": {"table3": {}}}, "has no tables"),
        ({"format": "2008", "year": 2012, "key_figures": {"items": 3}}, "unknown figure"),
        ({"format": "2021", "year": 2021, "publish_date": "2022-13-01"}, "not a date"),
        ({"format": "2021", "year": 2021, "colour": "red"}, "unknown top-level keys: colour"),
        ({"format": "2021", "year": 2021, "sections": {"general": 5}}, "sections.general"),
    ],
)
def test_shape_errors_are_clear(data, message):
    with pytest.raises(SchemaError) as exc:
        validate_shape(data)
    assert message in str(exc.value)


def test_every_problem_is_listed():
    with pytest.raises(SchemaError) as exc:
        validate_shape(
            {"format": "2021", "year": 2021, "tables": {"table3": {"received": {"total": "x", "natural_person": True}}}}
        )
    assert len(exc.value.problems) == 2


def test_non_utf8_json_bytes():
    with pytest.raises(SchemaError, match="UTF-8"):
        load_report("{}".encode("utf-16"))


def test_dump_keeps_chinese_readable():
    text = dump_report(empty_report("2008", 2012, "高青县科学技术局"))
    assert "高青县科学技术局" in text
    assert json.loads(text)["key_figures"]["proactive_items"] is None

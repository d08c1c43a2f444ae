"""The HTML importer reads the unit printed for an amount and converts it; an unprinted unit is flagged."""

import pytest

from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.parsers import parse_bytes, parse_file
from gi_wagtail.reports.rules.units import rule_units_not_printed

ADDRESS = "table2.procurement.amount"


def page(header="采购总金额", cell="35.6", before="", caption="", extra_row=""):
    return f"""<html><head><title>某局2019年政府信息公开工作年度报告</title></head><body>
    <p>一、总体情况</p><p>略。</p><p>二、主动公开政府信息情况</p>{before}
    <table>{caption}
    {extra_row}
    <tr><td colspan="3">第二十条第（九）项</td></tr>
    <tr><td>信息内容</td><td>采购项目数量</td><td>{header}</td></tr>
    <tr><td>政府集中采购</td><td>3</td><td>{cell}</td></tr>
    </table></body></html>""".encode()


def amount(report):
    return report["tables"]["table2"]["procurement"]["amount"]


def test_unit_printed_in_the_cell_is_converted():
    report = parse_bytes(page(cell="251000元"), "p.html")
    assert report["format"] == "2019" and amount(report) == 25.1
    assert report["units"][ADDRESS] == "万元" and report["units_not_printed"] == []
    assert report["provenance"][ADDRESS] == "Printed as 251000 元; converted to 25.1 万元."
    report = parse_bytes(page(cell="25.1万元"), "p.html")
    assert amount(report) == 25.1 and ADDRESS not in report["provenance"]


@pytest.mark.parametrize(
    "kwargs",
    [
        {"header": "采购总金额（元）"},
        {"header": "采购总金额(单位:元)"},
        {"extra_row": '<tr><td colspan="3">（单位：元）</td></tr>'},
        {"caption": "<caption>单位：元</caption>"},
        {"before": "<p>单位：元</p>"},
    ],
)
def test_unit_printed_in_the_header_or_caption_is_converted(kwargs):
    report = parse_bytes(page(cell="250000", **kwargs), "p.html")
    assert amount(report) == 25
    assert report["units_not_printed"] == [] and "converted to 25 万元" in report["provenance"][ADDRESS]


def test_cell_unit_wins_over_the_header_unit():
    report = parse_bytes(page(header="采购总金额（元）", cell="25万元"), "p.html")
    assert amount(report) == 25


def test_header_in_wan_yuan_needs_no_conversion():
    report = parse_bytes(page(header="采购总金额（万元）", cell="25"), "p.html")
    assert amount(report) == 25 and report["units_not_printed"] == [] and report["provenance"] == {}


def test_bare_number_is_kept_in_wan_yuan_flagged_and_warned_about():
    report = parse_bytes(page(cell="250000"), "p.html")
    assert amount(report) == 250000  # the canonical unit is assumed, never silently "fixed"
    assert report["units_not_printed"] == [ADDRESS]
    assert any("no unit is printed; 250000 was read as 万元" in n for n in report["notes"])
    [finding] = rule_units_not_printed(report, get_format("2019"))
    assert (finding.rule, finding.severity, finding.code) == ("R5", "warning", "unit")
    assert finding.location == ADDRESS and finding.cells == (ADDRESS,)
    assert "表二“第二十条第（九）项 政府集中采购”行“采购总金额（万元）”列" in finding.message
    assert "(25 亿元)" in finding.message and "If the report means 元, this is 25 万元." in finding.message


def test_small_bare_amount_is_flagged_but_not_warned_about():
    report = parse_bytes(page(cell="35.6"), "p.html")
    assert amount(report) == 35.6 and report["units_not_printed"] == [ADDRESS]
    assert list(rule_units_not_printed(report, get_format("2019"))) == []


def test_blank_amount_has_no_unit_to_flag():
    report = parse_bytes(page(cell="—"), "p.html")
    assert amount(report) is None and report["units_not_printed"] == [] and ADDRESS not in report["missing"]


def test_fixtures_units(fixtures_dir):
    r2021 = parse_file(fixtures_dir / "county-kjj-2021-report.html")  # "12000元" under "（单位：万元）"
    assert r2021["tables"]["table2"]["admin_fees"]["amount"] == 1.2
    assert r2021["provenance"]["table2.admin_fees.amount"] == "Printed as 12000 元; converted to 1.2 万元."
    assert r2021["units_not_printed"] == []
    r2019 = parse_file(fixtures_dir / "district-kjj-2019-report.html")  # "35.6万元"
    assert r2019["tables"]["table2"]["procurement"]["amount"] == 35.6 and r2019["units_not_printed"] == []

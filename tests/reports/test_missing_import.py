"""Cells an import could not read are "missing"; printed empty cells stay printed blanks (null)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.parsers import parse_bytes, parse_file
from tests.factories import build_catalogue

HEAD = """<html><head><title>某局2021年政府信息公开工作年度报告</title></head><body>
<p>一、总体情况</p><p>略。</p><p>三、收到和处理政府信息公开申请情况</p>
<table>
<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
    <td colspan="7">申请人情况</td></tr>
<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
"""


def row(label, cells):
    return f'<tr><td colspan="3">{label}</td>' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def test_cut_off_table3_marks_absent_rows_and_cells_missing():
    html = (
        HEAD
        + row("一、本年新收政府信息公开申请数量", [2, 0, 0, 0, 0, 0, 2])
        + row("二、上年结转政府信息公开申请数量", ["", "&nbsp;", "-", "—", "/", 0, 0])
        + row("（一）予以公开", [1, 0, 0])  # the page was cut off inside this row
        + "</table></body></html>"
    )
    report = parse_bytes(html.encode(), "p.html")
    t3, missing = report["tables"]["table3"], set(report["missing"])
    # printed blanks stay blanks, not missing
    assert [t3["carried_in"][c] for c in ("natural_person", "org_business", "org_research")] == [None, None, None]
    assert not any(a.startswith(("table3.carried_in.", "table3.received.")) for a in missing)
    # the cut-off row: read cells kept, the rest missing
    assert t3["granted"]["natural_person"] == 1 and "table3.granted.natural_person" not in missing
    assert {"table3.granted.org_public_interest", "table3.granted.total"} <= missing
    assert "table3.granted.org_research" not in missing
    # rows never reached
    assert {f"table3.carried_out.{c}" for c in t3["carried_out"]} <= missing
    assert t3["carried_out"]["total"] is None
    fmt = get_format("2021")
    assert len([a for a in missing if a.startswith("table3.")]) == 4 + 7 * (len(fmt.table3.rows) - 3)
    notes = " ".join(report["notes"])
    assert "row(s) not found" in notes and "表三: " in notes and "marked as missing (not known)" in notes


def test_unreadable_cell_is_missing_and_noted():
    html = HEAD + row("一、本年新收政府信息公开申请数量", [2, "x", 0, 0, 0, 0, 2]) + "</table></body></html>"
    report = parse_bytes(html.encode(), "p.html")
    assert "table3.received.org_business" in report["missing"]
    assert any("table3.received.org_business: cannot read 'x'" in n for n in report["notes"])


def test_tables_not_found_are_missing_entirely():
    html = HEAD + row("一、本年新收政府信息公开申请数量", [2, 0, 0, 0, 0, 0, 2]) + "</table></body></html>"
    report = parse_bytes(html.encode(), "p.html")
    fmt = get_format(report["format"])
    missing = set(report["missing"])
    assert {f"table4.cases.{c.key}" for c in fmt.table4.columns} <= missing
    assert {f"table2.{r}.{c}" for r, cols in fmt.cell_keys("table2").items() for c in cols} <= missing


def test_report_without_table3_has_every_table3_cell_missing():
    html = """<html><head><title>某局2019年政府信息公开工作年度报告</title></head><body>
    <p>一、总体情况</p><p>略。</p>
    <table><tr><td colspan="3">第二十条第（九）项</td></tr>
    <tr><td>信息内容</td><td>采购项目数量</td><td>采购总金额</td></tr>
    <tr><td>政府集中采购</td><td>3</td><td></td></tr></table></body></html>"""
    report = parse_bytes(html.encode(), "p.html")
    fmt = get_format("2019")
    table3 = [a for a in report["missing"] if a.startswith("table3.")]
    assert len(table3) == len(fmt.table3.rows) * 7
    assert "table2.procurement.amount" not in report["missing"]  # printed empty
    assert "table2.regulations.made" in report["missing"]  # block not printed


def test_text_import_of_a_table_format_has_every_cell_missing(seeds_dir):
    report = parse_file(seeds_dir / "gaoqing-kjj-2012-annual-report.txt", format="2021", year=2021)
    fmt = get_format("2021")
    expected = sum(len(cols) for t in ("table2", "table3", "table4") for cols in fmt.cell_keys(t).values())
    assert len(report["missing"]) == expected


def test_complete_fixtures_have_nothing_missing(fixtures_dir, seeds_dir):
    assert parse_file(fixtures_dir / "county-kjj-2021-report.html")["missing"] == []
    assert parse_file(fixtures_dir / "district-kjj-2019-report.html")["missing"] == []
    assert parse_file(seeds_dir / "gaoqing-kjj-2012-annual-report.txt")["missing"] == []


@pytest.mark.django_db
def test_import_command_reports_missing_cells_and_unit_conversions(fixtures_dir, tmp_path):
    index, _c, org = build_catalogue()
    html = HEAD + row("一、本年新收政府信息公开申请数量", [2, 0, 0, 0, 0, 0, 2]) + "</table></body></html>"
    path = tmp_path / "cut.html"
    path.write_bytes(html.encode())
    args = ("gi_wagtail_import_report", str(path), "--parent", str(index.pk), "--organisation", org.name, "--dry-run")
    out = StringIO()
    call_command(*args, stdout=out)
    text = out.getvalue()
    assert "cell(s) could not be read and are marked as missing (not known): 表二“" in text
    assert "table2." not in text.split("missing (not known):")[1].splitlines()[0]
    out = StringIO()
    call_command(*args, "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert "table3.carried_out.total" in result["missing"] and result["missing"] == result["report"]["missing"]

    out = StringIO()
    fixture = str(fixtures_dir / "county-kjj-2021-report.html")
    call_command(
        "gi_wagtail_import_report",
        fixture,
        "--parent",
        str(index.pk),
        "--organisation",
        org.name,
        "--dry-run",
        stdout=out,
    )
    assert "表二“第二十条第（八）项 行政事业性收费”行" in out.getvalue()
    assert "Printed as 12000 元; converted to 1.2 万元." in out.getvalue()

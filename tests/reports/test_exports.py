import csv
import io
import json

import pytest
from openpyxl import load_workbook

from gi_wagtail.reports.exports import export_table, report_json, table_csv, table_xlsx
from gi_wagtail.reports.render import filled_layout
from gi_wagtail.reports.schema import load_report
from gi_wagtail.reports.validator import validate
from tests.reports.factories import balanced_report, with_cell


@pytest.fixture
def report():
    r = balanced_report("2021", 2021, outcomes={"granted": {"natural_person": 3}}, organisation="=HYPERLINK(1)")
    return with_cell(r, "table3.withheld_1.org_other", None)


def test_csv_has_bom_official_labels_and_blank_for_null(report):
    data = table_csv(report, "table3")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "'=HYPERLINK(1)"  # formula neutralised
    assert rows[1][:3] == ["row_key", "信息内容", "自然人"]
    assert rows[1][3] == "法人或其他组织/商业企业"
    received = next(r for r in rows if r[0] == "received")
    assert received[2] == "3" and received[-1] == "3"
    withheld = next(r for r in rows if r[0] == "withheld_1")
    assert withheld[1] == "三、本年度办理结果 （三）不予公开 1.属于国家秘密"
    assert withheld[7] == ""  # null stays blank, not 0
    assert len(rows) == 2 + 25


def test_table2_csv_is_long_format(report):
    rows = list(csv.reader(io.StringIO(table_csv(report, "table2").decode("utf-8-sig"))))
    assert ["第二十条第（八）项", "行政事业性收费", "admin_fees", "本年收费金额（单位：万元）", "amount", "0"] in rows


def test_xlsx_reproduces_merged_official_layout(report):
    wb = load_workbook(io.BytesIO(table_xlsx(report, "table3")))
    ws = wb["table3"]
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert "A2:C4" in merged  # corner cell rowspan 3 colspan 3
    assert "D2:J2" in merged  # 申请人情况 over 7 columns
    assert ws["A2"].value.startswith("（本列数据的勾稽关系为")
    assert ws["A5"].value == "一、本年新收政府信息公开申请数量"
    assert ws["D5"].value == 3 and ws["J5"].value == 3
    assert "A7:A28" in merged  # 三、本年度办理结果 over 22 rows
    # null exported as an empty cell
    row = next(r for r in range(5, 35) if ws.cell(row=r, column=3).value == "1.属于国家秘密")
    assert ws.cell(row=row, column=9).value is None


def test_xlsx_whole_report_has_one_sheet_per_table(report):
    wb = load_workbook(io.BytesIO(table_xlsx(report)))
    assert wb.sheetnames == ["table2", "table3", "table4"]
    merged = {str(m) for m in wb["table4"].merged_cells.ranges}
    assert {"A2:E2", "F2:O2", "A3:A4"} <= merged


def test_json_downloads(report):
    content, ctype, name = export_table(report, "table4", "json")
    assert ctype.startswith("application/json") and name == "annual-report-2021-table4.json"
    assert json.loads(content)["rows"]["cases"]["review_total"] == 0
    assert load_report(report_json(report)) == report


def test_unknown_table_or_format(report):
    with pytest.raises(KeyError):
        export_table(report, "table9", "csv")
    with pytest.raises(KeyError):
        export_table(report, "table3", "pdf")


def test_filled_layout_attaches_findings_to_cells():
    r = with_cell(balanced_report("2019", 2019), "table3.granted.total", 2)
    layout = filled_layout(r, "table3", validate(r))
    cell = next(c for row in layout["body"] for c in row if c.get("location") == "table3.granted.total")
    assert cell["severity"] == "error" and cell["text"] == "2"

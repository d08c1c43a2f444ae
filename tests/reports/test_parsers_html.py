"""HTML importer on realistic 2019 and 2021 pages (merged cells, renamed rows, blanks)."""

import json

import pytest

from gi_wagtail.reports.findings import has_errors
from gi_wagtail.reports.parsers import ReportParseError, parse_bytes, parse_file
from gi_wagtail.reports.schema import dump_report
from gi_wagtail.reports.validator import validate
from tests.reports.factories import at

SECTIONS = ["preamble", "general", "proactive", "requests", "review_litigation", "problems", "other"]


@pytest.fixture
def r2021(fixtures_dir):
    return parse_file(fixtures_dir / "county-kjj-2021-report.html")


@pytest.fixture
def r2019(fixtures_dir):
    return parse_file(fixtures_dir / "district-kjj-2019-report.html")


def test_2021_page_metadata_and_sections(r2021):
    assert (r2021["format"], r2021["year"]) == ("2021", 2021)
    assert r2021["organisation"] == "示例县科学技术局"
    assert r2021["title"] == "示例县科学技术局2021年政府信息公开工作年度报告"
    assert list(r2021["sections"]) == SECTIONS
    assert r2021["sections"]["preamble"]["text"].startswith("本报告依据")  # breadcrumb and title left out
    assert "发出收费通知1件" in r2021["sections"]["other"]["text"]
    assert r2021["notes"] == []


def test_2021_table2_renamed_rows_spaces_units_and_blank(r2021):
    t2 = r2021["tables"]["table2"]
    assert t2["normative_docs"] == {"issued": 2, "repealed": 1, "in_force": 15}  # "规范性文件", "本年制发 件数", "２"
    assert t2["licensing"] == {"decisions": 36}
    assert t2["enforcement"] == {"decisions": None}  # blank stays blank
    assert t2["admin_fees"] == {"amount": 1.2}  # "12000元" in a 万元 column


def test_2021_table3_merged_labels_broken_headers_full_width_and_blanks(r2021):
    t3 = r2021["tables"]["table3"]
    assert len(t3) == 25
    assert t3["received"] == {
        "natural_person": 5,
        "org_business": 1,
        "org_research": 0,
        "org_public_interest": 0,
        "org_legal_service": 1,
        "org_other": 0,
        "total": 7,
    }
    assert t3["carried_in"]["natural_person"] == 1  # full-width "１"
    assert t3["withheld_4"]["org_legal_service"] == 1  # under the rowspan-8 group cell
    assert t3["other_2"]["natural_person"] == 1  # 2021-only row under （六）其他处理
    assert t3["other_3"]["total"] == 0
    assert t3["not_handled_3"]["org_business"] is None  # blank instead of 0
    assert t3["not_handled_3"]["natural_person"] == 0
    assert t3["handled_total"]["total"] == 8 and t3["carried_out"]["total"] == 0


def test_2021_table4_and_fees(r2021):
    cases = r2021["tables"]["table4"]["cases"]
    assert (cases["review_upheld"], cases["review_pending"], cases["review_total"]) == (1, 1, 2)
    assert cases["lit_after_review_total"] == 0
    assert r2021["fees"]["notices_count"] == 1 and r2021["fees"]["collected"] == 0


def test_2021_validation_reports_blanks_and_the_narrative_conflict(r2021):
    findings = validate(r2021)
    assert not has_errors(findings)
    assert not at(findings, "table3.not_handled_3.total", "R2")
    incomplete = at(findings, "table3", "R13")
    assert len(incomplete) == 1 and incomplete[0].code == "incomplete"
    assert "table3.not_handled_3.org_business" in incomplete[0].cells
    conflict = at(findings, "table4.cases.review_pending", "R10")
    assert conflict and "均获维持" in conflict[0].message
    assert not [f for f in findings if f.rule == "R11"]  # section 六 mentions 收费通知


def test_2019_page_gb2312_traditional_labels_and_signed_changes(r2019):
    assert (r2019["format"], r2019["year"], r2019["organisation"]) == ("2019", 2019, "示例区科学技术局")
    assert list(r2019["sections"]) == SECTIONS
    t2 = r2019["tables"]["table2"]
    assert t2["normative_docs"] == {"made": 3, "published": 3, "total_published": 21}  # 規範性文件
    assert t2["licensing"] == {"prev_count": 4, "change": -2, "decisions": 17}  # 行政許可
    assert t2["penalty"]["change"] == 1  # "+1", 行政處罰
    assert t2["admin_fees"] == {"prev_count": 0, "change": 0}
    assert t2["procurement"] == {"count": 3, "amount": 35.6}
    t3 = r2019["tables"]["table3"]
    assert len(t3) == 23 and "other" in t3
    assert t3["received"]["total"] == 2 and t3["granted"]["total"] == 2
    assert t3["unavailable_1"]["natural_person"] == 0  # 1.本機關不掌握相關政府信息
    assert t3["not_handled_2"]["natural_person"] == 0  # group label （五）不予處理
    assert t3["partial"]["total"] is None  # blank total column in middle rows
    findings = validate(r2019)
    assert not has_errors(findings)
    assert {(f.rule, f.location) for f in findings} == {("R13", "table3")}
    assert all(f.code == "incomplete" for f in findings)


def test_rows_in_a_combined_label_cell_and_unknown_rows(fixtures_dir):
    html = """<html><head><title>某局2022年政府信息公开工作年度报告</title></head><body>
    <p>一、总体情况</p><p>略。</p>
    <table>
    <tr><td rowspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td>
        <td colspan="7">申请人情况</td></tr>
    <tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>
    <tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>
    <tr><td>一、本年新收政府信息公开申请数量</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
    <tr><td>（三）不予公开 1.属于国家秘密</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>1</td></tr>
    <tr><td>（六）其他处理 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请</td>
        <td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td><td>0</td></tr>
    <tr><td>五、备注栏</td><td>9</td><td></td><td></td><td></td><td></td><td></td><td>9</td></tr>
    <tr><td>（七）总计</td><td>1</td><td>0</td><td>0</td><td>0</td><td>0</td><td>x</td><td>1</td></tr>
    </table></body></html>"""
    r = parse_bytes(html.encode(), "page.html")
    assert r["format"] == "2021"  # detected from the 2021-only row
    t3 = r["tables"]["table3"]
    assert t3["withheld_1"]["natural_person"] == 1
    assert t3["other_2"]["total"] == 0
    assert t3["handled_total"]["org_other"] is None
    notes = " ".join(r["notes"])
    assert "五、备注栏" in notes and "not recognised" in notes
    assert "table3.handled_total.org_other: cannot read 'x'" in notes
    assert "table2 was not found" in notes and "table4 was not found" in notes
    assert "row(s) not found and left blank" in notes


def test_json_import_round_trip(tmp_path, r2021):
    path = tmp_path / "report.json"
    path.write_text(dump_report(r2021), "utf-8")
    assert parse_file(path) == r2021


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("empty.txt", b"   \n", "the file is empty"),
        ("report.pdf", b"%PDF-1.7\n\x00\x01binary", "PDF and office documents are not supported"),
        ("x.bin", b"abc\x00def" * 10, "looks binary"),
        ("page.html", "<html><body><p>欢迎访问</p></body></html>".encode(), "no report tables and no numbered"),
        ("notes.txt", "这是一段没有标题的文字。".encode(), "no numbered section headings"),
        ("noyear.txt", "某局工作报告\n一、概述\n内容。".encode(), "report year could not be found"),
        ("bad.json", b'{"format": "2021", "year": 2021, "tables": {"table3": {"x": {}}}}', "unknown row"),
        ("broken.json", b'{"format": ', "invalid JSON at line 1"),
    ],
)
def test_unparseable_files_raise_clear_errors(name, data, message):
    with pytest.raises(ReportParseError, match=message):
        parse_bytes(data, name)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ReportParseError, match="cannot read"):
        parse_file(tmp_path / "nope.html")


def test_hostile_spans_do_not_blow_up():
    html = (
        "<html><title>某局2021年政府信息公开工作年度报告</title><body><p>一、总体情况</p>"
        '<table><tr><td rowspan="999999999" colspan="abc">本年新收</td></tr></table></body></html>'
    )
    r = parse_bytes(html.encode(), "x.html")
    assert json.loads(dump_report(r))["year"] == 2021

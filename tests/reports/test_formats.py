import pytest

from gi_wagtail.reports.formats import FORMATS, default_format_for_year, get_format
from gi_wagtail.reports.formats.layout import table_layout
from gi_wagtail.reports.formats.table3 import CORNER_LABEL
from gi_wagtail.reports.labels import core, label_matches, normalise


def test_table3_has_23_rows_in_2019_and_25_in_2021_by_7_columns():
    t19, t21 = get_format("2019").table3, get_format("2021").table3
    assert len(t19.rows) == 23 and len(t21.rows) == 25
    assert [c.key for c in t19.columns] == [
        "natural_person",
        "org_business",
        "org_research",
        "org_public_interest",
        "org_legal_service",
        "org_other",
        "total",
    ]
    assert sum(len(v) for v in t19.cell_keys().values()) == 161
    assert sum(len(v) for v in t21.cell_keys().values()) == 175
    assert "other" in t19.cell_keys() and "other" not in t21.cell_keys()
    assert {"other_1", "other_2", "other_3"} <= set(t21.cell_keys())


def test_labels_are_verbatim():
    t21 = get_format("2021").table3
    assert t21.corner_label == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert t21.row("partial").label == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert t21.row("withheld_3").label == "3.危及“三安全一稳定”"
    assert t21.row("other_2").label == "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert t21.row("carried_out").label == "四、结转下年度继续办理"
    t2 = get_format("2021").table2
    assert [b.label for b in t2.blocks] == [
        "第二十条第（一）项",
        "第二十条第（五）项",
        "第二十条第（六）项",
        "第二十条第（八）项",
    ]
    assert t2.block_of("admin_fees").columns[0].label == "本年收费金额（单位：万元）"
    t2_19 = get_format("2019").table2
    assert [r.key for r in t2_19.rows] == [
        "regulations",
        "normative_docs",
        "licensing",
        "other_services",
        "penalty",
        "enforcement",
        "admin_fees",
        "procurement",
    ]
    assert [c.label for c in t2_19.columns_of("licensing")] == ["上一年项目数量", "本年增/减", "处理决定数量"]


def test_table4_has_15_columns_in_three_groups():
    t4 = get_format("2021").table4
    assert len(t4.columns) == 15
    assert t4.columns[0].key == "review_upheld" and t4.columns[-1].key == "lit_after_review_total"
    assert [c.label for c in t4.columns[:5]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


@pytest.mark.parametrize("code,results_rows", [("2019", 20), ("2021", 22)])
def test_table3_layout_merges_headers_like_the_official_form(code, results_rows):
    layout = table_layout(get_format(code), "table3")
    corner = layout["head"][0][0]
    assert corner["text"] == CORNER_LABEL and (corner["rowspan"], corner["colspan"]) == (3, 3)
    assert layout["head"][0][1]["text"] == "申请人情况" and layout["head"][0][1]["colspan"] == 7
    assert layout["head"][1][1]["text"] == "法人或其他组织" and layout["head"][1][1]["colspan"] == 5
    spans = {c["text"]: c["rowspan"] for row in layout["body"] for c in row if c["th"] and c["rowspan"] > 1}
    assert spans["三、本年度办理结果"] == results_rows
    assert spans["（三）不予公开"] == 8 and spans["（四）无法提供"] == 3 and spans["（五）不予处理"] == 5
    assert ("（六）其他处理" in spans) == (code == "2021")
    # every body row spans exactly label columns + 7 data columns
    for row in layout["body"]:
        assert sum(c["colspan"] for c in row if not c["th"] or c["rowspan"] == 1) <= 10
    first = layout["body"][0]
    assert first[0]["colspan"] == 3 and first[0]["scope"] == "row"
    assert next(c["address"] for c in first[1:]) == ("received", "natural_person")


def test_table4_and_table2_layouts():
    fmt = get_format("2019")
    t4 = table_layout(fmt, "table4")
    assert [(c["text"], c["colspan"]) for c in t4["head"][0]] == [("行政复议", 5), ("行政诉讼", 10)]
    assert len(t4["body"][0]) == 15
    t2 = table_layout(fmt, "table2")
    assert t2["width"] == 4
    # every row of table 二 fills the full width
    for row in t2["body"]:
        assert sum(c["colspan"] for c in row) == 4


def test_default_format_for_year_but_formats_are_explicit():
    assert default_format_for_year(2012) == "2008"
    assert default_format_for_year(2020) == "2019"
    assert default_format_for_year(2023) == "2021"
    assert set(FORMATS) == {"2008", "2019", "2021"}
    with pytest.raises(KeyError, match="unknown report format"):
        get_format("2030")


def test_loose_label_matching():
    assert normalise("規範性文件") == "规范性文件"
    assert normalise("本年制发 件数") == normalise("本年制发件数")
    assert normalise("商业\n企业") == "商业企业"
    assert core("（三）不予公开") == "不予公开"
    assert core("１．属于国家秘密") == "属于国家秘密"
    assert core("三、本年度办理结果") == "本年度办理结果"
    row = get_format("2021").table2.rows[1]
    assert label_matches("规范性文件", row.label, row.aliases)
    assert label_matches("行政规范性文件", row.label, row.aliases)
    assert not label_matches("规章", row.label, row.aliases)

"""The legacy plain-text parser on the two seed reports (reference §1.9)."""

from gi_wagtail.reports.parsers import parse_bytes, parse_file
from gi_wagtail.reports.validator import validate
from tests.reports.conftest import GAOQING, YICHENG


def test_gaoqing_2012_sections_and_figures(seeds_dir):
    r = parse_file(seeds_dir / GAOQING)
    assert (r["format"], r["year"], r["organisation"]) == ("2008", 2012, "高青县科学技术局")
    assert r["title"] == "2012年政府信息公开工作年度报告"
    assert list(r["sections"]) == [
        "preamble",
        "general",
        "organisation",
        "proactive",
        "requests",
        "fees",
        "review_litigation",
        "secrecy",
        "problems",
    ]
    assert r["sections"]["proactive"]["heading"] == "三、主动公开政府信息以及公开平台建设情况"
    assert "统计期限是2012年1月1日至2012年12月31日" in r["sections"]["preamble"]["text"]
    assert "主动公开政府信息36条" in r["sections"]["proactive"]["text"]
    assert "未有公民、法人或其他组织提出政府信息公开申请" in r["sections"]["requests"]["text"]
    kf = r["key_figures"]
    assert kf["proactive_items"] == 36
    assert kf["catalogue_categories"] == 9
    assert kf["catalogue_category_names"][:3] == ["信息公开指南", "机构概况", "内设机构"]
    assert len(kf["catalogue_category_names"]) == 8  # the 9th category is not named in the text
    assert (kf["requests_received"], kf["requests_handled"]) == (0, 0)
    assert kf["fees_collected"] == 0
    assert (kf["admin_reviews"], kf["lawsuits"]) == (0, 0)
    assert validate(r) == []


def test_yicheng_2017_sections_figures_and_preamble_mismatch(seeds_dir):
    r = parse_file(seeds_dir / YICHENG)
    assert (r["format"], r["year"], r["organisation"]) == ("2008", 2017, "枣庄市峄城区科学技术局")
    assert list(r["sections"]) == [
        "preamble",
        "general",
        "proactive",
        "requests",
        "review_litigation",
        "problems",
        "other",
    ]
    assert r["sections"]["other"]["heading"] == "六、其他需要报告的事项"
    assert "无政府信息公开公开收费及减免" in r["sections"]["other"]["text"]
    kf = r["key_figures"]
    assert kf["proactive_items"] is None  # the seed states no count: stays blank, not 0
    assert kf["catalogue_categories"] is None
    assert (kf["requests_received"], kf["requests_handled"]) == (0, 0)
    assert (kf["admin_reviews"], kf["lawsuits"], kf["fees_collected"]) == (0, 0, 0)
    assert r["notes"] == ["The preamble announces 7 parts but the body has 6 numbered headings."]
    assert validate(r) == []


def test_seeds_in_gbk_encoding_parse_the_same(seeds_dir):
    for name in (GAOQING, YICHENG):
        text = (seeds_dir / name).read_text("utf-8")
        assert parse_bytes(text.encode("gb18030"), name) == parse_file(seeds_dir / name)


def test_seed_forced_into_2021_format_keeps_tables_blank(seeds_dir):
    r = parse_file(seeds_dir / YICHENG, format="2021")
    assert r["tables"]["table3"]["received"]["total"] is None
    assert "Plain text has no tables" in r["notes"][-1]
    # the narrative says no requests: rule 12 reports the blank cells once
    assert [f.rule for f in validate(r) if f.rule == "R12"] == ["R12"]

"""The analysis pipeline: what a citizen types must meet what an editor wrote."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gi_wagtail.search.analysis import (
    ENCODED_LENGTH,
    MAX_GROUPS,
    MAX_QUERY_CHARS,
    encode_term,
    index_terms,
    index_text,
    parse_query,
)
from gi_wagtail.search.synonyms import SynonymTable, parse_lines, shipped_groups
from gi_wagtail.text.normalise import normalise


@pytest.fixture(autouse=True)
def shipped_synonyms_only(monkeypatch):
    """These tests need no database: use data/synonyms.txt alone."""
    from gi_wagtail.search import synonyms

    monkeypatch.setattr(synonyms, "_providers", [])
    synonyms.invalidate()
    yield
    synonyms.invalidate()


def matches(query: str, text: str) -> bool:
    """Boolean semantics every backend implements: all groups, any alternative,
    all terms of the alternative."""
    terms = set(index_terms(text))
    parsed = parse_query(query)
    return bool(parsed) and all(any(set(alt.terms) <= terms for alt in group.alternatives) for group in parsed.groups)


def test_normalise_full_width_traditional_and_case():
    assert normalise("ＧＤＰ　２０２３") == "gdp 2023"
    assert normalise("科學技術局年度報告") == "科学技术局年度报告"
    assert normalise("〔2017〕5号") == " 2017 5号"


@pytest.mark.parametrize(
    "query,text",
    [
        ("扬尘", "施工现场扬尘污染防治工作"),  # word inside unspaced text
        ("加计扣除", "可按规定享受研发费用税前加计扣除等优惠政策"),
        ("中小企业", "科技型中小企业评价工作的通知"),
        ("企业评价", "科技型中小企业评价工作的通知"),  # crosses a segmenter word boundary
        ("防汛", "做好汛期防汛抗旱工作"),
        ("局", "科学技术局"),  # one character
        ("科学技术局", "高岭县科學技術局"),  # traditional document, simplified query
        ("老舊小區改造", "城镇老旧小区改造计划"),  # traditional query, simplified document
        ("ppp", "污水处理厂PPP项目"),
        ("ＰＰＰ", "污水处理厂PPP项目"),  # full-width query
        ("12345", "12345政务服务便民热线"),
    ],
)
def test_query_finds_text(query, text):
    assert matches(query, text)


@pytest.mark.parametrize(
    "query,text",
    [
        ("扬尘", "施工现场噪声污染防治"),
        ("12345", "联系电话1234567"),  # numbers are whole tokens
        ("科技局", "技术局科学"),  # bigrams must all be present
    ],
)
def test_query_does_not_find_unrelated_text(query, text):
    assert not matches(query, text)


@pytest.mark.parametrize(
    "query",
    [
        "〔2017〕5号",
        "[2017]5号",
        "2017 5号",
        "【2017】5号",
        "(2017)5号",
        "（2017）5号",
        "［２０１７］５号",
        "2017第5号",
        "〔2017〕05号",
    ],
)
def test_document_number_bracket_forms(query):
    assert matches(query, "高科发〔2017〕5号")
    assert not matches(query, "高科发〔2017〕15号")
    assert not matches(query, "高科发〔2016〕5号")


def test_document_number_with_prefix():
    assert matches("高科发[2023]12号", "高科发〔2023〕12号")
    assert not matches("岚科发[2023]12号", "高科发〔2023〕12号")


@pytest.mark.parametrize(
    "query,text",
    [
        ("科技局", "高岭县科学技术局关于开展工作的通知"),
        ("科学技术局", "县科技局关于开展工作的通知"),
        ("年报", "2022年政府信息公开工作年度报告"),
        ("年度报告", "科技局2022年报"),
        ("县府办", "高岭县人民政府办公室关于印发要点的通知"),
        ("县人民政府办公室", "县府办关于印发要点的通知"),
        ("科技局年报", "高岭县科学技术局2021年政府信息公开工作年度报告"),
        ("高企", "高新技术企业认定"),
        ("gdp", "全县地区生产总值同比增长"),
    ],
)
def test_synonyms_expand_both_ways(query, text):
    assert matches(query, text)


def test_synonym_group_is_an_or_not_an_and():
    parsed = parse_query("年报")
    assert len(parsed.groups) == 1
    assert {a.surface for a in parsed.groups[0].alternatives} >= {"年报", "年度报告"}


def test_editor_synonyms_table():
    table = SynonymTable(parse_lines(["# comment", "数据局 大数据发展管理局", "single"]))
    parsed = parse_query("数据局", table=table)
    assert {a.surface for a in parsed.groups[0].alternatives} == {"数据局", "大数据发展管理局"}


def test_shipped_synonyms_are_well_formed():
    groups = shipped_groups()
    assert len(groups) >= 40
    assert ["科技局", "科学技术局"] in groups


def test_ascii_synonym_needs_word_boundary():
    # "ip" must not fire inside "zip"
    parsed = parse_query("zip")
    assert [a.surface for g in parsed.groups for a in g.alternatives] == ["zip"]


HOSTILE = [
    "",
    "   ",
    "'",
    '"',
    '" OR 1=1 --',
    "'; DROP TABLE gi_wagtail_searchentry; --",
    "title:secret AND NOT body:* NEAR(a b) ^ -x +y",
    "<script>alert('x')</script>",
    "😀🚀" * 100,
    "\x00\x01\x02",
    "科" * 100_000,
    "a" * 100_000,
    "\u202e\u200b\ufeff",
    "%_%",
    "\\",
]


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_produce_only_plain_terms(query):
    parsed = parse_query(query)
    assert len(parsed.groups) <= MAX_GROUPS
    assert len(parsed.normalised) <= MAX_QUERY_CHARS
    for group in parsed.groups:
        for alt in group.alternatives:
            for term in alt.encoded:
                assert re.fullmatch(rf"[a-z]{{{ENCODED_LENGTH}}}", term)


def test_empty_and_symbol_only_queries_are_empty():
    for q in ["", "  ", "😀", "!!!", "〔〕", None]:
        assert not parse_query(q)


def test_encoded_terms_are_fixed_length_lowercase_ascii():
    encoded = index_text("高科发〔2023〕12号 科技局 GDP").split()
    assert encoded and all(re.fullmatch(r"[a-z]{14}", t) for t in encoded)
    assert encode_term("科技") == encode_term("科技")
    assert encode_term("科技") != encode_term("技科")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_any_text_parses_to_safe_terms(text):
    parsed = parse_query(text)
    for group in parsed.groups:
        assert group.alternatives
        for alt in group.alternatives:
            assert alt.terms
            assert all(re.fullmatch(r"[a-z]{14}", t) for t in alt.encoded)
    for term in index_text(text).split():
        assert re.fullmatch(r"[a-z]{14}", term)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=30))
def test_any_chinese_text_finds_itself(text):
    assert matches(text, "前文" + text + "后文")


def test_quotes_do_not_split_words():
    assert matches("三公经费", "部门预算及“三公”经费预算说明")
    assert matches("放管服改革", "深化“放管服”改革")
    assert matches("条例", "根据《中华人民共和国政府信息公开条例》")


def test_unknown_words_are_not_glued_to_neighbours():
    # rjieba's HMM would make 县扬尘 one word; dictionary mode keeps 扬尘 apart
    # in the loose form used when the strict query finds nothing.
    loose = parse_query("高岭县扬尘污染防治", loose=True)
    terms = set(index_terms("高岭县住建局关于加强建筑工地扬尘污染防治工作的通知"))
    assert all(any(set(a.terms) <= terms for a in g.alternatives) for g in loose.groups)


def test_synonyms_file_setting(tmp_path, settings):
    from gi_wagtail.search import synonyms

    path = tmp_path / "extra.txt"
    path.write_text("# 本地简称\n数据局 大数据发展管理局\n", encoding="utf-8")
    settings.GI_WAGTAIL = {**getattr(settings, "GI_WAGTAIL", {}), "SYNONYMS_FILE": str(path)}
    synonyms.invalidate()
    assert matches("数据局", "大数据发展管理局关于数据共享的通知")
    settings.GI_WAGTAIL = {**settings.GI_WAGTAIL, "SYNONYMS_FILE": str(tmp_path / "missing.txt")}
    synonyms.invalidate()
    assert not matches("数据局", "大数据发展管理局关于数据共享的通知")

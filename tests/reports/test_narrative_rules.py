"""R10: every figure the narrative states about tables 三 and 四, checked on normalised text (issue #17)."""

import pytest

from gi_wagtail.reports.validator import validate
from tests.reports.factories import balanced_report, with_cell, with_text

# 20 handled: granted 10, partial 2, withheld 1, unavailable 4, not handled 2, other 1
OUTCOMES = {
    "granted": {"natural_person": 9, "org_business": 1},
    "partial": {"natural_person": 2},
    "withheld_4": {"natural_person": 1},
    "unavailable_1": {"natural_person": 3},
    "unavailable_2": {"org_legal_service": 1},
    "not_handled_2": {"natural_person": 2},
    "other_3": {"natural_person": 1},
}
TABLE4 = {"review_upheld": 2, "lit_direct_upheld": 1, "lit_after_review_pending": 1}
CONSISTENT = (
    "2021年共收到政府信息公开申请二十件，上年结转0件。予以公开及部分公开12件，占60%；不予公开1件，占5%；"
    "无法提供4件，占20%；不予处理2件，占10%；其他处理1件，占5%。结转下年度0件。"
)


def report(text, **changes):
    r = balanced_report("2021", 2021, outcomes=OUTCOMES, table4=TABLE4)
    for address, value in changes.items():
        r = with_cell(r, address.replace("__", "."), value)
    return with_text(r, "general", text)


def conflicts(r):
    return [f for f in validate(r) if f.rule == "R10" and f.code == "conflict"]


def test_a_consistent_narrative_raises_nothing():
    assert conflicts(report(CONSISTENT)) == []
    assert conflicts(report("行政复议2件，均获维持。")) == []


def test_traditional_full_width_and_chinese_numerals_are_read():
    text = "共收到政府資訊公開申請２１件。予以公開及部分公開十二件。"
    (found,) = conflicts(report(text))
    assert found.cells == ("table3.received.total",)
    assert "21" in found.message and "20" in found.message


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("予以公开及部分公开13件。", ("table3.granted.total", "table3.partial.total")),
        ("不予公开2件。", tuple(f"table3.withheld_{i}.total" for i in range(1, 9))),
        ("无法提供3件。", ("table3.unavailable_1.total", "table3.unavailable_2.total", "table3.unavailable_3.total")),
        ("不予处理1件。", tuple(f"table3.not_handled_{i}.total" for i in range(1, 6))),
        ("其他处理2件。", ("table3.other_1.total", "table3.other_2.total", "table3.other_3.total")),
        ("上年结转3件。", ("table3.carried_in.total",)),
        ("行政复议3件。", ("table4.cases.review_total",)),
        ("诉讼1件。", ("table4.cases.lit_direct_total", "table4.cases.lit_after_review_total")),
    ],
)
def test_each_group_is_the_sum_of_its_rows(text, cells):
    (found,) = conflicts(report(text))
    assert found.cells == cells
    assert "table3." not in found.message and "table4." not in found.message
    assert "“" + text.rstrip("。") in found.message  # the sentence is quoted


def test_combined_phrase_is_not_read_as_partial_alone():
    findings = conflicts(report("予以公开及部分公开12件，部分公开2件。"))
    assert findings == []


def test_all_upheld_checks_reviews_and_lawsuits_separately():
    (found,) = conflicts(report("行政复议2件，行政诉讼2件，均获维持。"))
    assert found.cells == ("table4.cases.lit_after_review_pending",)
    assert conflicts(report("行政复议2件，均获维持。")) == []  # about reviews only


def test_shares_are_checked_against_the_counts_and_against_100_percent():
    wrong_share = CONSISTENT.replace("占20%", "占30%").replace("占60%", "占50%")
    messages = [f.message for f in conflicts(report(wrong_share))]
    assert any("30" in m and "20.0" in m for m in messages)  # 4 of 20 is 20 %, not 30 %
    assert any("50" in m and "60.0" in m for m in messages)
    assert not any("100" in m for m in messages)  # 50+5+30+10+5 adds up to 100
    short = CONSISTENT.replace("不予处理2件，占10%；", "不予处理2件，占1%；")
    assert any("91" in f.message for f in conflicts(report(short)))


def test_unknown_table_side_is_not_a_conflict():
    r = report("行政复议0件，行政诉讼0件。")
    for col in ("review_total", "lit_direct_total", "lit_after_review_total"):
        r = with_cell(r, f"table4.cases.{col}", None)
    assert conflicts(r) == []


def test_row_with_a_blank_total_is_read_from_its_applicant_cells():
    r = report("部分公开2件。", table3__partial__total=None)
    assert conflicts(r) == []
    r = report("部分公开5件。", table3__partial__total=None)
    (found,) = conflicts(r)
    assert "5" in found.message and "2" in found.message

"""Every validation rule of reference §1.7, positive and negative, on both table formats."""

import pytest

from gi_wagtail.reports.findings import ERROR, INFO, WARNING, has_errors
from gi_wagtail.reports.schema import empty_report
from gi_wagtail.reports.validator import summary, validate
from tests.reports.factories import at, balanced_report, rules_of, with_cell, with_text

FORMATS = pytest.mark.parametrize("code,year", [("2019", 2019), ("2021", 2021)])

SAMPLE = {
    "granted": {"natural_person": 3, "org_business": 1},
    "partial": {"natural_person": 1},
    "withheld_4": {"org_legal_service": 1},
    "unavailable_1": {"natural_person": 2},
}


@FORMATS
def test_balanced_report_has_no_findings(code, year):
    findings = validate(
        balanced_report(code, year, outcomes=SAMPLE, carried_in={"natural_person": 1}, carried_out={"org_business": 1})
    )
    assert findings == []


# ---- rule 1 -------------------------------------------------------------


@FORMATS
def test_rule1_balance_error_names_the_numbers(code, year):
    report = balanced_report(code, year, outcomes=SAMPLE)
    report = with_cell(report, "table3.carried_out.natural_person", 2)
    report = with_cell(report, "table3.carried_out.total", report["tables"]["table3"]["carried_out"]["total"] + 2)
    findings = validate(report)
    hits = at(findings, "table3.received.natural_person", "R1", ERROR)
    assert len(hits) == 1
    msg = hits[0].message
    assert "自然人" in msg and "= 6" in msg and "= 8" in msg
    assert at(findings, "table3.received.total", "R1", ERROR)
    assert "R2" not in rules_of(findings) and "R3" not in rules_of(findings)


@FORMATS
def test_rule1_with_blank_cell_is_incomplete_warning_not_error(code, year):
    report = with_cell(balanced_report(code, year, outcomes=SAMPLE), "table3.carried_in.org_research", None)
    findings = validate(report)
    assert not at(findings, "table3.received.org_research", "R1")
    hit = at(findings, "table3", "R13")
    assert [f.severity for f in hit] == [WARNING] and hit[0].code == "incomplete"
    assert hit[0].cells == ("table3.carried_in.org_research",)
    assert "R1：“科研机构”列" in hit[0].message and "R3" not in hit[0].message
    assert not has_errors(findings)


# ---- rule 2 -------------------------------------------------------------


@FORMATS
def test_rule2_row_total(code, year):
    report = with_cell(balanced_report(code, year, outcomes=SAMPLE), "table3.granted.total", 5)
    hits = at(validate(report), "table3.granted.total", "R2", ERROR)
    assert hits and "total is 5" in hits[0].message and "add up to 4" in hits[0].message


# ---- rule 3 -------------------------------------------------------------


@FORMATS
def test_rule3_outcomes_sum_to_handled_total(code, year):
    report = balanced_report(code, year, outcomes=SAMPLE)
    other = "other" if code == "2019" else "other_3"
    report = with_cell(report, f"table3.{other}.natural_person", 1)
    report = with_cell(report, f"table3.{other}.total", 1)
    findings = validate(report)
    hits = at(findings, "table3.handled_total.natural_person", "R3", ERROR)
    assert hits and "handled total is 6" in hits[0].message and "add up to 7" in hits[0].message
    assert at(findings, "table3.handled_total.total", "R3", ERROR)


def test_rule3_uses_the_2021_other_rows():
    report = balanced_report("2021", 2021, outcomes={"other_1": {"natural_person": 1}, "other_2": {"org_business": 2}})
    assert rules_of(validate(report)) == {"R11"}  # only the fee-notice text hint
    assert report["tables"]["table3"]["handled_total"]["total"] == 3


# ---- rule 4 -------------------------------------------------------------


@FORMATS
@pytest.mark.parametrize("group", ["review", "lit_direct", "lit_after_review"])
def test_rule4_table4_group_totals(code, year, group):
    report = balanced_report(code, year, table4={f"{group}_upheld": 2, f"{group}_pending": 1})
    assert not has_errors(validate(report))
    report = with_cell(report, f"table4.cases.{group}_total", 2)
    hits = at(validate(report), f"table4.cases.{group}_total", "R4", ERROR)
    assert hits and "total is 2" in hits[0].message and "= 3" in hits[0].message


def test_rule4_blank_is_incomplete():
    report = with_cell(balanced_report("2021", 2021), "table4.cases.review_pending", None)
    findings = validate(report)
    assert not at(findings, "table4.cases.review_total", "R4")
    hit = at(findings, "table4", "R13")
    assert hit and hit[0].severity == WARNING and hit[0].code == "incomplete"
    assert hit[0].label == "表四" and "行政复议" in hit[0].message


# ---- rule 5 -------------------------------------------------------------


@FORMATS
def test_rule5_negative_and_fractional_counts(code, year):
    report = balanced_report(code, year)
    report = with_cell(report, "table3.withheld_1.org_other", -1)
    report = with_cell(report, "table4.cases.lit_direct_other", 1.5)
    findings = validate(report)
    assert at(findings, "table3.withheld_1.org_other", "R5", ERROR)[0].message.endswith("-1 is negative.")
    assert "1.5 is not a whole number" in at(findings, "table4.cases.lit_direct_other", "R5")[0].message


def test_rule5_signed_change_and_amounts_allowed_in_2019():
    report = balanced_report("2019", 2019)
    report = with_cell(report, "table2.licensing.prev_count", 5)
    report = with_cell(report, "table2.licensing.change", -2)
    report = with_cell(report, "table2.procurement.amount", 35.6)
    assert validate(report) == []
    report = with_cell(report, "table2.procurement.amount", -1)
    assert at(validate(report), "table2.procurement.amount", "R5", ERROR)


def test_rule5_2021_fee_amount_is_decimal_but_not_negative():
    report = with_cell(balanced_report("2021", 2021), "table2.admin_fees.amount", 1.25)
    assert validate(report) == []
    report = with_cell(report, "table2.admin_fees.amount", -0.5)
    assert at(validate(report), "table2.admin_fees.amount", "R5", ERROR)
    report = with_cell(balanced_report("2021", 2021), "table2.normative_docs.issued", -1)
    assert at(validate(report), "table2.normative_docs.issued", "R5", ERROR)


def test_rule5_fee_figures_and_2008_key_figures():
    report = balanced_report("2021", 2021)
    report["fees"]["notices_count"] = 1.5
    assert at(validate(report), "fees.notices_count", "R5", ERROR)
    legacy = empty_report("2008", 2012)
    legacy["key_figures"]["proactive_items"] = -3
    assert at(validate(legacy), "key_figures.proactive_items", "R5", ERROR)


# ---- rule 6 -------------------------------------------------------------


@FORMATS
def test_rule6_carry_over_matches_previous_year(code, year):
    previous = balanced_report(code, year - 1, outcomes=SAMPLE, carried_out={"natural_person": 2})
    current = balanced_report(code, year, outcomes=SAMPLE, carried_in={"natural_person": 2})
    assert validate(current, previous=previous) == []
    wrong = balanced_report(code, year, outcomes=SAMPLE, carried_in={"natural_person": 1})
    hits = at(validate(wrong, previous=previous), "table3.carried_in.natural_person", "R6", ERROR)
    assert hits and "is 1" in hits[0].message and f"{year - 1} report carried forward 2" in hits[0].message


def test_rule6_across_the_2019_to_2021_format_change():
    previous = balanced_report("2019", 2020, outcomes=SAMPLE, carried_out={"org_research": 1})
    current = balanced_report("2021", 2021, outcomes=SAMPLE)
    assert at(validate(current, previous=previous), "table3.carried_in.org_research", "R6", ERROR)


def test_rule6_skipped_with_info_when_previous_is_not_last_year():
    previous = balanced_report("2021", 2019, carried_out={"natural_person": 5})
    findings = validate(balanced_report("2021", 2021), previous=previous)
    assert rules_of(findings) == {"R6"} and findings[0].severity == INFO


# ---- rule 7 -------------------------------------------------------------


def test_rule7_documents_in_force_is_a_warning():
    previous = with_cell(balanced_report("2021", 2021), "table2.normative_docs.in_force", 10)
    current = balanced_report("2021", 2022)
    for col, n in (("issued", 3), ("repealed", 1), ("in_force", 12)):
        current = with_cell(current, f"table2.normative_docs.{col}", n)
    assert validate(current, previous=previous) == []
    current = with_cell(current, "table2.normative_docs.in_force", 11)
    hits = at(validate(current, previous=previous), "table2.normative_docs.in_force", "R7")
    assert [h.severity for h in hits] == [WARNING]
    assert "10 + issued 3 - repealed 1 = 12" in hits[0].message


# ---- rule 8 -------------------------------------------------------------


def test_rule8_published_not_more_than_total():
    report = balanced_report("2019", 2019)
    report = with_cell(report, "table2.normative_docs.published", 5)
    report = with_cell(report, "table2.normative_docs.total_published", 4)
    hits = at(validate(report), "table2.normative_docs.published", "R8", ERROR)
    assert hits and "(5)" in hits[0].message and "(4)" in hits[0].message
    ok = with_cell(report, "table2.normative_docs.total_published", 21)
    assert validate(ok) == []


def test_rule8_previous_count_plus_change_not_negative():
    report = balanced_report("2019", 2019)
    report = with_cell(report, "table2.penalty.prev_count", 2)
    report = with_cell(report, "table2.penalty.change", -3)
    assert at(validate(report), "table2.penalty.change", "R8", ERROR)
    assert validate(with_cell(report, "table2.penalty.change", -2)) == []


def test_rule8_cross_year_item_counts_warning():
    previous = balanced_report("2019", 2019)
    previous = with_cell(previous, "table2.licensing.prev_count", 4)
    previous = with_cell(previous, "table2.licensing.change", -1)
    current = with_cell(balanced_report("2019", 2020), "table2.licensing.prev_count", 3)
    assert validate(current, previous=previous) == []
    current = with_cell(current, "table2.licensing.prev_count", 4)
    hits = at(validate(current, previous=previous), "table2.licensing.prev_count", "R8", WARNING)
    assert hits and "4 -1 = 3" in hits[0].message


# ---- rule 9 -------------------------------------------------------------


def test_rule9_pending_cases_hint():
    previous = balanced_report("2021", 2021, table4={"review_pending": 2})
    current = balanced_report("2021", 2022, table4={"review_upheld": 1})
    hits = at(validate(current, previous=previous), "table4.cases.review_pending", "R9")
    assert [h.severity for h in hits] == [INFO] and "2 case(s)" in hits[0].message
    resolved = balanced_report("2021", 2022, table4={"review_upheld": 1, "review_corrected": 1})
    assert validate(resolved, previous=previous) == []


# ---- rule 10 ------------------------------------------------------------


@FORMATS
def test_rule10_narrative_numbers_match_the_tables(code, year):
    report = balanced_report(code, year, outcomes=SAMPLE)  # received 8, granted 4, partial 1
    good = with_text(report, "general", "本年度共收到政府信息公开申请8件，予以公开4件，部分公开1件。")
    assert validate(good) == []
    bad = with_text(report, "general", "本年度共收到政府信息公开申请９件，予以公开4件，部分公开2件。")
    findings = validate(bad)
    received = at(findings, "table3.received.total", "R10", WARNING)
    assert received and "states 9" in received[0].message and "is 8" in received[0].message
    assert at(findings, "table3.partial.total", "R10", WARNING)
    assert not at(findings, "table3.granted.total", "R10")


def test_rule10_all_upheld_but_table_shows_pending():
    report = balanced_report("2021", 2021, table4={"review_upheld": 1, "review_pending": 1})
    report = with_text(report, "general", "全年被申请行政复议2件，均获维持。")
    findings = validate(report)
    hits = at(findings, "table4.cases.review_pending", "R10", WARNING)
    assert hits and "尚未审结" in hits[0].message
    assert not at(findings, "table4.cases.review_total", "R10")  # 2 == 2


def test_rule10_litigation_and_no_review_statements():
    report = balanced_report("2021", 2021, table4={"lit_direct_upheld": 1, "lit_after_review_pending": 1})
    report = with_text(report, "general", "未发生行政复议。行政诉讼3件。")
    findings = validate(report)
    assert not at(findings, "table4.cases.review_total", "R10")
    hits = at(findings, "table4.cases.lit_direct_total", "R10")
    assert hits and "states 3" in hits[0].message and "is 2" in hits[0].message


def test_rule10_on_2008_key_figures():
    report = empty_report("2008", 2012)
    report["key_figures"]["proactive_items"] = 30
    report["sections"]["proactive"]["text"] = "主动公开政府信息36条。"
    hits = at(validate(report), "key_figures.proactive_items", "R10", WARNING)
    assert hits and "states 36" in hits[0].message and "is 30" in hits[0].message


def test_rule10_fee_statement_against_fee_figures():
    report = balanced_report("2021", 2021)
    report["fees"]["collected"] = 100
    report = with_text(report, "other", "实际收取信息处理费共计300元。")
    assert at(validate(report), "fees.collected", "R10", WARNING)


# ---- rule 11 ------------------------------------------------------------


def test_rule11_unpaid_fees_need_fee_notice_text():
    report = balanced_report("2021", 2021, outcomes={"other_2": {"natural_person": 1}})
    hits = at(validate(report), "table3.other_2.total", "R11", WARNING)
    assert hits and "1 request(s)" in hits[0].message
    ok = with_text(report, "other", "本年度发出收费通知1件，申请人逾期未缴纳。")
    assert not at(validate(ok), "table3.other_2.total", "R11")


def test_rule11_not_applicable_to_2019():
    report = balanced_report("2019", 2019, outcomes={"other": {"natural_person": 1}})
    assert "R11" not in rules_of(validate(report))


# ---- rule 12 ------------------------------------------------------------


@FORMATS
def test_rule12_no_requests_means_all_zero(code, year):
    zero = with_text(balanced_report(code, year), "requests", "本年度未收到政府信息公开申请。")
    assert validate(zero) == []
    report = with_text(balanced_report(code, year, outcomes=SAMPLE), "requests", "本年度未收到政府信息公开申请。")
    (finding,) = [f for f in validate(report) if f.rule == "R12"]  # one finding, naming every non-zero cell
    assert "table3.granted.natural_person" in finding.cells and "table3.received.total" in finding.cells
    assert "table3.withheld_1.total" not in finding.cells
    assert finding.severity == WARNING and finding.code == "conflict"
    assert "table3." not in finding.message and "表三" in finding.message


def test_rule12_organisations_only_is_not_no_requests():
    report = with_text(
        balanced_report("2021", 2021, outcomes=SAMPLE),
        "requests",
        "本年度未收到法人或者其他组织提出的政府信息公开申请。",
    )
    assert "R12" not in rules_of(validate(report))


def test_rule12_blank_cells_reported_once():
    report = with_text(empty_report("2021", 2021), "requests", "未有公民、法人或其他组织提出政府信息公开申请。")
    hits = at(validate(report), "table3", "R12")
    assert len(hits) == 1 and hits[0].severity == INFO and "175 blank" in hits[0].message


def test_rule12_not_triggered_by_row_labels_or_review_wording():
    report = balanced_report("2021", 2021, outcomes=SAMPLE)
    report = with_text(
        report,
        "requests",
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请的0件。"
        "没有发生因政府信息公开申请行政复议的情况。",
    )
    assert "R12" not in rules_of(validate(report))


def test_rule12_on_2008_key_figures():
    report = empty_report("2008", 2012)
    report["key_figures"]["requests_received"] = 2
    report["sections"]["requests"]["text"] = "2012年度，未有公民、法人或其他组织提出政府信息公开申请。"
    assert at(validate(report), "key_figures.requests_received", "R12", WARNING)


# ---- general ------------------------------------------------------------


def test_empty_table_report_is_all_incomplete_warnings_no_errors():
    findings = validate(empty_report("2021", 2021))
    counts = summary(findings)
    assert counts["error"] == 0 and counts["warning"] > 0
    assert {f.code for f in findings} == {"incomplete"}
    assert sorted(f.location for f in findings) == ["table2", "table3", "table4"]


def test_findings_sorted_errors_first_and_serialisable():
    report = with_cell(balanced_report("2021", 2021), "table3.granted.total", 5)
    report = with_text(report, "general", "共收到申请3件。")
    findings = validate(report)
    assert findings[0].severity == ERROR
    d = findings[0].as_dict()
    assert set(d) == {"rule", "severity", "location", "label", "message", "code", "cells"}
    assert d["label"] == "表三“（一）予以公开”行“总计”列"


def test_validate_accepts_raw_dicts_and_rejects_bad_shape():
    from gi_wagtail.reports.schema import SchemaError

    assert validate({"format": "2008", "year": 2012}) == []
    with pytest.raises(SchemaError):
        validate({"format": "2021"})

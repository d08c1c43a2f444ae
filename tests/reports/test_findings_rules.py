"""Findings an editor can act on: one completeness finding per table, printed labels, errors first."""

from gi_wagtail.reports.findings import ERROR, INFO, WARNING
from gi_wagtail.reports.parsers import parse_file
from gi_wagtail.reports.validator import grouped_by_table, validate
from tests.reports.factories import balanced_report, with_cell

REAL_REPORTS = ("county-kjj-2021-report.html", "district-kjj-2019-report.html")


def test_real_complete_reports_give_at_most_one_incomplete_finding_per_table(fixtures_dir):
    for name in REAL_REPORTS:
        findings = validate(parse_file(str(fixtures_dir / name)))
        incomplete = [f for f in findings if f.code == "incomplete"]
        tables = [f.location for f in incomplete]
        assert len(tables) == len(set(tables)) and set(tables) <= {"table2", "table3", "table4"}, name
        assert all(f.rule == "R13" for f in incomplete)
        assert len(findings) <= 4, [f.message for f in findings]


def test_completeness_lists_printed_blanks_and_the_skipped_checks():
    report = with_cell(balanced_report("2021", 2021), "table3.granted.total", None)
    report = with_cell(report, "table3.partial.org_business", None)
    (finding,) = [f for f in validate(report) if f.code == "incomplete"]
    assert (finding.rule, finding.severity, finding.location, finding.label) == ("R13", WARNING, "table3", "表三")
    assert finding.cells == ("table3.granted.total", "table3.partial.org_business")
    message = finding.message
    assert "2 cell(s) are printed blank" in message and "not known" not in message
    assert "表三“（一）予以公开”行“总计”列" in message
    assert "表三“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行“法人或其他组织·商业企业”列" in message
    assert "R2：“（一）予以公开”行、“（二）部分公开" in message
    assert "R3：“商业企业”列、“总计”列" in message
    assert "R1" not in message  # the balance rows are all filled


def test_missing_cells_are_told_apart_from_printed_blanks():
    report = with_cell(balanced_report("2021", 2021), "table4.cases.review_other", None)
    report = with_cell(report, "table4.cases.lit_direct_other", None)
    report["missing"] = ["table4.cases.review_other"]
    (finding,) = [f for f in validate(report) if f.code == "incomplete"]
    assert finding.location == "table4" and finding.severity == WARNING
    assert finding.cells == ("table4.cases.review_other", "table4.cases.lit_direct_other")
    assert finding.params["missing_count"] == 1 and finding.params["blank_count"] == 1
    assert "not known (not read from the source: 表四“行政复议·其他结果”列)" in finding.message
    assert "printed blank (表四“未经复议直接起诉·其他结果”列)" in finding.message


def test_blanks_no_check_needs_are_a_hint_not_a_warning():
    report = with_cell(balanced_report("2021", 2021), "table2.regulations.issued", None)
    (finding,) = [f for f in validate(report) if f.code == "incomplete"]
    assert (finding.location, finding.severity) == ("table2", INFO)
    assert "No check needed these cells." in finding.message


def test_every_finding_has_a_printed_label_and_messages_do_not_start_with_keys():
    report = with_cell(balanced_report("2021", 2021), "table3.granted.total", 9)
    report = with_cell(report, "table4.cases.review_total", 7)
    report = with_cell(report, "table3.partial.org_other", None)
    report["fees"]["notices_count"] = -1
    findings = validate(report)
    assert {f.rule for f in findings} >= {"R2", "R4", "R5", "R13"}
    for f in findings:
        assert f.label and not f.label.startswith(("table", "fees", "key_figures")), f
        assert not f.message.startswith(("table", "fees.", "key_figures.")), f.message
        assert f.as_dict()["label"] == f.label and f.as_dict()["location"] == f.location
    fee = next(f for f in findings if f.location == "fees.notices_count")
    assert fee.label == "六、收费情况“收费通知件数”" and fee.message.startswith("六、收费情况")


def test_errors_first_then_table_order_and_grouped_per_table():
    report = with_cell(balanced_report("2021", 2021), "table4.cases.review_total", 7)
    report = with_cell(report, "table3.granted.total", 9)
    report = with_cell(report, "table2.regulations.issued", None)
    report = with_cell(report, "table3.partial.org_other", None)
    findings = validate(report)
    severities = [f.severity for f in findings]
    assert severities == sorted(severities, key=[ERROR, WARNING, INFO].index)
    errors = [f.location.split(".")[0] for f in findings if f.severity == ERROR]
    assert errors == sorted(errors) and errors[0] == "table3" and errors[-1] == "table4"
    groups = grouped_by_table(findings)
    assert [heading.split(" · ")[1] for heading, _ in groups] == ["表三", "表四", "表三", "表二"]
    assert [{f.severity for f in group} for _, group in groups] == [{ERROR}, {ERROR}, {WARNING}, {INFO}]


def test_carry_over_skipped_for_a_blank_is_named_in_the_completeness_finding():
    previous = balanced_report("2021", 2020)
    current = with_cell(balanced_report("2021", 2021), "table3.carried_in.org_research", None)
    findings = validate(current, previous=previous)
    assert not [f for f in findings if f.rule == "R6"]
    (finding,) = [f for f in findings if f.code == "incomplete"]
    assert "R6：“科研机构”列" in finding.message and "R1：“科研机构”列" in finding.message
    blank_before = with_cell(previous, "table3.carried_out.org_research", None)
    (r6,) = [f for f in validate(balanced_report("2021", 2021), previous=blank_before) if f.rule == "R6"]
    assert r6.code == "incomplete" and r6.label == "表三“二、上年结转政府信息公开申请数量”行“法人或其他组织·科研机构”列"

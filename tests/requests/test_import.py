"""gi_wagtail_import_requests: a bureau's 登记台账 (CSV UTF-8/BOM/GBK, XLSX) into the register."""

import datetime
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import ModelLogEntry

from gi_wagtail.models import Organisation
from gi_wagtail.reports.prefill import register_report
from gi_wagtail.reports.validator import validate
from gi_wagtail.requests import tables
from gi_wagtail.requests.models import Appeal, DisclosureRequest, RequestEvent, Status

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
D = datetime.date


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def run(name, *args):
    """(stdout, stderr, CommandError message or "") of one import."""
    from io import StringIO

    out, err = StringIO(), StringIO()
    try:
        call_command("gi_wagtail_import_requests", str(FIXTURES / name), *args, stdout=out, stderr=err)
        failure = ""
    except CommandError as exc:
        failure = str(exc)
    return out.getvalue(), err.getvalue(), failure


def table_findings(report, previous=None):
    """Findings of every validator rule that concerns tables 三 and 四 (and the fee figures)."""
    return [
        f
        for f in validate(report, previous)
        if f.location.split(".")[0] in ("table3", "table4", "fees") or f.rule in ("R1", "R2", "R3", "R4", "R6")
    ]


def test_english_columns_create_requests_through_the_services():
    out, err, failure = run("taizhang_2025.csv")
    assert (failure, err) == ("", "")
    assert "8 created, 0 answered, 0 unchanged, 0 failed" in out
    assert "Organisations created: 测试科技局" in out
    org = Organisation.objects.get(name="测试科技局")
    assert DisclosureRequest.objects.filter(organisation=org).count() == 8
    first = DisclosureRequest.objects.get(received_on=D(2024, 12, 20))
    assert first.reference == "YSQ2024-0001" and first.outcome == "granted" and first.status == Status.CLOSED
    assert first.events.filter(kind="note", note="台账编号：T-001").exists()
    assert first.applicant_name == "张某" and first.identity_key
    fee = DisclosureRequest.objects.get(received_on=D(2025, 4, 1))
    assert (fee.fee_method, fee.fee_pages, fee.fee_amount, fee.fee_paid) == ("per_page", 150, 1700, 1700)
    assert list(fee.events.values_list("kind", flat=True)) == [
        "note", "fee_notice_sent", "fee_paid", "extended", "replied",
    ]  # fmt: skip
    open_one = DisclosureRequest.objects.get(received_on=D(2025, 12, 22))
    # 12/23-26, 12/29-31 (7), 元旦 1/1-3, 1/4 Sun worked (8), 1/5-9, 1/12-16 (18), 1/19-20.
    assert open_one.status == Status.OPEN and open_one.due_on == D(2026, 1, 20)
    assert Appeal.objects.count() == 2
    assert ModelLogEntry.objects.filter(action="gi_wagtail.request.appeal").count() == 2
    # Personal data is imported, never printed.
    assert "张某" not in out + err and "13800000000" not in out + err


def test_tables_of_the_imported_year_hold_every_rule():
    run("taizhang_2025.csv")
    org = Organisation.objects.get(name="测试科技局")
    t3 = tables.table3(2025, "2021", org)
    assert t3["received"]["total"] == 7 and t3["carried_in"]["natural_person"] == 1
    assert t3["granted"]["total"] == 2 and t3["other_2"]["natural_person"] == 1
    assert t3["not_handled_2"]["org_public_interest"] == 1 and t3["carried_out"]["org_other"] == 1
    for fmt in ("2019", "2021"):
        report = register_report(2025, fmt, org)
        previous = register_report(2024, fmt, org)
        assert table_findings(report, previous) == [], fmt
        assert report["tables"]["table4"]["cases"]["review_upheld"] == 1
        assert report["tables"]["table4"]["cases"]["lit_direct_pending"] == 1
    fees = register_report(2025, "2021", org)["fees"]
    assert (fees["notices_count"], fees["notices_amount"], fees["collected"]) == (2, 2000, 1700)


def test_re_running_the_same_file_creates_nothing_and_a_later_answer_closes_the_request():
    run("taizhang_2025.csv")
    entries = ModelLogEntry.objects.count()
    out, _err, failure = run("taizhang_2025.csv")
    assert failure == "" and "0 created, 0 answered, 8 unchanged" in out
    assert DisclosureRequest.objects.count() == 8 and ModelLogEntry.objects.count() == entries
    assert Organisation.objects.filter(name="测试科技局").count() == 1
    out, _err, _failure = run("taizhang_2025_answered.csv")
    assert "0 created, 1 answered, 0 unchanged" in out
    answered = DisclosureRequest.objects.get(received_on=D(2025, 12, 22))
    assert (answered.outcome, answered.replied_on) == ("granted", D(2026, 1, 15))


@pytest.mark.parametrize("name", ["taizhang_zh_bom.csv", "taizhang_zh_gbk.csv", "taizhang_zh.xlsx"])
def test_chinese_headings_and_values_in_every_encoding(name):
    out, err, failure = run(name)
    assert (failure, err) == ("", ""), err
    assert "7 created" in out
    outcomes = {e.note: e.request.outcome for e in RequestEvent.objects.filter(kind="note").select_related("request")}
    assert outcomes == {
        "台账编号：Z-01": "granted",
        "台账编号：Z-02": "withheld_1",
        "台账编号：Z-03": "unavailable_2",
        "台账编号：Z-04": "",
        "台账编号：Z-05": "partial",
        "台账编号：Z-06": "withheld_1",
        "台账编号：Z-07": "not_handled_1",
    }
    first = DisclosureRequest.objects.get(received_on=D(2025, 2, 10))
    assert (first.channel, first.applicant_type, first.replied_on) == ("in_person", "natural_person", D(2025, 3, 3))
    assert first.applicant_phone == "010-00000000"
    kinds = set(DisclosureRequest.objects.values_list("channel", "applicant_type"))
    assert ("fax", "org_research") in kinds and ("email", "org_public_interest") in kinds
    assert ("online", "org_other") in kinds and ("post", "org_legal_service") in kinds
    assert "张某" not in out + err


def test_bad_rows_are_reported_by_line_and_column_and_leave_nothing_behind():
    out, err, failure = run("taizhang_errors.csv")
    assert failure == "10 row(s) failed; the valid rows were kept."
    assert "1 created, 0 answered, 0 unchanged, 10 failed" in out
    lines = {int(line.split(":")[1]): line for line in err.strip().splitlines()}
    assert sorted(lines) == list(range(3, 13))
    assert "column “channel”: unknown value “飞鸽传书”" in lines[3]
    assert "column “replied_on”: the date of reply is before the date of receipt" in lines[4]
    assert "The date cannot be in the future." in lines[5]  # refused by services.reply after registering
    assert "The date of receipt cannot be in the future." in lines[6]
    assert "missing required column(s): applicant_type" in lines[7]
    assert "column “applicant_email”: not a valid e-mail address" in lines[8]
    assert "same number as line 2" in lines[9]
    assert "14 columns, the header has 11" in lines[10]
    assert "column “appeal_kind”" in lines[11]
    assert "column “received_on”: “2025-3-32” is not a date" in lines[12]
    # Only the good row was written: the row refused after registration left no request, no
    # audit entry and no organisation behind.
    assert DisclosureRequest.objects.count() == 1
    assert not Organisation.objects.filter(name="新机构甲").exists()
    assert ModelLogEntry.objects.filter(action="gi_wagtail.request.register").count() == 1
    # No personal data in the messages, not even of the bad rows.
    for secret in ("赵某", "周某", "冯某", "secret-zheng"):
        assert secret not in out + err


def test_dry_run_checks_everything_and_writes_nothing():
    out, err, failure = run("taizhang_errors.csv", "--dry-run")
    assert failure == "10 row(s) would fail; nothing was written (--dry-run)."
    assert "Would import requests: 1 created" in out and "The date cannot be in the future." in err
    out, _err, failure = run("taizhang_2025.csv", "--dry-run")
    assert failure == "" and "8 created" in out and "Organisations that would be created: 测试科技局" in out
    assert DisclosureRequest.objects.count() == 0 and not Organisation.objects.exists()
    assert not ModelLogEntry.objects.exists()


def test_default_organisation_and_unreadable_files():
    Organisation.objects.create(name="测试县科学技术局", short_name="测试科技局")
    out, _err, failure = run("taizhang_2025.csv")
    assert failure == "" and "Organisations created" not in out  # matched by its short name
    assert DisclosureRequest.objects.filter(organisation__name="测试县科学技术局").count() == 8
    _out, _err, failure = run("does-not-exist.csv")
    assert "cannot open" in failure
    _out, _err, failure = run("taizhang_zh.xlsx", "--format", "csv")  # a workbook read as text
    assert failure  # reported, no traceback


def test_rows_without_an_organisation_column_take_the_command_option():
    Organisation.objects.create(name="测试县科学技术局", short_name="县科技局")
    out, err, failure = run("taizhang_no_organisation.csv", "--organisation", "县科技局")
    assert (failure, err) == ("", "") and "2 created" in out
    requests = DisclosureRequest.objects.all()
    assert {r.organisation.name for r in requests} == {"测试县科学技术局"}
    assert {r.description for r in requests} == {"科技项目名单", "（台账导入）"}
    assert run("taizhang_no_organisation.csv", "--organisation", "县科技局")[0].count("2 unchanged") == 1

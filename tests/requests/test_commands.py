"""gi_wagtail_import_requests (see test_import.py), gi_wagtail_request_tables and gi_wagtail_requests_due."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from gi_wagtail.models import Organisation
from gi_wagtail.reports.schema import load_report
from gi_wagtail.reports.validator import validate
from gi_wagtail.requests import services
from gi_wagtail.requests.models import DisclosureRequest

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def command(name, *args):
    out = StringIO()
    call_command(name, *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def register(received, applicant_type="natural_person", organisation=None, **kw):
    return services.register(
        {
            "channel": "in_person",
            "received_on": received,
            "applicant_type": applicant_type,
            "applicant_name": "测试申请人",
            "description": "测试信息",
            "organisation": organisation,
            **kw,
        }
    )


@pytest.fixture
def year():
    """Two organisations' requests over 2024-2026."""
    org = Organisation.objects.create(name="测试县科学技术局", short_name="科技局")
    other = Organisation.objects.create(name="测试县教育局")
    carried = register(D(2024, 12, 23), organisation=org)
    services.reply(carried, "granted", D(2025, 1, 8))
    answered = register(D(2025, 3, 3), "org_business", organisation=org)
    services.reply(answered, "withheld_4", D(2025, 3, 20))
    register(D(2025, 12, 29), "org_research", organisation=org)  # open at the year's end
    unpaid = register(D(2025, 5, 6), organisation=org, fee_method="per_page", fee_pages=60, fee_amount=300)
    services.add_event(unpaid, "fee_notice_sent", D(2025, 5, 8))
    services.reply(unpaid, "other_2", D(2025, 6, 10))
    register(D(2025, 4, 1), "org_other", organisation=other)
    return org


def test_request_tables_json_is_a_valid_report_that_passes_the_table_rules(year):
    report = load_report(
        command("gi_wagtail_request_tables", "--year", "2025", "--format", "2021", "--organisation", "科技局", "--json")
    )
    t3 = report["tables"]["table3"]
    assert report["organisation"] == "测试县科学技术局" and report["format"] == "2021"
    assert (t3["received"]["total"], t3["carried_in"]["total"], t3["carried_out"]["org_research"]) == (3, 1, 1)
    assert t3["withheld_4"]["org_business"] == 1 and t3["other_2"]["natural_person"] == 1
    assert report["fees"]["notices_count"] == 1 and report["fees"]["notices_amount"] == 300
    assert "收费通知1件" in report["fees"]["text"]
    previous = load_report(
        command("gi_wagtail_request_tables", "--year", "2024", "--format", "2021", "--organisation", "科技局", "--json")
    )
    assert previous["tables"]["table3"]["carried_out"]["total"] == 1
    findings = [f for f in validate(report, previous) if f.location.split(".")[0] in ("table3", "table4", "fees")]
    assert findings == []
    everyone = load_report(command("gi_wagtail_request_tables", "--year", "2025", "--format", "2019", "--json"))
    assert (everyone["tables"]["table3"]["received"]["total"] == 4 and "fees" not in everyone) or not everyone.get(
        "fees"
    )
    assert everyone["tables"]["table3"]["other"]["natural_person"] == 1  # 2019 has one 其他处理 row


def test_request_tables_text_and_bad_arguments(year):
    text = command("gi_wagtail_request_tables", "--year", "2025", "--format", "2021", "--organisation", "科技局")
    assert "一、本年新收政府信息公开申请数量" in text and "四、政府信息公开行政复议、行政诉讼情况" in text
    assert "Fee notices: 1, amount 300.0 yuan" in text
    with pytest.raises(CommandError, match="Unknown organisation"):
        command("gi_wagtail_request_tables", "--year", "2025", "--format", "2021", "--organisation", "无此机构")
    with pytest.raises(CommandError, match="--year"):
        command("gi_wagtail_request_tables", "--year", "1900", "--format", "2021")


def test_requests_due_lists_open_requests_with_their_deadline(year):
    waiting = register(D(2026, 11, 2), organisation=year)
    services.add_event(waiting, "third_party_sent", D(2026, 11, 5))
    rows = json.loads(command("gi_wagtail_requests_due", "--on", "2026-01-28", "--json"))
    first = next(r for r in rows if r["received_on"] == "2025-12-29")
    # 12/30-31 (2), 元旦 1/1-3, 1/4 Sun worked (3), 1/5-9, 1/12-16 (13), 1/19-23 (18), 1/26-27 (20).
    assert first["due"] == "2026-01-27" and first["overdue"] is True
    assert (first["paused_days"], first["extension_days"], first["waiting_for"]) == (0, 0, [])
    assert "applicant_name" not in first and "测试申请人" not in json.dumps(rows, ensure_ascii=False)
    rows = {r["received_on"]: r for r in json.loads(command("gi_wagtail_requests_due", "--on", "2026-11-20", "--json"))}
    assert rows["2026-11-02"]["waiting_for"] == ["third_party_sent"] and rows["2026-11-02"]["overdue"] is False
    assert rows["2026-11-02"]["paused_days"] == 11  # 11/6 to 11/20 while the third party has not answered
    assert len(json.loads(command("gi_wagtail_requests_due", "--organisation", "测试县教育局", "--json"))) == 1
    text = command("gi_wagtail_requests_due", "--on", "2026-01-28")
    assert "OVERDUE" in text and DisclosureRequest.objects.get(received_on=D(2025, 12, 29)).reference in text
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        command("gi_wagtail_requests_due", "--on", "28/01/2026")


def test_a_due_date_beyond_the_calendar_is_a_clear_line_not_a_traceback():
    late = register(D(2026, 11, 27))
    services.add_event(late, "extended", D(2026, 11, 27), days=20, approved_by="王主任")  # due in 2027
    late.refresh_from_db()
    assert late.due_on is None
    rows = json.loads(command("gi_wagtail_requests_due", "--on", "2026-11-28", "--json"))
    assert rows == [
        {
            "reference": late.reference,
            "organisation": "",
            "status": "open",
            "received_on": "2026-11-27",
            "due": None,
            "paused_days": None,
            "extension_days": None,
            "overdue": False,
            "waiting_for": [],
            "error": rows[0]["error"],
        }
    ]
    assert "does not cover 2027-01-01" in rows[0]["error"] and "EXTRA_HOLIDAYS" in rows[0]["error"]
    assert "due date unknown" in command("gi_wagtail_requests_due", "--on", "2026-11-28")

"""The demo's year of 依申请公开 requests and the 2025 report generated from them."""

from io import StringIO

import pytest
from django.core.management import call_command

from gi_wagtail.models import AnnualReportPage
from gi_wagtail.requests import tables
from gi_wagtail.requests.models import Appeal, DisclosureRequest, EventKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def test_a_year_of_requests_and_the_2025_report_generated_from_them(demo):
    report = AnnualReportPage.objects.get(organisation__name="高青县科学技术局", year=2025)
    org = report.organisation
    requests = DisclosureRequest.objects.filter(organisation=org)
    assert requests.filter(received_on__year=2025).count() >= 38
    assert requests.filter(received_on__year=2026, replied_on__isnull=True).count() >= 4
    assert len(set(requests.values_list("channel", flat=True))) >= 5
    assert len(set(requests.values_list("applicant_type", flat=True))) == 6
    kinds = set(requests.values_list("events__kind", flat=True))
    assert {EventKind.CORRECTION_SENT, EventKind.THIRD_PARTY_SENT, EventKind.AGENCY_SENT, EventKind.EXTENDED} <= kinds
    assert set(requests.exclude(fee_method="").values_list("fee_method", flat=True)) == {"per_page", "per_request"}
    assert requests.get(source_key="demo-c11").fee_amount == 100  # the eleventh request of the month
    assert Appeal.objects.filter(request__organisation=org).count() == 3
    # The report's tables are the register's, and they hold every rule.
    assert report.live
    assert report.tables["table3"] == tables.table3(2025, "2021", org)
    assert report.tables["table4"] == tables.table4(2025, org)
    assert report.tables["table3"]["carried_out"]["total"] == 3
    assert report.fee_notices_count == 3 and report.fees_collected == 1800
    assert not [
        f for f in report.findings() if f.severity == "error" or f.location.split(".")[0] in ("table3", "table4")
    ]
    assert "requests register" not in demo and "Requests:" in demo
    # Re-running creates nothing new.
    count = DisclosureRequest.objects.count()
    call_command("load_demo", stdout=StringIO())
    assert DisclosureRequest.objects.count() == count
    assert AnnualReportPage.objects.filter(year=2025).count() == 1

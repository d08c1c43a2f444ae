"""The year's report shows the register's requests in table 三: prefilled in the editor, then public."""

import datetime

import pytest
from django.contrib.auth import get_user_model

from gi_wagtail.reports.models import AnnualReportPage
from gi_wagtail.reports.schema import empty_report
from gi_wagtail.requests import services
from tests.factories import build_catalogue
from tests.reports.pages import add_report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
D = datetime.date


def register(org, received, applicant_type="natural_person"):
    return services.register(
        {
            "organisation": org,
            "channel": "online",
            "received_on": received,
            "applicant_type": applicant_type,
            "applicant_name": "张某",
            "description": "2024年度科技项目立项名单",
        }
    )


def test_the_report_shows_the_registers_requests_in_table_3(live_server, page, screenshot):
    index, _category, org = build_catalogue()
    services.reply(register(org, D(2025, 3, 3)), "granted", D(2025, 3, 20))
    services.reply(register(org, D(2025, 4, 7), "org_business"), "withheld_4", D(2025, 4, 28))
    register(org, D(2025, 12, 29))  # carried forward into 2026
    report = add_report(index, org, year=2025, fmt="2021", publish=False, report=empty_report("2021", 2025, org.name))
    get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-123456")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "boss")
    page.fill("input[name=password]", "pw-123456")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/pages/{report.pk}/edit/")
    page.check("input[name=prefill_from_catalogue]")
    with page.expect_navigation():
        page.evaluate("document.querySelector('button.action-save').click()")
    page.goto(f"{live_server.url}/admin/pages/{report.pk}/edit/")
    cell = page.locator("[data-gi-format='2021'] td[data-location='table3.granted.natural_person']")
    assert cell.locator("input").input_value() == "1"
    assert "gi-cell--prefilled" in cell.get_attribute("class")
    assert "request register" in cell.locator(".gi-cell-provenance").inner_text()
    received = page.locator("[data-gi-format='2021'] td[data-location='table3.received.total'] input")
    assert received.input_value() == "3"
    cell.scroll_into_view_if_needed()
    screenshot("requests-report-admin-prefilled")
    saved = AnnualReportPage.objects.get(pk=report.pk).latest_revision
    saved.publish()
    public = AnnualReportPage.objects.get(pk=report.pk)
    page.goto("about:blank")
    for width, name in ((1280, "desktop"), (375, "375")):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(live_server.url + public.url)
        table3 = page.locator("table", has=page.locator("caption", has_text="三、收到和处理政府信息公开申请情况"))
        row = table3.locator("tr", has=page.locator("th", has_text="（一）予以公开"))
        assert row.locator("td").first.inner_text() == "1"
        carried = table3.locator("tr", has=page.locator("th", has_text="四、结转下年度继续办理"))
        assert carried.locator("td").first.inner_text() == "1"
        table3.scroll_into_view_if_needed()
        screenshot(f"requests-report-public-{name}")
    page.goto("about:blank")

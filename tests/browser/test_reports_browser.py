"""Annual report in a real browser: the public tables and the admin grid."""

import pytest
from django.contrib.auth import get_user_model

from tests.factories import build_catalogue
from tests.reports.factories import balanced_report
from tests.reports.pages import add_report

# serialized_rollback restores the root page that the flush after a transactional test removes
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_citizen_reads_the_report_tables(live_server, page, screenshot):
    index, _category, org = build_catalogue()
    report = add_report(index, org, report=balanced_report("2021", 2021, outcomes={"granted": {"natural_person": 3}}))
    page.goto(live_server.url + report.url)
    table3 = page.locator("table", has=page.locator("caption", has_text="三、收到和处理政府信息公开申请情况"))
    assert table3.locator("th[scope=colgroup]", has_text="申请人情况").get_attribute("colspan") == "7"
    row = table3.locator("tr", has=page.locator("th", has_text="一、本年新收政府信息公开申请数量"))
    assert row.locator("td").first.inner_text() == "3"
    screenshot("report-public-2021")
    with page.expect_download() as download:
        page.locator("#gi-table3 a", has_text="XLSX").click()
    assert download.value.suggested_filename == "annual-report-2021-table3.xlsx"


def test_editor_switches_format_and_sees_the_error_next_to_the_cell(live_server, page, screenshot):
    index, _category, org = build_catalogue()
    report = add_report(index, org, publish=False)
    get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-123456")
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "boss")
    page.fill("input[name=password]", "pw-123456")
    page.click("button[type=submit]")
    page.goto(f"{live_server.url}/admin/pages/{report.pk}/edit/")
    grid_2019 = page.locator("[data-gi-format='2019']").first
    grid_2021 = page.locator("[data-gi-format='2021']").first
    assert grid_2021.is_visible() and not grid_2019.is_visible()
    page.select_option("select[name=report_format]", "2019")
    assert grid_2019.is_visible() and not grid_2021.is_visible()
    page.select_option("select[name=report_format]", "2021")
    page.fill("input[name=tables__2021__table3__granted__total]", "9")
    # "Publish" sits in the footer's dropdown menu; click it the way the menu does.
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[name=action-publish]').click()")
    cell = page.locator("[data-gi-format='2021'] td[data-location='table3.granted.total']")
    assert "gi-cell--error" in cell.get_attribute("class")
    message = cell.locator(".gi-cell-message").inner_text()  # English or zh-hans, with both numbers
    assert "9" in message and "3" in message
    cell.scroll_into_view_if_needed()
    screenshot("report-admin-error")
    page.goto("about:blank")  # stop the editor's background requests before the database goes away

"""A citizen applies in chromium, reads the 查询码 from the receipt and answers a 补正 request."""

import pytest
from django.utils import timezone

from gi_wagtail.requests import services
from gi_wagtail.requests.models import DisclosureRequest, RequestEvent
from tests.requests.public_support import VALID_ID, extend_calendar, make_site, use_fragment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_citizen_applies_and_answers_a_correction(live_server, page, screenshot, settings, tmp_path_factory):
    use_fragment(settings, tmp_path_factory)
    extend_calendar(settings)
    make_site()
    page.goto(f"{live_server.url}/gi/requests/apply/")
    assert page.locator("h1").inner_text() == "政府信息公开申请"
    page.fill("#id_applicant_name", "王小明")
    page.select_option("#id_applicant_id_type", "id_card")
    page.fill("#id_applicant_id_number", VALID_ID)
    page.fill("#id_applicant_phone", "139 0533 1234")
    page.fill("#id_description", "2024年度县级科技计划项目立项名单")
    page.check("input[name=form_wanted][value=electronic]")
    page.check("input[name=delivery][value=email]")  # without an e-mail address: an error
    page.check("#id_consent")
    page.fill("#id_captcha_1", "PASSED")
    page.click(".gi-requests form.gi-form button[type=submit]")
    summary = page.locator("#gi-error-summary")
    assert "您选择了通过电子邮件获取，请填写电子邮箱。" in summary.inner_text()
    assert page.input_value("#id_applicant_name") == "王小明"
    screenshot("requests-apply-error-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot("requests-apply-error-375")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.fill("#id_applicant_email", "wxm@example.com")
    page.fill("#id_captcha_1", "PASSED")
    page.check("#id_consent")
    page.click(".gi-requests form.gi-form button[type=submit]")
    page.wait_for_url("**/gi/requests/receipt/")
    code = page.locator(".gi-code strong").inner_text()
    assert code == DisclosureRequest.objects.get().lookup_code
    assert page.locator("[data-gi-print]").is_visible()
    screenshot("requests-receipt-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot("requests-receipt-375")
    page.set_viewport_size({"width": 1280, "height": 900})

    # The handler asks for a 补正 (the admin's action, called directly here).
    services.add_event(DisclosureRequest.objects.get(), "correction_sent", timezone.localdate())

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/gi/requests/status/")
    page.fill("#id_code", code.lower())
    page.click(".gi-requests form.gi-form button[type=submit]")
    page.wait_for_url("**/gi/requests/status/request/")
    assert "待申请人补正" in page.locator(".gi-status").inner_text()
    assert "王小明" not in page.content()
    screenshot("requests-status-correction-desktop")
    page.set_viewport_size({"width": 375, "height": 800})
    screenshot("requests-status-correction-375")
    page.fill("#id_text", "所需信息为2024年第二批县级科技计划项目的立项名单")
    page.click(".gi-correction button[type=submit]")
    page.wait_for_url("**/gi/requests/status/request/")
    assert "已收到您的补正" in page.locator(".gi-flash").inner_text()
    assert RequestEvent.objects.filter(kind="correction_received", by_applicant=True).count() == 1
    screenshot("requests-status-answered-375")

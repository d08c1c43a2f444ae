"""A 依申请公开经办人 in a real browser: opens a request, extends the deadline with approval, replies."""

import datetime

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from gi_wagtail.requests import services
from gi_wagtail.requests.models import DisclosureRequest, Status
from gi_wagtail.requests.setup import HANDLERS, setup_handlers_group
from tests.browser.conftest import SCREENSHOTS
from tests.helpers import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _shot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


NO_PICKER_VISIBLE = "() => ![...document.querySelectorAll('.xdsoft_datetimepicker')].some(e => e.offsetParent !== null)"


def _close_date_picker(page):
    """The admin's date picker stays open over the form after typing a date; click outside it, as a user would.

    Under load the picker can open again as focus moves, so the click is repeated until it stays closed.
    """
    for _attempt in range(5):
        page.keyboard.press("Escape")
        page.locator("#gi-actions-title").click()
        try:
            page.wait_for_function(NO_PICKER_VISIBLE, timeout=5000)
            return
        except PlaywrightTimeoutError:
            continue
    page.wait_for_function(NO_PICKER_VISIBLE)


def _open_action(page, name):
    details = page.locator(f"#gi-action-{name}")
    details.locator("summary").click()
    return details


def test_handler_extends_and_replies(live_server, browser):
    setup_handlers_group()
    make_user("jingban", HANDLERS)
    req = services.register(
        {
            "channel": "registered_post",
            "received_on": datetime.date(2025, 3, 3),
            "applicant_type": "natural_person",
            "applicant_name": "王小明",
            "applicant_id_number": "370322199001011234",
            "description": "2024年度科技计划项目立项名单及资金安排",
        }
    )
    for width, height, suffix in ((1280, 900, "desktop"), (375, 800, "375")):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": height})
        page = context.new_page()
        page.set_default_timeout(30000)
        page.goto(f"{live_server.url}/admin/login/")
        page.fill("input[name=username]", "jingban")
        page.fill("input[name=password]", "pw-jingban")
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/admin/")
        assert page.locator(".gi-requests-panel").is_visible()
        if suffix == "desktop":
            _shot(page, "requests-dashboard-desktop")
            page.goto(f"{live_server.url}/admin/gi_wagtail_requests/new/")
            page.select_option("select[name=channel]", "post")
            _shot(page, "requests-register-desktop")
            page.goto(f"{live_server.url}/admin/gi_wagtail_requests/")
            assert page.locator("td.gi-due--overdue").count() == 1
            _shot(page, "requests-list-desktop")
            page.click(f"text={req.reference}")
            page.wait_for_url(f"**/inspect/{req.pk}/")
            assert "王小明" in page.content()
            _shot(page, "requests-inspect-desktop")

            extend = _open_action(page, "extend")
            extend.locator("input[name=extend-on]").fill("2025-03-20")
            extend.locator("input[name=extend-days]").fill("10")
            extend.locator("input[name=extend-approved_by]").fill("李主任")
            _close_date_picker(page)
            with page.expect_navigation():
                extend.locator("button[type=submit]").click()
            assert page.locator(".messages .success").count() == 1, page.locator(".messages").all_inner_texts()
            assert "2025-04-15" in page.locator(".gi-request-deadline").inner_text()

            reply = _open_action(page, "reply")
            reply.locator("select[name=reply-outcome]").select_option("granted")
            reply.locator("input[name=reply-on]").fill("2025-04-10")
            reply.locator("textarea[name=reply-note]").fill("已提供立项名单")
            _close_date_picker(page)
            _shot(page, "requests-reply-form-desktop")
            with page.expect_navigation():
                reply.locator("button[type=submit]").click()
            assert page.locator(".messages .success").count() == 1
            assert page.locator("#gi-action-reply").count() == 0  # closed: no more steps
            page.set_viewport_size({"width": 1280, "height": 2800})  # the admin scrolls inside: show it all
            _shot(page, "requests-replied-desktop")
            page.set_viewport_size({"width": 1280, "height": 900})
            # the annual report editor's link to the requests behind a table 三 cell
            page.goto(
                f"{live_server.url}/admin/gi_wagtail_requests/"
                "?year=2025&report_format=2021&cell=table3.granted.natural_person"
            )
            assert page.locator(".gi-request-cell").is_visible()
            assert page.locator("#listing-results table.listing > tbody > tr").count() == 1
            _shot(page, "requests-cell-desktop")
        else:
            page.goto(f"{live_server.url}/admin/gi_wagtail_requests/")
            _shot(page, "requests-list-375")
            page.goto(f"{live_server.url}/admin/gi_wagtail_requests/inspect/{req.pk}/")
            _open_action(page, "appeal")
            _shot(page, "requests-inspect-375")
        context.close()
    req = DisclosureRequest.objects.get(pk=req.pk)
    assert req.status == Status.CLOSED and req.outcome == "granted"
    assert req.events.get(kind="extended").approved_by == "李主任"

"""An editor's journey in the Wagtail admin: create an item, secrecy review (and 领导审签) by other users, publish, find it."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import PageLogEntry

from gi_wagtail.models import DisclosureItemPage, Genre, TopicClass
from tests.browser.conftest import SCREENSHOTS
from tests.factories import build_catalogue
from tests.helpers import make_staff

# serialized_rollback restores the root page that the flush after a transactional test removes
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "关于开展2025年度科技创新券申领工作的通知"


def log_in(browser, live_server, username, password=None):
    """Log in through the admin's login form; returns (context, page) on the dashboard."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(30000)  # CI machines may be busy
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password or "pw-" + username)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    return context, page


def footer_action(page, name):
    # Footer actions other than the first sit in a dropdown; click them the way the menu does. Wait for the
    # form's own POST (a navigation): a tab changing the URL's fragment also counts as a navigation, so
    # expect_navigation could return before the item was saved, and the editor sends background POSTs too.
    with page.expect_response(lambda r: r.request.method == "POST" and r.request.is_navigation_request()) as posted:
        page.evaluate(f"document.querySelector('button[name={name}]').click()")
    page.wait_for_load_state("load")
    assert posted.value.status == 302, page.locator(".error-message, .w-field__errors, .messages").all_inner_texts()


def create_and_submit(live_server, browser, leader_sign_off=False):
    """The editor creates an item with its metadata in the admin and submits it to the review workflow."""
    index, category, organisation = build_catalogue()
    call_command("gi_wagtail_load_vocabularies", stdout=io.StringIO())  # in case a flush removed them
    options = [] if leader_sign_off else ["--without-leader-sign-off"]
    call_command("gi_wagtail_setup_workflow", *options, stdout=io.StringIO())
    staff = make_staff()
    genre = Genre.objects.get(name="通知")
    topic = TopicClass.objects.filter(name="科技", parent__isnull=False).first()

    context, page = log_in(browser, live_server, staff.editor.username)
    page.goto(f"{live_server.url}/admin/pages/add/gi_wagtail/disclosureitempage/{category.pk}/")
    page.fill("#id_title", TITLE)
    page.locator("#id_title").blur()
    # Wagtail's script fills the slug from the title; on a busy machine it may lag behind the next steps.
    page.wait_for_function("document.querySelector('#id_slug').value !== ''")
    # Organisation, genre and topic may be snippet choosers (a hidden input behind a modal): set the chosen pk.
    for field, pk in (("organisation", organisation.pk), ("genre", genre.pk), ("topic", topic.pk)):
        page.evaluate(
            "([name, value]) => { document.querySelector(`[name=${name}]`).value = value; }", [field, str(pk)]
        )
    page.fill("#id_written_on", "2025-03-01")
    page.fill("#id_published_on", "2025-03-03")
    page.check("#id_published_on_confirmed")  # a back-dated new item needs confirmation
    page.fill("#id_doc_no", "高科发〔2025〕2号")
    page.fill("#id_summary", "科技创新券申领条件、材料和流程。")
    assert page.locator("button[name=action-publish]").count() == 0  # editors cannot publish
    footer_action(page, "action-submit")
    item = DisclosureItemPage.objects.get(title=TITLE)
    assert not item.live and item.current_workflow_state is not None
    context.close()
    return category, item, staff


def fill_decision(page, reason, name, posted_to):
    """The review modal: the decision is the button pressed, the form asks for the reason and the reviewer's name.

    Returns once the decision's POST (to a URL containing ``posted_to``) has been answered.
    """
    modal = page.locator(".modal-content")
    modal.locator("textarea[name=reason]").fill(reason)
    modal.locator("input[name=reviewer_name]").fill(name)
    with page.expect_response(lambda r: r.request.method == "POST" and posted_to in r.url) as posted:
        modal.locator("form button[type=submit]").click()
    assert posted.value.status in (200, 302), posted.value.status


def approve_from_dashboard(browser, live_server, user, reason, name, screenshot_name=None):
    """The reviewer finds the item in the dashboard's 'awaiting your review' panel and approves it there."""
    context, page = log_in(browser, live_server, user.username)
    row = page.locator("#awaiting-review-section tbody tr").filter(has_text=TITLE)
    row.locator("button.w-dropdown__toggle").click()  # the row's actions menu
    row.locator("button[data-workflow-action-url*='/approve/']").click()
    page.locator(".modal-content textarea[name=reason]").wait_for()
    if screenshot_name:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.wait_for_timeout(500)  # the modal fades in
        page.screenshot(path=str(SCREENSHOTS / f"{screenshot_name}.png"))
    fill_decision(page, reason, name, posted_to="/workflow/action/")
    context.close()


def approve_in_editor(browser, live_server, user, reason, name):
    """The leader opens the item from the dashboard, reads it in the editor and signs it off from its footer."""
    context, page = log_in(browser, live_server, user.username)
    page.locator("#awaiting-review-section tbody tr").filter(has_text=TITLE).get_by_role("link", name=TITLE).click()
    page.wait_for_url("**/edit/")
    assert page.locator("#id_title").input_value() == TITLE
    page.evaluate("document.querySelector('button[data-workflow-action-name=approve]').click()")
    page.locator(".modal-content textarea[name=reason]").wait_for()
    fill_decision(page, reason, name, posted_to="/edit/")
    context.close()


def assert_published_and_found(browser, live_server, category, item):
    item.refresh_from_db()
    state = item.workflow_states.order_by("-pk").first()
    assert state.status == "approved", (state.status, [(t.task.name, t.status) for t in state.task_states.all()])
    assert item.live and item.index_no and item.doc_no == "高科发〔2025〕2号"
    public = browser.new_context(locale="zh-CN")
    page = public.new_page()
    page.goto(live_server.url + category.url)
    page.get_by_role("link", name=TITLE).click()
    assert item.index_no in page.locator("table.gi-metadata").inner_text()
    page.goto(f"{live_server.url}/gi/search/?q=科技创新券申领")
    assert TITLE in page.locator(".gi-search-hit h2").first.inner_text()
    public.close()


def decisions(item):
    entries = PageLogEntry.objects.filter(page=item, action="gi_wagtail.review_decision").order_by("timestamp", "pk")
    return [(e.data["task"]["title"], e.data["decision"], e.data["reviewer_name"], e.user.username) for e in entries]


def test_editor_creates_an_item_and_can_only_submit_it_for_review(live_server, browser):
    _category, item, _staff = create_and_submit(live_server, browser)
    assert item.current_workflow_task_state.task.name == "保密审查"
    assert item.doc_no == "高科发〔2025〕2号" and item.published_on.isoformat() == "2025-03-03"


def test_item_is_reviewed_by_another_user_then_published_and_found(live_server, browser):
    category, item, staff = create_and_submit(live_server, browser)
    approve_from_dashboard(
        browser,
        live_server,
        staff.reviewer,
        "不涉及国家秘密和个人隐私，同意公开。",
        "李审查",
        screenshot_name="admin-review-modal",
    )
    assert decisions(item) == [("保密审查", "approved", "李审查", "reviewer")]
    assert_published_and_found(browser, live_server, category, item)


def test_item_is_reviewed_then_signed_off_by_a_leader_then_published_and_found(live_server, browser):
    category, item, staff = create_and_submit(live_server, browser, leader_sign_off=True)
    approve_from_dashboard(browser, live_server, staff.reviewer, "不涉及国家秘密和个人隐私，同意公开。", "李审查")
    item.refresh_from_db()
    assert not item.live and item.current_workflow_task.name == "领导审签"
    approve_in_editor(browser, live_server, staff.manager, "同意发布。", "王局长")
    assert decisions(item) == [
        ("保密审查", "approved", "李审查", "reviewer"),
        ("领导审签", "approved", "王局长", "manager"),
    ]
    assert_published_and_found(browser, live_server, category, item)

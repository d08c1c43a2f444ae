"""The search box as a citizen uses it: completions while typing, keyboard choice, folded
facets on a phone; no serious accessibility violation on the results page."""

import pytest

from tests.factories import add_item, build_catalogue

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLES = ["关于印发《高青县科技创新券管理办法》的通知", "高青县科技计划项目管理办法", "科技局领导信息"]


@pytest.fixture
def site():
    from django.core.management import call_command

    index, category, organisation = build_catalogue()
    for title in TITLES:
        add_item(category, title, organisation=organisation)
    call_command("gi_wagtail_rebuild_index", verbosity=0)
    return index


def test_completions_are_chosen_with_the_keyboard(live_server, page, screenshot, site):
    page.goto(live_server.url + site.url)
    box = page.locator("#gi-site-search-q")
    box.click()
    box.press_sequentially("科技", delay=50)
    options = page.locator("#gi-site-search-q-list [role=option]")
    options.first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    assert all("科技" in text for text in options.all_inner_texts())
    screenshot("search_completions_desktop")
    box.press("ArrowDown")
    chosen = options.first.inner_text()
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    with page.expect_navigation():
        box.press("Enter")
    assert page.locator("#gi-search-q").input_value() == chosen
    assert "条结果" in page.locator(".gi-search-summary").inner_text()

    box = page.locator("#gi-search-q")
    box.fill("")
    box.press_sequentially("kjj", delay=50)
    page.locator("#gi-search-q-list [role=option]").first.wait_for()
    assert "科技局" in page.locator("#gi-search-q-list").inner_text()
    box.press("Escape")
    assert page.locator("#gi-search-q-list").is_hidden()


def test_facets_fold_under_a_button_on_a_phone(live_server, browser, site):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(live_server.url + "/gi/search/?q=科技")
    toggle = phone.locator("details.gi-facets-toggle")
    assert toggle.get_attribute("open") is None
    assert phone.locator(".gi-facets section").first.is_hidden()
    phone.locator("details.gi-facets-toggle > summary").click()
    assert phone.locator(".gi-facets section").first.is_visible()
    context.close()


def test_results_page_has_no_serious_accessibility_violation(live_server, page, site, axe_violations):
    page.goto(live_server.url + "/gi/search/?q=科技创新券 火星")
    assert page.locator(".gi-search-partial-heading").is_visible()
    assert axe_violations() == []

"""The admin's Preview button on every page of the crawl site, as chromium sends it: no 5xx, a real preview.

The side panel serialises the edit form in the browser (StreamFields included) and POSTs it to
preview_on_edit, then loads the preview into an iframe. Also each history and compare view once.
"""

import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from wagtail.models import Page

from tests.browser.test_journeys_editor import log_in
from tests.demo.crawl.site import PASSWORD, build_crawl_site

# serialized_rollback restores the root page that the flush after a transactional test removes
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


IFRAME_SHOWS_PAGE = """() => {
    const frame = document.querySelector("iframe[data-w-preview-target=iframe]");
    return Boolean(frame && frame.contentDocument && frame.contentDocument.querySelector("body *"));
}"""


def is_preview_post(response):
    return response.request.method == "POST" and "/preview/" in response.url


def is_preview_load(response):
    return response.request.method == "GET" and "/preview/" in response.url and "in_preview_panel=true" in response.url


def open_preview(page):
    """Click the side panel's Preview toggle; returns (POST answer, iframe answer)."""
    with page.expect_response(is_preview_post) as posted, page.expect_response(is_preview_load) as loaded:
        page.click("[data-side-panel-toggle=preview]")
    return posted.value, loaded.value


def test_preview_button_history_and_compare_on_every_page(live_server, browser):
    site = build_crawl_site()
    context, page = log_in(browser, live_server, site["users"]["superuser"].username, PASSWORD)
    errors = []
    page.on("response", lambda r: r.status >= 500 and errors.append(f"{r.status} {r.request.method} {r.url}"))
    bad = []
    pages = [p.specific for p in Page.objects.filter(depth__gt=1).order_by("path")]
    started = time.monotonic()
    for target in pages:
        page.goto(f"{live_server.url}/admin/pages/{target.pk}/edit/")
        posted, loaded = open_preview(page)
        if posted.status != 200 or not posted.json().get("is_valid"):
            bad.append(f"{target.url_path}: preview POST {posted.status} {posted.text()[:200]}")
            continue
        if loaded.status != 200 or "preview-error" in loaded.text():
            bad.append(f"{target.url_path}: preview {loaded.status}")
            continue
        try:  # the panel swaps in a fresh iframe once the preview has loaded
            page.wait_for_function(IFRAME_SHOWS_PAGE, timeout=15000)
        except PlaywrightTimeoutError:
            bad.append(f"{target.url_path}: the preview iframe shows nothing")
    preview_seconds = time.monotonic() - started

    # History and compare, reached the way an editor does: from the history view's own links.
    revised = site["pages"]["revised"]
    page.goto(f"{live_server.url}/admin/pages/{revised.pk}/history/")
    # The comparison links sit in each row's action dropdown, added to the page when it opens.
    page.locator("table [data-w-dropdown-target=toggle]").first.click()
    page.locator("a[href*='/revisions/compare/']").first.click()
    page.wait_for_url("**/revisions/compare/**")
    assert page.locator("main").count() == 1
    context.close()

    print(f"previewed {len(pages)} pages in {preview_seconds:.0f}s")
    assert errors == [] and bad == [], "\n".join(errors + bad)

"""Printing a page (print stylesheet) and reading it at 200% zoom or on a narrow phone (WCAG 1.4.4 / 1.4.10 reflow)."""

from urllib.parse import unquote

import pytest

from tests.demo.browser.public_site import build_public_site, public_urls

# serialized_rollback restores the root page that the flush after a transactional test removes
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Controls that make no sense on paper.
SCREEN_ONLY = [".gi-a11y-toolbar", ".gi-sidenav", ".gi-breadcrumb", ".gi-footer", ".gi-skip"]

# 1280 CSS px at 200% zoom is a 640 px wide viewport; 320 px is WCAG 1.4.10's reflow width.
REFLOW_VIEWPORTS = {"zoom200": {"width": 640, "height": 450}, "reflow320": {"width": 320, "height": 640}}
REFLOW_PAGES = ["index", "category", "item", "search", "report_2021", "report_2008", "report_compare", "statistics"]

PAGE_OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
# Wide tables may scroll inside their wrapper: report every box that is wider than itself and says how it copes.
SCROLL_BOXES = """() => [...document.querySelectorAll('.gi-table-scroll')].map(box => ({
    overflowing: box.scrollWidth > box.clientWidth + 1,
    overflowX: getComputedStyle(box).overflowX,
    focusable: box.tabIndex >= 0,
}))"""


def visible(page, selector):
    return page.locator(selector).first.is_visible()


def after_content(page, selector):
    return page.evaluate("s => getComputedStyle(document.querySelector(s), '::after').content", selector)


def test_print_stylesheet_keeps_the_document_and_drops_the_controls(live_server, page, screenshot):
    site = build_public_site()
    urls = public_urls(site)
    page.goto(live_server.url + urls["item"])
    assert not visible(page, ".gi-print-source")  # on screen the address bar shows it
    page.emulate_media(media="print")
    for selector in SCREEN_ONLY:
        assert page.locator(selector).count() == 0 or not visible(page, selector), selector
    for selector in ("table.gi-metadata", ".gi-item h1", ".gi-body", ".gi-site-name"):
        assert visible(page, selector), selector
    assert site["item"].index_no in page.locator("table.gi-metadata").inner_text()
    # The page's own address, readable (not percent-encoded) on paper.
    assert page.locator(".gi-print-source").inner_text().endswith(unquote(live_server.url + urls["item"]))
    # Links print where they lead: the attachment's address follows its name.
    attachment = page.locator(".gi-item section a[download]").first
    assert attachment.get_attribute("href") in after_content(page, ".gi-item section a[download]")
    assert after_content(page, ".gi-item section:last-of-type a") == "none"  # other pages of the site: no noise
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.gi-header')).backgroundColor") == "rgb(255, 255, 255)"
    )
    screenshot("print_item")

    page.emulate_media(media="screen")
    page.goto(live_server.url + urls["report_2021"])
    page.emulate_media(media="print")
    for selector in SCREEN_ONLY + [".gi-report-downloads"]:
        assert page.locator(selector).count() == 0 or not visible(page, selector), selector
    assert visible(page, ".gi-report h1") and visible(page, "#gi-table3 table.gi-report-table")
    # The 收到和处理 table prints whole rather than inside a scrolling box.
    assert {box["overflowX"] for box in page.evaluate(SCROLL_BOXES)} == {"visible"}
    assert page.locator(".gi-print-source").inner_text().endswith(unquote(live_server.url + urls["report_2021"]))
    screenshot("print_report_2021")


def test_pages_reflow_at_200_percent_zoom_and_320_px_without_sideways_scrolling(live_server, page, screenshot):
    urls = public_urls(build_public_site())
    problems, scrolled_tables = {}, 0
    for viewport_name, viewport in REFLOW_VIEWPORTS.items():
        page.set_viewport_size(viewport)
        for name in REFLOW_PAGES:
            response = page.goto(live_server.url + urls[name])
            assert response.status == 200, (name, response.status)
            overflow = page.evaluate(PAGE_OVERFLOW)
            if overflow > 1:
                problems[f"{name} ({viewport_name})"] = f"page scrolls sideways by {overflow}px"
            for box in page.evaluate(SCROLL_BOXES):
                if box["overflowing"]:
                    scrolled_tables += 1
                    if box["overflowX"] not in ("auto", "scroll") or not box["focusable"]:
                        problems[f"{name} ({viewport_name})"] = f"wide table cannot be scrolled by keyboard: {box}"
            screenshot(f"{name}_{viewport_name}")
    assert problems == {}
    # The report's wide tables are too wide for 320 px: they scroll inside their box, the page does not.
    assert scrolled_tables > 0

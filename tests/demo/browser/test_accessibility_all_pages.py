"""axe-core on every public page type, desktop and phone, with a screenshot of each."""

import pytest

from tests.demo.browser.public_site import build_public_site, public_urls

# serialized_rollback restores the root page that the flush after a transactional test removes
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}


def test_every_public_page_type_has_no_serious_axe_violations(live_server, page, axe_violations, screenshot):
    urls = public_urls(build_public_site())
    found = {}
    for viewport_name, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        for name, url in urls.items():
            response = page.goto(live_server.url + url)
            assert response.status == 200, (name, url, response.status)
            assert page.locator("main h1").count() == 1, f"{name}: one h1 inside <main>"
            if not name.startswith("search"):
                # The same left-hand catalogue menu on every page of the column (search has its facets instead).
                assert page.locator("nav.gi-sidenav a").count() > 1, f"{name}: category navigation"
            screenshot(f"{name}_{viewport_name}")
            violations = axe_violations()
            if violations:
                found[f"{name} ({viewport_name})"] = violations
            if viewport_name == "phone":
                # Nothing wider than the screen: no sideways scrolling of the page itself on a phone.
                overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
                if overflow > 1:
                    found[f"{name} ({viewport_name})"] = found.get(f"{name} ({viewport_name})", []) + [
                        ("sideways-scroll", overflow)
                    ]
    assert found == {}

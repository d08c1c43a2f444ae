from tests.browser.conftest import axe_source, axe_violations, browser, page, screenshot  # noqa: F401  (the browser fixtures)

import os
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parent / "demo"


def _demo_settings():
    from django.conf import settings

    return settings.SETTINGS_MODULE.startswith("example_site.")


def pytest_ignore_collect(collection_path, config):
    """tests/demo needs the demo site's settings and its `home` app; the rest runs on the test project."""
    if DEMO.is_relative_to(collection_path):
        return None  # tests/ and the folders above it
    if collection_path.is_relative_to(DEMO) != _demo_settings():
        return True
    return None


def pytest_report_header(config):
    import wagtail
    from django.conf import settings

    db = settings.DATABASES["default"]
    return f"gi-wagtail tests on {db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('HOST') or db['NAME']}), Wagtail {wagtail.__version__}"


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Each test's database is rolled back, so nothing cached from it may outlive it.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _is_transactional(item):
    from django.test import TestCase, TransactionTestCase

    marker = item.get_closest_marker("django_db")
    if marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return True
    cls = getattr(item, "cls", None)
    return bool(
        cls and issubclass(cls, TransactionTestCase) and not issubclass(cls, TestCase)
    ) or "live_server" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run tests that really commit (and flush the database afterwards) last.

    Area conftests mark some tests transactional only on MariaDB, after pytest-django has
    ordered the tests; a flush in the middle would delete the root page, locale and root
    collection that Wagtail's migrations create and later TestCases rely on.
    """
    items.sort(key=_is_transactional)
    # CI must never pass by skipping: a skip there is turned into a failure.
    if os.environ.get("CI") == "true":
        for item in items:
            for marker in item.iter_markers("skip"):
                item.add_marker(
                    pytest.mark.xfail(reason=f"skipped on CI: {marker.kwargs.get('reason', '')}", strict=True)
                )

import os

import pytest


def pytest_report_header(config):
    from django.conf import settings
    import wagtail

    db = settings.DATABASES["default"]
    return f"gi-wagtail tests on {db['ENGINE'].rsplit('.', 1)[-1]} ({db.get('HOST') or db['NAME']}), Wagtail {wagtail.__version__}"


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def pytest_collection_modifyitems(config, items):
    # CI must never pass by skipping: a skip there is turned into a failure.
    if os.environ.get("CI") == "true":
        for item in items:
            for marker in item.iter_markers("skip"):
                item.add_marker(pytest.mark.xfail(reason=f"skipped on CI: {marker.kwargs.get('reason', '')}", strict=True))

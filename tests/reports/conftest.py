import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
GAOQING = "gaoqing-kjj-2012-annual-report.txt"
YICHENG = "yicheng-kjj-2017-annual-report.txt"


def find_seeds_dir() -> Path | None:
    """../shared/seeds next to the repository (also from a nested worktree), or $GI_WAGTAIL_SEEDS_DIR."""
    env = os.environ.get("GI_WAGTAIL_SEEDS_DIR")
    candidates = [Path(env)] if env else []
    candidates += [p / "shared" / "seeds" for p in REPO_ROOT.parents]
    for path in candidates:
        if (path / GAOQING).is_file() and (path / YICHENG).is_file():
            return path
    return None


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = find_seeds_dir()
    if path is None:
        # Deliberately a failure, not a skip: the seeds are part of the test contract.
        pytest.fail(f"seed reports not found next to {REPO_ROOT} (…/shared/seeds); "
                    "set GI_WAGTAIL_SEEDS_DIR")
    return path


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES



@pytest.fixture(autouse=True)
def _english_messages():
    """These tests compare message text in English; the shipped UI shows the zh-hans translation
    (tests/reports/test_translations.py checks that every message has one)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client():
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client

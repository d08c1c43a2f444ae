from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
SEEDS = FIXTURES / "seeds"
GAOQING = "gaoqing-kjj-2012-annual-report.txt"
YICHENG = "yicheng-kjj-2017-annual-report.txt"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The two real pre-2019 seed reports, kept in the repository (tests/reports/fixtures/seeds)."""
    return SEEDS


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

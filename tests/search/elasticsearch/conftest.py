"""Engines for the Elasticsearch backend tests.

By default an in-memory OpenSearch-compatible ``osmem-server`` (PyPI) is
started and each test gets its own clone. With ``GI_WAGTAIL_TEST_ELASTICSEARCH_URL``
the tests run against that cluster instead (each test under its own index
prefix, removed afterwards). With ``CI=true`` a missing engine fails the run.
"""

import os
import socket
import uuid

import pytest

ENV_URL = os.environ.get("GI_WAGTAIL_TEST_ELASTICSEARCH_URL", "").strip()


def pytest_collection_modifyitems(items):
    """InnoDB shows FULLTEXT changes only after COMMIT: on MySQL/MariaDB the tests that
    read the embedded (fallback) index run with real commits."""
    from django.conf import settings

    if "mysql" not in settings.DATABASES["default"]["ENGINE"]:
        return
    for item in items:
        if item.nodeid.startswith(
            ("tests/search/elasticsearch/test_outage.py", "tests/search/elasticsearch/test_breaker.py")
        ):
            item.add_marker(pytest.mark.django_db(transaction=True))


def _unavailable(message):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: a missing search engine is a failure)")
    pytest.skip(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_osmem(addr=None):
    from osmem_server import OsmemServer

    return OsmemServer.start(japanese=False, addr=addr)


@pytest.fixture(scope="session")
def es_engine():
    if ENV_URL:
        yield None
        return
    try:
        server = start_osmem()
    except Exception as exc:  # binary missing or not starting
        _unavailable(f"osmem-server could not start: {exc}")
    yield server
    server.close()


@pytest.fixture
def es_url(es_engine):
    if es_engine is None:
        yield ENV_URL
        return
    clone = es_engine.clone()
    yield clone.url
    clone.close()


def use_cluster(settings, url, prefix, **extra):
    settings.GI_WAGTAIL = {
        **getattr(settings, "GI_WAGTAIL", {}),
        "SEARCH_BACKEND": "elasticsearch",
        "ELASTICSEARCH": {"HOSTS": [url], "INDEX_PREFIX": prefix, **extra},
    }


@pytest.fixture
def es_prefix():
    return f"gi_test_{uuid.uuid4().hex[:10]}"


@pytest.fixture
def es_settings(settings, es_url, es_prefix):
    use_cluster(settings, es_url, es_prefix)
    yield settings
    if ENV_URL:  # a shared cluster: remove this test's indices
        from gi_wagtail.search.elasticsearch.connection import make_client

        client = make_client()
        client.indices.delete(index=f"{es_prefix}-*", ignore_unavailable=True, allow_no_indices=True)
        client.close()


@pytest.fixture
def backend(es_settings):
    from gi_wagtail.search.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend()
    yield backend
    backend.close()

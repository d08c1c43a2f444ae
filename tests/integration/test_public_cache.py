"""Cached listing and search fragments: served to anonymous visitors, refreshed on every publish,
never holding private pages, and the query log written in batches."""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import PageViewRestriction

from gi_wagtail.models import DisclosureItemPage
from gi_wagtail.search import querylog
from tests.factories import add_item, build_catalogue

# On MySQL/MariaDB FULLTEXT changes are visible only after COMMIT (see tests/search/conftest.py).
TRANSACTIONAL = "mysql" in settings.DATABASES["default"]["ENGINE"]
pytestmark = pytest.mark.django_db(transaction=TRANSACTIONAL)


@pytest.fixture
def cached(settings):
    settings.GI_WAGTAIL = {**settings.GI_WAGTAIL, "PUBLIC_CACHE_SECONDS": 600}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site(cached, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        index, category, organisation = build_catalogue()
        item = add_item(category, "关于科技创新券兑现的通知", organisation=organisation)
    return category, item


def _silently_rename(item, title):
    """Change the database without any signal: only a cached page still shows the old title."""
    DisclosureItemPage.objects.filter(pk=item.pk).update(title=title)
    from wagtail.models import Page

    Page.objects.filter(pk=item.pk).update(title=title)


def test_listing_is_served_from_the_cache_until_something_is_published(
    client, site, django_capture_on_commit_callbacks
):
    category, item = site
    assert "关于科技创新券兑现的通知" in client.get(category.url).text
    with CaptureQueriesContext(connection) as cached_queries:
        client.get(category.url)
    _silently_rename(item, "改过的标题")
    assert "关于科技创新券兑现的通知" in client.get(category.url).text  # the stored body
    with CaptureQueriesContext(connection) as fresh_queries:
        with django_capture_on_commit_callbacks(execute=True):
            add_item(category, "新发布的科技项目公示")
        html = client.get(category.url).text
    assert "新发布的科技项目公示" in html and "改过的标题" in html
    assert len(cached_queries) < 10 < len(fresh_queries)


def test_unpublishing_and_restricting_remove_items_at_once(client, site, django_capture_on_commit_callbacks):
    category, item = site
    other = add_item(category, "高新技术企业认定结果公示")
    assert "高新技术企业认定结果公示" in client.get(category.url).text
    with django_capture_on_commit_callbacks(execute=True):
        other.unpublish()
    assert "高新技术企业认定结果公示" not in client.get(category.url).text
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    assert "关于科技创新券兑现的通知" not in client.get(category.url).text


def test_signed_in_users_get_fresh_pages_and_fill_no_cache(client, site):
    category, item = site
    user = get_user_model().objects.create_user("reader", password="x")
    client.force_login(user)
    client.get(category.url)
    _silently_rename(item, "改过的标题")
    assert "改过的标题" in client.get(category.url).text
    client.logout()
    assert "改过的标题" in client.get(category.url).text  # nothing was stored for the anonymous visitor


def test_unusual_query_strings_are_not_cached(client, site):
    category, item = site
    client.get(category.url, {"utm_source": "x"})
    _silently_rename(item, "改过的标题")
    assert "改过的标题" in client.get(category.url, {"utm_source": "x"}).text


def test_search_results_are_refreshed_by_a_publish_and_still_logged(client, site, django_capture_on_commit_callbacks):
    category, item = site
    with CaptureQueriesContext(connection) as first:
        assert item.url in client.get("/gi/search/", {"q": "科技创新券"}).text
    with CaptureQueriesContext(connection) as second:
        assert item.url in client.get("/gi/search/", {"q": "科技创新券"}).text
    assert len(second) < len(first) - 3  # served from the cache: the index is not asked again
    assert Query.objects.get(query_string="科技创新券").hits == 2  # a cached answer is still counted
    with django_capture_on_commit_callbacks(execute=True):
        added = add_item(category, "科技创新券申领指南")
    assert added.url in client.get("/gi/search/", {"q": "科技创新券"}).text


def test_private_pages_never_reach_the_cached_search_page(client, site, django_capture_on_commit_callbacks):
    category, item = site
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=item, restriction_type=PageViewRestriction.LOGIN)
    user = get_user_model().objects.create_superuser("boss", "boss@example.invalid", "x")
    client.force_login(user)
    client.get("/gi/search/", {"q": "科技创新券"})
    client.logout()
    assert item.url not in client.get("/gi/search/", {"q": "科技创新券"}).text


def test_query_log_is_written_in_batches(settings):
    settings.GI_WAGTAIL = {**settings.GI_WAGTAIL, "SEARCH_LOG_FLUSH_SECONDS": 3600}
    querylog.discard()
    querylog.flush()  # starts the interval now
    for _ in range(3):
        querylog.record("科技项目", total=4)
    assert not Query.objects.exists()  # no write per search
    querylog.flush()
    assert Query.objects.get(query_string="科技项目").hits == 3

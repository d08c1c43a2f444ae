"""The 主题分类 chooser in the item edit form finds classes by their Chinese name."""

import pytest
from django.urls import reverse

from gi_wagtail.models import TopicClass

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.com", "x"))
    return client


def _results(client, **params):
    url = reverse(TopicClass.snippet_viewset.chooser_viewset.get_url_name("choose_results"))
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_chooser_results_find_topics_by_chinese_name(admin_client, settings):
    assert settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] == "gi_wagtail.search.wagtail_backend"
    matching = [str(topic) for topic in TopicClass.objects.filter(name__contains="科技")]
    assert "科技、教育\\科技" in matching
    html = _results(admin_client, q="科技")
    for label in matching:
        assert label in html
    assert "综合政务\\政务公开" not in html
    # A class is also found through its parent's name, and a query in traditional script finds it too.
    assert "科技、教育\\教育" in _results(admin_client, q="科技、教育")
    assert "国民经济管理、国有资产监管\\统计" in _results(admin_client, q="經濟 統計")


def test_chooser_modal_has_a_search_box(admin_client):
    url = reverse(TopicClass.snippet_viewset.chooser_viewset.get_url_name("choose"))
    response = admin_client.get(url)
    assert response.status_code == 200
    html = response.json()["html"]
    assert "data-chooser-modal-search" in html and 'name="q"' in html


def test_snippet_listing_is_searchable(admin_client):
    response = admin_client.get(reverse(TopicClass.snippet_viewset.get_url_name("list")), {"q": "科技"})
    assert response.status_code == 200
    assert "科技、教育" in response.content.decode()

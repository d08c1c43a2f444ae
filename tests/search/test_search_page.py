"""The public search page as a citizen uses it: partial matches under their own heading,
completions, pinyin, "did you mean", popular searches and the facet toggle."""

import datetime as dt

import pytest
from django.urls import reverse
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from tests.factories import add_item

TITLES = [
    "关于组织申报2024年度高新技术企业认定的通知",
    "高新技术企业认定管理办法",
    "科技局领导信息",
    "关于开展科技特派员工作的通知",
]


@pytest.fixture
def site(catalogue, publish):
    _, category, organisation = catalogue
    return [publish(add_item, category, title, organisation=organisation) for title in TITLES]


def page(client, **params):
    response = client.get(reverse("gi_wagtail_search"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_partial_matches_come_under_their_own_heading(client, site):
    html = page(client, q="高新技术企业 火星")
    assert "gi-search-partial-heading" in html
    assert html.index("gi-search-partial-heading") < html.index("认定管理办法")
    data = client.get(reverse("gi_wagtail_search"), {"q": "高新技术企业 火星", "format": "json"}).json()
    assert data["partial_total"] == data["total"] == 2 and all(h["partial"] for h in data["hits"])
    assert data["suggestions"] == ["高新技术企业"]

    html = page(client, q="高新技术企业 认定")
    assert "gi-search-partial-heading" not in html  # two full matches, no partial ones


def test_a_question_finds_what_it_asks_about(client, site):
    data = client.get(reverse("gi_wagtail_search"), {"q": "请问如何申报高新技术企业认定？", "format": "json"}).json()
    assert data["hits"][0]["title"] == TITLES[0] and not data["hits"][0]["partial"]


def test_pinyin_and_did_you_mean_link_to_the_chinese_words(client, site):
    html = page(client, q="kjj")
    assert "gi-search-pinyin" in html and "科技局" in html
    data = client.get(reverse("gi_wagtail_search"), {"q": "gxjsqy", "format": "json"}).json()
    assert data["offers"]["pinyin"][0] == "高新技术企业"

    data = client.get(reverse("gi_wagtail_search"), {"q": "高新技术企叶", "format": "json"}).json()
    assert data["offers"]["did_you_mean"] == "高新技术企业"
    assert "gi-search-did-you-mean" in page(client, q="高新技术企叶")


def test_completions_endpoint(client, site):
    url = reverse("gi_wagtail_search_suggest")
    data = client.get(url, {"q": "高新"}).json()
    assert data["suggestions"][0].startswith("高新") and "高新技术企业" in data["suggestions"]
    assert "科技局" in client.get(url, {"q": "kj"}).json()["suggestions"]
    assert client.get(url, {"q": "<script>"}).json()["suggestions"] == []
    assert client.get(url, {"q": ""}).json() == {"query": "", "suggestions": []}
    html = page(client)
    assert 'data-gi-suggest="/gi/search/suggest/"' in html and 'role="combobox"' in html


def test_empty_results_offer_popular_searches(client, site):
    today = dt.date.today()
    for days_ago in range(3):
        QueryDailyHits.objects.create(query=Query.get("科技特派员"), date=today - dt.timedelta(days=days_ago), hits=2)
    html = page(client, q="火星移民")
    assert "gi-search-popular" in html and "科技特派员" in html


def test_facets_fold_under_a_button(client, site):
    html = page(client, q="通知")
    assert '<details class="gi-facets-toggle" open>' in html and "<summary>" in html

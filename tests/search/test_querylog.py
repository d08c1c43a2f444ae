"""The anonymous query log: what is kept, and when a query becomes a popular search."""

import datetime as dt

import pytest
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from gi_wagtail.search import querylog


@pytest.mark.parametrize(
    "query",
    [
        "110101199003071234",  # 身份证号
        "张三 13812345678",  # a name with a mobile number
        "6222 0212 3456 7890 123",  # a bank card, spaced
        "zhangsan@example.com",
        "https://example.com/x",
        "科",  # too short to mean anything
        "政" * 40,  # too long for a search phrase
    ],
)
def test_queries_that_may_carry_personal_data_are_never_kept(query):
    assert querylog.loggable(query) == ""


@pytest.mark.parametrize(
    "query,kept",
    [
        ("科技局 年报", "科技局 年报"),
        ("高科发〔2023〕12号", "高科发〔2023〕12号"),
        ("ＡＢＣ　科技", "ABC 科技"),
        ("  科學技術局 ", "科学技术局"),
    ],
)
def test_ordinary_queries_are_kept_normalised(query, kept):
    assert querylog.loggable(query) == kept


@pytest.mark.django_db
def test_only_queries_that_found_something_are_counted():
    querylog.record("科技项目", total=3)
    querylog.record("科技项目", total=1)
    querylog.record("火星移民", total=0)
    querylog.record("13812345678", total=2)
    assert {q.query_string: q.hits for q in Query.objects.all()} == {"科技项目": 2}


@pytest.mark.django_db
def test_popular_searches_need_several_days():
    today = dt.date(2026, 11, 28)
    for days_ago, query, hits in [
        (0, "科技项目", 5),
        (1, "科技项目", 5),
        (2, "科技项目", 5),
        (0, "高企认定", 2),
        (3, "高企认定", 1),
        (9, "高企认定", 1),
        (0, "某人姓名", 50),  # one visitor, one day: however often, never shown
        (200, "旧的搜索", 1),
        (201, "旧的搜索", 1),
        (202, "旧的搜索", 1),
    ]:
        query_obj = Query.get(query)
        QueryDailyHits.objects.create(query=query_obj, date=today - dt.timedelta(days=days_ago), hits=hits)
    assert querylog.popular(today=today) == ["科技项目", "高企认定"]


@pytest.mark.django_db
def test_the_search_page_logs_without_creating_rows_for_every_query(client):
    client.get("/gi/search/", {"q": "13812345678"})
    client.get("/gi/search/", {"q": "不存在的词语组合"})
    assert not Query.objects.exists()

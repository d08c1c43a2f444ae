"""Generated input never makes public search or a listing fail: no 5xx, nothing logged as an error.

A bounded run for every `make test` (each database); `make fuzz` runs the same
inputs by the ten thousand (benchmarks/fuzz.py).
"""

import logging

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings

from tests.factories import add_item
from tests.fuzz.query_strings import LISTING_PARAMS, query_strings

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


@pytest.fixture
def site(catalogue, publish):
    _, category, organisation = catalogue
    for title in ("关于印发科学技术局2024年工作要点的通知", "科技特派员管理办法", "统计数据公开"):
        publish(add_item, category, title, organisation=organisation)


def fetch(client, path, raw):
    return client.get(f"{path}?{raw}")


@pytest.mark.parametrize("name", ["gi_wagtail_search", "gi_wagtail_search_suggest"])
@FUZZ
@given(raw=query_strings())
@example(raw="q=%E7%A7%91%E6%8A%80&year=%C2%B2")
@example(raw="q=%E7%A7%91%E6%8A%80&year=%E2%91%A0")
@example(raw="q=x&organisation=a%00b&format=json")
@example(raw="q=%00")
@example(raw="query=%00&page=%00")
@example(raw="q=%E7%A7%91&page=%C2%B2&sort=%00")
def test_no_server_error_from_any_query(client, site, caplog, name, raw):
    caplog.clear()
    with caplog.at_level(logging.ERROR):
        response = fetch(client, reverse(name), raw)
    assert response.status_code < 500, (raw, response.status_code)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], raw


@FUZZ
@given(raw=query_strings(LISTING_PARAMS))
@example(raw="year=%C2%B2&page=%E2%91%A0&topic=1%00&genre=%00&sort=%00")
def test_no_server_error_from_a_category_listing_query(client, catalogue, caplog, raw):
    caplog.clear()
    _, category, _ = catalogue
    with caplog.at_level(logging.ERROR):
        response = fetch(client, category.url, raw)
    assert response.status_code < 500, (raw, response.status_code)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], raw


@pytest.mark.parametrize("raw", ["year=%C2%B2", "year=%E2%91%A0", "year=%D9%A1%D9%A2"])
def test_a_unicode_digit_year_is_ignored_not_an_error(client, site, raw):
    plain = fetch(client, reverse("gi_wagtail_search"), "q=%E7%A7%91%E6%8A%80&format=json").json()
    response = fetch(client, reverse("gi_wagtail_search"), f"q=%E7%A7%91%E6%8A%80&format=json&{raw}")
    assert response.status_code == 200
    # The year filter is dropped: the query answers as if it had none.
    assert plain["total"] > 0 and response.json()["hits"] == plain["hits"]


def test_nul_in_a_filter_is_dropped(client, site):
    data = fetch(client, reverse("gi_wagtail_search"), "q=%E7%A7%91%E6%8A%80&organisation=a%00b&format=json").json()
    assert "error" not in data and data["total"] == 0  # "ab" names no organisation
    assert data["facets"] == {} or all(not v for v in data["facets"].values())

"""Index mappings and analyzer settings (no engine needed)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from gi_wagtail.search.elasticsearch.connection import PlainJsonNode, alias_name, make_client
from gi_wagtail.search.elasticsearch.mapping import index_body, searched_fields

FACET_FIELDS = ("category", "year", "organisation", "topic", "genre", "validity")


def configure(settings, **es):
    settings.GI_WAGTAIL = {**settings.GI_WAGTAIL, "ELASTICSEARCH": es}


def test_facet_and_filter_fields_are_keyword_or_date(settings):
    configure(settings)
    props = index_body()["mappings"]["properties"]
    for name in FACET_FIELDS:
        assert props[name]["type"] == "keyword", name
    assert props["published"]["type"] == "date"
    assert props["docnos"]["type"] == "keyword"
    # Annual reports and items share the index; their own fields are merged in.
    assert props["report_year"]["type"] == "keyword"
    assert props["disclosure_method"]["type"] == "keyword"


def test_default_analyzer_is_builtin_cjk(settings):
    configure(settings)
    props = index_body()["mappings"]["properties"]
    for name in ("title", "meta", "body", "attachment"):
        assert props[name] == {
            "type": "text",
            "analyzer": "cjk",
            "fields": {"chars": {"type": "text", "analyzer": "standard"}},
        }
    # Title above 文号 and organisation, above the body, above attached files (as the embedded backend).
    assert (
        searched_fields()["phrase"] == ["title^6", "meta^2", "body^1", "attachment^0.5"]
        and searched_fields()["words"] == []
    )


def test_ik_indexes_max_word_and_searches_smart(settings):
    configure(settings, ANALYZER="ik")
    body = index_body()["mappings"]["properties"]["body"]
    assert body["analyzer"] == "ik_max_word" and body["search_analyzer"] == "ik_smart"
    assert body["fields"]["bigram"] == {"type": "text", "analyzer": "cjk"}
    assert body["fields"]["chars"] == {"type": "text", "analyzer": "standard"}
    assert searched_fields()["words"] == ["title^6", "meta^2", "body^1", "attachment^0.5"]


def test_smartcn(settings):
    configure(settings, ANALYZER="smartcn")
    body = index_body()["mappings"]["properties"]["title"]
    assert body["analyzer"] == body["search_analyzer"] == "smartcn"


@pytest.mark.parametrize(
    "es,message",
    [
        ({"ANALYZER": "jieba"}, "ANALYZER"),
        ({"INDEX_PREFIX": "Bad Prefix!"}, "INDEX_PREFIX"),
    ],
)
def test_bad_settings_raise_clear_errors(settings, es, message):
    configure(settings, **es)
    with pytest.raises(ImproperlyConfigured, match=message):
        index_body() if "ANALYZER" in es else alias_name()


def test_prefix_names_the_alias(settings):
    configure(settings, INDEX_PREFIX="gqkj_prod")
    assert alias_name() == "gqkj_prod-pages"


def test_plain_json_is_the_default_and_can_be_turned_off(settings):
    configure(settings, HOSTS=["http://127.0.0.1:1"])
    assert make_client().transport.node_pool.node_class is PlainJsonNode
    configure(settings, HOSTS=["http://127.0.0.1:1"], OPTIONS={"plain_json": False})
    assert make_client().transport.node_pool.node_class is not PlainJsonNode

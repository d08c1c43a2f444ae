"""Searching over real HTTP: Chinese matching, facets, highlights, sorting, deep pages."""

import datetime as dt

import pytest

from gi_wagtail.search.base import SearchDocument, SearchQuery

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]  # editor synonyms live in the database


def doc(page_id, title, body="", year=2021, **fields):
    fields.setdefault("category", "政策法规")
    fields.setdefault("organisation", "高青县人民政府")
    published = dt.datetime(year, 3, page_id % 27 + 1, tzinfo=dt.UTC)
    return SearchDocument(page_id=page_id, title=title, body=body, published=published, url=f"/p/{page_id}/", **fields)


CORPUS = [
    doc(
        1,
        "高青縣科學技術局2019年政府信息公開工作年度報告",
        "本報告根據條例編制。",
        2020,
        category="年报",
        genre="报告",
        organisation="高青县科学技术局",
    ),
    doc(
        2,
        "关于开展高新技术企业认定工作的通知",
        "各有关单位：现将高新技术企业认定有关事项通知如下。高科发〔2021〕12号",
        2021,
        doc_no="高科发〔2021〕12号",
        genre="通知",
        topic="科技",
    ),
    doc(
        3,
        "县财政局2022年部门预算",
        "县财政局预算公开说明。",
        2022,
        organisation="高青县财政局",
        category="财政预算",
        genre="其他",
    ),
    doc(
        4, "科技特派员管理办法", "为加强科技特派员管理，制定本办法。", 2023, validity="有效", genre="办法", topic="科技"
    ),
    doc(5, "关于废止部分规范性文件的决定", "局长办公会议决定废止下列文件。", 2019, validity="废止", genre="决定"),
    doc(6, "局机关<script>alert(1)</script>周报", "技术人员科学研究学习记录", 2021),
]


@pytest.fixture
def corpus(backend):
    assert backend.rebuild(CORPUS) == len(CORPUS)
    return backend


def ids(results):
    return [h.page_id for h in results.hits]


def test_traditional_query_finds_simplified_text_and_back(corpus):
    assert ids(corpus.search(SearchQuery("高新技術企業認定"))) == [2]
    assert ids(corpus.search(SearchQuery("科学技术局 年度报告"))) == [1]


def test_synonyms_expand_at_query_time(corpus):
    # 科技局 is a synonym of 科学技术局 (gi_wagtail/data/synonyms.txt).
    assert 1 in ids(corpus.search(SearchQuery("科技局年报")))


def test_words_are_matched_whole_not_as_scattered_characters(corpus):
    # Page 6 has 科, 学, 技, 术 and 局 but not the word 科学技术局; stock Wagtail's
    # single-character analysis would return it.
    results = corpus.search(SearchQuery("科学技术局"))
    assert ids(results) == [1]


def test_doc_number_in_any_bracket_style(corpus):
    for form in ("高科发〔2021〕12号", "高科发[2021]12号", "高科发（2021）第12号", "2021 12号"):
        assert ids(corpus.search(SearchQuery(form))) == [2], form


def test_facets_are_aggregations_over_the_matches(corpus):
    results = corpus.search(SearchQuery("科技"))
    assert ids(results) == [4]
    assert results.facets["topic"] == [("科技", 1)]
    assert results.facets["year"] == [("2023", 1)]
    everything = corpus.search(SearchQuery(""))
    assert everything.total == 6
    assert dict(everything.facets["topic"]) == {"科技": 2}
    assert everything.facets["year"][0] == ("2023", 1)  # years newest first
    assert dict(everything.facets["validity"])["废止"] == 1


def test_filters(corpus):
    results = corpus.search(SearchQuery("", filters={"organisation": ["高青县财政局"]}))
    assert ids(results) == [3]
    results = corpus.search(SearchQuery("", filters={"year": ["2021", "2023"], "genre": ["办法"]}))
    assert ids(results) == [4] and results.total == 1


def test_highlights_are_escaped_and_in_the_original_script(corpus):
    hit = corpus.search(SearchQuery("科学技术局")).hits[0]
    assert hit.title_highlight == "高青縣<mark>科學技術局</mark>2019年政府信息公開工作年度報告"
    hit = corpus.search(SearchQuery("周报")).hits[0]
    assert "&lt;script&gt;" in hit.title_highlight and "<script>" not in hit.title_highlight
    assert hit.title_highlight.endswith("<mark>周报</mark>")
    hit = corpus.search(SearchQuery("高新技术企业认定")).hits[0]
    assert "<mark>高新技术企业认定</mark>" in hit.highlight


def test_sort_by_date(corpus):
    assert ids(corpus.search(SearchQuery("", sort="newest"))) == [4, 3, 6, 2, 1, 5]
    assert ids(corpus.search(SearchQuery("", sort="oldest"))) == [5, 1, 2, 6, 3, 4]


def test_suggestions_when_nothing_matches(corpus):
    results = corpus.search(SearchQuery("财政局 特派员"))
    assert set(results.suggestions) == {"财政局", "特派员"}
    # No page has both words: those with one of them follow, marked as partial matches.
    assert results.hits and all(h.partial for h in results.hits)


def test_deep_pages_use_search_after(settings, es_url, es_prefix):
    from gi_wagtail.search.elasticsearch import ElasticsearchBackend
    from tests.search.elasticsearch.conftest import use_cluster

    use_cluster(settings, es_url, es_prefix, SEARCH_AFTER_FROM=10)
    backend = ElasticsearchBackend()
    backend.rebuild(doc(i, f"通知第{i}号", "通知正文", 2000 + i % 20) for i in range(1, 61))
    by_walk = []
    for page in range(1, 7):
        by_walk.extend(ids(backend.search(SearchQuery("通知", sort="newest", page=page, page_size=10))))
    assert sorted(by_walk) == list(range(1, 61))  # every hit once, no gaps
    # The cursor continues exactly where the previous page ended.
    first = backend.search(SearchQuery("通知", sort="newest", page=1, page_size=25))
    nxt = backend.search(SearchQuery("通知", sort="newest", page=1, page_size=25), after=first.cursor)
    assert ids(nxt) == by_walk[25:50]


def test_index_and_delete_single_documents(corpus):
    corpus.index([doc(7, "新增的科技成果公示", "成果", 2024)])
    assert ids(corpus.search(SearchQuery("科技成果"))) == [7]
    corpus.delete([7, 999])
    assert corpus.search(SearchQuery("科技成果")).total == 0
    assert corpus.indexed_ids() == {1, 2, 3, 4, 5, 6}

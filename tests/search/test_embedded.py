"""The embedded backend on the database under test (SQLite, PostgreSQL, MariaDB)."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import timezone

from gi_wagtail.search.base import SearchDocument, SearchQuery

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "search_eval" / "corpus.jsonl"


def doc(page, title, body="", published=None, **kw):
    return SearchDocument(
        page_id=page.pk, title=title, url=f"/p/{page.pk}/", body=body, published=published or timezone.now(), **kw
    )


@pytest.fixture
def indexed(backend, make_page):
    pages = {}
    data = [
        (
            "hitech",
            "高岭县科学技术局关于组织申报2023年度高新技术企业认定的通知",
            "认定通过的高新技术企业可享受企业所得税优惠。",
            dict(doc_no="高科发〔2023〕12号", category="业务工作", organisation="高岭县科学技术局", genre="通知"),
            2023,
        ),
        (
            "report",
            "高嶺縣科學技術局2022年政府信息公開工作年度報告",
            "本報告根據《中華人民共和國政府信息公開條例》要求編制。",
            dict(category="政府信息公开年报", organisation="高岭县科学技术局", genre="报告"),
            2023,
        ),
        (
            "dust",
            "县住建局关于加强建筑工地扬尘污染防治工作的通知",
            "施工现场必须做到周边围挡、物料堆放覆盖。<script>alert(1)</script>",
            dict(doc_no="岚建发[2021]4号", category="业务工作", organisation="青岚县住房和城乡建设局", genre="通知"),
            2021,
        ),
        (
            "ppp",
            "青岚县城区污水处理厂PPP项目实施方案公示",
            "项目采用政府和社会资本合作模式。",
            dict(category="业务工作", organisation="青岚县发展和改革局", genre="公告"),
            2020,
        ),
    ]
    for key, title, body, extra, year in data:
        page = make_page(title=title)
        pages[key] = page
        backend.index([doc(page, title, body, timezone.make_aware(dt.datetime(year, 3, 1)), **extra)])
    return pages


def ids(results):
    """The full matches (partial matches follow them when they do not fill a page)."""
    return [h.page_id for h in results.hits if not h.partial]


@pytest.mark.parametrize(
    "q,key",
    [
        ("高企", "hitech"),
        ("高新技术企业", "hitech"),
        ("[2023]12号", "hitech"),
        ("2023 12号", "hitech"),
        ("科技局年报", "report"),
        ("年度报告", "report"),
        ("政府信息公开", "report"),
        ("扬尘", "dust"),
        ("2021 4号", "dust"),
        ("ppp", "ppp"),
        ("政府和社会资本合作", "ppp"),
    ],
)
def test_finds_chinese_words(backend, indexed, q, key):
    results = backend.search(SearchQuery(q))
    assert ids(results) == [indexed[key].pk]
    assert results.hits[0].page_id == indexed[key].pk and not results.hits[0].partial


def test_title_ranks_above_body(backend, make_page):
    in_body = make_page(title="b")
    in_title = make_page(title="t")
    backend.index(
        [
            doc(in_body, "关于开展工作的通知", "本次检查涉及防汛物资储备。"),
            doc(in_title, "关于做好防汛工作的通知", "各单位要高度重视。"),
        ]
    )
    assert ids(backend.search(SearchQuery("防汛"))) == [in_title.pk, in_body.pk]


def test_recency_breaks_ties(backend, make_page):
    old, new = make_page(title="o"), make_page(title="n")
    backend.index(
        [
            doc(old, "防汛通知", published=timezone.make_aware(dt.datetime(2020, 1, 1))),
            doc(new, "防汛通知", published=timezone.make_aware(dt.datetime(2023, 1, 1))),
        ]
    )
    assert ids(backend.search(SearchQuery("防汛"))) == [new.pk, old.pk]


def test_facets_filters_sort_and_pagination(backend, indexed):
    results = backend.search(SearchQuery("通知"))
    assert results.total == 2
    assert dict(results.facets["category"]) == {"业务工作": 2}
    assert dict(results.facets["year"]) == {"2023": 1, "2021": 1}
    assert dict(results.facets["organisation"]) == {"高岭县科学技术局": 1, "青岚县住房和城乡建设局": 1}

    filtered = backend.search(SearchQuery("通知", filters={"year": ["2021"]}))
    assert ids(filtered) == [indexed["dust"].pk]
    assert filtered.total == 1

    browse = backend.search(SearchQuery("", filters={"category": "业务工作"}, sort="oldest"))
    assert ids(browse) == [indexed["ppp"].pk, indexed["dust"].pk, indexed["hitech"].pk]

    page2 = backend.search(SearchQuery("", filters={"category": "业务工作"}, sort="newest", page=2, page_size=2))
    assert ids(page2) == [indexed["ppp"].pk]
    assert page2.total == 3 and page2.num_pages == 2


def test_highlight_is_escaped(backend, indexed):
    hit = backend.search(SearchQuery("施工现场")).hits[0]
    assert "<mark>施工现场</mark>" in hit.highlight
    assert "<script>" not in hit.highlight and "&lt;script&gt;" in hit.highlight
    hit = backend.search(SearchQuery("科技局年报")).hits[0]
    assert "<mark>科學技術局</mark>" in hit.title_highlight
    assert "<mark>年度報告</mark>" in hit.title_highlight


def test_suggestions_when_nothing_found(backend, indexed):
    results = backend.search(SearchQuery("扬尘 火星"))
    assert ids(results) == []
    assert results.suggestions == ["扬尘"]
    # What matches part of the query is listed, marked as such.
    assert [h.page_id for h in results.hits] == [indexed["dust"].pk] and results.hits[0].partial


def test_loose_fallback_when_strict_query_finds_nothing(backend, indexed):
    # 高岭县扬尘: no document has 县扬; the loose query wants 高, 岭, 县, 扬, 尘 anywhere.
    results = backend.search(SearchQuery("高岭县扬尘"))
    assert results.total == 0 and not results.relaxed
    results = backend.search(SearchQuery("县住建局扬尘"))
    assert results.relaxed is False and ids(results) == [indexed["dust"].pk]
    # 防治 is in no document: the page matching the rest comes first, as a partial match.
    results = backend.search(SearchQuery("住建扬尘防治"))
    assert results.hits[0].page_id == indexed["dust"].pk and results.hits[0].partial


@pytest.mark.parametrize(
    "q",
    [
        "'",
        '"',
        '" OR 1=1 --',
        "'; DROP TABLE gi_wagtail_searchentry; --",
        "title:x AND NOT y*",
        "😀",
        "%",
        "\x00",
        "科" * 5000,
        "a" * 5000,
        "+(-x) @2 ~y <z >w",
        "MATCH AGAINST",
    ],
)
def test_hostile_queries_never_fail(backend, indexed, q):
    results = backend.search(
        SearchQuery(q, filters={"year": ["x", "2021"], "nope": ["1"]}, page="-3", page_size="abc", sort="'; drop")
    )
    assert results.total >= 0
    assert backend.search(SearchQuery("扬尘")).total == 1  # the table is still there


def test_reindex_replaces_and_delete_removes(backend, indexed):
    page = indexed["ppp"]
    backend.index([doc(page, "青岚县城区供水项目公示", "供水")])
    assert backend.search(SearchQuery("ppp")).total == 0
    assert ids(backend.search(SearchQuery("供水"))) == [page.pk]
    backend.delete([page.pk])
    assert backend.search(SearchQuery("供水")).total == 0
    assert page.pk not in backend.indexed_ids()


def test_deleting_the_page_removes_the_entry(backend, indexed):
    indexed["dust"].delete()
    assert backend.search(SearchQuery("扬尘")).total == 0


def test_evaluation_corpus_recall(backend, root_page):
    """On the dev evaluation set most relevant items are in the top 10."""
    items = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    queries = [json.loads(line) for line in (CORPUS.parent / "queries.jsonl").open(encoding="utf-8")]
    from wagtail.models import Page

    root = root_page
    id_map = {}
    docs = []
    for n, item in enumerate(items):
        page = root.add_child(instance=Page(title=item["title"], slug=f"i{n}"))
        id_map[page.pk] = item["id"]
        docs.append(
            SearchDocument(
                page_id=page.pk,
                title=item["title"],
                body=item["body"],
                doc_no=item["doc_no"],
                index_no=item["index_no"],
                category=item["category"],
                organisation=item["organisation"],
                topic=item["topic"],
                genre=item["genre"],
                validity=item["validity"],
                published=timezone.make_aware(dt.datetime.fromisoformat(item["published"])),
            )
        )
    backend.bulk_index(docs)
    recalls = []
    for q in queries:
        top = [id_map[h.page_id] for h in backend.search(SearchQuery(q["query"], page_size=10)).hits]
        rel = q["relevant"]
        recalls.append(len([i for i in top if i in rel]) / min(10, len(rel)))
    assert sum(recalls) / len(recalls) >= 0.9

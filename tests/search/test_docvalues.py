"""Facets and paging from doc values (in memory) equal what SQL computes, and follow index writes."""

import datetime as dt

import pytest
from django.utils import timezone

from gi_wagtail.search.base import FACETS, SearchDocument, SearchQuery


def results_in_sql(backend, query):
    """The search as the SQL path computes it (the path filtered queries and MySQL take)."""
    parsed = query.parsed
    from_, where, score, params, score_params = backend._base(parsed, query.filters)
    rows, total, facets = backend._page_in_sql(query, parsed, from_, where, score, params, score_params)
    return [(r[1], round(float(r[-1] or 0), 6)) for r in rows], total, facets


def results_in_memory(backend, query):
    results = backend._search(query, query.parsed)  # full matches only, as the SQL path
    return [(h.page_id, round(h.score, 6)) for h in results.hits], results.total, results.facets


@pytest.fixture
def many(backend, make_page):
    """Items with equal scores, equal and missing dates, and repeated facet values."""
    docs = []
    for n in range(36):
        page = make_page(title=f"关于第{n}批科技创新券兑付的公示")
        published = None if n % 9 == 0 else timezone.make_aware(dt.datetime(2020 + n % 4, 1 + n % 3, 1))
        docs.append(
            SearchDocument(
                page_id=page.pk,
                title="关于科技创新券兑付的公示" if n % 2 else f"关于第{n}批科技创新券兑付的公示",
                url=f"/p/{page.pk}/",
                body="科技创新券" * (1 + n % 3),
                published=published,
                category=["业务工作", "通知公告", ""][n % 3],
                organisation=["县科技局", "县财政局"][n % 2],
                genre="公示",
                validity=["有效", "失效"][n % 5 == 0],
                topic=["科技", ""][n % 4 == 0],
            )
        )
    backend.index(docs)


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("page", [1, 2, 4])
@pytest.mark.parametrize("q", ["科技创新券", "兑付 公示", "第3批"])
def test_memory_and_sql_agree(backend, many, q, sort, page):
    # (MySQL/MariaDB count facets in SQL only: there the public search must equal the SQL path too.)
    query = SearchQuery(q, sort=sort, page=page, page_size=10)
    assert results_in_memory(backend, query) == results_in_sql(backend, query)


def test_doc_values_follow_writes(backend, many, make_page):
    query = SearchQuery("科技创新券")
    before = backend.search(query)
    page = make_page(title="新的科技创新券公示")
    backend.index(
        [
            SearchDocument(
                page_id=page.pk,
                title="新的科技创新券公示",
                category="新栏目",
                published=timezone.make_aware(dt.datetime(2030, 1, 1)),
            )
        ]
    )
    after = backend.search(query)
    assert after.total == before.total + 1
    assert ("新栏目", 1) in after.facets["category"]
    newest = backend.search(SearchQuery("科技创新券", sort="newest"))
    assert newest.hits[0].page_id == page.pk
    # a changed facet value moves its count
    backend.index([SearchDocument(page_id=page.pk, title="新的科技创新券公示", category="另一栏目")])
    moved = backend.search(query).facets["category"]
    assert ("另一栏目", 1) in moved and all(v != "新栏目" for v, _ in moved)
    backend.delete([page.pk])
    assert backend.search(query).total == before.total
    assert set(FACETS) == set(before.facets)


def test_rewrites_follow_text_changes_only(backend, many, make_page):
    """Unchanged rows are skipped, changed ones rewritten; on SQLite the batched FTS5 writes
    (no per-row triggers) keep the index equal to the text table."""
    from django.db import connection

    from gi_wagtail.search.embedded import dialects

    page = make_page(title="更新前的标题")
    backend.index([SearchDocument(page_id=page.pk, title="更新前的标题", body="正文一")])
    backend.index([SearchDocument(page_id=page.pk, title="更新后的标题", body="正文二")])  # changed
    backend.index([SearchDocument(page_id=page.pk, title="更新后的标题", body="正文二")])  # unchanged
    assert backend.search(SearchQuery("更新后")).total == 1
    assert backend.search(SearchQuery("更新前")).total == 0
    assert backend.search(SearchQuery("正文二")).total == 1
    backend.delete([page.pk])
    assert backend.search(SearchQuery("更新后")).total == 0
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        # Raises "database disk image is malformed" when index and content differ.
        cursor.execute(f"INSERT INTO {dialects.FTS_TABLE}({dialects.FTS_TABLE}, rank) VALUES ('integrity-check', 1)")

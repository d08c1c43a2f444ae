"""Index sync with the page tree, the commands and the public search page."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from gi_wagtail.models import CatalogueCategoryPage, SearchEntry, Validity
from gi_wagtail.search.base import SearchQuery
from tests.factories import add_item


def found(backend, q):
    return [h.page_id for h in backend.search(SearchQuery(q)).hits]


def test_publish_indexes_item_with_metadata(backend, catalogue, publish):
    index, category, org = catalogue
    item = publish(
        add_item,
        category,
        "高青县科学技术局关于开展科技特派员工作的通知",
        doc_no="高科发〔2024〕3号",
        organisation=org,
        summary="科技特派员深入乡村一线开展技术服务。",
    )
    assert found(backend, "科技特派员") == [item.pk]
    assert found(backend, "[2024]3号") == [item.pk]
    entry = SearchEntry.objects.get(page=item)
    assert entry.category == "政策法规"
    assert entry.organisation == "高青县科学技术局"
    assert entry.index_no and entry.index_no == item.index_no
    assert entry.year == 2024
    # the organisation's short name is searchable
    assert found(backend, "县科技局 特派员") == [item.pk]


def test_draft_is_not_indexed_and_edits_follow_publish(backend, catalogue, publish):
    _, category, _ = catalogue
    draft = publish(add_item, category, "关于防汛工作的通知", publish=False)
    assert found(backend, "防汛") == []
    item = publish(add_item, category, "关于防汛工作的通知")
    assert found(backend, "防汛") == [item.pk]
    item.title = "关于森林防火工作的通知"
    revision = item.save_revision()
    assert found(backend, "森林防火") == []  # draft only
    publish(revision.publish)
    assert found(backend, "森林防火") == [item.pk]
    assert found(backend, "防汛") == []
    assert draft.pk not in backend.indexed_ids()


def test_unpublish_move_delete_privacy_validity(backend, catalogue, publish):
    index, category, _ = catalogue
    item = publish(add_item, category, "关于扬尘污染防治的通知")
    assert found(backend, "扬尘") == [item.pk]

    publish(item.unpublish)
    assert found(backend, "扬尘") == []
    publish(item.save_revision().publish)
    assert found(backend, "扬尘") == [item.pk]

    from gi_wagtail.models import CatalogueCategoryPage

    other = publish(index.add_child, instance=CatalogueCategoryPage(title="业务工作", slug="ywgz"))
    publish(item.move, other, pos="last-child")
    assert SearchEntry.objects.get(page=item).category == "业务工作"

    restriction = publish(PageViewRestriction.objects.create, page=other, restriction_type="password", password="x")
    assert found(backend, "扬尘") == []
    publish(restriction.delete)
    assert found(backend, "扬尘") == [item.pk]

    item.refresh_from_db()
    item.validity = Validity.REPEALED
    publish(item.save)
    assert SearchEntry.objects.get(page=item).validity == "repealed"
    assert found(backend, "扬尘") == [item.pk]

    publish(Page.objects.get(pk=item.pk).delete)
    assert found(backend, "扬尘") == []
    assert not SearchEntry.objects.filter(page_id=item.pk).exists()


def test_rebuild_and_search_commands(backend, catalogue, publish):
    _, category, org = catalogue
    item = publish(add_item, category, "高青县科学技术局2023年政府信息公开工作年度报告", organisation=org)
    SearchEntry.objects.all().delete()
    out, err = StringIO(), StringIO()
    call_command("gi_wagtail_rebuild_index", stdout=out, stderr=err)
    assert "Indexed" in out.getvalue() or "已索引" in out.getvalue()
    assert found(backend, "科技局年报") == [item.pk]

    out = StringIO()
    call_command("gi_wagtail_search", "科技局年报", "--json", "--limit", "5", stdout=out)
    data = json.loads(out.getvalue())
    assert data["total"] == 1
    hit = data["hits"][0]
    assert hit["id"] == item.pk and hit["index_no"] == item.index_no and hit["category"] == "政策法规"
    assert set(hit) == {"id", "title", "url", "index_no", "category", "published", "score"}

    out = StringIO()
    call_command("gi_wagtail_search", "年度報告", stdout=out)
    assert out.getvalue().split("\t")[0] == str(item.pk)

    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("gi_wagtail_rebuild_index", "--backend", "nosuch")


def test_editor_synonyms(backend, catalogue, publish):
    from gi_wagtail.models import SearchSynonym

    _, category, _ = catalogue
    item = publish(add_item, category, "大数据发展管理局关于数据共享的通知")
    # Without the synonym only the loose fallback (数据 + 局 anywhere) finds it.
    assert backend.search(SearchQuery("数据局")).relaxed
    SearchSynonym.objects.create(terms="数据局 大数据发展管理局")
    results = backend.search(SearchQuery("数据局"))
    assert [h.page_id for h in results.hits] == [item.pk] and not results.relaxed
    assert "<mark>大数据发展管理局</mark>" in results.hits[0].title_highlight
    SearchSynonym.objects.all().delete()
    assert backend.search(SearchQuery("数据局")).relaxed


def test_search_page(client, backend, catalogue, publish):
    _, category, org = catalogue
    item = publish(
        add_item,
        category,
        "高青县科学技术局关于高新技术企业认定的通知",
        doc_no="高科发〔2024〕7号",
        organisation=org,
        summary="认定<b>通过</b>的企业享受优惠。",
    )
    url = reverse("gi_wagtail_search")
    response = client.get(url, {"q": "高企"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>高新技术企业</mark>" in html
    assert "&lt;b&gt;通过&lt;/b&gt;" in html or ("通过" in html and "<b>通过</b>" not in html)
    assert item.index_no in html

    data = client.get(url, {"q": "高科发[2024]7号", "format": "json"}).json()
    assert data["total"] == 1 and data["hits"][0]["id"] == item.pk
    assert data["facets"]["category"] == [{"value": "政策法规", "count": 1}]

    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query = Query.get("认定")
    SearchPromotion.objects.create(
        query=query, external_link_url="https://example.org/guide", external_link_text="认定指南", sort_order=0
    )
    data = client.get(url, {"q": "认定", "format": "json"}).json()
    assert data["promotions"][0]["title"] == "认定指南"
    assert Query.get("认定").hits >= 1


@pytest.mark.parametrize(
    "q", ["<script>alert(1)</script>", "'\"", "%00", "\x00", "科" * 5000, "😀", "a OR b", "高企\u202e", ""]
)
def test_search_page_is_safe_for_any_input(client, backend, catalogue, q):
    url = reverse("gi_wagtail_search")
    for params in (
        {"q": q},
        {"q": q, "page": "-1", "sort": "x", "year": "abc", "category": q[:50]},
        {"q": q, "format": "json", "page": "999999"},
    ):
        response = client.get(url, params)
        assert response.status_code == 200
        assert b"<script>alert(1)</script>" not in response.content


def test_sync_pages_batches_with_constant_queries(backend, catalogue, django_assert_max_num_queries):
    """An importer syncs a chunk of fresh pages: the query count does not grow with the chunk."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gi_wagtail.models import DisclosureItemPage
    from gi_wagtail.search.tasks import sync_pages

    index, category, org = catalogue

    def create(n, start):
        pages = []
        for i in range(start, start + n):
            pages.append(
                category.add_child(
                    instance=DisclosureItemPage(
                        title=f"关于第{i}批科技创新券兑付的公示", slug=f"batch-{i}", live=True, organisation=org
                    )
                )
            )
        return [p.pk for p in pages]

    warm = create(1, 100)
    sync_pages(warm)  # warms the content type and site caches
    few = create(2, 0)
    with CaptureQueriesContext(connection) as small:
        sync_pages(few + [999_998])
    many = create(12, 2)
    private = category.add_child(instance=CatalogueCategoryPage(title="内部", slug="private"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    hidden = private.add_child(instance=DisclosureItemPage(title="内部科技创新券名单", slug="hidden", live=True))
    draft = category.add_child(instance=DisclosureItemPage(title="科技创新券草稿", slug="draft", live=False))
    with CaptureQueriesContext(connection) as large:
        result = sync_pages(many + [hidden.pk, draft.pk, 999_999])
    assert len(large) == len(small)
    assert result == {"indexed": 12, "removed": 3}
    hits = found_all(backend, "科技创新券")
    assert set(hits) == set(warm + few + many)


def found_all(backend, q):
    return [h.page_id for h in backend.search(SearchQuery(q, page_size=100)).hits]

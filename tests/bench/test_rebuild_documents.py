"""A full rebuild builds each page's search document in batches; it must index exactly what a publish indexes."""

import pytest
from wagtail.models import Page

from gi_wagtail.models import CatalogueCategoryPage, Genre, TopicClass
from gi_wagtail.search.documents import document_for, documents_for, searchable_pages
from tests.factories import add_item, build_catalogue

pytestmark = pytest.mark.django_db


def test_batched_documents_equal_per_page_documents():
    index, category, organisation = build_catalogue()
    sub = category.add_child(instance=CatalogueCategoryPage(title="规范性文件", slug="gfxwj"))
    first = add_item(
        category,
        "关于开展2023年安全生产大检查的通知",
        doc_no="高应急发〔2023〕5号",
        organisation=organisation,
        topic=TopicClass.objects.filter(parent__isnull=False).first(),
        genre=Genre.objects.first(),
        summary="安全生产大检查",
    )
    first.keywords.add("安全生产", "大检查")
    first.save_revision().publish()
    add_item(sub, "高青县科学技术局2023年政府信息公开工作年度报告")

    pages = list(searchable_pages().order_by("path"))
    expected = [document_for(Page.objects.get(pk=p.pk)) for p in pages]
    batched = documents_for(pages)

    assert batched == expected
    by_title = {d.title: d for d in batched}
    assert by_title["高青县科学技术局2023年政府信息公开工作年度报告"].category == "规范性文件"
    notice = by_title["关于开展2023年安全生产大检查的通知"]
    assert notice.category == "政策法规"
    assert set(notice.keywords.split()) == {"安全生产", "大检查", "县科技局"}

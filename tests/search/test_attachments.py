"""Attached files are searched: their text is extracted once, kept until the file changes,
ranked below the page's own text and named in the hit."""

import importlib.util
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model

from gi_wagtail.models import ItemAttachment
from gi_wagtail.search.models import AttachmentText
from tests.factories import add_item

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("demo_files", ROOT / "example_site" / "home" / "demo_files.py")
demo_files = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(demo_files)


def upload(name, title, lines):
    maker = getattr(demo_files, name.rsplit(".", 1)[-1])
    document = get_document_model()(title=title, file=SimpleUploadedFile(name, maker(title, lines)))
    document._set_document_file_metadata()
    document.save()
    return document


@pytest.fixture
def policy(catalogue, publish):
    _, category, organisation = catalogue
    item = publish(add_item, category, "关于印发科技型中小企业认定办法的通知", organisation=organisation)
    document = upload("认定办法.pdf", "科技型中小企业认定办法", ["第五条 申报材料包括营业执照复印件和研发费用明细表。"])
    item.attachments.add(ItemAttachment(document=document, sort_order=0))
    publish(lambda: item.save_revision().publish())
    return item, document


def search(client, q):
    return client.get(reverse("gi_wagtail_search"), {"q": q, "format": "json"}).json()


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx"])
def test_words_only_in_an_attachment_find_the_item(client, catalogue, publish, fmt):
    _, category, organisation = catalogue
    item = publish(add_item, category, "关于公布2024年度科技项目的通知", organisation=organisation)
    lines = ["序号\t项目名称\t补助金额", "1\t智能农机装备研发\t50"] if fmt == "xlsx" else ["智能农机装备研发项目"]
    item.attachments.add(ItemAttachment(document=upload(f"项目清单.{fmt}", "项目清单", lines), sort_order=0))
    publish(lambda: item.save_revision().publish())
    data = search(client, "智能农机装备")
    assert [h["id"] for h in data["hits"]] == [item.pk]
    assert data["hits"][0]["attachment"] == "项目清单"
    assert "<mark>" in data["hits"][0]["highlight"]


def test_the_hit_names_the_attachment_on_the_page(client, policy):
    item, _ = policy
    html = client.get(reverse("gi_wagtail_search"), {"q": "研发费用明细表"}).content.decode()
    assert "科技型中小企业认定办法" in html and "gi-badge" in html
    assert "附件" in html or "Attachment" in html


def test_text_is_extracted_once_and_again_when_the_file_changes(client, policy, publish):
    item, document = policy
    stored = AttachmentText.objects.get(document=document)
    assert "营业执照复印件" in stored.text and stored.file_hash == document.file_hash
    publish(lambda: item.save_revision().publish())  # republishing does not parse the file again
    assert AttachmentText.objects.get(document=document).extracted_at == stored.extracted_at

    # A replaced file (the document edit view) changes what the item is found by.
    document.file = SimpleUploadedFile("认定办法.pdf", demo_files.pdf("认定办法", ["第六条 须提交知识产权证书。"]))
    document._set_document_file_metadata()
    publish(document.save)
    assert [h["id"] for h in search(client, "知识产权证书")["hits"]] == [item.pk]
    assert search(client, "营业执照复印件")["hits"] == []


def test_an_unreadable_attachment_does_not_stop_publishing(client, catalogue, publish):
    _, category, organisation = catalogue
    item = publish(add_item, category, "关于报送材料的通知", organisation=organisation)
    document = get_document_model()(
        title="旧格式", file=SimpleUploadedFile("材料.txt", b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    )
    document._set_document_file_metadata()
    document.save()
    item.attachments.add(ItemAttachment(document=document, sort_order=0))
    publish(lambda: item.save_revision().publish())
    # Why its text is missing, in the site's language, for editors and the personal-data scan.
    assert "不支持" in AttachmentText.objects.get(document=document).error
    assert [h["id"] for h in search(client, "报送材料")["hits"]] == [item.pk]

"""What the index holds for a page: the text a reader sees, not the editor's settings, and
annual reports in full (narrative, table labels and figures) with their own date."""

import datetime as dt

import pytest
from django.utils import translation
from wagtail import blocks

from gi_wagtail.catalogue.models.item import ItemBodyBlock
from gi_wagtail.search import documents
from gi_wagtail.search.documents import block_text, plain_text
from tests.factories import add_item, build_catalogue
from tests.reports.pages import add_report


def _choice_labels(block):
    """Labels of every choice (ChoiceBlock) inside a block, in English and Chinese."""
    found = set()
    if isinstance(block, blocks.ChoiceBlock):
        for _value, label in block.field.choices:
            for lang in ("en", "zh-hans"):
                with translation.override(lang):
                    found.add(str(label))
    for child in getattr(block, "child_blocks", {}).values():
        found |= _choice_labels(child)
    if isinstance(block, blocks.ListBlock):
        found |= _choice_labels(block.child_block)
    return {label for label in found if label}


@pytest.mark.parametrize("name", list(ItemBodyBlock().child_blocks))
def test_no_block_puts_its_editor_labels_into_the_index(name):
    """Every block of an item body, with its preview value: choices such as a heading's
    level (二级标题) or a plan's status (已完成) are settings, not text."""
    stream_block = ItemBodyBlock()
    block = stream_block.child_blocks[name]
    preview = block.get_preview_value()
    value = stream_block.to_python([{"type": name, "value": block.get_prep_value(preview)}])
    for lang in ("en", "zh-hans"):
        with translation.override(lang):
            text = plain_text(value)
        for label in _choice_labels(block):
            assert label not in text, f"{name}: editor label {label!r} indexed"


def test_heading_and_plan_text_is_indexed_without_their_settings():
    stream_block = ItemBodyBlock()
    value = stream_block.to_python(
        [
            {"type": "heading", "value": {"text": "一、工作目标", "level": "h2"}},
            {
                "type": "plan",
                "value": {
                    "kind": "plan",
                    "period_start": 2021,
                    "period_end": 2025,
                    "status": "completed",
                    "summary": "<p>高新技术企业达到60家。</p>",
                },
            },
        ]
    )
    with translation.override("zh-hans"):
        text = plain_text(value)
    assert "一、工作目标" in text and "高新技术企业达到60家" in text
    assert "二级标题" not in text and "已完成" not in text and "规划" not in text
    assert block_text(stream_block, value) == ["一、工作目标", "高新技术企业达到60家。"]


def test_a_report_is_found_by_its_narrative_and_tables_with_its_own_date(
    client, catalogue, django_capture_on_commit_callbacks
):
    _, category, organisation = catalogue
    with django_capture_on_commit_callbacks(execute=True):  # the index follows publishing after the commit
        report = add_report(category, organisation, year=2022)
        report.published_on = dt.date(2023, 1, 18)
        report.save_revision().publish()
    doc = documents.document_for(report)
    # Narrative headings, then the tables' captions, labels and figures.
    assert "一、总体情况" in doc.body and "行政复议" in doc.body and "结果维持" in doc.body
    assert doc.published.date() == dt.date(2023, 1, 18)
    assert doc.organisation == organisation.name

    response = client.get("/gi/search/", {"q": "行政复议", "format": "json"})
    assert report.pk in [h["id"] for h in response.json()["hits"]]
    hit = next(h for h in response.json()["hits"] if h["id"] == report.pk)
    assert hit["published"].startswith("2023-01-18")


@pytest.mark.django_db
def test_a_report_without_a_date_is_dated_after_its_year_not_at_import():
    _, category, organisation = build_catalogue()
    report = add_report(category, organisation, year=2021)
    report.published_on = None
    report.save()
    assert documents.document_for(report).published.date() == dt.date(2022, 1, 1)


@pytest.mark.django_db
def test_item_documents_leave_attachment_names_to_the_attachment_field():
    _, category, _ = build_catalogue()
    item = add_item(category, "关于防汛工作的通知")
    assert documents.document_for(item).attachments == []

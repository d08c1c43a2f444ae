# Hand-written: repairs the rich text of annual reports saved before the importer wrote
# Wagtail's stored form. The importer used to write "<br>" (no slash); Draftail's
# converter rejects that ("Unmatched tags: expected br, got p") and the admin edit view
# of such a report answered HTTP 500. Rewrites the "body" of every report section, in the
# page rows and in their stored revisions, only where the converter rejects it, so the
# migration is idempotent; reversing it is a no-op. Self-contained on purpose: it must not
# depend on code that may change later.

import json
import re

from django.db import migrations

VOID_TAG = re.compile(
    r"<(area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)\b((?:\s+[^<>]*?)?)\s*/?>", re.I)
BLOCK_END = re.compile(r"<br\s*/?>|</p>|</li>|</h\d>", re.I)


def editor_loads(html):
    """True when Draftail's converter can read this HTML (what the admin edit view does)."""
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    # No features: tags are still matched, but no handler looks anything up in the database.
    try:
        ContentstateConverter(features=[]).from_database_format(html)
    except AssertionError:  # "Unmatched tags: expected …, got …"
        return False
    return True


def repair_html(html):
    """The stored form of rich text the editor rejects; the text is kept."""
    if not isinstance(html, str) or editor_loads(html):
        return html
    fixed = VOID_TAG.sub(lambda m: f"<{m.group(1).lower()}{m.group(2).rstrip()}/>", html)
    if editor_loads(fixed):
        return fixed
    from bs4 import BeautifulSoup

    fixed = str(BeautifulSoup(fixed, "html.parser"))  # closes unclosed and mismatched tags
    if editor_loads(fixed):
        return fixed
    import html as html_module

    from django.utils.html import escape, linebreaks, strip_tags

    text = html_module.unescape(strip_tags(BLOCK_END.sub("\n", html))).strip()
    return linebreaks(escape(text)).replace("<br>", "<br/>")


def repair_stream(stream):
    """(repaired list of raw blocks, changed?) for the raw JSON of the sections StreamField."""
    changed = False
    blocks = []
    for block in stream or []:
        value = block.get("value") if isinstance(block, dict) else None
        if isinstance(value, dict) and isinstance(value.get("body"), str):
            body = repair_html(value["body"])
            if body != value["body"]:
                block = {**block, "value": {**value, "body": body}}
                changed = True
        blocks.append(block)
    return blocks, changed


def _raw(stream_value):
    if stream_value is None:
        return []
    raw = getattr(stream_value, "raw_data", stream_value)
    return [dict(block) for block in raw]


def repair_reports(apps, schema_editor):
    ReportPage = apps.get_model("gi_wagtail", "AnnualReportPage")
    for pk, sections in ReportPage.objects.values_list("pk", "sections").iterator():
        blocks, changed = repair_stream(_raw(sections))
        if changed:
            ReportPage.objects.filter(pk=pk).update(sections=blocks)

    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="gi_wagtail", model="annualreportpage").first()
    if content_type is None:
        return
    for revision in Revision.objects.filter(content_type=content_type).iterator():
        content = revision.content
        if not isinstance(content, dict) or not content.get("sections"):
            continue
        stored = content["sections"]
        try:
            stream = json.loads(stored) if isinstance(stored, str) else stored
        except ValueError:
            continue
        if not isinstance(stream, list):
            continue
        blocks, changed = repair_stream(stream)
        if changed:
            content["sections"] = json.dumps(blocks) if isinstance(stored, str) else blocks
            Revision.objects.filter(pk=revision.pk).update(content=content)


class Migration(migrations.Migration):
    dependencies = [
        ("gi_wagtail", "0101_catalogue_vocabularies"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(repair_reports, migrations.RunPython.noop)]

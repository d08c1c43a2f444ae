"""Report rich text as Wagtail's editor stores it: imports open in the editor, old reports are repaired."""

import importlib
import json
from io import StringIO

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.models import Revision

from gi_wagtail.reports.blocks import ReportSectionBlock
from gi_wagtail.reports.models import AnnualReportPage, _plain
from gi_wagtail.reports.parsers import parse_file
from gi_wagtail.reports.schema import dump_report
from tests.factories import build_catalogue
from tests.reports.conftest import GAOQING, YICHENG
from tests.reports.factories import balanced_report, with_text
from tests.reports.pages import add_report, edit_form_data

repair = importlib.import_module("gi_wagtail.migrations.0102_repair_report_rich_text")
converter = ContentstateConverter(ReportSectionBlock.base_blocks["body"].features)

LINES = "本机关主动公开政府信息12条。\n其中规范性文件2件。\n\n全年未收到政府信息公开申请。"


def bodies(page):
    return [str(child.value["body"].source) for child in page.sections]


def report_files(seeds_dir, fixtures_dir):
    return [
        seeds_dir / GAOQING,
        seeds_dir / YICHENG,
        *sorted(fixtures_dir.glob("*.html")),
        *sorted((fixtures_dir.parents[2] / "example_site" / "home" / "demo_reports").glob("*.json")),
    ]


def test_imported_text_round_trips_through_the_editor_converter(seeds_dir, fixtures_dir):
    files = report_files(seeds_dir, fixtures_dir)
    assert len(files) >= 6
    for path in files:
        page = AnnualReportPage()
        page.apply_report_data(parse_file(path))
        for body in bodies(page):
            stored = converter.to_database_format(converter.from_database_format(body))
            assert " ".join(_plain(stored).split()) == " ".join(_plain(body).split()), path.name
            assert "<br>" not in body


def test_line_breaks_become_paragraphs_and_br_tags():
    page = AnnualReportPage()
    page.apply_report_data(with_text(balanced_report(), "general", LINES))
    body = next(b for b in bodies(page) if "12条" in b)
    assert body == "<p>本机关主动公开政府信息12条。<br/>其中规范性文件2件。</p><p>全年未收到政府信息公开申请。</p>"


def test_repair_keeps_text_and_fixes_what_the_editor_rejects():
    assert repair.repair_html("<p>甲<br>乙</p><p>丙<hr></p>") == "<p>甲<br/>乙</p><p>丙<hr/></p>"
    fixed = repair.repair_html("<p>甲<b>乙</p><p>丙</p>")  # mismatched tags
    assert repair.editor_loads(fixed) and _plain(fixed) == "甲乙\n丙"
    stored = "<p>甲<br/>乙</p>"
    assert repair.repair_html(stored) is stored
    with pytest.raises(AssertionError):
        converter.from_database_format("<p>甲<br>乙</p>")


OLD_HTML = "<p>本机关主动公开政府信息12条。<br>其中规范性文件2件。</p>\n\n<p>全年未收到申请。</p>"


def save_the_old_way(page, revision_form):
    """Write what the importer used to write straight into the page row and its revisions."""
    raw = [
        {"type": "section", "id": "a1b2c3", "value": {"key": "general", "heading": "一、总体情况", "body": OLD_HTML}}
    ]
    AnnualReportPage.objects.filter(pk=page.pk).update(sections=raw)
    for revision in Revision.objects.filter(object_id=str(page.pk)):
        content = dict(revision.content)
        content["sections"] = json.dumps(raw) if revision_form == "string" else raw
        Revision.objects.filter(pk=revision.pk).update(content=content)


def raw_state(page):
    row = list(AnnualReportPage.objects.get(pk=page.pk).sections.raw_data)
    return json.dumps(row, sort_keys=True), [
        r.content["sections"] for r in Revision.objects.filter(object_id=str(page.pk))
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("revision_form", ["string", "list"])
def test_migration_repairs_reports_saved_the_old_way(admin_user, revision_form):
    index, _c, org = build_catalogue()
    page = add_report(index, org, publish=True)
    save_the_old_way(page, revision_form)
    client = Client(raise_request_exception=False)
    client.force_login(admin_user)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert client.get(edit).status_code == 500  # the defect this migration repairs

    repair.repair_reports(django_apps, None)

    assert client.get(edit).status_code == 200
    page = AnnualReportPage.objects.get(pk=page.pk)
    assert bodies(page) == ["<p>本机关主动公开政府信息12条。<br/>其中规范性文件2件。</p>\n\n<p>全年未收到申请。</p>"]
    for revision in Revision.objects.filter(object_id=str(page.pk)):
        stored = revision.content["sections"]
        assert isinstance(stored, str) == (revision_form == "string")
        assert bodies(revision.as_object()) == bodies(page)
    assert "其中规范性文件2件" in client.get(page.url).content.decode()
    before = raw_state(page)
    repair.repair_reports(django_apps, None)  # idempotent
    assert raw_state(page) == before


def import_report(index, org, path):
    out = StringIO()
    call_command(
        "gi_wagtail_import_report",
        str(path),
        "--parent",
        str(index.pk),
        "--organisation",
        org.name,
        "--json",
        stdout=out,
    )
    return AnnualReportPage.objects.get(pk=json.loads(out.getvalue())["page_id"])


def json_report_with_line_breaks(tmp_path):
    path = tmp_path / "report.json"
    report = with_text(balanced_report("2021", 2021, organisation="高青县科学技术局"), "general", LINES)
    path.write_text(dump_report(report), "utf-8")
    return path


@pytest.mark.django_db
@pytest.mark.parametrize("source", ["text", "json"])
def test_imported_report_opens_in_the_editor_and_previews(admin_client, seeds_dir, tmp_path, source):
    index, _c, org = build_catalogue()
    path = seeds_dir / GAOQING if source == "text" else json_report_with_line_breaks(tmp_path)
    page = import_report(index, org, path)
    assert any("<br/>" in body for body in bodies(page))
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200

    preview = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    response = admin_client.post(preview, edit_form_data(page))
    assert response.status_code == 200 and response.json()["is_valid"], response.content
    response = admin_client.get(preview)
    assert response.status_code == 200
    html = response.content.decode()
    for body in bodies(page):
        for line in _plain(body).splitlines():
            assert line.strip() in html

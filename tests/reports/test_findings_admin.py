"""The editor's side of findings: grouped per table with labels; missing cells apart from printed blanks."""

import json
import re

import pytest
from django.urls import reverse

from gi_wagtail.reports.models import AnnualReportPage
from tests.factories import build_catalogue
from tests.reports.factories import balanced_report, with_cell
from tests.reports.pages import add_report
from tests.reports.test_admin import grid_post

pytestmark = pytest.mark.django_db

NOT_READ = "table3.withheld_2.org_research"  # not known: an import could not read it
PRINTED = "table3.partial.org_other"  # printed blank in the report


def report_with_blanks():
    report = with_cell(balanced_report("2021", 2021), "table3.granted.total", 9)  # an R2/R3 error
    report = with_cell(report, NOT_READ, None)
    report = with_cell(report, PRINTED, None)
    report = with_cell(report, "table3.withheld_3.org_other", None)
    report["missing"] = [NOT_READ, "table3.withheld_3.org_other"]
    return report


@pytest.fixture
def page(db):
    index, _category, org = build_catalogue()
    return add_report(index, org, publish=False, report=report_with_blanks())


def edit_html(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return response.content.decode()


def cell_html(html, address):
    """The cell of the 2021 grid (the 2019 grid is rendered too, hidden)."""
    cells = re.findall(rf'<td[^>]*data-location="{re.escape(address)}".*?</td>', html, re.S)
    return next(c for c in cells if 'name="tables__2021__' in c)


def test_page_keeps_the_missing_list_in_its_tables_json(page):
    assert page.tables["missing"] == [NOT_READ, "table3.withheld_3.org_other"]
    data = page.report_data()
    assert data["missing"] == [NOT_READ, "table3.withheld_3.org_other"]
    assert set(data["tables"]) == {"table2", "table3", "table4"}
    (finding,) = [f for f in page.findings() if f.code == "incomplete"]
    assert finding.params["missing_count"] == 2 and finding.params["blank_count"] == 1


def test_edit_view_groups_findings_per_table_with_labels_errors_first(admin_client, page):
    html = edit_html(admin_client, page)
    panel = html[html.index('<div class="gi-report-findings">') :]
    assert re.search(r"<h3>[^<]+ · 表三</h3>", panel)
    items = re.findall(r'<li class="gi-finding--(\w+)" data-location="([^"]+)">(.*?)</li>', panel, re.S)
    assert items and items[0][0] == "error"
    severities = [s for s, _loc, _text in items]
    assert severities == sorted(severities, key=["error", "warning", "info"].index)
    first = items[0][2]
    assert '<span class="gi-finding-label">表三“（一）予以公开”行“总计”列</span>' in first
    completeness = next(text for _s, loc, text in items if loc == "table3")
    assert '<span class="gi-finding-label">表三</span>' in completeness
    assert "<code>table3" not in panel


def test_missing_cell_is_shown_apart_from_a_printed_blank(admin_client, page):
    html = edit_html(admin_client, page)
    missing = cell_html(html, NOT_READ)
    printed = cell_html(html, PRINTED)
    assert "gi-cell--missing" in missing and 'placeholder="' in missing
    assert 'name="tables__printed_blank__table3__withheld_2__org_research"' in missing
    assert "gi-cell--missing" not in printed and "placeholder" not in printed
    assert 'aria-label="表三“（三）不予公开2.其他法律行政法规禁止公开”行“法人或其他组织·科研机构”列"' in missing
    hidden = re.search(r'<input type="hidden" name="tables__missing" value="([^"]*)">', html).group(1)
    assert NOT_READ in hidden.replace("&quot;", '"')
    assert "gi-report-legend" in html


def test_typing_a_value_or_ticking_printed_blank_makes_a_cell_known(admin_client, page):
    report = page.report_data()
    data = grid_post(page, report)
    data["tables__missing"] = json.dumps([NOT_READ, "table3.withheld_3.org_other", "table3.granted.org_other"])
    data["tables__2021__table3__withheld_2__org_research"] = "0"
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert response.status_code == 302
    saved = AnnualReportPage.objects.get(pk=page.pk).latest_revision.as_object()
    # typed 0: known; still empty: still missing; filled cell listed by mistake: dropped
    assert saved.tables["missing"] == ["table3.withheld_3.org_other"]
    assert saved.tables["table3"]["withheld_2"]["org_research"] == 0

    data["tables__missing"] = '["table3.withheld_3.org_other"]'
    data["tables__printed_blank__table3__withheld_3__org_other"] = "1"
    assert admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data).status_code == 302
    saved = AnnualReportPage.objects.get(pk=page.pk).latest_revision.as_object()
    assert "missing" not in saved.tables
    assert saved.tables["table3"]["withheld_3"]["org_other"] is None
    assert saved.report_data()["missing"] == []


def test_public_table_shows_missing_as_dash_and_printed_blank_as_empty(client, db):
    index, _category, org = build_catalogue()
    report = with_cell(balanced_report("2021", 2021), NOT_READ, None)
    report = with_cell(report, PRINTED, None)
    report["missing"] = [NOT_READ]
    page = add_report(index, org, report=report)
    html = client.get(page.url).content.decode()
    cells = re.findall(r"<td( class=\"gi-cell--missing\" title=\"[^\"]+\")?>([^<]*)</td>", html)
    assert sum(1 for attrs, text in cells if attrs and text == "—") == 1
    assert not [text for attrs, text in cells if not attrs and text == "—"]

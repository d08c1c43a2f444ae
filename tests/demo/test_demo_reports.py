"""The demo's annual reports: each under its own agency, narratives that agree with the tables."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from gi_wagtail.models import AnnualReportPage, CatalogueCategoryPage, DisclosureIndexPage
from gi_wagtail.reports.findings import ERROR
from tests.reports.pages import edit_form_data

pytestmark = pytest.mark.django_db

NARRATIVE_RULES = {"R10", "R11", "R12"}  # the narrative contradicts the tables


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=StringIO())
    return {page.year: page for page in AnnualReportPage.objects.all()}


def agency_of(page):
    return page.get_ancestors().type(DisclosureIndexPage).last().specific


def test_only_the_2022_draft_has_errors_or_narrative_conflicts(demo):
    assert sorted(demo) == [2012, 2017, 2019, 2021, 2022, 2025]
    for year, page in demo.items():
        problems = [(f.rule, f.location) for f in page.findings() if f.severity == ERROR or f.rule in NARRATIVE_RULES]
        if year == 2022:
            assert not page.live and ("R2", "table3.granted.total") in problems
        else:
            assert page.live and problems == [], (year, problems)


def test_each_report_stands_under_its_own_agency(demo, client):
    for page in demo.values():
        assert agency_of(page).agency_name == page.organisation.name
    yicheng = demo[2017]
    gaoqing_reports = CatalogueCategoryPage.objects.child_of(agency_of(demo[2012])).get(slug="xxgknb")
    html = client.get(gaoqing_reports.url).content.decode()
    assert demo[2012].title in html and yicheng.title not in html
    html = client.get(yicheng.get_parent().url).content.decode()
    assert yicheng.title in html and demo[2012].title not in html
    assert "gi-annual-reports-link" in client.get(agency_of(yicheng).url).content.decode()


def test_rerun_moves_an_old_demo_report_to_its_agency_and_creates_nothing(demo):
    yicheng = demo[2017]
    own_category = yicheng.get_parent()
    yicheng.move(demo[2012].get_parent(), pos="last-child")  # where demos built before put it
    pages = AnnualReportPage.objects.count(), DisclosureIndexPage.objects.count()
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "Annual reports: 0 new" in out.getvalue()
    assert (AnnualReportPage.objects.count(), DisclosureIndexPage.objects.count()) == pages
    assert AnnualReportPage.objects.get(pk=yicheng.pk).get_parent().pk == own_category.pk


def test_every_demo_report_opens_in_the_editor_preview_and_public_page(demo, admin_client, client):
    for year, page in demo.items():
        edit = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
        assert edit.status_code == 200, year
        preview = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
        response = admin_client.post(preview, edit_form_data(page.get_latest_revision_as_object()))
        assert response.json()["is_valid"], (year, response.content)
        assert admin_client.get(preview).status_code == 200, year
        if page.live:
            assert client.get(page.url).status_code == 200, year
            assert client.get(f"{page.url}compare/").status_code == 200, year

"""The report page's public routes: on the abstract page (so subclasses keep them), answered by reports.views."""

import json

import pytest
from django.db import models
from wagtail.contrib.routable_page.models import RoutablePageMixin

from gi_wagtail.reports.models import AbstractAnnualReportPage, AnnualReportPage
from tests.factories import build_catalogue
from tests.reports.pages import add_report

pytestmark = pytest.mark.django_db

ROUTE_NAMES = {"gi_wagtail_report", "gi_wagtail_report_json", "gi_wagtail_report_table", "gi_wagtail_report_compare"}


def route_names(cls):
    # Wagtail adds its own "index_route" for "" as well; ours comes first.
    return {pattern.name for pattern in cls.get_subpage_urls()} - {"index_route"}


def test_routes_are_defined_on_the_abstract_page():
    assert issubclass(AbstractAnnualReportPage, RoutablePageMixin)
    assert route_names(AbstractAnnualReportPage) == ROUTE_NAMES
    assert route_names(AnnualReportPage) == ROUTE_NAMES


def test_a_subclass_inherits_the_routes():
    class AgencyReportPage(AbstractAnnualReportPage):
        summary = models.TextField(blank=True)

        class Meta:
            abstract = True
            app_label = "gi_wagtail"

    assert route_names(AgencyReportPage) == ROUTE_NAMES


def test_each_route_answers_through_the_page(client):
    index, _category, org = build_catalogue()
    page = add_report(index, org)
    urls = {
        name: page.url + page.reverse_subpage(name, args=args)
        for name, args in (
            ("gi_wagtail_report", ()),
            ("gi_wagtail_report_json", ()),
            ("gi_wagtail_report_table", ("table3", "json")),
            ("gi_wagtail_report_compare", ()),
        )
    }
    assert urls["gi_wagtail_report_json"] == f"{page.url}report/json/"
    assert client.get(urls["gi_wagtail_report"]).status_code == 200
    report = client.get(urls["gi_wagtail_report_json"])
    assert report["Content-Disposition"] == 'attachment; filename="annual-report-2021.json"'
    assert json.loads(report.content)["year"] == 2021
    table = client.get(urls["gi_wagtail_report_table"])
    assert table["Content-Disposition"] == 'attachment; filename="annual-report-2021-table3.json"'
    assert json.loads(table.content)["rows"]["granted"]["natural_person"] == 3
    compare = client.get(urls["gi_wagtail_report_compare"])
    assert compare.status_code == 200
    assert next(t.name for t in compare.templates) == "gi_wagtail/pages/annual_report_compare.html"
    assert [p.pk for p in compare.context["comparison"]["pages"]] == [page.pk]


def test_unpublished_report_is_not_served(client):
    index, _category, org = build_catalogue()
    page = add_report(index, org, publish=False)
    assert client.get(f"{page.url or '/'}report/json/").status_code == 404

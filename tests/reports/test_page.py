"""AnnualReportPage: data round trip, rendering with the official layout, downloads, cross-year."""

import io
import json

import pytest
from openpyxl import load_workbook

from gi_wagtail.reports.models import AnnualReportPage
from gi_wagtail.reports.parsers import parse_file
from tests.factories import build_catalogue
from tests.reports.factories import balanced_report, with_cell
from tests.reports.pages import add_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    return build_catalogue()


def test_imported_html_report_round_trips_through_the_page(catalogue, fixtures_dir):
    index, _category, org = catalogue
    data = parse_file(fixtures_dir / "county-kjj-2021-report.html")
    page = add_report(index, org, report=data)
    page = AnnualReportPage.objects.get(pk=page.pk)
    out = page.report_data()
    assert out["tables"] == data["tables"]
    assert out["fees"]["notices_count"] == 1 and out["fees"]["collected"] == 0
    assert list(out["sections"]) == list(data["sections"])
    assert "收费通知" in out["sections"]["other"]["text"]
    assert out["tables"]["table3"]["not_handled_3"]["org_business"] is None  # null survives the DB


def test_page_renders_official_merged_layout_and_downloads(client, catalogue):
    index, _category, org = catalogue
    page = add_report(index, org)
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption>三、收到和处理政府信息公开申请情况</caption>" in html
    assert '<th scope="colgroup" colspan="7">申请人情况</th>' in html
    assert '<th scope="rowgroup" rowspan="22">三、本年度办理结果</th>' in html
    assert '<th scope="rowgroup" rowspan="8">（三）不予公开</th>' in html
    assert '<th scope="row" colspan="3">一、本年新收政府信息公开申请数量</th>' in html
    assert '<th scope="colgroup" colspan="10">行政诉讼</th>' in html
    assert "第二十条第（八）项" in html

    csv_url = f"{page.url}download/table3/csv/"
    assert f'href="{csv_url}"' in html
    csv_response = client.get(csv_url)
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "annual-report-2021-table3.csv" in csv_response["Content-Disposition"]
    assert "一、本年新收政府信息公开申请数量" in csv_response.content.decode("utf-8-sig")

    xlsx = client.get(f"{page.url}download/table4/xlsx/")
    ws = load_workbook(io.BytesIO(xlsx.content))["table4"]
    assert ws["A2"].value == "行政复议"

    whole = client.get(f"{page.url}report/json/")
    assert json.loads(whole.content)["tables"]["table3"]["granted"]["natural_person"] == 3
    assert client.get(f"{page.url}download/table9/csv/").status_code == 404
    assert client.get(f"{page.url}download/table3/pdf/").status_code == 404


def test_2008_report_renders_key_figures_without_tables(client, catalogue, seeds_dir):
    index, _category, org = catalogue
    data = parse_file(seeds_dir / "gaoqing-kjj-2012-annual-report.txt")
    page = add_report(index, org, year=2012, report=data)
    html = client.get(page.url).content.decode()
    assert "一、概述" in html and "主动公开政府信息36条" in html
    assert '<th scope="row">主动公开政府信息数（条）</th><td>36</td>' in html
    assert "申请人情况" not in html
    assert client.get(f"{page.url}download/table3/csv/").status_code == 404


def test_blank_cells_render_empty_not_zero(client, catalogue):
    index, _category, org = catalogue
    report = with_cell(balanced_report("2021", 2021), "table3.withheld_2.org_research", None)
    page = add_report(index, org, report=report)
    assert page.report_data()["tables"]["table3"]["withheld_2"]["org_research"] is None


def test_cross_year_rules_use_the_previous_page(catalogue):
    index, _category, org = catalogue
    add_report(
        index, org, year=2020, fmt="2019", report=balanced_report("2019", 2020, carried_out={"natural_person": 2})
    )
    current = add_report(index, org, year=2021, publish=False)
    findings = current.findings()
    assert any(f.rule == "R6" and f.location == "table3.carried_in.natural_person" for f in findings)


def test_second_report_for_the_same_year_is_rejected(catalogue):
    from django.core.exceptions import ValidationError

    index, _category, org = catalogue
    add_report(index, org, year=2021)
    page = AnnualReportPage(title="dup", slug="dup", organisation=org, year=2021, report_format="2021")
    with pytest.raises(ValidationError, match="already has a report for 2021"):
        page.full_clean()

"""A citizen's journeys through the public pages, in a real browser against the live server."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.demo.browser.public_site import ATTACHMENT_BYTES, POLICY, STATISTICS, build_public_site

# serialized_rollback restores the root page that the flush after a transactional test removes
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def site(settings):
    # The test settings keep files in memory; Wagtail serves documents from disk (tmp MEDIA_ROOT).
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    return build_public_site()


def listed_titles(page):
    return [title.strip() for title in page.locator("table.gi-item-table tbody td:nth-child(2) a").all_inner_texts()]


def test_browse_filter_open_and_download(live_server, page, site, screenshot):
    page.goto(live_server.url + site["index"].url)
    page.get_by_role("navigation", name="目录分类").get_by_role("link", name="政策法规").click()
    assert page.locator("h1").inner_text() == "政策法规"
    headers = page.locator("table.gi-item-table thead th").all_inner_texts()
    assert headers[0] == "索引号" and "标题" in headers and "发布日期" in headers
    everything = listed_titles(page)
    assert POLICY in everything and "高青县科技计划项目管理暂行办法" in everything

    page.select_option("#gi-filter-year", "2016")
    page.locator(".gi-filters button[type=submit]").click()
    assert listed_titles(page) == ["高青县科技计划项目管理暂行办法"]
    assert "year=2016" in page.url

    page.select_option("#gi-filter-year", "")
    page.select_option("#gi-filter-validity", "repealed")
    page.locator(".gi-filters button[type=submit]").click()
    assert listed_titles(page) == ["高青县科技计划项目管理暂行办法"]
    assert page.locator("table.gi-item-table .gi-badge").first.inner_text() == "废止"

    page.select_option("#gi-filter-validity", "")
    page.select_option("#gi-filter-genre", label="通知")
    page.locator(".gi-filters button[type=submit]").click()
    by_genre = listed_titles(page)
    assert POLICY in by_genre and "《高青县科技创新券管理办法》政策解读" not in by_genre

    topic = site["item"].topic
    page.select_option("#gi-filter-genre", "")
    page.select_option("#gi-filter-topic", str(topic.pk))
    page.locator(".gi-filters button[type=submit]").click()
    assert POLICY in listed_titles(page)
    screenshot("journey_category_filtered_desktop")

    page.get_by_role("link", name=POLICY).click()
    metadata = page.locator("table.gi-metadata")
    assert site["item"].index_no in metadata.inner_text() and "高科发〔2024〕3号" in metadata.inner_text()
    assert page.locator(".gi-sidenav a[aria-current=location]").inner_text() == "政策法规"
    link = page.get_by_role("link", name="创新券申请汇总表")
    assert link.get_attribute("download") is not None
    response = page.request.get(live_server.url + link.get_attribute("href"))
    assert response.status == 200 and "innovation-vouchers.csv" in response.headers["content-disposition"]
    assert response.body() == ATTACHMENT_BYTES


def hit_count(page):
    return int(re.search(r"\d+", page.locator(".gi-search-summary").inner_text()).group())


def test_search_with_facets(live_server, page, site, screenshot):
    page.goto(live_server.url + "/gi/search/")
    page.get_by_role("combobox").fill("高新技术企业")  # the search box completes as one types
    page.get_by_role("combobox").press("Enter")
    total = hit_count(page)
    assert total >= 2
    first = page.locator(".gi-search-hit").first
    assert "高新技术企业" in first.locator("mark").first.inner_text()

    genre_facet = page.locator(".gi-facets section", has=page.locator("h2", has_text="体裁"))
    statistics = genre_facet.get_by_role("link", name="统计数据")
    count = genre_facet.locator("li", has=page.get_by_role("link", name="统计数据")).locator(".gi-count")
    expected = int(re.search(r"\d+", count.inner_text()).group())
    assert 0 < expected < total
    statistics.click()
    assert hit_count(page) == expected
    assert page.locator(".gi-facets a[aria-current=true]").inner_text() == "统计数据"
    titles = page.locator(".gi-search-hit h2").all_inner_texts()
    assert STATISTICS in titles and len(titles) == expected
    screenshot("journey_search_facet_desktop")

    page.locator(".gi-facets a[aria-current=true]").click()  # a second click removes the facet
    assert hit_count(page) == total


def test_annual_report_tables_download(live_server, page, site, screenshot):
    report = site["report_2021"]
    tables = report.report_data()["tables"]
    page.goto(live_server.url + site["index"].url)
    page.get_by_role("navigation", name="目录分类").get_by_role("link", name="政府信息公开年报").click()
    page.get_by_role("link", name=report.title).click()
    assert page.locator("h1").inner_text() == report.title

    def download(table, label):
        with page.expect_download() as info:
            page.locator(f"#gi-{table} figcaption a", has_text=label).click()
        return info.value

    csv_file = download("table3", "CSV")
    assert csv_file.suggested_filename == "annual-report-2021-table3.csv"
    text = Path(csv_file.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    received = next(row for row in rows if row and row[0] == "received")
    assert received[1] == "一、本年新收政府信息公开申请数量"
    assert received[-1] == str(tables["table3"]["received"]["total"])

    xlsx_file = download("table3", "XLSX")
    sheet = load_workbook(io.BytesIO(Path(xlsx_file.path()).read_bytes()))["table3"]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "一、本年新收政府信息公开申请数量" in values and tables["table3"]["received"]["total"] in values

    json_file = download("table4", "JSON")
    payload = json.loads(Path(json_file.path()).read_text(encoding="utf-8"))
    assert (payload["year"], payload["table"], payload["rows"]) == (2021, "table4", tables["table4"])
    screenshot("journey_report_2021_desktop")

"""CSV and XLSX exports: formula cells defused, control characters dropped (one helper for every export)."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from gi_wagtail.requests import services
from gi_wagtail.requests.setup import HANDLERS, setup_handlers_group
from gi_wagtail.review.setup import setup_groups
from gi_wagtail.security.spreadsheets import safe_cell
from tests.factories import add_item, build_catalogue
from tests.helpers import make_user
from tests.reports.pages import add_report

pytestmark = pytest.mark.django_db

FORMULA = '=HYPERLINK("http://evil.example","点击查看")'


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response):
    return list(csv.reader(io.StringIO(content(response).decode("utf-8-sig"))))


def xlsx_values(response):
    sheet = load_workbook(io.BytesIO(content(response))).active
    return [value for row in sheet.iter_rows(values_only=True) for value in row]


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+86 533", "'+86 533"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\x0b=1", "'=1"),  # a control character cannot hide a formula
        ("通知\x00\x1f\x7f", "通知"),
        ("第一行\n第二行\t完", "第一行\n第二行\t完"),
        ("-3", "-3"),
        ("2.5", "2.5"),
        (12, 12),
        (None, None),
    ],
)
def test_safe_cell(raw, safe):
    assert safe_cell(raw) == safe


@pytest.fixture
def catalogue_admin(client, django_user_model):
    _index, category, _organisation = build_catalogue()
    add_item(category, FORMULA)
    add_item(category, "关于\x0b印发\x01通知")
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.invalid", "pw"))
    return client


def test_catalogue_csv_export_defuses_formulas(catalogue_admin):
    response = catalogue_admin.get("/admin/gi_wagtail_items/", {"export": "csv"})
    assert response.status_code == 200
    titles = {row[1] for row in csv_rows(response)[1:]}
    assert titles == {"'" + FORMULA, "关于印发通知"}


def test_catalogue_xlsx_export_survives_control_characters(catalogue_admin):
    response = catalogue_admin.get("/admin/gi_wagtail_items/", {"export": "xlsx"})
    assert response.status_code == 200
    values = xlsx_values(response)
    assert "关于印发通知" in values and "'" + FORMULA in values


def test_requests_xlsx_export_survives_control_characters(client):
    setup_groups([])
    setup_handlers_group()
    client.force_login(make_user("handler", HANDLERS))
    services.register(
        {
            "channel": "in_person",
            "received_on": datetime.date(2025, 3, 3),
            "applicant_type": "natural_person",
            "applicant_name": "张三",
            "description": "复制自网页的\x08申请内容\x1b",
        }
    )
    response = client.get(reverse("gi_wagtail_requests:index"), {"export": "xlsx"})
    assert response.status_code == 200
    assert "复制自网页的申请内容" in xlsx_values(response)
    response = client.get(reverse("gi_wagtail_requests:index"), {"export": "csv"})
    assert csv_rows(response)[1][4] == "复制自网页的申请内容"


def test_report_downloads_survive_control_characters_and_defuse_formulas(client):
    index, _category, organisation = build_catalogue()
    page = add_report(index, organisation)
    # Renamed afterwards: report data refuses control characters, an organisation snippet may still hold one.
    organisation.name = "=高青县\x0b科学技术局"
    organisation.save()
    response = client.get(f"{page.url}download/table3/xlsx/")
    assert response.status_code == 200
    caption = load_workbook(io.BytesIO(content(response)))["table3"]["A1"].value
    assert caption.startswith("'=高青县科学技术局 2021")
    response = client.get(f"{page.url}download/table3/csv/")
    assert csv_rows(response)[0][0] == "'=高青县科学技术局"

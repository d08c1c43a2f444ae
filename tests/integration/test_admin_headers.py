"""Every listing gi_wagtail registers in the admin has Chinese column headers (LANGUAGE_CODE zh-hans).

The listings are discovered from Wagtail's viewset registry (snippet listings, their choosers,
page listings and any viewset a gi_wagtail module registers), so a new one is checked without
editing this test. Spreadsheet exports of those listings are checked the same way.
"""

import csv
import datetime
import io
import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import NoReverseMatch, reverse
from wagtail.admin.viewsets import viewsets

from gi_wagtail.models import SearchSynonym
from gi_wagtail.requests import services
from gi_wagtail.requests.models import NoticeTemplate
from gi_wagtail.review.setup import EDITORS
from tests.factories import add_item, build_catalogue
from tests.helpers import make_user

pytestmark = pytest.mark.django_db

LISTING_URL_NAMES = ("index", "list", "choose_results")
# Headers that are fine without a Chinese character: empty (checkbox columns) and codes.
ALLOWED = {"", "ID"}
CJK = re.compile(r"[\u3400-\u9fff]")
LISTING_TABLE = re.compile(r'<table[^>]*class="[^"]*\blisting\b[^"]*"[^>]*>.*?<thead>(.*?)</thead>', re.S)
HEADER = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)


def _model(viewset):
    model = getattr(viewset, "model", None)
    return apps.get_model(model) if isinstance(model, str) else model


def gi_viewsets():
    for viewset in viewsets.viewsets:
        model = _model(viewset)
        if type(viewset).__module__.startswith("gi_wagtail") or (
            model is not None and model._meta.app_label == "gi_wagtail"
        ):
            yield viewset


def listing_urls():
    for viewset in gi_viewsets():
        for name in LISTING_URL_NAMES:
            try:
                yield viewset, reverse(viewset.get_url_name(name))
            except NoReverseMatch:
                continue


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def _untranslated(headers):
    return [header for header in headers if header not in ALLOWED and not CJK.search(header)]


@pytest.fixture
def admin_client(client, django_user_model):
    # Rows in every listing: a table has no header without them (the vocabularies come with migration 0101).
    _index, category, organisation = build_catalogue()
    add_item(
        category, "关于印发《高青县科技创新券管理办法》的通知", doc_no="高科发〔2024〕3号", organisation=organisation
    )
    SearchSynonym.objects.create(terms="科技局 科学技术局")
    NoticeTemplate.objects.create(kind="receipt", title="登记回执", body="受理编号：{reference}")
    services.register(
        {
            "channel": "post",
            "received_on": datetime.date(2025, 3, 3),
            "applicant_type": "natural_person",
            "description": "2024年科技项目立项名单",
            "organisation": organisation,
        }
    )
    call_command("gi_wagtail_setup_workflow", stdout=StringIO())  # groups, and the workflow on the column
    editor = make_user("editor", EDITORS)
    submitted = add_item(category, "关于开展科技特派员工作的通知", publish=False, organisation=organisation)
    submitted.save_revision(user=editor)
    submitted.get_workflow().start(submitted, editor)  # a row in the review queue
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.invalid", "pw"))
    return client


def test_every_admin_listing_has_chinese_column_headers(admin_client, settings):
    assert settings.LANGUAGE_CODE == "zh-hans"
    checked = []
    for viewset, url in listing_urls():
        response = admin_client.get(url)
        assert response.status_code == 200, url
        html = (
            response.json()["html"]
            if response["Content-Type"].startswith("application/json")
            else response.content.decode()
        )
        table = LISTING_TABLE.search(html)
        assert table, f"{url}: no listing table (does the test data give it a row?)"
        headers = [_text(header) for header in HEADER.findall(table.group(1))]
        assert any(headers), url
        assert not _untranslated(headers), (url, headers)
        checked.append(url)
        if getattr(viewset, "list_export", None) and not url.endswith("/results/"):
            export = admin_client.get(url, {"export": "csv"})
            assert export.status_code == 200, url
            content = b"".join(export.streaming_content) if export.streaming else export.content
            first_row = next(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
            assert not _untranslated(first_row), (url, first_row)
            checked.append(f"{url}?export=csv")
    # The listings named in the issue are among those discovered.
    for expected in (
        "/admin/gi_wagtail_items/",
        "/admin/gi_wagtail_items/?export=csv",
        "/admin/snippets/gi_wagtail/organisation/",
        "/admin/snippets/gi_wagtail/topicclass/",
        "/admin/snippets/gi_wagtail/genre/",
        "/admin/snippets/gi_wagtail/searchsynonym/",
        "/admin/snippets/choose/gi_wagtail/topicclass/results/",
    ):
        assert expected in checked, (expected, checked)

"""网站标识: page meta tags on every public page, the footer, and the admin setting's validation."""

import datetime
import html
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site, get_page_models

from gi_wagtail.catalogue.models.site_identity import (
    validate_icp_number,
    validate_police_number,
    validate_site_id_code,
)
from gi_wagtail.models import SiteIdentity
from tests.factories import add_item, build_catalogue
from tests.reports.pages import add_report

pytestmark = pytest.mark.django_db

META = re.compile(r'<meta name="([A-Za-z]+)" content="([^"]*)">')
SITE_TAGS = ["SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnType"]
ARTICLE_TAGS = ["ArticleTitle", "PubDate", "ContentSource", "Keywords"]
IDENTITY = {
    "site_name": "高青县科学技术局",
    "site_domain": "kjj.gaoqing.gov.cn",
    "site_id_code": "3703220001",
    "icp_number": "鲁ICP备12345678号",
    "police_number": "鲁公网安备 37032202000123号",
    "sponsor": "高青县科学技术局",
    "contact": "0533-6961249",
}


def _identity(**fields):
    identity = SiteIdentity.for_site(Site.objects.get(is_default_site=True))
    for field, value in {**IDENTITY, **fields}.items():
        setattr(identity, field, value)
    identity.full_clean()
    identity.save()
    return identity


def _meta(response):
    pairs = [(name, html.unescape(content)) for name, content in META.findall(response.content.decode())]
    names = [name for name, _ in pairs]
    assert len(names) == len(set(names)), names  # each tag once
    return dict(pairs)


@pytest.fixture
def pages(settings):
    index, category, organisation = build_catalogue()
    item = add_item(
        category, "关于印发《高青县科技创新券管理办法》的通知", doc_no="高科发〔2024〕3号", organisation=organisation
    )
    item.keywords.add("科技创新券", "管理办法")
    item.save_revision().publish()
    item.refresh_from_db()
    report = add_report(index, organisation)
    _identity()
    settings.GI_WAGTAIL = {**getattr(settings, "GI_WAGTAIL", {}), "PUBLIC_RATE_LIMIT": None}
    return index, category, item, report


@pytest.mark.parametrize("base_template", ["gi_wagtail/base.html", "base.html"])
def test_every_public_page_carries_the_standard_meta_tags(client, settings, pages, base_template):
    index, category, item, report = pages
    settings.GI_WAGTAIL = {**settings.GI_WAGTAIL, "BASE_TEMPLATE": base_template}
    # A new public page type must be added here, so it is checked too.
    page_models = {model for model in get_page_models() if model._meta.app_label == "gi_wagtail"}
    assert page_models == {type(page.specific) for page in pages}
    expected_columns = {
        index.url: (index.title, False),
        category.url: (category.title, False),
        item.url: (category.title, True),
        report.url: (index.title, True),  # the report sits directly under the index here
        report.url + "compare/": (index.title, True),
        reverse("gi_wagtail_search") + "?q=创新券": ("站内搜索", False),
        reverse("gi_wagtail_request_apply"): ("依申请公开", False),
    }
    for url, (column, article) in expected_columns.items():
        response = client.get(url)
        assert response.status_code == 200, url
        meta = _meta(response)
        assert {name: meta.get(name) for name in SITE_TAGS[:3]} == {
            "SiteName": "高青县科学技术局",
            "SiteDomain": "kjj.gaoqing.gov.cn",
            "SiteIDCode": "3703220001",
        }, url
        assert meta["ColumnName"] == column, url
        assert meta["ColumnType"] in {"信息发布", "解读回应", "办事服务"}, url
        if article:
            assert all(meta.get(name) for name in ARTICLE_TAGS), (url, meta)
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}", meta["PubDate"]), meta["PubDate"]
        else:
            assert not set(ARTICLE_TAGS) & set(meta), (url, meta)

    item_meta = _meta(client.get(item.url))
    assert item_meta["ArticleTitle"] == item.title
    assert item_meta["ContentSource"] == "高青县科学技术局"
    assert set(item_meta["Keywords"].split(",")) == {"科技创新券", "管理办法"}
    # Back-dated 发布日期 (2024-03-01, published today): the date shown on the page, no invented time.
    assert item_meta["PubDate"] == "2024-03-01 00:00"
    report_meta = _meta(client.get(report.url))
    assert report_meta["ArticleTitle"] == report.title and "2021" in report_meta["Keywords"]


def test_pub_date_has_the_time_the_item_went_live_on_its_publication_day(client, pages):
    _, category, _, _ = pages
    today = timezone.localdate()
    item = add_item(category, "关于开展2024年度科技型中小企业评价工作的通知", published_on=today)
    went_live = timezone.localtime(item.first_published_at)
    assert _meta(client.get(item.url))["PubDate"] == went_live.strftime("%Y-%m-%d %H:%M")
    assert went_live.date() == today


def test_meta_content_is_escaped(client, pages):
    index, *_ = pages
    _identity(site_name='高青县"科技局"<script>')
    content = client.get(index.url).content.decode()
    assert "<script>" not in content.split("</head>")[0]
    assert _meta(client.get(index.url))["SiteName"] == '高青县"科技局"<script>'


def test_meta_falls_back_to_the_wagtail_site(client, pages):
    index, *_ = pages
    SiteIdentity.objects.all().delete()
    site = Site.objects.get(is_default_site=True)
    site.site_name = "测试站点"
    site.save()
    meta = _meta(client.get(index.url))
    assert meta["SiteName"] == "测试站点" and meta["SiteDomain"] == "localhost" and meta["SiteIDCode"] == ""


def test_shipped_footer_shows_the_identity_with_filing_links(client, settings, pages):
    index, *_ = pages
    settings.GI_WAGTAIL = {**settings.GI_WAGTAIL, "BASE_TEMPLATE": "gi_wagtail/base.html"}
    content = client.get(index.url).content.decode()
    footer = content.split('<footer class="gi-footer" role="contentinfo">')[1].split("</footer>")[0]
    assert "3703220001" in footer
    assert '<a class="gi-icp" href="https://beian.miit.gov.cn/"' in footer and ">鲁ICP备12345678号</a>" in footer
    assert 'href="https://beian.mps.gov.cn/#/query/webSearch?code=37032202000123"' in footer
    assert ">鲁公网安备 37032202000123号</a>" in footer
    assert "0533-6961249" in footer and "高青县科学技术局" in footer


def test_footer_without_numbers_shows_no_empty_links(client, settings, pages):
    index, *_ = pages
    settings.GI_WAGTAIL = {**settings.GI_WAGTAIL, "BASE_TEMPLATE": "gi_wagtail/base.html"}
    _identity(icp_number="", police_number="", site_id_code="")
    footer = client.get(index.url).content.decode().split("<footer")[1]
    assert "beian.miit.gov.cn" not in footer and "beian.mps.gov.cn" not in footer


@pytest.mark.parametrize(
    "validator, value",
    [
        (validate_site_id_code, "370322001"),  # 9 digits
        (validate_site_id_code, "37032200012"),
        (validate_site_id_code, "370322000A"),
        (validate_site_id_code, "9903220001"),  # 99 is no province
        (validate_site_id_code, "3703220000"),  # sequence 0000
        (validate_icp_number, "鲁ICP12345678号"),
        (validate_icp_number, "ICP备12345678号"),
        (validate_icp_number, "X ICP备12345678号"),
        (validate_icp_number, "京ICP证030173号"),  # an ICP licence, not the 备案号
        (validate_police_number, "鲁公网安备 3703220200012号"),  # 13 digits
        (validate_police_number, "鲁公网安备 11010502000123号"),  # 鲁 with Beijing's code
        (validate_police_number, "鲁ICP备12345678号"),
    ],
)
def test_malformed_numbers_are_refused(validator, value):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validator(value)


@pytest.mark.parametrize(
    "validator, value",
    [
        (validate_site_id_code, "3703220001"),
        (validate_site_id_code, "bm01000001"),  # 国务院部门
        (validate_icp_number, "鲁ICP备12345678号"),
        (validate_icp_number, "京ICP备05012345号-1"),
        (validate_police_number, "鲁公网安备 37032202000123号"),
        (validate_police_number, "京公网安备11010502000001号"),
    ],
)
def test_wellformed_numbers_pass(validator, value):
    validator(value)


def test_admin_settings_form_shows_the_errors_and_saves_valid_values(admin_client, pages):
    site = Site.objects.get(is_default_site=True)
    assert _meta(admin_client.get(pages[0].url))["SiteIDCode"] == "3703220001"  # now cached
    url = reverse("wagtailsettings:edit", args=["gi_wagtail", "siteidentity", site.pk])
    assert admin_client.get(url).status_code == 200
    bad = {**IDENTITY, "site_id_code": "37032200", "icp_number": "鲁ICP12345678号", "police_number": "鲁公网安备 1号"}
    response = admin_client.post(url, bad)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"site_id_code", "icp_number", "police_number"}
    content = response.content.decode()
    for field in ("site_id_code", "icp_number", "police_number"):
        for message in form.errors[field]:
            assert html.escape(message) in content or message in content
    assert SiteIdentity.for_site(site).site_id_code == "3703220001"  # unchanged

    good = {**IDENTITY, "site_id_code": "3703220002", "police_number": "  鲁公网安备 37032202000124号 "}
    response = admin_client.post(url, good)
    assert response.status_code == 302
    identity = SiteIdentity.objects.get(site=site)
    assert identity.site_id_code == "3703220002" and identity.police_number == "鲁公网安备 37032202000124号"
    # Public pages show the change at once (the cached setting is dropped on save).
    assert _meta(admin_client.get(pages[0].url))["SiteIDCode"] == "3703220002"


def test_pub_date_uses_the_local_time_zone(pages):
    from gi_wagtail.templatetags.gi_wagtail_meta import pub_date

    _, _, item, _ = pages
    item.published_on = datetime.date(2024, 5, 1)
    item.first_published_at = datetime.datetime(2024, 4, 30, 17, 30, tzinfo=datetime.UTC)  # 01:30 on 1 May in Beijing
    assert pub_date(item) == "2024-05-01 01:30"

"""GI_WAGTAIL["BASE_TEMPLATE"]: every public page renders inside the site's own base template."""

import re

import pytest
from django.urls import reverse
from wagtail.models import get_page_models

from tests.factories import add_item, build_catalogue
from tests.reports.pages import add_report

pytestmark = pytest.mark.django_db


def test_every_public_page_uses_the_configured_base(client, settings):
    index, category, organisation = build_catalogue()
    item = add_item(
        category, "关于印发《高青县科技创新券管理办法》的通知", doc_no="高科发〔2024〕3号", organisation=organisation
    )
    report = add_report(index, organisation)
    settings.GI_WAGTAIL = {
        **getattr(settings, "GI_WAGTAIL", {}),
        "BASE_TEMPLATE": "base.html",
        "PUBLIC_RATE_LIMIT": None,
    }
    for url, expected in [
        (index.url, item.title),
        (category.url, item.title),
        (item.url, item.index_no),
        (report.url, report.title),
        (report.url + "compare/", 'gi-report-compare"'),
        ("/gi/search/?q=%E5%88%9B%E6%96%B0%E5%88%B8", 'class="gi-search-form"'),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        names = [t.name for t in response.templates]
        assert "base.html" in names and "gi_wagtail/base.html" not in names, (url, names)
        assert expected in response.content.decode(), url


SITE_SEARCH = re.compile(
    r'<form class="gi-site-search" method="get" action="([^"]*)" role="search" aria-label="([^"]*)">(.*?)</form>', re.S
)


@pytest.mark.parametrize("base_template", ["gi_wagtail/base.html", "base.html"])
def test_every_public_page_has_the_site_search_box(client, settings, base_template):
    index, category, organisation = build_catalogue()
    item = add_item(
        category, "关于印发《高青县科技创新券管理办法》的通知", doc_no="高科发〔2024〕3号", organisation=organisation
    )
    report = add_report(index, organisation)
    settings.GI_WAGTAIL = {
        **getattr(settings, "GI_WAGTAIL", {}),
        "BASE_TEMPLATE": base_template,
        "PUBLIC_RATE_LIMIT": None,
    }
    pages = [index, category, item, report]
    # A new public page type must be added here, so it is checked too.
    page_models = {model for model in get_page_models() if model._meta.app_label == "gi_wagtail"}
    assert page_models == {type(page.specific) for page in pages}
    for url in [page.url for page in pages] + [report.url + "compare/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert base_template in [t.name for t in response.templates], url
        forms = SITE_SEARCH.findall(response.content.decode())
        assert len(forms) == 1, url
        action, name, inner = forms[0]
        assert action == reverse("gi_wagtail_search") and name == "站内搜索", url
        assert '<label for="gi-site-search-q" class="gi-visually-hidden">检索词</label>' in inner, url
        assert '<input id="gi-site-search-q" type="search" name="q"' in inner and ">检索</button>" in inner, url
    # The search page shows its own, larger box instead (one search landmark, one searchbox).
    for url in ["/gi/search/", "/gi/search/?q=创新券"]:
        html = client.get(url).content.decode()
        assert not SITE_SEARCH.search(html) and html.count('role="search"') == 1 and 'class="gi-search-form"' in html, (
            url
        )

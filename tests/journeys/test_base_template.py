"""GI_WAGTAIL["BASE_TEMPLATE"]: every public page renders inside the site's own base template."""
import pytest

from tests.factories import add_item, build_catalogue
from tests.reports.pages import add_report

pytestmark = pytest.mark.django_db


def test_every_public_page_uses_the_configured_base(client, settings):
    index, category, organisation = build_catalogue()
    item = add_item(category, "关于印发《高青县科技创新券管理办法》的通知", doc_no="高科发〔2024〕3号", organisation=organisation)
    report = add_report(index, organisation)
    settings.GI_WAGTAIL = {**getattr(settings, "GI_WAGTAIL", {}), "BASE_TEMPLATE": "base.html", "PUBLIC_RATE_LIMIT": None}
    for url, expected in [(index.url, item.title), (category.url, item.title), (item.url, item.index_no),
                          (report.url, report.title), (report.url + "compare/", 'gi-report-compare"'),
                          ("/gi/search/?q=%E5%88%9B%E6%96%B0%E5%88%B8", 'class="gi-search-form"')]:
        response = client.get(url)
        assert response.status_code == 200, url
        names = [t.name for t in response.templates]
        assert "base.html" in names and "gi_wagtail/base.html" not in names, (url, names)
        assert expected in response.content.decode(), url

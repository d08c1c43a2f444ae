"""One demo disclosure column with every public page type, shared by the browser tests."""

import datetime
import io

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from gi_wagtail.catalogue.models.item import ItemAttachment
from gi_wagtail.models import AnnualReportPage, CatalogueCategoryPage, DisclosureItemPage
from tests.factories import root_page

ATTACHMENT_BYTES = "索引号,标题\n11370322MB2851234X/2024-00001,高青县科技创新券管理办法\n".encode()

GUIDE = "高青县科学技术局政府信息公开指南（2024年版）"
PROFILE = "高青县科学技术局机构概况"
LEADERS = "高青县科学技术局领导信息"
STATISTICS = "2019—2023年高青县高新技术企业统计情况"
POLICY = "关于印发《高青县科技创新券管理办法》的通知"


def build_public_site():
    """The example site's demo catalogue plus three annual reports (2008, 2019, 2021 formats) and an attachment.

    Returns a dict of pages by role.
    """
    from django.core.management import call_command

    from home.demo import build_demo_site

    # A flush by an earlier transactional test may have removed what migration 0101 loaded.
    call_command("gi_wagtail_load_vocabularies", stdout=io.StringIO())
    home = root_page().add_child(instance=Page(title="高青县科学技术局", slug="gi-home"))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "root_page": home, "port": 80, "site_name": "高青县科学技术局"},
    )
    index = build_demo_site(home)
    organisation = DisclosureItemPage.objects.get(title=POLICY).organisation
    reports_category = CatalogueCategoryPage.objects.child_of(index).get(slug="xxgknb")
    # The demo publishes the 高青 2012 seed (2008 format) and one 2019- and one 2021-format report.
    reports = AnnualReportPage.objects.live().child_of(reports_category).filter(organisation=organisation)
    report_2008, report_2019, report_2021 = (reports.get(year=year) for year in (2012, 2019, 2021))

    policy = DisclosureItemPage.objects.get(title=POLICY)
    document = get_document_model().objects.create(title="创新券申请汇总表")
    document.file.save("innovation-vouchers.csv", ContentFile(ATTACHMENT_BYTES), save=True)
    ItemAttachment.objects.create(page=policy, document=document, title="创新券申请汇总表")

    def item(title):
        return DisclosureItemPage.objects.get(title=title)

    return {
        "index": index,
        "category": CatalogueCategoryPage.objects.get(slug="zcfg"),
        "item": policy,
        "guide": item(GUIDE),
        "organisation": item(PROFILE),
        "leaders": item(LEADERS),
        "statistics": item(STATISTICS),
        "report_2008": report_2008,
        "report_2019": report_2019,
        "report_2021": report_2021,
        "organisation_name": organisation.name,
        "document": document,
        "today": datetime.date.today(),
    }


def public_urls(site):
    """Path of every public page type, by name."""
    urls = {
        name: site[name].url
        for name in (
            "index",
            "category",
            "item",
            "guide",
            "organisation",
            "leaders",
            "statistics",
            "report_2008",
            "report_2019",
            "report_2021",
        )
    }
    urls["report_compare"] = site["report_2021"].url + "compare/"
    urls["search"] = "/gi/search/?q=%E7%A7%91%E6%8A%80%E5%88%9B%E6%96%B0"  # 科技创新
    urls["search_no_results"] = "/gi/search/?q=%E9%87%8F%E5%AD%90%E7%BA%A0%E7%BC%A0"  # 量子纠缠
    return urls

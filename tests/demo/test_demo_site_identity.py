"""The demo shows its 网站标识: meta tags on every live page and the numbers in the footer."""

import re
from io import StringIO

from django.core.management import call_command
from django.test import TestCase, override_settings
from django.utils.translation import gettext
from wagtail.models import Page

from gi_wagtail.models import AnnualReportPage, DisclosureItemPage

META = re.compile(r'<meta name="([A-Za-z]+)" content="([^"]*)">')


@override_settings(GI_WAGTAIL={"PUBLIC_RATE_LIMIT": None})
class DemoSiteIdentityTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def test_every_live_page_carries_the_meta_tags(self):
        pages = Page.objects.live().public().filter(depth__gt=1).specific()
        self.assertGreater(len(pages), 20)
        for page in pages:
            with self.subTest(page=page.title):
                response = self.client.get(page.url)
                self.assertEqual(response.status_code, 200)
                meta = dict(META.findall(response.content.decode()))
                self.assertEqual(meta["SiteIDCode"], "3703220099")
                self.assertEqual(meta["SiteName"], "高青县科学技术局")
                self.assertTrue(meta["ColumnName"] and meta["ColumnType"])
                article = isinstance(page, (DisclosureItemPage, AnnualReportPage))
                self.assertEqual("ArticleTitle" in meta and "PubDate" in meta, article)
                if article:
                    self.assertTrue(meta["ContentSource"] and meta["Keywords"])
                    self.assertRegex(meta["PubDate"], r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")

    def test_footer_shows_the_filing_numbers(self):
        content = self.client.get("/").content.decode()
        footer = content.split("<footer")[1]
        self.assertIn(f"{gettext('Site identification code')}：3703220099", footer)
        self.assertIn('href="https://beian.miit.gov.cn/"', footer)
        self.assertIn("鲁ICP备12345678号", footer)
        self.assertIn("鲁公网安备 37032202000123号", footer)

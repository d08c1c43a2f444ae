from io import StringIO

from django.core.management import call_command
from django.test import TestCase

from gi_wagtail.models import CatalogueCategoryPage, DisclosureItemPage, Validity, ValidityEvent


class DemoCatalogueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def test_every_category_but_the_annual_reports_is_filled(self):
        for category in CatalogueCategoryPage.objects.exclude(slug="xxgknb"):
            with self.subTest(category=category.title):
                self.assertTrue(DisclosureItemPage.objects.child_of(category).live().exists())

    def test_rerun_creates_nothing_new(self):
        before = (DisclosureItemPage.objects.count(), CatalogueCategoryPage.objects.count(), ValidityEvent.objects.count())
        out = StringIO()
        call_command("load_demo", stdout=out)
        self.assertIn("0 new items", out.getvalue())
        self.assertEqual((DisclosureItemPage.objects.count(), CatalogueCategoryPage.objects.count(), ValidityEvent.objects.count()), before)

    def test_pages_render_with_specialised_content(self):
        expectations = {
            "高青县科学技术局政府信息公开指南（2024年版）": ["高青县科学技术局办公室", "0533-6961250"],
            "高青县科学技术局机构概况": ["政策法规与创新股", "高新技术与成果转化股"],
            "高青县科学技术局领导信息": ["王明远", "党组书记、局长", "分管办公室"],
            "高青县“十四五”科技创新发展规划": ["2021—2025"],
            "2019—2023年高青县高新技术企业统计情况": ['<th scope="row">2023年</th>', "<svg"],
        }
        for title, texts in expectations.items():
            with self.subTest(title=title):
                response = self.client.get(DisclosureItemPage.objects.get(title=title).url)
                for text in texts:
                    self.assertContains(response, text)

    def test_repealed_policy_has_a_dated_event_and_interpretation_links_back(self):
        old = DisclosureItemPage.objects.get(title="高青县科技计划项目管理暂行办法")
        self.assertEqual(old.validity, Validity.REPEALED)
        event = old.validity_events.get()
        self.assertEqual((event.old_status, event.new_status, str(event.effective_on), event.repealing_document),
                         ("valid", "repealed", "2024-04-02", "高科发〔2024〕7号"))
        policy = DisclosureItemPage.objects.get(title="关于印发《高青县科技创新券管理办法》的通知")
        self.assertContains(self.client.get(policy.url), "《高青县科技创新券管理办法》政策解读")

    def test_index_hides_the_empty_annual_report_column(self):
        response = self.client.get("/xxgk/")
        self.assertContains(response, "政策法规")
        self.assertNotContains(response, "gi-annual-reports-link")
        self.assertContains(response, "gi-guide-link")

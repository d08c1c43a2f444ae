"""An integrator's subclasses of the abstract pages: they nest like the concrete pages, are added and edited
through the real admin views, are published, and render on the public site inside the site's own base template.
"""

import datetime

from django.contrib.auth import get_user_model
from django.test import TestCase
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import querydict_from_html, rich_text

from gi_wagtail.blocks import ItemBodyBlock
from gi_wagtail.models import (
    AnnualReportPage,
    CatalogueCategoryPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    Organisation,
)
from tests.crawl import screens
from tests.crawl.crawler import Crawler
from tests.factories import root_page
from tests.reports.factories import balanced_report
from tests.reports.pages import edit_form_data as report_form_data
from tests.testapp.models import AgencyCategoryPage, AgencyIndexPage, AgencyItemPage, AgencyReportPage, HomePage

INDEXES = {DisclosureIndexPage, AgencyIndexPage}
CATEGORIES = {CatalogueCategoryPage, AgencyCategoryPage}
ITEMS = {DisclosureItemPage, AgencyItemPage}
REPORTS = {AnnualReportPage, AgencyReportPage}
STREAM_FIELDS = ("body", "sections")  # drawn by JavaScript: the HTML has no inputs for them (empty here)


def build_home():
    home = root_page().add_child(instance=HomePage(title="某县人民政府", slug="testapp-home"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": home, "port": 80}
    )
    return home


class NestingTests(WagtailPageTestCase):
    """Each subclass goes where its concrete page goes, and concrete and subclassed pages mix."""

    def test_categories_go_under_any_index_or_category(self):
        for model in CATEGORIES:
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, INDEXES | CATEGORIES)

    def test_items_go_under_any_category_and_hold_nothing(self):
        for model in ITEMS:
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, CATEGORIES)
                self.assertAllowedSubpageTypes(model, set())

    def test_reports_go_under_any_index_or_category_and_hold_nothing(self):
        for model in REPORTS:
            with self.subTest(model=model.__name__):
                self.assertAllowedParentPageTypes(model, INDEXES | CATEGORIES)
                self.assertAllowedSubpageTypes(model, set())

    def test_indexes_go_under_the_sites_home_page(self):
        for model in INDEXES:
            with self.subTest(model=model.__name__):
                self.assertCanCreateAt(HomePage, model)
                self.assertCanNotCreateAt(HomePage, AgencyCategoryPage)
                self.assertCanNotCreateAt(model, AgencyItemPage)
                self.assertCanCreateAt(model, CatalogueCategoryPage)
                self.assertCanCreateAt(model, AgencyReportPage)

    def test_a_parent_page_types_of_the_subclass_still_decides(self):
        class Meta:
            app_label = "testapp"
            abstract = True

        # Wagtail's own rule applies again once a subclass names its parents.
        restricted = type(
            "RestrictedItemPage",
            (AgencyItemPage,),
            {"__module__": __name__, "Meta": Meta, "parent_page_types": ["testapp.AgencyCategoryPage"]},
        )
        self.assertEqual(restricted.clean_parent_page_models(), [AgencyCategoryPage])


class AdminTests(WagtailPageTestCase):
    """Add, edit and publish each subclass through the admin's own forms, then open it on the site."""

    @classmethod
    def setUpTestData(cls):
        cls.home = build_home()

    def setUp(self):
        self.user = self.login()

    def add_form_data(self, parent, model, **fields):
        """The add form as the admin draws it, filled in like an editor does."""
        response = self.client.get(
            reverse("wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk))
        )
        self.assertEqual(response.status_code, 200)
        return self.filled(response, fields)

    def edit_form_data(self, page, **fields):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))
        self.assertEqual(response.status_code, 200)
        return self.filled(response, fields)

    def filled(self, response, fields):
        data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
        for name in STREAM_FIELDS:
            data.setdefault(f"{name}-count", "0")
        for name, value in fields.items():
            data[name] = value
        return {key: data.getlist(key) for key in data}

    def publish_edit(self, page, data):
        data["action-publish"] = "action-publish"
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
        if response.status_code != 302:
            self.fail(f"editing {page.title} failed: {response.context['form'].errors}")
        page.refresh_from_db()
        self.assertTrue(page.live and not page.has_unpublished_changes)
        return page

    def render(self, page, *expected):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200, page.url)
        names = [template.name for template in response.templates]
        self.assertIn("base.html", names)  # the site's own base template (GI_WAGTAIL["BASE_TEMPLATE"])
        self.assertContains(response, "testapp-footer")
        for text in expected:
            self.assertContains(response, text)
        return response

    def add_column(self):
        """index → category → item, each added and published through the admin."""
        self.assertCanCreate(
            self.home,
            AgencyIndexPage,
            self.add_form_data(
                self.home,
                AgencyIndexPage,
                title="政府信息公开",
                slug="xxgk",
                agency_name="某县科学技术局",
                org_code="000014349",
            ),
        )
        index = AgencyIndexPage.objects.get(slug="xxgk")
        self.assertCanCreate(
            index,
            AgencyCategoryPage,
            self.add_form_data(index, AgencyCategoryPage, title="政策法规", slug="zcfg", code="04"),
        )
        category = AgencyCategoryPage.objects.get(slug="zcfg")
        self.assertCanCreate(
            category,
            AgencyItemPage,
            self.add_form_data(
                category,
                AgencyItemPage,
                title="关于印发《某县科技创新券管理办法》的通知",
                slug="cxq",
                doc_no="某科发〔2024〕3号",
                published_on="2024-03-01",
                published_on_confirmed="on",
                summary="创新券的申请和兑付。",
                source_note="县科技局门户网站",
            ),
        )
        item = AgencyItemPage.objects.get(slug="cxq")
        return index, category, item

    def test_index_category_and_item_are_added_published_and_rendered(self):
        index, category, item = self.add_column()
        self.assertTrue(index.live and category.live and item.live)
        # The item finds its agency among the subclasses: 发布机构 defaulted from it, 索引号 from its 机构代码.
        self.assertIsInstance(item.find_agency(), AgencyIndexPage)
        self.assertEqual(item.agency_id, index.pk)
        self.assertEqual(item.organisation, Organisation.objects.get(name="某县科学技术局"))
        self.assertEqual(item.index_no, "000014349/2024-00001")
        self.assertEqual(item.published_on, datetime.date(2024, 3, 1))
        # The listings show the site's own item page type (gi_item_model).
        self.render(index, "某县科学技术局", category.title, item.title)
        self.render(category, category.title, item.title, item.index_no)
        self.assertEqual(item.summary, "创新券的申请和兑付。")
        response = self.render(item, item.title, item.index_no, "某科发〔2024〕3号", "某县科学技术局")
        # The site's own template for its item page, extending the shipped one.
        self.assertIn("testapp/agency_item_page.html", [t.name for t in response.templates])
        self.assertContains(response, '<p class="testapp-source-note">县科技局门户网站</p>', html=True)

    def test_index_category_and_item_are_edited_in_the_admin(self):
        index, category, item = self.add_column()
        self.publish_edit(
            index,
            self.edit_form_data(
                index, agency_name="某县科技局", intro=rich_text("<p>本栏目公开县科技局的政府信息。</p>")
            ),
        )
        self.publish_edit(category, self.edit_form_data(category, code="05"))
        self.publish_edit(item, self.edit_form_data(item, summary="修订后的摘要。", source_note="县政府公报"))
        self.assertEqual((index.agency_name, category.code, item.summary), ("某县科技局", "05", "修订后的摘要。"))
        self.assertEqual(item.index_no, "000014349/2024-00001")  # a published 索引号 never changes
        self.render(item, "县政府公报")
        self.render(index, "某县科技局", "本栏目公开县科技局的政府信息。")

    def test_concrete_and_subclassed_pages_mix_in_one_column(self):
        index, category, item = self.add_column()
        self.assertCanCreate(
            index,
            CatalogueCategoryPage,
            self.add_form_data(index, CatalogueCategoryPage, title="规划计划", slug="ghjh", code="05"),
        )
        concrete = CatalogueCategoryPage.objects.get(slug="ghjh")
        self.assertCanCreate(
            concrete,
            DisclosureItemPage,
            self.add_form_data(
                concrete,
                DisclosureItemPage,
                title="某县科技发展规划",
                slug="plan",
                published_on="2024-05-06",
                published_on_confirmed="on",
            ),
        )
        plan = DisclosureItemPage.objects.get(slug="plan")
        self.assertEqual(plan.agency_id, index.pk)
        self.assertEqual(plan.index_no, "000014349/2024-00002")  # one sequence per agency, whichever item type
        self.render(concrete, plan.title)
        self.render(plan, plan.title, plan.index_no)

    def test_report_is_added_edited_published_and_rendered(self):
        index, category, _item = self.add_column()
        self.assertCanCreate(
            index,
            AgencyCategoryPage,
            self.add_form_data(index, AgencyCategoryPage, title="政府信息公开年报", slug="xxgknb"),
        )
        reports = AgencyCategoryPage.objects.get(slug="xxgknb")
        organisation = Organisation.objects.get(name="某县科学技术局")
        draft = AgencyReportPage(title="2021年政府信息公开工作年度报告", slug="report-2021", organisation=organisation)
        draft.apply_report_data(
            balanced_report("2021", 2021, organisation=organisation.name, outcomes={"granted": {"natural_person": 3}})
        )
        self.assertCanCreate(reports, AgencyReportPage, report_form_data(draft))
        report = AgencyReportPage.objects.get(slug="report-2021")
        self.assertEqual(
            (report.year, report.report_format, report.tables["table3"]["granted"]["natural_person"]), (2021, "2021", 3)
        )
        self.assertEqual([f for f in report.findings() if f.severity == "error"], [])
        self.publish_edit(report, report_form_data(report, fee_text="本年度未收取任何费用。"))
        self.assertEqual(report.fee_text, "本年度未收取任何费用。")
        self.render(report, report.title)

    def add_report(self):
        _index, category, _item = self.add_column()
        organisation = Organisation.objects.get(name="某县科学技术局")
        draft = AgencyReportPage(title="2021年政府信息公开工作年度报告", slug="report-2021", organisation=organisation)
        draft.apply_report_data(
            balanced_report("2021", 2021, organisation=organisation.name, outcomes={"granted": {"natural_person": 3}})
        )
        self.assertCanCreate(category, AgencyReportPage, report_form_data(draft))
        return AgencyReportPage.objects.get(slug="report-2021")

    def test_report_subclass_serves_its_tables_downloads_and_comparison(self):
        report = self.add_report()
        self.render(report, "收到和处理政府信息公开申请情况", 'class="gi-report-table')
        for route in ("report/json/", "download/table3/csv/", "compare/"):
            self.assertEqual(self.client.get(report.url + route).status_code, 200, route)


class AdminScreenTests(TestCase):
    """Every admin screen of every subclass page opens, and its Preview shows the page (tests/crawl's crawler)."""

    @classmethod
    def setUpTestData(cls):
        cls.superuser = get_user_model().objects.create_superuser("crawl-superuser", "crawl@example.invalid", "pw")
        home = build_home()
        index = publish(
            home, AgencyIndexPage(title="政府信息公开", slug="xxgk", agency_name="某县科学技术局", org_code="000014349")
        )
        category = publish(index, AgencyCategoryPage(title="政策法规", slug="zcfg", code="04"))
        organisation = Organisation.objects.create(name="某县科学技术局", org_code="000014349")
        body = [(name, block.get_preview_value()) for name, block in ItemBodyBlock().child_blocks.items()]
        item = publish(
            category,
            AgencyItemPage(
                title="关于印发《某县科技创新券管理办法》的通知",
                slug="cxq",
                body=body,
                organisation=organisation,
                doc_no="某科发〔2024〕3号",
                source_note="门户网站",
            ),
        )
        item.summary = "第二次修订。"
        item.save_revision(user=cls.superuser).publish(user=cls.superuser)  # two revisions: compare, revert
        report = AgencyReportPage(title="2021年政府信息公开工作年度报告", slug="report-2021", organisation=organisation)
        report.apply_report_data(balanced_report("2021", 2021, organisation=organisation.name))
        publish(category, report)
        publish(category, CatalogueCategoryPage(title="规划计划", slug="ghjh"))  # a concrete page under a subclass

    def test_superuser_opens_every_screen_of_every_page(self):
        crawler = Crawler("superuser", self.superuser)
        pages = [page.specific for page in Page.objects.filter(depth__gt=1).order_by("path")]
        self.assertEqual(
            {AgencyIndexPage, AgencyCategoryPage, AgencyItemPage, AgencyReportPage} - {type(p) for p in pages}, set()
        )
        for page in pages:
            crawler.public(page, follow_links=True)
            crawler.admin(page)
        for label, url in screens.add_view_urls():
            if url is None:
                crawler.flag(label, "no page in the tree may hold this page type")
            else:
                crawler.open(url)
        self.assertGreater(crawler.opened, 0)
        self.assertEqual(crawler.bad, [], crawler.report())


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page

"""Breadcrumb and catalogue menu: the gi_wagtail_tags template tags, seen through the public pages."""

from bs4 import BeautifulSoup
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase

from gi_wagtail.models import CatalogueCategoryPage
from tests.factories import add_item, build_catalogue
from tests.reports.pages import add_report


class NavigationTagsTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        cls.home = cls.index.get_parent()
        cls.sub = cls.category.add_child(instance=CatalogueCategoryPage(title="规范性文件", slug="gfxwj"))
        cls.empty = cls.index.add_child(instance=CatalogueCategoryPage(title="空栏目", slug="empty"))
        cls.private = cls.index.add_child(instance=CatalogueCategoryPage(title="内部栏目", slug="internal"))
        add_item(cls.private, "内部条目")
        PageViewRestriction.objects.create(page=cls.private, restriction_type=PageViewRestriction.LOGIN)
        cls.reports = cls.index.add_child(instance=CatalogueCategoryPage(title="政府信息公开年报", slug="xxgknb"))
        cls.report = add_report(cls.reports, cls.organisation)
        cls.item = add_item(cls.sub, "关于印发管理办法的通知")

    def soup(self, page):
        response = self.client.get(page.url)
        self.assertEqual(response.status_code, 200)
        return BeautifulSoup(response.content, "html.parser")

    def breadcrumb(self, soup):
        trail = soup.select_one("nav.gi-breadcrumb ol")
        return [
            (li.get_text(strip=True), li.a["href"] if li.a else li.get("aria-current")) for li in trail.find_all("li")
        ]

    def menu(self, soup):
        nav = soup.select_one("nav.gi-sidenav")
        if nav is None or nav.select_one(".gi-sidenav-title") is None:
            return None
        return [(a.get_text(strip=True), a.get("aria-current")) for a in nav.select("ul a")]

    def test_item_page_shows_its_trail_and_the_category_it_sits_in(self):
        soup = self.soup(self.item)
        self.assertEqual(
            self.breadcrumb(soup),
            [
                ("首页", self.home.url),
                ("政府信息公开", self.index.url),
                ("政策法规", self.category.url),
                ("规范性文件", self.sub.url),
                ("关于印发管理办法的通知", "page"),
            ],
        )
        # Empty and restricted categories stay out of the menu; the column the item sits in is its location.
        self.assertEqual(self.menu(soup), [("政策法规", "location"), ("政府信息公开年报", None)])
        self.assertEqual(soup.select_one(".gi-sidenav-title a")["href"], self.index.url)

    def test_category_page_is_the_current_menu_entry(self):
        soup = self.soup(self.category)
        self.assertEqual(self.menu(soup), [("政策法规", "page"), ("政府信息公开年报", None)])
        self.assertEqual(self.breadcrumb(soup)[-1], ("政策法规", "page"))

    def test_index_page_has_a_breadcrumb_and_lists_its_categories_itself(self):
        soup = self.soup(self.index)
        self.assertEqual(self.breadcrumb(soup), [("首页", self.home.url), ("政府信息公开", "page")])
        self.assertIsNone(self.menu(soup))

    def test_templates_that_include_the_navigation_directly_still_get_it(self):
        # The annual report page includes gi_wagtail/includes/category_nav.html without the tag.
        soup = self.soup(self.report)
        self.assertEqual(self.menu(soup), [("政策法规", None), ("政府信息公开年报", "location")])
        self.assertEqual(
            self.breadcrumb(soup)[-2:], [("政府信息公开年报", self.reports.url), (self.report.title, "page")]
        )

    def test_the_tags_work_for_any_page_of_an_integrators_site(self):
        plain = self.index.add_child(instance=Page(title="联系我们", slug="contact"))
        request = RequestFactory().get(plain.url)
        html = Template("{% load gi_wagtail_tags %}{% gi_breadcrumb %}{% gi_category_nav %}").render(
            Context({"page": plain, "request": request})
        )
        soup = BeautifulSoup(html, "html.parser")
        self.assertEqual(
            self.breadcrumb(soup), [("首页", self.home.url), ("政府信息公开", self.index.url), ("联系我们", "page")]
        )
        self.assertEqual(self.menu(soup), [("政策法规", None), ("政府信息公开年报", None)])
        # Outside a disclosure column there is no catalogue menu.
        html = Template("{% load gi_wagtail_tags %}{% gi_category_nav page=home %}").render(
            Context({"home": self.home, "request": request})
        )
        self.assertNotIn("gi-sidenav", html)

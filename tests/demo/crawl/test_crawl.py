"""Every screen of every page, for every shipped role: no 5xx anywhere.

The demo column, both seed reports imported through gi_wagtail_import_report, and pages in the states that
matter (see site.py). Page types, admin menu entries and the app's admin URLs are discovered, so a new page
type or admin view is crawled without editing this test. Each test lists ALL bad answers in one message.
"""

import time

from django.test import TestCase
from wagtail.models import Page

from tests.crawl import screens
from tests.crawl.crawler import Crawler
from tests.demo.crawl.site import build_crawl_site


class CrawlTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        started = time.monotonic()
        cls.site = build_crawl_site()
        cls.build_seconds = time.monotonic() - started

    def pages(self):
        return [page.specific for page in Page.objects.filter(depth__gt=1).order_by("path")]

    def assertNothingBroken(self, crawler):
        self.assertGreater(crawler.opened, 0)
        if crawler.bad:
            self.fail(f"{len(crawler.bad)} bad answers of {crawler.opened} (status, role, url):\n{crawler.report()}")

    def crawl_admin(self, role):
        crawler = Crawler(role, self.site["users"][role])
        for page in self.pages():
            crawler.public(page)
            crawler.admin(page)
        for label, url in screens.add_view_urls() + screens.own_admin_urls():
            if url is None:
                crawler.flag(label, "the crawl finds no object or parent to open this screen with")
            else:
                crawler.open(url)
        for _label, url in [("dashboard", "/admin/")] + screens.menu_urls(self.site["users"][role]):
            crawler.open(url)
            crawler.open(f"{url}{'&' if '?' in url else '?'}q={screens.SEARCH_QUERY}")  # listings' search box
        return crawler

    def test_site_has_every_state_and_page_type(self):
        pages = self.site["pages"]
        self.assertTrue(pages["draft"].has_unpublished_changes)
        self.assertEqual(pages["in_review"].current_workflow_state.status, "in_progress")
        self.assertGreaterEqual(pages["revised"].revisions.count(), 4)
        self.assertTrue(pages["password"].get_view_restrictions().exists())
        self.assertTrue(pages["imported_report"].live)
        self.assertIn("导入", pages["imported_report"].organisation.name)
        crawled = {type(page) for page in self.pages()}
        self.assertEqual(set(screens.own_page_models()) - crawled, set(), "a page type has no page in the crawl")

    def test_public_pages_for_a_citizen(self):
        crawler = Crawler("anonymous")
        for page in self.pages():
            crawler.public(page, follow_links=True)
        crawler.open(f"/gi/search/?q={screens.SEARCH_QUERY}", allowed={200})
        self.assertNothingBroken(crawler)

    def test_superuser(self):
        self.assertNothingBroken(self.crawl_admin("superuser"))

    def test_editor(self):
        self.assertNothingBroken(self.crawl_admin("editor"))

    def test_reviewer(self):
        self.assertNothingBroken(self.crawl_admin("reviewer"))

    def test_reviewer_previews_the_draft_under_review(self):
        # The 保密审查员 opens the editor through the review task; its Preview panel must show the draft.
        page = self.site["pages"]["in_review"]
        crawler = Crawler("reviewer", self.site["users"]["reviewer"])
        crawler.allowed = {200}
        edit = crawler.open(f"/admin/pages/{page.pk}/edit/")
        crawler.preview(page, edit)
        self.assertNothingBroken(crawler)
        self.assertContains(crawler.client.get(f"/admin/pages/{page.pk}/edit/preview/?mode="), page.title)

    def test_manager(self):
        self.assertNothingBroken(self.crawl_admin("manager"))

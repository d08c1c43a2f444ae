"""The reviewer's admin, through the real views as each role: 待我审查 instead of listings they cannot open."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from gi_wagtail.review.workflow import setup_workflow
from tests.factories import add_item, build_catalogue
from tests.helpers import edit_form_data, make_staff

QUEUE = "/admin/gi_wagtail_review_queue/"
ITEMS = "/admin/gi_wagtail_items/"
DECISION = {"reason": "不涉及国家秘密和个人隐私，同意公开。", "reviewer_name": "李审查"}
SIDEBAR = re.compile(r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', re.S)
TBODY = re.compile(r"<tbody>(.*?)</tbody>", re.S)


def rows(response):
    """The listing's table body as text (the page's flash messages name titles too)."""
    assert response.status_code == 200, response.status_code
    body = TBODY.search(response.content.decode())
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body.group(1))) if body else ""


class ReviewerAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        setup_workflow()
        cls.staff = make_staff()

    def setUp(self):
        self.item = add_item(self.category, "关于开展科技创新券申报工作的通知", publish=False, owner=self.staff.editor)
        self.draft = add_item(
            self.category, "关于公布2024年度高新技术企业名单的通知", publish=False, owner=self.staff.editor
        )

    def submit(self, page, user):
        self.client.force_login(user)
        response = self.client.post(
            reverse("wagtailadmin_pages:edit", args=(page.pk,)),
            edit_form_data(self.client, page, **{"action-submit": "submit"}),
        )
        self.assertEqual(response.status_code, 302)
        page.refresh_from_db()

    def menu(self, user):
        """The URLs of the admin menu the dashboard sends to ``user``'s browser."""
        self.client.force_login(user)
        response = self.client.get(reverse("wagtailadmin_home"))
        self.assertEqual(response.status_code, 200)
        return set(re.findall(r'"url": "([^"]+)"', SIDEBAR.search(response.content.decode()).group(1)))

    def queue(self, user):
        self.client.force_login(user)
        return self.client.get(QUEUE)

    def assertRedirectedHome(self, response):
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)

    def test_reviewer_menu_has_the_queue_not_the_item_listing(self):
        menu = self.menu(self.staff.reviewer)
        self.assertIn(QUEUE, menu)
        self.assertNotIn(ITEMS, menu)
        # The listing itself still refuses them: the menu now agrees with it.
        self.assertRedirectedHome(self.client.get(ITEMS))

    def test_editor_and_manager_menus(self):
        editor_menu = self.menu(self.staff.editor)
        self.assertIn(ITEMS, editor_menu)
        self.assertNotIn(QUEUE, editor_menu)  # editors decide nothing
        self.assertEqual(self.client.get(ITEMS).status_code, 200)
        self.assertRedirectedHome(self.queue(self.staff.editor))
        self.assertTrue({ITEMS, QUEUE} <= self.menu(self.staff.manager))  # managers sign off (领导审签)

    def test_reviewer_queue_lists_what_waits_for_their_decision(self):
        self.submit(self.item, self.staff.editor)
        response = self.queue(self.staff.reviewer)
        listed = rows(response)
        self.assertIn("关于开展科技创新券申报工作的通知", listed)
        self.assertNotIn("关于公布2024年度高新技术企业名单的通知", listed)  # a draft, not submitted
        self.assertIn("保密审查", listed)
        self.assertIn("editor", listed)  # who submitted
        self.assertNotContains(response, "choose_parent")  # nothing to add from a queue
        edit_url = reverse("wagtailadmin_pages:edit", args=(self.item.pk,))
        self.assertContains(response, f'href="{edit_url}"')
        self.assertNotContains(response, "w-bulk")  # no bulk actions for a reviewer
        # The row opens the editor, where the decision is taken.
        self.assertEqual(self.client.get(edit_url).status_code, 200)

    def test_decided_item_moves_to_the_sign_off_queue(self):
        self.submit(self.item, self.staff.editor)
        self.client.force_login(self.staff.reviewer)
        state = self.item.current_workflow_task_state
        self.client.post(
            reverse("wagtailadmin_pages:workflow_action", args=(self.item.pk, "approve", state.pk)), DECISION
        )
        self.assertNotIn("关于开展科技创新券申报工作的通知", rows(self.queue(self.staff.reviewer)))
        listed = rows(self.queue(self.staff.manager))
        self.assertIn("关于开展科技创新券申报工作的通知", listed)
        self.assertIn("领导审签", listed)

    def test_own_submission_is_not_in_the_queue(self):
        self.submit(self.item, self.staff.editor_reviewer)
        self.assertNotIn("关于开展科技创新券申报工作的通知", rows(self.queue(self.staff.editor_reviewer)))
        self.assertIn("关于开展科技创新券申报工作的通知", rows(self.queue(self.staff.reviewer)))

    def test_empty_queue(self):
        self.assertEqual(rows(self.queue(self.staff.reviewer)).strip(), "")

    def test_queue_query_count_does_not_grow_with_rows(self):
        self.submit(self.item, self.staff.editor)
        one_row = self.queries_for_queue(self.staff.reviewer)
        self.submit(self.draft, self.staff.editor)
        self.assertEqual(self.queries_for_queue(self.staff.reviewer), one_row)

    def queries_for_queue(self, user):
        self.client.force_login(user)
        self.client.get(QUEUE)  # warm the caches (content types, site root paths)
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(self.client.get(QUEUE).status_code, 200)
        return len(queries)


def test_every_gi_wagtail_page_type_keeps_the_reviewers_preview():
    # Wagtail 8 asks for the model-wide "change" permission in the editor's preview; reviewers hold none.
    from wagtail.admin.viewsets.pages import PageViewSet, page_viewset_registry
    from wagtail.models import get_page_models

    from gi_wagtail.catalogue.models.base import GiPage

    if not hasattr(PageViewSet, "preview_on_edit_view_class"):  # Wagtail 7.4: no such check
        return
    reverse("wagtailadmin_home")  # loading the admin URLs registers the viewsets
    page_types = [model for model in get_page_models() if issubclass(model, GiPage)]
    assert len(page_types) >= 4
    for model in page_types:
        assert page_viewset_registry.get_by_type(model).preview_on_edit_view_class.permission_required is None, model

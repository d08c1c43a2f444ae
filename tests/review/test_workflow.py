"""保密审查 / 领导审签: decisions, self-approval guard, audit log, permissions."""

import json

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.test.utils import WagtailPageTestCase

from gi_wagtail.models import DisclosureItemPage, LeaderSignOffTask, ReviewDecision, SecrecyReviewTask
from gi_wagtail.review.workflow import setup_workflow
from tests.factories import add_item, build_catalogue
from tests.helpers import edit_form_data, make_staff

DECISION = {"reason": "不涉及国家秘密和个人隐私，同意公开。", "reviewer_name": "李审查"}


class ReviewWorkflowTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        cls.workflow = setup_workflow()
        cls.staff = make_staff()

    def setUp(self):
        self.item = add_item(self.category, "关于开展科技创新券申报工作的通知", publish=False, owner=self.staff.editor)

    def submit(self, user):
        self.client.force_login(user)
        data = edit_form_data(self.client, self.item, **{"action-submit": "submit"})
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=(self.item.pk,)), data)
        if response.status_code != 302:
            form = response.context["form"]
            self.fail(
                f"submit failed: {response.status_code} {form.errors} {[f.errors for f in form.formsets.values()]}"
            )
        self.item.refresh_from_db()
        return self.item.current_workflow_state

    def action_url(self, action, state=None):
        state = state or self.item.current_workflow_task_state
        return reverse("wagtailadmin_pages:workflow_action", args=(self.item.pk, action, state.pk))

    def decide(self, user, action, data=DECISION, ajax=False):
        # The admin turns PermissionDenied into a redirect home; the modal's AJAX request sees the 403.
        self.client.force_login(user)
        headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if ajax else {}
        return self.client.post(self.action_url(action), data, **headers)

    def assertRefused(self, response):
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        messages = [str(m) for m in response.wsgi_request._messages]
        self.assertTrue(any("permission" in m or "权限" in m for m in messages), messages)

    def test_editor_cannot_publish_only_submit(self):
        self.client.force_login(self.staff.editor)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(self.item.pk,)))
        self.assertNotContains(response, 'name="action-publish"')
        self.assertContains(response, 'name="action-submit"')
        data = edit_form_data(self.client, self.item, **{"action-publish": "action-publish"})
        self.client.post(reverse("wagtailadmin_pages:edit", args=(self.item.pk,)), data)
        self.item.refresh_from_db()
        self.assertFalse(self.item.live)
        self.assertFalse(self.item.permissions_for_user(self.staff.editor).can_publish())

    def test_submission_starts_secrecy_review(self):
        state = self.submit(self.staff.editor)
        self.assertEqual(state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertIsInstance(self.item.current_workflow_task, SecrecyReviewTask)
        self.assertEqual(self.item.current_workflow_task.name, "保密审查")

    def test_review_then_sign_off_publishes_and_logs_decisions(self):
        self.submit(self.staff.editor)
        review_state = self.item.current_workflow_task_state
        response = self.decide(self.staff.reviewer, "approve")
        self.assertEqual(response.status_code, 302)
        review_state.refresh_from_db()
        review_state = review_state.specific
        self.assertEqual(review_state.status, "approved")
        self.assertEqual(review_state.decision, ReviewDecision.APPROVED)
        self.assertEqual(review_state.reviewer_name, "李审查")
        self.assertEqual(review_state.finished_by, self.staff.reviewer)
        self.item.refresh_from_db()
        self.assertFalse(self.item.live)
        self.assertIsInstance(self.item.current_workflow_task, LeaderSignOffTask)

        response = self.decide(self.staff.manager, "approve", {"reason": "同意发布。", "reviewer_name": "王局长"})
        self.assertEqual(response.status_code, 302)
        self.item.refresh_from_db()
        self.assertTrue(self.item.live)
        self.assertTrue(self.item.index_no)

        entries = PageLogEntry.objects.filter(page=self.item, action="gi_wagtail.review_decision").order_by(
            "timestamp", "pk"
        )
        self.assertEqual(
            [(e.data["task"]["title"], e.data["decision"], e.data["reviewer_name"], e.user_id) for e in entries],
            [
                ("保密审查", "approved", "李审查", self.staff.reviewer.pk),
                ("领导审签", "approved", "王局长", self.staff.manager.pk),
            ],
        )
        self.client.force_login(self.staff.manager)
        history = self.client.get(reverse("wagtailadmin_pages:history", args=(self.item.pk,)))
        self.assertContains(history, "不涉及国家秘密和个人隐私，同意公开。")
        self.assertContains(history, "李审查")

    def test_rejection_records_reason_and_sends_back(self):
        self.submit(self.staff.editor)
        response = self.decide(
            self.staff.reviewer, "reject", {"reason": "附件含有个人身份证号码。", "reviewer_name": "李审查"}
        )
        self.assertEqual(response.status_code, 302)
        self.item.refresh_from_db()
        self.assertFalse(self.item.live)
        state = self.item.workflow_states.get()
        self.assertEqual(state.status, WorkflowState.STATUS_NEEDS_CHANGES)
        entry = PageLogEntry.objects.get(page=self.item, action="gi_wagtail.review_decision")
        self.assertEqual(entry.data["decision"], "rejected")
        self.assertEqual(entry.data["reason"], "附件含有个人身份证号码。")

    def test_reviewer_sees_decision_form(self):
        self.submit(self.staff.editor)
        self.client.force_login(self.staff.reviewer)
        response = self.client.get(self.action_url("reject"), HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        html = json.loads(response.content)["html"]
        self.assertIn('name="reason"', html)
        self.assertIn('name="reviewer_name"', html)
        self.assertIn("审查记录", html)

    def test_decision_needs_reason_and_name(self):
        self.submit(self.staff.editor)
        self.client.force_login(self.staff.reviewer)
        response = self.client.post(
            self.action_url("approve"), {"reason": "  ", "reviewer_name": ""}, HTTP_X_REQUESTED_WITH="XMLHttpRequest"
        )
        self.assertEqual(response.status_code, 200)
        payload = json.loads(response.content)
        self.assertEqual(payload["step"], "action")
        self.assertIn("error", payload["html"])
        self.assertEqual(self.item.current_workflow_task_state.status, "in_progress")
        self.assertFalse(PageLogEntry.objects.filter(page=self.item, action="gi_wagtail.review_decision").exists())

    def test_submitter_cannot_approve_own_submission(self):
        # A member of both groups submits, then tries to approve: refused (ONS dis-wagtail style).
        self.item.owner = self.staff.editor_reviewer
        self.item.save()
        self.submit(self.staff.editor_reviewer)
        task = self.item.current_workflow_task
        self.assertEqual(task.get_actions(self.item, self.staff.editor_reviewer), [])
        self.assertNotEqual(task.get_actions(self.item, self.staff.reviewer), [])
        self.assertEqual(self.decide(self.staff.editor_reviewer, "approve", ajax=True).status_code, 403)
        self.assertRefused(self.decide(self.staff.editor_reviewer, "approve"))
        with self.assertRaises(PermissionDenied):
            task.on_action(self.item.current_workflow_task_state, self.staff.editor_reviewer, "approve", **DECISION)
        self.assertFalse(task.get_task_states_user_can_moderate(self.staff.editor_reviewer).exists())
        self.assertTrue(task.get_task_states_user_can_moderate(self.staff.reviewer).exists())
        self.assertEqual(self.item.current_workflow_task_state.status, "in_progress")
        self.item.refresh_from_db()
        self.assertFalse(self.item.live)

    def test_author_of_reviewed_revision_cannot_approve(self):
        # The reviewer-editor wrote the revision, a colleague submitted it: still their own work.
        self.item.save_revision(user=self.staff.editor_reviewer)
        self.workflow.start(self.item, self.staff.editor2)
        self.item.refresh_from_db()
        self.assertEqual(self.item.current_workflow_task.get_actions(self.item, self.staff.editor_reviewer), [])
        self.assertEqual(self.decide(self.staff.editor_reviewer, "approve", ajax=True).status_code, 403)

    def test_writer_of_an_earlier_draft_cannot_approve_what_a_colleague_submitted(self):
        # Two hands: the reviewer-editor writes the draft in the admin, a colleague only clicks
        # submit (which saves a revision of their own). The draft's writer still may not approve.
        self.client.force_login(self.staff.editor_reviewer)
        data = edit_form_data(self.client, self.item, title="关于开展科技创新券申报工作的通知（修订）")
        self.client.post(reverse("wagtailadmin_pages:edit", args=(self.item.pk,)), data)
        self.item.refresh_from_db()
        self.assertEqual(self.item.latest_revision.user, self.staff.editor_reviewer)
        self.submit(self.staff.editor2)
        self.assertEqual(self.item.current_workflow_task_state.revision.user, self.staff.editor2)
        task = self.item.current_workflow_task
        self.assertEqual(task.get_actions(self.item, self.staff.editor_reviewer), [])
        self.assertEqual(self.decide(self.staff.editor_reviewer, "approve", ajax=True).status_code, 403)
        self.assertFalse(task.get_task_states_user_can_moderate(self.staff.editor_reviewer).exists())
        self.assertEqual(self.item.current_workflow_task_state.status, "in_progress")
        # An independent reviewer decides.
        self.assertEqual(self.decide(self.staff.reviewer, "approve").status_code, 302)
        self.assertEqual(self.item.current_workflow_task_state.task.specific.__class__, LeaderSignOffTask)

    def test_revisions_before_the_last_publication_do_not_bar_a_reviewer(self):
        # Writing an older, already published version is not writing the change under review.
        self.item.save_revision(user=self.staff.editor_reviewer).publish(user=self.staff.manager)
        self.item.refresh_from_db()
        self.submit(self.staff.editor)
        task = self.item.current_workflow_task
        self.assertNotEqual(task.get_actions(self.item, self.staff.editor_reviewer), [])
        self.assertTrue(task.get_task_states_user_can_moderate(self.staff.editor_reviewer).exists())

    def test_outsider_cannot_decide(self):
        self.submit(self.staff.editor)
        self.assertEqual(self.decide(self.staff.editor2, "approve", ajax=True).status_code, 403)
        self.assertEqual(self.item.current_workflow_task_state.status, "in_progress")

    def test_reviewer_cannot_change_content(self):
        self.submit(self.staff.editor)
        self.client.force_login(self.staff.reviewer)
        url = reverse("wagtailadmin_pages:edit", args=(self.item.pk,))
        data = edit_form_data(self.client, self.item, title="被审查员改过的标题")
        self.assertRefused(self.client.post(url, data))
        self.assertEqual(self.item.get_latest_revision_as_object().title, "关于开展科技创新券申报工作的通知")

        # Approving from the editor records the decision but never saves the submitted form.
        data = edit_form_data(
            self.client,
            self.item,
            title="被审查员改过的标题",
            **{
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": json.dumps(DECISION),
            },
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302)
        self.item.refresh_from_db()
        self.assertIsInstance(self.item.current_workflow_task, LeaderSignOffTask)
        self.assertEqual(self.item.get_latest_revision_as_object().title, "关于开展科技创新券申报工作的通知")

    def test_editor_json_path_validates_decision(self):
        self.submit(self.staff.editor)
        self.client.force_login(self.staff.reviewer)
        data = edit_form_data(
            self.client,
            self.item,
            **{
                "action-workflow-action": "true",
                "workflow-action-name": "approve",
                "workflow-action-extra-data": json.dumps({"reason": "", "reviewer_name": "x"}),
            },
        )
        self.assertRefused(self.client.post(reverse("wagtailadmin_pages:edit", args=(self.item.pk,)), data))
        self.assertEqual(self.item.current_workflow_task_state.status, "in_progress")

    def test_reviewer_has_no_page_permissions(self):
        self.assertFalse(self.item.permissions_for_user(self.staff.reviewer).can_publish())
        self.assertFalse(self.index.permissions_for_user(self.staff.reviewer).can_add_subpage())
        self.assertFalse(self.item.permissions_for_user(self.staff.reviewer).can_edit())
        self.client.force_login(self.staff.reviewer)
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(self.item.pk,)))
        self.assertEqual(response.status_code, 302)  # no access before the item reaches their task


class AdminCreatedItemReviewTests(WagtailPageTestCase):
    """The path editors use: create the item in the admin and submit it; another user approves."""

    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        setup_workflow()
        cls.staff = make_staff()

    def test_item_created_and_submitted_in_admin_is_approved_by_reviewer(self):
        from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

        self.client.force_login(self.staff.editor)
        data = nested_form_data(
            {
                "title": "关于科技创新券申领的通知",
                "slug": "kjcxq",
                "published_on": "2025-03-03",
                "published_on_confirmed": "on",
                "doc_no": "高科发〔2025〕2号",
                "validity": "valid",
                "disclosure_method": "proactive",
                "disclosure_scope": "public",
                "body": streamfield([]),
                "attachments": inline_formset([]),
                "action-submit": "submit",
            }
        )
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=("gi_wagtail", "disclosureitempage", self.category.pk)), data
        )
        self.assertEqual(response.status_code, 302)
        item = DisclosureItemPage.objects.get(slug="kjcxq")
        state = item.current_workflow_task_state
        self.assertEqual((state.task.name, state.workflow_state.requested_by), ("保密审查", self.staff.editor))

        self.client.force_login(self.staff.reviewer)
        response = self.client.post(
            reverse("wagtailadmin_pages:workflow_action", args=(item.pk, "approve", state.pk)), DECISION
        )
        self.assertEqual(response.status_code, 302)
        state.refresh_from_db()
        self.assertEqual(state.status, "approved")
        self.assertIsInstance(DisclosureItemPage.objects.get(pk=item.pk).current_workflow_task, LeaderSignOffTask)


class ReviewOnlyWorkflowTests(WagtailPageTestCase):
    """``gi_wagtail_setup_workflow --without-leader-sign-off``: the 保密审查员, who cannot publish, is the last step.

    Wagtail's default finish action published as the reviewer with a permission check, so the approval
    answered 403 and nothing was published (found by the browser journey).
    """

    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        setup_workflow(leader_sign_off=False)
        cls.staff = make_staff()

    def setUp(self):
        self.item = add_item(self.category, "关于开展科技创新券申报工作的通知", publish=False, owner=self.staff.editor)
        self.reviewed = self.item.save_revision(user=self.staff.editor)
        self.item.get_workflow().start(self.item, self.staff.editor)
        self.item.refresh_from_db()

    def approve(self):
        self.client.force_login(self.staff.reviewer)
        state = self.item.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=(self.item.pk, "approve", state.pk))
        return self.client.post(url, DECISION, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    def test_reviewer_without_publish_permission_completes_the_workflow(self):
        self.assertFalse(self.item.permissions_for_user(self.staff.reviewer).can_publish())
        response = self.approve()
        self.assertEqual(response.status_code, 200)
        self.assertEqual(json.loads(response.content)["step"], "success")
        self.item.refresh_from_db()
        self.assertTrue(self.item.live)
        self.assertTrue(self.item.index_no)
        self.assertEqual(self.item.live_revision, self.reviewed)
        self.assertEqual(self.item.workflow_states.get().status, WorkflowState.STATUS_APPROVED)
        publish = PageLogEntry.objects.get(page=self.item, action="wagtail.publish")
        self.assertEqual(publish.user, self.staff.reviewer)

    def test_a_draft_saved_during_review_is_not_published(self):
        self.item.title = "未经审查的修改稿"
        self.item.save_revision(user=self.staff.editor2)
        self.assertEqual(self.approve().status_code, 200)
        self.item.refresh_from_db()
        self.assertTrue(self.item.live)
        self.assertEqual(self.item.live_revision, self.reviewed)
        self.assertEqual(self.item.title, "关于开展科技创新券申报工作的通知")
        self.assertTrue(self.item.has_unpublished_changes)

    def test_outsider_still_cannot_publish_through_the_workflow(self):
        self.client.force_login(self.staff.editor2)
        state = self.item.current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=(self.item.pk, "approve", state.pk))
        self.assertEqual(self.client.post(url, DECISION, HTTP_X_REQUESTED_WITH="XMLHttpRequest").status_code, 403)
        self.item.refresh_from_db()
        self.assertFalse(self.item.live)


class FinishActionCheckTests(WagtailPageTestCase):
    def test_warns_while_wagtails_default_finish_action_is_used(self):
        from gi_wagtail.review.checks import check_workflow_finish_action

        self.assertEqual(check_workflow_finish_action(), [])
        with self.settings(WAGTAIL_FINISH_WORKFLOW_ACTION="wagtail.workflows.publish_workflow_state"):
            self.assertEqual([w.id for w in check_workflow_finish_action()], ["gi_wagtail.W030"])

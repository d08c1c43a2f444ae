"""Names integrators and stored data rely on (architecture §4.4): they stay as they are."""

import warnings
from pathlib import Path

from django.test import SimpleTestCase, override_settings
from django.urls import reverse
from django.utils.module_loading import import_string

import gi_wagtail
from gi_wagtail.reports.forms import OVERRIDE_PERMISSION
from gi_wagtail.reports.wagtail_hooks import OVERRIDE_ACTION
from gi_wagtail.review import setup, workflow
from gi_wagtail.review.checks import check_workflow_finish_action
from gi_wagtail.review.finish import SETTING_VALUE, publish_reviewed_revision
from gi_wagtail.review.models import REVIEW_LOG_ACTION


class StableNamesTests(SimpleTestCase):
    def test_identifiers(self):
        self.assertEqual(REVIEW_LOG_ACTION, "gi_wagtail.review_decision")
        self.assertEqual(OVERRIDE_ACTION, "gi_wagtail.report_validation_override")
        self.assertEqual(OVERRIDE_PERMISSION, "gi_wagtail.override_report_validation")
        self.assertEqual(
            (setup.EDITORS, setup.REVIEWERS, setup.MANAGERS), ("信息公开编辑", "保密审查员", "信息公开管理员")
        )
        self.assertEqual(
            (workflow.WORKFLOW_NAME, workflow.SECRECY_TASK_NAME, workflow.LEADER_TASK_NAME),
            ("信息公开发布审核", "保密审查", "领导审签"),
        )

    def test_review_package_init_stays_empty(self):
        # Wagtail imports review.finish while it defines WorkflowState: the package may import nothing.
        self.assertEqual((Path(gi_wagtail.__file__).parent / "review" / "__init__.py").read_text().strip(), "")

    def test_finish_action_under_both_paths_and_w030(self):
        self.assertEqual(SETTING_VALUE, "gi_wagtail.review.finish.publish_reviewed_revision")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            old = import_string("gi_wagtail.workflow_finish.publish_reviewed_revision")
        self.assertIs(old, publish_reviewed_revision)
        for path in (SETTING_VALUE, "gi_wagtail.workflow_finish.publish_reviewed_revision"):
            with self.subTest(path), override_settings(WAGTAIL_FINISH_WORKFLOW_ACTION=path):
                self.assertEqual(check_workflow_finish_action(), [])
        with override_settings(WAGTAIL_FINISH_WORKFLOW_ACTION="wagtail.workflows.publish_workflow_state"):
            self.assertEqual([w.id for w in check_workflow_finish_action()], ["gi_wagtail.W030"])

    def test_admin_url_names(self):
        self.assertEqual(reverse("gi_wagtail_items:index"), "/admin/gi_wagtail_items/")
        self.assertEqual(reverse("gi_wagtail_review_queue:index"), "/admin/gi_wagtail_review_queue/")

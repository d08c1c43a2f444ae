"""gi_wagtail_import and the 信息公开发布审核 workflow: drafts submitted for review, --publish by permission,
audit log entries with the importing user, a non-zero exit when records fail."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Page, PageLogEntry, Revision, WorkflowPage, WorkflowState
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from gi_wagtail.models import CatalogueCategoryPage, DisclosureItemPage, Organisation, SearchEntry
from tests.factories import build_catalogue
from tests.helpers import make_staff

ORG = "11370322MB2851234X"
RECORDS = [
    {
        "category": "zcfg",
        "title": "关于科技创新券兑付的公示",
        "published": "2024-03-15",
        "body": "兑付企业名单。",
        "organisation": "县科技局",
        "keywords": "科技创新券",
    },
    {"category": "规划计划", "title": "高青县科技发展三年规划", "published": "2024-04-01", "body": "规划正文。"},
]
TITLES = [record["title"] for record in RECORDS]
DECISION = {"reason": "不涉及国家秘密和个人隐私，同意公开。", "reviewer_name": "李审查"}


def log_of(page):
    return list(PageLogEntry.objects.filter(page=page).order_by("pk").values_list("action", "user__username"))


def written():
    """Row counts an import would change."""
    return (
        Page.objects.count(),
        Revision.objects.count(),
        PageLogEntry.objects.count(),
        WorkflowState.objects.count(),
        Organisation.objects.count(),
    )


class ImportCase(WagtailPageTestCase):
    workflow = True

    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue(org_code=ORG)
        call_command("gi_wagtail_setup_groups", stdout=StringIO())
        if cls.workflow:
            call_command("gi_wagtail_setup_workflow", stdout=StringIO())
        else:  # not even Wagtail's default "Moderators approval" on the tree root
            WorkflowPage.objects.all().delete()
        cls.staff = make_staff()

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)

    def jsonl(self, records, name="items.jsonl"):
        path = Path(self._tmp.name) / name
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
        return path

    def run_import(self, path, *args):
        out, err = StringIO(), StringIO()
        with translation.override("en"):  # the command's messages are compared in English
            call_command("gi_wagtail_import", str(path), "--create-categories", *args, stdout=out, stderr=err)
        return out.getvalue(), err.getvalue()

    def items(self):
        return list(DisclosureItemPage.objects.filter(title__in=TITLES).order_by("title"))


class DraftImportTests(ImportCase):
    def test_items_are_drafts_submitted_to_the_secrecy_review_as_the_admin_leaves_them(self):
        editor = self.staff.editor
        out, err = self.run_import(self.jsonl(RECORDS), "--user", "editor")
        self.assertEqual(err, "")
        self.assertIn("2 created, 0 updated, 0 failed, 1 categories created", out)
        self.assertIn("Saved as drafts; 3 page(s) submitted for review.", out)  # two items and the new category
        items = self.items()
        self.assertEqual(len(items), 2)
        for item in items:
            self.assertEqual(
                (item.live, item.has_unpublished_changes, item.index_no, item.live_revision_id, item.owner),
                (False, True, "", None, editor),
            )
            self.assertEqual(item.latest_revision.user, editor)
            self.assertEqual(item.agency_id, self.index.pk)
            state = item.current_workflow_state
            self.assertEqual(
                (state.status, state.requested_by, state.workflow.name),
                (WorkflowState.STATUS_IN_PROGRESS, editor, "信息公开发布审核"),
            )
            task_state = item.current_workflow_task_state
            self.assertEqual(
                (task_state.task.name, task_state.status, task_state.revision_id),
                ("保密审查", "in_progress", item.latest_revision_id),
            )
            self.assertEqual(
                log_of(item),
                [("wagtail.create", "editor"), ("wagtail.edit", "editor"), ("wagtail.workflow.start", "editor")],
            )
            self.assertFalse(SearchEntry.objects.filter(page_id=item.pk).exists())  # public search shows no drafts
            self.assertEqual(self.client.get(item.get_url()).status_code, 404)
        category = CatalogueCategoryPage.objects.get(title="规划计划")
        self.assertFalse(category.live)
        self.assertEqual(category.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(self.client.get("/gi/search/", {"q": "科技创新券"}).status_code, 200)
        self.assertNotContains(self.client.get("/gi/search/", {"q": "科技创新券"}), TITLES[0])

        # What the admin leaves behind when the editor creates an item and submits it for moderation.
        self.client.force_login(editor)
        response = self.client.post(
            reverse("wagtailadmin_pages:add", args=("gi_wagtail", "disclosureitempage", self.category.pk)),
            nested_form_data(
                {
                    "title": "在后台新建的条目",
                    "slug": "admin-made",
                    "published_on": "2024-03-15",
                    "published_on_confirmed": "on",
                    "validity": "valid",
                    "disclosure_method": "proactive",
                    "disclosure_scope": "public",
                    "body": streamfield([]),
                    "attachments": inline_formset([]),
                    "action-submit": "submit",
                }
            ),
        )
        self.assertEqual(response.status_code, 302)
        made = DisclosureItemPage.objects.get(slug="admin-made")
        imported = DisclosureItemPage.objects.get(title=TITLES[0])

        def outcome(page):
            state = page.current_workflow_task_state
            return (
                page.live,
                page.has_unpublished_changes,
                page.index_no,
                page.live_revision_id,
                page.owner,
                page.revisions.count(),
                # The admin's back-dating confirmation has its own entry; the file is the import's record.
                [action for action, _user in log_of(page) if action != "gi_wagtail.publication_date_changed"],
                state.task.name,
                state.status,
                state.workflow_state.requested_by,
                state.revision_id == page.latest_revision_id,
            )

        self.assertEqual(outcome(imported), outcome(made))

        # The reviewer finds them on the dashboard; approved by 保密审查 and 领导审签, an item is published
        # and only then gets its 索引号.
        self.client.force_login(self.staff.reviewer)
        dashboard = self.client.get(reverse("wagtailadmin_home"))
        for title in TITLES:
            self.assertContains(dashboard, title)
        for user in (self.staff.reviewer, self.staff.manager):
            self.client.force_login(user)
            state = DisclosureItemPage.objects.get(pk=imported.pk).current_workflow_task_state
            with self.captureOnCommitCallbacks(execute=True):  # search indexing runs after the commit
                response = self.client.post(
                    reverse("wagtailadmin_pages:workflow_action", args=(imported.pk, "approve", state.pk)), DECISION
                )
            self.assertEqual(response.status_code, 302)
        imported.refresh_from_db()
        self.assertTrue(imported.live)
        self.assertTrue(imported.index_no.startswith(f"{ORG}/2024-"))
        self.assertTrue(SearchEntry.objects.filter(page_id=imported.pk).exists())

    def test_without_user_the_log_entries_have_no_user(self):
        out, _err = self.run_import(self.jsonl(RECORDS[:1]))
        self.assertIn("1 created", out)
        item = DisclosureItemPage.objects.get(title=TITLES[0])
        self.assertEqual(
            log_of(item), [("wagtail.create", None), ("wagtail.edit", None), ("wagtail.workflow.start", None)]
        )
        self.assertIsNone(item.owner)
        state = item.current_workflow_state
        self.assertEqual((state.status, state.requested_by), (WorkflowState.STATUS_IN_PROGRESS, None))

    def test_a_user_who_may_not_add_pages_is_refused_and_nothing_is_written(self):
        before = written()
        with self.assertRaisesMessage(
            CommandError, "reviewer may not add pages under “政府信息公开”; nothing was imported."
        ):
            self.run_import(self.jsonl(RECORDS), "--user", "reviewer")
        with self.assertRaisesMessage(CommandError, "Unknown user 'nobody'"):
            self.run_import(self.jsonl(RECORDS), "--user", "nobody")
        self.assertEqual(written(), before)

    def test_failed_records_exit_non_zero_and_the_valid_ones_are_kept_and_submitted(self):
        rows = [
            RECORDS[0],
            {"category": "zcfg", "title": "坏日期", "published": "2024-02-30"},
            RECORDS[1],
            {"category": "zcfg", "title": "未知主题", "published": "2024-01-02", "topic": "没有这个"},
        ]
        out, err = StringIO(), StringIO()
        path = self.jsonl(rows, name="mixed.jsonl")
        with (
            self.assertRaisesMessage(CommandError, "2 record(s) failed; the valid records were kept."),
            translation.override("en"),
        ):
            call_command(
                "gi_wagtail_import", str(path), "--create-categories", "--user", "editor", stdout=out, stderr=err
            )
        self.assertIn("2 created, 0 updated, 2 failed", out.getvalue())
        self.assertEqual([line.split(":")[1] for line in err.getvalue().splitlines()], ["2", "4"])
        self.assertEqual([item.title for item in self.items()], sorted(TITLES))
        for item in self.items():
            self.assertEqual(item.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        # A dry run with bad records exits non-zero too, and writes nothing.
        before = written()
        with self.assertRaisesMessage(CommandError, "2 record(s) would fail; nothing was written (--dry-run)."):
            self.run_import(path, "--dry-run")
        self.assertEqual(written(), before)

    def test_reimport_updates_the_drafts_and_keeps_one_review(self):
        path = self.jsonl(RECORDS)
        self.run_import(path, "--user", "editor")
        out, _err = self.run_import(
            self.jsonl([dict(RECORDS[0], body="更正后的名单。"), RECORDS[1]], name="again.jsonl"), "--user", "editor"
        )
        # The corrected record gets a new draft; the identical one is left alone (nothing new to review).
        self.assertIn("0 created, 1 updated, 0 failed, 0 categories created, 1 unchanged (no new draft)", out)
        self.assertIn("none newly submitted for review", out)  # the changed item is under review already
        items = self.items()
        self.assertEqual(len(items), 2)
        self.assertEqual(DisclosureItemPage.objects.count(), 2)
        first = DisclosureItemPage.objects.get(title=TITLES[0])
        self.assertIn("更正后的名单", str(first.get_latest_revision_as_object().body))
        # Under review already: the new draft waits, as in the admin (only "Save draft" is offered).
        self.assertEqual(WorkflowState.objects.filter(object_id=str(first.pk)).count(), 1)
        self.assertEqual(
            [action for action, _user in log_of(first)],
            ["wagtail.create", "wagtail.edit", "wagtail.workflow.start", "wagtail.edit"],
        )
        self.assertFalse(first.live)
        second = DisclosureItemPage.objects.get(title=TITLES[1])
        self.assertEqual(
            [action for action, _user in log_of(second)], ["wagtail.create", "wagtail.edit", "wagtail.workflow.start"]
        )
        self.assertEqual(second.revisions.count(), 1)

        # Sent back for changes, a re-import resubmits the item to the same task.
        self.client.force_login(self.staff.reviewer)
        state = first.current_workflow_task_state
        response = self.client.post(
            reverse("wagtailadmin_pages:workflow_action", args=(first.pk, "reject", state.pk)),
            {"reason": "含个人隐私。", "reviewer_name": "李审查"},
        )
        self.assertEqual(response.status_code, 302)
        self.assertEqual(
            DisclosureItemPage.objects.get(pk=first.pk).current_workflow_state.status,
            WorkflowState.STATUS_NEEDS_CHANGES,
        )
        out, _err = self.run_import(path, "--user", "editor")
        self.assertIn("0 created, 1 updated, 0 failed, 0 categories created, 1 unchanged", out)
        self.assertIn("Saved as drafts; 1 page(s) submitted for review.", out)
        first = DisclosureItemPage.objects.get(pk=first.pk)
        self.assertEqual(first.current_workflow_state.status, WorkflowState.STATUS_IN_PROGRESS)
        self.assertEqual(first.current_workflow_task_state.task.name, "保密审查")
        self.assertEqual(log_of(first)[-1], ("wagtail.workflow.resume", "editor"))

        # Published by a manager: the same items, live, numbered, the reviews closed.
        out, _err = self.run_import(path, "--publish", "--user", "manager")
        self.assertIn("0 created, 2 updated", out)
        self.assertEqual(DisclosureItemPage.objects.count(), 2)
        for item in self.items():
            self.assertTrue(item.live)
            self.assertTrue(item.index_no.startswith(f"{ORG}/2024-"))
            self.assertIsNone(item.current_workflow_state)
            self.assertEqual(log_of(item)[-1][1], "manager")


class LiveItemDraftTests(ImportCase):
    def test_a_draft_import_never_changes_what_the_public_sees(self):
        self.run_import(self.jsonl(RECORDS), "--publish", "--user", "manager")
        live = DisclosureItemPage.objects.get(title=TITLES[0])
        number = live.index_no
        changed = [dict(RECORDS[0], body="新的兑付名单。", index_no=number), RECORDS[1]]
        out, _err = self.run_import(self.jsonl(changed, name="changed.jsonl"), "--user", "editor")
        self.assertIn("0 created, 1 updated, 0 failed, 0 categories created, 1 unchanged", out)
        item = DisclosureItemPage.objects.get(pk=live.pk)
        self.assertEqual((item.live, item.has_unpublished_changes, item.index_no), (True, True, number))
        self.assertIn("兑付企业名单", str(item.body))  # the live row keeps the published text
        self.assertIn("新的兑付名单", str(item.get_latest_revision_as_object().body))
        response = self.client.get(item.url)
        self.assertContains(response, "兑付企业名单")
        self.assertNotContains(response, "新的兑付名单")
        self.assertEqual(item.current_workflow_task_state.task.name, "保密审查")
        self.assertEqual(log_of(item)[-2:], [("wagtail.edit", "editor"), ("wagtail.workflow.start", "editor")])
        untouched = DisclosureItemPage.objects.get(title=TITLES[1])
        self.assertFalse(untouched.has_unpublished_changes)
        self.assertIsNone(untouched.current_workflow_state)


class PublishImportTests(ImportCase):
    def test_publish_needs_a_user_with_publish_permission_and_otherwise_writes_nothing(self):
        path = self.jsonl(RECORDS)
        before = written()
        with self.assertRaisesMessage(CommandError, "--publish needs --user"):
            self.run_import(path, "--publish")
        for username in ("editor", "reviewer"):
            with self.assertRaisesMessage(
                CommandError, f"{username} may not publish pages under “政府信息公开”; nothing was imported."
            ):
                self.run_import(path, "--publish", "--user", username)
        with self.assertRaisesMessage(CommandError, "--publish needs --user"):
            self.run_import(path, "--publish", "--dry-run")  # a dry run predicts the refusal
        self.assertEqual(written(), before)

        manager = self.staff.manager
        self.assertFalse(manager.is_superuser)  # the page permission policy decides, through the 信息公开管理员 group
        out, err = self.run_import(path, "--publish", "--user", "manager")
        self.assertEqual(err, "")
        self.assertIn("2 created, 0 updated, 0 failed, 1 categories created", out)
        self.assertIn("Published at once (--publish).", out)
        for item in self.items():
            self.assertTrue(item.live)
            self.assertFalse(item.has_unpublished_changes)
            self.assertTrue(item.index_no.startswith(f"{ORG}/2024-"))
            self.assertEqual(log_of(item), [("wagtail.create", "manager"), ("wagtail.publish", "manager")])
            self.assertIsNone(item.current_workflow_state)
            self.assertEqual(self.client.get(item.url).status_code, 200)
        category = CatalogueCategoryPage.objects.get(title="规划计划")
        self.assertTrue(category.live)
        self.assertEqual(
            log_of(category),
            [("wagtail.create", "manager"), ("wagtail.edit", "manager"), ("wagtail.publish", "manager")],
        )


class NoWorkflowImportTests(ImportCase):
    workflow = False

    def test_without_a_workflow_the_items_stay_unsubmitted_drafts(self):
        out, _err = self.run_import(self.jsonl(RECORDS), "--user", "editor")
        self.assertIn("2 created", out)
        self.assertIn("none newly submitted for review (no workflow applies", out)
        for item in self.items():
            self.assertFalse(item.live)
            self.assertIsNone(item.current_workflow_state)
            self.assertEqual(log_of(item), [("wagtail.create", "editor"), ("wagtail.edit", "editor")])
        self.assertFalse(WorkflowState.objects.exists())

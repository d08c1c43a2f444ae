"""gi_wagtail_setup_groups / gi_wagtail_setup_workflow: idempotent presets with the right permissions."""

from io import StringIO

from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import TestCase
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Workflow, WorkflowPage

from gi_wagtail.models import DisclosureIndexPage
from gi_wagtail.review.setup import EDITORS, MANAGERS, REVIEWERS
from tests.factories import add_item, build_catalogue
from tests.helpers import make_user


def page_codenames(group, page):
    return sorted(
        GroupPagePermission.objects.filter(group=group, page=page).values_list("permission__codename", flat=True)
    )


class GroupPresetTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        cls.other_index = cls.index.get_parent().add_child(
            instance=DisclosureIndexPage(title="乡镇信息公开", slug="xz", agency_name="高青县某镇人民政府")
        )

    def run_command(self, *args):
        out = StringIO()
        call_command(*args, stdout=out)
        return out.getvalue()

    def test_groups_created_with_page_permissions_on_every_root(self):
        output = self.run_command("gi_wagtail_setup_groups")
        self.assertIn("信息公开编辑", output)
        editors, reviewers, managers = (Group.objects.get(name=n) for n in (EDITORS, REVIEWERS, MANAGERS))
        for root in (self.index, self.other_index):
            self.assertEqual(page_codenames(editors, root), ["add_page", "change_page", "lock_page"])
            self.assertEqual(page_codenames(reviewers, root), [])
            self.assertIn("publish_page", page_codenames(managers, root))
        for group in (editors, reviewers, managers):
            self.assertTrue(group.permissions.filter(codename="access_admin").exists())

    def test_snippet_and_collection_permissions(self):
        self.run_command("gi_wagtail_setup_groups")
        editor = make_user("e", EDITORS)
        manager = make_user("m", MANAGERS)
        reviewer = make_user("r", REVIEWERS)
        self.assertTrue(editor.has_perm("gi_wagtail.view_organisation"))
        self.assertFalse(editor.has_perm("gi_wagtail.change_organisation"))
        self.assertTrue(manager.has_perm("gi_wagtail.delete_topicclass"))
        self.assertFalse(reviewer.has_perm("gi_wagtail.add_genre"))
        root = Collection.get_first_root_node()
        perms = lambda name: set(  # noqa: E731
            GroupCollectionPermission.objects.filter(group__name=name, collection=root).values_list(
                "permission__codename", flat=True
            )
        )
        self.assertIn("add_document", perms(EDITORS))
        self.assertNotIn("delete_document", perms(EDITORS))
        self.assertIn("delete_document", perms(MANAGERS))
        self.assertEqual(perms(REVIEWERS), {"choose_document", "choose_image"})

    def test_idempotent(self):
        self.run_command("gi_wagtail_setup_workflow")
        self.run_command("gi_wagtail_setup_groups")  # also creates 依申请公开经办人, which the workflow does not need
        counts = (
            Group.objects.count(),
            GroupPagePermission.objects.count(),
            GroupCollectionPermission.objects.count(),
            Workflow.objects.count(),
            WorkflowPage.objects.count(),
        )
        self.run_command("gi_wagtail_setup_workflow")
        self.run_command("gi_wagtail_setup_groups")
        self.assertEqual(
            counts,
            (
                Group.objects.count(),
                GroupPagePermission.objects.count(),
                GroupCollectionPermission.objects.count(),
                Workflow.objects.count(),
                WorkflowPage.objects.count(),
            ),
        )

    def test_workflow_assigned_to_chosen_root_only(self):
        output = self.run_command(
            "gi_wagtail_setup_workflow", "--root", str(self.other_index.pk), "--without-leader-sign-off"
        )
        workflow = Workflow.objects.get(name="信息公开发布审核")
        self.assertIn("保密审查", output)
        self.assertEqual([t.name for t in workflow.tasks], ["保密审查"])
        self.assertEqual(
            list(WorkflowPage.objects.filter(workflow=workflow).values_list("page_id", flat=True)),
            [self.other_index.pk],
        )
        self.assertEqual(page_codenames(Group.objects.get(name=EDITORS), self.index), [])

    def test_default_workflow_covers_items_under_every_root(self):
        self.run_command("gi_wagtail_setup_workflow")
        item = add_item(self.category, "某通知", publish=False)
        self.assertEqual([t.name for t in item.get_workflow().tasks], ["保密审查", "领导审签"])

    def test_bad_root_is_a_clear_error(self):
        with self.assertRaisesMessage(CommandError, str(self.category.pk)):
            self.run_command("gi_wagtail_setup_workflow", "--root", str(self.category.pk))
        with self.assertRaises(CommandError):
            self.run_command("gi_wagtail_setup_groups", "--root", "999999")

    def test_editor_can_create_items_but_not_touch_other_sites(self):
        self.run_command("gi_wagtail_setup_groups", "--root", str(self.index.pk))
        editor = make_user("e2", EDITORS)
        self.assertTrue(self.category.permissions_for_user(editor).can_add_subpage())
        self.assertFalse(self.category.permissions_for_user(editor).can_publish_subpage())
        self.assertFalse(self.other_index.permissions_for_user(editor).can_edit())

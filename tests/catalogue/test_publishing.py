"""The admin's save() and the bulk importer share one publishing implementation (catalogue.publishing).

The same item published both ways, under two agencies that number alike, ends up with the same
derived fields, agency, 索引号 and validity event.
"""

import json
import tempfile
from pathlib import Path
from unittest import mock

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from gi_wagtail.catalogue import publishing
from gi_wagtail.importing import Importer, read_records
from gi_wagtail.models import (
    CatalogueCategoryPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    Validity,
    ValidityEvent,
)
from tests.factories import build_catalogue

ORG = "11370322MB2851234X"
PATTERN = "{org_code}-{category_code}-{year}-{serial:04d}"  # the category's code too: both paths must find it


@override_settings(GI_WAGTAIL={**settings.GI_WAGTAIL, "INDEX_NUMBER_PATTERN": PATTERN})
class SamePublishingBothWaysTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.admin_index, cls.admin_category, cls.organisation = build_catalogue(org_code=ORG)
        home = cls.admin_index.get_parent()
        cls.import_index = home.add_child(
            instance=DisclosureIndexPage(
                title="另一个公开目录", slug="xxgk2", agency_name=cls.admin_index.agency_name, org_code=ORG
            )
        )
        cls.import_category = cls.import_index.add_child(
            instance=CatalogueCategoryPage(title="政策法规", slug="zcfg", code="04")
        )
        cls.user = get_user_model().objects.create_superuser("publisher", "publisher@example.invalid", "pw")

    def setUp(self):
        self.client.force_login(self.user)
        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)

    def publish_in_admin(self):
        data = nested_form_data(
            {
                "title": "关于废止旧办法的通知",
                "slug": "fzjbf",
                "organisation": self.organisation.pk,
                "published_on": "2024-05-06",
                "published_on_confirmed": "on",
                "doc_no": "高科发 （2024） 3号",
                "validity": "repealed",
                "disclosure_method": "proactive",
                "disclosure_scope": "public",
                "body": streamfield([]),
                "attachments": inline_formset([]),
                "action-publish": "publish",
            }
        )
        response = self.client.post(f"/admin/pages/add/gi_wagtail/disclosureitempage/{self.admin_category.pk}/", data)
        if response.status_code != 302:
            self.fail(response.context["form"].errors)
        return DisclosureItemPage.objects.get(slug="fzjbf")

    def import_in_bulk(self):
        path = Path(self._tmp.name) / "items.jsonl"
        record = {
            "category": "政策法规",
            "title": "关于废止旧办法的通知",
            "published": "2024-05-06",
            "doc_no": "高科发 （2024） 3号",
            "validity": "废止",
            "organisation": self.organisation.name,
        }
        path.write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
        # The bulk path, not its page-by-page fallback (which goes through save()).
        with (
            self.captureOnCommitCallbacks(execute=True),
            mock.patch.object(Importer, "_create_one", side_effect=AssertionError("bulk path not taken")),
        ):
            result = Importer(root=self.import_index, user=self.user, publish=True).run(read_records(path))
        self.assertEqual((result.created, result.errors), (1, []))
        return DisclosureItemPage.objects.get(agency=self.import_index)

    @staticmethod
    def published_state(item):
        events = list(
            ValidityEvent.objects.filter(item=item).values_list(
                "old_status", "new_status", "effective_on", "user_id", "repealing_document"
            )
        )
        return {
            "doc_no_normalised": item.doc_no_normalised,
            "index_no": item.index_no,
            "validity": item.validity,
            "events": events,
        }

    def test_admin_save_and_bulk_import_publish_alike(self):
        by_admin, by_import = self.publish_in_admin(), self.import_in_bulk()
        self.assertEqual((by_admin.agency_id, by_import.agency_id), (self.admin_index.pk, self.import_index.pk))
        expected = {
            "doc_no_normalised": "高科发[2024]3号",
            "index_no": f"{ORG}-04-2024-0001",
            "validity": Validity.REPEALED,
            "events": [("", Validity.REPEALED, timezone.localdate(), self.user.pk, "")],
        }
        self.assertEqual(self.published_state(by_admin), expected)
        self.assertEqual(self.published_state(by_import), expected)

    def test_a_page_placed_but_not_yet_saved_numbers_with_its_category(self):
        # A live page inserted by add_child (the importer's page-by-page path) has no pk yet.
        item = DisclosureItemPage(title="直接发布", slug="zjfb", live=True, published_on=timezone.localdate())
        self.import_category.add_child(instance=item)
        self.assertEqual(item.index_no, f"{ORG}-04-{timezone.localdate().year}-0001")
        self.assertEqual(item.agency_id, self.import_index.pk)

    def test_prepare_leaves_drafts_and_numbered_items_alone(self):
        draft = DisclosureItemPage(title="草稿", slug="cg", live=False, doc_no="高科发【2024】1号")
        numbered = DisclosureItemPage(
            title="已有索引号", slug="yy", live=True, index_no="LEGACY-1", first_published_at=timezone.now()
        )
        publishing.prepare([draft, numbered], agency=self.import_index, categories=[self.import_category] * 2)
        self.assertEqual(
            (draft.index_no, draft.doc_no_normalised, draft.agency_id), ("", "高科发[2024]1号", self.import_index.pk)
        )
        self.assertEqual(numbered.index_no, "LEGACY-1")
        self.assertIsNone(publishing.validity_before(draft))
        self.assertEqual(publishing.validity_before(numbered), "")
        self.assertIsNone(publishing.record_validity(numbered, ""))  # a new valid item: no event

"""New items imported in bulk end up exactly as if each had been published in the admin."""

import json
import tempfile
from pathlib import Path
from unittest import mock

from django.db import connection
from django.test import TestCase
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.signals import page_published

from gi_wagtail.importing import Importer, read_records
from gi_wagtail.models import DisclosureItemPage, SearchEntry
from tests.factories import add_item, build_catalogue

ORG = "11370322MB2851234X"


def records(count, category="政策法规", **extra):
    return [
        {
            "category": category,
            "title": f"关于科技创新券第{i}批兑付的公示",
            "published": f"2024-03-{1 + i % 28:02d}",
            "body": f"第{i}批科技创新券兑付企业名单。",
            "organisation": "县科技局",
            "keywords": "科技创新券、兑付",
            **extra,
        }
        for i in range(count)
    ]


class BulkImportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue(org_code=ORG)
        cls.earlier = add_item(cls.category, "已有的一条信息")  # the new items go after it

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)

    def run_import(self, rows, publish=True, **options):
        path = Path(self._tmp.name) / "items.jsonl"
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
        published = []

        def receiver(sender, instance, **kwargs):
            published.append(instance.pk)

        page_published.connect(receiver)
        self.addCleanup(page_published.disconnect, receiver)
        with self.captureOnCommitCallbacks(execute=True):
            result = Importer(root=self.index, create_categories=True, publish=publish, **options).run(
                read_records(path)
            )
        return result, published

    def assert_published_like_the_admin(self, result, published, count):
        self.assertEqual((result.created, result.errors), (count, []))
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))  # paths, depths and numchild consistent
        items = DisclosureItemPage.objects.live().exclude(pk=self.earlier.pk).order_by("path")
        self.assertEqual(items.count(), count)
        self.assertLessEqual(set(items.values_list("pk", flat=True)), set(published))
        for item in items:
            self.assertEqual(item.live_revision_id, item.latest_revision_id)
            restored = item.live_revision.as_object()
            self.assertEqual((restored.title, restored.index_no), (item.title, item.index_no))
            self.assertEqual(sorted(t.name for t in restored.keywords.all()), ["兑付", "科技创新券"])
            self.assertEqual(sorted(t.name for t in item.keywords.all()), ["兑付", "科技创新券"])
            self.assertEqual(
                sorted(PageLogEntry.objects.filter(page=item).values_list("action", flat=True)),
                ["wagtail.create", "wagtail.publish"],
            )
            self.assertTrue(ReferenceIndex.get_references_to(self.organisation).filter(object_id=str(item.pk)).exists())
            self.assertEqual(item.agency_id, self.index.pk)
        response = self.client.get(items.last().url)
        self.assertContains(response, items.last().title)
        self.assertContains(response, items.last().index_no)
        return list(items)

    def test_new_items_get_tree_revision_log_references_keywords_and_index_numbers(self):
        result, published = self.run_import(records(30) + records(5, category="规划计划/年度计划"))
        items = self.assert_published_like_the_admin(result, published, 35)
        numbers = sorted(item.index_no for item in items)
        serials = sorted(int(n.rsplit("-", 1)[1]) for n in numbers)
        self.assertTrue(all(n.startswith(f"{ORG}/2024-") for n in numbers))
        self.assertEqual(len(set(serials)), 35)  # one sequence, no number given twice
        self.assertEqual(self.category.get_children().count(), 31)
        self.assertEqual(items[0].get_parent().pk, self.category.pk)
        self.assertGreater(items[0].path, self.earlier.path)
        # Indexed for search (InnoDB shows FULLTEXT matches only after COMMIT, so the entries are checked here;
        # tests/search covers matching).
        entries = SearchEntry.objects.filter(page_id__in=[item.pk for item in items])
        self.assertEqual(sorted(entries.values_list("index_no", flat=True)), numbers)

    def test_page_by_page_fallback_gives_the_same_result(self):
        with mock.patch.object(
            type(connection.features),
            "can_return_rows_from_bulk_insert",
            new_callable=mock.PropertyMock,
            return_value=False,
        ):
            result, published = self.run_import(records(12))
        self.assert_published_like_the_admin(result, published, 12)

    def test_allocated_numbers_skip_legacy_numbers_of_the_same_file(self):
        rows = records(3)
        rows[0]["index_no"] = f"{ORG}/2024-00002"  # would be the next serial
        result, _ = self.run_import(rows)
        self.assertEqual(result.errors, [])
        numbers = set(DisclosureItemPage.objects.exclude(pk=self.earlier.pk).values_list("index_no", flat=True))
        self.assertEqual(len(numbers), 3)
        self.assertIn(f"{ORG}/2024-00002", numbers)

    def test_a_bad_record_is_reported_on_its_line_and_the_rest_are_created(self):
        rows = records(4)
        rows[2]["written_on"] = "2024-12-31"  # written after it was published
        rows[3]["topic"] = "不存在的主题"
        result, _ = self.run_import(rows)
        self.assertEqual(result.created, 2)
        self.assertEqual([line for line, _ in result.errors], [3, 4])
        self.assertIn("成文日期", result.errors[0][1])
        self.assertEqual(Page.find_problems(), ([], [], [], [], []))

    def test_a_repeated_record_in_one_chunk_updates_the_item_created_for_it(self):
        rows = records(2)
        rows.append(dict(rows[0], body="更正后的名单。"))
        result, _ = self.run_import(rows)
        self.assertEqual((result.created, result.updated, result.errors), (2, 1, []))
        item = DisclosureItemPage.objects.get(title=rows[0]["title"])
        self.assertIn("更正后的名单", str(item.body))
        self.assertEqual(item.revisions.count(), 2)

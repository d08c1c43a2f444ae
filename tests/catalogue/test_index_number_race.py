import threading

from django.db import connections
from django.test import TransactionTestCase, override_settings

from gi_wagtail.models import DisclosureItemPage
from tests.factories import add_item, build_catalogue


# Stock Wagtail's database search index deadlocks on concurrent publishes on
# PostgreSQL (wagtailsearch_indexentry); this test is about 索引号 only.
@override_settings(
    WAGTAILSEARCH_BACKENDS={"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
)
class ConcurrentPublishTests(TransactionTestCase):
    """Two editors publishing at the same moment never get the same 索引号."""

    def test_racing_publishes_get_distinct_numbers(self):
        _, category, _ = build_catalogue(org_code="000014349")
        drafts = [add_item(category, f"并发条目{i}", publish=False) for i in range(6)]
        revisions = [draft.get_latest_revision() for draft in drafts]
        barrier = threading.Barrier(len(revisions))
        errors = []

        def publish(revision):
            try:
                barrier.wait(timeout=10)
                revision.publish()
            except Exception as exc:  # reported below; a lost publish is a failure
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=publish, args=(revision,)) for revision in revisions]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.assertEqual(errors, [])
        numbers = sorted(DisclosureItemPage.objects.values_list("index_no", flat=True))
        self.assertEqual(numbers, [f"000014349/2024-{n:05d}" for n in range(1, 7)])

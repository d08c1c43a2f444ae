"""Each change reaches Elasticsearch once: one bulk action per page, counted on the wire (osmem).

Publishing in the admin commits ``Page.save()`` on its own and sends ``page_published``
afterwards; the search receivers and the outbox must not turn that into two updates.
"""

import json
from collections import Counter

import pytest
from wagtail.models import Page

from gi_wagtail.models import CatalogueCategoryPage, SearchIndexBacklog
from gi_wagtail.search.base import SearchQuery
from gi_wagtail.search.elasticsearch.connection import PlainJsonNode
from gi_wagtail.search.embedded import storage
from tests.factories import add_item, build_catalogue, root_page

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def wire(monkeypatch):
    """Bulk actions sent to the cluster, as Counter({(op, page_id): n}), reset on each read."""
    actions = Counter()
    real = PlainJsonNode.perform_request

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if "_bulk" in target and body:
            for line in body.decode().splitlines():
                entry = json.loads(line)
                op = next(iter(entry))
                if op in ("index", "delete") and isinstance(entry[op], dict) and "_id" in entry[op]:
                    actions[op, int(entry[op]["_id"])] += 1
        return real(self, method, target, body=body, headers=headers, **kwargs)

    monkeypatch.setattr(PlainJsonNode, "perform_request", perform_request)

    def read():
        seen = Counter(actions)
        actions.clear()
        return seen

    return read


@pytest.fixture
def mirrored(monkeypatch):
    """Page ids written to the embedded (fallback) index, reset on each read."""
    written = Counter()
    real = storage.write

    def write(connection, model, docs):
        written.update(d.page_id for d in docs)
        return real(connection, model, docs)

    monkeypatch.setattr(storage, "write", write)

    def read():
        seen = Counter(written)
        written.clear()
        return seen

    return read


def test_each_change_reaches_the_cluster_once(es_settings, backend, wire, mirrored):
    root_page()
    index, category, organisation = build_catalogue()
    wire(), mirrored()

    item = add_item(category, "关于扬尘污染防治的通知", organisation=organisation)
    assert wire() == {("index", item.pk): 1}
    assert mirrored() == {item.pk: 1}
    assert [h.page_id for h in backend.search(SearchQuery("扬尘")).hits] == [item.pk]

    item.title = "关于扬尘污染防治工作的通知"
    item.save_revision().publish()
    assert wire() == {("index", item.pk): 1}
    assert mirrored() == {item.pk: 1}

    item.unpublish()
    assert wire() == {("delete", item.pk): 1}
    assert backend.search(SearchQuery("扬尘")).total == 0
    item.save_revision().publish()
    assert wire() == {("index", item.pk): 1}
    assert mirrored() == {item.pk: 1}

    other = index.add_child(instance=CatalogueCategoryPage(title="业务工作", slug="ywgz"))
    other.save_revision().publish()
    wire(), mirrored()
    item.refresh_from_db()
    item.move(other, pos="last-child")
    assert wire() == {("index", item.pk): 1}
    assert mirrored() == {item.pk: 1}
    assert [h.category for h in backend.search(SearchQuery("扬尘")).hits] == ["业务工作"]

    other.refresh_from_db()
    other.title = "业务工作动态"
    other.save_revision().publish()  # the item shows the category's title
    assert wire() == {("index", other.pk): 1, ("index", item.pk): 1}
    assert mirrored() == {other.pk: 1, item.pk: 1}

    Page.objects.get(pk=item.pk).delete()
    assert wire() == {("delete", item.pk): 1}
    assert backend.search(SearchQuery("扬尘")).total == 0
    assert SearchIndexBacklog.objects.count() == 0

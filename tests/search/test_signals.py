"""Index sync receivers: connected once, per page model, and each change reaches the index once."""

import weakref
from collections import Counter

import pytest
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from gi_wagtail.models import AnnualReportPage, CatalogueCategoryPage, DisclosureItemPage
from gi_wagtail.search import signals as search_signals
from gi_wagtail.search import tasks
from tests.factories import add_item, build_catalogue, root_page

SIGNALS = {
    "post_save": post_save,
    "post_delete": post_delete,
    "page_published": page_published,
    "page_unpublished": page_unpublished,
    "post_page_move": post_page_move,
}


def ours(signal):
    """(receiver, sender id) of every live gi_wagtail receiver of ``signal``."""
    found = []
    for (_receiver_id, sender_id), receiver, *_ in signal.receivers:
        if isinstance(receiver, (weakref.ref, weakref.WeakMethod)):
            receiver = receiver()
        if receiver is not None and getattr(receiver, "__module__", "").startswith("gi_wagtail"):
            found.append((receiver, sender_id))
    return found


@pytest.mark.parametrize("name", SIGNALS)
def test_every_receiver_has_a_sender(name):
    from django.dispatch.dispatcher import _make_id

    anyone = _make_id(None)
    assert ours(SIGNALS[name])
    assert [r for r, sender in ours(SIGNALS[name]) if sender == anyone] == []


def test_index_receivers_are_connected_per_page_model():
    from django.dispatch.dispatcher import _make_id

    for model in (Page, DisclosureItemPage, CatalogueCategoryPage, AnnualReportPage):
        for signal, receiver in (
            (post_save, search_signals._saved),
            (page_published, search_signals._published),
            (page_unpublished, search_signals._unpublished),
            (post_page_move, search_signals._moved),
        ):
            assert (receiver, _make_id(model)) in ours(signal), (model, receiver)
    assert (search_signals._deleted, _make_id(Page)) in ours(post_delete)


def test_connect_twice_connects_once():
    before = {name: len(signal.receivers) for name, signal in SIGNALS.items()}
    search_signals.connect()
    assert {name: len(signal.receivers) for name, signal in SIGNALS.items()} == before


@pytest.fixture
def synced(monkeypatch):
    """Page ids passed to sync_pages, one list per index update."""
    calls = []
    real = tasks.sync_pages

    def spy(page_ids, backend=None):
        calls.append(list(page_ids))
        return real(page_ids, backend)

    monkeypatch.setattr(tasks, "sync_pages", spy)

    def updates():
        counts = Counter(pk for ids in calls for pk in ids)
        calls.clear()
        return counts

    return updates


@pytest.mark.django_db(transaction=True)
def test_each_change_updates_the_index_once_in_autocommit(synced):
    """As in the admin (no ATOMIC_REQUESTS): Page.save() commits on its own, page_published comes after."""
    root_page()
    index, category, organisation = build_catalogue()
    synced()
    item = add_item(category, "关于扬尘污染防治的通知", organisation=organisation)
    assert synced() == {item.pk: 1}

    item.title = "关于扬尘污染防治工作的通知"
    item.save_revision().publish()
    assert synced() == {item.pk: 1}

    item.unpublish()
    assert synced() == {item.pk: 1}
    item.save_revision().publish()
    assert synced() == {item.pk: 1}

    other = index.add_child(instance=CatalogueCategoryPage(title="业务工作", slug="ywgz"))
    other.save_revision().publish()
    synced()
    item.refresh_from_db()
    item.move(other, pos="last-child")
    assert synced() == {item.pk: 1}

    other.refresh_from_db()
    other.title = "业务工作动态"
    other.save_revision().publish()  # the items below show its title
    assert synced() == {other.pk: 1, item.pk: 1}

    Page.objects.get(pk=item.pk).delete()
    assert synced() == {item.pk: 1}


@pytest.mark.django_db  # one transaction on every database (search_db commits on MySQL)
def test_each_change_updates_the_index_once_in_a_transaction(synced, django_capture_on_commit_callbacks):
    root_page()
    with django_capture_on_commit_callbacks(execute=True):
        _, category, organisation = build_catalogue()
    synced()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        item = add_item(category, "关于森林防火的通知", organisation=organisation)
        item.title = "关于森林防火工作的通知"
        item.save_revision().publish()
        category.refresh_from_db()
        category.save_revision().publish()
    assert synced() == {item.pk: 1, category.pk: 1}
    assert len([c for c in callbacks if c is tasks._queue_pending]) >= 1


@pytest.mark.django_db  # one transaction on every database (search_db commits on MySQL)
def test_a_rolled_back_transaction_leaves_nothing_behind(synced, django_capture_on_commit_callbacks):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        tasks.schedule([999_001])
        raise RuntimeError
    with django_capture_on_commit_callbacks(execute=True):
        tasks.schedule([999_002])
    assert synced() == {999_002: 1}


@pytest.mark.django_db  # one transaction on every database (search_db commits on MySQL)
def test_pages_scheduled_once_per_page_and_transaction(django_capture_on_commit_callbacks):
    sent = []

    def record(sender, page_ids, action, **kwargs):
        sent.append((list(page_ids), action))

    tasks.pages_scheduled.connect(record, sender=Page)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert tasks.schedule([3, 1, 1]) == [1, 3]
            assert tasks.schedule([1, 2], action="delete") == [2]
            assert tasks.schedule([2]) == []
        with tasks.batched_updates():
            assert tasks.schedule([5]) == [5]
            assert tasks.schedule([5, 6]) == [6]
    finally:
        tasks.pages_scheduled.disconnect(record, sender=Page)
    assert sent == [([1, 3], "index"), ([2], "delete"), ([5], "index"), ([6], "index")]


@pytest.mark.django_db  # one transaction on every database (search_db commits on MySQL)
def test_published_without_a_save_indexes_the_page(synced, django_capture_on_commit_callbacks):
    """The bulk importer creates pages with bulk_create (no post_save) and sends page_published."""
    root_page()
    with django_capture_on_commit_callbacks(execute=True):
        _, category, _ = build_catalogue()
        item = add_item(category, "关于防汛工作的通知", publish=False)
    synced()
    DisclosureItemPage.objects.filter(pk=item.pk).update(live=True)
    with django_capture_on_commit_callbacks(execute=True):
        page_published.send(sender=DisclosureItemPage, instance=item)
    assert synced() == {item.pk: 1}

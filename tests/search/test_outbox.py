"""The embedded backend's outbox, health check and repair, in one process.

The task backend that never runs its tasks (django-tasks' dummy backend) stands for a worker that
died with its queue: the pages commit, their index update never runs. (The kill tests,
``test_outbox_kill``, kill real processes.)
"""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings
from wagtail.models import Page

from gi_wagtail.models import SearchEntry, SearchIndexBacklog
from gi_wagtail.search import documents, outbox
from gi_wagtail.search.base import SearchQuery
from gi_wagtail.search.embedded.health import check, repair
from tests.factories import add_item

LOST_WORKER = override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})


def health(*args):
    """(exit code, output) of gi_wagtail_search_health."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("gi_wagtail_search_health", *args, stdout=out)
    except CommandError as exc:
        return 1, out.getvalue() + str(exc)
    return 0, out.getvalue()


def found(backend, title):
    return [h.page_id for h in backend.search(SearchQuery(title)).hits]


@pytest.fixture
def site(catalogue, publish):
    """The catalogue, with its index consistent to start with."""
    repair()
    assert check().ok
    return catalogue


def test_the_outbox_row_commits_or_rolls_back_with_the_change(site, backend, publish):
    _, category, organisation = site
    with pytest.raises(RuntimeError), transaction.atomic():
        rolled_back = add_item(category, "关于秸秆禁烧的通告", organisation=organisation)
        assert SearchIndexBacklog.objects.filter(page_id=rolled_back.pk).exists()  # written in the transaction
        raise RuntimeError
    assert not SearchIndexBacklog.objects.exists()

    item = publish(add_item, category, "关于秸秆禁烧的通告", organisation=organisation)
    assert found(backend, "秸秆禁烧") == [item.pk]
    assert not SearchIndexBacklog.objects.exists()  # applied and deleted after the commit


def test_updates_whose_task_never_ran_are_reported_and_drained(site, backend, publish):
    _, category, organisation = site
    with LOST_WORKER:
        item = publish(add_item, category, "关于秸秆禁烧的通告", organisation=organisation)
        other = publish(add_item, category, "关于森林防火的通告", organisation=organisation)
        publish(Page.objects.get(pk=other.pk).specific.unpublish)
    assert found(backend, "秸秆禁烧") == []
    assert set(SearchIndexBacklog.objects.values_list("page_id", flat=True)) == {item.pk, other.pk}

    code, out = health()
    assert code == 1
    assert "missing:   1 pages" in out and f"ids {item.pk}" in out
    assert "backlog:   2 pages pending" in out

    code, out = health("--drain")
    assert code == 0, out
    assert "healthy" in out
    assert found(backend, "秸秆禁烧") == [item.pk]
    assert found(backend, "森林防火") == []
    assert not SearchIndexBacklog.objects.exists()


def test_the_next_change_drains_what_an_earlier_crash_left(site, backend, publish):
    _, category, organisation = site
    with LOST_WORKER:
        lost = publish(add_item, category, "关于秸秆禁烧的通告", organisation=organisation)
    publish(add_item, category, "关于森林防火的通告", organisation=organisation)
    assert found(backend, "秸秆禁烧") == [lost.pk]
    assert check().ok


def test_differences_without_outbox_rows_are_found_and_repaired(site, backend, publish):
    """Pages changed behind the application's back (or lost before the outbox existed)."""
    _, category, organisation = site
    missing = publish(add_item, category, "关于秸秆禁烧的通告", organisation=organisation)
    stale = publish(add_item, category, "关于森林防火的通告", organisation=organisation)
    outdated = publish(add_item, category, "关于防汛工作的通知", organisation=organisation)
    SearchEntry.objects.filter(page_id=missing.pk).delete()
    Page.objects.filter(pk=stale.pk).update(live=False)
    Page.objects.filter(pk=outdated.pk).update(title="关于防汛抗旱工作的通知")
    SearchEntry.objects.filter(page_id=outdated.pk).update(
        indexed_at=datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)
    )

    h = check()
    assert (h.missing, h.extra, h.outdated, h.backlog) == ([missing.pk], [stale.pk], [outdated.pk], 0)
    code, out = health()
    assert code == 1
    assert "stale:     1 pages" in out and "outdated:  1 pages" in out

    result, differing = repair()
    assert differing == 3
    assert found(backend, "秸秆禁烧") == [missing.pk]
    assert found(backend, "森林防火") == []
    assert found(backend, "防汛抗旱") == [outdated.pk]
    assert check().ok


def test_a_page_that_cannot_be_indexed_keeps_its_row_and_holds_up_no_other(site, backend, publish, monkeypatch):
    _, category, organisation = site
    with LOST_WORKER:
        bad = publish(add_item, category, "关于秸秆禁烧的通告", organisation=organisation)
        good = publish(add_item, category, "关于森林防火的通告", organisation=organisation)
    real = documents.documents_for_ids

    def failing(ids):
        ids = list(ids)
        if bad.pk in ids:
            raise ValueError("broken block")
        return real(ids)

    monkeypatch.setattr(documents, "documents_for_ids", failing)
    result = outbox.drain()
    assert (result.failed, result.remaining) == (1, 1)
    assert found(backend, "森林防火") == [good.pk]
    row = SearchIndexBacklog.objects.get()
    assert (row.page_id, row.attempts, row.last_error) == (bad.pk, 1, "ValueError: broken block")
    assert row.next_attempt_at is not None
    assert outbox.drain().remaining == 1  # waits for its retry delay
    code, out = health()
    assert code == 1 and "last error: ValueError: broken block" in out

    monkeypatch.setattr(documents, "documents_for_ids", real)
    code, out = health("--drain")  # ignores the delay
    assert code == 0, out
    assert found(backend, "秸秆禁烧") == [bad.pk]

    # Failed again, then changed again: the change's update covers the row waiting for its retry.
    monkeypatch.setattr(documents, "documents_for_ids", failing)
    with LOST_WORKER:
        publish(bad.save_revision().publish)
    assert outbox.drain().failed == 1
    monkeypatch.setattr(documents, "documents_for_ids", real)
    publish(bad.save_revision().publish)
    assert not SearchIndexBacklog.objects.exists()


def test_dashboard_panel_shows_the_difference_and_repairs_it(site, backend, publish, client, django_user_model):
    _, category, organisation = site
    with LOST_WORKER:
        item = publish(add_item, category, "关于秸秆禁烧的通告", organisation=organisation)
    editors = Group.objects.create(name="后台用户")
    editors.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    editor = django_user_model.objects.create_user("editor", "editor@example.invalid", "x")
    editor.groups.add(editors)
    client.force_login(editor)
    assert "gi-wagtail/search-index/repair/" not in client.get("/admin/").content.decode()
    client.post("/admin/gi-wagtail/search-index/repair/")  # refused (Wagtail turns the 403 into a redirect)
    assert found(backend, "秸秆禁烧") == []

    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.invalid", "x"))
    page = client.get("/admin/").content.decode()
    h = check()
    assert f"{h.indexed} / {h.expected}" in page and h.indexed == h.expected - 1
    assert "gi-wagtail/search-index/repair/" in page
    response = client.post("/admin/gi-wagtail/search-index/repair/")
    assert response.status_code == 302
    assert found(backend, "秸秆禁烧") == [item.pk]
    page = client.get("/admin/").content.decode()
    assert "gi-wagtail/search-index/repair/" not in page  # healthy: no button


@pytest.mark.django_db(transaction=True)
def test_drains_take_turns():
    """A drain waits while another holds the outbox (so it cannot write older documents over newer ones)."""
    import threading

    from django.db import connection

    outbox.enqueue([999_001])
    holding, release, finished = threading.Event(), threading.Event(), threading.Event()

    def hold():
        try:
            with outbox.exclusive():
                holding.set()
                release.wait(30)
        finally:
            connection.close()

    def drain():
        try:
            outbox.drain()
            finished.set()
        finally:
            connection.close()

    first = threading.Thread(target=hold)
    first.start()
    assert holding.wait(30)
    second = threading.Thread(target=drain)
    second.start()
    try:
        assert not finished.wait(1.5)  # waiting for the lock
        assert SearchIndexBacklog.objects.filter(page_id=999_001).exists()
    finally:
        release.set()
        first.join(30)
        second.join(60)
    assert finished.is_set()
    assert not SearchIndexBacklog.objects.exists()

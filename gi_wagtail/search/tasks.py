"""Index updates as django-tasks tasks (the immediate backend runs them at once)."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db import connection, transaction
from django_tasks import task
from wagtail.models import Page

from gi_wagtail.search.base import get_backend
from gi_wagtail.search.documents import documents_for_ids, searchable_ids

# Pages whose documents are built and written together (bounded memory for big subtrees).
BATCH = 500


def sync_pages(page_ids: list[int], backend=None) -> dict:
    """Bring the index in line with the current state of these pages.

    Works in batches with a fixed number of queries each, so an importer can
    call it once per chunk of freshly created pages.
    """
    backend = backend or get_backend()
    if hasattr(backend, "sync_pages"):  # a backend with its own delivery (Elasticsearch: outbox + retries)
        return backend.sync_pages(page_ids)
    ids = list(dict.fromkeys(int(i) for i in page_ids))
    indexed = removed = 0
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        keep = searchable_ids(chunk)
        docs = documents_for_ids([pk for pk in chunk if pk in keep])
        found = {d.page_id for d in docs}
        gone = [pk for pk in chunk if pk not in found]
        backend.index(docs)
        backend.delete(gone)
        indexed, removed = indexed + len(docs), removed + len(gone)
    return {"indexed": indexed, "removed": removed}


@task()
def update_search_index(page_ids: list[int]) -> dict:
    return sync_pages(page_ids)


def subtree_ids(page: Page) -> list[int]:
    return list(Page.objects.filter(path__startswith=page.path).values_list("pk", flat=True))


_batch = threading.local()


@contextmanager
def batched_updates():
    """Collect the updates scheduled inside the block and schedule them as one task when it ends
    (a bulk import publishes hundreds of pages per transaction)."""
    outer = getattr(_batch, "ids", None)
    _batch.ids = set() if outer is None else outer
    try:
        yield
    finally:
        if outer is None:
            ids, _batch.ids = _batch.ids, None
            schedule(ids)


def schedule(page_ids) -> None:
    """Enqueue an index update once the current transaction has committed."""
    ids = sorted(set(int(i) for i in page_ids))
    if not ids:
        return
    if getattr(_batch, "ids", None) is not None:
        _batch.ids.update(ids)
        return
    if connection.in_atomic_block:
        transaction.on_commit(lambda: update_search_index.enqueue(ids), robust=True)
    else:
        update_search_index.enqueue(ids)

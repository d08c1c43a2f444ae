"""Index updates as django-tasks tasks (the immediate backend runs them at once)."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django.db import connection, transaction
from django_tasks import task
from wagtail.models import Page

from .base import get_backend
from .documents import document_for, is_searchable


def sync_pages(page_ids: list[int], backend=None) -> dict:
    """Bring the index in line with the current state of these pages."""
    backend = backend or get_backend()
    if hasattr(backend, "sync_pages"):  # a backend with its own delivery (Elasticsearch: outbox + retries)
        return backend.sync_pages(page_ids)
    pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids)}
    docs, gone = [], []
    for pk in page_ids:
        page = pages.get(pk)
        if page is not None and is_searchable(page):
            docs.append(document_for(page))
        else:
            gone.append(pk)
    backend.index(docs)
    backend.delete(gone)
    return {"indexed": len(docs), "removed": len(gone)}


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

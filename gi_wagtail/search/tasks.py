"""Index updates as django-tasks tasks (the immediate backend runs them at once)."""

from __future__ import annotations

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


def schedule(page_ids) -> None:
    """Enqueue an index update once the current transaction has committed."""
    ids = sorted(set(int(i) for i in page_ids))
    if not ids:
        return
    if connection.in_atomic_block:
        transaction.on_commit(lambda: update_search_index.enqueue(ids), robust=True)
    else:
        update_search_index.enqueue(ids)

"""Index updates as django-tasks tasks (the immediate backend runs them at once).

``schedule(ids)`` is called by ``gi_wagtail.search.signals`` inside the transaction that
changes the pages. However many times a page is scheduled in one transaction (a publish
saves the page and then sends ``page_published``), it is re-indexed once, after the commit.

``pages_scheduled`` writes each page to the outbox (``gi_wagtail.search.outbox``) inside that
transaction; the task after the commit drains the outbox, so a crash in between delays the
update until the next drain instead of losing it.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from django.db import connection, transaction
from django.dispatch import Signal
from django_tasks import task
from wagtail.models import Page

from gi_wagtail.search import outbox
from gi_wagtail.search.base import SearchBackend, get_backend

# Sent (sender=Page, page_ids, action) inside the transaction that changes the pages, once per
# page and transaction, before the update is queued: a backend with an outbox records it here.
pages_scheduled = Signal()


def sync_pages(page_ids: Iterable[int], backend: SearchBackend | None = None) -> dict[str, Any]:
    """Bring the index in line with the current state of these pages.

    Works in batches with a fixed number of queries each, so an importer can
    call it once per chunk of freshly created pages.
    """
    backend = backend or get_backend()
    if hasattr(backend, "sync_pages"):  # a backend with its own delivery (Elasticsearch: outbox + retries)
        return backend.sync_pages(page_ids)
    return outbox.write_pages(page_ids, backend)


@task()
def update_search_index(page_ids: list[int]) -> dict[str, Any]:
    """After a commit: apply the outbox (``page_ids`` name the pages the commit changed; their rows,
    and any left by an earlier crash, are drained together)."""
    backend = get_backend()
    if hasattr(backend, "sync_pages"):  # Elasticsearch drains the outbox itself
        return sync_pages(page_ids, backend)
    result = outbox.drain(backend, sync=lambda ids: sync_pages(ids, backend))
    return {"indexed": result.indexed, "removed": result.deleted, "failed": result.failed, "queued": result.remaining}


def subtree_ids(page: Page, inclusive: bool = True) -> list[int]:
    """Ids of the page's descendants (and of the page itself when ``inclusive``)."""
    pages = Page.objects.filter(path__startswith=page.path)
    if not inclusive:
        pages = pages.exclude(pk=page.pk)
    return list(pages.values_list("pk", flat=True))


_local = threading.local()


def _pending() -> set[int]:
    """Ids waiting for the current transaction's commit (in a transaction only)."""
    pending = getattr(_local, "pending", None)
    # run_on_commit holds (savepoint ids, callback, robust) per on_commit() (what captureOnCommitCallbacks reads).
    if pending is None or not any(entry[1] is _queue_pending for entry in connection.run_on_commit):
        # Nothing will queue them: left by a transaction that was rolled back.
        pending = _local.pending = set()
    return pending


def _queue_pending() -> None:
    # Registered once per schedule() call: the first call after the commit queues them all.
    ids, _local.pending = getattr(_local, "pending", None) or set(), set()
    if ids:
        update_search_index.enqueue(sorted(ids))


def _queue(ids: list[int]) -> None:
    if not connection.in_atomic_block:
        update_search_index.enqueue(sorted(ids))
        return
    _pending().update(ids)
    transaction.on_commit(_queue_pending, robust=True)


@contextmanager
def batched_updates() -> Iterator[None]:
    """Collect the updates scheduled inside the block and schedule them as one task when it ends
    (a bulk import publishes hundreds of pages per transaction)."""
    outer = getattr(_local, "batch", None)
    _local.batch = set() if outer is None else outer
    # Inside the changing transaction, the outbox rows of the whole block go in one statement at its end.
    rows = outbox.buffered() if outer is None and connection.in_atomic_block else nullcontext()
    try:
        with rows:
            yield
    finally:
        if outer is None:
            ids, _local.batch = _local.batch, None
            if ids:
                _queue(sorted(ids))


def schedule(page_ids: Iterable[int], action: str = "index") -> list[int]:
    """Re-index these pages once the current transaction has committed (at once outside one).
    Returns the ids not already waiting for it (or for the end of ``batched_updates``)."""
    ids = sorted({int(i) for i in page_ids})
    if not ids:
        return []
    batch = getattr(_local, "batch", None)
    waiting = batch if batch is not None else _pending() if connection.in_atomic_block else set()
    new = [i for i in ids if i not in waiting]
    if new:
        pages_scheduled.send(sender=Page, page_ids=new, action=action)
    if batch is not None:
        batch.update(new)
    else:
        _queue(ids)
    return new

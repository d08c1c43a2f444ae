"""The search index outbox: no committed page change can miss the index.

``record`` (a receiver of ``tasks.pages_scheduled``, connected for every backend) writes one
``SearchIndexBacklog`` row per changed page inside the transaction that changes the pages. The rows
commit or roll back with the change, so a crash between the commit and the index update leaves them
behind, and the next drain applies them: after any later change, ``gi_wagtail_search_health --drain``
(cron) or the admin panel's button.

Elasticsearch delivers the rows itself (``gi_wagtail.search.elasticsearch.outbox``). Every other
backend, the embedded one first, is brought up to date by ``drain``, after each commit
(``tasks.update_search_index``): it reads a batch of rows, re-indexes their pages from the current
database state and deletes exactly the rows it read, all in one transaction. Drains take turns
(``exclusive``), so a drain that read older pages can never write after one that read newer ones.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError, connections, router, transaction
from django.utils import timezone

from gi_wagtail.search.backlog import SearchIndexBacklog
from gi_wagtail.search.base import SearchBackend
from gi_wagtail.search.documents import BATCH as DOCUMENT_BATCH
from gi_wagtail.search.documents import current_documents

logger = logging.getLogger(__name__)
BATCH = 500
MAX_BACKOFF = dt.timedelta(hours=1)
# How long a drain waits for another one to finish its batch before leaving the rows to the next drain.
LOCK_TIMEOUT = 30
LOCK_NAME = "gi_wagtail_search_outbox"
LOCK_KEY = 0x67695F6F7574  # PostgreSQL advisory lock key ("gi_out")

Sync = Callable[[list[int]], dict[str, Any]]


class DrainBusyError(Exception):
    """Another drain held the outbox for longer than ``LOCK_TIMEOUT`` seconds: the rows wait."""


@dataclass
class DrainResult:
    indexed: int = 0
    deleted: int = 0
    failed: int = 0
    remaining: int = 0
    error: str = ""


# --- writing rows (inside the changing transaction) ----------------------------------------------


def enqueue(page_ids: Iterable[int], action: str = "index") -> list[int]:
    """Record pending updates of these pages (call inside the transaction that changes them)."""
    ids = sorted({int(pk) for pk in page_ids})
    SearchIndexBacklog.objects.bulk_create([SearchIndexBacklog(page_id=pk, action=action) for pk in ids])
    return ids


_local = threading.local()


def record(sender: Any, page_ids: list[int], action: str = "index", **kwargs: Any) -> None:
    buffer = getattr(_local, "buffer", None)
    if buffer is not None:
        buffer.extend(SearchIndexBacklog(page_id=int(pk), action=action) for pk in page_ids)
    else:
        enqueue(page_ids, action)


@contextmanager
def buffered(using: str | None = None) -> Iterator[None]:
    """Write the rows recorded inside the block in one statement when it ends. Use it only inside
    the transaction that changes the pages (``tasks.batched_updates`` does)."""
    if getattr(_local, "buffer", None) is not None:  # an outer block writes them
        yield
        return
    using = using or router.db_for_write(SearchIndexBacklog)
    _local.buffer = []
    try:
        yield
    except BaseException:
        rows, _local.buffer = _local.buffer, None
        # Most often the transaction rolls back now, rows and all; if the caller goes on and commits, the rows
        # must be there. A transaction already broken by the error cannot commit: nothing to keep then.
        if rows and not connections[using].needs_rollback:
            try:
                with transaction.atomic(using=using):
                    SearchIndexBacklog.objects.using(using).bulk_create(rows)
            except DatabaseError:
                pass
        raise
    rows, _local.buffer = _local.buffer, None
    if rows:
        SearchIndexBacklog.objects.using(using).bulk_create(rows)


# --- draining -----------------------------------------------------------------------------------


@contextmanager
def exclusive(using: str | None = None) -> Iterator[None]:
    """A transaction that no other drain runs beside (its first statement takes the lock, so on
    MySQL/MariaDB its snapshot starts after the previous drain's commit)."""
    using = using or router.db_for_write(SearchIndexBacklog)
    connection = connections[using]
    if connection.vendor == "mysql":  # a named lock of the session, held across the transaction
        with connection.cursor() as cursor:
            cursor.execute("SELECT GET_LOCK(%s, %s)", [LOCK_NAME, LOCK_TIMEOUT])
            if cursor.fetchone()[0] != 1:
                raise DrainBusyError
        try:
            with transaction.atomic(using=using):
                yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT RELEASE_LOCK(%s)", [LOCK_NAME])
        return
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # released by the commit
                deadline = time.monotonic() + LOCK_TIMEOUT
                while True:
                    cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY])
                    if cursor.fetchone()[0]:
                        break
                    if time.monotonic() > deadline:
                        raise DrainBusyError
                    time.sleep(0.05)
            else:  # SQLite: a write (of nothing) takes the database's one write lock until the commit
                table = connection.ops.quote_name(SearchIndexBacklog._meta.db_table)
                cursor.execute(f"UPDATE {table} SET attempts = attempts WHERE id < 0")
        yield


def backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(seconds=30 * 2 ** max(0, attempts - 1)), MAX_BACKOFF)


def write_pages(page_ids: Iterable[int], backend: SearchBackend) -> dict[str, Any]:
    """Bring ``backend`` in line with the current state of these pages, in batches with a fixed
    number of queries each (``gi_wagtail.search.tasks.sync_pages``)."""
    ids = list(dict.fromkeys(int(i) for i in page_ids))
    indexed = removed = 0
    for start in range(0, len(ids), DOCUMENT_BATCH):
        docs, gone = current_documents(ids[start : start + DOCUMENT_BATCH])
        backend.index(docs)
        backend.delete(gone)
        indexed, removed = indexed + len(docs), removed + len(gone)
    return {"indexed": indexed, "removed": removed}


def drain(
    backend: SearchBackend | None = None,
    *,
    force: bool = False,
    sync: Sync | None = None,
    limit: int | None = None,
) -> DrainResult:
    """Apply pending rows to ``backend`` (default: the configured one) in batches, oldest first.

    ``force`` ignores the retry delay of rows that failed before. A page whose update fails (its
    document cannot be built) keeps its row, with the error and a growing delay; the others go on.
    """
    if backend is None:
        from gi_wagtail.search.base import get_backend

        backend = get_backend()
    sync = sync or (lambda ids: write_pages(ids, backend))
    result, after, done = DrainResult(), 0, 0
    while limit is None or done < limit:
        size = BATCH if limit is None else min(BATCH, limit - done)
        with exclusive():
            now = timezone.now()
            pending = SearchIndexBacklog.objects.filter(id__gt=after)
            if not force:
                pending = pending.exclude(next_attempt_at__gt=now)
            rows = list(pending.order_by("id").values_list("id", "page_id")[:size])
            if not rows:
                break
            after, done = rows[-1][0], done + len(rows)
            page_ids = sorted({page_id for _, page_id in rows})
            if not force:  # rows of these pages waiting for a retry: this update covers them too
                rows += SearchIndexBacklog.objects.filter(page_id__in=page_ids, next_attempt_at__gt=now).values_list(
                    "id", "page_id"
                )
            failed = _apply(page_ids, sync, result)
            SearchIndexBacklog.objects.filter(id__in=[pk for pk, page_id in rows if page_id not in failed]).delete()
            if failed:
                _postpone([pk for pk, page_id in rows if page_id in failed], failed, now)
                result.failed += len(failed)
                result.error = next(iter(failed.values()))
    result.remaining = SearchIndexBacklog.objects.values("page_id").distinct().count()
    return result


def _apply(page_ids: list[int], sync: Sync, result: DrainResult) -> dict[int, str]:
    """Sync the pages, in a savepoint; when that fails, page by page. Returns {page id: error} of failures."""
    batches = [page_ids]
    failed: dict[int, str] = {}
    while batches:
        ids = batches.pop()
        try:
            with transaction.atomic(using=router.db_for_write(SearchIndexBacklog)):
                counts = sync(ids)
        except Exception as exc:
            if len(ids) > 1:
                batches.extend([pk] for pk in reversed(ids))
            else:
                logger.exception("Search index update of page %s failed", ids[0])
                failed[ids[0]] = f"{type(exc).__name__}: {exc}"[:500]
            continue
        result.indexed += counts.get("indexed", 0)
        result.deleted += counts.get("removed", 0)
    return failed


def _postpone(row_ids: list[int], failed: dict[int, str], now: dt.datetime) -> None:
    rows = list(SearchIndexBacklog.objects.filter(id__in=row_ids))
    for row in rows:
        row.attempts += 1
        row.last_attempt_at = now
        row.next_attempt_at = now + backoff(row.attempts)
        row.last_error = failed[row.page_id]
    SearchIndexBacklog.objects.bulk_update(rows, ["attempts", "last_attempt_at", "next_attempt_at", "last_error"])

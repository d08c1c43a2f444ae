"""Delivery to Elasticsearch through the ``SearchIndexBacklog`` outbox.

A change writes backlog rows inside its own transaction (``signals``) and never talks to
the cluster before committing, so it succeeds whether Elasticsearch is up or not. After
the commit ``sync`` (``ElasticsearchBackend.sync_pages``, called by
``gi_wagtail.search.tasks``) mirrors the pages into the fallback index and delivers the
backlog; rows that fail stay, with a growing retry delay, until a later change,
``gi_wagtail_search_health --drain`` or the admin panel's "Retry now".

Every function takes the backend to deliver to: ``backend.errors`` are the exceptions that
mean "the cluster failed, keep the rows".
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from gi_wagtail.search.backlog import SearchIndexBacklog
from gi_wagtail.search.base import SearchBackend
from gi_wagtail.search.documents import current_documents

logger = logging.getLogger(__name__)
MAX_BACKOFF = dt.timedelta(hours=1)
BATCH = 500


@dataclass
class DrainResult:
    indexed: int = 0
    deleted: int = 0
    failed: int = 0
    remaining: int = 0
    error: str = ""


def enqueue(page_ids: Iterable[int], action: str = "index") -> list[int]:
    """Record pending updates (call inside the transaction that changes the pages)."""
    ids = sorted({int(pk) for pk in page_ids})
    SearchIndexBacklog.objects.bulk_create([SearchIndexBacklog(page_id=pk, action=action) for pk in ids])
    return ids


def mirror(backend: SearchBackend, page_ids: Iterable[int]) -> None:
    """Bring another backend (the embedded fallback) in line with these pages."""
    docs, gone = current_documents(page_ids)
    if docs:
        backend.index(docs)
    if gone:
        backend.delete(gone)


def sync(backend: SearchBackend, page_ids: Iterable[int], fallback: SearchBackend | None = None) -> dict[str, Any]:
    """After commit: mirror to ``fallback``, make sure each page has a pending row, deliver."""
    ids = {int(pk) for pk in page_ids}
    if fallback is not None:
        mirror(fallback, ids)
    pending = set(SearchIndexBacklog.objects.filter(page_id__in=ids).values_list("page_id", flat=True))
    enqueue(ids - pending)
    result = drain_quietly(backend)
    return {"indexed": result.indexed, "removed": result.deleted, "queued": result.remaining, "error": result.error}


def drain_quietly(backend: SearchBackend) -> DrainResult:
    try:
        return drain(backend)
    except Exception as exc:  # never break the request that published
        logger.exception("Draining the search backlog failed")
        return DrainResult(error=type(exc).__name__)


def backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(seconds=30 * 2 ** max(0, attempts - 1)), MAX_BACKOFF)


def drain(backend: SearchBackend, *, force: bool = False, limit: int | None = None) -> DrainResult:
    """Send pending updates; ``force`` ignores retry delays. Returns what happened."""
    errors = getattr(backend, "errors", ())
    result = DrainResult()
    now = timezone.now()
    done = 0
    while limit is None or done < limit:
        pending = SearchIndexBacklog.objects.all()
        if not force:
            pending = pending.exclude(next_attempt_at__gt=now)
        rows = list(pending.order_by("id")[: BATCH if limit is None else min(BATCH, limit - done)])
        if not rows:
            break
        done += len(rows)
        # The current database state decides: live and public -> index, otherwise delete.
        docs, gone = current_documents(r.page_id for r in rows)
        try:
            result.indexed += backend.index(docs) if docs else 0
            result.deleted += backend.delete(gone) if gone else 0
        except errors as exc:
            result.failed += len(rows)
            result.error = f"{type(exc).__name__}: {exc}"[:500]
            for row in rows:
                row.attempts += 1
                row.last_attempt_at = now
                row.next_attempt_at = now + backoff(row.attempts)
                row.last_error = result.error
            SearchIndexBacklog.objects.bulk_update(
                rows, ["attempts", "last_attempt_at", "next_attempt_at", "last_error"]
            )
            break
        SearchIndexBacklog.objects.filter(pk__in=[r.pk for r in rows]).delete()
    result.remaining = SearchIndexBacklog.objects.values("page_id").distinct().count()
    return result

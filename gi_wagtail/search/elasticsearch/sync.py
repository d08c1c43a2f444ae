"""Keep the index in step with publishing, through the ``SearchIndexBacklog`` outbox.

Publishing writes a backlog row in its own transaction and never talks to the
cluster before committing, so it succeeds whether Elasticsearch is up or not.
After the commit the backlog is drained; rows that fail stay, with a growing
retry delay, until a later publish, ``gi_wagtail_search_health --drain`` or the
admin panel drains them.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from ...conf import gi_settings

logger = logging.getLogger(__name__)
MAX_BACKOFF = dt.timedelta(hours=1)
BATCH = 500


def enabled() -> bool:
    return gi_settings.SEARCH_BACKEND == "elasticsearch"


def fallback_enabled() -> bool:
    from .connection import es_settings

    return bool(es_settings().get("FALLBACK", True))


def enqueue(page_ids, action: str = "index") -> None:
    from ...models import SearchIndexBacklog

    page_ids = [int(pk) for pk in page_ids]
    if not page_ids:
        return
    SearchIndexBacklog.objects.bulk_create([SearchIndexBacklog(page_id=pk, action=action) for pk in page_ids])
    if fallback_enabled():
        mirror_to_embedded(page_ids, action)
    transaction.on_commit(_drain_after_commit)


def mirror_to_embedded(page_ids, action: str = "index") -> None:
    """Keep the embedded (site database) index current too, in the same
    transaction: it is what public search falls back to during an outage."""
    from ..embedded import EmbeddedBackend
    from .sources import document_for

    docs, gone = [], set(page_ids)
    # A page being deleted cannot be loaded any more; it just goes.
    pages = Page.objects.filter(pk__in=page_ids).specific() if action == "index" else []
    for page in pages:
        doc = document_for(page)
        if doc is not None:
            docs.append(doc)
            gone.discard(page.pk)
    embedded = EmbeddedBackend()
    if docs:
        embedded.index(docs)
    if gone:
        embedded.delete(gone)


def _drain_after_commit() -> None:
    try:
        # A short timeout: an editor's publish must not hang on a stuck cluster.
        from .backend import ElasticsearchBackend
        from .connection import make_client

        drain(ElasticsearchBackend(make_client(request_timeout=3, max_retries=0)))
    except Exception:  # never break the request that published
        logger.exception("Draining the search backlog failed")


@dataclass
class DrainResult:
    indexed: int = 0
    deleted: int = 0
    failed: int = 0
    remaining: int = 0
    error: str = ""


def backoff(attempts: int) -> dt.timedelta:
    return min(dt.timedelta(seconds=30 * 2 ** max(0, attempts - 1)), MAX_BACKOFF)


def drain(backend=None, *, force: bool = False, limit: int | None = None) -> DrainResult:
    """Send pending updates; ``force`` ignores retry delays. Returns what happened."""
    from ...models import SearchIndexBacklog
    from .backend import CLUSTER_ERRORS, BulkIndexError, ElasticsearchBackend
    from .sources import document_for

    result = DrainResult()
    backend = backend or ElasticsearchBackend()
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
        page_ids = {r.page_id for r in rows}
        # The current database state decides: live and public -> index, otherwise delete.
        docs, gone = [], set(page_ids)
        for page in Page.objects.filter(pk__in=page_ids).specific():
            doc = document_for(page)
            if doc is not None:
                docs.append(doc)
                gone.discard(page.pk)
        try:
            result.indexed += backend.index(docs) if docs else 0
            result.deleted += backend.delete(gone) if gone else 0
        except (*CLUSTER_ERRORS, BulkIndexError) as exc:
            result.failed += len(rows)
            result.error = f"{type(exc).__name__}: {exc}"[:500]
            for row in rows:
                row.attempts += 1
                row.last_attempt_at = now
                row.next_attempt_at = now + backoff(row.attempts)
                row.last_error = result.error
            SearchIndexBacklog.objects.bulk_update(rows, ["attempts", "last_attempt_at", "next_attempt_at", "last_error"])
            break
        SearchIndexBacklog.objects.filter(pk__in=[r.pk for r in rows]).delete()
    result.remaining = SearchIndexBacklog.objects.count()
    return result


@receiver(page_published)
def _published(sender, instance, **kwargs):
    if enabled():
        enqueue([instance.pk])


@receiver(page_unpublished)
def _unpublished(sender, instance, **kwargs):
    if enabled():
        enqueue([instance.pk], "delete")


@receiver(post_page_move)
def _moved(sender, instance, **kwargs):
    if enabled():
        # Category and URL of the page and its descendants change.
        enqueue(instance.get_descendants(inclusive=True).values_list("pk", flat=True))


@receiver(post_delete)
def _deleted(sender, instance, **kwargs):
    if isinstance(instance, Page) and enabled():
        enqueue([instance.pk], "delete")

"""Keep the index in step with publishing, through the ``SearchIndexBacklog`` outbox.

Publishing writes backlog rows inside its own transaction and never talks to
the cluster before committing, so it succeeds whether Elasticsearch is up or
not. After the commit ``sync_pages`` (called by ``gi_wagtail.search.tasks``)
mirrors the pages into the embedded index and delivers the backlog; rows that
fail stay, with a growing retry delay, until a later publish,
``gi_wagtail_search_health --drain`` or the admin panel's "Retry now".
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

from gi_wagtail.conf import gi_settings

logger = logging.getLogger(__name__)
MAX_BACKOFF = dt.timedelta(hours=1)
BATCH = 500


def enabled() -> bool:
    return gi_settings.SEARCH_BACKEND == "elasticsearch"


def fallback_enabled() -> bool:
    from gi_wagtail.search.elasticsearch.connection import es_settings

    return bool(es_settings().get("FALLBACK", True))


def enqueue(page_ids, action: str = "index") -> list[int]:
    """Record pending updates (call inside the transaction that changes the pages)."""
    from gi_wagtail.models import SearchIndexBacklog

    page_ids = sorted({int(pk) for pk in page_ids})
    SearchIndexBacklog.objects.bulk_create([SearchIndexBacklog(page_id=pk, action=action) for pk in page_ids])
    return page_ids


def mirror_to_embedded(page_ids, action: str = "index") -> None:
    """Keep the embedded (site database) index current too: it is what public
    search falls back to during an outage."""
    from gi_wagtail.search.embedded import EmbeddedBackend
    from gi_wagtail.search.elasticsearch.sources import document_for

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


def quick_backend():
    """A backend whose requests give up fast: an editor's publish must not hang on a stuck cluster."""
    from gi_wagtail.search.elasticsearch.backend import ElasticsearchBackend
    from gi_wagtail.search.elasticsearch.connection import make_client

    return ElasticsearchBackend(make_client(request_timeout=3, max_retries=0))


def sync_pages(page_ids) -> dict:
    """Called after commit (``gi_wagtail.search.tasks``): mirror to the embedded
    index, make sure each page has a pending backlog row, then deliver."""
    from gi_wagtail.models import SearchIndexBacklog

    page_ids = {int(pk) for pk in page_ids}
    if fallback_enabled():
        mirror_to_embedded(page_ids)
    pending = set(SearchIndexBacklog.objects.filter(page_id__in=page_ids).values_list("page_id", flat=True))
    enqueue(page_ids - pending)
    result = drain_quietly()
    return {"indexed": result.indexed, "removed": result.deleted, "queued": result.remaining, "error": result.error}


def drain_quietly() -> "DrainResult":
    try:
        return drain(quick_backend())
    except Exception as exc:  # never break the request that published
        logger.exception("Draining the search backlog failed")
        return DrainResult(error=type(exc).__name__)


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
    from gi_wagtail.models import SearchIndexBacklog
    from gi_wagtail.search.elasticsearch.backend import CLUSTER_ERRORS, BulkIndexError, ElasticsearchBackend
    from gi_wagtail.search.elasticsearch.sources import document_for

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
    result.remaining = SearchIndexBacklog.objects.values("page_id").distinct().count()
    return result


# Rows are written inside the publishing transaction (the outbox); delivery
# happens after commit through gi_wagtail.search.tasks -> sync_pages.

def _queue(page_ids, action="index"):
    enqueue(page_ids, action)
    # Usually sync_pages delivers after commit; this covers signal order and
    # callers outside a transaction (then it runs at once). Nothing due -> no request.
    transaction.on_commit(drain_quietly, robust=True)


@receiver(page_published)
def _published(sender, instance, **kwargs):
    if enabled():
        _queue([instance.pk])


@receiver(page_unpublished)
def _unpublished(sender, instance, **kwargs):
    if enabled():
        _queue(instance.get_descendants(inclusive=True).values_list("pk", flat=True))


@receiver(post_page_move)
def _moved(sender, instance, **kwargs):
    if enabled():
        # Category and URL of the page and its descendants change.
        _queue(instance.get_descendants(inclusive=True).values_list("pk", flat=True))


@receiver(post_delete)
def _deleted(sender, instance, **kwargs):
    # Only the concrete Page row (deleting a specific page deletes both rows).
    if type(instance) is Page and enabled():
        if fallback_enabled():
            mirror_to_embedded([instance.pk], "delete")
        _queue([instance.pk], "delete")

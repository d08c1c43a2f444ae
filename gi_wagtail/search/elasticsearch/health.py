"""Cluster and backlog health, for the admin panel and ``gi_wagtail_search_health``."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)
_FAILURE_KEY = "gi_wagtail:elasticsearch:last_failure"


def record_failure(operation: str, exc: Exception) -> None:
    cache.set(_FAILURE_KEY, {"operation": operation, "error": f"{type(exc).__name__}: {exc}"[:300], "at": timezone.now()}, 7 * 86400)


@dataclass
class Health:
    reachable: bool = False
    cluster_status: str = ""
    alias: str = ""
    indices: list[str] = field(default_factory=list)
    indexed: int | None = None
    expected: int | None = None
    backlog: int = 0
    backlog_oldest: object = None
    backlog_error: str = ""
    last_failure: dict | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.reachable and bool(self.indices) and self.backlog == 0 and self.cluster_status != "red"


def check(backend=None) -> Health:
    from gi_wagtail.models import SearchIndexBacklog
    from gi_wagtail.search.elasticsearch.backend import CLUSTER_ERRORS, ElasticsearchBackend
    from gi_wagtail.search.elasticsearch.connection import make_client
    from gi_wagtail.search.elasticsearch.sources import count_documents

    health = Health()
    backlog = SearchIndexBacklog.objects.order_by("id")
    # Pages waiting (a page may have several rows; one delivery covers them all).
    health.backlog = backlog.values("page_id").distinct().count()
    first = backlog.first()
    if first:
        health.backlog_oldest = first.created_at
        health.backlog_error = backlog.exclude(last_error="").values_list("last_error", flat=True).last() or ""
    health.last_failure = cache.get(_FAILURE_KEY)
    health.expected = count_documents()
    try:
        backend = backend or ElasticsearchBackend(make_client(request_timeout=3, max_retries=0))
        health.alias = backend.alias
        health.cluster_status = str(backend.client.cluster.health().get("status", ""))
        health.reachable = True
        health.indices = backend.current_indices()
        health.indexed = backend.count()
    except CLUSTER_ERRORS as exc:
        health.error = f"{type(exc).__name__}: {exc}"[:300]
    return health

"""Cluster and backlog health, for the admin panel and ``gi_wagtail_search_health``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gi_wagtail.search.backlog import SearchIndexBacklog
from gi_wagtail.search.documents import count_documents
from gi_wagtail.search.elasticsearch.errors import CLUSTER_ERRORS, last_failure

if TYPE_CHECKING:
    from gi_wagtail.search.elasticsearch.backend import ElasticsearchBackend


@dataclass
class Health:
    reachable: bool = False
    cluster_status: str = ""
    alias: str = ""
    indices: list[str] = field(default_factory=list)
    indexed: int | None = None
    expected: int | None = None
    backlog: int = 0
    backlog_oldest: dt.datetime | None = None
    backlog_error: str = ""
    last_failure: dict | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.reachable and bool(self.indices) and self.backlog == 0 and self.cluster_status != "red"


def check(backend: ElasticsearchBackend) -> Health:
    """The health of ``backend``'s cluster and index, and of the outbox."""
    health = Health()
    backlog = SearchIndexBacklog.objects.order_by("id")
    # Pages waiting (a page may have several rows; one delivery covers them all).
    health.backlog = backlog.values("page_id").distinct().count()
    first = backlog.first()
    if first:
        health.backlog_oldest = first.created_at
        health.backlog_error = backlog.exclude(last_error="").values_list("last_error", flat=True).last() or ""
    health.last_failure = last_failure()
    health.expected = count_documents()
    health.alias = backend.alias
    try:
        health.cluster_status = str(backend.client.cluster.health().get("status", ""))
        health.reachable = True
        health.indices = backend.current_indices()
        health.indexed = backend.count()
    except CLUSTER_ERRORS as exc:
        health.error = f"{type(exc).__name__}: {exc}"[:300]
    return health

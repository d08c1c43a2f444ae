"""Cluster and backlog health, for the admin panel and ``gi_wagtail_search_health``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gi_wagtail.search.backlog import SearchIndexBacklog
from gi_wagtail.search.documents import count_documents, documents_for_ids, searchable_pages
from gi_wagtail.search.elasticsearch.breaker import search_breaker
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
    breaker: str = "closed"  # the public search circuit breaker: "closed", "open" or "half-open"
    error: str = ""

    @property
    def counts_match(self) -> bool:
        """False when the index does not hold one document per live page (e.g. a cluster restarted empty)."""
        return self.indexed == self.expected

    @property
    def ok(self) -> bool:
        return (
            self.reachable
            and bool(self.indices)
            and self.backlog == 0
            and self.cluster_status != "red"
            and self.counts_match
        )


@dataclass
class Difference:
    missing: list[int]  # live pages the index lacks
    extra: list[int]  # documents of pages that are not live any more


def difference(backend: ElasticsearchBackend) -> Difference:
    """Which pages the index lacks or holds in excess (reads every id: for when the counts differ)."""
    expected = set(searchable_pages().values_list("pk", flat=True))
    indexed = backend.indexed_ids()
    return Difference(missing=sorted(expected - indexed), extra=sorted(indexed - expected))


def repair(backend: ElasticsearchBackend, diff: Difference, batch: int = 500) -> int:
    """Index the missing pages and remove the extra documents; returns how many changed."""
    done = 0
    for start in range(0, len(diff.missing), batch):
        done += backend.index(documents_for_ids(diff.missing[start : start + batch]))
    return done + backend.delete(diff.extra)


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
    health.breaker = search_breaker(backend.alias).state()
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

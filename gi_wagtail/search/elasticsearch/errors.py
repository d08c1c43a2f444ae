"""Errors of the Elasticsearch backend, and the record of the last one (a leaf: imports nothing of ours)."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone
from elasticsearch import ApiError, TransportError

# Errors that mean "the cluster is unreachable or failing", not "bad input".
CLUSTER_ERRORS = (TransportError, ApiError)
FAILURE_KEY = "gi_wagtail:elasticsearch:last_failure"


class BulkIndexError(RuntimeError):
    def __init__(self, failures: list[dict]) -> None:
        self.failures = failures
        first = failures[0].get("error") if failures else None
        super().__init__(f"{len(failures)} document(s) failed to index; first error: {first}")


def record_failure(operation: str, exc: Exception) -> None:
    """Remember the last failure for a week (the health panel and command show it)."""
    cache.set(
        FAILURE_KEY,
        {"operation": operation, "error": f"{type(exc).__name__}: {exc}"[:300], "at": timezone.now()},
        7 * 86400,
    )


def last_failure() -> dict | None:
    return cache.get(FAILURE_KEY)

"""Client construction from ``GI_WAGTAIL["ELASTICSEARCH"]``."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import urllib3
from elastic_transport import ConnectionTimeout, Urllib3HttpNode
from elasticsearch import Elasticsearch

from gi_wagtail.search.elasticsearch.config import (  # noqa: F401  (the settings readers, also found here)
    ANALYZERS,
    alias_name,
    analyzer_name,
    check_settings,
    es_settings,
    host_urls,
    index_prefix,
)

_COMPAT_RE = re.compile(r"application/vnd\.elasticsearch\+([\w-]+);\s*compatible-with=\d+")
# Requests that give up fast: an editor's publish or the dashboard must not hang on a stuck cluster.
QUICK = {"request_timeout": 3, "max_retries": 0}

# (monotonic deadline, connect timeout) of the search running in this thread or task.
_budget: ContextVar[tuple[float, float] | None] = ContextVar("gi_wagtail_es_budget", default=None)


@contextmanager
def time_budget(total: float, connect: float) -> Iterator[None]:
    """Every request made inside shares ``total`` seconds (connect: at most ``connect`` each);
    once they are spent a request fails at once with ``ConnectionTimeout``."""
    token = _budget.set((time.monotonic() + total, connect))
    try:
        yield
    finally:
        _budget.reset(token)


class BudgetNode(Urllib3HttpNode):
    """The default HTTP node, keeping to the ``time_budget`` of the running search."""

    def perform_request(
        self, method: str, target: str, body: bytes | None = None, headers: Any = None, **kwargs: Any
    ) -> Any:
        budget = _budget.get()
        if budget is not None:
            deadline, connect = budget
            left = deadline - time.monotonic()
            if left <= 0:
                raise ConnectionTimeout("The search's time budget is spent")
            kwargs["request_timeout"] = urllib3.Timeout(connect=min(connect, left), read=left)
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


class PlainJsonNode(BudgetNode):
    """Sends ``application/json`` instead of the 8.x client's
    ``vnd.elasticsearch+json; compatible-with=8``, which OpenSearch and osmem reject."""

    def perform_request(
        self, method: str, target: str, body: bytes | None = None, headers: Any = None, **kwargs: Any
    ) -> Any:
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = _COMPAT_RE.sub(r"application/\1", headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


def make_client(**overrides: Any) -> Elasticsearch:
    """A client for the configured cluster. ``OPTIONS`` go to ``Elasticsearch()``;
    ``OPTIONS["plain_json"]`` (default True) keeps requests readable by OpenSearch-compatible
    engines, and Elasticsearch 8 accepts them too."""
    conf = es_settings()
    hosts = host_urls()
    options = dict(conf.get("OPTIONS") or {})
    plain = options.pop("plain_json", True)
    options.setdefault("request_timeout", 10)
    options.setdefault("max_retries", 1)
    options.setdefault("retry_on_timeout", True)
    options.update(overrides)
    options.setdefault("node_class", PlainJsonNode if plain else BudgetNode)
    return Elasticsearch(hosts, **options)

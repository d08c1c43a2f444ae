"""``GI_WAGTAIL["ELASTICSEARCH"]``, read and checked without importing the client libraries."""

from __future__ import annotations

import importlib.util
import re
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from gi_wagtail.conf import gi_settings

_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,100}$")
ANALYZERS = ("cjk", "smartcn", "ik")
# The optional extra: pip install gi-wagtail[elasticsearch]
PACKAGES = ("elasticsearch", "elasticsearch_dsl")


def es_settings() -> dict[str, Any]:
    conf = gi_settings.ELASTICSEARCH
    if not isinstance(conf, dict):
        raise ImproperlyConfigured('GI_WAGTAIL["ELASTICSEARCH"] must be a dict.')
    return conf


def analyzer_name() -> str:
    name = es_settings().get("ANALYZER") or "cjk"
    if name not in ANALYZERS:
        raise ImproperlyConfigured(
            f'GI_WAGTAIL["ELASTICSEARCH"]["ANALYZER"] must be one of {", ".join(ANALYZERS)}, not {name!r}.'
        )
    return name


def index_prefix() -> str:
    prefix = str(es_settings().get("INDEX_PREFIX") or "gi_wagtail")
    if not _PREFIX_RE.match(prefix):
        raise ImproperlyConfigured(
            'GI_WAGTAIL["ELASTICSEARCH"]["INDEX_PREFIX"] must be lowercase letters, digits, "_" or "-" '
            f"(Elasticsearch index names), not {prefix!r}."
        )
    return prefix


def host_urls() -> list[str]:
    hosts = es_settings().get("HOSTS") or ["http://127.0.0.1:9200"]
    if isinstance(hosts, str):
        hosts = [hosts]
    bad = (
        [h for h in hosts if not (isinstance(h, str) and h.startswith(("http://", "https://")))]
        if isinstance(hosts, (list, tuple))
        else [hosts]
    )
    if bad:
        raise ImproperlyConfigured(
            f'GI_WAGTAIL["ELASTICSEARCH"]["HOSTS"] must be URLs such as "https://es.example.gov.cn:9200", not {bad[0]!r}.'
        )
    return list(hosts)


def fallback_enabled() -> bool:
    """Keep the embedded index current too, for public search during an outage (default on)."""
    return bool(es_settings()["FALLBACK"])


def _seconds(key: str) -> float:
    value = es_settings().get(key)
    if not (isinstance(value, (int, float)) and not isinstance(value, bool) and value > 0):
        raise ImproperlyConfigured(f'GI_WAGTAIL["ELASTICSEARCH"]["{key}"] must be a positive number, not {value!r}.')
    return float(value)


def search_timeouts() -> tuple[float, float]:
    """(connect, total) seconds a public search may wait for the cluster before the fallback answers."""
    connect, total = _seconds("SEARCH_CONNECT_TIMEOUT"), _seconds("SEARCH_TIMEOUT")
    return min(connect, total), total


def breaker_settings() -> tuple[int, float]:
    """(failures in a row that open the breaker, 0 = off; cool-down seconds)."""
    failures = es_settings().get("BREAKER_FAILURES")
    if not isinstance(failures, int) or isinstance(failures, bool) or failures < 0:
        raise ImproperlyConfigured(
            f'GI_WAGTAIL["ELASTICSEARCH"]["BREAKER_FAILURES"] must be a whole number (0: off), not {failures!r}.'
        )
    return failures, _seconds("BREAKER_COOLDOWN")


def missing_packages() -> list[str]:
    """The client libraries that cannot be imported (found without importing them)."""
    missing = []
    for name in PACKAGES:
        try:
            found = importlib.util.find_spec(name) is not None
        except ImportError:  # an import hook refuses it
            found = False
        if not found:
            missing.append(name)
    return missing


def check_settings() -> list[str]:
    """Every problem with the Elasticsearch settings, for the system checks."""
    problems = []
    for read in (es_settings, analyzer_name, index_prefix, host_urls, search_timeouts, breaker_settings):
        try:
            read()
        except ImproperlyConfigured as exc:
            problems.append(str(exc))
            if read is es_settings:
                break
    return problems


def alias_name() -> str:
    """The alias every search reads; a rebuild points it at a fresh index."""
    return f"{index_prefix()}-pages"

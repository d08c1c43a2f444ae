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
    for read in (es_settings, analyzer_name, index_prefix, host_urls):
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

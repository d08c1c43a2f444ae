"""Client construction from ``GI_WAGTAIL["ELASTICSEARCH"]``."""

from __future__ import annotations

import re

from django.core.exceptions import ImproperlyConfigured
from elastic_transport import Urllib3HttpNode
from elasticsearch import Elasticsearch

from gi_wagtail.conf import gi_settings

_COMPAT_RE = re.compile(r"application/vnd\.elasticsearch\+([\w-]+);\s*compatible-with=\d+")
_PREFIX_RE = re.compile(r"^[a-z0-9][a-z0-9_\-]{0,100}$")
ANALYZERS = ("cjk", "smartcn", "ik")


class PlainJsonNode(Urllib3HttpNode):
    """Sends ``application/json`` instead of the 8.x client's
    ``vnd.elasticsearch+json; compatible-with=8``, which OpenSearch and osmem reject."""

    def perform_request(self, method, target, body=None, headers=None, **kwargs):
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = _COMPAT_RE.sub(r"application/\1", headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


def es_settings() -> dict:
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


def host_urls() -> list:
    hosts = es_settings().get("HOSTS") or ["http://127.0.0.1:9200"]
    if isinstance(hosts, str):
        hosts = [hosts]
    bad = [h for h in hosts if not (isinstance(h, str) and h.startswith(("http://", "https://")))] if isinstance(
        hosts, (list, tuple)) else [hosts]
    if bad:
        raise ImproperlyConfigured(
            f'GI_WAGTAIL["ELASTICSEARCH"]["HOSTS"] must be URLs such as "https://es.example.gov.cn:9200", not {bad[0]!r}.'
        )
    return list(hosts)


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


def make_client(**overrides) -> Elasticsearch:
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
    if plain:
        options.setdefault("node_class", PlainJsonNode)
    return Elasticsearch(hosts, **options)

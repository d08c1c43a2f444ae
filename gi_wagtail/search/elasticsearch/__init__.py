"""Elasticsearch backend for gi-wagtail (``GI_WAGTAIL["SEARCH_BACKEND"] = "elasticsearch"``).

Documents and queries go through the same Python analysis pipeline as the
embedded backend (NFKC, OpenCC t2s, 文号 terms, synonym expansion), so both
backends find the same things; Elasticsearch adds scale, aggregations and
highlighting.

The client libraries are an optional extra (``pip install gi-wagtail[elasticsearch]``):
importing this package does not import them; ``ElasticsearchBackend`` does.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ElasticsearchBackend"]


def __getattr__(name: str) -> Any:
    if name == "ElasticsearchBackend":
        from gi_wagtail.search.elasticsearch.backend import ElasticsearchBackend

        return ElasticsearchBackend
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

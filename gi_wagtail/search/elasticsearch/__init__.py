"""Elasticsearch backend for gi-wagtail (``GI_WAGTAIL["SEARCH_BACKEND"] = "elasticsearch"``).

Documents and queries go through the same Python analysis pipeline as the
embedded backend (NFKC, OpenCC t2s, 文号 terms, synonym expansion), so both
backends find the same things; Elasticsearch adds scale, aggregations and
highlighting.
"""

from gi_wagtail.search.elasticsearch.backend import ElasticsearchBackend

__all__ = ["ElasticsearchBackend"]

"""The elasticsearch-dsl document and the analysis settings of the pages index.

Text fields hold text already normalised in Python (NFKC, OpenCC t2s,
lowercase; see ``gi_wagtail.text.normalise``), so traditional and
simplified forms meet without any cluster plugin. Every facet or filter field
is ``keyword`` (or ``date`` for ``published``). Fields beyond the shared ones
(``report_year`` …) come from the registered document sources
(``gi_wagtail.search.documents.register(..., extra_fields=...)``).
"""

from __future__ import annotations

from elasticsearch_dsl import Date, Document, Index, Integer, Keyword, Text

from gi_wagtail.search.documents import extra_fields
from gi_wagtail.search.elasticsearch.config import alias_name, analyzer_name

# Per analyzer setting: (index-time analyzer, search-time analyzer).
TEXT_ANALYZERS = {
    "cjk": ("cjk", "cjk"),  # built in: character bigrams, no plugin needed
    "smartcn": ("smartcn", "smartcn"),  # analysis-smartcn plugin
    "ik": ("ik_max_word", "ik_smart"),  # elasticsearch-analysis-ik plugin
}
TEXT_FIELDS = ("title", "meta", "body", "attachment")


def text_field(name: str | None = None) -> Text:
    """A text field for the configured analyzer. With a word segmenter
    (smartcn, ik) a ``bigram`` sub-field keeps exact-substring matching."""
    name = name or analyzer_name()
    index_an, search_an = TEXT_ANALYZERS[name]
    # ``chars``: single characters (the standard analyzer), for the relaxed query
    # that runs when nothing matches exactly.
    chars = Text(analyzer="standard")
    if name == "cjk":
        return Text(analyzer="cjk", fields={"chars": chars})
    return Text(analyzer=index_an, search_analyzer=search_an, fields={"bigram": Text(analyzer="cjk"), "chars": chars})


class PageDocument(Document):
    """Fields shared by everything the backend indexes (one page = one document)."""

    page_id = Integer()
    kind = Keyword()
    # Searched (normalised text).
    title = Text(analyzer="cjk")
    meta = Text(analyzer="cjk")
    body = Text(analyzer="cjk")
    attachment = Text(analyzer="cjk")  # names and text of attached files
    docnos = Keyword()  # 文号 terms such as "#docno:2017:5"
    # Shown (original text).
    title_raw = Keyword(index=False, doc_values=False)
    body_raw = Text(index=False)
    attachments_raw = Text(index=False)
    url = Keyword(index=False, doc_values=False)
    doc_no = Keyword()
    index_no = Keyword()
    # Facets and filters.
    category = Keyword()
    year = Keyword()
    organisation = Keyword()
    topic = Keyword()
    genre = Keyword()
    validity = Keyword()
    published = Date()


def index_settings() -> dict:
    return {"number_of_shards": 1, "refresh_interval": "1s", "max_result_window": 10000}


def build_index(name: str) -> Index:
    """The concrete index ``name`` (not the alias) with mappings for the configured analyzer."""
    index = Index(name)
    index.settings(**index_settings())
    index.document(PageDocument)
    return index


def index_body() -> dict:
    """Settings and mappings sent when a new index is created."""
    body = build_index("tmp").to_dict()
    field = text_field().to_dict()
    props = body["mappings"]["properties"]
    for name in TEXT_FIELDS:
        props[name] = dict(field)
    for name, field_type in extra_fields().items():
        props.setdefault(name, {"type": field_type})
    return body


def searched_fields() -> dict[str, list[str]]:
    """Which fields a query phrase goes to: ``phrase`` fields match contiguous text
    (bigrams), ``words`` fields match segmented words (smartcn/ik only)."""
    # As the embedded backend's weights: title, then 文号/organisation, body, attached files.
    boosts = {"title": 6, "meta": 2, "body": 1, "attachment": 0.5}
    chars = [f"{f}.chars^{b}" for f, b in boosts.items()]
    if analyzer_name() == "cjk":
        return {"phrase": [f"{f}^{b}" for f, b in boosts.items()], "words": [], "chars": chars}
    return {
        "phrase": [f"{f}.bigram^{b}" for f, b in boosts.items()],
        "words": [f"{f}^{b}" for f, b in boosts.items()],
        "chars": chars,
    }


__all__ = ["PageDocument", "alias_name", "build_index", "index_body", "searched_fields"]

"""The backend-agnostic search interface.

A view, a command or the Wagtail backend builds a ``SearchQuery``; a backend
(embedded on the site database, or Elasticsearch) returns ``SearchResults``.
All input is validated here, so backends only ever see clean values.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone
from django.utils.module_loading import import_string

from gi_wagtail.conf import gi_settings
from gi_wagtail.search.analysis import ParsedQuery, parse_query

FACETS = ("category", "year", "organisation", "topic", "genre", "validity")
SORTS = ("relevance", "newest", "oldest")
MAX_PAGE = 500
MAX_PAGE_SIZE = 100
MAX_FILTER_VALUES = 20
MAX_VALUE_LENGTH = 100
MAX_SUGGESTIONS = 3


@dataclass
class SearchQuery:
    query: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    facets: tuple[str, ...] = FACETS
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    synonyms: bool = True

    def __post_init__(self) -> None:
        self.query = printable(self.query if isinstance(self.query, str) else "")[:1000]
        clean: dict[str, list[str]] = {}
        for name, values in (self.filters or {}).items():
            if name not in FACETS:
                continue
            if isinstance(values, (str, int)):
                values = [values]
            kept = []
            for value in list(values)[:MAX_FILTER_VALUES]:
                value = printable(str(value))[:MAX_VALUE_LENGTH]
                # ASCII digits only: str.isdigit() also accepts "²" and "①", which int() refuses.
                if name == "year" and not (value.isascii() and value.isdigit() and 1 <= int(value) <= 9999):
                    continue
                if value:
                    kept.append(value)
            if kept:
                clean[name] = kept
        self.filters = clean
        self.facets = tuple(f for f in self.facets if f in FACETS)
        if self.sort not in SORTS:
            self.sort = "relevance"
        self.page = _clamp(self.page, 1, MAX_PAGE, 1)
        self.page_size = _clamp(self.page_size, 1, MAX_PAGE_SIZE, 10)

    @property
    def parsed(self) -> ParsedQuery:
        return parse_query(self.query, synonyms=self.synonyms)

    @property
    def loose(self) -> ParsedQuery:
        return parse_query(self.query, synonyms=self.synonyms, loose=True)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def printable(text: str) -> str:
    """``text`` without NUL and other control or unassigned characters, trimmed."""
    return "".join(ch for ch in text if ch.isprintable()).strip()


def _clamp(value: object, low: int, high: int, default: int) -> int:
    try:
        value = int(value)
    except (TypeError, ValueError):
        return default
    return max(low, min(high, value))


@dataclass
class SearchDocument:
    """What a backend indexes for one page."""

    page_id: int
    title: str
    url: str = ""
    body: str = ""
    doc_no: str = ""
    index_no: str = ""
    category: str = ""
    organisation: str = ""
    topic: str = ""
    genre: str = ""
    validity: str = ""
    keywords: str = ""
    published: dt.datetime | None = None
    year: int | None = None
    # What the page is ("item", "report" …; see ``documents.register``) and fields
    # beyond these (indexed by Elasticsearch as its registered extra fields).
    kind: str = "page"
    extra: dict[str, Any] = field(default_factory=dict)
    # (file name or title, extracted text) of attached files, searched below the body.
    attachments: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    score: float
    doc_no: str = ""
    index_no: str = ""
    category: str = ""
    organisation: str = ""
    topic: str = ""
    genre: str = ""
    validity: str = ""
    published: dt.datetime | None = None
    title_highlight: str = ""  # safe HTML
    highlight: str = ""  # safe HTML
    # Matches some words of the query only (listed after every full match).
    partial: bool = False
    # The attached file whose text matched, when the page's own text did not.
    attachment: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.page_id,
            "title": self.title,
            "url": self.url,
            "index_no": self.index_no,
            "doc_no": self.doc_no,
            "category": self.category,
            "organisation": self.organisation,
            "topic": self.topic,
            "genre": self.genre,
            "validity": self.validity,
            "published": timezone.localtime(self.published).isoformat() if self.published else None,
            "score": round(self.score, 4),
            "title_highlight": self.title_highlight,
            "highlight": self.highlight,
            "partial": self.partial,
            "attachment": self.attachment,
        }


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    suggestions: list[str] = field(default_factory=list)
    # True when nothing matched exactly and the results match a looser query
    # (the characters of unknown words anywhere in the text).
    relaxed: bool = False
    # How many of ``total`` match only some words of the query (listed after the full matches).
    partial_total: int = 0
    engine: str = ""  # the backend that answered
    fallback: bool = False  # True when the configured backend failed and another one answered
    notice: str = ""  # a message for the visitor (e.g. why the results come from the fallback)
    cursor: list | None = None  # sort values of the last hit (Elasticsearch ``search_after``)

    @property
    def num_pages(self) -> int:
        return max(1, -(-self.total // self.query.page_size))

    def as_dict(self) -> dict[str, Any]:
        return {
            "query": self.query.query,
            "page": self.query.page,
            "page_size": self.query.page_size,
            "sort": self.query.sort,
            "filters": self.query.filters,
            "total": self.total,
            "num_pages": self.num_pages,
            "hits": [h.as_dict() for h in self.hits],
            "facets": {k: [{"value": v, "count": c} for v, c in vs] for k, vs in self.facets.items()},
            "suggestions": self.suggestions,
            "relaxed": self.relaxed,
            "partial_total": self.partial_total,
        }


class SearchBackend(ABC):
    """What every gi-wagtail search backend implements."""

    name = "base"

    @abstractmethod
    def search(self, query: SearchQuery) -> SearchResults: ...

    @abstractmethod
    def index(self, documents: Iterable[SearchDocument]) -> int:
        """Add or replace documents; returns how many were written."""

    @abstractmethod
    def delete(self, page_ids: Iterable[int]) -> int: ...

    @abstractmethod
    def clear(self) -> None: ...

    @abstractmethod
    def indexed_ids(self) -> set[int]: ...

    def count_matching(self, parsed: ParsedQuery, filters: dict[str, list[str]] | None = None) -> int:
        """How many documents match (used by ``suggest``)."""
        raise NotImplementedError

    # Primitives of the partial-match fallback (``gi_wagtail.search.relaxation``).

    def ranked_page_ids(
        self,
        parsed: ParsedQuery,
        filters: dict[str, list[str]],
        *,
        exclude: Iterable[int] = (),
        limit: int = 100,
    ) -> list[tuple[int, float]]:
        """(page id, score) of the best pages matching every group, best first; pages in
        ``exclude`` left out."""
        raise NotImplementedError

    def titles_for(self, page_ids: list[int]) -> dict[int, str]:
        """{page id: title} of these pages."""
        raise NotImplementedError

    def hits_for(self, ranked: list[tuple[int, float]], parsed: ParsedQuery) -> list[Hit]:
        """Hits of these (page id, score) pairs, in this order (missing pages skipped)."""
        raise NotImplementedError

    def facets_for(self, page_ids: list[int], facets: tuple[str, ...]) -> dict[str, list[tuple[str, int]]]:
        """Facet value counts over these pages."""
        raise NotImplementedError

    def suggest(self, parsed: ParsedQuery, filters: dict[str, list[str]] | None = None) -> list[str]:
        """Shorter queries that do find something (drop one word at a time), most results first."""
        if len(parsed.groups) < 2:
            return []
        found = []
        for i in range(len(parsed.groups)):
            reduced = parsed.without(i)
            n = self.count_matching(reduced, filters or {})
            if n:
                found.append((n, " ".join(g.text.strip() for g in reduced.groups)))
        found.sort(key=lambda x: -x[0])
        return [text for _, text in found[:MAX_SUGGESTIONS]]

    def close(self) -> None:  # noqa: B027  (optional hook: most backends hold nothing to close)
        pass


BACKENDS = {
    "embedded": "gi_wagtail.search.embedded.EmbeddedBackend",
    "elasticsearch": "gi_wagtail.search.elasticsearch.ElasticsearchBackend",
}
ELASTICSEARCH_MISSING = (
    "The Elasticsearch search backend needs the elasticsearch and elasticsearch-dsl packages: "
    "pip install gi-wagtail[elasticsearch]"
)


def get_backend(name: str | None = None, **options: Any) -> SearchBackend:
    """The configured backend (``GI_WAGTAIL["SEARCH_BACKEND"]``, default embedded), or the one
    named (an alias or a dotted path); ``options`` go to its constructor."""
    name = name or gi_settings.SEARCH_BACKEND or "embedded"
    path = BACKENDS.get(name, name)
    try:
        cls = import_string(path)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in ("elasticsearch", "elasticsearch_dsl", "elastic_transport"):
            raise ImproperlyConfigured(ELASTICSEARCH_MISSING) from exc
        raise ValueError(f"Unknown search backend {name!r}") from exc
    except ImportError as exc:
        raise ValueError(f"Unknown search backend {name!r}") from exc
    return cls(**options)

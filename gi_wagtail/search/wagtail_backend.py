"""A Wagtail search backend that finds Chinese words in pages.

    WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "gi_wagtail.search.wagtail_backend"}}

It is Wagtail's database backend for the site's database, except for page
searches (the admin page search, ``Page.objects.search()``): those use the
gi_wagtail analysis. Live public pages are found through the gi_wagtail index
(words inside unspaced text, traditional script, synonyms, 文号 forms); drafts
and private pages, which that index leaves out, are found by their title.
Searches of images, documents, snippets and users are unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Model, Q, QuerySet
from wagtail.models import Page
from wagtail.search.query import MATCH_ALL, PlainText

from gi_wagtail.search.analysis import parse_query
from gi_wagtail.search.embedded import EmbeddedBackend

MAX_IDS = 1000


class ChinesePageSearchMixin:
    def search(
        self,
        query: Any,
        model_or_queryset: type[Model] | QuerySet,
        fields: list[str] | None = None,
        operator: str | None = None,
        order_by_relevance: bool = True,
        **kwargs: Any,
    ) -> Any:
        queryset = _page_queryset(model_or_queryset)
        query = _text(query)
        if queryset is None or not isinstance(query, str) or fields:
            return super().search(
                query,
                model_or_queryset,
                fields=fields,
                operator=operator,
                order_by_relevance=order_by_relevance,
                **kwargs,
            )
        return self._chinese_search(query, queryset, order_by_relevance)

    def autocomplete(
        self,
        query: Any,
        model_or_queryset: type[Model] | QuerySet,
        fields: list[str] | None = None,
        operator: str | None = None,
        order_by_relevance: bool = True,
        **kwargs: Any,
    ) -> Any:
        queryset = _page_queryset(model_or_queryset)
        query = _text(query)
        if queryset is None or not isinstance(query, str) or fields:
            return super().autocomplete(
                query,
                model_or_queryset,
                fields=fields,
                operator=operator,
                order_by_relevance=order_by_relevance,
                **kwargs,
            )
        return self._chinese_search(query, queryset, order_by_relevance)

    def _chinese_search(self, query: str, queryset: QuerySet, order_by_relevance: bool) -> Any:
        parsed = parse_query(query)
        if not parsed:
            return super().search(MATCH_ALL, queryset.none(), order_by_relevance=False)
        backend = EmbeddedBackend()
        ranked = backend.match_page_ids(parsed, MAX_IDS) or backend.match_page_ids(
            parse_query(query, loose=True), MAX_IDS
        )
        title_match = Q()
        for group in parsed.groups:
            any_form = Q()
            for alt in group.alternatives:
                any_form |= Q(title__icontains=alt.surface) | Q(draft_title__icontains=alt.surface)
            title_match &= any_form
        seen = set(ranked)
        ranked += [pk for pk in queryset.filter(title_match).values_list("pk", flat=True)[:MAX_IDS] if pk not in seen]
        allowed = set(queryset.filter(pk__in=ranked).values_list("pk", flat=True))
        if order_by_relevance:
            ids = [pk for pk in ranked if pk in allowed]
        else:  # keep the queryset's own ordering
            ids = list(queryset.filter(pk__in=allowed).values_list("pk", flat=True))
        return RankedPageResults(queryset, ids)


class RankedPageResults:
    """Search results in a fixed order, with the parts of Wagtail's results API
    that the admin uses (slicing, count, facet, annotate_score)."""

    supports_facet = True

    def __init__(self, queryset: QuerySet, ids: list[int]) -> None:
        self.queryset = queryset
        self.ids = list(ids)
        self._score_field = None

    def count(self) -> int:
        return len(self.ids)

    def __len__(self) -> int:
        return len(self.ids)

    def _fetch(self, ids: list[int]) -> list[Page]:
        objects = self.queryset.in_bulk(ids)
        out = [objects[pk] for pk in ids if pk in objects]
        if self._score_field:
            for rank, obj in enumerate(out):
                setattr(obj, self._score_field, float(len(self.ids) - rank))
        return out

    def __iter__(self) -> Iterator[Page]:
        return iter(self._fetch(self.ids))

    def __getitem__(self, key: int | slice) -> Page | list[Page]:
        if isinstance(key, slice):
            return self._fetch(self.ids[key])
        return self._fetch([self.ids[key]])[0]

    def annotate_score(self, field_name: str) -> RankedPageResults:
        self._score_field = field_name
        return self

    def facet(self, field_name: str) -> dict[Any, int]:
        counts = {}
        for value in self.queryset.filter(pk__in=self.ids).values_list(field_name, flat=True):
            counts[value] = counts.get(value, 0) + 1
        return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


def _text(query: Any) -> Any:
    # The admin parses its query string into PlainText first.
    return query.query_string if isinstance(query, PlainText) else query


def _page_queryset(model_or_queryset: type[Model] | QuerySet) -> QuerySet | None:
    if isinstance(model_or_queryset, QuerySet):
        model, queryset = model_or_queryset.model, model_or_queryset
    else:
        model, queryset = model_or_queryset, None
    if not (isinstance(model, type) and issubclass(model, Page)):
        return None
    return queryset if queryset is not None else model.objects.all()


def SearchBackend(params: dict[str, Any]) -> Any:  # noqa: N802  (the name Wagtail looks up)
    from wagtail.search.backends.database import SearchBackend as DatabaseBackend

    stock = DatabaseBackend(params)
    cls = type(f"GiWagtail{type(stock).__name__}", (ChinesePageSearchMixin, type(stock)), {})
    return cls(params)

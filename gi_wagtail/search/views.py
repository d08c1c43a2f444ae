"""The public search page (HTML and ``?format=json``)."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gi_wagtail.conf import gi_settings
from gi_wagtail.search import querylog, suggestions
from gi_wagtail.search.base import FACETS, SORTS, SearchQuery, get_backend, printable
from gi_wagtail.search.documents import value_label
from gi_wagtail.security import public_cache
from gi_wagtail.security.ratelimit import ratelimit

logger = logging.getLogger(__name__)


def _facet_labels() -> dict[str, str]:
    return {
        "category": _("Category"),
        "year": _("Year"),
        "organisation": _("Organisation"),
        "topic": _("Topic"),
        "genre": _("Genre"),
        "validity": _("Validity"),
    }


def _sort_labels() -> dict[str, str]:
    return {"relevance": _("Relevance"), "newest": _("Newest first"), "oldest": _("Oldest first")}


def _params(request: HttpRequest) -> tuple[str, dict[str, list[str]], str, object]:
    max_len = gi_settings.SEARCH_MAX_QUERY_LENGTH
    max_len = max_len if isinstance(max_len, int) and max_len > 0 else 100
    q = printable(request.GET.get("q") or request.GET.get("query") or "")[:max_len]
    filters = {name: request.GET.getlist(name) for name in FACETS if request.GET.getlist(name)}
    sort = request.GET.get("sort", "relevance")
    return q, filters, sort if sort in SORTS else "relevance", request.GET.get("page", 1)


def _promotions(q: str, page_number: int) -> list[dict]:
    """Editors' picks for this query (first page only); records the hit."""
    if not q:
        return []
    if not querylog.enabled():  # the app is optional
        return []
    from wagtail.contrib.search_promotions.models import Query
    from wagtail.search.utils import normalise_query_string

    # Look up only: the anonymous query log (querylog.record) decides what is kept.
    query = Query.objects.filter(query_string=normalise_query_string(q)).first()
    if query is None:
        return []
    picks = []
    for pick in query.editors_picks.select_related("page").order_by("sort_order"):
        if pick.page_id and not (pick.page.live and pick.page.get_view_restrictions().count() == 0):
            continue
        picks.append({"title": pick.title, "url": pick.link, "description": pick.description})
    return picks


def _link(q: str, filters: dict[str, list[str]], sort: str, **changes: object) -> str:
    params = {"q": q, **{k: list(v) for k, v in filters.items()}, "sort": sort}
    params.update(changes)
    pairs = []
    for key, value in params.items():
        for v in value if isinstance(value, list) else [value]:
            if v in (None, "") or (key == "sort" and v == "relevance") or (key == "page" and v == 1):
                continue
            pairs.append((key, v))
    return "?" + urlencode(pairs)


def _json(data: dict, status: int = 200) -> HttpResponse:
    # <, > and & escaped too, so the JSON is safe even if sniffed as HTML.
    text = json.dumps(data, ensure_ascii=False, cls=DjangoJSONEncoder)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    response = HttpResponse(text, content_type="application/json; charset=utf-8", status=status)
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _cache_key(request: HttpRequest, query: SearchQuery) -> str | None:
    filters = sorted((name, sorted(values)) for name, values in query.filters.items())
    return public_cache.fragment_key(request, "search", query.query, filters, query.sort, query.page)


@require_GET
@ratelimit("gi_wagtail_search")
def search_view(request: HttpRequest) -> HttpResponse:
    q, filters, sort, page = _params(request)
    page_size = gi_settings.ITEMS_PER_PAGE if isinstance(gi_settings.ITEMS_PER_PAGE, int) else 20
    query = SearchQuery(q, filters=filters, sort=sort, page=page, page_size=page_size)
    as_json = request.GET.get("format") == "json"
    key = None if as_json else _cache_key(request, query)
    entry = public_cache.lookup(key)
    if entry is not None:  # the page body as rendered for an earlier visitor since the last publish
        if entry.get("logged") is not None:
            querylog.record(q, entry["logged"])
        context = {
            "gi_base_template": gi_settings.BASE_TEMPLATE,
            "search_query": q,
            "gi_cache": {"key": key, "entry": entry},
        }
        return TemplateResponse(request, "gi_wagtail/search/search.html", context)
    results, error, promotions, logged = None, None, [], None
    if q or query.filters:
        try:
            results = get_backend().search(query)
            promotions = _promotions(q, query.page)
            if query.page == 1 and not query.filters:
                logged = results.total - results.partial_total
                querylog.record(q, logged)
        except Exception as exc:  # never an error page for a visitor
            logger.exception("gi_wagtail search failed (%s)", type(exc).__name__)
            error = _("Search is temporarily unavailable. Please try again later.")
            results = None
    offered = suggestions.Offers()
    if q and not error:
        try:
            offered = suggestions.offers(q, results)
        except Exception as exc:  # offers are extras: the results page works without them
            logger.exception("gi_wagtail search offers failed (%s)", type(exc).__name__)
    if as_json:
        data = results.as_dict() if results else {"query": q, "total": 0, "hits": [], "facets": {}, "suggestions": []}
        data["promotions"] = promotions
        data["offers"] = offered.as_dict()
        if results and results.notice:  # e.g. Elasticsearch down, embedded fallback
            data["notice"] = str(results.notice)
        if error:
            data["error"] = error
        return _json(data, status=503 if error else 200)

    facets = []
    if results:
        labels = _facet_labels()
        for name in FACETS:
            values = results.facets.get(name) or []
            if not values:
                continue
            selected = set(query.filters.get(name, []))
            entries = []
            for value, count in values:
                chosen = value in selected
                new = [v for v in selected if v != value] if chosen else [*selected, value]
                entries.append(
                    {
                        "value": value,
                        "label": value_label(name, value),
                        "count": count,
                        "selected": chosen,
                        "url": _link(q, {**query.filters, name: new}, query.sort, page=None),
                    }
                )
            facets.append({"name": name, "label": labels[name], "values": entries})
    pagination = None
    if results and results.num_pages > 1:
        pagination = {
            "number": query.page,
            "num_pages": results.num_pages,
            "previous": _link(q, query.filters, query.sort, page=query.page - 1) if query.page > 1 else None,
            "next": _link(q, query.filters, query.sort, page=query.page + 1)
            if query.page < results.num_pages
            else None,
        }
    context = {
        "gi_base_template": gi_settings.BASE_TEMPLATE,
        "search_query": q,
        "results": results,
        "hits": results.hits if results else [],
        "facets": facets,
        "promotions": promotions,
        "suggestions": [{"text": s, "url": _link(s, query.filters, query.sort)} for s in offered.shorter],
        "did_you_mean": {"text": offered.did_you_mean, "url": _link(offered.did_you_mean, query.filters, query.sort)}
        if offered.did_you_mean
        else None,
        "pinyin": [{"text": s, "url": _link(s, query.filters, query.sort)} for s in offered.pinyin],
        "popular": [{"text": s, "url": _link(s, {}, "relevance")} for s in offered.popular],
        "exact_total": (results.total - results.partial_total) if results else 0,
        "sorts": [
            {"value": v, "label": label, "selected": v == query.sort, "url": _link(q, query.filters, v)}
            for v, label in _sort_labels().items()
        ],
        "pagination": pagination,
        "error": error,
        "max_length": gi_settings.SEARCH_MAX_QUERY_LENGTH,
        # Stored for the next visitor unless something went wrong (degraded answers are not kept).
        "gi_cache": {"key": key, "entry": None, "meta": {"logged": logged}}
        if key and not error and not (results and results.notice)
        else None,
    }
    return TemplateResponse(request, "gi_wagtail/search/search.html", context)


@require_GET
@ratelimit("gi_wagtail_search_suggest", rate="300/m")
def suggest_view(request: HttpRequest) -> HttpResponse:
    """Completions for the search box (联想): ``?q=科技`` or ``?q=kj`` -> ``{"suggestions": [...]}``."""
    q = printable(request.GET.get("q") or "")[:40]
    try:
        found = suggestions.completions(q)
    except Exception as exc:  # the box works without completions
        logger.exception("gi_wagtail search completions failed (%s)", type(exc).__name__)
        found = []
    response = _json({"query": q, "suggestions": found})
    response["Cache-Control"] = "public, max-age=300"
    return response

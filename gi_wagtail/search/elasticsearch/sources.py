"""Which pages the Elasticsearch backend indexes, and how a page becomes a ``SearchDocument``.

Pluggable: ``register_source("app_label.ModelName", builder, kind)``. Catalogue
items are registered here; annual reports are registered by model label, so
they are indexed as soon as an ``AnnualReportPage`` model exists.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

from django.apps import apps
from django.utils import timezone
from django.utils.html import strip_tags

from ..base import SearchDocument

_sources: dict[str, tuple[str, Callable]] = {}


def register_source(model_label: str, builder: Callable, kind: str = "page") -> None:
    """Index live, public pages of ``model_label`` with ``builder(page) -> SearchDocument``."""
    _sources[model_label.lower()] = (kind, builder)


def _model(label: str):
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def source_for(page) -> tuple[str, Callable] | None:
    for cls in type(page).__mro__:
        meta = getattr(cls, "_meta", None)
        if meta is not None and not meta.abstract and meta.label_lower in _sources:
            return _sources[meta.label_lower]
    return None


def source_models() -> list:
    return [m for m in (_model(label) for label in _sources) if m is not None]


def page_text(page, names) -> str:
    """Plain text of the given attributes (StreamFields through their blocks)."""
    parts = []
    for name in names:
        value = getattr(page, name, None)
        if value is None:
            continue
        if hasattr(value, "stream_block"):
            parts.extend(str(x) for x in value.stream_block.get_searchable_content(value))
        else:
            parts.append(strip_tags(str(value)))
    return " ".join(p for p in parts if p)


def search_field_names(page) -> list[str]:
    from wagtail.search import index

    skip = {"title", "index_no", "doc_no"}
    return [f.field_name for f in getattr(page, "search_fields", []) if isinstance(f, index.SearchField) and f.field_name not in skip]


def _as_datetime(value) -> dt.datetime | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    return timezone.make_aware(dt.datetime.combine(value, dt.time()))


def _parent_title(page) -> str:
    parent = page.get_parent()
    return parent.title if parent and parent.depth > 1 else ""


def _name(obj) -> str:
    return str(obj) if obj is not None else ""


def item_document(page) -> SearchDocument:
    attachments = [a.display_title for a in page.attachments.all()] if hasattr(page, "attachments") else []
    keywords = " ".join(t.name for t in page.keywords.all()) if hasattr(page, "keywords") else ""
    published = _as_datetime(page.published_on) or page.first_published_at
    return SearchDocument(
        page_id=page.pk, title=page.title, url=page.url or "",
        body=" ".join(x for x in (page.summary, page_text(page, ["body"]), " ".join(attachments)) if x),
        doc_no=page.doc_no, index_no=page.index_no, category=_parent_title(page),
        organisation=_name(page.organisation), topic=_name(page.topic), genre=_name(page.genre),
        validity=page.get_validity_display() if page.validity else "", keywords=keywords, published=published,
    )


def report_document(page) -> SearchDocument:
    """Generic: works for any report page model with ``search_fields``."""
    year = getattr(page, "year", None) or getattr(page, "report_year", None)
    published = _as_datetime(getattr(page, "published_on", None)) or page.first_published_at
    organisation = getattr(page, "organisation", None) or getattr(page, "agency_name", None)
    if organisation is None and hasattr(page, "find_agency"):
        agency = page.find_agency()
        organisation = getattr(agency, "agency_name", None) if agency else None
    doc = SearchDocument(
        page_id=page.pk, title=page.title, url=page.url or "", body=page_text(page, search_field_names(page)),
        category=_parent_title(page), organisation=_name(organisation), published=published,
        year=published.year if published else None,
    )
    doc.extra = {"report_year": str(year) if year else None}
    return doc


def document_for(page) -> SearchDocument | None:
    """The document for a page, or ``None`` when it must not be in the index."""
    page = page.specific
    source = source_for(page)
    if source is None or not page.live or page.get_view_restrictions().exists():
        return None
    kind, builder = source
    doc = builder(page)
    doc.kind = kind
    return doc


def iter_documents() -> Iterator[SearchDocument]:
    for model in source_models():
        for page in model.objects.live().public().specific().iterator(chunk_size=200):
            doc = document_for(page)
            if doc is not None:
                yield doc


def count_documents() -> int:
    return sum(m.objects.live().public().count() for m in source_models())


register_source("gi_wagtail.DisclosureItemPage", item_document, kind="item")
register_source("gi_wagtail.AnnualReportPage", report_document, kind="report")

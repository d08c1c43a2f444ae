"""What the Elasticsearch backend indexes: the same pages and documents as the
embedded backend (``gi_wagtail.search.documents``), plus a ``kind`` per page
model so catalogue items and annual reports can be told apart.

Pluggable: ``register_kind("app_label.ModelName", "report", extra=callable)``.
Annual reports are registered by label, so they get their kind as soon as an
``AnnualReportPage`` model exists; until then nothing breaks.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from gi_wagtail.search.base import SearchDocument

_kinds: dict[str, tuple[str, Callable | None]] = {}


def register_kind(model_label: str, kind: str, extra: Callable | None = None) -> None:
    """Pages of ``model_label`` (and subclasses) are indexed with ``kind``;
    ``extra(page) -> dict`` adds fields (mapped in ``documents.py``)."""
    _kinds[model_label.lower()] = (kind, extra)


def kind_for(page) -> tuple[str, Callable | None]:
    for cls in type(page).__mro__:
        meta = getattr(cls, "_meta", None)
        if meta is not None and meta.label_lower in _kinds:
            return _kinds[meta.label_lower]
    return "page", None


def document_for(page) -> SearchDocument | None:
    """The document for a page, or ``None`` when it must not be searchable."""
    from gi_wagtail.search.documents import document_for as base_document, is_searchable

    if not is_searchable(page):
        return None
    specific = page.specific
    doc = base_document(specific)
    doc.kind, extra = kind_for(specific)
    if extra:
        doc.extra = extra(specific)
    return doc


def iter_documents() -> Iterator[SearchDocument]:
    from gi_wagtail.search.documents import searchable_pages

    for page in searchable_pages().order_by("path").specific().iterator(chunk_size=200):
        doc = document_for(page)
        if doc is not None:
            yield doc


def count_documents() -> int:
    from gi_wagtail.search.documents import searchable_pages

    return searchable_pages().count()


def _report_extra(page) -> dict:
    year = getattr(page, "year", None) or getattr(page, "report_year", None)
    return {"report_year": str(year) if year else None}


# Abstract bases are matched through the MRO, so subclasses in a site's own app count too.
register_kind("gi_wagtail.AbstractDisclosureItemPage", "item")
register_kind("gi_wagtail.DisclosureItemPage", "item")
register_kind("gi_wagtail.AbstractAnnualReportPage", "report", _report_extra)
register_kind("gi_wagtail.AnnualReportPage", "report", _report_extra)

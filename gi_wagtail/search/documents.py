"""Which pages are searchable, and what a backend indexes for each.

Search knows pages, not domains. A domain room registers how its page models
become documents (``register``): catalogue items and annual reports do so from
``GiWagtailConfig.ready()``. A model without a registration (and without a
``gi_search_document()`` method) is indexed from its ``search_fields``.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail import blocks
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from gi_wagtail.search.attachments import document_texts  # noqa: F401  (for builders)
from gi_wagtail.search.base import SearchDocument
from gi_wagtail.search.ranking import register_demotion  # noqa: F401  (part of the registry)

MAX_BODY_CHARS = 20_000
# Pages whose documents are built together (bounded memory for big sites).
BATCH = 500

PageDocumentBuilder = Callable[[Page], SearchDocument]
PageLoader = Callable[[type[Page], list[int]], Iterable[Page]]


# --- registry -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentSource:
    """How the pages of one model (and its subclasses) become search documents.

    ``document(page)`` builds the document of one specific page. ``load(model, ids)``, if
    given, loads many pages of ``model`` at once with whatever ``document`` reads (related
    objects, ancestors …), so a rebuild costs a fixed number of queries per batch.
    ``extra(page)`` returns fields beyond ``SearchDocument``'s; Elasticsearch maps them as
    ``extra_fields`` says (``{"report_year": "keyword"}``).
    """

    kind: str = "page"
    document: PageDocumentBuilder | None = None
    load: PageLoader | None = None
    extra: Callable[[Page], dict[str, Any]] | None = None
    extra_fields: dict[str, str] = field(default_factory=dict)


PAGE_SOURCE = DocumentSource()
_sources: dict[str, DocumentSource] = {}
_value_labels: dict[str, Callable[[str], str]] = {}
_dependencies: dict[type[Model], Callable[[Model], Iterable[int]]] = {}


def _label(model: type[Model] | str) -> str:
    return model.lower() if isinstance(model, str) else model._meta.label_lower


def register(
    model: type[Model] | str,
    kind: str,
    *,
    document: PageDocumentBuilder | None = None,
    load: PageLoader | None = None,
    extra: Callable[[Page], dict[str, Any]] | None = None,
    extra_fields: dict[str, str] | None = None,
) -> DocumentSource:
    """Index pages of ``model`` (a class, abstract ones included, or ``"app_label.ModelName"``)
    and of its subclasses as ``kind``. Registering a model again replaces its source."""
    source = DocumentSource(kind, document, load, extra, dict(extra_fields or {}))
    _sources[_label(model)] = source
    return source


def register_kind(model_label: str, kind: str, extra: Callable[[Page], dict[str, Any]] | None = None) -> None:
    """The former ``gi_wagtail.search.elasticsearch.sources.register_kind``: a kind (and extra
    fields) for pages otherwise indexed from their ``search_fields``."""
    register(model_label, kind, extra=extra)


def unregister(model: type[Model] | str) -> None:
    _sources.pop(_label(model), None)


def source_for(model: type[Model]) -> DocumentSource:
    """The source registered for ``model`` or its nearest registered base class."""
    for cls in model.__mro__:
        meta = getattr(cls, "_meta", None)
        if meta is not None and meta.label_lower in _sources:
            return _sources[meta.label_lower]
    return PAGE_SOURCE


def sources() -> list[DocumentSource]:
    return list(_sources.values())


def extra_fields() -> dict[str, str]:
    """Every registered extra field and its Elasticsearch type."""
    fields: dict[str, str] = {}
    for source in _sources.values():
        fields.update(source.extra_fields)
    return fields


def register_dependency(model: type[Model], pages_of: Callable[[Model], Iterable[int]]) -> None:
    """Re-index the pages ``pages_of(instance)`` whenever an instance of ``model`` is saved
    (e.g. the items a replaced attached document belongs to). Register before ``ready()``
    connects the search signals."""
    _dependencies[model] = pages_of


def dependencies() -> dict[type[Model], Callable[[Model], Iterable[int]]]:
    return dict(_dependencies)


def register_value_labels(facet: str, label: Callable[[str], str]) -> None:
    """How the public search page shows the values of ``facet`` (e.g. validity codes)."""
    _value_labels[facet] = label


def value_label(facet: str, value: str) -> str:
    label = _value_labels.get(facet)
    if label is None:
        return value
    try:
        return str(label(value))
    except (KeyError, ValueError):
        return value


# --- which pages --------------------------------------------------------------------------------


def is_searchable(page: Page) -> bool:
    """Live, public (no view restriction on it or an ancestor), not the tree root."""
    if page.depth <= 1 or not page.live or page.expired:
        return False
    restricted = PageViewRestriction.objects.filter(page__path__in=ancestor_paths(page))
    return not restricted.exists()


def searchable_ids(page_ids: Iterable[int]) -> set[int]:
    """The searchable pages among these ids (``is_searchable`` with two queries for any number of pages)."""
    ids = list(page_ids)
    if not ids:
        return set()
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())
    rows = Page.objects.filter(pk__in=ids, depth__gt=1, live=True, expired=False).values_list("pk", "path")
    return {pk for pk, path in rows if not path.startswith(restricted)}


def ancestor_paths(page: Page) -> list[str]:
    """Tree paths of the page's ancestors and of the page itself (last)."""
    steplen = page.steplen
    return [page.path[:i] for i in range(steplen, len(page.path) + 1, steplen)]


def searchable_pages() -> QuerySet[Page]:
    """Live public pages below the root (a queryset of base Page objects)."""
    restricted_paths = PageViewRestriction.objects.values_list("page__path", flat=True)
    qs = Page.objects.live().filter(depth__gt=1).filter(expired=False)
    for path in restricted_paths:
        qs = qs.exclude(path__startswith=path)
    return qs


def count_documents() -> int:
    return searchable_pages().count()


# --- helpers for builders -----------------------------------------------------------------------


def plain_text(value: object) -> str:
    """Text of a field value: StreamField blocks' searchable content, HTML without tags."""
    if value is None:
        return ""
    if hasattr(value, "stream_block"):  # StreamValue
        parts = block_text(value.stream_block, value)
        return " ".join(strip_tags(str(p)) for p in parts)
    return strip_tags(str(value))


# Editors' settings, not text a reader sees (a heading's level, a plan's status …).
_SETTING_BLOCKS = (blocks.ChoiceBlock, blocks.MultipleChoiceBlock, blocks.BooleanBlock)


def block_text(block: blocks.Block, value: object) -> list[str]:
    """The searchable content of a block value without the labels of choices and switches,
    which Wagtail's ``get_searchable_content`` includes (二级标题, 已完成)."""
    if isinstance(block, _SETTING_BLOCKS) or value is None:
        return []
    if isinstance(block, blocks.StreamBlock):
        return [text for child in value for text in block_text(child.block, child.value)]
    if isinstance(block, blocks.ListBlock):
        return [text for item in value for text in block_text(block.child_block, item)]
    if isinstance(block, blocks.StructBlock):
        return [text for name, child in block.child_blocks.items() for text in block_text(child, value.get(name))]
    return block.get_searchable_content(value)


def aware(day: dt.date | dt.datetime | None) -> dt.datetime | None:
    """A date or naive datetime as an aware datetime (midnight, current time zone)."""
    if day is None:
        return None
    if isinstance(day, dt.datetime):
        return day if timezone.is_aware(day) else timezone.make_aware(day)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))


def page_url(page: Page, site_root_paths: list | None = None) -> str:
    if site_root_paths is not None:
        # Where Page.get_url caches Site.get_site_root_paths(): one lookup per batch, not per page.
        page._wagtail_cached_site_root_paths = site_root_paths
    try:
        return page.get_url() or page.url_path
    except Exception:  # noqa: BLE001 a page outside every site has no URL; keep indexing
        return page.url_path


def page_document(page: Page) -> SearchDocument:
    """Any page without a registered builder: the text of its search fields."""
    parts = []
    for search_field in getattr(page, "search_fields", []):
        if isinstance(search_field, index.SearchField) and search_field.field_name not in ("title",):
            try:
                parts.append(plain_text(search_field.get_value(page)))
            except Exception:  # noqa: BLE001 a computed search field that fails must not stop indexing
                continue
    parts.append(page.search_description or "")
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        url=page_url(page),
        body=" ".join(p for p in parts if p)[:MAX_BODY_CHARS],
        published=page.first_published_at or page.last_published_at,
    )


# --- documents ----------------------------------------------------------------------------------


def _build(page: Page, source: DocumentSource) -> SearchDocument:
    if hasattr(page, "gi_search_document"):  # the page's own say wins
        doc = page.gi_search_document()
    else:
        doc = (source.document or page_document)(page)
    if doc.kind == "page":
        doc.kind = source.kind
    if source.extra is not None:
        doc.extra = {**source.extra(page), **doc.extra}
    return doc


def document_for(page: Page) -> SearchDocument:
    """The SearchDocument of a page (whether or not it is searchable)."""
    specific = page.specific
    return _build(specific, source_for(type(specific)))


def documents_for(pages: Iterable[Page]) -> list[SearchDocument]:
    """Documents of many pages (same result as ``document_for`` on each)."""
    return documents_for_ids([p.pk for p in pages])


def documents_for_ids(page_ids: Iterable[int]) -> list[SearchDocument]:
    """Documents of many pages, in the order of the ids, with a fixed number of queries per
    page model (each source loads its pages together). Ids of missing pages are skipped."""
    ids = list(dict.fromkeys(int(i) for i in page_ids))
    types = dict(Page.objects.filter(pk__in=ids).values_list("pk", "content_type_id"))
    by_type: dict[int, list[int]] = defaultdict(list)
    for pk in ids:
        if pk in types:
            by_type[types[pk]].append(pk)
    built: dict[int, SearchDocument] = {}
    for type_id, pks in by_type.items():
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:  # a page type whose app is gone: what the base Page knows
            model = Page
        source = source_for(model)
        pages = source.load(model, pks) if source.load else model._default_manager.filter(pk__in=pks)
        for page in pages:
            built[page.pk] = _build(page, source)
    return [built[pk] for pk in ids if pk in built]


def current_documents(page_ids: Iterable[int]) -> tuple[list[SearchDocument], list[int]]:
    """What the index must hold for these pages now: documents of the searchable ones, and
    the ids to remove (the others, deleted pages included)."""
    ids = list(dict.fromkeys(int(i) for i in page_ids))
    keep = searchable_ids(ids)
    docs = documents_for_ids([pk for pk in ids if pk in keep])
    found = {d.page_id for d in docs}
    return docs, [pk for pk in ids if pk not in found]


def iter_documents(batch_size: int = BATCH) -> Iterator[SearchDocument]:
    """Documents of every searchable page, in tree order, a batch at a time."""
    ids = list(searchable_pages().order_by("path").values_list("pk", flat=True))
    for start in range(0, len(ids), batch_size):
        yield from documents_for_ids(ids[start : start + batch_size])

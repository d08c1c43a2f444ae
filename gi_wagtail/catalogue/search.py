"""The search document of a catalogue item, registered with ``gi_wagtail.search`` from ``ready()``.

An item is indexed with its nearest category, its organisation (the agency, whose short
name is searchable too), topic, genre, validity, keywords, the names and text of its
attachments and its publication date (发布日期), which gives the year facet.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Model
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from gi_wagtail.catalogue.models.category import AbstractCatalogueCategoryPage
from gi_wagtail.catalogue.models.item import (
    AbstractDisclosureItemPage,
    DisclosureItemPage,
    ItemAttachment,
    ItemKeyword,
)
from gi_wagtail.catalogue.models.validity import Validity
from gi_wagtail.search.base import SearchDocument
from gi_wagtail.search.documents import (
    MAX_BODY_CHARS,
    ancestor_paths,
    aware,
    document_texts,
    page_url,
    plain_text,
    register_demotion,
    register_dependency,
    register_value_labels,
)
from gi_wagtail.search.documents import (
    register as register_source,
)

# What item_document and Page.get_url read: loading only these halves the cost of building items.
ITEM_FIELDS = (
    "id",
    "content_type_id",
    "path",
    "depth",
    "url_path",
    "title",
    "first_published_at",
    "summary",
    "body",
    "doc_no",
    "index_no",
    "validity",
    "published_on",
    "organisation_id",
    "topic_id",
    "genre_id",
    "disclosure_method",
)
EXTRA_FIELDS = {"disclosure_method": "keyword"}
# Where load_items leaves what it fetched for many items at once.
_PREFETCHED = "_gi_search_prefetched"


def register() -> None:
    register_source(
        AbstractDisclosureItemPage,
        "item",
        document=item_document,
        load=load_items,
        extra=item_extra,
        extra_fields=EXTRA_FIELDS,
    )
    register_value_labels("validity", validity_label)
    # A replaced attached file changes what the items it belongs to are found by.
    register_dependency(get_document_model(), items_with_document)
    # No longer in force: listed below what is, however well it matches.
    register_demotion(Validity.EXPIRED, 0.5)
    register_demotion(Validity.REPEALED, 0.5)


def items_with_document(document: Model) -> list[int]:
    return list(ItemAttachment.objects.filter(document=document).values_list("page_id", flat=True))


def validity_label(value: str) -> str:
    return str(Validity(value).label)


def item_extra(page: AbstractDisclosureItemPage) -> dict[str, str]:
    return {"disclosure_method": page.disclosure_method or ""}


def category_title(page: Page) -> str:
    category = page.get_ancestors().type(AbstractCatalogueCategoryPage).last()
    return category.title if category else ""


def item_document(page: AbstractDisclosureItemPage) -> SearchDocument:
    prefetched = getattr(page, _PREFETCHED, None) or {}
    organisation = page.organisation
    if "keywords" in prefetched:
        keywords = list(prefetched["keywords"])
    else:
        keywords = [t.name for t in page.keywords.all()] if hasattr(page, "keywords") else []
    if organisation and organisation.short_name:
        keywords.append(organisation.short_name)
    if "attachments" in prefetched:
        attachments = prefetched["attachments"]
    else:
        attachments = (
            attachment_pairs(page.attachments.select_related("document")) if hasattr(page, "attachments") else []
        )
    category = prefetched["category"] if "category" in prefetched else category_title(page)
    body = " ".join(x for x in [page.summary, plain_text(page.body)] if x)
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        url=page_url(page, prefetched.get("site_root_paths")),
        body=body[:MAX_BODY_CHARS],
        doc_no=page.doc_no,
        index_no=page.index_no,
        category=category,
        organisation=organisation.name if organisation else "",
        topic=page.topic.name if page.topic_id else "",
        genre=page.genre.name if page.genre_id else "",
        validity=page.validity,
        keywords=" ".join(keywords),
        published=aware(page.published_on) or page.first_published_at,
        attachments=attachments,
    )


def attachment_pairs(attachments: Iterable[ItemAttachment]) -> list[tuple[str, str]]:
    """(name, extracted text) of an item's attachments, in their order."""
    attachments = list(attachments)
    texts = document_texts([a.document for a in attachments])
    return [(a.display_title, texts.get(a.document_id, "")) for a in attachments]


def load_items(model: type[AbstractDisclosureItemPage], ids: list[int]) -> list[AbstractDisclosureItemPage]:
    """Items of ``model`` with their organisation, topic, genre, category and, for
    DisclosureItemPage, keywords and attachments: a fixed number of queries for any number."""
    items = list(model._default_manager.filter(pk__in=ids).only(*ITEM_FIELDS))
    if not items:
        return items
    _attach_related(items, ("organisation", "topic", "genre"))
    prefetched: dict[int, dict] = {item.pk: {} for item in items}
    if issubclass(model, DisclosureItemPage):  # their keywords and attachments have tables of their own
        keywords, attachments = defaultdict(list), defaultdict(list)
        for page_id, name in (
            ItemKeyword.objects.filter(content_object_id__in=list(prefetched))
            .order_by("pk")
            .values_list("content_object_id", "tag__name")
        ):
            keywords[page_id].append(name)
        rows = list(
            ItemAttachment.objects.filter(page_id__in=list(prefetched))
            .select_related("document")
            .order_by("page_id", "sort_order", "pk")
        )
        texts = document_texts([a.document for a in rows])
        for attachment in rows:
            attachments[attachment.page_id].append((attachment.display_title, texts.get(attachment.document_id, "")))
        for pk, values in prefetched.items():
            values["keywords"], values["attachments"] = keywords[pk], attachments[pk]
    paths = {path for item in items for path in ancestor_paths(item)[:-1]}
    categories = (
        dict(Page.objects.filter(path__in=paths).type(AbstractCatalogueCategoryPage).values_list("path", "title"))
        if paths
        else {}
    )
    site_root_paths = Site.get_site_root_paths()
    for item in items:
        nearest = [categories[p] for p in ancestor_paths(item)[:-1] if p in categories]
        values = prefetched[item.pk]
        values["category"] = nearest[-1] if nearest else ""
        values["site_root_paths"] = site_root_paths
        setattr(item, _PREFETCHED, values)
    return items


def _attach_related(pages: Iterable[Page], names: Iterable[str]) -> None:
    """``select_related`` without a copy of the same organisation, topic or genre per page."""
    pages = list(pages)
    for name in names:
        field = type(pages[0])._meta.get_field(name)
        objects = field.related_model._default_manager.in_bulk({getattr(p, field.attname) for p in pages} - {None})
        for page in pages:
            field.set_cached_value(page, objects.get(getattr(page, field.attname)))

"""Which pages are searchable, and what a backend indexes for each."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction

from gi_wagtail.search.base import SearchDocument

MAX_BODY_CHARS = 20_000


def is_searchable(page: Page) -> bool:
    """Live, public (no view restriction on it or an ancestor), not the tree root."""
    if page.depth <= 1 or not page.live or page.expired:
        return False
    restricted = PageViewRestriction.objects.filter(page__path__in=_ancestor_paths(page))
    return not restricted.exists()


def searchable_ids(page_ids) -> set[int]:
    """The searchable pages among these ids (``is_searchable`` with two queries for any number of pages)."""
    ids = list(page_ids)
    if not ids:
        return set()
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True).distinct())
    rows = Page.objects.filter(pk__in=ids, depth__gt=1, live=True, expired=False).values_list("pk", "path")
    return {pk for pk, path in rows if not path.startswith(restricted)}


def _ancestor_paths(page: Page) -> list[str]:
    steplen = page.steplen
    return [page.path[:i] for i in range(steplen, len(page.path) + 1, steplen)]


def searchable_pages():
    """Live public pages below the root (a queryset of base Page objects)."""
    restricted_paths = PageViewRestriction.objects.values_list("page__path", flat=True)
    qs = Page.objects.live().filter(depth__gt=1).filter(expired=False)
    for path in restricted_paths:
        qs = qs.exclude(path__startswith=path)
    return qs


def _text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "stream_block"):  # StreamValue
        parts = value.stream_block.get_searchable_content(value)
        return " ".join(strip_tags(str(p)) for p in parts)
    return strip_tags(str(value))


def _aware(day):
    if day is None:
        return None
    if isinstance(day, dt.datetime):
        return day if timezone.is_aware(day) else timezone.make_aware(day)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(0, 0)))


def document_for(page: Page) -> SearchDocument:
    """The SearchDocument of a page (uses ``gi_search_document()`` when the page defines it)."""
    specific = page.specific
    if hasattr(specific, "gi_search_document"):
        return specific.gi_search_document()
    from gi_wagtail.models import AbstractDisclosureItemPage

    if isinstance(specific, AbstractDisclosureItemPage):
        return _item_document(specific)
    return _generic_document(specific)


def _url(page, site_root_paths=None) -> str:
    if site_root_paths is not None:
        # Where Page.get_url caches Site.get_site_root_paths(): one lookup per batch, not per page.
        page._wagtail_cached_site_root_paths = site_root_paths
    try:
        return page.get_url() or page.url_path
    except Exception:  # a page outside every site has no URL; keep indexing
        return page.url_path


def documents_for(pages) -> list[SearchDocument]:
    """Documents of many pages (same result as ``document_for`` on each)."""
    return documents_for_ids([p.pk for p in pages])


def documents_for_ids(page_ids) -> list[SearchDocument]:
    """Documents of many pages, with a fixed number of queries per batch (rebuilds, imports).

    Plain DisclosureItemPages are fetched together with their organisation,
    topic, genre, keywords, attachments and category; other pages go through
    ``document_for``. Ids of pages that do not exist are skipped.
    """
    from django.contrib.contenttypes.models import ContentType

    from gi_wagtail.models import AbstractCatalogueCategoryPage, DisclosureItemPage, ItemAttachment, ItemKeyword

    ids = list(dict.fromkeys(page_ids))
    item_type = ContentType.objects.get_for_model(DisclosureItemPage).pk
    types = dict(Page.objects.filter(pk__in=ids).values_list("pk", "content_type_id"))
    items = {p.pk: p for p in DisclosureItemPage.objects.filter(pk__in=[i for i in ids if types.get(i) == item_type])
             .only(*_ITEM_FIELDS)}
    _attach_related(items.values(), ("organisation", "topic", "genre"))
    others = {p.pk: p for p in Page.objects.filter(pk__in=[i for i in ids if i in types and i not in items])}
    keywords, attachments = defaultdict(list), defaultdict(list)
    for page_id, name in (ItemKeyword.objects.filter(content_object_id__in=list(items)).order_by("pk")
                          .values_list("content_object_id", "tag__name")):
        keywords[page_id].append(name)
    for attachment in (ItemAttachment.objects.filter(page_id__in=list(items)).select_related("document")
                       .order_by("page_id", "sort_order", "pk")):
        attachments[attachment.page_id].append(attachment.display_title)
    ancestor_paths = {path for item in items.values() for path in _ancestor_paths(item)[:-1]}
    categories = dict(Page.objects.filter(path__in=ancestor_paths).type(AbstractCatalogueCategoryPage)
                      .values_list("path", "title")) if ancestor_paths else {}
    from wagtail.models import Site

    site_root_paths = Site.get_site_root_paths()
    docs = []
    for pk in ids:
        item = items.get(pk)
        if item is None or hasattr(item, "gi_search_document"):
            page = item or others.get(pk)
            if page is not None:
                docs.append(document_for(page))
            continue
        nearest = [categories[p] for p in _ancestor_paths(item)[:-1] if p in categories]
        docs.append(_item_document(item, category_title=nearest[-1] if nearest else "",
                                   keyword_names=keywords[item.pk], attachment_titles=attachments[item.pk],
                                   site_root_paths=site_root_paths))
    return docs


# What _item_document and Page.get_url read: loading only these halves the cost of building items.
_ITEM_FIELDS = ("id", "content_type_id", "path", "depth", "url_path", "title", "first_published_at", "summary", "body",
                "doc_no", "index_no", "validity", "published_on", "organisation_id", "topic_id", "genre_id")


def _attach_related(pages, names) -> None:
    """``select_related`` without a copy of the same organisation, topic or genre per page."""
    pages = list(pages)
    for name in names:
        field = type(pages[0])._meta.get_field(name) if pages else None
        if field is None:
            return
        objects = field.related_model._default_manager.in_bulk({getattr(p, field.attname) for p in pages} - {None})
        for page in pages:
            field.set_cached_value(page, objects.get(getattr(page, field.attname)))


def _item_document(page, category_title=None, keyword_names=None, attachment_titles=None,
                   site_root_paths=None) -> SearchDocument:
    from gi_wagtail.models import AbstractCatalogueCategoryPage

    if category_title is None:
        category = page.get_ancestors().type(AbstractCatalogueCategoryPage).last()
        category_title = category.title if category else ""
    organisation = page.organisation
    if keyword_names is None:
        keyword_names = [t.name for t in page.keywords.all()] if hasattr(page, "keywords") else []
    keywords = list(keyword_names)
    if organisation and organisation.short_name:
        keywords.append(organisation.short_name)
    if attachment_titles is None:
        attachment_titles = [a.display_title for a in page.attachments.all()] if hasattr(page, "attachments") else []
    body = " ".join(x for x in [page.summary, _text(page.body), *attachment_titles] if x)
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        url=_url(page, site_root_paths),
        body=body[:MAX_BODY_CHARS],
        doc_no=page.doc_no,
        index_no=page.index_no,
        category=category_title,
        organisation=organisation.name if organisation else "",
        topic=page.topic.name if page.topic_id else "",
        genre=page.genre.name if page.genre_id else "",
        validity=page.validity,
        keywords=" ".join(keywords),
        published=_aware(page.published_on) or page.first_published_at,
    )


def _generic_document(page) -> SearchDocument:
    """Any other page: the text of its search fields."""
    from wagtail.search import index

    parts = []
    for field in getattr(page, "search_fields", []):
        if isinstance(field, index.SearchField) and field.field_name not in ("title",):
            try:
                parts.append(_text(field.get_value(page)))
            except Exception:  # a computed search field that fails must not stop indexing
                continue
    parts.append(page.search_description or "")
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        url=_url(page),
        body=" ".join(p for p in parts if p)[:MAX_BODY_CHARS],
        published=page.first_published_at or page.last_published_at,
    )

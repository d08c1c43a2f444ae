"""Which pages are searchable, and what a backend indexes for each."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page, PageViewRestriction

from .base import SearchDocument

MAX_BODY_CHARS = 20_000


def is_searchable(page: Page) -> bool:
    """Live, public (no view restriction on it or an ancestor), not the tree root."""
    if page.depth <= 1 or not page.live or page.expired:
        return False
    restricted = PageViewRestriction.objects.filter(page__path__in=_ancestor_paths(page))
    return not restricted.exists()


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


def _url(page) -> str:
    try:
        return page.get_url() or page.url_path
    except Exception:  # a page outside every site has no URL; keep indexing
        return page.url_path


def _item_document(page) -> SearchDocument:
    from gi_wagtail.models import AbstractCatalogueCategoryPage

    category = page.get_ancestors().type(AbstractCatalogueCategoryPage).last()
    organisation = page.organisation
    keywords = [t.name for t in page.keywords.all()] if hasattr(page, "keywords") else []
    if organisation and organisation.short_name:
        keywords.append(organisation.short_name)
    attachments = [a.display_title for a in page.attachments.all()] if hasattr(page, "attachments") else []
    body = " ".join(x for x in [page.summary, _text(page.body), *attachments] if x)
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        url=_url(page),
        body=body[:MAX_BODY_CHARS],
        doc_no=page.doc_no,
        index_no=page.index_no,
        category=category.title if category else "",
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

"""The public pages' navigation: breadcrumb trail and the catalogue's left-hand menu.

Rendered by the ``gi_wagtail_tags`` template tags; works for any page, not only ours.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from wagtail.models import Page

from gi_wagtail.catalogue.models.category import with_content
from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage


def ancestors(page: Page) -> list[Page]:
    """Ancestors below the tree root, top first (cached on gi_wagtail pages: one query per response)."""
    cached = getattr(page, "gi_ancestors", None)
    if cached is not None:
        return cached
    return [ancestor for ancestor in page.get_ancestors() if not ancestor.is_root()]


def _public(page: Page, queryset: QuerySet) -> QuerySet:
    gi_public = getattr(page, "gi_public", None)
    return gi_public(queryset) if gi_public is not None else queryset.public()


def catalogue_navigation(page: Page) -> dict[str, Any]:
    """The disclosure index above (or at) ``page`` and its non-empty categories, for the left-hand menu.

    One query whatever the number of categories (plain pages: only title and URL are shown).
    Each category carries ``gi_current``: "page" on the page itself, "location" on the one it sits in.
    """
    trail = [*ancestors(page), page]
    root = next((p for p in reversed(trail) if issubclass(p.specific_class or Page, AbstractDisclosureIndexPage)), None)
    if root is None:
        return {"root": None, "categories": []}
    categories = list(with_content(_public(page, root.get_children().live())).order_by("path"))
    for category in categories:
        if category.path == page.path:
            category.gi_current = "page"
        else:
            category.gi_current = "location" if page.path.startswith(category.path) else ""
    return {"root": root, "categories": categories}

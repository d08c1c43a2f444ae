"""Keep the search index in step with the page tree: the one place that decides which pages change.

``connect()`` (from ``GiWagtailConfig.ready()``) connects the receivers once, per page model:

- a save of an existing live page re-indexes it (publishing, copying, moving and direct saves all save it);
- publishing or moving a page re-indexes its descendants (they show its title and URL), and the page
  itself unless its save already did (the bulk importer publishes pages it never saved one by one);
- unpublishing re-indexes the page (Wagtail saves it as not live, which a save alone cannot tell);
- deleting a page removes it (the embedded entry goes with the row; Elasticsearch needs telling);
- adding or removing a view restriction re-evaluates the pages below it.

Each change reaches the index once, after the commit (``gi_wagtail.search.tasks.schedule``).
Whatever the backend, each changed page is also recorded in the outbox (``gi_wagtail.search.outbox``)
inside the same transaction, so a crash after the commit loses no update.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import DatabaseError
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from gi_wagtail.search import outbox, synonyms
from gi_wagtail.search.documents import dependencies
from gi_wagtail.search.models import SearchSynonym
from gi_wagtail.search.tasks import pages_scheduled, schedule, subtree_ids

# Set on a page instance whose save scheduled its re-index, so the page_published or
# post_page_move that follows (for the same instance) adds only the descendants.
_SCHEDULED = "_gi_search_scheduled"
# Fields Wagtail writes when only a draft changes: the live page is unchanged.
_DRAFT_ONLY = {
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def _saved(
    sender: type[Page],
    instance: Page,
    created: bool = False,
    raw: bool = False,
    update_fields: Any = None,
    **kwargs: Any,
) -> None:
    # Not: fixtures, new pages (they go live by publishing), drafts (unpublishing is seen by _unpublished).
    if raw or created or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= _DRAFT_ONLY:
        return
    schedule([instance.pk])
    setattr(instance, _SCHEDULED, True)


def _page_and_descendants(instance: Page) -> list[int]:
    saved = instance.__dict__.pop(_SCHEDULED, False)
    if not instance.numchild:
        return [] if saved else [instance.pk]
    return subtree_ids(instance, inclusive=not saved)


def _published(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    schedule(_page_and_descendants(instance))


def _unpublished(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    schedule([instance.pk])


def _moved(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    # Descendants have new URLs and maybe a new category.
    schedule(_page_and_descendants(instance))


def _deleted(sender: type[Page], instance: Page, **kwargs: Any) -> None:
    schedule([instance.pk], action="delete")


def _privacy_changed(sender: type[PageViewRestriction], instance: PageViewRestriction, **kwargs: Any) -> None:
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:
        return
    schedule(subtree_ids(page))


def _dependency_saved(sender: type, instance: Any, **kwargs: Any) -> None:
    pages_of = dependencies().get(sender)
    if pages_of is not None:
        schedule(list(pages_of(instance)))


def page_models() -> list[type[Page]]:
    """Every concrete page model of the site (Page itself included)."""
    return [model for model in apps.get_models() if issubclass(model, Page)]


def connect() -> None:
    """Connect every receiver, once (``dispatch_uid``); called from ``GiWagtailConfig.ready()``."""
    for model in page_models():
        label = model._meta.label_lower
        post_save.connect(_saved, sender=model, dispatch_uid=f"gi_wagtail_search_saved_{label}")
        page_published.connect(_published, sender=model, dispatch_uid=f"gi_wagtail_search_published_{label}")
        page_unpublished.connect(_unpublished, sender=model, dispatch_uid=f"gi_wagtail_search_unpublished_{label}")
        post_page_move.connect(_moved, sender=model, dispatch_uid=f"gi_wagtail_search_moved_{label}")
    # Deleting a page of any type deletes its Page row.
    post_delete.connect(_deleted, sender=Page, dispatch_uid="gi_wagtail_search_deleted")
    post_save.connect(_privacy_changed, sender=PageViewRestriction, dispatch_uid="gi_wagtail_search_privacy_saved")
    post_delete.connect(_privacy_changed, sender=PageViewRestriction, dispatch_uid="gi_wagtail_search_privacy_deleted")
    for model in dependencies():
        post_save.connect(
            _dependency_saved, sender=model, dispatch_uid=f"gi_wagtail_search_dependency_{model._meta.label_lower}"
        )
    # One outbox for every backend (Elasticsearch delivers it itself; the others are drained after the commit).
    pages_scheduled.connect(outbox.record, sender=Page, dispatch_uid="gi_wagtail_search_outbox")
    connect_synonyms()


# --- editor synonyms ----------------------------------------------------------------------------


def _editor_synonyms() -> list[list[str]]:
    try:
        lines = list(SearchSynonym.objects.filter(active=True).values_list("terms", flat=True))
    except DatabaseError:  # before migrate
        return []
    return synonyms.parse_lines(line.replace("#", " ") for line in lines)


def _synonyms_changed(sender: type[SearchSynonym], **kwargs: Any) -> None:
    synonyms.invalidate()


def connect_synonyms() -> None:
    synonyms.register_provider(_editor_synonyms)
    post_save.connect(_synonyms_changed, sender=SearchSynonym, dispatch_uid="gi_wagtail_synonyms_saved")
    post_delete.connect(_synonyms_changed, sender=SearchSynonym, dispatch_uid="gi_wagtail_synonyms_deleted")

"""Keep the search index in step with the page tree.

Publish, unpublish, move, privacy (view restriction) and validity changes
re-evaluate the affected pages; deleting a page deletes its entry through the
foreign key.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from gi_wagtail.search.tasks import schedule, subtree_ids

# Fields Wagtail writes when only a draft changes: the live page is unchanged.
_DRAFT_ONLY = {"latest_revision", "latest_revision_created_at", "draft_title", "has_unpublished_changes",
               "locked", "locked_at", "locked_by"}


@receiver(page_published)
def _published(sender, instance, **kwargs):
    # Descendants show the page's title (category) and URL: re-evaluate them too.
    schedule(subtree_ids(instance) if instance.numchild else [instance.pk])


@receiver(page_unpublished)
def _unpublished(sender, instance, **kwargs):
    schedule(subtree_ids(instance))


@receiver(post_page_move)
def _moved(sender, instance, **kwargs):
    schedule(subtree_ids(instance))


@receiver(post_save)
def _saved(sender, instance, created, update_fields=None, **kwargs):
    # Direct saves of live pages (e.g. a validity change made by code) are
    # re-indexed; draft-only bookkeeping saves are not.
    if not isinstance(instance, Page) or created or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= _DRAFT_ONLY:
        return
    schedule([instance.pk])


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def _privacy_changed(sender, instance, **kwargs):
    try:
        page = Page.objects.get(pk=instance.page_id)
    except Page.DoesNotExist:
        return
    schedule(subtree_ids(page))


# --- editor synonyms ----------------------------------------------------------------------------

def _editor_synonyms():
    from django.db import DatabaseError

    from gi_wagtail.models import SearchSynonym

    from gi_wagtail.search.synonyms import parse_lines

    try:
        lines = list(SearchSynonym.objects.filter(active=True).values_list("terms", flat=True))
    except DatabaseError:  # before migrate
        return []
    return parse_lines(line.replace("#", " ") for line in lines)


def _synonyms_changed(sender, **kwargs):
    from gi_wagtail.search.synonyms import invalidate

    invalidate()


def connect_synonyms():
    from gi_wagtail.models import SearchSynonym

    from gi_wagtail.search.synonyms import register_provider

    register_provider(_editor_synonyms)
    post_save.connect(_synonyms_changed, sender=SearchSynonym, dispatch_uid="gi_wagtail_synonyms_saved")
    post_delete.connect(_synonyms_changed, sender=SearchSynonym, dispatch_uid="gi_wagtail_synonyms_deleted")


connect_synonyms()

"""Page signal handlers; search index sync lives in gi_wagtail.search.signals."""

from django.dispatch import receiver
from wagtail.signals import page_published

from .search import signals as _search_signals  # noqa: F401  (index sync, editor synonyms)


@receiver(page_published)
def _validity_event_user(sender, instance, revision=None, **kwargs):
    # The item's save() recorded the event; the revision knows who published it.
    event = getattr(instance, "_gi_validity_event", None)
    if event is not None and revision is not None and revision.user_id and not event.user_id:
        event.user_id = revision.user_id
        event.save(update_fields=["user"])
    instance._gi_validity_event = None

"""Defer search indexing during an import and index in batches instead of once per save."""

from contextlib import contextmanager

from django.db.models.signals import post_save

from gi_wagtail.models import DisclosureItemPage


@contextmanager
def deferred_indexing(model=DisclosureItemPage):
    try:
        from modelsearch.signal_handlers import post_save_signal_handler
    except ImportError:  # Wagtail 7.x before modelsearch
        from wagtail.search.signal_handlers import post_save_signal_handler
    connected = post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        if connected:
            post_save.connect(post_save_signal_handler, sender=model)


def index_pages(pages, model=DisclosureItemPage):
    """Add or update ``pages`` in every auto-updated search backend in one bulk call each."""
    if not pages:
        return
    try:
        from modelsearch.backends import get_search_backends
    except ImportError:
        from wagtail.search.backends import get_search_backends
    fresh = list(model.objects.filter(pk__in=[p.pk for p in pages]))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, fresh)

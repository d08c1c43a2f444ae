"""Defer search indexing during an import and index in batches instead of once per save."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from django.db import models
from django.db.models.signals import post_save
from modelsearch.backends import get_search_backends
from modelsearch.signal_handlers import post_save_signal_handler

from gi_wagtail.catalogue.models.item import DisclosureItemPage


@contextmanager
def deferred_indexing(model: type[models.Model] = DisclosureItemPage) -> Iterator[None]:
    connected = post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        yield
    finally:
        if connected:
            post_save.connect(post_save_signal_handler, sender=model)


def index_pages(pages: Sequence[models.Model], model: type[models.Model] = DisclosureItemPage) -> None:
    """Add or update ``pages`` in every auto-updated search backend in one bulk call each."""
    if not pages:
        return
    fresh = list(model.objects.filter(pk__in=[p.pk for p in pages]))
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(model, fresh)

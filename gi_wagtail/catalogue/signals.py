"""Catalogue signal handlers, connected once from ``GiWagtailConfig.ready()``."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from wagtail.models import Revision
from wagtail.signals import page_published

from gi_wagtail.catalogue import options
from gi_wagtail.catalogue.models.item import AbstractDisclosureItemPage


def _validity_event_user(
    sender: type[models.Model], instance: Any, revision: Revision | None = None, **kwargs: Any
) -> None:
    # The item's save() recorded the event; the revision knows who published it.
    event = getattr(instance, "_gi_validity_event", None)
    if event is not None and revision is not None and revision.user_id and not event.user_id:
        event.user_id = revision.user_id
        event.save(update_fields=["user"])
    instance._gi_validity_event = None


def connect() -> None:
    for model in _item_models(AbstractDisclosureItemPage):
        page_published.connect(
            _validity_event_user, sender=model, dispatch_uid=f"gi_wagtail_validity_user_{model._meta.label_lower}"
        )
    options.connect()  # filter options are cached until a vocabulary changes


def _item_models(base: type[models.Model]) -> list[type[models.Model]]:
    return [model for model in apps.get_models() if issubclass(model, base) and not model._meta.abstract]

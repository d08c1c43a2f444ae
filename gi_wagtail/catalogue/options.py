"""Topic and genre options of the public filter forms, cached until a vocabulary changes.

They change a few times a year but are shown on every catalogue page: caching
them in Django's cache saves two queries per listing.
"""

from __future__ import annotations

from typing import Any

from django.core.cache import cache
from django.db import models
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save

from gi_wagtail.catalogue.models.vocabularies import Genre, TopicClass

_KEY = "gi_wagtail:options:{}"


def _models() -> dict[type[models.Model], QuerySet]:
    return {TopicClass: TopicClass.objects.select_related("parent"), Genre: Genre.objects.all()}


def options(model: type[models.Model]) -> list[tuple[Any, str]]:
    """[(pk, label), …] in the vocabulary's own order."""
    key = _KEY.format(model._meta.label_lower)
    found = cache.get(key)
    if found is None:
        found = [(obj.pk, str(obj)) for obj in _models()[model]]
        cache.set(key, found, None)
    return found


def _changed(sender: type[models.Model], **kwargs: Any) -> None:
    cache.delete(_KEY.format(sender._meta.label_lower))


def connect() -> None:
    for model in _models():
        post_save.connect(_changed, sender=model, dispatch_uid=f"gi_wagtail_options_saved_{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"gi_wagtail_options_deleted_{model.__name__}")

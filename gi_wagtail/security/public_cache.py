"""Rendered fragments of public pages (catalogue listings, search results), kept in Django's cache.

Every key carries the *public version*: a token in the cache that changes after each commit
that can change what the public sees (a page saved, published, unpublished, moved or deleted,
a view restriction, a vocabulary, a document, a site or an editors' pick changed). So a
publish invalidates every fragment at once, in every process, when the cache is shared
(Redis, Memcached); old entries simply expire. Fragments are built and served only for
anonymous visitors, from content that excludes private pages for everyone.

``GI_WAGTAIL["PUBLIC_CACHE_SECONDS"]`` is their lifetime (None or 0: no fragment caching).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import uuid
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save
from django.http import HttpRequest
from django.utils.translation import get_language

from gi_wagtail.conf import gi_settings

logger = logging.getLogger(__name__)

VERSION_KEY = "gi_wagtail:public:version"
_REQUEST_ATTR = "_gi_public_version"


def seconds() -> int:
    value = gi_settings.PUBLIC_CACHE_SECONDS
    return value if isinstance(value, int) and value > 0 else 0


def version(request: HttpRequest | None = None) -> str | None:
    """The current public version (read once per request); None when the cache does not answer."""
    if request is not None and hasattr(request, _REQUEST_ATTR):
        return getattr(request, _REQUEST_ATTR)
    try:
        value = cache.get(VERSION_KEY)
        if value is None:
            cache.add(VERSION_KEY, uuid.uuid4().hex, None)
            value = cache.get(VERSION_KEY)
    except Exception as exc:  # noqa: BLE001 cache server down (any backend's error): render without it
        logger.warning("gi_wagtail public cache unavailable (%s)", type(exc).__name__)
        value = None
    if request is not None:
        setattr(request, _REQUEST_ATTR, value)
    return value


def bump() -> None:
    """A new public version: every cached fragment is stale from now on."""
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except Exception as exc:  # noqa: BLE001 any backend's error
        logger.warning("gi_wagtail public cache not invalidated (%s)", type(exc).__name__)


def fragment_key(request: HttpRequest, name: str, *parts: object) -> str | None:
    """The cache key of fragment ``name`` for these ``parts``, or None when it must not be cached."""
    if not seconds() or request.method != "GET":
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    current = version(request)
    if current is None:
        return None
    digest = hashlib.sha256(repr((get_language(), *parts)).encode()).hexdigest()[:32]
    return f"gi_wagtail:fragment:{name}:{current}:{digest}"


def lookup(key: str | None) -> dict[str, Any] | None:
    """The stored entry (``{"html": ..., ...}``) under ``key``, if any."""
    if key is None:
        return None
    try:
        found = cache.get(key)
    except Exception:  # noqa: BLE001 a cache that does not answer is a miss
        return None
    return found if isinstance(found, dict) and isinstance(found.get("html"), str) else None


def store(key: str, html: str, **meta: Any) -> None:
    try:
        cache.set(key, {"html": str(html), **meta}, seconds())
    except Exception as exc:  # noqa: BLE001 any backend's error
        logger.warning("gi_wagtail public cache not written (%s)", type(exc).__name__)


def changed(sender: type[Model] | None = None, **kwargs: Any) -> None:
    """Signal receiver: invalidate now, and again once the transaction commits (a visitor rendering
    in between would store the old content under the new version)."""
    bump()
    transaction.on_commit(bump)


def _watched_models() -> list[type[Model]]:
    from django.apps import apps
    from wagtail.documents import get_document_model
    from wagtail.models import Page, PageViewRestriction, Site

    models: list[type[Model]] = [PageViewRestriction, Site, get_document_model()]
    models += [m for m in apps.get_models() if issubclass(m, Page)]
    for label in (
        "gi_wagtail.Organisation",
        "gi_wagtail.TopicClass",
        "gi_wagtail.Genre",
        "gi_wagtail.ItemAttachment",
        "wagtailsearchpromotions.SearchPromotion",
    ):
        with contextlib.suppress(LookupError):  # an optional app
            models.append(apps.get_model(label))
    return models


def connect() -> None:
    from wagtail.signals import page_published, page_unpublished, post_page_move

    for model in _watched_models():
        uid = f"gi_wagtail_public_cache_{model._meta.label_lower}"
        post_save.connect(changed, sender=model, dispatch_uid=uid + "_saved", weak=False)
        post_delete.connect(changed, sender=model, dispatch_uid=uid + "_deleted", weak=False)
    from django.apps import apps
    from wagtail.models import Page

    # Per page model (a receiver without a sender would run for every signal of every app).
    for model in [m for m in apps.get_models() if issubclass(m, Page)]:
        uid = f"gi_wagtail_public_cache_{model._meta.label_lower}"
        page_published.connect(changed, sender=model, dispatch_uid=uid + "_published", weak=False)
        page_unpublished.connect(changed, sender=model, dispatch_uid=uid + "_unpublished", weak=False)
        post_page_move.connect(changed, sender=model, dispatch_uid=uid + "_moved", weak=False)

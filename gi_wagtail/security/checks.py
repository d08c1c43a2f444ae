"""Security checks: document uploads (W020, W021), the public rate limit (E020) and a shared cache (W022)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.utils.module_loading import import_string

from gi_wagtail.conf import gi_settings
from gi_wagtail.security.ratelimit import rate_problem
from gi_wagtail.security.uploads import GiDocumentForm


@register(Tags.security)
def check_document_uploads(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """Uploads are only content-checked through gi_wagtail's document form."""
    warnings: list[CheckMessage] = []
    base = getattr(settings, "WAGTAILDOCS_DOCUMENT_FORM_BASE", "")
    try:
        ok = bool(base) and issubclass(import_string(base), GiDocumentForm)
    except (ImportError, TypeError):
        ok = False
    if not ok:
        warnings.append(
            Warning(
                "Uploaded documents are not checked for size and content.",
                hint='Set WAGTAILDOCS_DOCUMENT_FORM_BASE = "gi_wagtail.security.uploads.GiDocumentForm" (or a subclass).',
                id="gi_wagtail.W020",
            )
        )
    if getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) is None:
        warnings.append(
            Warning(
                "WAGTAILDOCS_EXTENSIONS is not set, so documents of any type can be uploaded.",
                hint='Set WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx", "zip"] (gi_wagtail.security.uploads.DOCUMENT_EXTENSIONS) or your own list.',
                id="gi_wagtail.W021",
            )
        )
    return warnings


@register(Tags.compatibility)
def check_rate_limit_setting(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """GI_WAGTAIL["PUBLIC_RATE_LIMIT"] is a rate such as "60/m", or None."""
    if not isinstance(gi_settings.user_settings, dict):
        return []  # E004 already says so
    problem = rate_problem(gi_settings.PUBLIC_RATE_LIMIT)
    if problem:
        return [
            Error(
                f"GI_WAGTAIL['PUBLIC_RATE_LIMIT'] is {gi_settings.PUBLIC_RATE_LIMIT!r}: {problem}.",
                id="gi_wagtail.E020",
            )
        ]
    return []


# Cache backends that cannot hold rate-limit counters and cached pages for a site with several processes.
_UNSHARED_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache": "keeps its entries in each process",
    "django.core.cache.backends.dummy.DummyCache": "keeps nothing",
    "django.core.cache.backends.filebased.FileBasedCache": "cannot count atomically",
    "django.core.cache.backends.db.DatabaseCache": "cannot count atomically",
}


@register(Tags.caches)
def check_shared_cache(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """In production the rate limits and the public cache need one cache shared by every process."""
    if settings.DEBUG:
        return []
    name = getattr(settings, "RATELIMIT_USE_CACHE", "default")
    backend = (getattr(settings, "CACHES", {}) or {}).get(name, {}).get("BACKEND", "")
    reason = _UNSHARED_CACHES.get(backend)
    if reason is None:
        return []
    return [
        Warning(
            f"The {name!r} cache ({backend.rsplit('.', 1)[-1]}) {reason}: with several worker processes each one "
            "allows the full public rate limit, and a publish does not refresh the pages other processes cached.",
            hint='Use a shared cache, e.g. CACHES = {"default": {"BACKEND": '
            '"django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/0"}} '
            "(docs/operators/performance.md).",
            id="gi_wagtail.W022",
        )
    ]

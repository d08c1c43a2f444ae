"""Security checks: document uploads (W020, W021) and the public rate limit (E020)."""

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

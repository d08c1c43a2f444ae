"""Cross-cutting system checks: required apps and the shape of ``GI_WAGTAIL``.

Each room registers its own checks (catalogue E002 E010, search E001 E006, security W020 W021 E020,
review W030, requests W040 E040); importing them here registers them once, from ``GiWagtailConfig.ready()``.
"""

from django.apps import apps
from django.core.checks import Error, Tags, Warning, register

from gi_wagtail.catalogue import checks as catalogue_checks  # noqa: F401
from gi_wagtail.conf import DEFAULTS, gi_settings
from gi_wagtail.requests import checks as request_checks  # noqa: F401
from gi_wagtail.review import checks as review_checks  # noqa: F401
from gi_wagtail.search import checks as search_checks  # noqa: F401
from gi_wagtail.security import checks as security_checks  # noqa: F401

REQUIRED_APPS = (
    "taggit",
    "modelcluster",
    "wagtail",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.typed_table_block",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.snippets",
    "captcha",  # django-simple-captcha: the public 依申请公开 form (and `path("captcha/", include("captcha.urls"))`)
)


@register(Tags.compatibility)
def check_settings(app_configs=None, **kwargs):
    errors = []
    user = gi_settings.user_settings
    if not isinstance(user, dict):
        return [
            Error(
                "GI_WAGTAIL must be a dict.",
                hint="Set GI_WAGTAIL = {...} in your settings, or remove it.",
                id="gi_wagtail.E004",
            )
        ]
    for key in ("ITEMS_PER_PAGE", "SEARCH_MAX_QUERY_LENGTH", "MAX_UPLOAD_MB"):
        value = getattr(gi_settings, key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(
                Error(
                    f"GI_WAGTAIL['{key}'] must be a positive integer, not {value!r}.",
                    id="gi_wagtail.E005",
                )
            )
    unknown = sorted(set(user) - set(DEFAULTS))
    if unknown:
        errors.append(
            Warning(
                f"GI_WAGTAIL has unknown key(s): {', '.join(unknown)}.",
                hint=f"Known keys: {', '.join(DEFAULTS)}.",
                id="gi_wagtail.W001",
            )
        )
    for key, default in DEFAULTS.items():
        value = user.get(key)
        if isinstance(default, dict) and default and isinstance(value, dict):
            nested = sorted(set(value) - set(default))
            if nested:
                errors.append(
                    Warning(
                        f"GI_WAGTAIL['{key}'] has unknown key(s): {', '.join(nested)}.",
                        hint=f"Known keys: {', '.join(default)}.",
                        id="gi_wagtail.W001",
                    )
                )
    return errors


def missing_app_errors(installed):
    return [
        Error(
            f"gi_wagtail needs '{name}' in INSTALLED_APPS.",
            hint=f"Add '{name}' to INSTALLED_APPS.",
            id="gi_wagtail.E003",
        )
        for name in REQUIRED_APPS
        if name not in installed
    ]


@register(Tags.compatibility)
def check_required_apps(app_configs=None, **kwargs):
    return missing_app_errors({config.name for config in apps.get_app_configs()})

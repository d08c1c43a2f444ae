"""System checks for the ``GI_WAGTAIL`` settings and required apps."""

import string

from django.apps import apps
from django.core.checks import Error, Tags, Warning, register

from gi_wagtail.conf import DEFAULTS, INDEX_NUMBER_FIELDS, SEARCH_BACKENDS, gi_settings

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
)


def index_number_pattern_problem(pattern):
    """Return why ``pattern`` is not a usable 索引号 pattern, or None."""
    if not isinstance(pattern, str) or not pattern.strip():
        return "it must be a non-empty string"
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        return f"it is not a valid format string ({exc})"
    fields = [field for _, field, _, _ in parts if field is not None]
    unknown = sorted({f for f in fields if f not in INDEX_NUMBER_FIELDS})
    if unknown:
        return f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(INDEX_NUMBER_FIELDS)}"
    if "serial" not in fields:
        return "it must contain {serial}, e.g. {serial:05d}"
    try:
        pattern.format(org_code="X", year=2024, month="01", category_code="01", serial=1)
    except (ValueError, KeyError, IndexError) as exc:
        return f"it cannot be formatted ({exc})"
    return None


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
    backend = gi_settings.SEARCH_BACKEND
    if backend not in SEARCH_BACKENDS:
        errors.append(
            Error(
                f"GI_WAGTAIL['SEARCH_BACKEND'] is {backend!r}, which is not a known search backend.",
                hint=f"Use one of: {', '.join(SEARCH_BACKENDS)}.",
                id="gi_wagtail.E001",
            )
        )
    problem = index_number_pattern_problem(gi_settings.INDEX_NUMBER_PATTERN)
    if problem:
        errors.append(
            Error(
                f"GI_WAGTAIL['INDEX_NUMBER_PATTERN'] is not a valid 索引号 pattern: {problem}.",
                hint="Example: '{org_code}/{year}-{serial:05d}'.",
                id="gi_wagtail.E002",
            )
        )
    for key in ("ITEMS_PER_PAGE", "SEARCH_MAX_QUERY_LENGTH", "MAX_UPLOAD_MB"):
        value = getattr(gi_settings, key)
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            errors.append(
                Error(
                    f"GI_WAGTAIL['{key}'] must be a positive integer, not {value!r}.",
                    id="gi_wagtail.E005",
                )
            )
    if backend == "elasticsearch":
        from gi_wagtail.search.elasticsearch.connection import check_settings as elasticsearch_problems

        errors.extend(Error(problem, id="gi_wagtail.E006") for problem in elasticsearch_problems())
    errors.extend(index_parent_errors(gi_settings.DISCLOSURE_INDEX_PARENT_PAGE_TYPES))
    unknown = sorted(set(user) - set(DEFAULTS))
    if unknown:
        errors.append(
            Warning(
                f"GI_WAGTAIL has unknown key(s): {', '.join(unknown)}.",
                hint=f"Known keys: {', '.join(DEFAULTS)}.",
                id="gi_wagtail.W001",
            )
        )
    return errors


def index_parent_problem(name):
    """Why ``name`` is not a page type a 政府信息公开首页 can be added under, or None."""
    from wagtail.models import Page

    if not isinstance(name, str) or name.count(".") != 1:
        return f"{name!r} is not an 'app_label.ModelName' string"
    try:
        model = apps.get_model(name)
    except LookupError:
        return f"{name!r} is not an installed model"
    if not issubclass(model, Page):
        return f"{name!r} is not a page type"
    return None


def index_parent_errors(names):
    if names is None:
        return []
    key = "GI_WAGTAIL['DISCLOSURE_INDEX_PARENT_PAGE_TYPES']"
    if isinstance(names, str) or not isinstance(names, (list, tuple)) or not names:
        problems = [f"it must be None or a non-empty list of page types, not {names!r}"]
    else:
        problems = [problem for problem in map(index_parent_problem, names) if problem]
    return [
        Error(
            f"{key}: {problem}.",
            hint='Example: ["wagtailcore.Page", "home.HomePage"] (the tree root and your home page); None allows any page.',
            id="gi_wagtail.E010",
        )
        for problem in problems
    ]


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


@register(Tags.security)
def check_document_uploads(app_configs=None, **kwargs):
    """Uploads are only content-checked through gi_wagtail's document form."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    warnings = []
    base = getattr(settings, "WAGTAILDOCS_DOCUMENT_FORM_BASE", "")
    try:
        from gi_wagtail.security.uploads import GiDocumentForm

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
                hint="Set WAGTAILDOCS_EXTENSIONS = [\"csv\", \"docx\", \"odt\", \"pdf\", \"txt\", \"xlsx\", \"zip\"] (gi_wagtail.security.uploads.DOCUMENT_EXTENSIONS) or your own list.",
                id="gi_wagtail.W021",
            )
        )
    return warnings


@register(Tags.compatibility)
def check_rate_limit_setting(app_configs=None, **kwargs):
    from gi_wagtail.security.ratelimit import rate_problem

    if not isinstance(gi_settings.user_settings, dict):
        return []  # E004 already says so
    problem = rate_problem(gi_settings.PUBLIC_RATE_LIMIT)
    if problem:
        return [Error(f"GI_WAGTAIL['PUBLIC_RATE_LIMIT'] is {gi_settings.PUBLIC_RATE_LIMIT!r}: {problem}.", id="gi_wagtail.E020")]
    return []


@register(Tags.security)
def check_workflow_finish_action(app_configs=None, **kwargs):
    """保密审查员 hold no publish permission: only gi_wagtail's finish action lets their approval publish."""
    from django.conf import settings
    from django.utils.module_loading import import_string

    from gi_wagtail.review.finish import SETTING_VALUE, publish_reviewed_revision

    try:  # the old path gi_wagtail.workflow_finish.… resolves to the same function
        if import_string(getattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION", "") or "") is publish_reviewed_revision:
            return []
    except ImportError:
        pass
    return [
        Warning(
            "An approved 信息公开发布审核 workflow is published with Wagtail's default action: it publishes the "
            "latest revision (not the reviewed one) and fails when the last reviewer cannot publish.",
            hint=f'Set WAGTAIL_FINISH_WORKFLOW_ACTION = "{SETTING_VALUE}".',
            id="gi_wagtail.W030",
        )
    ]

"""Catalogue checks: the 索引号 pattern (E002) and where a 政府信息公开首页 may go (E010)."""

import string

from django.apps import apps
from django.core.checks import Error, Tags, register

from gi_wagtail.conf import INDEX_NUMBER_FIELDS, gi_settings


@register(Tags.compatibility)
def check_catalogue_settings(app_configs=None, **kwargs):
    errors = []
    problem = index_number_pattern_problem(gi_settings.INDEX_NUMBER_PATTERN)
    if problem:
        errors.append(
            Error(
                f"GI_WAGTAIL['INDEX_NUMBER_PATTERN'] is not a valid 索引号 pattern: {problem}.",
                hint="Example: '{org_code}/{year}-{serial:05d}'.",
                id="gi_wagtail.E002",
            )
        )
    errors.extend(index_parent_errors(gi_settings.DISCLOSURE_INDEX_PARENT_PAGE_TYPES))
    return errors


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

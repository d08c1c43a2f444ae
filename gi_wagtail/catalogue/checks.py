"""Catalogue checks: the 索引号 pattern (E002) and where a 政府信息公开首页 may go (E010)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig, apps
from django.core.checks import CheckMessage, Error, Tags, register
from wagtail.models import Page

from gi_wagtail.catalogue.index_numbers import index_number_pattern_problem
from gi_wagtail.conf import gi_settings

__all__ = ["check_catalogue_settings", "index_number_pattern_problem", "index_parent_errors", "index_parent_problem"]


@register(Tags.compatibility)
def check_catalogue_settings(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
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


def index_parent_problem(name: object) -> str | None:
    """Why ``name`` is not a page type a 政府信息公开首页 can be added under, or None."""
    if not isinstance(name, str) or name.count(".") != 1:
        return f"{name!r} is not an 'app_label.ModelName' string"
    try:
        model = apps.get_model(name)
    except LookupError:
        return f"{name!r} is not an installed model"
    if not issubclass(model, Page):
        return f"{name!r} is not a page type"
    return None


def index_parent_errors(names: object) -> list[CheckMessage]:
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

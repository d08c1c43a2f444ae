"""Search checks: a known backend (E001) and, for Elasticsearch, its client libraries and
connection settings (E006)."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error, Tags, register

from gi_wagtail.conf import SEARCH_BACKENDS, gi_settings
from gi_wagtail.search.base import ELASTICSEARCH_MISSING
from gi_wagtail.search.elasticsearch.config import check_settings as elasticsearch_problems
from gi_wagtail.search.elasticsearch.config import missing_packages


@register(Tags.compatibility)
def check_search_settings(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    errors: list[CheckMessage] = []
    backend = gi_settings.SEARCH_BACKEND
    if backend not in SEARCH_BACKENDS:
        errors.append(
            Error(
                f"GI_WAGTAIL['SEARCH_BACKEND'] is {backend!r}, which is not a known search backend.",
                hint=f"Use one of: {', '.join(SEARCH_BACKENDS)}.",
                id="gi_wagtail.E001",
            )
        )
    if backend == "elasticsearch":
        missing = missing_packages()
        if missing:
            errors.append(
                Error(
                    f"{ELASTICSEARCH_MISSING} (missing: {', '.join(missing)}).",
                    hint="pip install gi-wagtail[elasticsearch]",
                    id="gi_wagtail.E006",
                )
            )
        errors.extend(Error(problem, id="gi_wagtail.E006") for problem in elasticsearch_problems())
    return errors

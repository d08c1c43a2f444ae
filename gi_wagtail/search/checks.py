"""Search checks: a known backend (E001) and, for Elasticsearch, its connection settings (E006)."""

from django.core.checks import Error, Tags, register

from gi_wagtail.conf import SEARCH_BACKENDS, gi_settings


@register(Tags.compatibility)
def check_search_settings(app_configs=None, **kwargs):
    errors = []
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
        from gi_wagtail.search.elasticsearch.connection import check_settings as elasticsearch_problems

        errors.extend(Error(problem, id="gi_wagtail.E006") for problem in elasticsearch_problems())
    return errors

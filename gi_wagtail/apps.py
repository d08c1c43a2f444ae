from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GiWagtailConfig(AppConfig):
    name = "gi_wagtail"
    label = "gi_wagtail"
    verbose_name = _("Government information disclosure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks  # noqa: F401  (registers system checks)
        from . import signals  # noqa: F401  (connects page signals)
        from .search.elasticsearch import sync  # noqa: F401  (Elasticsearch index backlog)
        from .vocabulary_options import connect

        connect()  # filter options are cached until a vocabulary changes

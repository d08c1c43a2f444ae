from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GiWagtailConfig(AppConfig):
    name = "gi_wagtail"
    label = "gi_wagtail"
    verbose_name = _("Government information disclosure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Each room connects its receivers here, once, per model.
        from gi_wagtail import checks  # noqa: F401  (registers system checks)
        from gi_wagtail.catalogue import signals as catalogue_signals
        from gi_wagtail.search import signals as search_signals  # noqa: F401  (index sync, editor synonyms)
        from gi_wagtail.search.elasticsearch import sync  # noqa: F401  (Elasticsearch index backlog)

        catalogue_signals.connect()

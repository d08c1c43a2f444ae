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
        from gi_wagtail.catalogue import search as catalogue_search
        from gi_wagtail.catalogue import signals as catalogue_signals
        from gi_wagtail.reports import search as reports_search
        from gi_wagtail.search import signals as search_signals
        from gi_wagtail.security import public_cache

        catalogue_signals.connect()
        # The domains register their search documents; search connects index sync per page model
        # (and the search outbox, for every backend).
        catalogue_search.register()
        reports_search.register()
        search_signals.connect()
        public_cache.connect()  # cached public fragments are invalidated on publish

"""Base for every gi_wagtail page: templates extend the configurable base template."""

from django.template.loader import select_template
from wagtail.models import Page

from ..conf import gi_settings


class GiPage(Page):
    # Subclasses name their shipped template here; Wagtail's default name
    # (<app>/<model>.html) is tried first so integrators can override it.
    gi_template = None

    class Meta:
        abstract = True

    def get_template(self, request, *args, **kwargs):
        names = [super().get_template(request, *args, **kwargs)]
        if self.gi_template:
            names.append(self.gi_template)
        return select_template(names).template.name

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["gi_base_template"] = gi_settings.BASE_TEMPLATE
        return context

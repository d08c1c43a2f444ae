"""Base for every gi_wagtail page: templates extend the configurable base template."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.template.loader import select_template
from django.utils import timezone
from django.utils.functional import cached_property
from wagtail.models import Page, get_page_models

from gi_wagtail.conf import gi_settings


def page_models_of(*bases: type) -> list[type[Page]]:
    """The installed page models that subclass one of ``bases``: an integrator's subclasses count too."""
    return [model for model in get_page_models() if issubclass(model, bases)]


class GiPage(Page):
    # Subclasses name their shipped template here; Wagtail's default name
    # (<app>/<model>.html) is tried first so integrators can override it.
    gi_template: str | None = None

    class Meta:
        abstract = True

    def get_template(self, request: HttpRequest, *args: Any, **kwargs: Any) -> str:
        names = [super().get_template(request, *args, **kwargs)]
        if self.gi_template:
            names.append(self.gi_template)
        return select_template(names).template.name

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["gi_base_template"] = gi_settings.BASE_TEMPLATE
        return context

    @property
    def gi_updated_on(self) -> dt.date | None:
        """更新日期: the day of the last publication after the first, where it differs from the 发布日期."""
        published_on = getattr(self, "published_on", None)
        if self.last_published_at is None or self.first_published_at is None or published_on is None:
            return None
        updated = timezone.localdate(self.last_published_at)
        if updated == timezone.localdate(self.first_published_at) or updated == published_on:
            return None
        return updated

    @cached_property
    def gi_ancestors(self) -> list[Page]:
        """Ancestors below the tree root, top first: one query shared by the breadcrumb and the menu."""
        return [page for page in self.get_ancestors() if not page.is_root()]

    @cached_property
    def gi_private_q(self) -> Q:
        # Wagtail's public() reads the view restrictions on every call; a page is
        # loaded once per request, so one read serves the whole response.
        return Page.objects.all().private_q()

    def gi_public(self, queryset: QuerySet) -> QuerySet:
        return queryset.exclude(self.gi_private_q)

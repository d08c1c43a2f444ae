"""Wagtail admin: a dashboard panel comparing the embedded index with the live pages, and a
"repair now" action (``health.repair``). Superusers of sites on the embedded backend see it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.components import Component

from gi_wagtail.conf import gi_settings
from gi_wagtail.search.embedded import health
from gi_wagtail.search.outbox import DrainBusyError


class EmbeddedSearchHealthPanel(Component):
    name = "gi_wagtail_embedded_search_health"
    template_name = "gi_wagtail/admin/embedded_search_health_panel.html"
    order = 50

    def get_context_data(self, parent_context: dict[str, Any]) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        context["health"] = health.check()
        context["shown"] = health.SHOWN
        context["request"] = parent_context.get("request")
        return context


def _visible(request: HttpRequest) -> bool:
    return gi_settings.SEARCH_BACKEND != "elasticsearch" and request.user.is_superuser


@hooks.register("construct_homepage_panels")
def add_embedded_search_health_panel(request: HttpRequest, panels: list) -> None:
    if _visible(request):
        panels.append(EmbeddedSearchHealthPanel())


@require_POST
def repair_index(request: HttpRequest) -> HttpResponse:
    if not _visible(request):
        raise PermissionDenied
    try:
        result, _differing = health.repair()
    except DrainBusyError:
        messages.error(request, _("Another process is updating the search index; try again in a minute."))
        return redirect(reverse("wagtailadmin_home"))
    if result.failed:
        messages.error(
            request,
            _("%(count)s pages could not be indexed; they stay queued. Last error: %(error)s")
            % {"count": result.failed, "error": result.error},
        )
    else:
        messages.success(
            request,
            _("Search index updated: %(indexed)s indexed, %(deleted)s removed.")
            % {"indexed": result.indexed, "deleted": result.deleted},
        )
    return redirect(reverse("wagtailadmin_home"))


@hooks.register("register_admin_urls")
def register_embedded_search_health_urls() -> list[URLPattern]:
    return [path("gi-wagtail/search-index/repair/", repair_index, name="gi_wagtail_search_index_repair")]

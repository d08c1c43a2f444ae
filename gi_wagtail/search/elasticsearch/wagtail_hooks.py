"""Wagtail admin: a dashboard panel with the Elasticsearch health and a "retry now" action.

Loaded on every site (``gi_wagtail/wagtail_hooks.py``); the Elasticsearch client is imported
only when a superuser of a site that uses it opens the dashboard or presses "Retry now".
"""

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
from gi_wagtail.search.base import get_backend
from gi_wagtail.search.elasticsearch.outbox import drain


class SearchHealthPanel(Component):
    name = "gi_wagtail_search_health"
    template_name = "gi_wagtail/admin/search_health_panel.html"
    order = 50

    def get_context_data(self, parent_context: dict[str, Any]) -> dict[str, Any]:
        from gi_wagtail.search.elasticsearch import health  # the client library: only on Elasticsearch sites

        context = super().get_context_data(parent_context)
        backend = get_backend("elasticsearch", quick=True)
        try:
            context["health"] = health.check(backend)
        finally:
            backend.close()
        context["request"] = parent_context.get("request")
        return context


def _visible(request: HttpRequest) -> bool:
    return gi_settings.SEARCH_BACKEND == "elasticsearch" and request.user.is_superuser


@hooks.register("construct_homepage_panels")
def add_search_health_panel(request: HttpRequest, panels: list) -> None:
    if _visible(request):
        panels.append(SearchHealthPanel())


@require_POST
def retry_backlog(request: HttpRequest) -> HttpResponse:
    if not _visible(request):
        raise PermissionDenied
    backend = get_backend("elasticsearch")
    try:
        result = drain(backend, force=True)
    except backend.errors as exc:  # connection set-up failed before any update was tried
        messages.error(request, _("Elasticsearch is unreachable: %(error)s") % {"error": type(exc).__name__})
    else:
        if result.failed:
            messages.error(
                request, _("%(count)s updates could not be sent; they stay queued.") % {"count": result.failed}
            )
        else:
            messages.success(
                request,
                _("Search index updated: %(indexed)s indexed, %(deleted)s removed.")
                % {"indexed": result.indexed, "deleted": result.deleted},
            )
    finally:
        backend.close()
    return redirect(reverse("wagtailadmin_home"))


@hooks.register("register_admin_urls")
def register_search_health_urls() -> list[URLPattern]:
    return [path("gi-wagtail/search-backlog/retry/", retry_backlog, name="gi_wagtail_search_backlog_retry")]

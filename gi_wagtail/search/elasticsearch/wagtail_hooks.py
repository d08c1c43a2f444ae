"""Wagtail admin: a dashboard panel with the Elasticsearch health and a "retry now" action."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.admin.ui.components import Component

from gi_wagtail.conf import gi_settings


class SearchHealthPanel(Component):
    name = "gi_wagtail_search_health"
    template_name = "gi_wagtail/admin/search_health_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        from gi_wagtail.search.elasticsearch import health

        context = super().get_context_data(parent_context)
        context["health"] = health.check()
        context["request"] = parent_context.get("request")
        return context


def _visible(request) -> bool:
    return gi_settings.SEARCH_BACKEND == "elasticsearch" and request.user.is_superuser


@hooks.register("construct_homepage_panels")
def add_search_health_panel(request, panels):
    if _visible(request):
        panels.append(SearchHealthPanel())


@require_POST
def retry_backlog(request):
    if not _visible(request):
        raise PermissionDenied
    from gi_wagtail.search.elasticsearch.backend import CLUSTER_ERRORS
    from gi_wagtail.search.elasticsearch.sync import drain

    try:
        result = drain(force=True)
    except CLUSTER_ERRORS as exc:  # connection set-up failed before any update was tried
        messages.error(request, _("Elasticsearch is unreachable: %(error)s") % {"error": type(exc).__name__})
    else:
        if result.failed:
            messages.error(request, _("%(count)s updates could not be sent; they stay queued.") % {"count": result.failed})
        else:
            messages.success(request, _("Search index updated: %(indexed)s indexed, %(deleted)s removed.") % {
                "indexed": result.indexed, "deleted": result.deleted})
    return redirect(reverse("wagtailadmin_home"))


@hooks.register("register_admin_urls")
def register_search_health_urls():
    return [path("gi-wagtail/search-backlog/retry/", retry_backlog, name="gi_wagtail_search_backlog_retry")]

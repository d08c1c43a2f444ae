"""Wagtail hooks of the request register (imported from gi_wagtail.wagtail_hooks)."""

from __future__ import annotations

from django.http import HttpRequest
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry

from gi_wagtail.requests import audit, panels
from gi_wagtail.requests.viewsets import DisclosureRequestViewSet


@hooks.register("register_log_actions")
def register_request_log_actions(actions: LogActionRegistry) -> None:
    audit.register_actions(actions)


@hooks.register("register_admin_viewset")
def register_request_viewset() -> DisclosureRequestViewSet:
    return DisclosureRequestViewSet()


@hooks.register("construct_homepage_panels")
def add_requests_panel(request: HttpRequest, panel_list: list) -> None:
    panels.add_panel(request, panel_list)


audit.register_models()

"""Dashboard panel of the register: open, overdue and near-due requests, for the handlers only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.admin.ui.components import Component
from wagtail.permission_policies import ModelPermissionPolicy

from gi_wagtail.requests.models import DisclosureRequest
from gi_wagtail.requests.viewsets import DUE_STATES, filter_due_state

VIEW_ACTIONS = ["view", "add", "change"]
PANEL_STATES = ("open", "overdue", "near_due", "paused")


def can_see_register(user: Any) -> bool:
    # The viewset's own policy (wagtail.permissions.policy_registry exists only from Wagtail 8).
    return ModelPermissionPolicy(DisclosureRequest).user_has_any_permission(user, VIEW_ACTIONS)


class RequestsDuePanel(Component):
    name = "gi_wagtail_requests_due"
    template_name = "gi_wagtail/requests/admin/dashboard_panel.html"
    order = 60

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        index = reverse("gi_wagtail_requests:index")
        labels = dict(DUE_STATES)
        rows = [
            {
                "state": state,
                "label": labels[state],
                "count": filter_due_state(DisclosureRequest.objects.all(), state).count(),
                "url": f"{index}?{urlencode({'due_state': state})}",
            }
            for state in PANEL_STATES
        ]
        return {"rows": rows, "index_url": index}


def add_panel(request: HttpRequest, panels: list) -> None:
    if can_see_register(request.user):
        panels.append(RequestsDuePanel())

"""The handlers' register of requests for disclosure in the Wagtail admin (依申请公开经办人).

Access follows Wagtail's ModelPermissionPolicy on DisclosureRequest: only users with its view, add or
change permission (the group 依申请公开经办人, and superusers) see the menu item, the listing, the detail
page, the export and the dashboard panel.
"""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.viewsets.model import ModelViewSet

from gi_wagtail.requests import admin_forms, admin_views, deadlines, workdays
from gi_wagtail.requests.models import DisclosureRequest, Status

DUE_STATES = [
    ("overdue", _("Overdue")),
    ("near_due", lazy(lambda: gettext("Due within %(n)s working days") % {"n": deadlines.NEAR_DUE_WORKDAYS}, str)()),
    ("paused", _("Clock paused (补正, consultation or fee)")),
    ("open", _("Open")),
]


def filter_due_state(queryset: QuerySet, state: str, today: datetime.date | None = None) -> QuerySet:
    """Requests overdue, due within NEAR_DUE_WORKDAYS working days, paused, or open (any of these)."""
    today = today or timezone.localdate()
    if state == "open":
        return queryset.exclude(status__in=(Status.CLOSED, Status.SPLIT))
    if state == "paused":
        return queryset.filter(status__in=admin_views.PAUSED_STATUSES)
    running = queryset.filter(status=Status.OPEN, due_on__isnull=False)
    if state == "overdue":
        return running.filter(due_on__lt=today)
    if state == "near_due":
        try:
            limit = workdays.add_workdays(today, deadlines.NEAR_DUE_WORKDAYS)
        except workdays.CalendarRangeError:
            return queryset.none()
        return running.filter(due_on__gte=today, due_on__lte=limit)
    return queryset


class DisclosureRequestFilterSet(WagtailFilterSet):
    due_state = django_filters.ChoiceFilter(label=_("Deadline"), choices=DUE_STATES, method="filter_due")
    received_year = django_filters.ChoiceFilter(label=_("Year of receipt"), method="filter_year", choices=[])

    class Meta:
        model = DisclosureRequest
        fields = ["status", "channel", "applicant_type", "outcome", "organisation"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        years = DisclosureRequest.objects.dates("received_on", "year", order="DESC")
        self.filters["received_year"].extra["choices"] = [(str(d.year), str(d.year)) for d in years]

    def filter_due(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return filter_due_state(queryset, value)

    def filter_year(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(received_on__year=int(value)) if value else queryset


class DisclosureRequestViewSet(ModelViewSet):
    model = DisclosureRequest
    icon = "mail"
    menu_label = _("Requests for disclosure")
    menu_name = "gi_wagtail_requests"
    menu_order = 250
    add_to_admin_menu = True
    name = "gi_wagtail_requests"
    index_view_class = admin_views.RequestIndexView
    add_view_class = admin_views.RegisterView
    edit_view_class = admin_views.EditRequestView
    inspect_view_class = admin_views.RequestInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = DisclosureRequestFilterSet
    list_display = [
        "reference",
        "received_on",
        "channel",
        "applicant_type",
        "status",
        admin_views.DueColumn("due_on", label=_("Due date"), sort_key="due_on"),
        "outcome",
        "handler",
    ]
    list_per_page = 50
    ordering = ["-received_on", "-id"]
    # Search by reference, description and 文号 only: a name typed here would end up in the URL and logs.
    search_fields = ["reference", "description", "document_numbers"]
    search_backend_name = None
    list_export = [
        "reference",
        "received_on",
        "channel",
        "applicant_type",
        "description",
        "status",
        "due_on",
        "outcome",
        "replied_on",
        "organisation",
        "fee_amount",
    ]
    export_headings = {"fee_amount": _("fee (yuan)")}
    export_filename = "disclosure-requests"
    form_fields = admin_forms.EDIT_FIELDS
    index_template_name = "gi_wagtail/requests/admin/index.html"
    index_results_template_name = "gi_wagtail/requests/admin/index_results.html"

    def get_form_class(self, for_update: bool = False) -> type:
        return admin_forms.EditRequestForm if for_update else admin_forms.RegisterRequestForm

"""Views of the handlers' register: listing (with report-cell drill-down), registration, detail with actions."""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import CreateView, EditView, IndexView, InspectView
from wagtail.models import ModelLogEntry

from gi_wagtail.requests import admin_forms, deadlines, services, tables, workdays
from gi_wagtail.requests.fees import FeeMethod
from gi_wagtail.requests.models import Appeal, AppealResult, DisclosureRequest, EventKind, Status
from gi_wagtail.requests.outcomes import ApplicantType, Outcome
from gi_wagtail.security.spreadsheets import SafeSpreadsheetExportMixin

PAUSED_STATUSES = (Status.AWAITING_CORRECTION, Status.CONSULTING, Status.AWAITING_FEE)
ROW_LABELS = {
    "received": gettext_lazy("New requests received in the year"),
    "carried_in": gettext_lazy("Carried over from the previous year"),
    "handled_total": gettext_lazy("Answered in the year (total)"),
    "carried_out": gettext_lazy("Carried over to the next year"),
    "other": gettext_lazy("Other"),
}


def due_state(request: DisclosureRequest, today: datetime.date) -> str:
    """``paused``, ``overdue``, ``near_due``, ``on_time`` or ``""`` (closed or unknown)."""
    if not request.is_open:
        return ""
    if request.status in PAUSED_STATUSES:
        return "paused"
    if request.due_on is None:
        return ""
    if today > request.due_on:
        return "overdue"
    try:
        left = workdays.workdays_between(today, request.due_on)
    except workdays.CalendarRangeError:
        return "on_time"
    return "near_due" if left <= deadlines.NEAR_DUE_WORKDAYS else "on_time"


class DueColumn(Column):
    """The due date, with overdue and near-due requests marked in words and colour."""

    cell_template_name = "gi_wagtail/requests/admin/due_cell.html"

    def get_cell_context_data(self, instance: DisclosureRequest, parent_context: Any) -> dict[str, Any]:
        context = super().get_cell_context_data(instance, parent_context)
        context["state"] = due_state(instance, timezone.localdate())
        return context


class RequestIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The register; ``?year=&report_format=&cell=&organisation=`` shows the requests behind a table 三 cell."""

    page_title = gettext_lazy("Requests for disclosure")
    add_item_label = gettext_lazy("Register a request")

    def _get_title_column(self, field_name: str, column_class: type = TitleColumn, **kwargs: Any) -> Column:
        column_class = self._get_title_column_class(column_class)
        return self._get_custom_column(field_name, column_class, get_url=self.get_inspect_url, **kwargs)

    @cached_property
    def cell(self) -> dict[str, Any] | None:
        """The report cell asked for, or ``None``; ``{"error": …}`` when the address is not valid."""
        params = self.request.GET
        address = params.get("cell")
        if not address:
            return None
        try:
            year = int(params.get("year", ""))
            report_format = params.get("report_format", "2021")
            _table, row, column = address.split(".")
            if _table != "table3" or (column != "total" and column not in ApplicantType.values):
                raise ValueError(address)
            organisation = None
            if params.get("organisation"):
                organisation_model = DisclosureRequest._meta.get_field("organisation").related_model
                organisation = organisation_model.objects.get(pk=int(params["organisation"]))
            queryset = tables.requests_for_cell(year, report_format, address, organisation)
        except (ValueError, LookupError, ObjectDoesNotExist):
            return {"error": _("This table 三 cell address is not valid.")}
        row_label = ROW_LABELS.get(row) or dict(Outcome.choices).get(row, row)
        column_label = dict(ApplicantType.choices).get(column) or _("Total")
        heading = _("Table 三, %(year)s (%(format)s format): %(row)s — %(column)s") % {
            "year": year,
            "format": report_format,
            "row": row_label,
            "column": column_label,
        }
        if organisation is not None:
            heading = f"{heading} · {organisation}"
        return {"heading": heading, "queryset": queryset}

    def get_base_queryset(self) -> Any:
        queryset = super().get_base_queryset().select_related("organisation", "handler")
        if self.cell is not None:
            if "error" in self.cell:
                return queryset.none()
            return self.cell["queryset"].select_related("organisation", "handler")
        return queryset

    def get_context_data(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(*args, **kwargs)
        context["report_cell"] = self.cell
        return context


class RegisterView(CreateView):
    """Staff registration: the reference number, identity key, due date and audit entry come from the service."""

    inspect_url_name: str | None = None

    def save_instance(self) -> DisclosureRequest:
        fields = {name: self.form.cleaned_data[name] for name in admin_forms.REGISTER_FIELDS}
        return services.register(fields, user=self.request.user)

    def form_valid(self, form: forms.Form) -> HttpResponse:
        try:
            return super().form_valid(form)
        except services.RequestError as error:
            form.add_error(None, str(error))
            messages.error(self.request, str(error))
            return self.render_to_response(self.get_context_data(form=form))

    def get_success_url(self) -> str:
        return reverse(self.inspect_url_name, args=(self.object.pk,))

    def get_success_message(self, instance: DisclosureRequest) -> str:
        return _("Request %(reference)s registered; due on %(due)s.") % {
            "reference": instance.reference,
            "due": instance.due_on.isoformat() if instance.due_on else "-",
        }


class EditRequestView(EditView):
    """Corrections keep the applicant identity key (fee counting) in step with the details."""

    def save_instance(self) -> DisclosureRequest:
        instance = self.form.instance
        instance.identity_key = services.identity_key(
            instance.applicant_id_number, instance.applicant_name, instance.applicant_phone
        )
        return super().save_instance()

    def get_success_url(self) -> str:
        return reverse(self.inspect_url_name, args=(self.object.pk,))


class RequestInspectView(InspectView):
    """All of one request (personal data shown only here), its deadline, steps, fee, appeals and the actions."""

    template_name = "gi_wagtail/requests/admin/inspect.html"
    history_url_name: str | None = None
    ACTIONS: dict[str, type[forms.Form]] = {
        "event": admin_forms.EventForm,
        "extend": admin_forms.ExtensionForm,
        "fee_notice": admin_forms.FeeNoticeForm,
        "fee_paid": admin_forms.FeePaidForm,
        "fee_waived": admin_forms.FeeWaivedForm,
        "reply": admin_forms.ReplyForm,
        "split": admin_forms.SplitForm,
        "appeal": admin_forms.AppealForm,
        "appeal_decision": admin_forms.AppealDecisionForm,
    }

    def get_object(self, queryset: Any = None) -> DisclosureRequest:
        obj = super().get_object(queryset)
        return DisclosureRequest.objects.select_related("organisation", "handler", "parent").get(pk=obj.pk)

    def get_fields(self) -> list[str]:
        return [
            "reference", "status", "channel", "received_on", "organisation", "handler", "parent",
            *admin_forms.APPLICANT_FIELDS, *admin_forms.REQUEST_FIELDS,
            "outcome", "replied_on", "reply_note", "anonymised_at",
        ]  # fmt: skip

    def get_page_subtitle(self) -> str:
        return self.object.reference

    def forms(self, bound: tuple[str, forms.Form] | None = None) -> dict[str, forms.Form]:
        built = {name: form_class(prefix=name) for name, form_class in self.ACTIONS.items()}
        if bound:
            built[bound[0]] = bound[1]
        return built

    def deadline(self) -> dict[str, Any]:
        try:
            deadline = services.deadline_of(self.object)
        except workdays.CalendarRangeError as error:
            return {"error": str(error)}
        today = timezone.localdate()
        try:
            left = deadline.workdays_left(today) if self.object.is_open else None
        except workdays.CalendarRangeError:
            left = None
        waiting = {
            "correction": _("the applicant's correction (补正)"),
            "third_party_sent": _("the third party's opinion"),
            "agency_sent": _("the other agency's opinion"),
            "fee_notice_sent": _("payment of the fee"),
        }
        return {
            "deadline": deadline,
            "overdue": self.object.is_open and deadline.overdue(today),
            "workdays_left": left,
            "overdue_by": -left if left is not None and left < 0 else 0,
            "state": due_state(self.object, today),
            "waiting_for": [waiting.get(k, k) for k in deadline.waiting_for] if self.object.is_open else [],
        }

    def get_fee_waiver_requested_display_value(self) -> str:
        return _("Yes") if self.object.fee_waiver_requested else _("No")

    def log_entries(self) -> list[dict[str, Any]]:
        """The latest audit entries, each with the step it recorded in words."""
        kinds = dict(EventKind.choices)
        entries = ModelLogEntry.objects.for_instance(self.object).select_related("user").order_by("-timestamp")
        return [
            {
                "timestamp": entry.timestamp,
                "message": entry.message,
                "detail": kinds.get((entry.data or {}).get("event", ""), ""),
                "user": entry.user,
            }
            for entry in entries[:50]
        ]

    def per_request_fee(self) -> Any:
        probe = copy.copy(self.object)
        probe.fee_method = FeeMethod.PER_REQUEST
        return services.suggested_fee(probe)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = self.object
        action_forms = kwargs.get("forms") or self.forms()
        media = forms.Media()
        for form in action_forms.values():
            media += form.media
        context.update(
            forms=action_forms,
            action_media=media,
            can_change=self.user_has_permission("change"),
            deadline=self.deadline(),
            events=obj.events.select_related("user"),
            appeals=obj.appeals.all(),
            parts=obj.parts.all(),
            suggested_fee=services.suggested_fee(obj),
            per_request_fee=self.per_request_fee(),
            appeal_results=AppealResult.choices,
            log_entries=self.log_entries(),
            history_url=reverse(self.history_url_name, args=(obj.pk,)) if self.history_url_name else None,
            open_action=kwargs.get("open_action"),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.user_has_permission("change"):
            raise PermissionDenied
        action = request.POST.get("action", "")
        if action not in self.ACTIONS:
            messages.error(request, _("Unknown action."))
            return redirect(request.path)
        form = self.ACTIONS[action](request.POST, prefix=action)
        if form.is_valid():
            try:
                with transaction.atomic():
                    message = self.run_action(action, form.cleaned_data)
            except services.RequestError as error:
                messages.error(request, str(error))
            except workdays.CalendarRangeError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, message)
                return redirect(request.path)
        else:
            messages.error(request, _("The step was not recorded; correct the errors below."))
        context = self.get_context_data(forms=self.forms((action, form)), open_action=action)
        return self.render_to_response(context, status=200)

    def run_action(self, action: str, data: dict[str, Any]) -> str:
        handlers: dict[str, Callable[[dict[str, Any]], str]] = {
            "event": self._event,
            "extend": self._extend,
            "fee_notice": self._fee_notice,
            "fee_paid": self._fee_paid,
            "fee_waived": self._fee_waived,
            "reply": self._reply,
            "split": self._split,
            "appeal": self._appeal,
            "appeal_decision": self._appeal_decision,
        }
        return handlers[action](data)

    @property
    def user(self) -> Any:
        return self.request.user

    def _event(self, data: dict[str, Any]) -> str:
        services.add_event(self.object, data["kind"], data["on"], self.user, note=data["note"])
        return _("Step recorded.")

    def _extend(self, data: dict[str, Any]) -> str:
        services.add_event(
            self.object,
            EventKind.EXTENDED,
            data["on"],
            self.user,
            days=data["days"],
            approved_by=data["approved_by"],
            note=data["note"],
        )
        return _("Time limit extended.")

    def _fee_notice(self, data: dict[str, Any]) -> str:
        services.add_event(self.object, EventKind.FEE_NOTICE_SENT, data["on"], self.user)
        services.set_fee(self.object, self.user, method=data["method"], pages=data["pages"], amount=data["amount"])
        return _("Fee notice recorded.")

    def _fee_paid(self, data: dict[str, Any]) -> str:
        services.add_event(self.object, EventKind.FEE_PAID, data["on"], self.user)
        services.set_fee(self.object, self.user, paid=data["paid"])
        return _("Payment recorded.")

    def _fee_waived(self, data: dict[str, Any]) -> str:
        services.add_event(self.object, EventKind.FEE_WAIVED, data["on"], self.user)
        services.set_fee(self.object, self.user, waiver_reason=data["reason"])
        return _("Fee waiver recorded.")

    def _reply(self, data: dict[str, Any]) -> str:
        services.reply(self.object, data["outcome"], data["on"], self.user, note=data["note"])
        return _("Reply recorded; the request is closed.")

    def _split(self, data: dict[str, Any]) -> str:
        parts = services.split(self.object, data["descriptions"], self.user)
        return _("Split into %(refs)s.") % {"refs": ", ".join(p.reference for p in parts)}

    def _appeal(self, data: dict[str, Any]) -> str:
        services.record_appeal(
            self.object,
            data["kind"],
            data["filed_on"],
            self.user,
            result=data["result"],
            decided_on=data["decided_on"],
            note=data["note"],
        )
        return _("Review or lawsuit recorded.")

    def _appeal_decision(self, data: dict[str, Any]) -> str:
        appeal = Appeal.objects.filter(request=self.object, pk=data["appeal"]).first()
        if appeal is None:
            raise services.RequestError(_("This review or lawsuit does not belong to the request."))
        services.update_appeal(appeal, self.user, result=data["result"], decided_on=data["decided_on"])
        return _("Decision recorded.")

"""Forms of the handlers' register: staff registration, editing, and the actions on one request."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateInput

from gi_wagtail.requests import deadlines
from gi_wagtail.requests.fees import FeeMethod
from gi_wagtail.requests.models import (
    AppealKind,
    AppealResult,
    Channel,
    DisclosureRequest,
    EventKind,
)
from gi_wagtail.requests.outcomes import Outcome
from gi_wagtail.requests.setup import HANDLERS

# Channels staff register by hand; online requests come from the public form.
STAFF_CHANNELS = [c for c in Channel.choices if c[0] != Channel.ONLINE]

RECEIPT_HELP = _(
    "The date of receipt that the rules give for the channel (条例第三十一条): in person, the day the "
    "application is handed in; registered post, the day it is signed for; ordinary post, the day the agency "
    "confirmed the application with the applicant; fax, e-mail or an online platform, the day both sides "
    "confirmed it."
)

APPLICANT_FIELDS = [
    "applicant_type",
    "applicant_name",
    "applicant_id_type",
    "applicant_id_number",
    "applicant_contact",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "applicant_postcode",
]
REQUEST_FIELDS = ["description", "document_numbers", "form_wanted", "delivery", "fee_waiver_requested"]
REGISTER_FIELDS = ["channel", "received_on", "organisation", *APPLICANT_FIELDS, *REQUEST_FIELDS, "handler"]
EDIT_FIELDS = ["organisation", "handler", *APPLICANT_FIELDS, *REQUEST_FIELDS]


def limit_handlers(form: forms.ModelForm) -> None:
    """The handler is chosen among the group's members (and superusers), not among every account."""
    field = form.fields.get("handler")
    if field is not None:
        field.queryset = (
            get_user_model()
            .objects.filter(Q(groups__name=HANDLERS) | Q(is_superuser=True), is_active=True)
            .distinct()
            .order_by(get_user_model().USERNAME_FIELD)
        )


class RegisterRequestForm(WagtailAdminModelForm):
    """Staff registration of a request received in person, by post, fax or e-mail."""

    class Meta:
        model = DisclosureRequest
        fields = REGISTER_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = [("", "---------"), *STAFF_CHANNELS]
        self.fields["received_on"].help_text = RECEIPT_HELP
        self.fields["received_on"].initial = timezone.localdate
        limit_handlers(self)

    def clean_received_on(self) -> Any:
        value = self.cleaned_data["received_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("The date of receipt cannot be in the future."))
        return value


class EditRequestForm(WagtailAdminModelForm):
    """Corrections to the applicant's details and the request; dates and steps change only through actions."""

    class Meta:
        model = DisclosureRequest
        fields = EDIT_FIELDS

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_handlers(self)


def _date_field(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(label=label, required=required, widget=AdminDateInput, initial=timezone.localdate)


EVENT_CHOICES = [
    (k, label)
    for k, label in EventKind.choices
    if k
    not in (
        EventKind.REPLIED,
        EventKind.SPLIT,
        EventKind.EXTENDED,
        EventKind.FEE_NOTICE_SENT,
        EventKind.FEE_PAID,
        EventKind.FEE_WAIVED,
    )
]


class EventForm(forms.Form):
    """A dated step: 补正, consultation of a third party or another agency, or a note."""

    kind = forms.ChoiceField(label=_("Step"), choices=EVENT_CHOICES)
    on = _date_field(_("Date"))
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class ExtensionForm(forms.Form):
    on = _date_field(_("Date of the extension"))
    days = forms.IntegerField(
        label=_("Working days added"),
        min_value=1,
        max_value=deadlines.MAX_EXTENSION_WORKDAYS,
        help_text=_("At most 20 working days, once (条例第三十三条)."),
    )
    approved_by = forms.CharField(
        label=_("Approved by"), max_length=100, help_text=_("The head of the disclosure office who approved it.")
    )
    note = forms.CharField(
        label=_("Reason for the extension"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class FeeNoticeForm(forms.Form):
    on = _date_field(_("Date of the fee notice"))
    method = forms.ChoiceField(label=_("Fee method"), choices=[c for c in FeeMethod.choices if c[0]])
    pages = forms.IntegerField(label=_("Pages"), min_value=1, required=False, help_text=_("For a fee by page."))
    amount = forms.DecimalField(
        label=_("Fee (yuan)"),
        min_value=0,
        max_digits=10,
        decimal_places=2,
        required=False,
        help_text=_("Leave blank for the fee the rules give (国办函〔2020〕109号)."),
    )


class FeePaidForm(forms.Form):
    on = _date_field(_("Date of payment"))
    paid = forms.DecimalField(label=_("Amount paid (yuan)"), min_value=0, max_digits=10, decimal_places=2)


class FeeWaivedForm(forms.Form):
    on = _date_field(_("Date of the waiver"))
    reason = forms.CharField(label=_("Reason for the waiver"), max_length=255)


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "---------"), *Outcome.choices])
    on = _date_field(_("Date of reply"))
    note = forms.CharField(label=_("Reply summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SplitForm(forms.Form):
    descriptions = forms.CharField(
        label=_("Parts"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("一事一申请: one description per line; each line becomes a request of its own."),
    )

    def clean_descriptions(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["descriptions"].splitlines() if line.strip()]


class AppealForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AppealKind.choices)
    filed_on = _date_field(_("Filed on"))
    result = forms.ChoiceField(label=_("Result"), choices=AppealResult.choices, initial=AppealResult.PENDING)
    decided_on = _date_field(_("Decided on"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = None


class AppealDecisionForm(forms.Form):
    appeal = forms.IntegerField(widget=forms.HiddenInput)
    result = forms.ChoiceField(label=_("Result"), choices=AppealResult.choices)
    decided_on = _date_field(_("Decided on"), required=False)

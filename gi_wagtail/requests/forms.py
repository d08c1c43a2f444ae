"""Public forms of 依申请公开: the application (条例第二十九条), the 查询码 lookup and the 补正 answer.

Every message is translated; the form keeps what was typed when it is shown again with errors.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from captcha.fields import CaptchaField
from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gi_wagtail.requests.identity import is_credit_code, is_phone, is_resident_id, normalise_phone, strip_controls
from gi_wagtail.requests.models import CODE_ALPHABET, CODE_LENGTH, Delivery, FormWanted, IdType
from gi_wagtail.requests.outcomes import ApplicantType

DESCRIPTION_MIN = 5
DESCRIPTION_MAX = 2000
CORRECTION_MAX = 2000

PERSON_ID_TYPES = [(IdType.ID_CARD, IdType.ID_CARD.label), (IdType.PASSPORT, IdType.PASSPORT.label),
                   (IdType.OTHER_ID, IdType.OTHER_ID.label)]  # fmt: skip


def _required(message: str) -> dict[str, Any]:
    return {"required": message}


class ApplicationForm(forms.Form):
    """政府信息公开申请表: who applies, how to reach them, what they ask for and how they want it."""

    applicant_type = forms.ChoiceField(
        label=_("Applicant"),
        choices=ApplicantType.choices,
        initial=ApplicantType.NATURAL_PERSON,
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose whether you apply as a natural person or an organisation.")),
    )
    applicant_name = forms.CharField(
        label=_("Name"),
        max_length=200,
        help_text=_("Your full name, or the full name of the organisation."),
        error_messages=_required(_("Enter your name or the organisation's name.")),
    )
    applicant_id_type = forms.ChoiceField(
        label=_("Identity document"),
        choices=[("", _("Choose a document")), *PERSON_ID_TYPES],
        required=False,
        help_text=_("Natural persons only. Organisations give their unified social credit code below."),
    )
    applicant_id_number = forms.CharField(
        label=_("Document number or unified social credit code"),
        max_length=64,
        error_messages=_required(_("Enter the number of your identity document or the unified social credit code.")),
    )
    applicant_contact = forms.CharField(
        label=_("Contact person"),
        max_length=100,
        required=False,
        help_text=_("Organisations only: the person who handles this application."),
    )
    applicant_phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        help_text=_("A mobile number, or a landline with its area code, e.g. 0533-6961249."),
        error_messages=_required(_("Enter a phone number so that the office can reach you.")),
    )
    applicant_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        error_messages={"invalid": _("Enter an e-mail address such as name@example.com.")},
    )
    applicant_address = forms.CharField(label=_("Postal address"), max_length=255, required=False)
    applicant_postcode = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    description = forms.CharField(
        label=_("Description of the information"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "The name of the document or information, and any other features that identify it "
            "(issuing office, date, subject). One matter per application."
        ),
        error_messages=_required(_("Describe the government information you are asking for.")),
    )
    document_numbers = forms.CharField(
        label=_("Document number (文号), if known"),
        max_length=255,
        required=False,
        help_text=_("E.g. 高科发〔2024〕12号."),
    )
    form_wanted = forms.ChoiceField(
        label=_("Form in which the information should be provided"),
        choices=FormWanted.choices,
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose the form in which you want the information.")),
    )
    delivery = forms.ChoiceField(
        label=_("How it should be delivered"),
        choices=[c for c in Delivery.choices if c[0] != Delivery.FAX],
        widget=forms.RadioSelect,
        error_messages=_required(_("Choose how the information should be delivered to you.")),
    )
    fee_waiver_requested = forms.BooleanField(
        label=_("I ask for the information processing fee to be reduced or waived"),
        required=False,
        help_text=_("For applicants in financial difficulty (国办函〔2020〕109号); the office may ask for proof."),
    )
    consent = forms.BooleanField(
        label=_(
            "I confirm that the details above are true, and agree that they are used only to handle this application."
        ),
        error_messages=_required(_("Confirm that the details are true before you submit the application.")),
    )
    captcha = CaptchaField(
        label=_("Verification code"),
        help_text=_("Type the characters shown in the picture."),
        error_messages={"invalid": _("The verification code is wrong. Type the characters in the new picture.")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["applicant_id_number"].widget.attrs["autocomplete"] = "off"
        autocomplete = {
            "applicant_name": "name",
            "applicant_phone": "tel",
            "applicant_email": "email",
            "applicant_address": "street-address",
            "applicant_postcode": "postal-code",
        }
        for name, value in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = value
        self.fields["applicant_phone"].widget.input_type = "tel"
        self.fields["applicant_postcode"].widget.attrs["inputmode"] = "numeric"
        self.fields["description"].widget.attrs["maxlength"] = DESCRIPTION_MAX

    def _clean_text(self, name: str, keep_newlines: bool = False) -> str:
        return strip_controls(self.cleaned_data.get(name) or "", keep_newlines)

    def clean_applicant_name(self) -> str:
        value = self._clean_text("applicant_name")
        if not value:
            raise forms.ValidationError(_("Enter your name or the organisation's name."))
        return value

    def clean_applicant_contact(self) -> str:
        return self._clean_text("applicant_contact")

    def clean_applicant_id_number(self) -> str:
        return "".join(self._clean_text("applicant_id_number").split()).upper()

    def clean_applicant_phone(self) -> str:
        value = normalise_phone(self._clean_text("applicant_phone"))
        if not is_phone(value):
            raise forms.ValidationError(
                _("Enter a mobile number of 11 digits, or a landline number with its area code, e.g. 0533-6961249.")
            )
        return value

    def clean_applicant_address(self) -> str:
        return self._clean_text("applicant_address")

    def clean_applicant_postcode(self) -> str:
        value = "".join(self._clean_text("applicant_postcode").split())
        if value and not (len(value) == 6 and value.isascii() and value.isdigit()):
            raise forms.ValidationError(_("A postcode has 6 digits."))
        return value

    def clean_description(self) -> str:
        value = self._clean_text("description", keep_newlines=True)
        if len(value) < DESCRIPTION_MIN:
            raise forms.ValidationError(
                _("Describe the information in at least %(min)d characters, so that the office can find it."),
                params={"min": DESCRIPTION_MIN},
            )
        if len(value) > DESCRIPTION_MAX:
            raise forms.ValidationError(
                _("The description is too long: at most %(max)d characters (you typed %(count)d)."),
                params={"max": DESCRIPTION_MAX, "count": len(value)},
            )
        return value

    def clean_document_numbers(self) -> str:
        return self._clean_text("document_numbers")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        applicant_type = data.get("applicant_type")
        number = data.get("applicant_id_number")
        if applicant_type == ApplicantType.NATURAL_PERSON:
            id_type = data.get("applicant_id_type")
            if not id_type:
                self.add_error("applicant_id_type", _("Choose the kind of identity document."))
            elif id_type == IdType.ID_CARD and number and not is_resident_id(number):
                self.add_error(
                    "applicant_id_number",
                    _(
                        "This is not a valid resident identity card number: it has 18 characters and the last is a check digit (0–9 or X)."
                    ),
                )
            data["applicant_contact"] = ""
        elif applicant_type:
            data["applicant_id_type"] = IdType.CREDIT_CODE
            if number and not is_credit_code(number):
                self.add_error(
                    "applicant_id_number",
                    _(
                        "This is not a valid unified social credit code: it has 18 characters (digits and capital letters, without I, O, S, V and Z) and the last is a check character."
                    ),
                )
            if not data.get("applicant_contact"):
                self.add_error("applicant_contact", _("Enter the name of the contact person of the organisation."))
        delivery = data.get("delivery")
        if delivery == Delivery.EMAIL and not data.get("applicant_email") and "applicant_email" not in self.errors:
            self.add_error("applicant_email", _("Enter an e-mail address: you chose delivery by e-mail."))
        if delivery == Delivery.POST:
            if not data.get("applicant_address"):
                self.add_error("applicant_address", _("Enter a postal address: you chose delivery by post."))
            if not data.get("applicant_postcode") and "applicant_postcode" not in self.errors:
                self.add_error("applicant_postcode", _("Enter the postcode: you chose delivery by post."))
        return data

    def request_fields(self) -> dict[str, Any]:
        """The cleaned data as DisclosureRequest fields (without channel, date and organisation)."""
        data = self.cleaned_data
        names = (
            "applicant_type", "applicant_name", "applicant_id_type", "applicant_id_number", "applicant_contact",
            "applicant_phone", "applicant_email", "applicant_address", "applicant_postcode", "description",
            "document_numbers", "form_wanted", "delivery", "fee_waiver_requested",
        )  # fmt: skip
        return {name: data.get(name) or ("" if name != "fee_waiver_requested" else False) for name in names}


def normalise_code(code: str) -> str:
    """A 查询码 as typed (spaces, hyphens, lower case, full-width letters) in its stored form."""
    code = unicodedata.normalize("NFKC", code or "").upper()
    return "".join(ch for ch in code if ch.isalnum())


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Lookup code (查询码)"),
        max_length=40,
        error_messages=_required(_("Enter the lookup code from your receipt.")),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = gettext("The %(length)d characters on your receipt (登记回执).") % {
            "length": CODE_LENGTH
        }
        attrs = self.fields["code"].widget.attrs
        attrs.update({"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"})

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        # A malformed code gets the same answer as an unknown one (the view says so).
        return code if len(code) == CODE_LENGTH and all(c in CODE_ALPHABET for c in code) else ""


class CorrectionForm(forms.Form):
    """The applicant's answer to a 补正 request: the corrected or completed description."""

    text = forms.CharField(
        label=_("Your correction"),
        widget=forms.Textarea(attrs={"rows": 6, "maxlength": CORRECTION_MAX}),
        help_text=_("Describe the information again as the office asked: its name, 文号, date or other features."),
        error_messages=_required(_("Write your correction before you send it.")),
    )

    def clean_text(self) -> str:
        value = strip_controls(self.cleaned_data.get("text") or "", keep_newlines=True)
        if len(value) < 2:
            raise forms.ValidationError(_("Write your correction before you send it."))
        if len(value) > CORRECTION_MAX:
            raise forms.ValidationError(
                _("The correction is too long: at most %(max)d characters (you typed %(count)d)."),
                params={"max": CORRECTION_MAX, "count": len(value)},
            )
        return value

"""The form a 保密审查 / 领导审签 reviewer fills in when deciding."""

from django import forms
from django.utils.translation import gettext_lazy as _

from gi_wagtail.review.personal_data import findings_for_token


class ReviewDecisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the item may or may not be published, e.g. 不涉及国家秘密和个人隐私，同意公开."),
    )
    reviewer_name = forms.CharField(
        label=_("Reviewer name"),
        max_length=100,
        help_text=_("Your name as it should appear in the review record."),
    )


class ApprovalDecisionForm(ReviewDecisionForm):
    """Approval (通过): personal data found in the item must be acknowledged with a reason.

    ``reviewed_state`` only lets the modal show this as a form error; ``on_action`` checks the real
    task state again whatever the form says.
    """

    OVERRIDE_FIELDS = ("personal_data_override", "personal_data_reason")

    reviewed_state = forms.CharField(required=False, widget=forms.HiddenInput)
    personal_data_override = forms.BooleanField(
        label=_("Publish although personal data was found"),
        required=False,
        help_text=_(
            "Only where publishing it is lawful (e.g. a 公示 the law requires) or the hits are not personal data."
        ),
    )
    personal_data_reason = forms.CharField(
        label=_("Why the personal data may be published"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self) -> dict:
        data = super().clean()
        if findings_for_token(data.get("reviewed_state")):
            check_override(self, data)
        return data


def check_override(form: forms.Form, data: dict) -> bool:
    """Adds errors to ``form`` unless the override is ticked and has a reason; True when it does."""
    ok = True
    if not data.get("personal_data_override"):
        form.add_error(
            "personal_data_override",
            _("Personal data was found in this item: tick this box to approve it anyway, or reject it."),
        )
        ok = False
    if not (data.get("personal_data_reason") or "").strip():
        form.add_error("personal_data_reason", _("Give the reason why the personal data may be published."))
        ok = False
    return ok

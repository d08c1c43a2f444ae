"""The form a 保密审查 / 领导审签 reviewer fills in when deciding."""

from django import forms
from django.utils.translation import gettext_lazy as _


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

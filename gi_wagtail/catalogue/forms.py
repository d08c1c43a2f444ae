"""Admin form for disclosure items: lets model validation see the parent of a page being created,
fills in the 发布机构 (publishing organisation) of a new item with the agency of its disclosure root,
and guards the 发布日期: inspectors veto a site for forged publication dates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from gi_wagtail.catalogue.models.vocabularies import Organisation
from gi_wagtail.catalogue.publishing import agency_organisation
from gi_wagtail.catalogue.validation import validate_doc_no

__all__ = ["DisclosureItemAdminForm", "agency_organisation"]


class DisclosureItemAdminForm(WagtailAdminPageForm):
    # Not model fields: read by clean() and by the after_edit_page hook that writes the audit log.
    published_on_reason = forms.CharField(
        label=_("Reason for changing the publication date"),
        required=False,
        max_length=200,
        help_text=_("Required when the publication date of an item that has been published is changed."),
    )
    published_on_confirmed = forms.BooleanField(
        label=_("I confirm this publication date"),
        required=False,
        help_text=_("Required for a date in the future or before the item was created in the system."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A new page has no tree position yet; clean() needs the agency for the 索引号 check.
        if self.parent_page is not None:
            self.instance._gi_parent_page = self.parent_page
        if self._is_new() and "organisation" in self.fields and not self.initial.get("organisation"):
            organisation = self._default_organisation()
            if organisation is not None:
                self.initial["organisation"] = organisation.pk

    def _is_new(self) -> bool:
        return self.instance.pk is None and self.parent_page is not None

    def _default_organisation(self) -> Organisation | None:
        if not hasattr(self, "_gi_default_organisation"):
            agency = self.instance.find_agency() if hasattr(self.instance, "find_agency") else None
            self._gi_default_organisation = agency_organisation(agency) if agency is not None else None
        return self._gi_default_organisation

    def clean_organisation(self) -> Organisation | None:
        # A new item left without a 发布机构 is published by the agency of its disclosure root.
        value = self.cleaned_data.get("organisation")
        if value is None and self._is_new():
            value = self._default_organisation()
        return value

    def clean_doc_no(self) -> str:
        # Editors get the format checked; imports keep legacy 文号 verbatim (model clean does not check it).
        value = self.cleaned_data.get("doc_no", "")
        validate_doc_no(value)
        return value

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        new = cleaned.get("published_on")
        field = self.fields.get("published_on")
        if new and field is not None:
            # The initial value comes from the latest revision's JSON: a string, not a date.
            old = field.to_python(self.initial.get("published_on"))
            if old != new:
                self._check_publication_date(old, new)
        return cleaned

    def _check_publication_date(self, old: dt.date | None, new: dt.date) -> None:
        instance = self.instance
        created = self._created_on()
        confirmed = self.cleaned_data.get("published_on_confirmed")
        if new > timezone.localdate() and not confirmed:
            self.add_error(
                "published_on_confirmed",
                _("%(date)s is in the future. Tick the box to confirm the date is right.") % {"date": new.isoformat()},
            )
        elif new < created and not confirmed:
            self.add_error(
                "published_on_confirmed",
                _(
                    "%(date)s is before the item was created in the system (%(created)s). "
                    "Tick the box to confirm the date is right."
                )
                % {"date": new.isoformat(), "created": created.isoformat()},
            )
        reason = (self.cleaned_data.get("published_on_reason") or "").strip()
        if instance.first_published_at is not None and not reason:
            self.add_error(
                "published_on_reason",
                _("This item has been published: give a reason for changing its publication date."),
            )
        # The hook that logs the change reads this after the page is saved.
        instance._gi_publication_date_change = {
            "old": old.isoformat() if old else None,
            "new": new.isoformat(),
            "reason": reason,
            "confirmed": bool(self.cleaned_data.get("published_on_confirmed")),
        }

    def _created_on(self) -> dt.date:
        """The day the item entered the system: its first revision, or today for a new item."""
        instance = self.instance
        first = None
        if instance.pk:
            first = instance.revisions.order_by("created_at").values_list("created_at", flat=True).first()
        first = first or instance.first_published_at
        return timezone.localdate(first) if first else timezone.localdate()

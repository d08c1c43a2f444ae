"""Admin form for disclosure items: lets model validation see the parent of a page being created,
and fills in the 发布机构 (publishing organisation) of a new item with the agency of its disclosure root."""

from __future__ import annotations

from typing import Any

from wagtail.admin.forms import WagtailAdminPageForm

from gi_wagtail.catalogue.models.vocabularies import Organisation
from gi_wagtail.catalogue.publishing import agency_organisation
from gi_wagtail.catalogue.validation import validate_doc_no

__all__ = ["DisclosureItemAdminForm", "agency_organisation"]


class DisclosureItemAdminForm(WagtailAdminPageForm):
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

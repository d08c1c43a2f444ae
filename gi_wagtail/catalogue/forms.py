"""Admin form for disclosure items: lets model validation see the parent of a page being created,
and fills in the 发布机构 (publishing organisation) of a new item with the agency of its disclosure root."""

from django.db import IntegrityError, transaction
from wagtail.admin.forms import WagtailAdminPageForm

from gi_wagtail.catalogue.validation import validate_doc_no


def agency_organisation(agency, create=True):
    """The Organisation snippet named after ``agency`` (a disclosure index page), or None.

    Created when missing (with the agency's 组织机构代码), so an editor finds the agency
    already chosen; ``create=False`` only looks it up (dry runs).
    """
    from gi_wagtail.models import Organisation

    agency = getattr(agency, "specific", agency)  # tree queries give plain Page objects
    name = (getattr(agency, "agency_name", "") or "").strip()
    if not name:
        return None
    found = Organisation.objects.filter(name=name).first()
    if found is not None or not create:
        return found
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, org_code=getattr(agency, "org_code", "") or "")
    except IntegrityError:  # created meanwhile by another request (the name is unique)
        return Organisation.objects.get(name=name)


class DisclosureItemAdminForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new page has no tree position yet; clean() needs the agency for the 索引号 check.
        if self.parent_page is not None:
            self.instance._gi_parent_page = self.parent_page
        if self._is_new() and "organisation" in self.fields and not self.initial.get("organisation"):
            organisation = self._default_organisation()
            if organisation is not None:
                self.initial["organisation"] = organisation.pk

    def _is_new(self):
        return self.instance.pk is None and self.parent_page is not None

    def _default_organisation(self):
        if not hasattr(self, "_gi_default_organisation"):
            agency = self.instance.find_agency() if hasattr(self.instance, "find_agency") else None
            self._gi_default_organisation = agency_organisation(agency) if agency is not None else None
        return self._gi_default_organisation

    def clean_organisation(self):
        # A new item left without a 发布机构 is published by the agency of its disclosure root.
        value = self.cleaned_data.get("organisation")
        if value is None and self._is_new():
            value = self._default_organisation()
        return value

    def clean_doc_no(self):
        # Editors get the format checked; imports keep legacy 文号 verbatim (model clean does not check it).
        value = self.cleaned_data.get("doc_no", "")
        validate_doc_no(value)
        return value

"""Admin form for disclosure items: lets model validation see the parent of a page being created."""

from wagtail.admin.forms import WagtailAdminPageForm

from .validators import validate_doc_no


class DisclosureItemAdminForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new page has no tree position yet; clean() needs the agency for the 索引号 check.
        if self.parent_page is not None:
            self.instance._gi_parent_page = self.parent_page

    def clean_doc_no(self):
        # Editors get the format checked; imports keep legacy 文号 verbatim (model clean does not check it).
        value = self.cleaned_data.get("doc_no", "")
        validate_doc_no(value)
        return value

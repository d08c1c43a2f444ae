"""Admin: a flat, filterable listing of every catalogue item across categories, with CSV/XLSX export."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables.pages import PageStatusColumn
from wagtail.admin.viewsets.pages import PageListingViewSet

from .models import DisclosureItemPage


class CatalogueItemListingViewSet(PageListingViewSet):
    model = DisclosureItemPage
    name = "gi_wagtail_items"
    icon = "list-ul"
    menu_label = _("Catalogue items")
    menu_order = 210
    add_to_admin_menu = True
    # Wagtail's own status column (live / draft / in moderation), with its translated header.
    list_display = ["title", "index_no", "doc_no", "published_on", "validity",
                    PageStatusColumn("status", label=_("Status"), sort_key="live", width="12%")]
    list_filter = {
        "published_on": ["gte", "lte"],
        "validity": ["exact"],
        "topic": ["exact"],
        "genre": ["exact"],
        "organisation": ["exact"],
    }
    list_export = [
        "index_no", "title", "doc_no", "organisation", "written_on", "published_on", "topic", "genre",
        "validity", "effective_on", "invalid_on", "disclosure_method", "summary", "full_url",
    ]
    export_headings = {
        "index_no": _("Index number"), "title": _("Title"), "doc_no": _("Document number"),
        "organisation": _("Publishing organisation"), "written_on": _("Date written"), "published_on": _("Publication date"),
        "topic": _("Topic"), "genre": _("Genre"), "validity": _("Validity"), "effective_on": _("Effective from"),
        "invalid_on": _("Expired or repealed on"), "disclosure_method": _("Disclosure method"), "summary": _("Summary"),
        "full_url": _("URL"),
    }
    export_filename = "gi_wagtail_catalogue_items"

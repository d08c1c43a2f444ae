"""Catalogue admin: the flat item listing (CSV/XLSX export) and the vocabulary snippet viewsets."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.admin.ui.tables.pages import PageStatusColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from gi_wagtail.catalogue.models.item import DisclosureItemPage
from gi_wagtail.catalogue.models.vocabularies import Genre, Organisation, TopicClass
from gi_wagtail.security.spreadsheets import SafeSpreadsheetExportMixin
from gi_wagtail.text.normalise import to_simplified


class CatalogueItemIndexView(SafeSpreadsheetExportMixin, IndexView):
    """The item listing; its CSV and XLSX exports carry no formulas or control characters."""


class CatalogueItemListingViewSet(PageListingViewSet):
    model = DisclosureItemPage
    index_view_class = CatalogueItemIndexView
    name = "gi_wagtail_items"
    icon = "list-ul"
    menu_label = _("Catalogue items")
    menu_order = 210
    add_to_admin_menu = True
    # Wagtail's own status column (live / draft / in moderation), with its translated header.
    list_display = [
        "title",
        "index_no",
        "doc_no",
        "published_on",
        "validity",
        PageStatusColumn("status", label=_("Status"), sort_key="live", width="12%"),
    ]
    list_filter = {
        "published_on": ["gte", "lte"],
        "validity": ["exact"],
        "topic": ["exact"],
        "genre": ["exact"],
        "organisation": ["exact"],
    }
    list_export = [
        "index_no",
        "title",
        "doc_no",
        "organisation",
        "written_on",
        "published_on",
        "topic",
        "genre",
        "validity",
        "effective_on",
        "invalid_on",
        "disclosure_method",
        "summary",
        "full_url",
    ]
    export_headings = {
        "index_no": _("Index number"),
        "title": _("Title"),
        "doc_no": _("Document number"),
        "organisation": _("Publishing organisation"),
        "written_on": _("Date written"),
        "published_on": _("Publication date"),
        "topic": _("Topic"),
        "genre": _("Genre"),
        "validity": _("Validity"),
        "effective_on": _("Effective from"),
        "invalid_on": _("Expired or repealed on"),
        "disclosure_method": _("Disclosure method"),
        "summary": _("Summary"),
        "full_url": _("URL"),
    }
    export_filename = "gi_wagtail_catalogue_items"


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "short_name", "org_code"]
    search_fields = ["name", "short_name"]
    # Substring match in the database: Chinese names have no word breaks, and the SQLite
    # full-text backend fails on per-field searches (no such column: name).
    search_backend_name = None


# 主题分类 is searched by substring of its name, its aliases or its parent class's name, in the database:
# the few hundred classes need no search index, and a Chinese name has no spaces to split words at.
TOPIC_SEARCH_FIELDS = ["name", "aliases", "parent__name"]


class TopicSearchForm(BaseFilterForm):
    q = forms.CharField(
        label=_("Search term"), widget=forms.TextInput(attrs={"placeholder": _("Search")}), required=False
    )

    def filter(self, objects: QuerySet) -> QuerySet:
        objects = super().filter(objects)
        query = to_simplified(self.cleaned_data.get("q") or "").strip()
        if query:
            self.is_searching, self.search_query = True, query
            for word in query.split():
                match = Q()
                for field in TOPIC_SEARCH_FIELDS:
                    match |= Q(**{f"{field}__icontains": word})
                objects = objects.filter(match)
        return objects


class TopicChooseView(ChooseView):
    filter_form_class = TopicSearchForm


class TopicChooseResultsView(ChooseResultsView):
    filter_form_class = TopicSearchForm


class TopicChooserViewSet(SnippetChooserViewSet):
    choose_view_class = TopicChooseView
    choose_results_view_class = TopicChooseResultsView


class TopicClassViewSet(SnippetViewSet):
    model = TopicClass
    icon = "tag"
    menu_label = _("Topic classes")
    list_display = ["name", "parent", "sort_order"]
    list_filter = ["parent"]
    search_fields = TOPIC_SEARCH_FIELDS
    chooser_viewset_class = TopicChooserViewSet


class GenreViewSet(SnippetViewSet):
    model = Genre
    icon = "doc-full"
    menu_label = _("Genres")
    list_display = ["name", "is_official_document"]

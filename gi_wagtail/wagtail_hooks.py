from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.choosers import BaseFilterForm
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

# Hooks of the other parts register themselves when their modules are imported.
from . import workflow_hooks  # noqa: F401  (secrecy review workflow)
from .models import Genre, Organisation, TopicClass
from .reports import hooks as report_hooks  # noqa: F401  (report log action, override audit)
from .search.admin import SearchSynonymViewSet
from .search.elasticsearch import admin_hooks  # noqa: F401  (search health panel)


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
    q = forms.CharField(label=_("Search term"), widget=forms.TextInput(attrs={"placeholder": _("Search")}), required=False)

    def filter(self, objects):
        from .search.normalise import to_simplified

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


class DisclosureViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, TopicClassViewSet, GenreViewSet, SearchSynonymViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Disclosure")
    menu_name = "gi_wagtail"


register_snippet(DisclosureViewSetGroup)


@hooks.register("register_admin_viewset")
def register_catalogue_item_listing():
    from .admin_views import CatalogueItemListingViewSet

    return CatalogueItemListingViewSet()

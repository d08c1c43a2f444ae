from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
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


class TopicClassViewSet(SnippetViewSet):
    model = TopicClass
    icon = "tag"
    menu_label = _("Topic classes")
    list_display = ["name", "parent", "sort_order"]
    list_filter = ["parent"]


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

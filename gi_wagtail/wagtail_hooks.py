from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Genre, Organisation, TopicClass
from .search.admin import SearchSynonymViewSet


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

from .search.elasticsearch import admin_hooks  # noqa: E402,F401  (search health panel)

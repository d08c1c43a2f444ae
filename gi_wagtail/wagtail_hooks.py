"""Admin composition root: Wagtail imports this module; the rooms' hooks register themselves on import."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from gi_wagtail.catalogue import wagtail_hooks as catalogue_hooks  # noqa: F401  (item listing)
from gi_wagtail.catalogue.viewsets import GenreViewSet, OrganisationViewSet, TopicClassViewSet
from gi_wagtail.reports import wagtail_hooks as report_hooks  # noqa: F401  (report log action, override audit)
from gi_wagtail.requests import notice_hooks  # noqa: F401  (notice templates snippet, notice downloads)
from gi_wagtail.requests import wagtail_hooks as request_hooks  # noqa: F401  (register, log actions)
from gi_wagtail.review import wagtail_hooks as review_hooks  # noqa: F401  (secrecy review workflow)
from gi_wagtail.search.elasticsearch import wagtail_hooks as search_health_hooks  # noqa: F401  (health panel)
from gi_wagtail.search.embedded import wagtail_hooks as index_health_hooks  # noqa: F401  (health panel)
from gi_wagtail.search.wagtail_hooks import SearchSynonymViewSet
from gi_wagtail.security.documents import before_serve_document

# Attachments follow the review of the pages that use them (gi_wagtail.security.documents).
hooks.register("before_serve_document", before_serve_document)


class DisclosureViewSetGroup(SnippetViewSetGroup):
    items = (OrganisationViewSet, TopicClassViewSet, GenreViewSet, SearchSynonymViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Disclosure")
    menu_name = "gi_wagtail"


register_snippet(DisclosureViewSetGroup)

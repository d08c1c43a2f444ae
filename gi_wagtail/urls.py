"""Public URLs of gi_wagtail. Include with ``path("gi/", include("gi_wagtail.urls"))``.

URL names carry the ``gi_wagtail_`` prefix.
"""

from django.urls import include, path

from gi_wagtail.search.views import search_view, suggest_view

urlpatterns = [
    path("search/", search_view, name="gi_wagtail_search"),
    path("search/suggest/", suggest_view, name="gi_wagtail_search_suggest"),
    path("requests/", include("gi_wagtail.requests.urls")),
]

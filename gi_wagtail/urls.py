"""Public URLs of gi_wagtail. Include with ``path("gi/", include("gi_wagtail.urls"))``.

URL names carry the ``gi_wagtail_`` prefix.
"""

urlpatterns = []

"""The test project's URLs plus a stand-in for the request register's admin listing.

The listing itself (a ViewSet named ``gi_wagtail_requests``) is built elsewhere; the report
editor only needs its index URL name to link prefilled table 三 cells to it.
"""

from django.http import HttpResponse
from django.urls import include, path

from tests.urls import urlpatterns as base_patterns


def listing(request):
    return HttpResponse("register listing")


urlpatterns = [
    path("admin/requests/", include(([path("", listing, name="index")], "gi_wagtail_requests"))),
    *base_patterns,
]

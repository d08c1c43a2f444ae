"""The test project's URLs plus tiny views that exercise gi_wagtail's public-endpoint protection."""

from django.http import HttpResponse
from django.urls import include, path
from django.views.decorators.http import require_POST

from gi_wagtail.security.ratelimit import ratelimit


@ratelimit("gi_test_limited", rate="3/m")
def limited(request):
    return HttpResponse("ok")


@ratelimit("gi_test_default")
def limited_default(request):
    return HttpResponse("ok")


def boom(request):
    raise RuntimeError("internal detail: /srv/secret/path token=abc123")


@require_POST
def feedback(request):
    return HttpResponse("thanks")


urlpatterns = [
    path("t/limited/", limited),
    path("t/limited-default/", limited_default),
    path("t/boom/", boom),
    path("t/feedback/", feedback),
    path("", include("tests.urls")),
]

"""URLs of the test project: the Wagtail admin, gi_wagtail's public views, then the page tree."""

from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("gi/", include("gi_wagtail.urls")),
    path("captcha/", include("captcha.urls")),  # the captcha image of the 依申请公开 form
    path("", include(wagtail_urls)),
]

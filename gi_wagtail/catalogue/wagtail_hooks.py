"""Catalogue admin hooks (imported by the root ``gi_wagtail.wagtail_hooks``)."""

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.models import Page

from gi_wagtail.catalogue.columns import create_standard_columns
from gi_wagtail.catalogue.viewsets import CatalogueItemListingViewSet


@hooks.register("register_admin_viewset")
def register_catalogue_item_listing() -> CatalogueItemListingViewSet:
    return CatalogueItemListingViewSet()


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def create_columns_when_asked(request: HttpRequest, page: Page) -> None:
    """The 政府信息公开首页 form's "create the standard sub-columns" box."""
    if not getattr(page, "_gi_create_columns", False):
        return
    if not page.permissions_for_user(request.user).can_add_subpage():
        return
    created = create_standard_columns(page)
    if created:
        messages.success(
            request,
            ngettext("%(count)d standard column created.", "%(count)d standard columns created.", len(created))
            % {"count": len(created)},
        )

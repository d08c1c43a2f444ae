"""Catalogue admin hooks (imported by the root ``gi_wagtail.wagtail_hooks``)."""

from wagtail import hooks

from gi_wagtail.catalogue.viewsets import CatalogueItemListingViewSet


@hooks.register("register_admin_viewset")
def register_catalogue_item_listing() -> CatalogueItemListingViewSet:
    return CatalogueItemListingViewSet()

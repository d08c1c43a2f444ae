"""Catalogue admin hooks (imported by the root ``gi_wagtail.wagtail_hooks``)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.log_actions import LogActionRegistry, LogFormatter, log
from wagtail.models import Page

from gi_wagtail.catalogue.columns import create_standard_columns
from gi_wagtail.catalogue.viewsets import CatalogueItemListingViewSet

PUBLICATION_DATE_ACTION = "gi_wagtail.publication_date_changed"


@hooks.register("register_admin_viewset")
def register_catalogue_item_listing() -> CatalogueItemListingViewSet:
    return CatalogueItemListingViewSet()


class PublicationDateFormatter(LogFormatter):
    label = _("Change publication date")

    def format_message(self, log_entry: Any) -> str:
        data = log_entry.data or {}
        return _("Changed the publication date (发布日期) from %(old)s to %(new)s") % {
            "old": data.get("old") or "—",
            "new": data.get("new") or "—",
        }

    def format_comment(self, log_entry: Any) -> str:
        return (log_entry.data or {}).get("reason", "")


@hooks.register("register_log_actions")
def register_catalogue_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action(PUBLICATION_DATE_ACTION)(PublicationDateFormatter)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def log_publication_date_change(request: HttpRequest, page: Page) -> None:
    """Who changed an item's 发布日期, from what, to what and why (set by DisclosureItemAdminForm)."""
    change: dict[str, Any] | None = getattr(page, "_gi_publication_date_change", None)
    if change:
        log(instance=page, action=PUBLICATION_DATE_ACTION, user=request.user, data=change)


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

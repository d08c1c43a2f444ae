"""Wagtail hooks of the annual report area (imported from gi_wagtail.wagtail_hooks)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.log_actions import LogActionRegistry, log
from wagtail.models import Page
from wagtail.models.audit_log import BaseLogEntry

from gi_wagtail.reports.findings import ERROR
from gi_wagtail.reports.forms import OVERRIDE_PERMISSION
from gi_wagtail.reports.models import AbstractAnnualReportPage

OVERRIDE_ACTION = "gi_wagtail.report_validation_override"


@hooks.register("register_log_actions")
def register_report_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action(
        OVERRIDE_ACTION,
        _("Publish report despite validation errors"),
        _("Published the annual report despite validation errors"),
    )


def log_override(page: AbstractAnnualReportPage, user: Any) -> BaseLogEntry | None:
    """Audit entry with the reason and the errors that were overridden."""
    errors = [f.as_dict() for f in page.findings() if f.severity == ERROR]
    if not errors:
        return None
    return log(
        instance=page,
        action=OVERRIDE_ACTION,
        user=user,
        data={
            "reason": page.override_reason,
            "error_count": len(errors),
            "errors": [{"rule": e["rule"], "location": e["location"]} for e in errors[:100]],
            "revision_id": page.latest_revision_id,
        },
    )


@hooks.register("after_publish_page")
def log_report_override_on_publish(request: HttpRequest, page: Page) -> None:
    page = page.specific
    if isinstance(page, AbstractAnnualReportPage) and page.validation_override:
        log_override(page, request.user)


def _blocked_reports(objects: Iterable[Page], user: Any) -> list[AbstractAnnualReportPage]:
    """Reports whose latest revision has validation errors and no permitted, reasoned override."""
    blocked = []
    for page in objects:
        page = page.specific
        if not isinstance(page, AbstractAnnualReportPage):
            continue
        latest = page.get_latest_revision_as_object()
        if not any(f.severity == ERROR for f in latest.findings()):
            continue
        if latest.validation_override and latest.override_reason.strip() and user.has_perm(OVERRIDE_PERMISSION):
            continue
        blocked.append(latest)
    return blocked


@hooks.register("before_bulk_action")
def block_bulk_publish_of_invalid_reports(
    request: HttpRequest, action_type: str, objects: Iterable[Page], action_class_instance: object
) -> HttpResponse | None:
    # The listing's bulk "Publish" does not run the edit form, so the same rule is applied here.
    if action_type != "publish":
        return None
    blocked = _blocked_reports(objects, request.user)
    if not blocked:
        return None
    messages.error(
        request,
        _(
            "Nothing was published: %(titles)s has validation errors. Open the report to "
            "fix them or to override them with a reason."
        )
        % {"titles": "、".join(p.title for p in blocked)},
    )
    # Only a URL on this site: a crafted ?next= must not send the editor elsewhere.
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")


@hooks.register("after_bulk_action")
def log_report_override_on_bulk_publish(
    request: HttpRequest, action_type: str, objects: Iterable[Page], action_class_instance: object
) -> None:
    if action_type != "publish":
        return None
    for page in objects:
        page = page.specific
        if isinstance(page, AbstractAnnualReportPage):
            page.refresh_from_db()  # the published state
            if page.validation_override:
                log_override(page, request.user)
    return None

"""Wagtail hooks of the annual report area (imported from gi_wagtail.wagtail_hooks)."""
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log

from .findings import ERROR

OVERRIDE_ACTION = "gi_wagtail.report_validation_override"


@hooks.register("register_log_actions")
def register_report_log_actions(actions):
    actions.register_action(OVERRIDE_ACTION, _("Publish report despite validation errors"),
                            _("Published the annual report despite validation errors"))


def log_override(page, user):
    """Audit entry with the reason and the errors that were overridden."""
    errors = [f.as_dict() for f in page.findings() if f.severity == ERROR]
    if not errors:
        return None
    return log(instance=page, action=OVERRIDE_ACTION, user=user,
               data={"reason": page.override_reason, "error_count": len(errors),
                     "errors": [{"rule": e["rule"], "location": e["location"]} for e in errors[:100]],
                     "revision_id": page.latest_revision_id})


@hooks.register("after_publish_page")
def log_report_override_on_publish(request, page):
    from ..models.reports import AbstractAnnualReportPage

    page = page.specific
    if isinstance(page, AbstractAnnualReportPage) and page.validation_override:
        log_override(page, request.user)

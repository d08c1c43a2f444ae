"""Wagtail hooks of the annual report area (imported from gi_wagtail.wagtail_hooks)."""
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.log_actions import log

from gi_wagtail.reports.findings import ERROR

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
    from gi_wagtail.reports.models import AbstractAnnualReportPage

    page = page.specific
    if isinstance(page, AbstractAnnualReportPage) and page.validation_override:
        log_override(page, request.user)


def _blocked_reports(objects, user):
    """Reports whose latest revision has validation errors and no permitted, reasoned override."""
    from gi_wagtail.reports.models import AbstractAnnualReportPage
    from gi_wagtail.reports.forms import OVERRIDE_PERMISSION

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
def block_bulk_publish_of_invalid_reports(request, action_type, objects, action_class_instance):
    # The listing's bulk "Publish" does not run the edit form, so the same rule is applied here.
    if action_type != "publish":
        return None
    blocked = _blocked_reports(objects, request.user)
    if not blocked:
        return None
    from django.contrib import messages
    from django.shortcuts import redirect

    messages.error(request, _("Nothing was published: %(titles)s has validation errors. Open the report to "
                              "fix them or to override them with a reason.")
                   % {"titles": "、".join(p.title for p in blocked)})
    return redirect(request.GET.get("next") or "wagtailadmin_home")


@hooks.register("after_bulk_action")
def log_report_override_on_bulk_publish(request, action_type, objects, action_class_instance):
    from gi_wagtail.reports.models import AbstractAnnualReportPage

    if action_type != "publish":
        return None
    for page in objects:
        page = page.specific
        if isinstance(page, AbstractAnnualReportPage):
            page.refresh_from_db()  # the published state
            if page.validation_override:
                log_override(page, request.user)
    return None

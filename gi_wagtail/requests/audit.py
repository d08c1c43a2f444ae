"""Audit-log actions of the request register (Wagtail's log, ModelLogEntry)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import LogActionRegistry
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

ACTIONS = {
    "gi_wagtail.request.register": (_("Register request"), _("Registered the request")),
    "gi_wagtail.request.event": (_("Record request step"), _("Recorded a step of the request")),
    "gi_wagtail.request.reply": (_("Reply to request"), _("Recorded the reply to the request")),
    "gi_wagtail.request.split": (_("Split request"), _("Split the request (一事一申请)")),
    "gi_wagtail.request.anonymise": (_("Anonymise request"), _("Erased the applicant's personal data")),
    "gi_wagtail.request.notice": (_("Issue notice"), _("Downloaded or printed a notice")),
    "gi_wagtail.request.fee": (_("Record fee"), _("Recorded the fee of the request")),
    "gi_wagtail.request.appeal": (_("Record review or lawsuit"), _("Recorded a review or lawsuit")),
}


def register_actions(actions: LogActionRegistry) -> None:
    for action, (label, message) in ACTIONS.items():
        actions.register_action(action, label, message)


def register_models() -> None:
    """Let ``log()`` write entries for the register's models (a ViewSet does it too, once registered)."""
    from gi_wagtail.requests.models import DisclosureRequest

    log_registry.register_model(DisclosureRequest, ModelLogEntry)

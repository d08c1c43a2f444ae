"""Wagtail hooks of the request register (imported from gi_wagtail.wagtail_hooks)."""

from __future__ import annotations

from wagtail import hooks
from wagtail.log_actions import LogActionRegistry

from gi_wagtail.requests import audit


@hooks.register("register_log_actions")
def register_request_log_actions(actions: LogActionRegistry) -> None:
    audit.register_actions(actions)


audit.register_models()

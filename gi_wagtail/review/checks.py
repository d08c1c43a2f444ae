"""Review check: approved revisions are published by gi_wagtail's finish action (W030)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register
from django.utils.module_loading import import_string

from gi_wagtail.review.finish import SETTING_VALUE, publish_reviewed_revision


@register(Tags.security)
def check_workflow_finish_action(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    """保密审查员 hold no publish permission: only gi_wagtail's finish action lets their approval publish."""
    try:  # the old path gi_wagtail.workflow_finish.… resolves to the same function
        if import_string(getattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION", "") or "") is publish_reviewed_revision:
            return []
    except ImportError:
        pass
    return [
        Warning(
            "An approved 信息公开发布审核 workflow is published with Wagtail's default action: it publishes the "
            "latest revision (not the reviewed one) and fails when the last reviewer cannot publish.",
            hint=f'Set WAGTAIL_FINISH_WORKFLOW_ACTION = "{SETTING_VALUE}".',
            id="gi_wagtail.W030",
        )
    ]

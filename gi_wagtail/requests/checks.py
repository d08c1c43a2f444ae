"""Request checks: the working-day calendar reaches far enough ahead (W040), its settings parse (E040)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig
from django.core.checks import CheckMessage, Error, Tags, Warning, register
from django.utils import timezone

from gi_wagtail.requests import workdays

# A request received today may be due this far ahead: 20 working days, an extension of 20 and pauses.
HORIZON_DAYS = 90


@register(Tags.compatibility)
def check_calendar(app_configs: Sequence[AppConfig] | None = None, **kwargs: Any) -> list[CheckMessage]:
    try:
        until = workdays.covered_until()
    except (TypeError, ValueError) as exc:
        return [
            Error(
                f"GI_WAGTAIL['REQUESTS'] calendar settings are not ISO dates: {exc}",
                hint="EXTRA_HOLIDAYS and EXTRA_WORKDAYS are lists of 'YYYY-MM-DD'; CALENDAR_EXTENDED_TO is one date.",
                id="gi_wagtail.E040",
            )
        ]
    horizon = timezone.localdate() + datetime.timedelta(days=HORIZON_DAYS)
    if until < horizon:
        return [
            Warning(
                f"The working-day calendar ends on {until.isoformat()}: due dates of requests received now "
                "may fall after it and cannot be computed.",
                hint="Upgrade chinesecalendar, or add the 国务院办公厅 holiday notice for the next year to "
                "GI_WAGTAIL['REQUESTS'] (EXTRA_HOLIDAYS, EXTRA_WORKDAYS, CALENDAR_EXTENDED_TO).",
                id="gi_wagtail.W040",
            )
        ]
    return []

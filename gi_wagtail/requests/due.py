"""The open requests and their statutory due dates on a day (``gi_wagtail_requests_due``, reminders)."""

from __future__ import annotations

import datetime
from typing import Any

from gi_wagtail.requests import services
from gi_wagtail.requests.models import DisclosureRequest, Status
from gi_wagtail.requests.workdays import CalendarRangeError


def open_requests(organisation: Any = None) -> Any:
    qs = DisclosureRequest.objects.exclude(status__in=(Status.CLOSED, Status.SPLIT)).select_related("organisation")
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs.prefetch_related("events").order_by("received_on", "reference")


def due_rows(on: datetime.date, organisation: Any = None) -> list[dict[str, Any]]:
    """One dict per open request (no personal data): the deadline as seen on ``on``.

    A due date beyond the working-day calendar gives ``due: None`` and the calendar's message.
    """
    rows = []
    for request in open_requests(organisation):
        row: dict[str, Any] = {
            "reference": request.reference,
            "organisation": request.organisation.name if request.organisation else "",
            "status": request.status,
            "received_on": request.received_on.isoformat(),
        }
        try:
            deadline = services.deadline_of(request, on)
        except CalendarRangeError as exc:
            row.update(due=None, paused_days=None, extension_days=None, overdue=False, waiting_for=[], error=str(exc))
        else:
            row.update(
                due=deadline.due.isoformat() if deadline.due else None,
                paused_days=deadline.paused_days,
                extension_days=deadline.extension_days,
                overdue=deadline.overdue(on),
                waiting_for=list(deadline.waiting_for),
                error="",
            )
        rows.append(row)
    return rows

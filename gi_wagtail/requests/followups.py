"""复议 and 诉讼 follow-ups recorded against an answered request (they feed table 四)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gi_wagtail.requests.models import Appeal, AppealKind, AppealResult, DisclosureRequest
from gi_wagtail.requests.services import RequestError


@transaction.atomic
def record_appeal(
    request: DisclosureRequest,
    kind: str,
    filed_on: datetime.date,
    result: str = AppealResult.PENDING,
    decided_on: datetime.date | None = None,
    user: Any = None,
    note: str = "",
) -> Appeal:
    """Record a 行政复议 or 行政诉讼 against the answer to ``request`` (audit-logged)."""
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    if kind not in AppealKind.values:
        raise RequestError(_("Choose administrative review, a lawsuit, or a lawsuit after review."))
    if result not in AppealResult.values:
        raise RequestError(_("Choose the result of the review or lawsuit."))
    if not request.replied_on:
        raise RequestError(_("A review or lawsuit concerns an answer; this request has not been answered."))
    today = timezone.localdate()
    if filed_on < request.replied_on or filed_on > today:
        raise RequestError(_("The review or lawsuit must be filed after the reply and not in the future."))
    if decided_on is not None and (decided_on < filed_on or decided_on > today):
        raise RequestError(_("The decision date must be after the filing date and not in the future."))
    if result != AppealResult.PENDING and decided_on is None:
        raise RequestError(_("A decided review or lawsuit needs its date of decision."))
    appeal = Appeal.objects.create(
        request=request, kind=kind, filed_on=filed_on, result=result, decided_on=decided_on, note=note
    )
    log(
        instance=request,
        action="gi_wagtail.request.appeal",
        user=user,
        data={"reference": request.reference, "kind": kind, "filed_on": filed_on.isoformat(), "result": result},
    )
    return appeal

"""Domain operations on requests. Views, the admin and commands call these, never the models directly.

Every operation validates first (a ``RequestError`` with a translated message), then writes in
one transaction and records the step in Wagtail's audit log. Log entries carry the reference
number and the event, never the applicant's data.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from gi_wagtail.requests import deadlines, fees
from gi_wagtail.requests.models import (
    Appeal,
    AppealKind,
    AppealResult,
    DisclosureRequest,
    EventKind,
    RequestEvent,
    Status,
)
from gi_wagtail.requests.outcomes import Outcome

REFERENCE_PREFIX = "YSQ"
PERSONAL_FIELDS = (
    "applicant_name",
    "applicant_id_number",
    "applicant_contact",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "applicant_postcode",
)
OPENING_EVENTS = {
    "correction_sent": Status.AWAITING_CORRECTION,
    "third_party_sent": Status.CONSULTING,
    "agency_sent": Status.CONSULTING,
    "fee_notice_sent": Status.AWAITING_FEE,
}


class RequestError(ValueError):
    """A step that the rules do not allow; the message is shown to the user as it is."""


def identity_key(id_number: str = "", name: str = "", phone: str = "") -> str:
    """A stable, non-reversible applicant identity for counting fees per applicant and month."""
    basis = "".join(id_number.split()).upper() or f"{''.join(name.split())}|{''.join(phone.split())}"
    if basis in ("", "|"):
        return ""
    return hmac.new(settings.SECRET_KEY.encode(), basis.encode(), hashlib.sha256).hexdigest()[:40]


def _next_reference(year: int) -> str:
    prefix = f"{REFERENCE_PREFIX}{year}-"
    # Parts of a split request (YSQ2025-0003-1) are not serials; a longer serial sorts after a shorter one.
    last = (
        DisclosureRequest.objects.filter(reference__regex=rf"^{prefix}[0-9]+$")
        .order_by(Length("reference").desc(), "-reference")
        .values_list("reference", flat=True)
        .first()
    )
    serial = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{serial:04d}"


def _audit(request: DisclosureRequest, action: str, user: Any = None, **data: Any) -> None:
    log(instance=request, action=action, user=user, data={"reference": request.reference, **data})


def deadline_of(request: DisclosureRequest, today: datetime.date | None = None) -> deadlines.Deadline:
    events = [deadlines.Event(e.kind, e.on, e.days) for e in request.events.all()]
    return deadlines.compute(request.received_on, events, today or timezone.localdate())


def refresh(request: DisclosureRequest, today: datetime.date | None = None) -> None:
    """Recompute the stored status and due date from the events (saved)."""
    events = list(request.events.all())
    if request.status not in (Status.CLOSED, Status.SPLIT):
        status = Status.OPEN
        for event in events:  # the last unanswered pause decides
            if event.kind in OPENING_EVENTS:
                status = OPENING_EVENTS[event.kind]
            elif event.kind in (
                "correction_received",
                "third_party_answered",
                "agency_answered",
                "fee_paid",
                "fee_waived",
            ):
                status = Status.OPEN
        request.status = status
    try:
        request.due_on = deadline_of(request, today).due
    except ValueError:  # the calendar does not reach the due date yet; shown as unknown
        request.due_on = None
    request.save(update_fields=["status", "due_on", "updated_at"])


@transaction.atomic
def register(fields: dict[str, Any], user: Any = None) -> DisclosureRequest:
    """Register a new request (online form, staff entry or import) and issue its reference number."""
    received_on = fields["received_on"]
    if received_on > timezone.localdate():
        raise RequestError(_("The date of receipt cannot be in the future."))
    request = DisclosureRequest(**fields)
    request.identity_key = identity_key(request.applicant_id_number, request.applicant_name, request.applicant_phone)
    for _attempt in range(5):
        request.reference = _next_reference(received_on.year)
        try:
            with transaction.atomic():
                request.save()
            break
        except IntegrityError:  # two registrations took the same serial at once: take the next one
            request.pk = None
            continue
    else:
        raise RequestError(_("Could not issue a reference number; please try again."))
    refresh(request)
    _audit(request, "gi_wagtail.request.register", user, channel=request.channel, received_on=received_on.isoformat())
    return request


def _check_event(request: DisclosureRequest, kind: str, on: datetime.date, days: int | None, approved_by: str) -> None:
    if not request.is_open:
        raise RequestError(_("This request is closed; no further steps can be recorded."))
    if on < request.received_on:
        raise RequestError(_("The date cannot be before the date of receipt."))
    if on > timezone.localdate():
        raise RequestError(_("The date cannot be in the future."))
    kinds = list(request.events.values_list("kind", flat=True))
    if kind == EventKind.EXTENDED:
        if EventKind.EXTENDED in kinds:
            raise RequestError(_("The time limit can be extended only once."))
        if not days or not 1 <= days <= deadlines.MAX_EXTENSION_WORKDAYS:
            raise RequestError(_("An extension is 1 to 20 working days."))
        if not approved_by.strip():
            raise RequestError(_("An extension needs the approval of the head of the disclosure office."))
    answers = {
        "correction_received": "correction_sent",
        "third_party_answered": "third_party_sent",
        "agency_answered": "agency_sent",
        "fee_paid": "fee_notice_sent",
    }
    if kind in answers:
        opener = answers[kind]
        if kinds.count(opener) <= sum(kinds.count(k) for k, o in answers.items() if o == opener):
            raise RequestError(_("There is no open step for this answer."))
    if kind in OPENING_EVENTS and request.status == OPENING_EVENTS[kind]:
        raise RequestError(_("This step is already open."))


@transaction.atomic
def add_event(
    request: DisclosureRequest,
    kind: str,
    on: datetime.date,
    user: Any = None,
    *,
    days: int | None = None,
    approved_by: str = "",
    note: str = "",
    by_applicant: bool = False,
) -> RequestEvent:
    if kind in (EventKind.REPLIED, EventKind.SPLIT):
        raise RequestError(_("Use the reply or split action for this step."))
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    _check_event(request, kind, on, days, approved_by)
    event = RequestEvent.objects.create(
        request=request,
        kind=kind,
        on=on,
        days=days if kind == EventKind.EXTENDED else None,
        approved_by=approved_by,
        note=note,
        by_applicant=by_applicant,
        user=user,
    )
    refresh(request)
    _audit(request, "gi_wagtail.request.event", user, event=kind, on=on.isoformat(), by_applicant=by_applicant)
    return event


@transaction.atomic
def reply(request: DisclosureRequest, outcome: str, on: datetime.date, user: Any = None, note: str = "") -> None:
    """Record the answer: one statutory outcome type, which closes the request."""
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    if outcome not in Outcome.values:
        raise RequestError(_("Choose one of the statutory outcome types."))
    if not request.is_open:
        raise RequestError(_("This request is closed; no further steps can be recorded."))
    if on < request.received_on:
        raise RequestError(_("The date cannot be before the date of receipt."))
    if on > timezone.localdate():
        raise RequestError(_("The date cannot be in the future."))
    RequestEvent.objects.create(request=request, kind=EventKind.REPLIED, on=on, note=note, user=user)
    request.outcome, request.replied_on, request.reply_note = outcome, on, note
    request.status = Status.CLOSED
    request.save()
    refresh(request)
    _audit(request, "gi_wagtail.request.reply", user, outcome=outcome, on=on.isoformat())


@transaction.atomic
def split(request: DisclosureRequest, descriptions: Iterable[str], user: Any = None) -> list[DisclosureRequest]:
    """一事一申请: replace a request by several, each counted and answered on its own."""
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    parts = [d.strip() for d in descriptions if d and d.strip()]
    if len(parts) < 2:
        raise RequestError(_("Give at least two parts to split a request into."))
    if not request.is_open:
        raise RequestError(_("Only an open request can be split."))
    copied = {
        f.name: getattr(request, f.name)
        for f in DisclosureRequest._meta.concrete_fields
        if f.name
        not in (
            "id", "reference", "lookup_code", "parent", "description", "status", "outcome", "replied_on",
            "reply_note", "due_on", "created_at", "updated_at", "source_key", "submitted_at",
        )
    }  # fmt: skip
    children = []
    for index, text in enumerate(parts, start=1):
        child = DisclosureRequest(**copied, parent=request, description=text, reference=f"{request.reference}-{index}")
        child.save()
        for event in request.events.exclude(kind=EventKind.SPLIT):
            RequestEvent.objects.create(
                request=child, kind=event.kind, on=event.on, days=event.days, approved_by=event.approved_by,
                note=event.note, by_applicant=event.by_applicant, user=event.user,
            )  # fmt: skip
        refresh(child)
        children.append(child)
    RequestEvent.objects.create(
        request=request, kind=EventKind.SPLIT, on=timezone.localdate(), note=str(len(parts)), user=user
    )
    request.status = Status.SPLIT
    request.save(update_fields=["status", "updated_at"])
    _audit(request, "gi_wagtail.request.split", user, parts=[c.reference for c in children])
    return children


def suggested_fee(request: DisclosureRequest) -> Decimal | None:
    """The fee the rules give for this request, before any waiver."""
    if request.fee_method == fees.FeeMethod.PER_PAGE:
        return fees.pages_fee(request.fee_pages or 0)
    if request.fee_method == fees.FeeMethod.PER_REQUEST:
        if not request.identity_key:
            return Decimal(0)
        month = request.received_on.replace(day=1)
        earlier = DisclosureRequest.objects.filter(
            identity_key=request.identity_key,
            received_on__gte=month,
            parts__isnull=True,
        ).filter(received_on__lt=request.received_on) | DisclosureRequest.objects.filter(
            identity_key=request.identity_key, received_on=request.received_on, pk__lt=request.pk, parts__isnull=True
        )
        return fees.request_rate(earlier.distinct().count() + 1)
    return None


@transaction.atomic
def anonymise(request: DisclosureRequest, user: Any = None) -> None:
    """Erase the applicant's personal data of a closed request; counts and dates stay for the tables."""
    if request.is_open:
        raise RequestError(_("Only a closed request can be anonymised."))
    for name in PERSONAL_FIELDS:
        setattr(request, name, "")
    request.identity_key = ""
    request.anonymised_at = timezone.now()
    request.save()
    _audit(request, "gi_wagtail.request.anonymise", user)


@transaction.atomic
def set_fee(
    request: DisclosureRequest,
    user: Any = None,
    *,
    method: str | None = None,
    pages: int | None = None,
    amount: Decimal | None = None,
    paid: Decimal | None = None,
    waiver_reason: str | None = None,
) -> DisclosureRequest:
    """Record the fee of a request: method and pages (the amount defaults to ``suggested_fee``), payment, waiver.

    Arguments left ``None`` keep their stored value.
    """
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    if request.status == Status.SPLIT:
        raise RequestError(_("This request was split; record the fee on its parts."))
    if method is not None:
        if method not in fees.FeeMethod.values:
            raise RequestError(_("Choose a fee method."))
        if method == fees.FeeMethod.PER_PAGE and not pages:
            raise RequestError(_("Give the number of pages for a fee by page."))
        request.fee_method = method
        request.fee_pages = pages if method == fees.FeeMethod.PER_PAGE else None
        request.fee_amount = amount if amount is not None else suggested_fee(request)
    elif amount is not None:
        request.fee_amount = amount
    for value in (request.fee_amount, paid):
        if value is not None and value < 0:
            raise RequestError(_("An amount cannot be negative."))
    if paid is not None:
        request.fee_paid = paid
    if waiver_reason is not None:
        if not waiver_reason.strip():
            raise RequestError(_("Give the reason for waiving the fee."))
        request.fee_waiver_reason = waiver_reason.strip()
    request.save(update_fields=["fee_method", "fee_pages", "fee_amount", "fee_paid", "fee_waiver_reason", "updated_at"])
    _audit(
        request,
        "gi_wagtail.request.fee",
        user,
        method=request.fee_method,
        pages=request.fee_pages,
        amount=str(request.fee_amount) if request.fee_amount is not None else None,
        paid=str(request.fee_paid) if request.fee_paid is not None else None,
        waived=bool(waiver_reason),
    )
    return request


def _check_appeal(
    request: DisclosureRequest, filed_on: datetime.date, result: str, decided_on: datetime.date | None
) -> None:
    today = timezone.localdate()
    if request.status == Status.SPLIT:
        raise RequestError(_("This request was split; record the review or lawsuit on the part it concerns."))
    if filed_on < request.received_on:
        raise RequestError(_("A review or lawsuit cannot be filed before the request was received."))
    if filed_on > today or (decided_on and decided_on > today):
        raise RequestError(_("The date cannot be in the future."))
    if result not in AppealResult.values:
        raise RequestError(_("Choose a result."))
    if decided_on and decided_on < filed_on:
        raise RequestError(_("The decision cannot come before the filing."))
    if result == AppealResult.PENDING and decided_on:
        raise RequestError(_("A decided case needs its result."))
    if result != AppealResult.PENDING and not decided_on:
        raise RequestError(_("Give the date of the decision."))


@transaction.atomic
def record_appeal(
    request: DisclosureRequest,
    kind: str,
    filed_on: datetime.date,
    user: Any = None,
    *,
    result: str = "pending",
    decided_on: datetime.date | None = None,
    note: str = "",
) -> Appeal:
    """Record a 行政复议 or 行政诉讼 against the handling of a request (table 四)."""
    request = DisclosureRequest.objects.select_for_update().get(pk=request.pk)
    if kind not in AppealKind.values:
        raise RequestError(_("Choose whether it is a review or a lawsuit."))
    _check_appeal(request, filed_on, result, decided_on)
    appeal = Appeal.objects.create(
        request=request, kind=kind, filed_on=filed_on, result=result, decided_on=decided_on, note=note
    )
    _audit(request, "gi_wagtail.request.appeal", user, kind=kind, filed_on=filed_on.isoformat(), result=result)
    return appeal


@transaction.atomic
def update_appeal(
    appeal: Appeal,
    user: Any = None,
    *,
    result: str,
    decided_on: datetime.date | None,
    note: str | None = None,
) -> Appeal:
    """Record the decision of a review or lawsuit (or correct it)."""
    appeal = Appeal.objects.select_for_update().select_related("request").get(pk=appeal.pk)
    _check_appeal(appeal.request, appeal.filed_on, result, decided_on)
    appeal.result, appeal.decided_on = result, decided_on
    if note is not None:
        appeal.note = note
    appeal.save()
    _audit(
        appeal.request,
        "gi_wagtail.request.appeal",
        user,
        kind=appeal.kind,
        filed_on=appeal.filed_on.isoformat(),
        result=result,
        decided_on=decided_on.isoformat() if decided_on else None,
    )
    return appeal

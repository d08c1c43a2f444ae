"""The daily reminder of requests near or past their due date (django-tasks; run by a daily timer).

Each handler gets one e-mail listing their open requests that are overdue or due within
``GI_WAGTAIL["REQUESTS"]["REMIND_WITHIN_WORKDAYS"]`` working days: reference, due date and working
days left, nothing about the applicant. Requests without a handler go to every active user who may
change requests. A request is reminded of at most once a day (an audit-log entry records the day),
so a second run on the same day sends nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from gi_wagtail.conf import gi_settings
from gi_wagtail.requests import notices, services
from gi_wagtail.requests.models import DisclosureRequest, Status

REMIND_ACTION = "gi_wagtail.request.remind"
CHANGE_PERMISSION = "gi_wagtail.change_disclosurerequest"


@dataclass(frozen=True)
class Due:
    pk: int
    reference: str
    due: datetime.date
    left: int  # working days; negative when overdue


def due_requests(today: datetime.date, within: int) -> tuple[list[tuple[DisclosureRequest, Due]], int]:
    """Open requests overdue or due within ``within`` working days, and how many had no known due date."""
    found, unknown = [], 0
    open_requests = (
        DisclosureRequest.objects.exclude(status__in=(Status.CLOSED, Status.SPLIT))
        .select_related("handler")
        .prefetch_related("events")
        .order_by("due_on", "reference")
    )
    for request in open_requests:
        try:
            deadline = services.deadline_of(request, today)
            left = deadline.workdays_left(today)
        except ValueError:  # CalendarRangeError: the calendar does not reach the due date
            unknown += 1
            continue
        if deadline.due is None or deadline.paused or left is None:
            continue  # waiting for a 补正, a consultation or a fee: the clock stands still
        if left <= within:
            found.append((request, Due(request.pk, request.reference, deadline.due, left)))
    found.sort(key=lambda pair: (pair[1].left, pair[1].reference))
    return found, unknown


def _fallback_recipients() -> list[Any]:
    users = get_user_model().objects.with_perm(CHANGE_PERMISSION, is_active=True, include_superusers=True)
    return [u for u in users.order_by("pk") if u.email]


def _language(user: Any) -> str:
    try:
        from wagtail.users.models import UserProfile

        return UserProfile.get_for_user(user).get_preferred_language() or settings.LANGUAGE_CODE
    except Exception:  # noqa: BLE001 - no profile table or language: the site's language
        return settings.LANGUAGE_CODE


def _admin_link() -> str:
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or ""
    try:
        return base.rstrip("/") + reverse("wagtailadmin_home") if base else ""
    except NoReverseMatch:
        return ""


def _line(item: Due) -> str:
    if item.left < 0:
        state = _("overdue by %(n)d working days") % {"n": -item.left}
    elif item.left == 0:
        state = _("due today")
    else:
        state = _("%(n)d working days left") % {"n": item.left}
    return f"{item.reference}  {notices.chinese_date(item.due)}  {state}"


def compose(items: list[Due]) -> tuple[str, str]:
    """(subject, body) of one handler's reminder, in the active language. No applicant data."""
    overdue = sum(1 for i in items if i.left < 0)
    subject = _("Disclosure requests: %(n)d due soon or overdue") % {"n": len(items)}
    lines = [
        _("These requests you handle are overdue or due soon (%(overdue)d overdue):") % {"overdue": overdue},
        "",
        *(_line(i) for i in items),
        "",
    ]
    link = _admin_link()
    if link:
        lines.append(_("Open the register: %(url)s") % {"url": link})
    return subject, "\n".join(lines)


def _reminded_on(day: datetime.date) -> set[str]:
    """Ids of the requests already reminded of for ``day`` (the log entry records the day counted from)."""
    entries = ModelLogEntry.objects.filter(
        action=REMIND_ACTION,
        content_type__app_label="gi_wagtail",
        content_type__model="disclosurerequest",
        data__on=day.isoformat(),
    )
    return set(entries.values_list("object_id", flat=True))


@task()
def send_due_reminders(today: str | None = None) -> dict[str, int]:
    """E-mail each handler the list of their requests near or past the due date. Returns counts."""
    day = datetime.date.fromisoformat(today) if today else timezone.localdate()
    within = int(gi_settings.REQUESTS.get("REMIND_WITHIN_WORKDAYS", 5))
    found, unknown = due_requests(day, within)
    already = _reminded_on(day)
    fresh = [(r, d) for r, d in found if str(r.pk) not in already]
    by_user: dict[Any, list[Due]] = defaultdict(list)
    fallback: list[Any] | None = None
    reminded = []
    for request, item in fresh:
        if request.handler is not None and request.handler.is_active and request.handler.email:
            recipients = [request.handler]
        else:
            fallback = _fallback_recipients() if fallback is None else fallback
            recipients = fallback
        for user in recipients:
            by_user[user].append(item)
        if recipients:
            reminded.append(request)
    sent = 0
    for user, items in sorted(by_user.items(), key=lambda pair: pair[0].pk):
        with translation.override(_language(user)):
            subject, body = compose(items)
        sent += send_mail(subject, body, None, [user.email], fail_silently=False)
    for request in reminded:
        log(instance=request, action=REMIND_ACTION, data={"reference": request.reference, "on": day.isoformat()})
    return {
        "due": len(found),
        "reminded": len(reminded),
        "already_reminded": len(found) - len(fresh),
        "no_recipient": len(fresh) - len(reminded),
        "mails": sent,
        "unknown_due_date": unknown,
    }

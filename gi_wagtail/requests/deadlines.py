"""The statutory time limit of a request (条例第三十条、第三十三条; 国办函〔2020〕109号).

Rules, each event taking effect from the day after its date (as the day of receipt is not counted):
- 20 working days from receipt; a received 补正 restarts the clock from its date.
- While a 补正 is outstanding the clock stands still (the request is not yet complete).
- Third-party and other-agency consultation, and the wait between a fee notice and the payment
  or waiver, are not counted.
- One extension of at most 20 working days adds to the limit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from gi_wagtail.requests import workdays

LIMIT_WORKDAYS = 20
MAX_EXTENSION_WORKDAYS = 20
CORRECTION_NOTICE_WORKDAYS = 7  # a 补正 must be asked for within 7 working days of receipt
FEE_PAYMENT_WORKDAYS = 20  # unpaid 20 working days after the fee notice: treated as abandoned
NEAR_DUE_WORKDAYS = 5

PAUSES = {  # event that stops the clock → events that restart it
    "third_party_sent": ("third_party_answered",),
    "agency_sent": ("agency_answered",),
    "fee_notice_sent": ("fee_paid", "fee_waived"),
}


@dataclass(frozen=True)
class Event:
    kind: str
    on: datetime.date
    days: int | None = None


@dataclass
class Deadline:
    clock_start: datetime.date
    due: datetime.date | None  # None while a 补正 is outstanding
    paused_days: int = 0
    extension_days: int = 0
    paused: bool = False  # a pause (consultation, fee, 补正) is open today
    waiting_for: list[str] = field(default_factory=list)

    def overdue(self, on: datetime.date) -> bool:
        return self.due is not None and not self.paused and on > self.due

    def workdays_left(self, on: datetime.date) -> int | None:
        if self.due is None:
            return None
        if on >= self.due:
            return -workdays.workdays_between(self.due, on)
        return workdays.workdays_between(on, self.due)


def _paused_days(
    events: list[Event], start: datetime.date, until: datetime.date
) -> tuple[frozenset[datetime.date], list[str]]:
    """Working days after ``start`` covered by a consultation or fee wait; open pauses run to ``until``."""
    skip: set[datetime.date] = set()
    waiting: list[str] = []
    for i, event in enumerate(events):
        if event.kind not in PAUSES:
            continue
        end = next((e.on for e in events[i + 1 :] if e.kind in PAUSES[event.kind]), None)
        if end is None:
            waiting.append(event.kind)
            end = until
        day = max(event.on, start)
        while day < end:
            day += datetime.timedelta(days=1)
            if workdays.is_workday(day):
                skip.add(day)
    return frozenset(skip), waiting


def compute(received_on: datetime.date, events: Iterable[Event], today: datetime.date) -> Deadline:
    """The deadline of a request received on ``received_on`` with these dated events, as seen on ``today``."""
    ordered = sorted(events, key=lambda e: e.on)
    start = received_on
    awaiting_correction = False
    for event in ordered:
        if event.kind == "correction_sent":
            awaiting_correction = True
        elif event.kind == "correction_received":
            awaiting_correction = False
            start = event.on
    extension = sum(min(e.days or 0, MAX_EXTENSION_WORKDAYS) for e in ordered if e.kind == "extended")
    if awaiting_correction:
        return Deadline(clock_start=start, due=None, paused=True, waiting_for=["correction"])
    relevant = [e for e in ordered if e.on >= start]
    skip, waiting = _paused_days(relevant, start, max(today, start))
    # The open pause runs on past today: the due date shown assumes it ends today.
    due = workdays.add_workdays(start, LIMIT_WORKDAYS + extension, skip=skip)
    return Deadline(
        clock_start=start,
        due=due,
        paused_days=len(skip),
        extension_days=extension,
        paused=bool(waiting),
        waiting_for=waiting,
    )


def correction_notice_due(received_on: datetime.date) -> datetime.date:
    return workdays.add_workdays(received_on, CORRECTION_NOTICE_WORKDAYS)


def fee_payment_due(notice_on: datetime.date) -> datetime.date:
    return workdays.add_workdays(notice_on, FEE_PAYMENT_WORKDAYS)

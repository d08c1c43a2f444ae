"""China's official working-day calendar (国务院办公厅 holiday notices, with 调休 make-up days).

Backed by ``chinesecalendar``; integrators add a year the library does not know yet from the
published notice with ``GI_WAGTAIL["REQUESTS"]["EXTRA_HOLIDAYS"]`` / ``["EXTRA_WORKDAYS"]`` and
``["CALENDAR_EXTENDED_TO"]``. A day outside every known range raises ``CalendarRangeError``:
a statutory deadline is never guessed from Monday to Friday.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import chinese_calendar
from django.utils.translation import gettext as _

from gi_wagtail.conf import gi_settings

MAX_STEPS = 400  # working days one calculation may walk (20 + 20 extension + long pauses)


class CalendarRangeError(ValueError):
    """The day lies outside the holiday calendar this installation knows."""

    def __init__(self, day: datetime.date) -> None:
        self.day = day
        super().__init__(
            _(
                "The working-day calendar does not cover %(day)s. Update the chinesecalendar package, or add "
                "that year's holiday notice to GI_WAGTAIL['REQUESTS'] (EXTRA_HOLIDAYS, EXTRA_WORKDAYS, "
                "CALENDAR_EXTENDED_TO)."
            )
            % {"day": day.isoformat()}
        )


def _dates(values: object) -> frozenset[datetime.date]:
    out = set()
    for value in values or ():
        out.add(value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value)))
    return frozenset(out)


@lru_cache(maxsize=8)
def _extra(holidays: tuple, workdays: tuple, extended_to: str | None) -> tuple:
    end = datetime.date.fromisoformat(extended_to) if extended_to else None
    return _dates(holidays), _dates(workdays), end


def _overrides() -> tuple[frozenset, frozenset, datetime.date | None]:
    conf = gi_settings.REQUESTS
    return _extra(
        tuple(str(d) for d in conf.get("EXTRA_HOLIDAYS") or ()),
        tuple(str(d) for d in conf.get("EXTRA_WORKDAYS") or ()),
        str(conf["CALENDAR_EXTENDED_TO"]) if conf.get("CALENDAR_EXTENDED_TO") else None,
    )


def covered_until() -> datetime.date:
    """The last day whose working-day status is known."""
    library_end = max(chinese_calendar.holidays) if chinese_calendar.holidays else datetime.date.min
    library_end = datetime.date(library_end.year, 12, 31)
    extended = _overrides()[2]
    return max(library_end, extended) if extended else library_end


def is_workday(day: datetime.date) -> bool:
    """Whether ``day`` is an official working day (调休 Saturdays included, holidays excluded)."""
    holidays, workdays, extended_to = _overrides()
    if day in holidays:
        return False
    if day in workdays:
        return True
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        if extended_to and day <= extended_to:
            # A year the library lacks but the integrator declared from the notice: its listed days are above.
            return day.weekday() < 5
        raise CalendarRangeError(day) from None


def add_workdays(start: datetime.date, count: int, skip: frozenset[datetime.date] = frozenset()) -> datetime.date:
    """The ``count``-th working day after ``start`` (``start`` itself is not counted).

    Working days in ``skip`` (paused days) do not count.
    """
    day, left, steps = start, count, 0
    while left > 0:
        day += datetime.timedelta(days=1)
        steps += 1
        if steps > MAX_STEPS * 2:
            raise CalendarRangeError(day)
        if is_workday(day) and day not in skip:
            left -= 1
    return day


def workdays_between(start: datetime.date, end: datetime.date) -> int:
    """Working days in the interval (start, end]: after ``start``, up to and including ``end``."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_workday(day):
            count += 1
    return count

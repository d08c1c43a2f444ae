"""Statutory time limits on China's official working-day calendar.

Every expected date below was counted by hand against the 国务院办公厅 notices:
- 2025 (国办发明电〔2024〕12号): 春节 1月28日–2月4日 off, 1月26日 (Sun) and 2月8日 (Sat) worked;
  清明 4月4日–6日; 劳动节 5月1日–5日 off, 4月27日 (Sun) worked; 国庆·中秋 10月1日–8日 off,
  9月28日 (Sun) and 10月11日 (Sat) worked.
- 2026 (notice of 2025-11-04): 元旦 1月1日–3日 off, 1月4日 (Sun) worked; 春节 2月15日–23日 off,
  2月14日 and 2月28日 (Sat) worked; 清明 4月4日–6日; 劳动节 5月1日–5日 off, 5月9日 (Sat) worked;
  中秋 9月25日–27日; 国庆 10月1日–7日 off, 9月20日 (Sun) and 10月10日 (Sat) worked.
The day of receipt is not counted; the due date is the 20th working day after it.
"""

import datetime

import pytest
from django.test import override_settings

from gi_wagtail.requests import services, workdays
from gi_wagtail.requests.deadlines import Event, compute
from gi_wagtail.requests.workdays import CalendarRangeError

D = datetime.date
TODAY = D(2026, 11, 28)


def due(received, events=(), today=TODAY):
    return compute(received, [Event(*e) for e in events], today)


@pytest.mark.parametrize(
    ("received", "expected", "why"),
    [
        # 春节 2025: 1/21-24 (4), 1/26 Sun worked (5), 1/27 (6), 2/5-7 (9), 2/8 Sat worked (10), 2/10-14, 2/17-21.
        (D(2025, 1, 20), D(2025, 2, 21), "春节 2025 with both make-up days"),
        # 国庆 2025: 9/28 Sun worked (1), 9/29-30 (3), 10/9-10 (5), 10/11 Sat worked (6), 10/13-17, 10/20-24, 10/27-30.
        (D(2025, 9, 26), D(2025, 10, 30), "国庆·中秋 2025, eight days off"),
        # 清明 2025: 4/1-3 (3), 4/4 off, 4/7-11, 4/14-18, 4/21-25 (18), 4/27 Sun worked (19), 4/28 (20).
        (D(2025, 3, 31), D(2025, 4, 28), "清明 2025, then the 劳动节 make-up Sunday"),
        # 劳动节 2025: 4/15-18 (4), 4/21-25 (9), 4/27 (10), 4/28-30 (13), 5/1-5 off, 5/6-9 (17), 5/12-14 (20).
        (D(2025, 4, 14), D(2025, 5, 14), "劳动节 2025"),
        # 春节 2026: 2/9-13 (5), 2/14 Sat worked (6), 2/15-23 off, 2/24-27 (10), 2/28 Sat worked (11), 3/2-6, 3/9-12.
        (D(2026, 2, 6), D(2026, 3, 12), "春节 2026, nine days off"),
        # 清明 2026: 3/30-4/3 (5), 4/4-6 off, 4/7-10 (9), 4/13-17, 4/20-24 (19), 4/27 (20).
        (D(2026, 3, 27), D(2026, 4, 27), "清明 2026 with its Monday off"),
        # 劳动节 2026: 4/27-30 (4), 5/1-5 off, 5/6-8 (7), 5/9 Sat worked (8), 5/11-15, 5/18-22 (18), 5/25-26.
        (D(2026, 4, 24), D(2026, 5, 26), "劳动节 2026"),
        # 国庆 2026: 9/20 Sun worked (1), 9/21-24 (5), 9/25-27 中秋, 9/28-30 (8), 10/1-7 off, 10/8-9 (10),
        # 10/10 Sat worked (11), 10/12-16 (16), 10/19-22 (20).
        (D(2026, 9, 18), D(2026, 10, 22), "中秋 and 国庆 2026"),
        # 元旦 2026: 12/30-31 (2), 1/1-3 off, 1/4 Sun worked (3), 1/5-9 (8), 1/12-16, 1/19-23 (18), 1/26-27.
        (D(2025, 12, 29), D(2026, 1, 27), "元旦 2026"),
    ],
)
def test_twenty_working_days_on_the_official_calendar(received, expected, why):
    assert due(received).due == expected, why


def test_make_up_saturdays_and_sundays_are_working_days():
    assert workdays.is_workday(D(2025, 1, 26)) and workdays.is_workday(D(2025, 2, 8))
    assert workdays.is_workday(D(2025, 10, 11)) and workdays.is_workday(D(2026, 2, 28))
    assert not workdays.is_workday(D(2025, 10, 8))  # a Wednesday inside 国庆
    # Received on the Friday before a make-up Saturday: that Saturday is the first working day.
    assert workdays.add_workdays(D(2025, 10, 10), 1) == D(2025, 10, 11)
    assert workdays.add_workdays(D(2026, 2, 13), 1) == D(2026, 2, 14)
    # The day of receipt is not counted, even when it is a working day.
    assert workdays.add_workdays(D(2025, 3, 3), 1) == D(2025, 3, 4)


def test_correction_stops_the_clock_and_restarts_it_from_receipt_of_the_answer():
    waiting = due(D(2025, 3, 3), [("correction_sent", D(2025, 3, 5))], today=D(2025, 3, 10))
    assert waiting.due is None and waiting.paused and waiting.waiting_for == ["correction"]
    # Restarts from 3/17: 3/18-21 (4), 3/24-28, 3/31-4/3 (13), 4/4 清明, 4/7-11 (18), 4/14-15.
    restarted = due(D(2025, 3, 3), [("correction_sent", D(2025, 3, 5)), ("correction_received", D(2025, 3, 17))])
    assert restarted.clock_start == D(2025, 3, 17)
    assert restarted.due == D(2025, 4, 15)


def test_consultation_and_fee_waits_are_not_counted():
    assert due(D(2025, 3, 3)).due == D(2025, 3, 31)
    # Third party consulted Mon 3/10, answered Fri 3/14: 3/11-3/14 are 4 paused working days,
    # so four more after 3/31: 4/1, 4/2, 4/3, (4/4 清明) 4/7.
    consulted = due(D(2025, 3, 3), [("third_party_sent", D(2025, 3, 10)), ("third_party_answered", D(2025, 3, 14))])
    assert (consulted.due, consulted.paused_days, consulted.paused) == (D(2025, 4, 7), 4, False)
    # Fee notice Wed 3/5, paid Wed 3/12: 3/6, 3/7, 3/10, 3/11, 3/12 paused; 4/1, 4/2, 4/3, 4/7, 4/8.
    fee = due(D(2025, 3, 3), [("fee_notice_sent", D(2025, 3, 5)), ("fee_paid", D(2025, 3, 12))])
    assert (fee.due, fee.paused_days) == (D(2025, 4, 8), 5)
    # An open consultation runs on to today and is reported as what the request waits for.
    open_wait = due(D(2025, 3, 3), [("agency_sent", D(2025, 3, 10))], today=D(2025, 3, 12))
    assert open_wait.paused and open_wait.waiting_for == ["agency_sent"] and open_wait.paused_days == 2
    assert not open_wait.overdue(D(2025, 12, 31))


def test_one_extension_adds_its_working_days():
    # 30 working days: 3/31 is the 20th, then 4/1-3 (23), 4/7-11 (28), 4/14-15 (30).
    assert due(D(2025, 3, 3), [("extended", D(2025, 3, 20), 10)]).due == D(2025, 4, 15)
    # 40 working days: …4/25 (38), 4/27 Sun worked (39), 4/28 (40).
    full = due(D(2025, 3, 3), [("extended", D(2025, 3, 20), 20)])
    assert (full.due, full.extension_days) == (D(2025, 4, 28), 20)


@pytest.mark.django_db
def test_the_service_allows_one_extension_of_at_most_twenty_days():
    request = services.register(
        {"channel": "in_person", "received_on": D(2025, 3, 3), "applicant_type": "natural_person", "description": "x"}
    )
    with pytest.raises(services.RequestError):
        services.add_event(request, "extended", D(2025, 3, 20), days=21, approved_by="王主任")
    with pytest.raises(services.RequestError):
        services.add_event(request, "extended", D(2025, 3, 20), days=10)  # no approval recorded
    services.add_event(request, "extended", D(2025, 3, 20), days=10, approved_by="王主任")
    request.refresh_from_db()
    assert request.due_on == D(2025, 4, 15)
    with pytest.raises(services.RequestError):
        services.add_event(request, "extended", D(2025, 3, 21), days=5, approved_by="王主任")


def test_a_day_beyond_the_calendar_raises_instead_of_guessing():
    last = workdays.covered_until()
    with pytest.raises(CalendarRangeError) as info:
        workdays.is_workday(last + datetime.timedelta(days=3))
    assert "EXTRA_HOLIDAYS" in str(info.value)
    with pytest.raises(CalendarRangeError):
        due(last - datetime.timedelta(days=5))


def test_extra_holidays_extend_the_calendar():
    last = workdays.covered_until()
    assert last == D(2026, 12, 31)  # chinesecalendar 1.11 knows 2026; this test declares 2027 by hand
    extra = {
        "REQUESTS": {
            "EXTRA_HOLIDAYS": ["2027-01-01"],
            "EXTRA_WORKDAYS": [],
            "CALENDAR_EXTENDED_TO": "2027-12-31",
        }
    }
    with override_settings(GI_WAGTAIL=extra):
        assert workdays.covered_until() == D(2027, 12, 31)
        assert not workdays.is_workday(D(2027, 1, 1))
        # 12/16-18 (3), 12/21-25 (8), 12/28-31 (12), 1/1 off, 1/4-8 (17), 1/11-13 (20).
        assert due(D(2026, 12, 15)).due == D(2027, 1, 13)
    with override_settings(GI_WAGTAIL={"REQUESTS": {**extra["REQUESTS"], "EXTRA_WORKDAYS": ["2027-01-09"]}}):
        assert due(D(2026, 12, 15)).due == D(2027, 1, 12)  # a declared make-up Saturday counts
    with pytest.raises(CalendarRangeError):
        due(D(2026, 12, 15))  # the declaration is gone again

import datetime

from django.core import checks
from django.test import SimpleTestCase, override_settings
from django.utils import timezone

from gi_wagtail.requests import workdays
from gi_wagtail.requests.checks import HORIZON_DAYS


def _ids():
    return {m.id for m in checks.run_checks() if m.id in ("gi_wagtail.W040", "gi_wagtail.E040")}


class CalendarCheckTests(SimpleTestCase):
    def test_w040_says_whether_the_calendar_reaches_90_days_ahead(self):
        ends_soon = workdays.covered_until() < timezone.localdate() + datetime.timedelta(days=HORIZON_DAYS)
        self.assertEqual(_ids(), {"gi_wagtail.W040"} if ends_soon else set())

    def test_next_years_notice_in_settings_silences_w040(self):
        far = (timezone.localdate() + datetime.timedelta(days=HORIZON_DAYS + 10)).isoformat()
        with override_settings(GI_WAGTAIL={"REQUESTS": {"CALENDAR_EXTENDED_TO": far}}):
            self.assertEqual(_ids(), set())
            self.assertEqual(workdays.covered_until().isoformat(), far)

    def test_a_setting_that_is_not_a_date_is_an_error(self):
        with override_settings(GI_WAGTAIL={"REQUESTS": {"EXTRA_HOLIDAYS": ["2027-02-30"]}}):
            self.assertEqual(_ids(), {"gi_wagtail.E040"})

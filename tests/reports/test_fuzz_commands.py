"""Fuzzing gi_wagtail_check_report and gi_wagtail_import_report with malformed report files.

Inputs come from ``tests.fuzz_inputs`` (shared with ``benchmarks/fuzz_imports.py``): JSON
reports with odd values (NaN, integers past 2^63, control characters, titles over 255
characters, deep nesting) and damaged HTML and text reports. Each command must end normally,
with exit status 1 (check: errors found) or with a ``CommandError`` whose every line is
``file:line: problem`` — never a traceback, also when the page is written (PostgreSQL refuses
NUL and lone surrogates, columns have limits).
"""

import random
import re
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from gi_wagtail.reports.models import AnnualReportPage
from tests.factories import build_catalogue
from tests.fuzz_inputs import Case, report_case
from tests.reports.factories import balanced_report

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def seed_reports() -> list[dict]:
    return [balanced_report("2021", 2021), balanced_report("2019", 2020)]


class ReportCommandFuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, _category, cls.organisation = build_catalogue()
        cls.reports = seed_reports()

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)

    def write(self, case: Case) -> Path:
        path = Path(self._tmp.name) / case.name
        path.write_bytes(case.data)
        return path

    def assert_located(self, path: Path, message: str) -> None:
        prefix = re.compile(rf"^{re.escape(str(path))}:\d+: \S")
        for line in message.splitlines():
            self.assertRegex(line, prefix, "a problem without its line")

    @FUZZ
    @given(st.randoms(use_true_random=False), st.sampled_from(["json", "text"]))
    def test_check_report(self, rng: random.Random, output: str) -> None:
        path = self.write(report_case(rng, self.reports))
        out = StringIO()
        try:
            call_command("gi_wagtail_check_report", str(path), "--format", output, stdout=out, stderr=StringIO())
        except CommandError as exc:
            self.assert_located(path, str(exc))
        except SystemExit as exc:
            self.assertEqual(exc.code, 1)  # errors found in a readable report

    @FUZZ
    @given(st.randoms(use_true_random=False))
    def test_import_report(self, rng: random.Random) -> None:
        path = self.write(report_case(rng, self.reports))
        args = ["--parent", str(self.index.pk), "--organisation", self.organisation.name]
        try:
            call_command("gi_wagtail_import_report", str(path), *args, stdout=StringIO(), stderr=StringIO())
        except CommandError as exc:
            self.assert_located(path, str(exc))
        else:
            page = AnnualReportPage.objects.get(organisation=self.organisation)
            self.assertLessEqual(len(page.title), 255)

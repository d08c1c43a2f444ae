"""Fuzzing the catalogue import: malformed CSV, JSON Lines and XLSX files end in errors on their lines.

Inputs come from ``tests.fuzz_inputs`` (shared with ``benchmarks/fuzz_imports.py``). For each
file the command must exit normally or with a ``CommandError`` (never a traceback), print
every error as ``file:line: reason`` on one line, import every valid record and report each
broken one once. Each example runs in its own transaction (Hypothesis's Django TestCase).
"""

import random
import re
import tempfile
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from gi_wagtail.models import DisclosureItemPage
from tests.factories import build_catalogue
from tests.fuzz_inputs import Case, catalogue_case

FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SUMMARY = re.compile(r"^\d+ ")  # the closing "N record(s) failed …" line


def run_import(path: Path, publish: bool = True) -> tuple[str, list[str], str | None]:
    """(stdout, stderr lines, CommandError message or None); any other exception propagates."""
    out, err = StringIO(), StringIO()
    args = ["--publish", "--user", "fuzzer"] if publish else ["--user", "fuzzer"]
    try:
        call_command("gi_wagtail_import", str(path), *args, stdout=out, stderr=err)
    except CommandError as exc:
        return out.getvalue(), err.getvalue().splitlines(), str(exc)
    return out.getvalue(), err.getvalue().splitlines(), None


class CatalogueFuzzTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        build_catalogue()
        get_user_model().objects.create_superuser("fuzzer", "fuzzer@example.com", None)

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory()
        self.addCleanup(self._tmp.cleanup)

    def check(self, case: Case, publish: bool = True) -> None:
        path = Path(self._tmp.name) / case.name
        path.write_bytes(case.data)
        _out, errors, failure = run_import(path, publish)
        prefix = re.compile(rf"^{re.escape(str(path))}:\d+: \S")
        for line in errors:
            self.assertRegex(line, prefix, f"an error without its line ({case.kind})")
        if failure is not None and not SUMMARY.match(failure):
            # The file as a whole was refused: say where, or name the file (an unreadable workbook).
            self.assertTrue(failure.startswith(str(path)), failure)
            self.assertNotIn("\n", failure)
        if case.expected is None:
            return
        self.assertFalse(failure and not SUMMARY.match(failure), f"{case.kind}: {failure}")
        titles = set(DisclosureItemPage.objects.filter(title__in=case.expected).values_list("title", flat=True))
        self.assertEqual(titles, set(case.expected), f"valid records lost ({case.kind}): {errors}")
        self.assertEqual(len(errors), case.broken, f"each broken record reported once ({case.kind}): {errors}")

    @FUZZ
    @given(st.randoms(use_true_random=False))
    def test_csv(self, rng: random.Random) -> None:
        self.check(catalogue_case(rng, "csv"))

    @FUZZ
    @given(st.randoms(use_true_random=False))
    def test_json_lines(self, rng: random.Random) -> None:
        self.check(catalogue_case(rng, "jsonl"))

    @FUZZ
    @given(st.randoms(use_true_random=False))
    def test_xlsx(self, rng: random.Random) -> None:
        self.check(catalogue_case(rng, "xlsx"))

    @settings(FUZZ, max_examples=8)
    @given(st.randoms(use_true_random=False), st.sampled_from(["csv", "jsonl", "xlsx"]))
    def test_drafts_for_review(self, rng: random.Random, fmt: str) -> None:
        """Without --publish every page is saved as a draft on its own: the same guarantees hold."""
        self.check(catalogue_case(rng, fmt), publish=False)

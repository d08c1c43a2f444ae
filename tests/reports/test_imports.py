"""reports/ depends on catalogue, text, conf and search.base only; its pure core runs without Django settings."""

import os
import subprocess
import sys
from pathlib import Path

from tests.security.test_imports import imports_of, outside

# search: only its registry of document builders (reports/search.py registers the report kind).
ALLOWED = (
    "gi_wagtail.reports",
    "gi_wagtail.catalogue",
    "gi_wagtail.text",
    "gi_wagtail.conf",
    "gi_wagtail.search.base",
    "gi_wagtail.search.documents",
    # the request register: tables 三 and 四 prefill from it (reports sits above requests in the layers)
    "gi_wagtail.requests",
    # the one cell helper every CSV/XLSX export uses (formulas and control characters); pure Python
    "gi_wagtail.security.spreadsheets",
)
PURE_CORE = [
    "formats",
    "parsers",
    "rules",
    "schema",
    "validator",
    "findings",
    "values",
    "labels",
    "narrative",
    "compare",
    "exports",
    "render",
]


def test_reports_imports_only_the_rooms_it_reads():
    assert outside(imports_of("reports"), ALLOWED) == {}


def test_pure_core_needs_no_django_settings(tmp_path):
    # A fresh interpreter without DJANGO_SETTINGS_MODULE: parse a report, validate it, export a table.
    fixture = Path(__file__).parent / "fixtures" / "county-kjj-2021-report.html"
    script = "\n".join(
        [
            *(f"import gi_wagtail.reports.{name}" for name in PURE_CORE),
            "from gi_wagtail.reports.parsers import parse_file",
            "from gi_wagtail.reports.validator import validate",
            "from gi_wagtail.reports.exports import export_table",
            f"report = parse_file({str(fixture)!r})",
            "validate(report)",
            "assert export_table(report, 'table3', 'csv')[0]",
            "import django.conf; assert not django.conf.settings.configured",
        ]
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["PYTHONPATH"] = str(Path(__file__).parents[2])
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr

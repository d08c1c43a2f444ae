"""JSON reports in the schema of :mod:`gi_wagtail.reports.schema`."""

from __future__ import annotations

from gi_wagtail.reports.parsers.errors import ReportParseError
from gi_wagtail.reports.schema import SchemaError, load_report


def parse_json(data: bytes | str) -> dict:
    try:
        return load_report(data)
    except SchemaError as exc:
        raise ReportParseError("not a valid report JSON: " + "; ".join(exc.problems)) from None

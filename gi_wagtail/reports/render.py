"""Fill the official table layouts with a report's values (and findings per cell)."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from gi_wagtail.reports.findings import Finding, by_location
from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.formats.layout import table_layout


def display(value: object) -> str:
    """Blank (null) shows as empty, never as 0."""
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def filled_layout(report: dict[str, Any], table: str, findings: Iterable[Finding] = ()) -> dict[str, Any]:
    """The official layout of ``table`` with the report's values and each cell's findings filled in."""
    fmt = get_format(report["format"])
    layout = copy.deepcopy(table_layout(fmt, table))
    located = by_location(findings)
    data = report["tables"][table]
    missing = set(report.get("missing") or [])  # not known, unlike a printed blank
    for row in layout["head"] + layout["body"]:
        for cell in row:
            if cell["address"]:
                row_key, col_key = cell["address"]
                address = f"{table}.{row_key}.{col_key}"
                cell["value"] = data[row_key][col_key]
                cell["text"] = display(cell["value"])
                cell["location"] = address
                cell["findings"] = located.get(address, [])
                cell["severity"] = _worst(cell["findings"])
                cell["missing"] = cell["value"] is None and address in missing
    return layout


def _worst(findings: Iterable[Finding]) -> str:
    for severity in ("error", "warning", "info"):
        if any(f.severity == severity for f in findings):
            return severity
    return ""

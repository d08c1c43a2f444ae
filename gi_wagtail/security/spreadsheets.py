"""Cells written to CSV and XLSX exports: no formulas, no control characters.

A cell starting with ``= + - @``, a tab or a carriage return is run as a formula by spreadsheet programs
(OWASP "CSV injection"): it gets a leading apostrophe. Control characters are dropped: XML (inside XLSX)
cannot hold them, and openpyxl refuses the whole workbook when one appears.
"""

from __future__ import annotations

import re
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# C0 controls except tab, newline and carriage return; DEL; the two non-characters XML forbids.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")  # a plain signed number is data, not a formula


def safe_cell(value: Any) -> Any:
    """``value`` as an export may write it: text cleaned and defused, anything else unchanged."""
    if not isinstance(value, str):
        return value
    value = _CONTROL.sub("", value)
    if value.startswith(FORMULA_PREFIXES) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class SafeSpreadsheetExportMixin:
    """For a Wagtail listing view with ``list_export``: every CSV and XLSX cell goes through ``safe_cell``."""

    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        return safe_cell(super().preprocess_field_value(field, value, export_format))  # type: ignore[misc]

    def get_heading(self, queryset: Any, field: str) -> str:
        return safe_cell(super().get_heading(queryset, field))  # type: ignore[misc]

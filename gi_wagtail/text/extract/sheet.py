"""XLSX text through openpyxl (read-only, cached values): each sheet's name, then its non-empty rows."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from gi_wagtail.text.extract import limits
from gi_wagtail.text.extract.cleaning import Sink


def read_xlsx(data: bytes, sink: Sink) -> None:
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    try:
        sheets = workbook.worksheets
        sink.pages = len(sheets)
        budget = limits.MAX_SHEET_CELLS
        for sheet in sheets:
            sink.break_block()
            if not sink.add(sheet.title):
                return
            # The declared dimension may claim a million rows by 16,384 columns: read only the cells present.
            sheet.reset_dimensions()
            for row in sheet.iter_rows(values_only=True):
                budget -= len(row) + 1
                if budget < 0:
                    sink.truncated = True
                    return
                line = "\t".join(_cell(value) for value in row).rstrip("\t")
                if line.strip() and not sink.add(line):
                    return
    finally:
        workbook.close()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as the spreadsheet shows it
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else format(value, ".15g")
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")

"""Downloads of report tables: CSV (UTF-8 with BOM for Excel), XLSX (official merged
layout, via openpyxl) and JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.render import display, filled_layout
from gi_wagtail.reports.schema import Report
from gi_wagtail.security.spreadsheets import safe_cell

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json; charset=utf-8",
}


def _check_table(report: Report, table: str) -> None:
    if table not in (report.get("tables") or {}):
        raise KeyError(f"report format {report['format']} has no {table}")


def table_rows(report: Report, table: str) -> list[list[object]]:
    """Plain rows for CSV: a header row then one row per data row."""
    _check_table(report, table)
    fmt = get_format(report["format"])
    data = report["tables"][table]
    if table == "table2":
        rows = [["block", "信息内容", "row_key", "指标", "col_key", "数值"]]
        for block in fmt.table2.blocks:
            for row in block.rows:
                for col in block.columns:
                    rows.append([block.label, row.label, row.key, col.label, col.key, display(data[row.key][col.key])])
        return rows
    tdef = fmt.table(table)
    header = ["row_key", "信息内容"] + [f"{c.parent}/{c.label}" if c.parent else c.label for c in tdef.columns]
    rows = [header]
    for row in tdef.rows:
        label = " ".join(x for x in (row.section, row.group, row.label) if x)
        rows.append([row.key, label] + [display(data[row.key][c.key]) for c in tdef.columns])
    return rows


def table_csv(report: Report, table: str) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow([safe_cell(str(report.get("organisation", ""))), report["year"], table])
    writer.writerows([safe_cell(value) for value in row] for row in table_rows(report, table))
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def table_json(report: Report, table: str) -> bytes:
    _check_table(report, table)
    payload = {
        "format": report["format"],
        "year": report["year"],
        "organisation": report.get("organisation", ""),
        "table": table,
        "rows": report["tables"][table],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")


def report_json(report: Report) -> bytes:
    return json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")


def _write_sheet(ws: Worksheet, report: Report, table: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side

    layout = filled_layout(report, table)
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    width = layout["width"]
    ws.cell(
        row=1,
        column=1,
        value=safe_cell(f"{report.get('organisation', '')} {report['year']} {layout['caption']}".strip()),
    )
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.cell(row=1, column=1).font = Font(bold=True)
    occupied: set[tuple[int, int]] = set()
    for r, row in enumerate(layout["head"] + layout["body"], start=2):
        c = 1
        for cell in row:
            while (r, c) in occupied:
                c += 1
            target = ws.cell(row=r, column=c)
            target.value = safe_cell(cell["value"] if cell["address"] else cell["text"])
            target.border = border
            target.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            if cell["th"]:
                target.font = Font(bold=cell["scope"] != "row")
            if cell["rowspan"] > 1 or cell["colspan"] > 1:
                ws.merge_cells(
                    start_row=r, start_column=c, end_row=r + cell["rowspan"] - 1, end_column=c + cell["colspan"] - 1
                )
            for i in range(cell["rowspan"]):
                for j in range(cell["colspan"]):
                    occupied.add((r + i, c + j))
            c += cell["colspan"]


def table_xlsx(report: Report, table: str | None = None) -> bytes:
    """One sheet for ``table`` or, when None, one sheet per table of the report."""
    from openpyxl import Workbook

    tables = [table] if table else list(report.get("tables") or {})
    for t in tables:
        _check_table(report, t)
    wb = Workbook()
    wb.remove(wb.active)
    for t in tables:
        _write_sheet(wb.create_sheet(title=t), report, t)
    if not tables:
        wb.create_sheet(title="report")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def export_table(report: Report, table: str, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file name) for a table download."""
    makers = {"csv": table_csv, "xlsx": table_xlsx, "json": table_json}
    if fmt not in makers:
        raise KeyError(f"unknown download format {fmt!r}")
    name = f"annual-report-{report['year']}-{table}.{fmt}"
    return makers[fmt](report, table), CONTENT_TYPES[fmt], name

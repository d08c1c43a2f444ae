"""Official table layouts (merged headers) derived from the format definitions.

``table_layout`` returns head/body rows of cells; a cell is a dict with
``text``, ``rowspan``, ``colspan``, ``th`` (header cell?), ``scope`` and, for
data cells, ``address`` = (row_key, col_key). Renderers (HTML template, XLSX)
only have to walk the rows.
"""

from __future__ import annotations

from typing import Any, TypeAlias

from gi_wagtail.reports.formats.base import FormatSpec, GridTableDef, Table2Def
from gi_wagtail.reports.formats.table2 import CONTENT_HEADER
from gi_wagtail.reports.formats.table3 import APPLICANT_HEADER, ORG_HEADER
from gi_wagtail.reports.formats.table4 import AFTER_REVIEW, DIRECT, LITIGATION, RESULTS, REVIEW

Cell: TypeAlias = dict[str, Any]
Layout: TypeAlias = dict[str, Any]


def _th(text: str, rowspan: int = 1, colspan: int = 1, scope: str = "col") -> Cell:
    return {"text": text, "rowspan": rowspan, "colspan": colspan, "th": True, "scope": scope, "address": None}


def _td(row_key: str, col_key: str, colspan: int = 1) -> Cell:
    return {"text": "", "rowspan": 1, "colspan": colspan, "th": False, "scope": "", "address": (row_key, col_key)}


def table3_layout(tdef: GridTableDef) -> Layout:
    label_cols = 3
    cols = tdef.columns
    org_cols = [c for c in cols if c.parent == ORG_HEADER]
    head = [
        [
            _th(tdef.corner_label, rowspan=3, colspan=label_cols, scope=""),
            _th(APPLICANT_HEADER, colspan=len(cols), scope="colgroup"),
        ],
        [
            _th(cols[0].label, rowspan=2),
            _th(ORG_HEADER, colspan=len(org_cols), scope="colgroup"),
            _th(cols[-1].label, rowspan=2),
        ],
        [_th(c.label) for c in org_cols],
    ]
    body = []
    rows = tdef.rows
    for i, row in enumerate(rows):
        cells = []
        span = label_cols
        if row.section:
            span -= 1
            if i == 0 or rows[i - 1].section != row.section:
                n = sum(1 for r in rows if r.section == row.section)
                cells.append(_th(row.section, rowspan=n, scope="rowgroup"))
        if row.group:
            span -= 1
            if i == 0 or rows[i - 1].group != row.group:
                n = sum(1 for r in rows if r.group == row.group)
                cells.append(_th(row.group, rowspan=n, scope="rowgroup"))
        cells.append(_th(row.label, colspan=span, scope="row"))
        cells.extend(_td(row.key, c.key) for c in cols)
        body.append(cells)
    return {"key": "table3", "caption": tdef.caption, "head": head, "body": body, "width": label_cols + len(cols)}


def table4_layout(tdef: GridTableDef) -> Layout:
    labels = [label for _, label in RESULTS]
    head = [
        [_th(REVIEW, colspan=5, scope="colgroup"), _th(LITIGATION, colspan=10, scope="colgroup")],
        [
            *(_th(x, rowspan=2) for x in labels),
            _th(DIRECT, colspan=5, scope="colgroup"),
            _th(AFTER_REVIEW, colspan=5, scope="colgroup"),
        ],
        [*(_th(x) for x in labels), *(_th(x) for x in labels)],
    ]
    row = tdef.rows[0]
    body = [[_td(row.key, c.key) for c in tdef.columns]]
    return {"key": "table4", "caption": tdef.caption, "head": head, "body": body, "width": 15}


def table2_layout(tdef: Table2Def) -> Layout:
    width = 1 + max(len(b.columns) for b in tdef.blocks)
    body = []
    for block in tdef.blocks:
        body.append([_th(block.label, colspan=width, scope="colgroup")])
        header = [_th(CONTENT_HEADER)]
        for j, col in enumerate(block.columns):
            last = j == len(block.columns) - 1
            header.append(_th(col.label, colspan=(width - 1 - j) if last else 1))
        body.append(header)
        for row in block.rows:
            cells = [_th(row.label, scope="row")]
            for j, col in enumerate(block.columns):
                last = j == len(block.columns) - 1
                cells.append(_td(row.key, col.key, colspan=(width - 1 - j) if last else 1))
            body.append(cells)
    return {"key": "table2", "caption": "二、主动公开政府信息情况", "head": [], "body": body, "width": width}


def table_layout(fmt: FormatSpec, table: str) -> Layout:
    """The official layout of ``table`` in ``fmt``: head and body rows of cells, and the table's width."""
    tdef = fmt.table(table)
    if tdef is None:
        raise KeyError(f"format {fmt.code} has no {table}")
    return {"table2": table2_layout, "table3": table3_layout, "table4": table4_layout}[table](tdef)

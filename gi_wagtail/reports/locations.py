"""Cell addresses as editors read them: the printed table, row and column labels.

Machine keys (``table3.granted.natural_person``) stay in JSON output; messages
and the editor show ``表三 “（一）予以公开” 行 “自然人” 列``.
"""

from __future__ import annotations

from gi_wagtail.reports.formats import CATEGORY_NAMES_KEY
from gi_wagtail.reports.formats.base import FormatSpec

TABLE_TITLES = {"table2": "表二", "table3": "表三", "table4": "表四"}
FEE_LABELS = {
    "notices_count": "收费通知件数",
    "notices_amount": "收费通知金额（元）",
    "collected": "实际收取金额（元）",
    "text": "收费说明",
}


def _row_label(fmt: FormatSpec, table: str, row_key: str) -> str:
    tdef = fmt.table(table)
    if tdef is None:
        return row_key
    if table == "table2":
        for block in tdef.blocks:
            for row in block.rows:
                if row.key == row_key:
                    return f"{block.label} {row.label}"
        return row_key
    if table == "table4":
        return ""
    try:
        row = tdef.row(row_key)
    except KeyError:
        return row_key
    return f"{row.group}{row.label}" if row.group else row.label


def _column_label(fmt: FormatSpec, table: str, row_key: str, col_key: str) -> str:
    try:
        col = fmt.column_def(table, row_key, col_key)
    except (KeyError, AttributeError):
        return col_key
    label = f"{col.label}（{col.unit}）" if col.unit and col.unit not in col.label else col.label
    return f"{col.parent}·{label}" if col.parent else label


def describe(fmt: FormatSpec, address: str) -> str:
    """The printed labels of a cell, fee figure or key figure address (the address itself if unknown)."""
    parts = address.split(".")
    if parts[0] in TABLE_TITLES and len(parts) == 3:
        table, row_key, col_key = parts
        title = TABLE_TITLES[table]
        row = _row_label(fmt, table, row_key)
        col = _column_label(fmt, table, row_key, col_key)
        return f"{title}“{row}”行“{col}”列" if row else f"{title}“{col}”列"
    if parts[0] in TABLE_TITLES and len(parts) == 1:
        return TABLE_TITLES[parts[0]]
    if parts[0] == "fees" and len(parts) == 2:
        return f"六、收费情况“{FEE_LABELS.get(parts[1], parts[1])}”"
    if parts[0] == "key_figures" and len(parts) == 2:
        if parts[1] == CATEGORY_NAMES_KEY:
            return "主动公开信息类别名称"
        for fig in fmt.key_figures:
            if fig.key == parts[1]:
                return fig.label
    return address


def describe_all(fmt: FormatSpec, addresses: tuple[str, ...] | list[str]) -> str:
    """Several addresses joined for a message (、-separated, as Chinese lists are)."""
    return "、".join(describe(fmt, a) for a in addresses)

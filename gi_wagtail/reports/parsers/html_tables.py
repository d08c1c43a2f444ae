"""Read tables 二/三/四 from expanded HTML grids, matching labels loosely."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeAlias

from gi_wagtail.reports.findings import gettext_noop, translate
from gi_wagtail.reports.formats import AMOUNT
from gi_wagtail.reports.formats.base import Column, FormatSpec, GridTableDef, Row
from gi_wagtail.reports.formats.table3 import APPLICANT_HEADER, ORG_HEADER
from gi_wagtail.reports.labels import core, leading_number, normalise
from gi_wagtail.reports.parsers.grid import GridCell, distinct
from gi_wagtail.reports.values import CellValueError, cell_unit, parse_cell, printed_unit

Grid: TypeAlias = list[list[GridCell | None]]
Cells: TypeAlias = dict[str, dict[str, Any]]

_ = gettext_noop


def _note(notes: list[str], msgid: str, **params: object) -> None:
    notes.append(translate(msgid) % params)


def _text(grid: Grid) -> str:
    return normalise(" ".join(c.text for row in grid for c in distinct(row)))


def classify(grid: Grid) -> str | None:
    """Which official table a grid is ("table2", "table3", "table4"), judged by its labels."""
    text = _text(grid)
    if "本年新收" in text or "申请人情况" in text or "上年结转" in text:
        return "table3"
    if "结果维持" in text and "复议" in text:
        return "table4"
    if "第二十条" in text or "信息内容" in text:
        return "table2"
    return None


def detect_format(grids: Mapping[str, Grid], year: int | None) -> str:
    """The report format the tables' wording belongs to; the year decides when they do not tell."""
    text = " ".join(_text(g) for g in grids.values())
    if any(k in text for k in ("逾期不补正", "缴纳费用", "本年制发件数", "现行有效件数", "本年废止")):
        return "2021"
    if any(k in text for k in ("本年新制作数量", "对外公开总数量", "政府集中采购", "其他对外管理服务")):
        return "2019"
    return "2021" if (year or 0) >= 2021 else "2019"


def _match(label: str, rows: Sequence[Row], allow_contains: bool = True, min_len: int = 2) -> Row | None:
    c = core(label)
    if not c:
        return None
    for row in rows:
        if c in (core(row.label), *(core(a) for a in row.aliases)):
            return row
    if allow_contains and len(c) >= min_len:
        for row in rows:
            for cand in (row.label, *row.aliases):
                k = core(cand)
                if len(k) >= min_len and (k in c or c in k):
                    return row
    return None


def _read(
    cell: GridCell | None, col: Column, notes: list[str], where: str, missing: set[str], header_unit: str = ""
) -> int | float | None:
    """One cell's value; a cell cut off (absent from its row) or unreadable joins ``missing``."""
    if cell is None:
        missing.add(where)
        return None
    text = cell.text
    if col.kind == AMOUNT and header_unit and re.fullmatch(r"\s*[\d.,，]+\s*", text or ""):
        text = f"{text}{header_unit}"
    try:
        return parse_cell(text, col.kind, col.unit)
    except CellValueError as exc:
        _note(notes, _("%(where)s: %(error)s; left blank."), where=where, error=str(exc))
        missing.add(where)
        return None


def _all_cells(tdef: GridTableDef, missing: set[str]) -> None:
    missing.update(f"{tdef.key}.{r}.{c}" for r, cols in tdef.cell_keys().items() for c in cols)


# ---------------------------------------------------------------- table 三

_T3_COLUMN_WORDS = (
    ("自然人", "natural_person"),
    ("商业企业", "org_business"),
    ("科研机构", "org_research"),
    ("社会公益", "org_public_interest"),
    ("法律服务", "org_legal_service"),
    ("总计", "total"),
    ("合计", "total"),
    ("其他", "org_other"),
)


def _t3_columns(
    grid: Grid, header_rows: list[int], first_data_col: int, tdef: GridTableDef, notes: list[str]
) -> dict[int, str]:
    ncols = len(grid[0])
    mapping = {}
    for j in range(first_data_col, ncols):
        text = normalise("".join(c.text for c in distinct(grid[r][j] for r in header_rows)))
        text = text.replace(normalise(APPLICANT_HEADER), "").replace(normalise(ORG_HEADER), "")
        key = next((k for word, k in _T3_COLUMN_WORDS if word in text), None)
        if key:
            mapping[j] = key
    keys = [c.key for c in tdef.columns]
    if sorted(mapping.values()) != sorted(keys):
        _note(notes, _("Table 三: column headers not recognised; columns read in the official order."))
        mapping = {first_data_col + i: k for i, k in enumerate(keys)}
    return mapping


def _t3_row(parts: list[GridCell], tdef: GridTableDef, last_group: str | None) -> Row | None:
    groups = {core(r.group): r.group for r in tdef.rows if r.group}
    group = None
    for part in parts[:-1]:
        c = core(part.text)
        for gcore, glabel in groups.items():
            if c == gcore or (gcore and gcore in c):
                group = glabel
    item = parts[-1].text
    if group is None and last_group and leading_number(item) is not None:
        group = last_group
    if group:
        members = [r for r in tdef.rows if r.group == group]
        row = _match(item, members, allow_contains=False)
        if row is None:
            n = leading_number(item)
            row = next((r for r in members if leading_number(r.label) == n), None) if n else None
        return row or _match(item, members)
    singles = [r for r in tdef.rows if not r.group]
    row = _match(item, singles, allow_contains=False)
    if row is None:
        # a combined label such as "（三）不予公开 1.属于国家秘密" in one cell
        row = _match(item, [r for r in tdef.rows if r.group], allow_contains=True, min_len=4)
    return row or _match(item, singles)


def read_table3(grid: Grid, fmt: FormatSpec, notes: list[str], missing: set[str] | None = None) -> Cells:
    """Table 三 of ``fmt`` from a grid; what could not be read joins ``missing`` and is explained in ``notes``."""
    tdef = fmt.table3
    missing = set() if missing is None else missing
    ncols = len(grid[0]) if grid else 0
    if ncols < 8:
        _note(notes, _("Table 三 has %(n)s columns, expected at least 8; it was not read."), n=ncols)
        _all_cells(tdef, missing)
        return {}
    first_data_col = ncols - 7
    out, seen, header_rows, data_started, last_group = {}, set(), [], False, None
    mapping = None
    for r, row in enumerate(grid):
        parts = [c for c in distinct(row[:first_data_col]) if c.text]
        matched = _t3_row(parts, tdef, last_group) if parts else None
        if matched is None:
            if not data_started:
                header_rows.append(r)
            elif any(c and c.text for c in row[first_data_col:]):
                _note(
                    notes,
                    _("Table 三: row “%(label)s” not recognised; ignored."),
                    label=" ".join(p.text for p in parts),
                )
            continue
        if mapping is None:
            mapping = _t3_columns(grid, header_rows, first_data_col, tdef, notes)
        data_started = True
        last_group = matched.group or None
        if matched.key in seen:
            _note(notes, _("Table 三: row “%(label)s” appears twice; the first one was kept."), label=matched.label)
            continue
        seen.add(matched.key)
        out[matched.key] = {
            key: _read(row[j], tdef.column(key), notes, f"table3.{matched.key}.{key}", missing)
            for j, key in mapping.items()
        }
    absent = [r.key for r in tdef.rows if r.key not in out]
    if absent:
        _note(
            notes,
            _("Table 三: %(n)s row(s) not found and left blank: %(rows)s."),
            n=len(absent),
            rows=", ".join(absent),
        )
        missing.update(f"table3.{r}.{c.key}" for r in absent for c in tdef.columns)
    return out


# ---------------------------------------------------------------- table 四

_T4_GROUP_WORDS = (("未经复议", "lit_direct"), ("复议后", "lit_after_review"), ("复议", "review"))
_T4_RESULT_WORDS = (
    ("维持", "upheld"),
    ("纠正", "corrected"),
    ("其他", "other"),
    ("审结", "pending"),
    ("总计", "total"),
    ("合计", "total"),
)


def read_table4(grid: Grid, fmt: FormatSpec, notes: list[str], missing: set[str] | None = None) -> Cells:
    """Table 四 from a grid (one row of cases); problems go to ``notes``, unread cells to ``missing``."""
    tdef = fmt.table4
    missing = set() if missing is None else missing
    ncols = len(grid[0]) if grid else 0
    if ncols < 15:
        _note(notes, _("Table 四 has %(n)s columns, expected 15; it was not read."), n=ncols)
        _all_cells(tdef, missing)
        return {}
    first = ncols - 15
    data_row = None
    for r, row in enumerate(grid):
        cells = row[first:]
        try:  # the data row is the first whose cells all read as numbers
            for c in cells:
                parse_cell(c.text if c else "")
        except CellValueError:
            continue
        if any(c is not None and c.row != r for c in cells):
            continue  # a header cell spanning into this row
        data_row = r
        break
    if data_row is None:
        _note(notes, _("Table 四: no data row found; left blank."))
        _all_cells(tdef, missing)
        return {}
    mapping = {}
    for j in range(first, ncols):
        text = normalise("".join(c.text for c in distinct(grid[r][j] for r in range(data_row))))
        group = next((k for w, k in _T4_GROUP_WORDS if w in text), None)
        result = next((k for w, k in _T4_RESULT_WORDS if w in text), None)
        if group and result:
            mapping[j] = f"{group}_{result}"
    keys = [c.key for c in tdef.columns]
    if sorted(mapping.values()) != sorted(keys):
        _note(notes, _("Table 四: column headers not recognised; columns read in the official order."))
        mapping = {first + i: k for i, k in enumerate(keys)}
    row = grid[data_row]
    return {
        "cases": {
            key: _read(row[j], tdef.column(key), notes, f"table4.cases.{key}", missing) for j, key in mapping.items()
        }
    }


# ---------------------------------------------------------------- table 二

_ITEM_RE = re.compile(r"第二十条第\(?([一二三四五六七八九十]+)\)?项")


_UNIT_CAPTION_RE = re.compile(r"^\W*单位\s*[:：]")


def read_table2(
    grid: Grid,
    fmt: FormatSpec,
    notes: list[str],
    missing: set[str] | None = None,
    units: dict[str, str] | None = None,
    caption: str = "",
) -> Cells:
    """Table 二 of ``fmt`` from a grid; problems go to ``notes``, unread cells to ``missing``.

    Amounts are converted to their canonical unit from the unit printed in the
    cell, the column header or the caption (``caption`` or a "单位：元" row);
    ``units`` receives, per amount address, the unit printed ("" = none printed).
    """
    tdef = fmt.table2
    missing = set() if missing is None else missing
    units = {} if units is None else units
    table_unit = printed_unit(caption)
    for row in grid:
        for c in distinct(row):
            if not table_unit and _UNIT_CAPTION_RE.search(c.text):
                table_unit = printed_unit(c.text)
    out = {}
    block, colmap = None, {}
    for row in grid:
        cells = distinct(row)
        if not cells or (len(cells) == 1 and _UNIT_CAPTION_RE.search(cells[0].text)):
            continue
        joined = normalise("".join(c.text for c in cells))
        m = _ITEM_RE.search(joined)
        if m and len(cells) <= 2:
            block = next((b for b in tdef.blocks if normalise(b.label) == m.group(0)), None)
            if block is None:
                _note(notes, _("Table 二: block “%(label)s” is not part of this format; ignored."), label=cells[0].text)
            colmap = {}
            continue
        if core(cells[0].text) == "信息内容":
            columns = block.columns if block else tuple(c for b in tdef.blocks for c in b.columns)
            colmap = {}
            for cell in cells[1:]:
                col = _match(cell.text, columns, allow_contains=False) or _match(cell.text, columns)
                if col is not None:
                    colmap[cell.col] = (col, printed_unit(cell.text))
            continue
        rows = block.rows if block else tdef.rows
        matched = _match(cells[0].text, rows)
        if matched is None:
            if any(c.text for c in cells[1:]):
                _note(notes, _("Table 二: row “%(label)s” not recognised; ignored."), label=cells[0].text)
            continue
        values = out.setdefault(matched.key, {})
        for cell in cells[1:]:
            if cell.col in colmap:
                col, unit = colmap[cell.col]
                if col.key in dict.fromkeys(c.key for c in tdef.columns_of(matched.key)):
                    where = f"table2.{matched.key}.{col.key}"
                    unit = unit or table_unit
                    values[col.key] = _read(cell, col, notes, where, missing, unit)
                    if col.kind == AMOUNT:
                        units[where] = cell_unit(cell.text) or unit
    for row in tdef.rows:  # rows and columns not printed (cut off, not found)
        missing.update(
            f"table2.{row.key}.{c.key}" for c in tdef.columns_of(row.key) if c.key not in out.get(row.key, {})
        )
    return out

"""Expand an HTML <table> (rowspan/colspan) into a rectangular grid of cells."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bs4 import Tag

MAX_SPAN = 200  # guards against rowspan="100000" in hostile input


@dataclass(eq=False)
class GridCell:
    text: str
    row: int  # origin
    col: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False


def _span(tag: Tag, name: str) -> int:
    try:
        value = int(str(tag.get(name, "1")).strip() or 1)
    except ValueError:
        return 1
    return max(1, min(value, MAX_SPAN))


def cell_text(tag: Tag) -> str:
    return " ".join(tag.get_text(" ").split())


def expand(table: Tag) -> list[list[GridCell | None]]:
    """table: a bs4 Tag. Rows of nested tables are ignored."""
    trs = [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]
    grid: dict[tuple[int, int], GridCell] = {}
    for r, tr in enumerate(trs):
        c = 0
        for td in tr.find_all(["td", "th"], recursive=False):
            while (r, c) in grid:
                c += 1
            cell = GridCell(cell_text(td), r, c, _span(td, "rowspan"), _span(td, "colspan"), td.name == "th")
            for i in range(cell.rowspan):
                if r + i >= len(trs):
                    break
                for j in range(cell.colspan):
                    grid.setdefault((r + i, c + j), cell)
            c += cell.colspan
    if not grid:
        return []
    ncols = max(c for _, c in grid) + 1
    return [[grid.get((r, c)) for c in range(ncols)] for r in range(len(trs))]


def distinct(cells: Iterable[GridCell | None]) -> list[GridCell]:
    """Cells of a grid row/column in order, each merged cell once, blanks skipped."""
    seen, out = set(), []
    for cell in cells:
        if cell is not None and id(cell) not in seen:
            seen.add(id(cell))
            out.append(cell)
    return out

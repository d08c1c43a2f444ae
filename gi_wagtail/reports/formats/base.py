"""Building blocks for the declarative report format definitions.

Labels are data copied verbatim from the official formats (国办公开办函〔2019〕60号
and 〔2021〕30号); keys are stable identifiers used in JSON and cell addresses.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Cell value kinds (rule 5).
COUNT = "count"  # non-negative integer
SIGNED = "signed"  # signed integer (2019 table 二 本年增/减)
AMOUNT = "amount"  # non-negative decimal amount (万元)


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = COUNT
    unit: str = ""
    parent: str = ""  # spanning parent header label, if any
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    group: str = ""  # group label for rows under a merged group cell
    section: str = ""  # outer merged label (table 三: 三、本年度办理结果)
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Block:
    """One 第二十条第（X）项 block of table 二."""

    key: str
    label: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Table2Def:
    blocks: tuple[Block, ...]

    @property
    def rows(self) -> tuple[Row, ...]:
        return tuple(r for b in self.blocks for r in b.rows)

    def block_of(self, row_key: str) -> Block:
        for block in self.blocks:
            if any(r.key == row_key for r in block.rows):
                return block
        raise KeyError(row_key)

    def columns_of(self, row_key: str) -> tuple[Column, ...]:
        return self.block_of(row_key).columns

    def cell_keys(self) -> dict[str, tuple[str, ...]]:
        return {r.key: tuple(c.key for c in b.columns) for b in self.blocks for r in b.rows}


@dataclass(frozen=True)
class GridTableDef:
    """A rectangular table (table 三, table 四): every row has every column."""

    key: str
    caption: str
    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    corner_label: str = ""

    def row(self, key: str) -> Row:
        for row in self.rows:
            if row.key == key:
                return row
        raise KeyError(key)

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)

    def cell_keys(self) -> dict[str, tuple[str, ...]]:
        cols = tuple(c.key for c in self.columns)
        return {r.key: cols for r in self.rows}


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class KeyFigure:
    key: str
    label: str
    kind: str = COUNT


@dataclass(frozen=True)
class FormatSpec:
    """What one report format (2008 / 2019 / 2021) contains; the page's choice is models.ReportFormat."""

    code: str  # "2008" | "2019" | "2021"
    name: str
    sections: tuple[Section, ...]
    table2: Table2Def | None = None
    table3: GridTableDef | None = None
    table4: GridTableDef | None = None
    key_figures: tuple[KeyFigure, ...] = ()
    has_fee_figures: bool = False
    extra: dict = field(default_factory=dict)

    @property
    def has_tables(self) -> bool:
        return self.table3 is not None

    def table(self, name: str) -> Table2Def | GridTableDef | None:
        return {"table2": self.table2, "table3": self.table3, "table4": self.table4}[name]

    def cell_keys(self, table: str) -> dict[str, tuple[str, ...]]:
        tdef = self.table(table)
        return tdef.cell_keys() if tdef is not None else {}

    def column_def(self, table: str, row_key: str, col_key: str) -> Column:
        tdef = self.table(table)
        cols = tdef.columns_of(row_key) if table == "table2" else tdef.columns
        for col in cols:
            if col.key == col_key:
                return col
        raise KeyError(col_key)


ReportFormat = FormatSpec  # the name before 0.1.x, kept for imports of gi_wagtail.reports.formats.ReportFormat

from __future__ import annotations

from collections.abc import Iterable, Sequence

from gi_wagtail.reports.findings import WARNING, Finding, gettext_noop
from gi_wagtail.reports.formats.base import FormatSpec
from gi_wagtail.reports.schema import Report


def addr(table: str, row: str, col: str) -> str:
    return f"{table}.{row}.{col}"


def cell(report: Report, table: str, row: str, col: str) -> int | float | None:
    return report["tables"][table][row][col]


def total(values: Iterable[int | float | None]) -> int | float | None:
    """Sum, or None when any value is blank (null) so that blanks are never read as 0."""
    values = list(values)
    if any(v is None for v in values):
        return None
    return sum(values)


def is_number(v: object) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def incomplete(rule: str, location: str, cells: Sequence[str], what: str) -> Finding:
    blanks = len(cells)
    return Finding(
        rule,
        WARNING,
        location,
        gettext_noop("Incomplete: %(what)s was not checked because %(blanks)s cell(s) are blank."),
        {"what": what, "blanks": blanks},
        tuple(cells),
        code="incomplete",
    )


def table2_row_label(fmt: FormatSpec, row_key: str) -> str:
    for row in fmt.table2.rows:
        if row.key == row_key:
            return row.label
    return row_key

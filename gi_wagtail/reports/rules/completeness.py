"""Rule 13: one completeness finding per table instead of one per skipped row or column.

R1-R4 (and R8, R6) skip silently when a cell they need is blank; this rule says once per
table which cells were blank and which checks could therefore not run. A blank is either
*printed blank* (the report shows an empty cell) or *not known* (listed in
``report["missing"]``: an import could not read it). Severity: WARNING when at least one
check was skipped; INFO when blanks exist but no check needed them (nothing went unchecked).
"""

from __future__ import annotations

from collections.abc import Iterator

from gi_wagtail.reports.findings import INFO, WARNING, Finding, gettext_noop
from gi_wagtail.reports.formats import TABLE_NAMES
from gi_wagtail.reports.formats.base import FormatSpec
from gi_wagtail.reports.formats.table3 import APPLICANT_COLUMNS
from gi_wagtail.reports.formats.table4 import GROUP_KEYS, PARTS
from gi_wagtail.reports.locations import describe_all
from gi_wagtail.reports.rules.common import addr
from gi_wagtail.reports.schema import Report

Check = tuple[str, str, list[str]]  # (rule id, printed row/column label, cells it needs)

MAX_LISTED = 8  # labels listed per kind in the message; ``cells`` keeps every address
BALANCE_ROWS = ("received", "carried_in", "handled_total", "carried_out")


def table_checks(report: Report, fmt: FormatSpec, previous: Report | None) -> dict[str, list[Check]]:
    """Every arithmetic check of a table, with the cells it reads (same cells as the rules)."""
    checks: dict[str, list[Check]] = {t: [] for t in TABLE_NAMES}
    if fmt.code == "2019":
        for row in ("regulations", "normative_docs"):
            cells = [addr("table2", row, "published"), addr("table2", row, "total_published")]
            checks["table2"].append(("R8", describe_all(fmt, cells[:1]), cells))
        for row, cols in fmt.cell_keys("table2").items():
            if "change" in cols:
                cells = [addr("table2", row, "prev_count"), addr("table2", row, "change")]
                checks["table2"].append(("R8", describe_all(fmt, cells[1:]), cells))
    for col in fmt.table3.columns:
        cells = [addr("table3", r, col.key) for r in BALANCE_ROWS]
        checks["table3"].append(("R1", f"“{col.label}”列", cells))
    for row in fmt.table3.rows:
        cells = [addr("table3", row.key, c) for c in (*APPLICANT_COLUMNS, "total")]
        checks["table3"].append(("R2", f"“{row.group}{row.label}”行", cells))
    for col in fmt.table3.columns:
        cells = [addr("table3", r, col.key) for r in (*fmt.extra["outcome_rows"], "handled_total")]
        checks["table3"].append(("R3", f"“{col.label}”列", cells))
    if previous is not None and previous.get("year") == report["year"] - 1 and previous["format"] != "2008":
        for col in fmt.table3.columns:
            checks["table3"].append(("R6", f"“{col.label}”列", [addr("table3", "carried_in", col.key)]))
    for group in GROUP_KEYS:
        cells = [addr("table4", "cases", f"{group}_{p}") for p in (*PARTS, "total")]
        checks["table4"].append(("R4", f"“{fmt.table4.column(f'{group}_total').parent}”", cells))
    return checks


def _blank_cells(report: Report, table: str) -> list[str]:
    return [
        addr(table, row_key, col_key)
        for row_key, row in report["tables"].get(table, {}).items()
        for col_key, value in row.items()
        if value is None
    ]


def _listed(fmt: FormatSpec, addresses: list[str]) -> str:
    text = describe_all(fmt, addresses[:MAX_LISTED])
    return f"{text}……" if len(addresses) > MAX_LISTED else text


def _skipped(checks: list[Check], blanks: set[str]) -> str:
    """「R1：“自然人”列、“商业企业”列；R3：…」 for the checks that needed a blank cell."""
    per_rule: dict[str, list[str]] = {}
    for rule, label, cells in checks:
        if blanks.intersection(cells):
            per_rule.setdefault(rule, []).append(label)
    return "；".join(
        f"{rule}：{'、'.join(labels[:MAX_LISTED])}{'……' if len(labels) > MAX_LISTED else ''}"
        for rule, labels in per_rule.items()
    )


def rule13_completeness(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    missing_all = set(report.get("missing") or [])
    checks = table_checks(report, fmt, previous)
    for table in TABLE_NAMES:
        blanks = _blank_cells(report, table)
        if not blanks:
            continue
        missing = [a for a in blanks if a in missing_all]
        printed = [a for a in blanks if a not in missing_all]
        skipped = _skipped(checks[table], set(blanks))
        params = {
            "table": describe_all(fmt, [table]),
            "missing_count": len(missing),
            "missing": _listed(fmt, missing),
            "blank_count": len(printed),
            "blanks": _listed(fmt, printed),
            "skipped": skipped,
        }
        if missing and printed:
            msgid = gettext_noop(
                "%(missing_count)s cell(s) are not known (not read from the source: %(missing)s) and "
                "%(blank_count)s cell(s) are printed blank (%(blanks)s)."
            )
        elif missing:
            msgid = gettext_noop("%(missing_count)s cell(s) are not known (not read from the source: %(missing)s).")
        else:
            msgid = gettext_noop("%(blank_count)s cell(s) are printed blank (%(blanks)s).")
        yield Finding(
            "R13",
            WARNING if skipped else INFO,
            table,
            msgid,
            params,
            tuple(blanks),
            code="incomplete",
            extra_msgid=(
                gettext_noop("Not checked because of these cells: %(skipped)s.")
                if skipped
                else gettext_noop("No check needed these cells.")
            ),
        )

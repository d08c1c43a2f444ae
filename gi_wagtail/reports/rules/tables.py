"""Rules 1-4: arithmetic inside table 三 and table 四; rule 5: cell values."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from gi_wagtail.reports.findings import ERROR, Finding, gettext_noop
from gi_wagtail.reports.formats import AMOUNT, SIGNED, TABLE_NAMES
from gi_wagtail.reports.formats.base import FormatSpec
from gi_wagtail.reports.formats.table3 import APPLICANT_COLUMNS
from gi_wagtail.reports.formats.table4 import GROUP_KEYS, PARTS
from gi_wagtail.reports.locations import describe
from gi_wagtail.reports.rules.common import addr, cell, is_number, table2_row_label, total
from gi_wagtail.reports.schema import Report


def _blank(report: Report, addresses: Iterable[str]) -> list[str]:
    out = []
    for a in addresses:
        t, r, c = a.split(".")
        if cell(report, t, r, c) is None:
            out.append(a)
    return out


def rule1_balance(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """received + carried_in == handled_total + carried_out, per column."""
    for col in fmt.table3.columns:
        cells = [addr("table3", r, col.key) for r in ("received", "carried_in", "handled_total", "carried_out")]
        loc = addr("table3", "received", col.key)
        blanks = _blank(report, cells)
        if blanks:
            continue  # reported once per table by the completeness rule
        v = {r: cell(report, "table3", r, col.key) for r in ("received", "carried_in", "handled_total", "carried_out")}
        lhs, rhs = v["received"] + v["carried_in"], v["handled_total"] + v["carried_out"]
        if lhs != rhs:
            yield Finding(
                "R1",
                ERROR,
                loc,
                gettext_noop(
                    "Column %(column)s: new requests (%(received)s) + carried over (%(carried_in)s) = %(lhs)s, "
                    "but handled (%(handled)s) + carried forward (%(carried_out)s) = %(rhs)s."
                ),
                {
                    "column": col.label,
                    "received": v["received"],
                    "carried_in": v["carried_in"],
                    "lhs": lhs,
                    "handled": v["handled_total"],
                    "carried_out": v["carried_out"],
                    "rhs": rhs,
                },
                tuple(cells),
            )


def rule2_row_totals(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """total == natural person + the five organisation columns, per row."""
    for row in fmt.table3.rows:
        parts = [addr("table3", row.key, c) for c in APPLICANT_COLUMNS]
        loc = addr("table3", row.key, "total")
        cells = parts + [loc]
        blanks = _blank(report, cells)
        if blanks:
            continue  # reported once per table by the completeness rule
        expected = sum(cell(report, "table3", row.key, c) for c in APPLICANT_COLUMNS)
        actual = cell(report, "table3", row.key, "total")
        if expected != actual:
            yield Finding(
                "R2",
                ERROR,
                loc,
                gettext_noop("Row %(row)s: total is %(actual)s but the applicant columns add up to %(expected)s."),
                {"row": row.label, "actual": actual, "expected": expected},
                tuple(cells),
            )


def rule3_outcomes(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """handled_total == sum of all outcome rows, per column."""
    rows = fmt.extra["outcome_rows"]
    for col in fmt.table3.columns:
        parts = [addr("table3", r, col.key) for r in rows]
        loc = addr("table3", "handled_total", col.key)
        cells = parts + [loc]
        blanks = _blank(report, cells)
        if blanks:
            continue  # reported once per table by the completeness rule
        expected = total(cell(report, "table3", r, col.key) for r in rows)
        actual = cell(report, "table3", "handled_total", col.key)
        if expected != actual:
            yield Finding(
                "R3",
                ERROR,
                loc,
                gettext_noop(
                    "Column %(column)s: handled total is %(actual)s but the outcome rows add up to %(expected)s."
                ),
                {"column": col.label, "actual": actual, "expected": expected},
                tuple(cells),
            )


def rule4_table4_totals(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """Per group: 总计 == 维持 + 纠正 + 其他结果 + 尚未审结."""
    for group in GROUP_KEYS:
        parts = [addr("table4", "cases", f"{group}_{p}") for p in PARTS]
        loc = addr("table4", "cases", f"{group}_total")
        cells = parts + [loc]
        label = fmt.table4.column(f"{group}_total").parent
        blanks = _blank(report, cells)
        if blanks:
            continue  # reported once per table by the completeness rule
        expected = sum(cell(report, "table4", "cases", f"{group}_{p}") for p in PARTS)
        actual = cell(report, "table4", "cases", f"{group}_total")
        if expected != actual:
            yield Finding(
                "R4",
                ERROR,
                loc,
                gettext_noop("%(group)s: total is %(actual)s but upheld + corrected + other + pending = %(expected)s."),
                {"group": label, "actual": actual, "expected": expected},
                tuple(cells),
            )


def rule5_cell_values(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """Cells are non-negative integers, except signed changes and amounts."""
    for table in TABLE_NAMES:
        for row_key, row in report["tables"].get(table, {}).items():
            for col_key, value in row.items():
                if value is None:
                    continue
                col = fmt.column_def(table, row_key, col_key)
                loc = addr(table, row_key, col_key)
                params = {"value": value, "column": describe(fmt, loc)}
                if col.kind == AMOUNT:
                    if not is_number(value) or value < 0:
                        yield Finding(
                            "R5",
                            ERROR,
                            loc,
                            gettext_noop("%(column)s: %(value)s is not a valid amount (must be zero or more)."),
                            params,
                            (loc,),
                        )
                elif not isinstance(value, int) or isinstance(value, bool):
                    yield Finding(
                        "R5", ERROR, loc, gettext_noop("%(column)s: %(value)s is not a whole number."), params, (loc,)
                    )
                elif col.kind != SIGNED and value < 0:
                    yield Finding("R5", ERROR, loc, gettext_noop("%(column)s: %(value)s is negative."), params, (loc,))
    for key, value in (report.get("fees") or {}).items():
        if key == "text" or value is None:
            continue
        loc = f"fees.{key}"
        if value < 0 or (key == "notices_count" and not isinstance(value, int)):
            yield Finding(
                "R5",
                ERROR,
                loc,
                gettext_noop("%(column)s: %(value)s is not a valid figure."),
                {"value": value, "column": describe(fmt, loc)},
                (loc,),
            )
    for fig in fmt.key_figures:
        value = (report.get("key_figures") or {}).get(fig.key)
        if value is None:
            continue
        loc = f"key_figures.{fig.key}"
        bad = value < 0 or (fig.kind != AMOUNT and not isinstance(value, int))
        if bad:
            yield Finding(
                "R5",
                ERROR,
                loc,
                gettext_noop("%(column)s: %(value)s is not a valid figure."),
                {"value": value, "column": describe(fmt, loc)},
                (loc,),
            )


def rule8_table2_2019(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """2019 table 二: 本年新公开数量 <= 对外公开总数量; 上一年项目数量 + 本年增/减 >= 0."""
    if fmt.code != "2019":
        return
    t2 = report["tables"]["table2"]
    for row in ("regulations", "normative_docs"):
        pub, tot = t2[row]["published"], t2[row]["total_published"]
        if is_number(pub) and is_number(tot) and pub > tot:
            loc = addr("table2", row, "published")
            yield Finding(
                "R8",
                ERROR,
                loc,
                gettext_noop(
                    "%(row)s: newly published this year (%(published)s) exceeds the total published (%(total)s)."
                ),
                {"row": table2_row_label(fmt, row), "published": pub, "total": tot},
                (loc, addr("table2", row, "total_published")),
            )
    for row, cols in fmt.cell_keys("table2").items():
        if "change" not in cols:
            continue
        prev, change = t2[row]["prev_count"], t2[row]["change"]
        if is_number(prev) and is_number(change) and prev + change < 0:
            loc = addr("table2", row, "change")
            yield Finding(
                "R8",
                ERROR,
                loc,
                gettext_noop("%(row)s: last year's count (%(prev)s) plus this year's change (%(change)s) is negative."),
                {"row": table2_row_label(fmt, row), "prev": prev, "change": change},
                (addr("table2", row, "prev_count"), loc),
            )

"""Rules 6-9: comparisons with the same organisation's previous-year report."""

from __future__ import annotations

from collections.abc import Iterator

from gi_wagtail.reports.findings import ERROR, INFO, WARNING, Finding, gettext_noop
from gi_wagtail.reports.formats.base import FormatSpec
from gi_wagtail.reports.formats.table4 import GROUP_KEYS
from gi_wagtail.reports.locations import describe
from gi_wagtail.reports.rules.common import addr, incomplete, is_number, table2_row_label
from gi_wagtail.reports.schema import Report


def _usable(report: Report, previous: Report | None, formats: tuple[str, ...] = ("2019", "2021")) -> bool:
    return (
        previous is not None
        and report["format"] in formats
        and previous["format"] in formats
        and previous.get("year") == report["year"] - 1
    )


def previous_year_mismatch(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    if previous is not None and previous.get("year") != report["year"] - 1:
        yield Finding(
            "R6",
            INFO,
            "year",
            gettext_noop(
                "The comparison report is for %(prev_year)s, not %(expected)s; cross-year rules were skipped."
            ),
            {"prev_year": previous.get("year"), "expected": report["year"] - 1},
            code="skipped",
        )


def rule6_carry_over(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """carried_in (N) == carried_out (N-1), per column."""
    if not _usable(report, previous):
        return
    for col in fmt.table3.columns:
        loc = addr("table3", "carried_in", col.key)
        now = report["tables"]["table3"]["carried_in"][col.key]
        before = previous["tables"]["table3"]["carried_out"][col.key]
        if now is None:
            continue  # this year's blank is reported once for table 三 by the completeness rule (R13)
        if before is None:
            yield incomplete("R6", loc, [f"previous.{addr('table3', 'carried_out', col.key)}"], describe(fmt, loc))
        elif now != before:
            yield Finding(
                "R6",
                ERROR,
                loc,
                gettext_noop(
                    "Column %(column)s: carried over from last year is %(now)s, but the %(prev_year)s report "
                    "carried forward %(before)s."
                ),
                {"column": col.label, "now": now, "before": before, "prev_year": previous["year"]},
                (loc,),
            )


def rule7_documents_in_force(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """2021 table 二: in force (N) ~ in force (N-1) + issued (N) - repealed (N). Warning only."""
    if not _usable(report, previous, ("2021",)):
        return
    t2, p2 = report["tables"]["table2"], previous["tables"]["table2"]
    for row in ("regulations", "normative_docs"):
        now, before = t2[row]["in_force"], p2[row]["in_force"]
        issued, repealed = t2[row]["issued"], t2[row]["repealed"]
        if not all(is_number(v) for v in (now, before, issued, repealed)):
            continue
        expected = before + issued - repealed
        if now != expected:
            loc = addr("table2", row, "in_force")
            yield Finding(
                "R7",
                WARNING,
                loc,
                gettext_noop(
                    "%(row)s: %(now)s documents in force, but last year's %(before)s + issued %(issued)s - "
                    "repealed %(repealed)s = %(expected)s (documents may also lapse at the end of their term)."
                ),
                {
                    "row": table2_row_label(fmt, row),
                    "now": now,
                    "before": before,
                    "issued": issued,
                    "repealed": repealed,
                    "expected": expected,
                },
                (loc, addr("table2", row, "issued"), addr("table2", row, "repealed")),
            )


def rule8_item_counts_cross_year(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """2019 table 二: last year's count (N) == count (N-1) + change (N-1). Warning."""
    if not (_usable(report, previous, ("2019",)) and fmt.code == "2019"):
        return
    t2, p2 = report["tables"]["table2"], previous["tables"]["table2"]
    for row, cols in fmt.cell_keys("table2").items():
        if "prev_count" not in cols:
            continue
        now, before, change = t2[row]["prev_count"], p2[row]["prev_count"], p2[row]["change"]
        if all(is_number(v) for v in (now, before, change)) and now != before + change:
            loc = addr("table2", row, "prev_count")
            yield Finding(
                "R8",
                WARNING,
                loc,
                gettext_noop(
                    "%(row)s: last year's item count is %(now)s, but the %(prev_year)s report gives "
                    "%(before)s %(change)+d = %(expected)s."
                ),
                {
                    "row": table2_row_label(fmt, row),
                    "now": now,
                    "before": before,
                    "change": change,
                    "expected": before + change,
                    "prev_year": previous["year"],
                },
                (loc,),
            )


def rule9_pending_cases(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """Pending review/litigation cases of N-1 should reappear as results in N. Info only."""
    if not _usable(report, previous):
        return
    t4, p4 = report["tables"]["table4"]["cases"], previous["tables"]["table4"]["cases"]
    for g in GROUP_KEYS:
        pending = p4[f"{g}_pending"]
        if not is_number(pending) or pending <= 0:
            continue
        results = [t4[f"{g}_{p}"] for p in ("upheld", "corrected", "other")]
        decided = sum(v for v in results if is_number(v))
        if decided < pending:
            loc = addr("table4", "cases", f"{g}_pending")
            yield Finding(
                "R9",
                INFO,
                loc,
                gettext_noop(
                    "%(group)s: %(pending)s case(s) were pending at the end of %(prev_year)s; only %(decided)s "
                    "result(s) are reported this year. Check that the pending cases are counted."
                ),
                {
                    "group": fmt.table4.column(f"{g}_total").parent,
                    "pending": pending,
                    "decided": decided,
                    "prev_year": previous["year"],
                },
                (loc,),
            )

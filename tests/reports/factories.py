"""Builders for consistent (balanced) report data used by the report tests."""

from __future__ import annotations

import copy

from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.formats.table3 import APPLICANT_COLUMNS
from gi_wagtail.reports.formats.table4 import GROUP_KEYS, PARTS
from gi_wagtail.reports.schema import empty_report


def balanced_report(
    fmt_code="2021",
    year=2021,
    outcomes=None,
    carried_in=None,
    carried_out=None,
    table4=None,
    organisation="示例县科学技术局",
):
    """A report whose tables satisfy rules 1-5.

    outcomes: {row_key: {applicant_col: n}} for outcome rows; carried_in /
    carried_out: {applicant_col: n}. received is derived so that rule 1 holds.
    """
    fmt = get_format(fmt_code)
    report = empty_report(fmt_code, year, organisation)
    t3 = report["tables"]["table3"]
    outcomes = outcomes or {}
    carried_in = carried_in or {}
    carried_out = carried_out or {}
    for row in fmt.table3.rows:
        for col in APPLICANT_COLUMNS:
            t3[row.key][col] = 0
    for row_key, cols in outcomes.items():
        for col, n in cols.items():
            t3[row_key][col] = n
    for col in APPLICANT_COLUMNS:
        t3["carried_in"][col] = carried_in.get(col, 0)
        t3["carried_out"][col] = carried_out.get(col, 0)
        handled = sum(t3[r][col] for r in fmt.extra["outcome_rows"])
        t3["handled_total"][col] = handled
        t3["received"][col] = handled + t3["carried_out"][col] - t3["carried_in"][col]
        assert t3["received"][col] >= 0, "choose carried_in <= handled + carried_out"
    for row in t3.values():
        row["total"] = sum(row[c] for c in APPLICANT_COLUMNS)
    cases = report["tables"]["table4"]["cases"]
    table4 = table4 or {}
    for g in GROUP_KEYS:
        for p in PARTS:
            cases[f"{g}_{p}"] = table4.get(f"{g}_{p}", 0)
        cases[f"{g}_total"] = sum(cases[f"{g}_{p}"] for p in PARTS)
    t2 = report["tables"]["table2"]
    for cols in t2.values():
        for col in cols:
            cols[col] = 0
    return report


def with_cell(report, address, value):
    new = copy.deepcopy(report)
    table, row, col = address.split(".")
    new["tables"][table][row][col] = value
    return new


def with_text(report, section, text):
    new = copy.deepcopy(report)
    new["sections"].setdefault(section, {"heading": "", "text": ""})["text"] = text
    return new


def rules_of(findings, severity=None):
    return {f.rule for f in findings if severity is None or f.severity == severity}


def at(findings, location, rule=None, severity=None):
    return [
        f
        for f in findings
        if f.location == location and (rule is None or f.rule == rule) and (severity is None or f.severity == severity)
    ]

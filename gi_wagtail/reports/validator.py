"""Run every rule of reference §1.7 on a report (optionally with last year's).

    findings = validate(report, previous=last_year_report)

``report``/``previous`` are dicts in the schema of :mod:`.schema` (raw dicts are
normalised first; a SchemaError is raised for a wrong shape). Findings are
sorted errors first, then by table (二, 三, 四, then fees, key figures and
narrative), then by rule. Each finding gets ``label``: the printed Chinese labels
of its location (machine keys stay in ``location``/``cells`` for JSON). Errors block publishing unless overridden.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from gi_wagtail.reports.findings import SEVERITIES, Finding, gettext_noop, has_errors, table_of, translate
from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.formats.base import FormatSpec
from gi_wagtail.reports.locations import describe
from gi_wagtail.reports.rules import completeness, cross_year, tables, text, units
from gi_wagtail.reports.schema import Report, validate_shape

TABLE_RULES = (
    tables.rule1_balance,
    tables.rule2_row_totals,
    tables.rule3_outcomes,
    tables.rule4_table4_totals,
    tables.rule8_table2_2019,
    completeness.rule13_completeness,
    units.rule_units_not_printed,
)
ALWAYS_RULES = (tables.rule5_cell_values, text.rule10_narrative_numbers, text.rule12_no_requests)
CROSS_YEAR_RULES = (
    cross_year.previous_year_mismatch,
    cross_year.rule6_carry_over,
    cross_year.rule7_documents_in_force,
    cross_year.rule8_item_counts_cross_year,
    cross_year.rule9_pending_cases,
)


def _normalised(data: object) -> Report | None:
    if data is None:
        return None
    return validate_shape(data)


def validate(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every applicable rule's findings, errors first."""
    report = _normalised(report)
    previous = _normalised(previous)
    fmt = get_format(report["format"])
    rules = list(ALWAYS_RULES)
    if fmt.has_tables:
        rules = list(TABLE_RULES) + rules + [text.rule11_fee_notices]
    if previous is not None:
        rules += CROSS_YEAR_RULES
    findings: list[Finding] = []
    for rule in rules:
        for f in rule(report, fmt, previous):
            findings.append(dataclasses.replace(f, label=location_label(fmt, report, f.location)))
    findings.sort(key=sort_key)
    return findings


SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
PLACE_ORDER = ("table2", "table3", "table4", "fees", "key_figures", "sections", "year")


def sort_key(f: Finding) -> tuple[int, int, int]:
    """Errors first, then table order, then rule number (the sort is stable: cell order is kept)."""
    head = f.location.split(".", 1)[0]
    place = PLACE_ORDER.index(head) if head in PLACE_ORDER else len(PLACE_ORDER)
    number = int(f.rule[1:]) if f.rule[1:].isdigit() else 0
    return SEVERITY_ORDER[f.severity], place, number


def location_label(fmt: FormatSpec, report: Report, location: str) -> str:
    """Printed labels of a finding's location: cells, several cells (a+b), a narrative section, the year."""
    if "+" in location:
        return "、".join(location_label(fmt, report, part) for part in location.split("+"))
    if location == "year":
        return "报告年度"
    if location.startswith("sections."):
        key = location.split(".", 1)[1]
        heading = ((report.get("sections") or {}).get(key) or {}).get("heading")
        return f"正文“{heading}”" if heading else "正文"
    return describe(fmt, location)


TABLE_HEADINGS = {"table2": "表二", "table3": "表三", "table4": "表四"}


SEVERITY_HEADINGS = {
    "error": gettext_noop("Errors"),
    "warning": gettext_noop("Warnings"),
    "info": gettext_noop("Hints"),
}


def grouped_by_table(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """(heading, findings) per severity (errors first), then per table in table order, then the rest."""
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in sorted(findings, key=sort_key):
        groups.setdefault((f.severity, table_of(f.location)), []).append(f)
    other = translate(gettext_noop("Fees, key figures and narrative"))
    return [
        (f"{translate(SEVERITY_HEADINGS[severity])} · {TABLE_HEADINGS.get(table) or other}", groups[severity, table])
        for severity in SEVERITIES
        for table in (*TABLE_HEADINGS, "")
        if (severity, table) in groups
    ]


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    """{severity: count}."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


__all__ = ["Finding", "grouped_by_table", "has_errors", "summary", "validate"]

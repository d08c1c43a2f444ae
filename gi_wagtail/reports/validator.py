"""Run every rule of reference §1.7 on a report (optionally with last year's).

    findings = validate(report, previous=last_year_report)

``report``/``previous`` are dicts in the schema of :mod:`.schema` (raw dicts are
normalised first; a SchemaError is raised for a wrong shape). Findings are
sorted errors first. Errors block publishing unless overridden.
"""

from __future__ import annotations

from collections.abc import Iterable

from gi_wagtail.reports.findings import SEVERITIES, Finding, has_errors
from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.rules import cross_year, tables, text
from gi_wagtail.reports.schema import Report, validate_shape

TABLE_RULES = (
    tables.rule1_balance,
    tables.rule2_row_totals,
    tables.rule3_outcomes,
    tables.rule4_table4_totals,
    tables.rule8_table2_2019,
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
        findings.extend(rule(report, fmt, previous))
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings.sort(key=lambda f: (order[f.severity], int(f.rule[1:]) if f.rule[1:].isdigit() else 0))
    return findings


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    """{severity: count}."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for f in findings:
        counts[f.severity] += 1
    return counts


__all__ = ["Finding", "has_errors", "summary", "validate"]

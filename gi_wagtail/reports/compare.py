"""Side-by-side comparison of one organisation's reports across years and formats."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeAlias

from gi_wagtail.reports.findings import gettext_noop, translate
from gi_wagtail.reports.schema import Report

# Reads one figure from a report (None: not reported).
Getter: TypeAlias = Callable[[Report], Any]


def _cell(table: str, row: str, col: str) -> Getter:
    def get(report: Report) -> Any:
        try:
            return report["tables"][table][row][col]
        except KeyError:
            return None

    return get


def _first(*getters: Getter) -> Getter:
    def get(report: Report) -> Any:
        for g in getters:
            value = g(report)
            if value is not None:
                return value
        return None

    return get


def _figure(key: str) -> Getter:
    return lambda report: (report.get("key_figures") or {}).get(key)


def _sum(*getters: Getter) -> Getter:
    def get(report: Report) -> Any:
        values = [g(report) for g in getters]
        return None if any(v is None for v in values) else sum(values)

    return get


def _when(formats: tuple[str, ...], getter: Getter) -> Getter:
    return lambda report: getter(report) if report["format"] in formats else None


# (msgid, getter): figures that mean the same thing in every format.
METRICS = (
    (gettext_noop("Items proactively disclosed"), _figure("proactive_items")),
    (
        gettext_noop("Normative documents issued this year"),
        _first(
            _when(("2021",), _cell("table2", "normative_docs", "issued")),
            _when(("2019",), _cell("table2", "normative_docs", "made")),
        ),
    ),
    (gettext_noop("Normative documents in force"), _when(("2021",), _cell("table2", "normative_docs", "in_force"))),
    (gettext_noop("Requests received"), _first(_cell("table3", "received", "total"), _figure("requests_received"))),
    (gettext_noop("Carried over from last year"), _cell("table3", "carried_in", "total")),
    (gettext_noop("Disclosed"), _cell("table3", "granted", "total")),
    (gettext_noop("Partly disclosed"), _cell("table3", "partial", "total")),
    (gettext_noop("Requests handled"), _first(_cell("table3", "handled_total", "total"), _figure("requests_handled"))),
    (gettext_noop("Carried forward to next year"), _cell("table3", "carried_out", "total")),
    (
        gettext_noop("Administrative reviews"),
        _first(_cell("table4", "cases", "review_total"), _figure("admin_reviews")),
    ),
    (
        gettext_noop("Lawsuits"),
        _first(
            _sum(_cell("table4", "cases", "lit_direct_total"), _cell("table4", "cases", "lit_after_review_total")),
            _figure("lawsuits"),
        ),
    ),
    (
        gettext_noop("Fees collected (yuan)"),
        _first(lambda r: (r.get("fees") or {}).get("collected"), _figure("fees_collected")),
    ),
)


def comparison(reports: list[Report]) -> dict[str, Any]:
    """reports: normalised report dicts of one organisation. Returns years, formats and metric rows.

    This is the public comparison: the validator's findings are for editors (the admin's
    Validation panel), so no check counts are part of it."""
    reports = sorted(reports, key=lambda r: r["year"])
    rows = [{"label": translate(msgid), "values": [getter(r) for r in reports]} for msgid, getter in METRICS]
    rows = [row for row in rows if any(v is not None for v in row["values"])]
    return {"years": [r["year"] for r in reports], "formats": [r["format"] for r in reports], "rows": rows}

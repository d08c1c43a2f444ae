"""Rules 10-12: numbers stated in the narrative against the tables."""

from __future__ import annotations

from collections.abc import Iterator

from gi_wagtail.reports.findings import INFO, WARNING, Finding, gettext_noop
from gi_wagtail.reports.formats.base import FormatSpec
from gi_wagtail.reports.narrative import Statement, extract_sections
from gi_wagtail.reports.rules.common import addr, is_number
from gi_wagtail.reports.schema import Report

# Statement kind -> cell addresses whose sum the statement states.
TABLE_TARGETS = {
    "requests_received": ("table3.received.total",),
    "granted": ("table3.granted.total",),
    "partial": ("table3.partial.total",),
    "handled": ("table3.handled_total.total",),
    "carried_out": ("table3.carried_out.total",),
    "reviews": ("table4.cases.review_total",),
    "lawsuits": ("table4.cases.lit_direct_total", "table4.cases.lit_after_review_total"),
    "fees_collected": ("fees.collected",),
    "fee_notices": ("fees.notices_count",),
}
FIGURE_TARGETS = {
    "requests_received": ("key_figures.requests_received",),
    "handled": ("key_figures.requests_handled",),
    "reviews": ("key_figures.admin_reviews",),
    "lawsuits": ("key_figures.lawsuits",),
    "proactive_items": ("key_figures.proactive_items",),
    "catalogue_categories": ("key_figures.catalogue_categories",),
    "fees_collected": ("key_figures.fees_collected",),
}


def value_at(report: Report, address: str) -> object:
    """The value at ``table3.received.total``, ``fees.collected`` or ``key_figures.lawsuits`` (None if absent)."""
    parts = address.split(".")
    node = report["tables"] if parts[0].startswith("table") else report
    for p in parts:
        if not isinstance(node, dict) or p not in node:
            return None
        node = node[p]
    return node


def _statements(report: Report) -> list[Statement]:
    sections = dict(report.get("sections") or {})
    fees_text = (report.get("fees") or {}).get("text")
    if fees_text:
        sections["fees"] = {"text": fees_text}
    return extract_sections(sections)


def rule10_narrative_numbers(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    targets = TABLE_TARGETS if fmt.has_tables else FIGURE_TARGETS
    for st in _statements(report):
        if st.kind == "reviews_all_upheld" and fmt.has_tables:
            t4 = report["tables"]["table4"]["cases"]
            for part in ("pending", "corrected", "other"):
                value = t4[f"review_{part}"]
                if is_number(value) and value > 0:
                    loc = addr("table4", "cases", f"review_{part}")
                    yield Finding(
                        "R10",
                        WARNING,
                        loc,
                        gettext_noop(
                            "The narrative (%(section)s) says all administrative reviews were upheld "
                            "(“%(snippet)s”), but the table shows %(table_value)s case(s) under %(column)s."
                        ),
                        {
                            "section": st.section,
                            "snippet": st.snippet,
                            "table_value": value,
                            "column": fmt.table4.column(f"review_{part}").label,
                        },
                        (loc,),
                        code="conflict",
                    )
            continue
        if st.kind not in targets or not is_number(st.value):
            continue
        cells = targets[st.kind]
        if cells[0].startswith("fees.") and not report.get("fees"):
            continue  # the 2019 format has no fee figures
        values = [value_at(report, c) for c in cells]
        if any(v is None for v in values):
            table_value = None
        else:
            table_value = sum(values)
        if table_value is None or table_value != st.value:
            yield Finding(
                "R10",
                WARNING,
                cells[0],
                gettext_noop(
                    "The narrative (%(section)s) states %(text_value)s (“%(snippet)s”) but %(location)s is "
                    "%(table_value)s."
                ),
                {
                    "section": st.section,
                    "snippet": st.snippet,
                    "text_value": st.value,
                    "location": "+".join(cells),
                    "table_value": table_value,
                },
                tuple(cells),
                code="conflict",
            )


def rule11_fee_notices(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """2021: other_2 (fee unpaid) > 0 requires section 六 to mention 收费通知."""
    if fmt.code != "2021":
        return
    row = report["tables"]["table3"]["other_2"]
    count = row["total"] if is_number(row["total"]) else sum(v for v in row.values() if is_number(v))
    if count <= 0:
        return
    text = (report["sections"].get("other") or {}).get("text", "") + (report.get("fees") or {}).get("text", "")
    if "收费通知" not in text:
        loc = addr("table3", "other_2", "total")
        yield Finding(
            "R11",
            WARNING,
            loc,
            gettext_noop(
                "%(count)s request(s) were closed because fees were not paid, but section 六 does not mention "
                "收费通知 (fee notices)."
            ),
            {"count": count},
            (loc,),
        )


def rule12_no_requests(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    """Narrative "未收到申请" implies every table 三 cell is 0."""
    said = [s for s in _statements(report) if s.kind == "no_requests"]
    if not said:
        return
    st = said[0]
    if not fmt.has_tables:
        value = (report.get("key_figures") or {}).get("requests_received")
        if is_number(value) and value != 0:
            loc = "key_figures.requests_received"
            yield Finding(
                "R12",
                WARNING,
                loc,
                gettext_noop(
                    "The narrative says no requests were received (“%(snippet)s”) but %(location)s is %(value)s."
                ),
                {"snippet": st.snippet, "location": loc, "value": value},
                (loc,),
            )
        return
    blanks = []
    for row_key, row in report["tables"]["table3"].items():
        for col_key, value in row.items():
            loc = addr("table3", row_key, col_key)
            if value is None:
                blanks.append(loc)
            elif value != 0:
                yield Finding(
                    "R12",
                    WARNING,
                    loc,
                    gettext_noop(
                        "The narrative says no requests were received (“%(snippet)s”) but %(location)s is %(value)s."
                    ),
                    {"snippet": st.snippet, "location": loc, "value": value},
                    (loc,),
                )
    if blanks:
        yield Finding(
            "R12",
            INFO,
            "table3",
            gettext_noop(
                "The narrative says no requests were received; %(blanks)s blank cell(s) in table 三 should be 0."
            ),
            {"blanks": len(blanks)},
            tuple(blanks),
        )

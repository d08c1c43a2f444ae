"""Rules 10-12: numbers stated in the narrative against the tables."""

from __future__ import annotations

from collections.abc import Iterator

from gi_wagtail.reports.findings import INFO, WARNING, Finding, gettext_noop
from gi_wagtail.reports.formats.base import FormatSpec
from gi_wagtail.reports.formats.table3 import APPLICANT_COLUMNS
from gi_wagtail.reports.locations import describe_all
from gi_wagtail.reports.narrative import SHARE_KINDS, Statement, extract_sections
from gi_wagtail.reports.rules.common import addr, is_number
from gi_wagtail.reports.schema import Report

# Statement kind -> the table 三 rows (summed) or other cells whose value the statement states.
ROW_GROUPS = {
    "requests_received": ("received",),
    "carried_in": ("carried_in",),
    "granted": ("granted",),
    "partial": ("partial",),
    "granted_partial": ("granted", "partial"),
    "handled": ("handled_total",),
    "carried_out": ("carried_out",),
}
PREFIX_GROUPS = {"withheld": "withheld_", "unavailable": "unavailable_", "not_handled": "not_handled_"}
CELL_TARGETS = {
    "reviews": ("table4.cases.review_total",),
    "lawsuits": ("table4.cases.lit_direct_total", "table4.cases.lit_after_review_total"),
    "fees_collected": ("fees.collected",),
    "fee_notices": ("fees.notices_count",),
}
UPHELD_PARTS = {
    "review": ("review",),
    "lawsuit": ("lit_direct", "lit_after_review"),
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


def group_rows(fmt: FormatSpec, kind: str) -> tuple[str, ...]:
    """The table 三 rows an outcome group or total is the sum of."""
    if kind in ROW_GROUPS:
        return ROW_GROUPS[kind]
    if kind == "other_handled":
        return tuple(r for r in fmt.extra["outcome_rows"] if r == "other" or r.startswith("other_"))
    prefix = PREFIX_GROUPS.get(kind)
    return tuple(r for r in fmt.extra["outcome_rows"] if prefix and r.startswith(prefix))


def row_value(report: Report, row: str) -> int | float | None:
    """A table 三 row's 总计, or (where 总计 is printed blank) the sum of its applicant cells; None if unknown."""
    cells = report["tables"]["table3"][row]
    missing = set(report.get("missing") or [])
    if is_number(cells["total"]):
        return cells["total"]
    if f"table3.{row}.total" in missing:
        return None
    parts = [cells[c] for c in APPLICANT_COLUMNS]
    if any(f"table3.{row}.{c}" in missing for c in APPLICANT_COLUMNS) or not any(is_number(v) for v in parts):
        return None
    return sum(v for v in parts if is_number(v))  # a blank beside figures in the same row is nothing


def stated_cells(report: Report, fmt: FormatSpec, kind: str) -> tuple[tuple[str, ...], int | float | None]:
    """(cell addresses, table value) of what a statement of ``kind`` speaks of; value None when not known."""
    if not fmt.has_tables:
        cells = FIGURE_TARGETS.get(kind, ())
    elif kind in CELL_TARGETS:
        cells = CELL_TARGETS[kind]
    else:
        rows = group_rows(fmt, kind)
        if not rows:
            return (), None
        values = [row_value(report, r) for r in rows]
        total = None if any(v is None for v in values) else sum(values)
        return tuple(addr("table3", r, "total") for r in rows), total
    values = [value_at(report, c) for c in cells]
    if not cells or any(not is_number(v) for v in values):
        return cells, None
    return cells, sum(values)


def _statements(report: Report) -> list[Statement]:
    sections = dict(report.get("sections") or {})
    fees_text = (report.get("fees") or {}).get("text")
    if fees_text:
        sections["fees"] = {"text": fees_text}
    return extract_sections(sections)


def section_name(report: Report, key: str) -> str:
    """The heading of a narrative section as printed (its key when it has none)."""
    heading = ((report.get("sections") or {}).get(key) or {}).get("heading") or ""
    return heading or ("六、其他需要报告的事项" if key == "fees" else key)


def cells_text(fmt: FormatSpec, cells: tuple[str, ...]) -> str:
    """Printed labels of the cells a statement speaks of; several rows of table 三 are named as their sum."""
    rows = [c.split(".")[1] for c in cells if c.startswith("table3.") and c.endswith(".total")]
    if len(rows) < 2 or len(rows) != len(cells):
        return describe_all(fmt, cells)
    defs = [fmt.table3.row(r) for r in rows]
    groups = {d.group for d in defs}
    if len(groups) == 1 and "" not in groups:
        return f"表三“{defs[0].group}”各行“总计”列之和"
    return "表三" + "与".join(f"“{d.label}”" for d in defs) + "行“总计”列之和"


def _conflict(fmt: FormatSpec, report: Report, st: Statement, cells: tuple[str, ...], msgid: str, **params) -> Finding:
    return Finding(
        "R10",
        WARNING,
        cells[0],
        msgid,
        {"section": section_name(report, st.section), "snippet": st.snippet, "location": cells_text(fmt, cells)}
        | params,
        tuple(cells),
        code="conflict",
    )


def _upheld(report: Report, fmt: FormatSpec, st: Statement) -> Iterator[Finding]:
    t4 = report["tables"]["table4"]["cases"]
    for group in st.value:
        for part in UPHELD_PARTS[group]:
            for outcome in ("pending", "corrected", "other"):
                value = t4[f"{part}_{outcome}"]
                if is_number(value) and value > 0:
                    loc = addr("table4", "cases", f"{part}_{outcome}")
                    yield _conflict(
                        fmt,
                        report,
                        st,
                        (loc,),
                        gettext_noop(
                            "The narrative (%(section)s) says all cases were upheld (“%(snippet)s”), but "
                            "%(location)s shows %(table_value)s case(s)."
                        ),
                        table_value=value,
                    )


def _share(report: Report, fmt: FormatSpec, st: Statement) -> Iterator[Finding]:
    kind, count, percent, decimals = st.value
    cells = stated_cells(report, fmt, kind)[0]
    bases = [stated_cells(report, fmt, k)[1] for k in ("handled", "requests_received")]
    received, carried = bases[1], stated_cells(report, fmt, "carried_in")[1]
    if received is not None and carried is not None:
        bases.append(received + carried)
    bases = [b for b in bases if b]
    if not bases or not cells:
        return
    tolerance = 10 ** (-decimals) if decimals else 1
    if any(abs(100 * count / b - percent) <= tolerance for b in bases):
        return
    yield _conflict(
        fmt,
        report,
        st,
        cells,
        gettext_noop(
            "The narrative (%(section)s) gives %(count)s case(s) as %(percent)s%% (“%(snippet)s”), but %(count)s "
            "of %(base)s is %(actual)s%%."
        ),
        count=count,
        percent=st.value[2],
        base=bases[0],
        actual=round(100 * count / bases[0], max(decimals, 1)),
    )


def _shares_total(report: Report, fmt: FormatSpec, statements: list[Statement]) -> Iterator[Finding]:
    """Shares given for every outcome group of a section must add up to 100 %."""
    by_section: dict[str, list[Statement]] = {}
    for st in statements:
        by_section.setdefault(st.section, []).append(st)
    groups = {"withheld", "unavailable", "not_handled"}
    for sts in by_section.values():
        shares = [s for s in sts if s.kind == "share"]
        kinds = {s.value[0] for s in shares}
        counted = {s.kind for s in sts if s.kind in SHARE_KINDS and s.value == 0}  # 0件 needs no share
        covered = kinds | counted
        opened = {"granted_partial"} <= covered or {"granted", "partial"} <= covered
        if not shares or not opened or not groups <= covered:
            continue
        total = sum(s.value[2] for s in shares)
        slack = max(10 ** (-s.value[3]) for s in shares) * len(shares)
        if abs(total - 100) <= max(slack, 0.5):
            continue
        cells = tuple(c for s in shares for c in stated_cells(report, fmt, s.value[0])[0])
        yield _conflict(
            fmt,
            report,
            shares[0],
            cells or ("table3.handled_total.total",),
            gettext_noop(
                "The narrative (%(section)s) gives shares of the outcomes that add up to %(total)s%%, not 100%% "
                "(“%(snippet)s”)."
            ),
            total=round(total, 2),
        )


def rule10_narrative_numbers(report: Report, fmt: FormatSpec, previous: Report | None = None) -> Iterator[Finding]:
    statements = _statements(report)
    for st in statements:
        if st.kind == "all_upheld":
            if fmt.has_tables:
                yield from _upheld(report, fmt, st)
            continue
        if st.kind == "share":
            if fmt.has_tables:
                yield from _share(report, fmt, st)
            continue
        if not is_number(st.value):
            continue
        cells, table_value = stated_cells(report, fmt, st.kind)
        if not cells or table_value is None:
            continue  # not in the tables, or not known there: the completeness finding says so
        if cells[0].startswith("fees.") and not report.get("fees"):
            continue  # the 2019 format has no fee figures
        if table_value != st.value:
            yield _conflict(
                fmt,
                report,
                st,
                cells,
                gettext_noop(
                    "The narrative (%(section)s) states %(text_value)s (“%(snippet)s”) but %(location)s is "
                    "%(table_value)s."
                ),
                text_value=st.value,
                table_value=table_value,
            )
    if fmt.has_tables:
        yield from _shares_total(report, fmt, statements)


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
    """Narrative "未收到申请" implies every table 三 cell is 0 (one finding naming the cells that are not)."""
    said = [s for s in _statements(report) if s.kind == "no_requests"]
    if not said:
        return
    st = said[0]
    msgid = gettext_noop("The narrative says no requests were received (“%(snippet)s”) but %(location)s is %(value)s.")
    if not fmt.has_tables:
        value = (report.get("key_figures") or {}).get("requests_received")
        if is_number(value) and value != 0:
            loc = "key_figures.requests_received"
            params = {"snippet": st.snippet, "location": describe_all(fmt, (loc,)), "value": value}
            yield Finding("R12", WARNING, loc, msgid, params, (loc,), code="conflict")
        return
    blanks, nonzero = [], []
    for row_key, row in report["tables"]["table3"].items():
        for col_key, value in row.items():
            loc = addr("table3", row_key, col_key)
            if value is None:
                blanks.append(loc)
            elif value != 0:
                nonzero.append((loc, value))
    if nonzero:
        cells = tuple(loc for loc, _ in nonzero)
        params = {"snippet": st.snippet, "location": describe_all(fmt, cells[:3]), "value": nonzero[0][1]}
        yield Finding("R12", WARNING, cells[0], msgid, params, cells, code="conflict")
    if blanks and not nonzero:
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

"""Tables 三 and 四 of the annual report, generated from the register.

Counting (the same as the report's own rules, so that they hold by construction):
- a request split into parts (一事一申请) is counted through its parts only;
- 新收 ``received``: received in the year; 上年结转 ``carried_in``: received earlier and still
  open on 1 January;
- an outcome row counts requests answered in the year; 结转下年度 ``carried_out``: received by
  31 December and not answered by then;
- table 四 counts the reviews and lawsuits filed in the year, with their result as of 31 December.
"""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.db.models import Count, Q, QuerySet

from gi_wagtail.requests.models import Appeal, AppealKind, DisclosureRequest, EventKind, RequestEvent
from gi_wagtail.requests.outcomes import ApplicantType, Outcome, table_row

TABLE3_COLUMNS = tuple(ApplicantType.values) + ("total",)
APPEAL_RESULTS = ("upheld", "corrected", "other", "pending")


def counted(organisation: Any = None) -> QuerySet[DisclosureRequest]:
    """Requests that count in table 三 (parts count, the request they were split from does not)."""
    qs = DisclosureRequest.objects.filter(parts__isnull=True)
    if organisation is not None:
        qs = qs.filter(organisation=organisation)
    return qs


def cell_filters(year: int, row: str, report_format: str) -> Q:
    """The requests behind one row of table 三, as a filter (the report editor links to them)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    if row == "received":
        return Q(received_on__range=(start, end))
    if row == "carried_in":
        return Q(received_on__lt=start) & (Q(replied_on__isnull=True) | Q(replied_on__gte=start))
    if row == "carried_out":
        return Q(received_on__lte=end) & (Q(replied_on__isnull=True) | Q(replied_on__gt=end))
    answered = Q(replied_on__range=(start, end))
    if row == "handled_total":
        return answered
    outcomes = [o for o in Outcome.values if table_row(o, report_format) == row]
    if not outcomes:
        raise ValueError(f"unknown table 三 row {row!r}")
    return answered & Q(outcome__in=outcomes)


def rows(report_format: str) -> list[str]:
    outcome_rows = list(dict.fromkeys(table_row(o, report_format) for o in Outcome.values))
    return ["received", "carried_in", *outcome_rows, "handled_total", "carried_out"]


def table3(year: int, report_format: str, organisation: Any = None) -> dict[str, dict[str, int]]:
    qs = counted(organisation)
    table: dict[str, dict[str, int]] = {}
    for row in rows(report_format):
        by_type = Counter(dict(_count_by_type(qs.filter(cell_filters(year, row, report_format)))))
        cells = {col: by_type.get(col, 0) for col in ApplicantType.values}
        cells["total"] = sum(cells.values())
        table[row] = cells
    return table


def _count_by_type(qs: QuerySet) -> list[tuple[str, int]]:
    return [(r["applicant_type"], r["n"]) for r in qs.values("applicant_type").annotate(n=Count("id")).order_by()]


def table4(year: int, organisation: Any = None) -> dict[str, dict[str, int]]:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    appeals = Appeal.objects.filter(filed_on__range=(start, end))
    if organisation is not None:
        appeals = appeals.filter(request__organisation=organisation)
    cells = {f"{kind}_{result}": 0 for kind in AppealKind.values for result in (*APPEAL_RESULTS, "total")}
    for appeal in appeals:
        result = appeal.result_on(end)
        cells[f"{appeal.kind}_{result}"] += 1
        cells[f"{appeal.kind}_total"] += 1
    return {"cases": cells}


def fees(year: int, organisation: Any = None) -> dict[str, Any]:
    """Section 六 of the 2021 format: fee notices sent in the year and what was paid (yuan)."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    notices = RequestEvent.objects.filter(kind=EventKind.FEE_NOTICE_SENT, on__range=(start, end))
    paid = RequestEvent.objects.filter(kind=EventKind.FEE_PAID, on__range=(start, end))
    if organisation is not None:
        notices = notices.filter(request__organisation=organisation)
        paid = paid.filter(request__organisation=organisation)
    notice_requests = DisclosureRequest.objects.filter(pk__in=notices.values("request_id"))
    paid_requests = DisclosureRequest.objects.filter(pk__in=paid.values("request_id"))
    amount = sum((r.fee_amount or 0) for r in notice_requests)
    collected = sum((r.fee_paid or 0) for r in paid_requests)
    return {"notices_count": notices.count(), "notices_amount": float(amount), "collected": float(collected)}


def tables(year: int, report_format: str, organisation: Any = None) -> dict[str, Any]:
    """``{"table3": …, "table4": …}`` in the report JSON schema (and ``fees`` for 2021)."""
    out: dict[str, Any] = {
        "table3": table3(year, report_format, organisation),
        "table4": table4(year, organisation),
    }
    if report_format == "2021":
        out["fees"] = fees(year, organisation)
    return out


def requests_for_cell(year: int, report_format: str, address: str, organisation: Any = None) -> QuerySet:
    """The requests behind a table 三 cell address such as ``table3.granted.natural_person``."""
    _table, row, col = address.split(".")
    qs = counted(organisation).filter(cell_filters(year, row, report_format))
    if col != "total":
        qs = qs.filter(applicant_type=col)
    return qs

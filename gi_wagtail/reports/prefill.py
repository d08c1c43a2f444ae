"""Prefill report figures from the catalogue (政府信息公开目录) and the request register, with provenance.

Only blank cells are filled; every filled cell gets a provenance text that the
editor sees next to the cell. Items and categories are found through the abstract
page classes, so an integrator's own page types are counted as well.

Tables 三 and 四 (and the 2021 fee figures) come from the request register
(``gi_wagtail.requests.tables``) for the report's year and organisation. While no request in the
register has an organisation (a single-agency site), every request counts, whatever the report's
organisation; otherwise a report counts its organisation's requests, and a report without an
organisation gets nothing from the register. Nothing is taken from the
register when it holds no request of that scope received by the end of the year (the register
is not in use there, and its zeros would hide unknown figures).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from wagtail.models import Page, get_page_models

from gi_wagtail.catalogue.models.category import AbstractCatalogueCategoryPage
from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage
from gi_wagtail.catalogue.models.item import AbstractDisclosureItemPage, Validity
from gi_wagtail.reports.labels import normalise
from gi_wagtail.requests import tables as register_tables
from gi_wagtail.requests.models import DisclosureRequest

if TYPE_CHECKING:
    from gi_wagtail.reports.models import AbstractAnnualReportPage

NORMATIVE_TITLES = ("规范性文件",)
# Provenance texts of figures from the request register start with this (the editor links them).
REGISTER_SOURCE = "request register"
FEE_FIELDS = {
    "fees.notices_count": "fee_notices_count",
    "fees.notices_amount": "fee_notices_amount",
    "fees.collected": "fees_collected",
    "fees.text": "fee_text",
}

Figures = dict[str, tuple[int, str]]


def item_models() -> list[type[AbstractDisclosureItemPage]]:
    """Every concrete catalogue item page type, once (a multi-table child is counted with its parent)."""
    found = [m for m in get_page_models() if issubclass(m, AbstractDisclosureItemPage) and not m._meta.abstract]
    return [m for m in found if not any(parent in found for parent in m._meta.get_parent_list())]


class Items:
    """The live items a report counts, over every item page type."""

    def __init__(self, querysets: list[QuerySet]) -> None:
        self.querysets = querysets

    def filter(self, *args: Any, **kwargs: Any) -> Items:
        return Items([qs.filter(*args, **kwargs) for qs in self.querysets])

    def exclude(self, *args: Any, **kwargs: Any) -> Items:
        return Items([qs.exclude(*args, **kwargs) for qs in self.querysets])

    def count(self) -> int:
        return sum(qs.count() for qs in self.querysets)


def _scope(page: AbstractAnnualReportPage) -> tuple[Callable[[QuerySet], QuerySet], Page | None]:
    """How to narrow items to the report's agency: its disclosure index above, else its organisation."""
    agency = page.get_ancestors().type(AbstractDisclosureIndexPage).last() if page.path else None
    if agency is not None:
        return (lambda items: items.descendant_of(agency)), agency
    if page.organisation_id:
        return (lambda items: items.filter(organisation_id=page.organisation_id)), None
    return (lambda items: items.none()), None


def _items_for(page: AbstractAnnualReportPage) -> tuple[Items, Page | None]:
    narrow, agency = _scope(page)
    return Items([narrow(model.objects.live()) for model in item_models()]), agency


def _normative_items(items: Items, agency: Page | None) -> tuple[Items, str]:
    """Items filed under a 规范性文件 category (of the agency, when there is one) and the categories' names."""
    cats = Page.objects.type(AbstractCatalogueCategoryPage)
    if agency is not None:
        cats = cats.descendant_of(agency)
    wanted = [c for c in cats if any(normalise(t) in normalise(c.title) for t in NORMATIVE_TITLES)]
    if not wanted:
        return items.filter(pk__in=[]), ""
    q = Q()
    for cat in wanted:
        q |= Q(path__startswith=cat.path)
    return items.filter(q), "、".join(c.title for c in wanted)


def catalogue_figures(page: AbstractAnnualReportPage) -> Figures:
    """{cell address: (value, provenance text)} computed from live catalogue items."""
    year = page.year
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    today = timezone.localdate().isoformat()
    items, agency = _items_for(page)
    out: Figures = {}
    if page.report_format in ("2019", "2021"):
        docs, where = _normative_items(items, agency)
        if where:
            issued = docs.filter(published_on__range=(start, end)).count()
            src = f"catalogue {today}: “{where}” items published in {year}"
            if page.report_format == "2021":
                repealed = docs.filter(validity=Validity.REPEALED, invalid_on__range=(start, end)).count()
                ended = Q(validity__in=[Validity.REPEALED, Validity.EXPIRED]) & (
                    Q(invalid_on__isnull=True) | Q(invalid_on__lte=end)
                )
                in_force = docs.filter(published_on__lte=end).exclude(ended).count()
                out["table2.normative_docs.issued"] = (issued, src)
                out["table2.normative_docs.repealed"] = (
                    repealed,
                    f"catalogue {today}: “{where}” items repealed in {year}",
                )
                out["table2.normative_docs.in_force"] = (
                    in_force,
                    f"catalogue {today}: “{where}” items in force on {end.isoformat()}",
                )
            else:
                out["table2.normative_docs.published"] = (issued, src)
                out["table2.normative_docs.total_published"] = (
                    docs.filter(published_on__lte=end).count(),
                    f"catalogue {today}: “{where}” items published up to {end.isoformat()}",
                )
    else:
        count = items.filter(published_on__range=(start, end), disclosure_method="proactive").count()
        out["key_figures.proactive_items"] = (
            count,
            f"catalogue {today}: proactively disclosed items published in {year}",
        )
    return out


def register_scope(organisation: Any) -> tuple[bool, Any]:
    """(whether the register applies, the organisation to count or None for every request).

    A single-agency site may record no organisation on its requests: then every request counts.
    """
    if not DisclosureRequest.objects.filter(organisation__isnull=False).exists():
        return True, None
    return organisation is not None, organisation


def register_tables_for(year: int, report_format: str, organisation: Any = None) -> dict[str, Any] | None:
    """Tables 三 and 四 (and 2021 fees) from the register in the report schema, or None when not in use."""
    applies, scope = register_scope(organisation)
    if not applies or report_format not in ("2019", "2021"):
        return None
    in_use = register_tables.counted(scope).filter(received_on__lte=datetime.date(year, 12, 31)).exists()
    return register_tables.tables(year, report_format, scope) if in_use else None


def register_report(year: int, report_format: str, organisation: Any = None) -> dict[str, Any]:
    """A report-schema dict of the register's tables (table 二 blank); every request when no organisation."""
    from gi_wagtail.reports.schema import validate_shape

    data = register_tables.tables(year, report_format, organisation)
    report = {
        "format": report_format,
        "year": year,
        "organisation": organisation.name if organisation is not None else "",
        "tables": {"table3": data["table3"], "table4": data["table4"]},
    }
    if "fees" in data:
        report["fees"] = {**data["fees"], "text": fee_sentence(data["fees"])}
    return validate_shape(report)


def _yuan(value: float | int | None) -> str:
    value = float(value or 0)
    return f"{value:.0f}" if value.is_integer() else f"{value:.2f}"


def fee_sentence(fees: dict[str, Any]) -> str:
    """The usual section 六 wording for the register's fee figures (Chinese, as printed in the report)."""
    if not fees.get("notices_count") and not fees.get("collected"):
        return "本年度未发出收费通知，未发生收费情况。"
    return (
        f"本年度发出收费通知{fees['notices_count']}件，金额共计{_yuan(fees['notices_amount'])}元；"
        f"实际收取信息处理费共计{_yuan(fees['collected'])}元。"
    )


def register_figures(page: AbstractAnnualReportPage) -> Figures:
    """{cell address: (value, provenance text)} from the request register for the report's year."""
    if not page.year:
        return {}
    organisation = page.organisation if page.organisation_id else None
    data = register_tables_for(page.year, page.report_format, organisation)
    if data is None:
        return {}
    today = timezone.localdate().isoformat()
    who = organisation.name if organisation is not None else "all requests"
    out: Figures = {}
    for table in ("table3", "table4"):
        for row, cells in data[table].items():
            for col, value in cells.items():
                out[f"{table}.{row}.{col}"] = (value, f"{REGISTER_SOURCE} {today}")
    for key, value in (data.get("fees") or {}).items():
        out[f"fees.{key}"] = (value, f"{REGISTER_SOURCE} {today}: fee notices of {who} in {page.year}")
    if data.get("fees"):
        out["fees.text"] = (
            fee_sentence(data["fees"]),
            f"{REGISTER_SOURCE} {today}: fee notices of {who} in {page.year}",
        )
    return out


def is_register_provenance(text: str) -> bool:
    return str(text or "").startswith(REGISTER_SOURCE)


def prefill_page(page: AbstractAnnualReportPage) -> dict[str, int]:
    """Fill blank cells of ``page`` (not saved). Returns {address: value} of what was filled."""
    filled: dict[str, int] = {}
    provenance = dict(page.provenance or {})
    figures = {**catalogue_figures(page), **register_figures(page)}
    for address, (value, source) in figures.items():
        parts = address.split(".")
        if parts[0] == "fees":
            name = FEE_FIELDS[address]
            if getattr(page, name) in (None, ""):
                setattr(page, name, value if name in ("fee_notices_count", "fee_text") else Decimal(str(value)))
                filled[address] = value
        elif parts[0] == "key_figures":
            figures = dict(page.key_figures or {})
            if figures.get(parts[1]) is None:
                figures[parts[1]] = value
                page.key_figures = figures
                filled[address] = value
        else:
            table, row, col = parts
            tables = page.tables or {}
            cells = tables.setdefault(table, {}).setdefault(row, {})
            if cells.get(col) is None:
                cells[col] = value
                page.tables = tables
                filled[address] = value
        if address in filled:
            provenance[address] = source
    page.provenance = provenance
    return filled

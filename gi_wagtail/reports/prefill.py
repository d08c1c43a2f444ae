"""Prefill report figures from the catalogue (政府信息公开目录), recording provenance.

Only blank cells are filled; every filled cell gets a provenance text that the
editor sees next to the cell.
"""
from __future__ import annotations

import datetime

from django.utils import timezone

from gi_wagtail.reports.labels import normalise

NORMATIVE_TITLES = ("规范性文件",)


def _items_for(page):
    from gi_wagtail.models import DisclosureIndexPage, DisclosureItemPage

    items = DisclosureItemPage.objects.live()
    agency = page.get_ancestors().type(DisclosureIndexPage).last() if page.path else None
    if agency is not None:
        return items.descendant_of(agency), agency
    if page.organisation_id:
        return items.filter(organisation_id=page.organisation_id), None
    return items.none(), None


def _normative_items(items, agency):
    from gi_wagtail.models import CatalogueCategoryPage

    cats = CatalogueCategoryPage.objects.all()
    if agency is not None:
        cats = cats.descendant_of(agency)
    wanted = [c for c in cats if any(normalise(t) in normalise(c.title) for t in NORMATIVE_TITLES)]
    if not wanted:
        return items.none(), ""
    from django.db.models import Q

    q = Q()
    for cat in wanted:
        q |= Q(path__startswith=cat.path)
    return items.filter(q), "、".join(c.title for c in wanted)


def catalogue_figures(page) -> dict:
    """{cell address: (value, provenance text)} computed from live catalogue items."""
    from django.db.models import Q

    from gi_wagtail.models import Validity

    year = page.year
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    today = timezone.localdate().isoformat()
    items, agency = _items_for(page)
    out = {}
    if page.report_format in ("2019", "2021"):
        docs, where = _normative_items(items, agency)
        if where:
            issued = docs.filter(published_on__range=(start, end)).count()
            src = f"catalogue {today}: “{where}” items published in {year}"
            if page.report_format == "2021":
                repealed = docs.filter(validity=Validity.REPEALED, invalid_on__range=(start, end)).count()
                ended = Q(validity__in=[Validity.REPEALED, Validity.EXPIRED]) & (
                    Q(invalid_on__isnull=True) | Q(invalid_on__lte=end))
                in_force = docs.filter(published_on__lte=end).exclude(ended).count()
                out["table2.normative_docs.issued"] = (issued, src)
                out["table2.normative_docs.repealed"] = (
                    repealed, f"catalogue {today}: “{where}” items repealed in {year}")
                out["table2.normative_docs.in_force"] = (
                    in_force, f"catalogue {today}: “{where}” items in force on {end.isoformat()}")
            else:
                out["table2.normative_docs.published"] = (issued, src)
                out["table2.normative_docs.total_published"] = (
                    docs.filter(published_on__lte=end).count(),
                    f"catalogue {today}: “{where}” items published up to {end.isoformat()}")
    else:
        count = items.filter(published_on__range=(start, end), disclosure_method="proactive").count()
        out["key_figures.proactive_items"] = (
            count, f"catalogue {today}: proactively disclosed items published in {year}")
    return out


def prefill_page(page) -> dict:
    """Fill blank cells of ``page`` (not saved). Returns {address: value} of what was filled."""
    filled = {}
    provenance = dict(page.provenance or {})
    for address, (value, source) in catalogue_figures(page).items():
        parts = address.split(".")
        if parts[0] == "key_figures":
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

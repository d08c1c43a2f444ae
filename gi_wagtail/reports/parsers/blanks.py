"""What an HTML import could not read, and which units it found printed.

Cells the importer could not read (table cut off or not found, row or column
absent, unreadable text) go to the report's ``missing``; a printed empty cell
stays a plain ``null`` (printed blank). Amounts printed in another unit are
converted and the conversion is recorded in ``provenance``; amounts printed
without any unit are kept in the canonical unit and listed in
``units_not_printed`` (rule R5 "unit" warns when they look like 元).
"""

from __future__ import annotations

from collections.abc import Mapping

from bs4 import Tag

from gi_wagtail.reports.findings import gettext_noop, translate
from gi_wagtail.reports.formats.base import FormatSpec
from gi_wagtail.reports.locations import TABLE_TITLES, describe
from gi_wagtail.reports.schema_cells import amount_units
from gi_wagtail.reports.values import convert_amount, printed_unit

_ = gettext_noop


def table_caption(table: Tag) -> str:
    """A unit caption of ``table``: its <caption>, or the text just before it ("（单位：元）")."""
    caption = table.find("caption")
    if caption is not None and printed_unit(caption.get_text(" ")):
        return caption.get_text(" ")
    previous = table.find_previous(string=lambda s: bool(s and s.strip()))
    text = str(previous or "").strip()
    return text if "单位" in text and printed_unit(text) and len(text) <= 40 else ""


def all_cells(fmt: FormatSpec, table: str) -> set[str]:
    return {f"{table}.{r}.{c}" for r, cols in fmt.cell_keys(table).items() for c in cols}


def record(data: dict, fmt: FormatSpec, missing: set[str], printed: Mapping[str, str], notes: list[str]) -> None:
    """Write ``missing``, ``units_not_printed`` and conversion provenance into ``data``, with notes."""
    data["missing"] = sorted(missing)
    for table, title in TABLE_TITLES.items():
        n = sum(1 for a in missing if a.startswith(table + "."))
        if n:
            notes.append(
                translate(_("%(table)s: %(n)s cell(s) could not be read and are marked as missing (not known)."))
                % {"table": title, "n": n}
            )
    canonical = amount_units(fmt)
    tables = data.get("tables") or {}
    provenance = data.setdefault("provenance", {})
    not_printed = []
    for address, unit in printed.items():
        table, row, col = address.split(".")
        value = tables.get(table, {}).get(row, {}).get(col)
        if value is None or address not in canonical:
            continue
        target = canonical[address]
        if not unit:
            not_printed.append(address)
            notes.append(
                translate(_("%(cell)s: no unit is printed; %(value)s was read as %(unit)s."))
                % {"cell": describe(fmt, address), "value": value, "unit": target}
            )
        elif unit != target:
            provenance[address] = translate(_("Printed as %(printed)s %(from)s; converted to %(value)s %(unit)s.")) % {
                "printed": convert_amount(value, target, unit),
                "from": unit,
                "value": value,
                "unit": target,
            }
    data["units_not_printed"] = sorted(not_printed)

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
from gi_wagtail.reports.schema import MAX_TITLE, _is_number
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


def keep_storable(data: dict, notes: list[str]) -> None:
    """Numbers a page cannot store (huge, not finite) become missing cells with a note; long titles are cut.

    Called by the HTML and text parsers before the shape check, so one unreadable figure does
    not refuse the whole report.
    """
    for key in ("title", "organisation"):
        if len(data.get(key) or "") > MAX_TITLE:
            data[key] = data[key][:MAX_TITLE]
            notes.append(
                translate(_("The %(field)s was longer than %(max)s characters and was cut."))
                % {"field": key, "max": MAX_TITLE}
            )
    missing = set(data.get("missing") or [])
    for table, rows in (data.get("tables") or {}).items():
        for row, cells in (rows or {}).items() if isinstance(rows, dict) else ():
            for column, value in (cells or {}).items() if isinstance(cells, dict) else ():
                if value is not None and not isinstance(value, str) and not _is_number(value):
                    cells[column] = None
                    missing.add(f"{table}.{row}.{column}")
                    notes.append(
                        translate(_("%(cell)s: the number %(value)s is too large; marked as missing."))
                        % {"cell": f"{table}.{row}.{column}", "value": str(value)[:30]}
                    )
    for section in ("fees", "key_figures"):
        figures = data.get(section) or {}
        for key, value in list(figures.items()):
            if isinstance(value, (int, float)) and not isinstance(value, bool) and not _is_number(value):
                figures[key] = None
                missing.add(f"{section}.{key}")
                notes.append(
                    translate(_("%(cell)s: the number %(value)s is too large; marked as missing."))
                    % {"cell": f"{section}.{key}", "value": str(value)[:30]}
                )
    if missing:
        data["missing"] = sorted(missing)

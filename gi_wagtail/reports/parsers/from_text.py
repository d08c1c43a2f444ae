"""Legacy plain-text reports (pre-2019 outlines): sections + key figures."""

from __future__ import annotations

from gi_wagtail.reports.findings import gettext_noop, translate
from gi_wagtail.reports.formats import FORMAT_CODES, TABLE_NAMES, get_format
from gi_wagtail.reports.parsers.blanks import all_cells, keep_storable
from gi_wagtail.reports.parsers.errors import ReportParseError
from gi_wagtail.reports.parsers.outline import key_figures_from_sections, keyed_sections, preamble_notes, split_outline
from gi_wagtail.reports.schema import SchemaError, validate_shape


def parse_text(text: str, format: str | None = None, year: int | None = None) -> dict:
    outline = split_outline(text)
    if not outline["sections"]:
        raise ReportParseError(
            "no numbered section headings (such as 一、概述) were found; this does not look like an annual report"
        )
    year = year or outline["year"]
    if not year:
        raise ReportParseError("the report year could not be found in the title or preamble; pass it explicitly")
    sections = keyed_sections(outline)
    notes = preamble_notes(outline)
    fmt = format or "2008"
    data = {
        "format": fmt,
        "year": year,
        "organisation": outline["organisation"],
        "title": outline["title"],
        "sections": sections,
        "notes": notes,
    }
    if fmt == "2008":
        data["key_figures"] = key_figures_from_sections(sections)
    else:
        notes.append(translate(gettext_noop("Plain text has no tables: every table cell was left blank.")))
        # Not printed blanks: the cells are not known, so they are marked missing.
        if fmt in FORMAT_CODES:
            data["missing"] = [a for name in TABLE_NAMES for a in sorted(all_cells(get_format(fmt), name))]
    keep_storable(data, notes)
    try:
        return validate_shape(data)
    except SchemaError as exc:
        raise ReportParseError(f"parsed report is invalid: {exc}") from None

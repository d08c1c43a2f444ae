"""HTML reports (post-2019 layouts): narrative sections plus tables 二/三/四."""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString

from gi_wagtail.reports.findings import gettext_noop, translate
from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.parsers.blanks import all_cells, keep_storable, record, table_caption
from gi_wagtail.reports.parsers.errors import ReportParseError
from gi_wagtail.reports.parsers.grid import expand
from gi_wagtail.reports.parsers.html_tables import classify, detect_format, read_table2, read_table3, read_table4
from gi_wagtail.reports.parsers.outline import (
    YEAR_RE,
    fees_from_sections,
    key_figures_from_sections,
    keyed_sections,
    preamble_notes,
    split_outline,
)
from gi_wagtail.reports.schema import Report, SchemaError, validate_shape

BLOCKS = (
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "section",
    "article",
    "table",
    "title",
    "header",
    "blockquote",
    "pre",
)
READERS = {"table2": read_table2, "table3": read_table3, "table4": read_table4}


def _narrative_text(soup: BeautifulSoup) -> str:
    for br in soup.find_all("br"):
        br.replace_with(NavigableString("\n"))
    for tag in soup.find_all(BLOCKS):
        tag.insert_after(NavigableString("\n"))
        tag.insert_before(NavigableString("\n"))
    root = soup.body or soup
    return root.get_text("")


def parse_html(html: str, format: str | None = None, year: int | None = None) -> Report:
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript"]):
        tag.decompose()
    title_tag = soup.find("title")
    page_title = " ".join(title_tag.get_text(" ").split()) if title_tag else ""
    if title_tag:
        title_tag.decompose()

    grids, tables, captions = {}, [], {}
    for table in soup.find_all("table"):
        if table.find("table"):
            continue  # layout table wrapping the data tables
        grid = expand(table)
        kind = classify(grid) if grid else None
        if kind and kind not in grids:
            grids[kind] = grid
            captions[kind] = table_caption(table)
            tables.append(table)
    for table in tables:
        table.decompose()

    outline = split_outline(_narrative_text(soup))
    if not year:
        year = outline["year"]
        if page_title and YEAR_RE.search(page_title):
            year = int(YEAR_RE.search(page_title).group(1))
    if not outline["sections"] and not grids:
        raise ReportParseError(
            "no report tables and no numbered section headings (such as 一、总体情况) were found in this HTML page"
        )
    if not year:
        raise ReportParseError("the report year could not be found in the page title or heading; pass it explicitly")
    sections = keyed_sections(outline)
    notes = preamble_notes(outline)
    fmt_code = format or (detect_format(grids, year) if grids else "2008")
    organisation = outline["organisation"]
    if not organisation and page_title:
        m = YEAR_RE.search(page_title)
        organisation = page_title[: m.start()].strip() if m else ""
    data = {
        "format": fmt_code,
        "year": year,
        "organisation": organisation,
        "title": outline["title"] or page_title,
        "sections": sections,
        "notes": notes,
    }
    if fmt_code == "2008":
        data["key_figures"] = key_figures_from_sections(sections)
    else:
        fmt = get_format(fmt_code)
        missing, printed = set(), {}
        data["tables"] = {
            name: read_table2(grid, fmt, notes, missing, printed, captions[name])
            if name == "table2"
            else READERS[name](grid, fmt, notes, missing)
            for name, grid in grids.items()
        }
        if fmt.has_fee_figures:
            data["fees"] = fees_from_sections(sections)
        for name in ("table2", "table3", "table4"):
            if name not in grids:
                notes.append(
                    translate(gettext_noop("%(table)s was not found; its cells were left blank.")) % {"table": name}
                )
                missing |= all_cells(fmt, name)
        record(data, fmt, missing, printed, notes)
    keep_storable(data, notes)
    try:
        return validate_shape(data)
    except SchemaError as exc:
        raise ReportParseError(f"parsed report is invalid: {exc}") from None

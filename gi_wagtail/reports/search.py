"""The search document of an annual report, registered with ``gi_wagtail.search`` from ``ready()``.

A report is found by its title, its organisation (the agency, short name too), the text of
its narrative sections and the captions and labels of its tables (行政复议, 信息处理费 …,
with their figures). It carries its own publication date (公布日期); without one, 1 January
after the year reported on stands in (reports are due by 31 January), never the date of
import. ``report_year`` (the year reported on) is an extra field for Elasticsearch, while the
year facet is the publication year, as for catalogue items.
"""

from __future__ import annotations

import datetime as dt

from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from gi_wagtail.catalogue.search import category_title
from gi_wagtail.reports.formats import TABLE_NAMES, get_format
from gi_wagtail.reports.models import AbstractAnnualReportPage
from gi_wagtail.reports.render import filled_layout
from gi_wagtail.search.base import SearchDocument
from gi_wagtail.search.documents import MAX_BODY_CHARS, aware, page_url
from gi_wagtail.search.documents import register as register_source

EXTRA_FIELDS = {"report_year": "keyword"}


def register() -> None:
    register_source(
        AbstractAnnualReportPage, "report", document=report_document, extra=report_extra, extra_fields=EXTRA_FIELDS
    )


def report_extra(page: AbstractAnnualReportPage) -> dict[str, str | None]:
    return {"report_year": str(page.year) if page.year else None}


def table_text(page: AbstractAnnualReportPage) -> list[str]:
    """Caption, headings, row labels and figures of each table, row by row."""
    fmt = get_format(page.report_format)
    if not fmt.has_tables or not page.tables:
        return []
    try:
        report = page.report_data()
    except (KeyError, ValueError, TypeError):  # a half-filled draft's tables: index the prose only
        return []
    lines = []
    for table in TABLE_NAMES:
        if table not in report.get("tables", {}):
            continue
        try:
            layout = filled_layout(report, table)
        except (KeyError, TypeError):
            continue
        lines.append(str(layout.get("caption") or ""))
        for row in layout["head"] + layout["body"]:
            lines.append(" ".join(cell["text"] for cell in row if cell.get("text")))
    return [line for line in lines if line.strip()]


def report_date(page: AbstractAnnualReportPage) -> dt.datetime | None:
    if page.published_on:
        return aware(page.published_on)
    if page.year:
        return aware(dt.date(page.year + 1, 1, 1))
    return page.first_published_at


def report_document(page: AbstractAnnualReportPage) -> SearchDocument:
    organisation = page.organisation if page.organisation_id else None
    sections = []
    for _key, heading, body in page.section_items():
        sections.extend([heading, strip_tags(str(getattr(body, "source", body) or ""))])
    body = " ".join(x for x in [page.search_description, *sections, *table_text(page)] if x)
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        url=page_url(page),
        body=body[:MAX_BODY_CHARS],
        category=category_title(page),
        organisation=organisation.name if organisation else "",
        keywords=organisation.short_name if organisation and organisation.short_name else "",
        published=report_date(page),
        genre=str(_("Annual report")),
    )

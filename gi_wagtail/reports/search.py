"""The search document of an annual report, registered with ``gi_wagtail.search`` from ``ready()``.

A report is found by its title, its organisation (the agency) and the text of its narrative
sections; ``report_year`` (the year reported on) is an extra field for Elasticsearch, while
the year facet is the publication year, as for catalogue items.
"""

from __future__ import annotations

from django.utils.html import strip_tags

from gi_wagtail.catalogue.search import category_title
from gi_wagtail.reports.models import AbstractAnnualReportPage
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


def report_document(page: AbstractAnnualReportPage) -> SearchDocument:
    organisation = page.organisation if page.organisation_id else None
    sections = []
    for _key, heading, body in page.section_items():
        sections.extend([heading, strip_tags(str(getattr(body, "source", body) or ""))])
    body = " ".join(x for x in [page.search_description, *sections] if x)
    return SearchDocument(
        page_id=page.pk,
        title=page.title,
        url=page_url(page),
        body=body[:MAX_BODY_CHARS],
        category=category_title(page),
        organisation=organisation.name if organisation else "",
        keywords=organisation.short_name if organisation and organisation.short_name else "",
        published=aware(page.published_on) or page.first_published_at,
    )

"""Import an annual report (parsed by ``gi_wagtail.reports.parsers``) as an ``AnnualReportPage``.

The service behind ``manage.py gi_wagtail_import_report``: a dry run makes every check the
real run makes (``prepare_page``) and only skips ``save_page``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from gi_wagtail.catalogue.models.category import AbstractCatalogueCategoryPage
from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage
from gi_wagtail.catalogue.models.vocabularies import Organisation
from gi_wagtail.reports.models import AnnualReportPage
from gi_wagtail.text.quote import one_line, quote

MAX_COUNT = 2**31 - 1  # the largest whole number an integer column holds on every database


class ReportImportError(Exception):
    """The report cannot be imported as asked; the message says why (nothing was written)."""


def find_parent(ref: str | int | None) -> Page:
    """The disclosure index or catalogue category a report goes under, by id or URL path."""
    if not ref:
        raise ReportImportError(_("--parent is required (id or URL path of a disclosure index or category page)"))
    page = None
    if str(ref).isdigit():
        page = Page.objects.filter(pk=int(ref)).first()
    else:
        path = "/" + str(ref).strip("/") + "/"
        matches = list(Page.objects.filter(url_path__endswith=path).order_by("path")[:5])
        if len(matches) > 1:  # e.g. xxgknb under two agencies' roots
            raise ReportImportError(
                _("parent page %(ref)s is ambiguous (%(paths)s); give its id or a longer URL path")
                % {"ref": ref, "paths": "、".join(p.url_path for p in matches)}
            )
        page = matches[0] if matches else None
    if page is None:
        raise ReportImportError(_("parent page %(ref)s not found") % {"ref": quote(ref)})
    page = page.specific
    if not isinstance(page, (AbstractDisclosureIndexPage, AbstractCatalogueCategoryPage)):
        raise ReportImportError(_("parent page must be a disclosure index or catalogue category page"))
    return page


def find_organisation(name: str) -> Organisation:
    """The existing organisation with this name or short name."""
    name = (name or "").strip()
    if not name:
        raise ReportImportError(_("the report names no organisation; pass --organisation"))
    org = Organisation.objects.filter(name=name).first() or Organisation.objects.filter(short_name=name).first()
    if org is None:
        raise ReportImportError(_("organisation %(name)s does not exist; create it first") % {"name": quote(name)})
    return org


def prepare_page(
    report: dict[str, Any], parent_ref: str | int | None, organisation: str | None = None, publish: bool = False
) -> tuple[Page, AnnualReportPage]:
    """(parent, unsaved page) after every check of the import; raises ``ReportImportError`` like the real run."""
    parent = find_parent(parent_ref)
    org = find_organisation(organisation or report["organisation"] or "")
    if AnnualReportPage.objects.filter(organisation=org, year=report["year"]).exists():
        raise ReportImportError(_("%(org)s already has a report for %(year)s") % {"org": org, "year": report["year"]})
    page = AnnualReportPage(organisation=org, live=False)
    page.apply_report_data(report)
    count = page.fee_notices_count
    if count is not None and not (count == int(count) and 0 <= count <= MAX_COUNT):
        # The rules report it (see the findings); the column holds whole numbers from 0 only.
        page.fee_notices_count = None
        page.import_notes = [
            *page.import_notes,
            _("Fee notices issued: %(value)s is not a whole number of notices; not stored.") % {"value": count},
        ]
    page.title = (report["title"] or f"{org.name}{report['year']}年政府信息公开工作年度报告")[:255]
    # A title of only punctuation has no slug of its own.
    page.slug = slugify(page.title, allow_unicode=True)[:80].strip("-") or f"report-{report['year']}"
    if publish and page.has_validation_errors():
        raise ReportImportError(
            _("not published: the report has validation errors (use the admin override); nothing was imported")
        )
    return parent, page


def save_page(parent: Page, page: AnnualReportPage, publish: bool = False) -> AnnualReportPage:
    """Add the prepared page under ``parent`` as a draft revision, published if asked; all or nothing."""
    try:
        with transaction.atomic():
            parent.add_child(instance=page)
            revision = page.save_revision(log_action=True)
            if publish:
                revision.publish()
                page.refresh_from_db()
    except ValidationError as exc:
        raise ReportImportError(
            _("the report cannot be saved: %(error)s") % {"error": one_line("; ".join(exc.messages), 300)}
        ) from None
    except DatabaseError as exc:  # a value the database refuses: nothing was written
        raise ReportImportError(_("the report cannot be saved: %(error)s") % {"error": one_line(exc, 300)}) from None
    return page

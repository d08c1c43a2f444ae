"""Validation of disclosure metadata: 文号, 索引号, years and date order.

Parsers never raise on arbitrary text; validators raise ``ValidationError``
with a message an editor can act on.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Container

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from gi_wagtail.catalogue.index_numbers import format_index_no, index_no_regex, parse_index_no
from gi_wagtail.text.doc_no import DOC_NO_RE, DocNo, parse_doc_no

__all__ = [
    "DOC_NO_RE",
    "INDEX_NO_MAX_LENGTH",
    "MIN_YEAR",
    "DocNo",
    "format_index_no",
    "index_no_regex",
    "index_no_taken",
    "max_year",
    "parse_doc_no",
    "parse_index_no",
    "validate_disclosure_item",
    "validate_doc_no",
    "validate_index_no_text",
    "validate_year",
]

MIN_YEAR = 1949  # nothing in a PRC government catalogue predates it

INDEX_NO_MAX_LENGTH = 64
_INDEX_NO_RE = re.compile(r"[^\s<>\"'&\\\x00-\x1f\x7f]+")


def max_year() -> int:
    return datetime.date.today().year + 1


def validate_year(year: object) -> None:
    if not isinstance(year, int) or not MIN_YEAR <= year <= max_year():
        raise ValidationError(
            _("The year %(year)s is not plausible: use a year from %(min)s to %(max)s."),
            code="year_range",
            params={"year": year, "min": MIN_YEAR, "max": max_year()},
        )


def validate_doc_no(value: str | None) -> None:
    """A 文号 must read like 高科发〔2024〕12号; an empty one is fine (non-公文 items have none)."""
    if not value:
        return
    doc_no = parse_doc_no(value)
    if doc_no is None:
        raise ValidationError(
            _(
                "Enter the document number (文号) as issuing-agency code, year in brackets, serial number "
                "and 号, for example 高科发〔2024〕12号."
            ),
            code="doc_no_format",
        )
    validate_year(doc_no.year)


def validate_index_no_text(value: str | None) -> None:
    """Any legacy 索引号 is accepted verbatim, but not blanks, markup or control characters."""
    if not value:
        return
    if len(value) > INDEX_NO_MAX_LENGTH or not _INDEX_NO_RE.fullmatch(value):
        raise ValidationError(
            _(
                "The index number (索引号) may not contain spaces, quotes, <, >, & or control characters, "
                "and may be at most %(max)s characters long."
            ),
            code="index_no_format",
            params={"max": INDEX_NO_MAX_LENGTH},
        )


def _date_in_range_error(value: datetime.date | None) -> ValidationError | None:
    if value and not MIN_YEAR <= value.year <= max_year():
        return ValidationError(
            _("The year %(year)s is not plausible: use a year from %(min)s to %(max)s."),
            code="year_range",
            params={"year": value.year, "min": MIN_YEAR, "max": max_year()},
        )
    return None


def index_no_taken(page: Model, agency_id: int | None) -> bool:
    """True when another item of the same agency already holds ``page.index_no``."""
    if not page.index_no or not agency_id:
        return False
    return type(page)._default_manager.filter(agency_id=agency_id, index_no=page.index_no).exclude(pk=page.pk).exists()


def validate_disclosure_item(
    page: Model, agency: Model | None = None, taken_index_nos: Container[str] | None = None
) -> None:
    """Check a disclosure item's metadata; raises one ``ValidationError`` keyed by field.

    ``taken_index_nos``: the agency's 索引号 already in use, when the caller checks many items at once.
    """
    errors: dict[str, list[ValidationError]] = {}

    def add(field: str, error: ValidationError) -> None:
        errors.setdefault(field, []).append(error)

    for field in ("written_on", "published_on", "effective_on", "invalid_on"):
        error = _date_in_range_error(getattr(page, field, None))
        if error:
            add(field, error)
    if page.written_on and page.published_on and page.written_on > page.published_on:
        add(
            "written_on",
            ValidationError(
                _("The date written (成文日期) cannot be later than the publication date (发布日期)."),
                code="date_order",
            ),
        )
    if page.effective_on and page.invalid_on and page.effective_on > page.invalid_on:
        add(
            "invalid_on",
            ValidationError(
                _("The date it expired or was repealed cannot be earlier than the date it took effect."),
                code="date_order",
            ),
        )
    # The 文号 format is checked where editors type it (DisclosureItemAdminForm):
    # imported legacy 文号 are kept verbatim, whatever their form.
    try:
        validate_index_no_text(page.index_no)
    except ValidationError as error:
        add("index_no", error)
    agency_id = page.agency_id or (agency.pk if agency else None)
    taken = (page.index_no in taken_index_nos) if taken_index_nos is not None else index_no_taken(page, agency_id)
    if "index_no" not in errors and taken:
        add(
            "index_no",
            ValidationError(
                _("The index number (索引号) %(index_no)s is already used by another item of this agency."),
                code="index_no_taken",
                params={"index_no": page.index_no},
            ),
        )
    if errors:
        raise ValidationError(errors)

"""Validation of disclosure metadata: 文号, 索引号, years and date order.

Parsers never raise on arbitrary text; validators raise ``ValidationError``
with a message an editor can act on.
"""

import datetime
import re
import string
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MIN_YEAR = 1949  # nothing in a PRC government catalogue predates it

_BRACKETS_OPEN = "〔[【（(［"
_BRACKETS_CLOSE = "〕]】）)］"
_NOT_CODE = r"\s\d" + re.escape(_BRACKETS_OPEN + _BRACKETS_CLOSE)
DOC_NO_RE = re.compile(
    rf"(?P<code>[^{_NOT_CODE}](?:[^{_NOT_CODE}]|\d)*?)\s*"
    rf"[{re.escape(_BRACKETS_OPEN)}]\s*(?P<year>\d{{4}})\s*[{re.escape(_BRACKETS_CLOSE)}]"
    r"\s*第?\s*(?P<serial>\d{1,7})\s*号"
)
INDEX_NO_MAX_LENGTH = 64
_INDEX_NO_RE = re.compile(r"[^\s<>\"'&\\\x00-\x1f\x7f]+")


def max_year():
    return datetime.date.today().year + 1


@dataclass(frozen=True)
class DocNo:
    """A parsed 文号: issuing agency's code (代字), year and serial."""

    agency_code: str
    year: int
    serial: int

    def __str__(self):
        # GB/T 9704-2012 form: hexagonal brackets, no leading zeros, no 第.
        return f"{self.agency_code}〔{self.year}〕{self.serial}号"


def parse_doc_no(text):
    """Return the ``DocNo`` in ``text`` (any bracket style, optional 第), or None."""
    if not isinstance(text, str):
        return None
    match = DOC_NO_RE.fullmatch(text.strip())
    if not match:
        return None
    serial = int(match["serial"])
    if serial < 1:
        return None
    return DocNo(match["code"], int(match["year"]), serial)


def validate_year(year):
    if not isinstance(year, int) or not MIN_YEAR <= year <= max_year():
        raise ValidationError(
            _("The year %(year)s is not plausible: use a year from %(min)s to %(max)s."),
            code="year_range",
            params={"year": year, "min": MIN_YEAR, "max": max_year()},
        )


def validate_doc_no(value):
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


def validate_index_no_text(value):
    """Any legacy 索引号 is accepted verbatim, but not blanks, markup or control characters."""
    if not value:
        return
    if len(value) > INDEX_NO_MAX_LENGTH or not _INDEX_NO_RE.fullmatch(value):
        raise ValidationError(
            _("The index number (索引号) may not contain spaces, quotes, <, >, & or control characters, "
              "and may be at most %(max)s characters long."),
            code="index_no_format",
            params={"max": INDEX_NO_MAX_LENGTH},
        )


_INDEX_FIELD_RES = {
    "org_code": r"[0-9A-Za-z-]+?",
    "year": r"\d{4}",
    "month": r"\d{2}",
    "category_code": r"[0-9A-Za-z]+?",
}


def index_no_regex(pattern):
    """A regex matching numbers made from an ``INDEX_NUMBER_PATTERN``; None if the pattern is unusable."""
    try:
        parts = list(string.Formatter().parse(pattern))
    except (ValueError, TypeError):
        return None
    regex, seen = [], set()
    for literal, field, spec, _conversion in parts:
        regex.append(re.escape(literal))
        if field is None:
            continue
        if field in seen:
            regex.append(f"(?P={field})")
            continue
        if field == "serial":
            width = re.match(r"0?(\d*)d?$", spec or "")
            minimum = int(width[1]) if width and width[1] else 1
            regex.append(rf"(?P<serial>\d{{{minimum},}})")
        elif field in _INDEX_FIELD_RES:
            regex.append(f"(?P<{field}>{_INDEX_FIELD_RES[field]})")
        else:
            return None
        seen.add(field)
    return re.compile("".join(regex))


def parse_index_no(value, pattern):
    """Split a 索引号 made from ``pattern`` into its fields (year/serial as int); None if it does not fit."""
    if not isinstance(value, str):
        return None
    regex = index_no_regex(pattern)
    match = regex.fullmatch(value) if regex else None
    if not match:
        return None
    fields = match.groupdict()
    for key in ("year", "serial"):
        if key in fields:
            fields[key] = int(fields[key])
    return fields


def format_index_no(pattern, **fields):
    return pattern.format(**fields)


def _date_in_range_error(value):
    if value and not MIN_YEAR <= value.year <= max_year():
        return ValidationError(
            _("The year %(year)s is not plausible: use a year from %(min)s to %(max)s."),
            code="year_range",
            params={"year": value.year, "min": MIN_YEAR, "max": max_year()},
        )
    return None


def index_no_taken(page, agency_id):
    """True when another item of the same agency already holds ``page.index_no``."""
    if not page.index_no or not agency_id:
        return False
    return type(page)._default_manager.filter(agency_id=agency_id, index_no=page.index_no).exclude(pk=page.pk).exists()


def validate_disclosure_item(page, agency=None, taken_index_nos=None):
    """Check a disclosure item's metadata; raises one ``ValidationError`` keyed by field.

    ``taken_index_nos``: the agency's 索引号 already in use, when the caller checks many items at once.
    """
    errors = {}

    def add(field, error):
        errors.setdefault(field, []).append(error)

    for field in ("written_on", "published_on", "effective_on", "invalid_on"):
        error = _date_in_range_error(getattr(page, field, None))
        if error:
            add(field, error)
    if page.written_on and page.published_on and page.written_on > page.published_on:
        add("written_on", ValidationError(
            _("The date written (成文日期) cannot be later than the publication date (发布日期)."), code="date_order"))
    if page.effective_on and page.invalid_on and page.effective_on > page.invalid_on:
        add("invalid_on", ValidationError(
            _("The date it expired or was repealed cannot be earlier than the date it took effect."), code="date_order"))
    # The 文号 format is checked where editors type it (DisclosureItemAdminForm):
    # imported legacy 文号 are kept verbatim, whatever their form.
    try:
        validate_index_no_text(page.index_no)
    except ValidationError as error:
        add("index_no", error)
    agency_id = page.agency_id or (agency.pk if agency else None)
    taken = (page.index_no in taken_index_nos) if taken_index_nos is not None else index_no_taken(page, agency_id)
    if "index_no" not in errors and taken:
        add("index_no", ValidationError(
            _("The index number (索引号) %(index_no)s is already used by another item of this agency."),
            code="index_no_taken", params={"index_no": page.index_no}))
    if errors:
        raise ValidationError(errors)

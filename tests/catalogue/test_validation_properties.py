"""Property tests: the 文号 and 索引号 parsers never crash and round-trip valid forms."""

import datetime

from django.core.exceptions import ValidationError
from hypothesis import example, given, settings
from hypothesis import strategies as st

from gi_wagtail.catalogue.validation import (
    MIN_YEAR,
    DocNo,
    format_index_no,
    parse_doc_no,
    parse_index_no,
    validate_doc_no,
    validate_index_no_text,
)

BRACKETS = [("〔", "〕"), ("[", "]"), ("【", "】"), ("（", "）"), ("(", ")"), ("［", "］")]
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
agency_codes = st.text(CJK, min_size=1, max_size=8)
years = st.integers(MIN_YEAR, datetime.date.today().year)
serials = st.integers(1, 9_999_999)
PATTERNS = [
    "{org_code}/{year}-{serial:05d}",
    "{org_code}-{year}-{serial:06d}",
    "{org_code}/{year}{month}-{serial:05d}",
    "{org_code}-{category_code}-{year}-{serial}",
]
org_codes = st.text(st.sampled_from("0123456789ABCDEFGHJKLMNPQRTUWXY-"), min_size=1, max_size=18)


@settings(max_examples=300)
@given(st.text())
@example("高科发〔2024〕12号")
@example("〔〔〔2024〕〕〕号号")
@example("\x00高科发\ud7ff〔９９９９〕0号")
def test_doc_no_parser_never_crashes(text):
    result = parse_doc_no(text)
    assert result is None or isinstance(result, DocNo)
    try:
        validate_doc_no(text)
    except ValidationError as error:
        assert error.code in ("doc_no_format", "year_range")


@given(agency_codes, years, serials, st.sampled_from(BRACKETS), st.booleans(), st.booleans())
def test_doc_no_round_trip(code, year, serial, brackets, di, spaces):
    space = " " if spaces else ""
    text = f"{code}{space}{brackets[0]}{year}{brackets[1]}{space}{'第' if di else ''}{serial}号"
    parsed = parse_doc_no(text)
    assert parsed == DocNo(code, year, serial)
    assert parse_doc_no(str(parsed)) == parsed
    validate_doc_no(text)


@settings(max_examples=300)
@given(st.text(), st.sampled_from(PATTERNS + ["{", "{serial", "{unknown}", "", "{year}{year}"]))
def test_index_no_parser_never_crashes(text, pattern):
    fields = parse_index_no(text, pattern)
    assert fields is None or format_index_no(pattern, **fields) == text
    try:
        validate_index_no_text(text)
    except ValidationError as error:
        assert error.code == "index_no_format"


@given(
    st.sampled_from(PATTERNS),
    org_codes,
    years,
    st.integers(1, 12),
    st.text(st.sampled_from("0123456789AB"), min_size=1, max_size=3),
    st.integers(1, 999_999),
)
def test_index_no_round_trip(pattern, org_code, year, month, category_code, serial):
    text = format_index_no(
        pattern, org_code=org_code, year=year, month=f"{month:02d}", category_code=category_code, serial=serial
    )
    fields = parse_index_no(text, pattern)
    assert fields is not None
    assert format_index_no(pattern, **fields) == text
    if "-" not in org_code:  # a hyphenated org code may split differently but still formats back identically
        assert fields["org_code"] == org_code and fields["year"] == year and fields["serial"] == serial
    validate_index_no_text(text)

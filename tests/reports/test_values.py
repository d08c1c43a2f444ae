import pytest

from gi_wagtail.reports.formats import AMOUNT, SIGNED
from gi_wagtail.reports.values import CellValueError, cn_to_int, parse_cell, to_number


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("12", 12),
        ("１２", 12),
        (" 7 ", 7),
        ("3件", 3),
        ("1,234", 1234),
        ("0", 0),
        ("无", 0),
        ("", None),
        ("  ", None),
        ("—", None),
        ("/", None),
        (None, None),
        (5, 5),
    ],
)
def test_count_cells(raw, expected):
    assert parse_cell(raw) == expected


def test_blank_is_not_zero():
    assert parse_cell("") is None
    assert parse_cell("0") == 0


@pytest.mark.parametrize("raw,expected", [("-2", -2), ("－3", -3), ("+1", 1), ("0", 0)])
def test_signed_cells(raw, expected):
    assert parse_cell(raw, SIGNED) == expected


@pytest.mark.parametrize("raw,expected", [("12000元", 1.2), ("1.5万元", 1.5), ("35.6", 35.6), ("２万元", 2)])
def test_amounts_are_converted_to_the_column_unit(raw, expected):
    assert parse_cell(raw, AMOUNT, "万元") == expected


@pytest.mark.parametrize("raw", ["abc", "1.5", "3-4", "十二件多"])
def test_unreadable_cells_raise_a_clear_error(raw):
    with pytest.raises(CellValueError, match="number"):
        parse_cell(raw)


@pytest.mark.parametrize(
    "text,value",
    [("三十六", 36), ("十二", 12), ("九", 9), ("一百零五", 105), ("两千", 2000), ("十", 10), ("一万二千", 12000)],
)
def test_chinese_numerals(text, value):
    assert cn_to_int(text) == value
    assert to_number(text) == value


def test_to_number_full_width():
    assert to_number("３６") == 36

"""Reading cell values and numbers written by people (full-width digits, units,
Chinese numerals). Blank stays ``None``; it is never turned into 0."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from gi_wagtail.reports.formats import AMOUNT, SIGNED

BLANK = {"", "-", "—", "——", "–", "/", "\\", "n/a", "na", "空", "…"}
ZERO_WORDS = {"无", "没有", "零"}

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_NUMBER_CHARS = "零〇一二两三四五六七八九十百千万"


class CellValueError(ValueError):
    pass


def cn_to_int(text: str) -> int:
    """Chinese numeral (up to 9999万) to int: 三十六 -> 36, 十二 -> 12."""
    if not text or any(ch not in CN_NUMBER_CHARS for ch in text):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:  # 万
            section += digit or 0
            total += section * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


def to_number(text: str) -> int:
    """Arabic (any width) or Chinese numeral to int."""
    text = unicodedata.normalize("NFKC", text).replace(",", "").strip()
    if text.isdigit():
        return int(text)
    return cn_to_int(text)


_NUM_RE = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(万元|元|万|件|个|项|条|次|人次|家)?$")


def parse_cell(raw: object, kind: str = "count", unit: str = "") -> int | float | None:
    """Parse one cell as written in a published table.

    Returns int, Decimal-free float (amounts) or None for blank. Raises
    CellValueError with a readable message for anything else.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise CellValueError(f"not a number: {raw!r}")
    if isinstance(raw, (int, float)):
        return raw
    text = unicodedata.normalize("NFKC", str(raw))
    text = re.sub(r"\s+", "", text).replace(",", "").replace("−", "-").replace("－", "-")
    if text.lower() in BLANK:
        return None
    if text in ZERO_WORDS:
        return 0
    m = _NUM_RE.match(text)
    if not m:
        raise CellValueError(f"cannot read {str(raw)!r} as a number")
    sign, digits, cell_unit = m.groups()
    try:
        value = Decimal(digits)
    except InvalidOperation:  # pragma: no cover - regex guarantees digits
        raise CellValueError(f"cannot read {str(raw)!r} as a number") from None
    if sign == "-":
        value = -value
    if kind == AMOUNT:
        if unit == "万元" and cell_unit == "元":
            value = value / Decimal(10000)
        elif unit == "元" and cell_unit in ("万元", "万"):
            value = value * Decimal(10000)
        return int(value) if value == value.to_integral_value() else float(value)
    if value != value.to_integral_value():
        raise CellValueError(f"{str(raw)!r} is not a whole number")
    if sign == "-" and kind != SIGNED:
        return int(value)  # kept so that rule 5 reports it, rather than hidden
    return int(value)

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


_NUM_RE = re.compile(r"^([+-]?)(\d+(?:\.\d+)?)(亿元|千元|万元|元|万|件|个|项|条|次|人次|家)?$")


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
        source = _UNIT_ALIASES.get(cell_unit or "", cell_unit)
        if unit in UNIT_FACTORS and source in UNIT_FACTORS:
            value = value * UNIT_FACTORS[source] / UNIT_FACTORS[unit]
        return int(value) if value == value.to_integral_value() else float(value)
    if value != value.to_integral_value():
        raise CellValueError(f"{str(raw)!r} is not a whole number")
    if sign == "-" and kind != SIGNED:
        return int(value)  # kept so that rule 5 reports it, rather than hidden
    return int(value)


# Units an amount may be stated in, as multiples of 元. Canonical units are
# fixed per amount (see schema.amount_units); other units are converted.
UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}
_UNIT_ALIASES = {"万": "万元", "亿": "亿元", "千": "千元", "人民币元": "元"}


def normalise_unit(text: str) -> str | None:
    """The unit named by ``text`` ("元", "万元", "万"), or None if it is not a known money unit."""
    unit = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text)))
    unit = _UNIT_ALIASES.get(unit, unit)
    return unit if unit in UNIT_FACTORS else None


def convert_amount(value: int | float, from_unit: str, to_unit: str) -> int | float:
    """``value`` in ``from_unit`` expressed in ``to_unit``, computed in Decimal (no float noise)."""
    if from_unit == to_unit:
        return value
    result = Decimal(str(value)) * UNIT_FACTORS[from_unit] / UNIT_FACTORS[to_unit]
    return int(result) if result == result.to_integral_value() else float(result)


def printed_unit(text: str) -> str:
    """The money unit printed in a header or caption ("采购总金额（元）", "单位：万元"); "" if none."""
    text = unicodedata.normalize("NFKC", text or "")
    m = re.search(r"单位[:：]?\s*(?:人民币)?\s*(亿元|千元|万元|元)", text) or re.search(
        r"[(（]\s*(?:人民币)?\s*(亿元|千元|万元|元)\s*[)）]", text
    )
    return m.group(1) if m else ""


def cell_unit(text: str) -> str:
    """The money unit written in a cell ("251000元" -> "元", "25.1万元" -> "万元"); "" if none."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))
    m = re.fullmatch(r"[+-]?[\d,.]+(亿元|千元|万元|元|万)", text)
    if not m:
        return ""
    return _UNIT_ALIASES.get(m.group(1), m.group(1))

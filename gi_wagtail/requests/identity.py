"""Check characters of Chinese identity numbers and the shapes of phone numbers and postcodes.

- 公民身份号码 (GB 11643-1999): 17 digits, then a check character from the ISO 7064 MOD 11-2 sum.
- 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set, the last a MOD 31 check.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"
CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
CREDIT_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# Area code (010, 0533 …), then a 7- or 8-digit number and an optional extension.
LANDLINE_RE = re.compile(r"^0\d{2,3}-?[2-9]\d{6,7}(?:-\d{1,6})?$")
POSTCODE_RE = re.compile(r"^\d{6}$")


def strip_controls(text: str, keep_newlines: bool = False) -> str:
    """``text`` without control and format characters (tabs become spaces; newlines kept if asked)."""
    out = []
    for ch in text.replace("\r\n", "\n").replace("\r", "\n"):
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif ch in "\t\n":
            out.append(" ")
        elif unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Co", "Cn"):
            out.append(ch)
    return "".join(out).strip()


def resident_id_check(first17: str) -> str:
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def is_resident_id(number: str) -> bool:
    """An 18-character 居民身份证号码 with a real birth date and the right check character."""
    number = number.upper()
    if not re.fullmatch(r"\d{17}[\dX]", number):
        return False
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return False
    if not datetime.date(1900, 1, 1) <= born <= datetime.date.today():
        return False
    return resident_id_check(number[:17]) == number[17]


def credit_code_check(first17: str) -> str:
    total = sum(CREDIT_CHARS.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS, strict=True))
    return CREDIT_CHARS[(31 - total % 31) % 31]


def is_credit_code(code: str) -> bool:
    """An 18-character 统一社会信用代码 with the right check character."""
    code = code.upper()
    if len(code) != 18 or any(c not in CREDIT_CHARS for c in code):
        return False
    return credit_code_check(code[:17]) == code[17]


def normalise_phone(phone: str) -> str:
    """Spaces, brackets and a +86/0086 prefix removed; full-width digits made ASCII."""
    phone = unicodedata.normalize("NFKC", phone)
    phone = re.sub(r"[\s()（）]", "", phone).replace("—", "-").replace("－", "-")
    phone = re.sub(r"^(?:\+86|0086)-?", "", phone)
    if re.fullmatch(r"1\d{2}-?\d{4}-?\d{4}", phone):
        phone = phone.replace("-", "")
    return phone


def is_phone(phone: str) -> bool:
    """A mainland mobile (11 digits from 13–19) or a landline with its area code."""
    return bool(MOBILE_RE.match(phone) or LANDLINE_RE.match(phone))

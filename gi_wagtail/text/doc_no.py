"""文号 (document number) rules: the brackets around its year, parsing and the matching key.

A 文号 reads issuing-agency code (代字), year in brackets, serial and 号: 高科发〔2024〕12号
(GB/T 9704-2012 uses hexagonal brackets). Editors and legacy systems type every kind of
bracket; validation, the stored matching key and search all read the same set below.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Brackets seen around the year of a 文号, opening and closing in the same order.
OPEN_BRACKETS = "〔[【（(［﹝〖〘"
CLOSE_BRACKETS = "〕]】）)］﹞〗〙"
BRACKETS = OPEN_BRACKETS + CLOSE_BRACKETS

_NOT_CODE = r"\s\d" + re.escape(BRACKETS)
DOC_NO_RE = re.compile(
    rf"(?P<code>[^{_NOT_CODE}](?:[^{_NOT_CODE}]|\d)*?)\s*"
    rf"[{re.escape(OPEN_BRACKETS)}]\s*(?P<year>\d{{4}})\s*[{re.escape(CLOSE_BRACKETS)}]"
    r"\s*第?\s*(?P<serial>\d{1,7})\s*号"
)

# The year and serial of a 文号 in text whose brackets have become spaces
# (search normalisation): "2017 5号", "2017 第5号".
SPACED_DOC_NO_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*第?\s*0*(\d{1,6})\s*号")

_TO_SQUARE = str.maketrans({**dict.fromkeys(OPEN_BRACKETS, "["), **dict.fromkeys(CLOSE_BRACKETS, "]")})
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class DocNo:
    """A parsed 文号: issuing agency's code (代字), year and serial."""

    agency_code: str
    year: int
    serial: int

    def __str__(self) -> str:
        # GB/T 9704-2012 form: hexagonal brackets, no leading zeros, no 第.
        return f"{self.agency_code}〔{self.year}〕{self.serial}号"


def parse_doc_no(text: object) -> DocNo | None:
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


def normalise_doc_no(doc_no: str | None) -> str:
    """Canonical 文号 for matching: every bracket style becomes [], spaces go."""
    return _SPACE_RE.sub("", (doc_no or "").translate(_TO_SQUARE))

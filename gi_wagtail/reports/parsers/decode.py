"""Bytes -> text for report files (UTF-8, GB18030/GBK, Big5 mirror pages)."""

from __future__ import annotations

import re

from gi_wagtail.reports.parsers.errors import ReportParseError

ENCODINGS = ("utf-8-sig", "gb18030", "big5")
# Control characters (NUL above all) are never report text: dropped, so the rest is kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def decode(data: bytes, declared: str | None = None) -> str:
    if b"\x00" in data[:4096]:
        raise ReportParseError(
            "the file looks binary (PDF, image or office document); provide plain text, HTML or JSON"
        )
    candidates = ([declared] if declared else []) + list(ENCODINGS)
    for enc in candidates:
        try:
            return _CONTROL.sub("", data.decode(enc))
        except (UnicodeDecodeError, LookupError):
            continue
    raise ReportParseError("cannot decode the file as UTF-8, GB18030 or Big5 text")


def declared_html_charset(data: bytes) -> str | None:
    m = re.search(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", data[:4096], re.I)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    return "gb18030" if name in ("gb2312", "gbk") else name

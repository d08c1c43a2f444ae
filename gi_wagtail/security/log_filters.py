"""A logging filter that masks personal data (ID card numbers, mobile numbers, e-mail addresses).

Attach it to the handlers that write Django's logs so a 500 error on a URL or a
form error quoting a visitor's input does not copy their personal data into log files.
"""

from __future__ import annotations

import logging
import re

_REDACTIONS = (
    # 居民身份证号码: 17 digits and a check digit or X, not part of a longer code.
    (re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])"), "[id-number]"),
    # Mainland mobile numbers, optionally with +86.
    (re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)"), "[phone]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
)


def redact(text: str) -> str:
    """``text`` with ID card numbers, mobile numbers and e-mail addresses replaced by placeholders."""
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class RedactPersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 a broken format string is not ours to fix; leave the record alone
            return True
        record.msg, record.args = redact(message), ()
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True

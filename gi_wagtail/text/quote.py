"""Quote untrusted input inside one-line messages (import errors, command output).

``quote`` is repr-like: the value between “”, control characters, line and paragraph
separators and backslashes escaped, and cut to ``limit`` characters, so a crafted
field can never start a new line of output or pass for another message.
"""

from __future__ import annotations

import unicodedata

DEFAULT_LIMIT = 60
_ELLIPSIS = "…"
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}


def _escape_char(ch: str, backslash: bool = True) -> str:
    if ch in _NAMED and (backslash or ch != "\\"):
        return _NAMED[ch]
    if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
        code = ord(ch)
        return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"
    return ch


def escape(text: object, backslash: bool = True) -> str:
    """``text`` on one line: control and format characters, line breaks and (unless told not to) backslashes escaped."""
    return "".join(_escape_char(ch, backslash) for ch in str(text))


def quote(value: object, limit: int = DEFAULT_LIMIT) -> str:
    """“value”, escaped as ``escape`` does and cut to ``limit`` characters of the input."""
    text = value if isinstance(value, str) else str(value)
    cut = len(text) > limit
    return "“" + escape(text[:limit]) + (_ELLIPSIS if cut else "") + "”"


def one_line(message: object, limit: int = 500) -> str:
    """A whole message made safe to print on one line (a last guard where messages are written out).

    Backslashes stay as they are: the message may quote input already escaped by ``quote``.
    """
    text = escape(message, backslash=False)
    return text if len(text) <= limit else text[:limit] + _ELLIPSIS

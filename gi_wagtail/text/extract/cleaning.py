"""Extracted text made safe to store and index, collected up to a character budget."""

from __future__ import annotations

import re
import unicodedata

# Line and page breaks that readers leave as control characters: vertical tab (Word's manual line
# break in some writers), form feed (page break), CR and the Unicode line/paragraph separators.
_BREAKS = str.maketrans(dict.fromkeys("\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029", "\n"))
# Other C0/C1 controls and DEL (NUL breaks PostgreSQL text), lone surrogates (cannot be encoded),
# and the BOM / noncharacters that some writers leave inside text.
_JUNK = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
# Kangxi radicals (U+2F00-U+2FD5) come out of PDFs whose fonts map common ideographs to them
# (⼈⼤ for 人大); NFKC maps each to the ideograph it looks like.
_RADICALS = str.maketrans({chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0x2F00, 0x2FD6)})
_TRAILING = " \t\u3000"
_BLANK_LINES = re.compile(r"\n{3,}")


def clean(text: str) -> str:
    """Controls stripped (newline and tab kept), NFC, trailing spaces and runs of blank lines collapsed."""
    text = text.replace("\r\n", "\n").translate(_BREAKS)
    text = _JUNK.sub("", text).translate(_RADICALS)
    text = unicodedata.normalize("NFC", text)
    # rstrip per line, not a regex: a regex for "spaces before a newline" is quadratic on a long run of tabs.
    text = "\n".join(line.rstrip(_TRAILING) for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip("\n")


class Sink:
    """Collects cleaned pieces, one per line or block, until ``max_chars`` is reached."""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max(0, max_chars)
        self.parts: list[str] = []
        self.size = 0  # len("\n".join(self.parts))
        self.truncated = False
        self.pages = 0  # set by the reader as soon as it knows (kept when it fails later)

    def _room(self) -> int:
        return self.max_chars - self.size - (1 if self.parts else 0)

    def _append(self, piece: str) -> None:
        self.size += len(piece) + (1 if self.parts else 0)
        self.parts.append(piece)

    def add(self, piece: str) -> bool:
        """Add ``piece``; False once the budget is spent (the caller stops reading)."""
        if self.truncated:
            return False
        room = self._room()
        # Cleaning rarely shrinks text much: a piece far longer than the room is cut before it is cleaned.
        cut = len(piece) > 2 * room + 1024
        piece = clean(piece[: 2 * room + 1024] if cut else piece)
        if not piece:
            return True
        if len(piece) > room or cut:
            if room > 0:
                self._append(piece[:room])
            self.truncated = True
            return False
        self._append(piece)
        return True

    def break_block(self) -> None:
        """A blank line before the next piece (between pages, sheets, tables)."""
        if self.parts and self.parts[-1] and self._room() > 0:
            self._append("")

    @property
    def text(self) -> str:
        return _BLANK_LINES.sub("\n\n", "\n".join(self.parts)).strip("\n")

"""Loose label matching: width, spaces, traditional characters, numbering."""

from __future__ import annotations

import functools
import re
import unicodedata

from gi_wagtail.text.normalise import to_simplified as _t2s

_SPACE_RE = re.compile(r"\s+")
_QUOTES_RE = re.compile(r"[“”\"'‘’「」『』]")
_NUMBERING_RE = re.compile(r"^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十]+\)|\d+[.、)]|\(\d+\))")


@functools.lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Canonical form for comparing labels (not for display)."""
    text = unicodedata.normalize("NFKC", text or "")
    text = _t2s(text)
    text = _SPACE_RE.sub("", text)
    text = _QUOTES_RE.sub("", text)
    return text.replace("／", "/").lower()


@functools.lru_cache(maxsize=4096)
def core(text: str) -> str:
    """Normalised label without leading numbering such as 一、 （三） 1. ."""
    text = normalise(text)
    while True:
        stripped = _NUMBERING_RE.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


def leading_number(text: str) -> int | None:
    """The arabic item number of labels such as "1.属于国家秘密"."""
    m = re.match(r"^(\d+)[.、)]", normalise(text))
    return int(m.group(1)) if m else None


def label_matches(text: str, label: str, aliases: tuple[str, ...] = ()) -> bool:
    c = core(text)
    if not c:
        return False
    return any(c == core(candidate) for candidate in (label, *aliases))

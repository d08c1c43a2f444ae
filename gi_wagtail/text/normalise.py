"""Text normalisation shared by indexing, querying and highlighting.

NFKC (full-width -> half-width), traditional -> simplified (OpenCC t2s),
lowercase. Brackets used around 文号 years are turned into spaces so
〔2017〕5号, [2017]5号 and (2017)5号 all read "2017 5号".
"""

from __future__ import annotations

import functools
import unicodedata

import opencc

from gi_wagtail.text.doc_no import BRACKETS as DOC_NO_BRACKETS

# Brackets that surround the year of a 文号 (after NFKC; full-width ones map
# to ASCII), and other brackets, become spaces. Quotes and book-title marks are
# deleted, so “三公”经费 reads 三公经费 and 《条例》 stays findable inside its sentence.
_BRACKETS = DOC_NO_BRACKETS + "{}<>"
_QUOTES = "“”‘’\"'「」『』《》〈〉"
_BRACKET_TABLE = str.maketrans({**dict.fromkeys(_BRACKETS, " "), **dict.fromkeys(_QUOTES)})


@functools.lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    # Building the converter reads dictionaries from disk: do it once.
    return opencc.OpenCC("t2s.json")


def to_simplified(text: str) -> str:
    """Traditional characters to simplified (OpenCC t2s); the one converter of the package."""
    return _converter().convert(text) if text else text


def normalise(text: str) -> str:
    """Normalise text for analysis (length may change)."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = to_simplified(text)
    return text.lower().translate(_BRACKET_TABLE)


class _CharMap(dict):
    """Character -> its normalised form (NFKC, lowercase, brackets), filled on first use."""

    def __missing__(self, ch: str) -> str:
        value = self[ch] = unicodedata.normalize("NFKC", ch).lower().translate(_BRACKET_TABLE)
        return value


_CHARS = _CharMap()


def normalise_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalise ``text`` and return, for each output character, the index of
    the input character it came from (used to highlight the original text)."""
    chars = _CHARS
    out = [chars[ch] for ch in text]  # a dict lookup per character: long bodies are highlighted
    joined = "".join(out)
    if len(joined) == len(text):
        offsets = list(range(len(text)))
    else:  # some character became none or several
        offsets = []
        for i, n in enumerate(out):
            offsets.extend([i] * len(n))
    simplified = to_simplified(joined)
    if len(simplified) != len(joined):
        # Rare: a phrase conversion changed the length; convert per character.
        simplified = "".join(to_simplified(c) if len(to_simplified(c)) == 1 else c for c in joined)
    return simplified, offsets

"""Split normalised text into CJK runs and other word runs, segment CJK runs.

The index keeps, for every CJK run, its characters, its character bigrams
and the longer words rjieba finds (``cut_for_search``): a query word is then
found through its bigrams however the segmenter split the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import rjieba

from gi_wagtail.text.doc_no import SPACED_DOC_NO_RE as DOCNO_RE  # 文号: "2017 5号" after bracket normalisation

_CJK = (
    "\u3400-\u4dbf"  # Extension A
    "\u4e00-\u9fff"  # Unified ideographs
    "\uf900-\ufaff"  # Compatibility ideographs
    "\U00020000-\U0003134f"  # Extensions B-G
    "\u3007"  # 〇 (used as zero in dates)
)
# A run is either CJK ideographs or letters/digits of any other script.
_RUN_RE = re.compile(rf"(?P<cjk>[{_CJK}]+)|(?P<word>(?:(?![{_CJK}])[^\W_])+)")


@dataclass(frozen=True)
class Run:
    text: str
    is_cjk: bool
    start: int


def runs(text: str) -> list[Run]:
    """Runs of a *normalised* text, in order."""
    out = []
    for m in _RUN_RE.finditer(text):
        if m.group("cjk"):
            out.append(Run(m.group("cjk"), True, m.start()))
        else:
            out.append(Run(m.group("word"), False, m.start()))
    return out


def run_texts(text: str) -> list[tuple[str, str]]:
    """(cjk, word) pairs of a *normalised* text, one of them empty (indexing: no Run objects)."""
    return _RUN_RE.findall(text)


def bigrams(run: str) -> list[str]:
    return [run[i : i + 2] for i in range(len(run) - 1)]


def index_terms_for_cjk(run: str) -> list[str]:
    terms: list[str] = []
    add_cjk_terms(run, terms)
    return terms


def add_cjk_terms(run: str, terms: list[str]) -> None:
    """Append the characters, bigrams and longer words of a CJK run to ``terms``."""
    terms.extend(run)
    if len(run) > 1:
        terms.extend(map(str.__add__, run, run[1:]))
    if len(run) > 2:
        # Words of 1-2 characters are already unigrams/bigrams.
        terms.extend([w for w in rjieba.cut_for_search(run) if len(w) > 2])


def query_words(run: str) -> list[str]:
    """Words of a CJK query run: dictionary words only (no HMM guessing, which
    glues unknown neighbours such as 县+扬尘 into one word)."""
    return [w for w in rjieba.cut(run, False) if w.strip()]


def docno_terms(text: str) -> list[str]:
    """Composite terms for 文号 year/number pairs in normalised text."""
    return [docno_term(m.group(1), m.group(2)) for m in DOCNO_RE.finditer(text)]


def docno_term(year: str, number: str) -> str:
    return f"#docno:{year}:{int(number)}"

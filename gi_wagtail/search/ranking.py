"""Ranking beyond the engines' term scores, the same for both backends.

The full-text engine scores term matches with field weights (title above 文号 and
organisation, above the body, above attachments). Two things it cannot see are
applied to the best candidates here:

- **proximity**: the query's words in the order typed, next to each other, in the title
  or the opening of the body, beat the same words scattered through the page;
- **validity**: items no longer in force (失效, 废止) go below those in force; domain rooms
  register which values those are (``register_demotion``).

Both only ever raise or lower the candidates' own scores, so the best ``CANDIDATES``
of the engine's order are enough: nothing below them can overtake.
"""

from __future__ import annotations

from collections.abc import Sequence

from gi_wagtail.search.analysis import ParsedQuery
from gi_wagtail.text.normalise import normalise

# How many of the engine's best matches are reranked (at least the requested page's end).
CANDIDATES = 100
# Characters of the body looked at for proximity (the lead paragraph says what a page is about),
# for this many of the best candidates.
BODY_HEAD = 600
BODY_CANDIDATES = 20
TITLE_PHRASE, BODY_PHRASE = 2.0, 1.3
# Most characters between two query words still counted as "together".
MAX_GAP = 2

_demotions: dict[str, float] = {}


def register_demotion(validity: str, factor: float) -> None:
    """Multiply the score of documents with this ``validity`` by ``factor`` (0 < factor <= 1)."""
    _demotions[validity] = factor


def demotions() -> dict[str, float]:
    return {str(k): v for k, v in _demotions.items()}


def demotion(validity: str) -> float:
    return _demotions.get(validity or "", 1.0)


def in_order(text: str, words: Sequence[str]) -> bool:
    """Do ``words`` (normalised) occur in ``text`` (normalised) in this order, each at most
    ``MAX_GAP`` characters after the previous one?"""
    if not words or not text:
        return False
    start = text.find(words[0])
    while start != -1:
        pos, ok = start + len(words[0]), True
        for word in words[1:]:
            found = text.find(word, pos, pos + MAX_GAP + len(word))
            if found == -1:
                ok = False
                break
            pos = found + len(word)
        if ok:
            return True
        start = text.find(words[0], start + 1)
    return False


def phrase_words(parsed: ParsedQuery) -> list[str]:
    """The query's words in order (each group's own text), for proximity."""
    return [w for w in (normalise(g.text).strip() for g in parsed.groups) if w]


def normalise_all(texts: list[str]) -> list[str]:
    """``normalise`` of many short texts with one conversion (OpenCC costs per call)."""
    joined = normalise("\n".join(" ".join(t.split()) for t in texts))
    parts = joined.split("\n")
    return parts if len(parts) == len(texts) else [normalise(t) for t in texts]


# Where the engine's score has no field weights (MariaDB scores all columns with one MATCH, which
# is several times faster than one per column), query words in the title multiply it up to this.
TITLE_WEIGHT = 3.0


def title_weight(parsed: ParsedQuery, title: str) -> float:
    """1 + (TITLE_WEIGHT - 1) x the share of the query's words (any of their forms) in the normalised title."""
    if not parsed.groups:
        return 1.0
    found = sum(
        1 for g in parsed.groups if any(a.surface.strip() and a.surface.strip() in title for a in g.alternatives)
    )
    return 1.0 + (TITLE_WEIGHT - 1.0) * found / len(parsed.groups)


def title_proximity(words: list[str], title: str) -> float:
    """TITLE_PHRASE when the words are together in the (normalised) title."""
    return TITLE_PHRASE if len(words) >= 2 and in_order(title, words) else 1.0


def body_proximity(words: list[str], body_head: str) -> float:
    return BODY_PHRASE if len(words) >= 2 and in_order(normalise(body_head), words) else 1.0

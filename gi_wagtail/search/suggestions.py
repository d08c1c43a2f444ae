"""What the search page offers besides results: completions while typing (联想), the Chinese
words a pinyin query spells, "did you mean", shorter queries that find something, and
popular searches. All of it comes from the index's own vocabulary and the anonymous query
log, never from a fixed list."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gi_wagtail.search import querylog
from gi_wagtail.search.base import SearchResults

_LATIN = re.compile(r"^[a-zA-Z' ]{2,40}$")
MAX_COMPLETIONS = 8


@dataclass
class Offers:
    did_you_mean: str = ""
    pinyin: list[str] = field(default_factory=list)
    shorter: list[str] = field(default_factory=list)
    popular: list[str] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "did_you_mean": self.did_you_mean,
            "pinyin": self.pinyin,
            "shorter": self.shorter,
            "popular": self.popular,
        }


def _vocabulary():
    from gi_wagtail.search.vocabulary import get_vocabulary

    return get_vocabulary()


def completions(prefix: str, limit: int = MAX_COMPLETIONS) -> list[str]:
    prefix = (prefix or "").strip()[:40]
    if not prefix:
        return []
    return _vocabulary().complete(prefix, limit=limit)


def offers(query: str, results: SearchResults | None) -> Offers:
    """Offers for a results page: pinyin always; the rest when nothing matched every word."""
    found = Offers()
    query = (query or "").strip()
    if not query:
        return found
    vocabulary = _vocabulary()
    if _LATIN.match(query):
        found.pinyin = vocabulary.pinyin_terms(query)[:5]
    exact = (results.total - results.partial_total) if results else 0
    if exact == 0:
        found.did_you_mean = vocabulary.did_you_mean(query) or ""
        found.shorter = list(results.suggestions) if results else []
        found.popular = querylog.popular()
    return found

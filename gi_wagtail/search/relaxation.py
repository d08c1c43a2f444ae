"""Partial matches after the full ones, the same on every backend.

Every word of a query must match, so one word that no page contains in that
form (如何, or 规则 where the text says 说明) would empty the result. When the
full matches do not fill a page, the pages matching most of the query's words
follow them, each marked ``partial``: those matching all words but one first,
then all but two, and so on down to half of the words (fewer is noise); within
a level those with more of the words in their title first, then by score. Each level is a plain "every word" query over a subset of the
words, so the engines' indexes do the work and no query scores a page twice.
At most ``MAX_PARTIAL`` are offered and ``MAX_QUERIES`` subset queries run.
"""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

from gi_wagtail.search.analysis import ParsedQuery
from gi_wagtail.text.normalise import normalise

if TYPE_CHECKING:
    from gi_wagtail.search.base import SearchBackend, SearchQuery, SearchResults

MAX_PARTIAL = 100
MAX_QUERIES = 8


def subsets(parsed: ParsedQuery) -> list[list[ParsedQuery]]:
    """Sub-queries by level: all words but one, then all but two … down to half of the words."""
    n = len(parsed.groups)
    levels = []
    for size in range(n - 1, max(1, -(-n // 2)) - 1, -1):
        level = []
        for kept in combinations(range(n), size):
            groups = tuple(parsed.groups[i] for i in kept)
            level.append(ParsedQuery(parsed.raw, " ".join(g.text for g in groups), groups))
        levels.append(level)
    return levels


def title_coverage(parsed: ParsedQuery, title: str) -> int:
    """How many of the query's words (any of their forms) the title contains."""
    text = normalise(title)
    return sum(1 for g in parsed.groups if any(a.surface.strip() and a.surface.strip() in text for a in g.alternatives))


def add_partial_matches(
    backend: SearchBackend, query: SearchQuery, parsed: ParsedQuery, results: SearchResults
) -> None:
    """Append partial matches to ``results`` (in place) when the full ones fill less than a page."""
    if len(parsed.groups) < 2 or results.total >= query.page_size:
        return
    full = results.total
    if query.page == 1:
        seen = [h.page_id for h in results.hits]
    else:
        seen = [pk for pk, _ in backend.ranked_page_ids(parsed, query.filters, limit=query.page_size)]
    ranked: list[tuple[int, float]] = []
    budget = MAX_QUERIES
    for level in subsets(parsed):
        found: dict[int, float] = {}
        for sub in level:
            if budget <= 0 or len(ranked) + len(found) >= MAX_PARTIAL:
                break
            budget -= 1
            limit = MAX_PARTIAL - len(ranked)
            for pk, score in backend.ranked_page_ids(sub, query.filters, exclude=seen + list(found), limit=limit):
                found[pk] = max(score, found.get(pk, score))
        titles = backend.titles_for(list(found))
        in_title = {pk: title_coverage(parsed, titles.get(pk, "")) for pk in found}
        ranked.extend(sorted(found.items(), key=lambda item: (-in_title[item[0]], -item[1], -item[0])))
        seen.extend(found)
        if budget <= 0 or len(ranked) >= MAX_PARTIAL:
            break
    ranked = ranked[:MAX_PARTIAL]
    if not ranked:
        return
    start = max(0, query.offset - full)
    end = max(0, query.offset + query.page_size - full)
    hits = backend.hits_for(ranked[start:end], parsed)
    for hit in hits:
        hit.partial = True
    results.hits.extend(hits)
    results.total = full + len(ranked)
    results.partial_total = len(ranked)
    if not full and query.facets:
        results.facets = backend.facets_for([pk for pk, _ in ranked], query.facets)

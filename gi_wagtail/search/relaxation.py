"""Partial matches after the full ones, the same on every backend.

Every word of a query must match, so one word that no page contains in that
form (如何, or 规则 where the text says 说明) would empty the result. When the
full matches do not fill a page, the pages matching most of the query's words
follow them, each marked ``partial``: first by how many words they match,
then by score. Only the best ``MAX_PARTIAL`` are offered: further down they
are noise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from gi_wagtail.search.analysis import ParsedQuery

if TYPE_CHECKING:
    from gi_wagtail.search.base import SearchBackend, SearchQuery, SearchResults

# Pages matching some word that are ranked by coverage; the best MAX_PARTIAL are listed.
CANDIDATES = 300
MAX_PARTIAL = 100


def add_partial_matches(
    backend: SearchBackend, query: SearchQuery, parsed: ParsedQuery, results: SearchResults
) -> None:
    """Append partial matches to ``results`` (in place) when the full ones fill less than a page."""
    if len(parsed.groups) < 2 or results.total >= query.page_size:
        return
    full = results.total
    if query.page == 1:
        full_ids = [h.page_id for h in results.hits]
    else:
        full_ids = [pk for pk, _ in backend.ranked_page_ids(parsed, query.filters, limit=query.page_size)]
    candidates = backend.ranked_page_ids(parsed, query.filters, any_group=True, exclude=full_ids, limit=CANDIDATES)
    if not candidates:
        return
    ids = [pk for pk, _ in candidates]
    coverage = dict.fromkeys(ids, 0)
    for i in range(len(parsed.groups)):
        single = ParsedQuery(parsed.raw, parsed.groups[i].text, (parsed.groups[i],))
        for pk in backend.matching_page_ids(single, query.filters, ids):
            coverage[pk] += 1
    order = {pk: n for n, pk in enumerate(ids)}
    ranked = sorted(candidates, key=lambda c: (-coverage[c[0]], order[c[0]]))[:MAX_PARTIAL]
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

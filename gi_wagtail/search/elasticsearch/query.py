"""Translate a parsed query (``gi_wagtail.search.analysis.ParsedQuery``) into Elasticsearch DSL.

The parse is shared with the embedded backend: a conjunction of groups, each a
disjunction of alternatives (synonyms are alternatives). Each alternative is
matched as a phrase on normalised text, so "科技局" never matches a page that
merely contains 科, 技 and 局 somewhere (the stock Wagtail backend's weakness).
"""

from __future__ import annotations

from collections.abc import Iterable

from gi_wagtail.search import ranking, segment
from gi_wagtail.search.analysis import Group, ParsedQuery
from gi_wagtail.search.elasticsearch.mapping import searched_fields

DOCNO_PREFIX = "#docno:"
SORTS = {
    "relevance": [{"_score": "desc"}, {"published": {"order": "desc", "missing": "_last"}}, {"page_id": "desc"}],
    "newest": [{"published": {"order": "desc", "missing": "_last"}}, {"page_id": "desc"}],
    "oldest": [{"published": {"order": "asc", "missing": "_last"}}, {"page_id": "asc"}],
}


def _is_cjk_char(text: str) -> bool:
    return len(text) == 1 and bool(segment.runs(text)) and segment.runs(text)[0].is_cjk


def _text_clause(text: str, fields: dict) -> dict:
    if _is_cjk_char(text):
        # Bigram fields hold no single characters; the relaxed query needs them.
        return {"multi_match": {"query": text, "type": "best_fields", "fields": fields["chars"]}}
    clauses = [{"multi_match": {"query": text, "type": "phrase", "fields": fields["phrase"]}}]
    if fields["words"]:
        # Word segmenters (smartcn, ik): all words of the phrase, any order.
        clauses.append(
            {"multi_match": {"query": text, "type": "best_fields", "operator": "and", "fields": fields["words"]}}
        )
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": 1}}


def group_clause(group: Group, fields: dict) -> dict | None:
    shoulds, seen = [], set()
    for alt in group.alternatives:
        if len(alt.terms) == 1 and alt.terms[0].startswith(DOCNO_PREFIX):
            key = alt.terms[0]
            clause = {"term": {"docnos": key}}
        else:
            key = alt.surface.strip()
            clause = _text_clause(key, fields) if key else None
        if clause is not None and key not in seen:
            seen.add(key)
            shoulds.append(clause)
    if not shoulds:
        return None
    return shoulds[0] if len(shoulds) == 1 else {"bool": {"should": shoulds, "minimum_should_match": 1}}


def text_query(parsed: ParsedQuery) -> dict | None:
    """Every group must match; ``None`` when nothing is searchable."""
    fields = searched_fields()
    clauses = [c for c in (group_clause(g, fields) for g in parsed.groups) if c]
    if not clauses:
        return None
    return {"bool": {"must": clauses}}


def ranked(text: dict, parsed: ParsedQuery) -> dict:
    """``text`` scored as the embedded backend ranks (``gi_wagtail.search.ranking``): the query's
    words together in the title or body multiply the score, items no longer in force are demoted."""
    words = ranking.phrase_words(parsed)
    if len(words) >= 2:
        phrase = " ".join(words)
        slop = len(words) + ranking.MAX_GAP
        text = {
            "function_score": {
                "query": text,
                "functions": [
                    {
                        "filter": {"match_phrase": {"title": {"query": phrase, "slop": slop}}},
                        "weight": ranking.TITLE_PHRASE,
                    },
                    {
                        "filter": {"match_phrase": {"body": {"query": phrase, "slop": slop}}},
                        "weight": ranking.BODY_PHRASE,
                    },
                ],
                "score_mode": "max",
                "boost_mode": "multiply",
            }
        }
    demotions = ranking.demotions()
    if demotions:
        text = {
            "function_score": {
                "query": text,
                "functions": [{"filter": {"term": {"validity": v}}, "weight": f} for v, f in sorted(demotions.items())],
                "score_mode": "multiply",
                "boost_mode": "multiply",
            }
        }
    return text


def filter_clauses(filters: dict[str, list[str]]) -> list[dict]:
    return [{"terms": {name: list(values)}} for name, values in sorted(filters.items())]


def build_query(parsed: ParsedQuery, filters: dict[str, list[str]]) -> dict:
    text = text_query(parsed) if parsed else None
    query: dict = {"bool": {"filter": filter_clauses(filters)}}
    if text:
        query["bool"]["must"] = [ranked(text, parsed)]
    elif not query["bool"]["filter"]:
        return {"match_all": {}}
    return query


def facet_aggs(facets: Iterable[str]) -> dict:
    aggs = {}
    for name in facets:
        order = [{"_key": "desc"}] if name == "year" else [{"_count": "desc"}, {"_key": "asc"}]
        aggs[name] = {"terms": {"field": name, "size": 100, "order": order}}
    return aggs


def sort_for(sort: str, has_text: bool) -> list:
    if sort == "relevance" and not has_text:
        sort = "newest"
    return SORTS.get(sort, SORTS["relevance"])

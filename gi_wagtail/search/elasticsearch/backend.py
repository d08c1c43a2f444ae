"""The Elasticsearch implementation of ``gi_wagtail.search.base.SearchBackend``."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from elasticsearch import ApiError, Elasticsearch, NotFoundError
from elasticsearch.helpers import streaming_bulk

from gi_wagtail.search.analysis import ParsedQuery
from gi_wagtail.search.attachments import attachment_snippet
from gi_wagtail.search.backlog import SearchIndexBacklog
from gi_wagtail.search.base import Hit, SearchBackend, SearchDocument, SearchQuery, SearchResults, get_backend
from gi_wagtail.search.documents import iter_documents
from gi_wagtail.search.elasticsearch import outbox
from gi_wagtail.search.elasticsearch import query as q
from gi_wagtail.search.elasticsearch.breaker import search_breaker
from gi_wagtail.search.elasticsearch.config import fallback_enabled, host_urls, search_timeouts
from gi_wagtail.search.elasticsearch.connection import QUICK, alias_name, es_settings, make_client, time_budget
from gi_wagtail.search.elasticsearch.errors import CLUSTER_ERRORS, BulkIndexError, record_failure
from gi_wagtail.search.elasticsearch.highlight import HL_POST, HL_PRE, render_fragment
from gi_wagtail.search.elasticsearch.mapping import index_body
from gi_wagtail.search.elasticsearch.serialise import to_source
from gi_wagtail.search.highlight import highlight_title, snippet
from gi_wagtail.search.relaxation import add_partial_matches

logger = logging.getLogger(__name__)

__all__ = ["CLUSTER_ERRORS", "BulkIndexError", "ElasticsearchBackend", "fallback_search"]

SNIPPET_LENGTH = 120
WALK_STEP = 1000
FALLBACK_NOTICE = _("The main search service is unavailable; these results come from the site's own search.")


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"
    # What outbox delivery treats as "the cluster failed": the rows stay and are retried.
    errors = (*CLUSTER_ERRORS, BulkIndexError)

    def __init__(self, client: Elasticsearch | None = None, *, quick: bool = False) -> None:
        """``quick``: requests give up after 3 s without retry (publishing, the dashboard)."""
        self.quick = quick
        self.client = client or make_client(**(QUICK if quick else {}))
        self.alias = alias_name()
        conf = es_settings()
        self.chunk_size = int(conf["CHUNK_SIZE"])
        self.search_after_from = int(conf["SEARCH_AFTER_FROM"])

    # --- index management -----------------------------------------------------------------

    def _new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now().strftime('%Y%m%d%H%M%S%f')}"

    def create_index(self) -> str:
        name = self._new_index_name()
        body = index_body()
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])
        return name

    def current_indices(self) -> list[str]:
        try:
            return sorted(self.client.indices.get_alias(name=self.alias).body)
        except NotFoundError:
            return []

    def ensure_index(self) -> None:
        """Create the first index behind the alias if there is none."""
        if not self.current_indices():
            name = self.create_index()
            self.client.indices.update_aliases(actions=[{"add": {"index": name, "alias": self.alias}}])

    def swap_alias(self, new_index: str) -> list[str]:
        """Point the alias at ``new_index`` in one atomic request; returns the old indices."""
        old = [i for i in self.current_indices() if i != new_index]
        actions = [{"remove": {"index": i, "alias": self.alias}} for i in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        return old

    # --- writing ---------------------------------------------------------------------------

    def _bulk(self, actions: Iterable[dict], progress: Callable[[int], None] | None = None) -> int:
        count, failures = 0, []
        for ok, item in streaming_bulk(
            self.client,
            actions,
            chunk_size=self.chunk_size,
            max_retries=3,
            initial_backoff=1,
            raise_on_error=False,
            raise_on_exception=True,
        ):
            op = next(iter(item.values()))
            if ok or (op.get("status") == 404 and "delete" in item):
                count += 1
            else:
                failures.append(op)
            if progress:
                progress(1)
        if failures:
            raise BulkIndexError(failures)
        return count

    def index(self, documents: Iterable[SearchDocument]) -> int:
        self.ensure_index()
        actions = (
            {"_op_type": "index", "_index": self.alias, "_id": str(d.page_id), "_source": to_source(d)}
            for d in documents
        )
        count = self._bulk(actions)
        self.client.indices.refresh(index=self.alias)
        return count

    def delete(self, page_ids: Iterable[int]) -> int:
        ids = [int(i) for i in page_ids]
        if not ids or not self.current_indices():
            return 0
        count = self._bulk({"_op_type": "delete", "_index": self.alias, "_id": str(i)} for i in ids)
        self.client.indices.refresh(index=self.alias)
        return count

    def rebuild(self, documents: Iterable[SearchDocument], progress: Callable[[int], None] | None = None) -> int:
        """Write every document into a new index, then swap the alias atomically:
        searches keep reading the old index until the new one is complete."""
        new_index = self.create_index()
        try:
            actions = (
                {"_op_type": "index", "_index": new_index, "_id": str(d.page_id), "_source": to_source(d)}
                for d in documents
            )
            count = self._bulk(actions, progress)
            self.client.indices.refresh(index=new_index)
        except Exception:
            self.client.indices.delete(index=new_index, ignore_unavailable=True)
            raise
        for old in self.swap_alias(new_index):
            self.client.indices.delete(index=old, ignore_unavailable=True)
        return count

    def rebuild_all(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild from every searchable page (``gi_wagtail_rebuild_index``). Backlog rows
        queued before the rebuild started are covered by it and removed."""
        last = SearchIndexBacklog.objects.order_by("-id").values_list("id", flat=True).first()
        count = self.rebuild(iter_documents(), progress)
        if last:
            SearchIndexBacklog.objects.filter(id__lte=last).delete()
        return count

    def sync_pages(self, page_ids: Iterable[int]) -> dict[str, Any]:
        """After a change commits (``gi_wagtail.search.tasks.sync_pages``): mirror the pages into the
        embedded index (the fallback), make sure the outbox has them, deliver it with quick requests."""
        fallback = get_backend("embedded") if fallback_enabled() else None
        delivery = self if self.quick else type(self)(quick=True)
        try:
            return outbox.sync(delivery, page_ids, fallback=fallback)
        finally:
            if delivery is not self:
                delivery.close()

    def clear(self) -> None:
        self.rebuild([])

    def indexed_ids(self) -> set[int]:
        if not self.current_indices():
            return set()
        ids, after = set(), None
        while True:
            body = {"size": WALK_STEP, "sort": [{"page_id": "asc"}], "_source": False, "query": {"match_all": {}}}
            if after:
                body["search_after"] = after
            hits = self.client.search(index=self.alias, **body)["hits"]["hits"]
            ids.update(int(h["_id"]) for h in hits)
            if len(hits) < WALK_STEP:
                return ids
            after = hits[-1]["sort"]

    def count(self) -> int:
        if not self.current_indices():
            return 0
        return int(self.client.count(index=self.alias)["count"])

    # --- reading ---------------------------------------------------------------------------

    def search(self, query: SearchQuery, after: list | None = None) -> SearchResults:
        """Search; ``after`` (a previous result's ``cursor``) continues with ``search_after``.

        Fails fast: all requests of one search share ``SEARCH_TIMEOUT`` seconds, a timeout is not
        retried, and while the circuit breaker is open the embedded backend answers without asking."""
        breaker = search_breaker(self.alias)
        if not breaker.allow():
            return fallback_search(query)
        connect, total = search_timeouts()
        client = self.client
        # Another node after a refused connection, never after a timeout.
        self.client = client.options(max_retries=len(host_urls()) - 1, retry_on_timeout=False)
        try:
            with time_budget(total, connect):
                results = self._search(query, after)
        except CLUSTER_ERRORS as exc:
            if is_outage(exc):
                breaker.failure()
            else:  # the cluster answered (e.g. 400 for this query): it is up
                breaker.success()
            logger.warning("Elasticsearch search failed (%s); using the embedded backend", type(exc).__name__)
            record_failure("search", exc)
            return fallback_search(query)
        finally:
            self.client = client
        breaker.success()
        return results

    def _search(self, query: SearchQuery, after: list | None) -> SearchResults:
        parsed = query.parsed
        results = self._run(query, parsed, after)
        if not parsed or after is not None:
            return results
        # As the embedded backend: partial matches after the full ones; nothing at all ->
        # the characters of unknown words anywhere.
        suggestions = [] if results.total else self.suggest(parsed, query.filters)
        add_partial_matches(self, query, parsed, results)
        if not results.total:
            loose = query.loose
            if loose.groups != parsed.groups:
                relaxed = self._run(query, loose, None)
                if relaxed.total:
                    relaxed.relaxed = True
                    return relaxed
        results.suggestions = suggestions
        return results

    # --- partial matches (gi_wagtail.search.relaxation) -----------------------------------------

    def ranked_page_ids(
        self,
        parsed: ParsedQuery,
        filters: dict[str, list[str]],
        *,
        exclude: Iterable[int] = (),
        limit: int = 100,
    ) -> list[tuple[int, float]]:
        es_query = q.build_query(parsed, filters)
        excluded = [str(pk) for pk in exclude]
        if excluded:
            es_query = {"bool": {"must": [es_query], "must_not": [{"ids": {"values": excluded}}]}}
        body = {"query": es_query, "sort": q.sort_for("relevance", True), "size": limit, "_source": ["page_id"]}
        hits = self.client.search(index=self.alias, **body)["hits"]["hits"]
        return [(int(h["_source"].get("page_id") or h["_id"]), float(h.get("_score") or 0)) for h in hits]

    def titles_for(self, page_ids: list[int]) -> dict[int, str]:
        if not page_ids:
            return {}
        body = {
            "query": {"ids": {"values": [str(pk) for pk in page_ids]}},
            "size": len(page_ids),
            "_source": ["title_raw"],
        }
        hits = self.client.search(index=self.alias, **body)["hits"]["hits"]
        return {int(h["_id"]): h["_source"].get("title_raw", "") for h in hits}

    def hits_for(self, ranked: list[tuple[int, float]], parsed: ParsedQuery) -> list[Hit]:
        if not ranked:
            return []
        body = {
            "query": {"ids": {"values": [str(pk) for pk, _ in ranked]}},
            "size": len(ranked),
            "_source": {"excludes": ["title", "meta", "body", "attachment"]},
        }
        found = {}
        for hit in self.client.search(index=self.alias, **body)["hits"]["hits"]:
            result = self._hit(hit, parsed)
            found[result.page_id] = result
        scores = dict(ranked)
        hits = [found[pk] for pk, _ in ranked if pk in found]
        for hit in hits:
            hit.score = scores[hit.page_id]
        return hits

    def facets_for(self, page_ids: list[int], facets: tuple[str, ...]) -> dict[str, list[tuple[str, int]]]:
        body = {
            "query": {"ids": {"values": [str(pk) for pk in page_ids]}},
            "size": 0,
            "aggs": q.facet_aggs(facets),
        }
        aggs = self.client.search(index=self.alias, **body).get("aggregations") or {}
        return {
            name: [
                (str(b["key"]), int(b["doc_count"])) for b in aggs.get(name, {}).get("buckets", []) if b["key"] != ""
            ]
            for name in facets
        }

    def _run(self, query: SearchQuery, parsed: ParsedQuery, after: list | None) -> SearchResults:
        results = SearchResults(query=query, engine=self.name)
        if not parsed and query.query.strip() and not query.filters:
            return results  # only symbols or noise
        if not self.current_indices():
            return results
        es_query = q.build_query(parsed, query.filters)
        sort = q.sort_for(query.sort, bool(parsed))
        if after is None:
            after = self._walk_to(es_query, sort, query.offset) if query.offset >= self.search_after_from else None
        body = {
            "query": es_query,
            "sort": sort,
            "size": query.page_size,
            "track_total_hits": True,
            "aggs": q.facet_aggs(query.facets),
            "_source": {"excludes": ["title", "meta", "body", "attachment"]},
        }
        if after:
            body["search_after"] = after
        elif query.offset:
            body["from"] = query.offset
        if parsed:
            body["highlight"] = {
                "pre_tags": [HL_PRE],
                "post_tags": [HL_POST],
                "encoder": "default",
                # smartcn/ik: matches on the .bigram sub-fields light up the shown field too.
                "require_field_match": False,
                "fields": {
                    "title": {"number_of_fragments": 0},
                    "body": {"fragment_size": SNIPPET_LENGTH, "number_of_fragments": 1},
                },
            }
        response = self.client.search(index=self.alias, **body)
        results.total = int(response["hits"]["total"]["value"])
        for hit in response["hits"]["hits"]:
            results.hits.append(self._hit(hit, parsed))
        hits = response["hits"]["hits"]
        if hits:
            results.cursor = hits[-1].get("sort")
        aggs = response.get("aggregations") or {}
        results.facets = {
            name: [
                (str(b["key"]), int(b["doc_count"])) for b in aggs.get(name, {}).get("buckets", []) if b["key"] != ""
            ]
            for name in query.facets
        }
        return results

    def _walk_to(self, es_query: dict, sort: list, offset: int) -> list | None:
        """Sort values of the hit just before ``offset``, fetched page by page
        with ``search_after`` (no ``from`` beyond the result window)."""
        after, remaining = None, offset
        while remaining > 0:
            step = min(remaining, WALK_STEP)
            body = {"query": es_query, "sort": sort, "size": step, "_source": False, "track_total_hits": False}
            if after:
                body["search_after"] = after
            hits = self.client.search(index=self.alias, **body)["hits"]["hits"]
            if not hits:
                return after
            after = hits[-1]["sort"]
            remaining -= len(hits)
            if len(hits) < step:
                break
        return after

    def _hit(self, hit: dict, parsed: ParsedQuery) -> Hit:
        src = hit["_source"]
        hl = hit.get("highlight") or {}
        title, body = src.get("title_raw", ""), src.get("body_raw", "")
        title_hl = render_fragment(title, hl["title"][0], whole=True) if hl.get("title") else None
        body_hl = render_fragment(body, hl["body"][0]) if hl.get("body") else None
        published = src.get("published")
        if published:
            published = dt.datetime.fromisoformat(published.replace("Z", "+00:00"))
            if timezone.is_naive(published):
                published = published.replace(tzinfo=dt.UTC)
        in_attachment = attachment_snippet(title, body, src.get("attachments_raw") or "", parsed, SNIPPET_LENGTH)
        if in_attachment:
            body_hl = in_attachment[1]
        return Hit(
            attachment=in_attachment[0] if in_attachment else "",
            page_id=int(src.get("page_id") or hit["_id"]),
            title=title,
            url=src.get("url", ""),
            score=float(hit.get("_score") or 0),
            doc_no=src.get("doc_no", ""),
            index_no=src.get("index_no", ""),
            category=src.get("category", ""),
            organisation=src.get("organisation", ""),
            topic=src.get("topic", ""),
            genre=src.get("genre", ""),
            validity=src.get("validity", ""),
            published=published or None,
            # Python highlighting when the engine returns none (e.g. a 文号 term match).
            title_highlight=title_hl if title_hl is not None else highlight_title(title, parsed),
            highlight=body_hl if body_hl is not None else snippet(body, parsed, SNIPPET_LENGTH),
        )

    def count_matching(self, parsed: ParsedQuery, filters: dict[str, list[str]] | None = None) -> int:
        return int(self.client.count(index=self.alias, query=q.build_query(parsed, filters or {}))["count"])

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except CLUSTER_ERRORS:
            return False

    def close(self) -> None:
        self.client.close()


def is_outage(exc: Exception) -> bool:
    """A failure that counts for the circuit breaker: no answer, or a server-side error."""
    return not isinstance(exc, ApiError) or exc.meta.status >= 500 or exc.meta.status == 429


def fallback_search(query: SearchQuery) -> SearchResults:
    """Results from the embedded backend, marked so the page can say so."""
    try:
        results = get_backend("embedded").search(query)
    except Exception:  # the fallback must never turn an outage into a 500
        logger.exception("Embedded fallback search failed")
        results = SearchResults(query=query)
    results.engine = "embedded"
    results.fallback = True
    results.notice = FALLBACK_NOTICE
    results.cursor = None
    return results

"""The embedded backend: full-text search in the site's own database.

SQLite uses an FTS5 table, PostgreSQL a weighted tsvector with a GIN index,
MySQL/MariaDB FULLTEXT indexes; all index the same encoded analysis terms,
so every database finds the same documents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connections, router, transaction

from . import dialects, storage
from .base import FACETS, Hit, SearchBackend, SearchDocument, SearchQuery, SearchResults
from .highlight import highlight_title, snippet
from .storage import document_rows  # noqa: F401  (re-exported)

_FACET_COLUMNS = {f: f"e.{f}" for f in FACETS}
_SELECT = (
    "e.id, e.page_id, e.title, e.url, e.doc_no, e.index_no, e.category, e.organisation, e.topic,"
    " e.genre, e.validity, e.published"
)
MAX_SUGGESTIONS = 3
SNIPPET_LENGTH = 120


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    def __init__(self, using: str | None = None):
        from gi_wagtail.models import SearchEntry, SearchEntryText

        self.model = SearchEntry
        self.text_model = SearchEntryText
        self.using = using or router.db_for_write(SearchEntry)

    @property
    def connection(self):
        return connections[self.using]

    @property
    def dialect(self) -> dialects.Dialect:
        return dialects.for_connection(self.connection)

    # --- writing -------------------------------------------------------------------------

    def index(self, documents: Iterable[SearchDocument]) -> int:
        return self.bulk_index(documents)

    def bulk_index(self, documents: Iterable[SearchDocument], batch_size: int = 500) -> int:
        """Add or replace documents, a batch per transaction."""
        batch, count = [], 0
        for doc in documents:
            batch.append(doc)
            if len(batch) >= batch_size:
                count += self._flush(batch)
                batch = []
        return count + self._flush(batch)

    def _flush(self, batch) -> int:
        if not batch:
            return 0
        with transaction.atomic(using=self.using):
            return storage.write(self.connection, self.model, batch)

    def delete(self, page_ids: Iterable[int]) -> int:
        ids = list(page_ids)
        if not ids:
            return 0
        with transaction.atomic(using=self.using):
            return storage.delete(self.connection, ids)

    def clear(self) -> None:
        with transaction.atomic(using=self.using), self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {dialects.TEXT}")  # text first: SQLite's trigger reads it
            cursor.execute(f"DELETE FROM {dialects.TABLE}")

    def indexed_ids(self) -> set[int]:
        return set(self.model.objects.using(self.using).values_list("page_id", flat=True))

    # --- reading -------------------------------------------------------------------------

    def _base(self, parsed, filters):
        """(from, where, score, params-for-from-and-where, params-for-score)."""
        if parsed:
            groups = [[alt.encoded for alt in g.alternatives] for g in parsed.groups]
            from_, where, score, params, score_params = self.dialect.match_from(groups)
        else:
            from_, where, score, params, score_params = f"{dialects.TABLE} e", "1=1", "0", [], []
        clauses, fparams = [where], list(params)
        for name, values in filters.items():
            if name == "year":
                values = [int(v) for v in values]
            clauses.append(f"{_FACET_COLUMNS[name]} IN ({', '.join(['%s'] * len(values))})")
            fparams.extend(values)
        return from_, " AND ".join(clauses), score, fparams, score_params

    def count(self, parsed, filters=None) -> int:
        from_, where, _, params, _ = self._base(parsed, filters or {})
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {from_} WHERE {where}", params)
            return cursor.fetchone()[0]

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = query.parsed
        results = self._search(query, parsed)
        if results.total == 0 and parsed:
            loose = query.loose
            if loose.groups != parsed.groups:
                relaxed = self._search(query, loose)
                if relaxed.total:
                    relaxed.relaxed = True
                    return relaxed
            results.suggestions = self.suggest(parsed, query.filters)
        return results

    def _search(self, query: SearchQuery, parsed) -> SearchResults:
        results = SearchResults(query=query)
        if not parsed and query.query.strip() and not query.filters:
            # Only symbols or noise: nothing can match; don't list everything.
            return results
        from_, where, score, params, score_params = self._base(parsed, query.filters)
        nulls_last = "CASE WHEN e.published IS NULL THEN 1 ELSE 0 END"
        if query.sort == "oldest":
            order = f"{nulls_last}, e.published ASC, e.id ASC"
        elif query.sort == "newest" or not parsed:
            order = f"{nulls_last}, e.published DESC, e.id DESC"
        else:
            order = f"score DESC, {nulls_last}, e.published DESC, e.id DESC"
        sql = (
            f"SELECT {_SELECT}, {score} AS score FROM {from_} WHERE {where}"
            f" ORDER BY {order} LIMIT %s OFFSET %s"
        )
        # The score expression comes first in the SELECT list, its params too.
        with self.connection.cursor() as cursor:
            cursor.execute(sql, score_params + params + [query.page_size, query.offset])
            rows = cursor.fetchall()
            if query.facets:
                results.total, results.facets = self._facets(cursor, from_, where, params, query.facets)
            else:
                cursor.execute(f"SELECT COUNT(*) FROM {from_} WHERE {where}", params)
                results.total = cursor.fetchone()[0]
        bodies = dict(
            self.text_model.objects.using(self.using)
            .filter(entry_id__in=[r[0] for r in rows]).values_list("entry_id", "body")
        )
        for row in rows:
            (entry_id, page_id, title, url, doc_no, index_no, category, organisation, topic, genre, validity,
             published, score_value) = row
            body = bodies.get(entry_id, "")
            results.hits.append(Hit(
                page_id=page_id, title=title, url=url, score=float(score_value or 0), doc_no=doc_no,
                index_no=index_no, category=category, organisation=organisation, topic=topic,
                genre=genre, validity=validity, published=self._datetime(published),
                title_highlight=highlight_title(title, parsed),
                highlight=snippet(body, parsed, SNIPPET_LENGTH),
            ))
        return results

    def _datetime(self, value):
        if isinstance(value, str):  # SQLite through a raw cursor
            from django.utils.dateparse import parse_datetime

            value = parse_datetime(value)
        if value is not None and value.tzinfo is None:
            from django.utils import timezone

            value = value.replace(tzinfo=dt.timezone.utc)
        return value

    def _facets(self, cursor, from_, where, params, facets):
        d = self.dialect
        parts = [f"SELECT '_total' AS facet, '' AS value, COUNT(*) AS n FROM m"]
        for name in facets:
            col = f"CAST({name} AS {d.text_type})" if name == "year" else name
            parts.append(f"SELECT '{name}', {col}, COUNT(*) FROM m GROUP BY {col}")
        columns = ", ".join(f"e.{name}" for name in FACETS)
        sql = (
            f"WITH m AS {d.materialized} (SELECT {columns} FROM {from_} WHERE {where}) "
            + " UNION ALL ".join(parts)
        )
        cursor.execute(sql, params)
        total, counts = 0, {name: [] for name in facets}
        for facet, value, n in cursor.fetchall():
            if facet == "_total":
                total = n
            elif value not in (None, ""):
                counts[facet].append((str(value), n))
        for name, values in counts.items():
            if name == "year":
                values.sort(key=lambda vc: vc[0], reverse=True)
            else:
                values.sort(key=lambda vc: (-vc[1], vc[0]))
        return total, counts

    def match_page_ids(self, parsed, limit: int = 1000) -> list[int]:
        """Page ids matching a parsed query, best first (no facets, no text)."""
        if not parsed:
            return []
        from_, where, score, params, score_params = self._base(parsed, {})
        sql = f"SELECT e.page_id, {score} AS score FROM {from_} WHERE {where} ORDER BY score DESC, e.id DESC LIMIT %s"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, score_params + params + [limit])
            return [row[0] for row in cursor.fetchall()]

    def suggest(self, parsed, filters=None) -> list[str]:
        """Shorter queries that do find something (drop one word at a time)."""
        if len(parsed.groups) < 2:
            return []
        found = []
        for i in range(len(parsed.groups)):
            reduced = parsed.without(i)
            n = self.count(reduced, filters or {})
            if n:
                found.append((n, " ".join(g.text.strip() for g in reduced.groups)))
        found.sort(key=lambda x: -x[0])
        return [text for _, text in found[:MAX_SUGGESTIONS]]

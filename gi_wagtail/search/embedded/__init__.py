"""The embedded backend: full-text search in the site's own database.

SQLite uses an FTS5 table, PostgreSQL a weighted tsvector with a GIN index,
MySQL/MariaDB FULLTEXT indexes; all index the same encoded analysis terms,
so every database finds the same documents.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter
from collections.abc import Iterable

from django.db import connections, router, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.utils.dateparse import parse_datetime

from gi_wagtail.search import ranking
from gi_wagtail.search.analysis import ParsedQuery
from gi_wagtail.search.attachments import attachment_snippet
from gi_wagtail.search.base import FACETS, Hit, SearchBackend, SearchDocument, SearchQuery, SearchResults
from gi_wagtail.search.embedded import dialects, docvalues, storage
from gi_wagtail.search.embedded.storage import document_rows  # noqa: F401  (re-exported)
from gi_wagtail.search.highlight import highlight_title, snippet
from gi_wagtail.search.models import SearchEntry, SearchEntryText
from gi_wagtail.search.relaxation import add_partial_matches

_FACET_COLUMNS = {f: f"e.{f}" for f in FACETS}
_SELECT = (
    "e.id, e.page_id, e.title, e.url, e.doc_no, e.index_no, e.category, e.organisation, e.topic,"
    " e.genre, e.validity, e.published"
)
SNIPPET_LENGTH = 120


class EmbeddedBackend(SearchBackend):
    name = "embedded"

    def __init__(self, using: str | None = None) -> None:
        self.model = SearchEntry
        self.text_model = SearchEntryText
        self.using = using or router.db_for_write(SearchEntry)

    @property
    def connection(self) -> BaseDatabaseWrapper:
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

    def _flush(self, batch: list[SearchDocument]) -> int:
        if not batch:
            return 0
        with transaction.atomic(using=self.using):
            return storage.write(self.connection, self.model, batch)

    def write_rows(self, rows: list[tuple]) -> int:
        """Write ``(page_id, entry, text)`` rows built elsewhere (parallel rebuilds)."""
        with transaction.atomic(using=self.using):
            return storage.write_rows(self.connection, self.model, rows)

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

    def _base(self, parsed: ParsedQuery, filters: dict[str, list[str]]) -> dialects.MatchFrom:
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

    def count(self, parsed: ParsedQuery, filters: dict[str, list[str]] | None = None) -> int:
        from_, where, _, params, _ = self._base(parsed, filters or {})
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {from_} WHERE {where}", params)
            return cursor.fetchone()[0]

    count_matching = count

    def search(self, query: SearchQuery) -> SearchResults:
        parsed = query.parsed
        results = self._search(query, parsed)
        if results.total or not parsed:
            add_partial_matches(self, query, parsed, results)
            return results
        suggestions = self.suggest(parsed, query.filters)
        add_partial_matches(self, query, parsed, results)
        if not results.total:
            loose = query.loose
            if loose.groups != parsed.groups:
                relaxed = self._search(query, loose)
                if relaxed.total:
                    relaxed.relaxed = True
                    return relaxed
        results.suggestions = suggestions
        return results

    def _search(self, query: SearchQuery, parsed: ParsedQuery) -> SearchResults:
        results = SearchResults(query=query)
        if not parsed and query.query.strip() and not query.filters:
            # Only symbols or noise: nothing can match; don't list everything.
            return results
        from_, where, score, params, score_params = self._base(parsed, query.filters)
        located = self._match_ids(parsed) if parsed and not query.filters else None
        if located is not None:
            scores, results.total, results.facets = self._page_in_memory(query, located, parsed)
            rows = self._entry_rows(list(scores))
            rows = [row[:-1] + (scores[row[0]],) for row in rows]
        else:
            rows, results.total, results.facets = self._page_in_sql(
                query, parsed, from_, where, score, params, score_params
            )
        results.hits = self._hits(rows, parsed)
        return results

    def _match_ids(self, parsed: ParsedQuery) -> dialects.MatchIds | None:
        groups = [[alt.encoded for alt in g.alternatives] for g in parsed.groups]
        return self.dialect.match_ids(groups)

    def _page_in_memory(
        self, query: SearchQuery, located: dialects.MatchIds, parsed: ParsedQuery
    ) -> tuple[dict[int, float], int, dict[str, list[tuple[str, int]]]]:
        """{entry id: score} of the requested page (in order), total and facets, from the matching
        (id, score) pairs and the doc values: no join, no sort and no grouping in SQL."""
        id_expr, from_, where, score, params, score_params = located
        values = docvalues.get(self.connection, self.using)
        ranked = query.sort == "relevance"
        with self.connection.cursor() as cursor:
            if ranked:
                cursor.execute(f"SELECT {id_expr}, {score} FROM {from_} WHERE {where}", score_params + params)
            else:
                cursor.execute(f"SELECT {id_expr}, 0 FROM {from_} WHERE {where}", params)
            rows = cursor.fetchall()
        combos = list(map(values.combo.get, [row[0] for row in rows]))
        if None in combos:  # written since the refresh, or a full-text row without entry
            values = docvalues.get(self.connection, self.using)
            combos = list(map(values.combo.get, [row[0] for row in rows]))
        per_combo = Counter(combos)
        total = len(rows) - per_combo.pop(None, 0)
        combo, published = values.combo, values.published
        if total < len(rows):
            rows = [row for row in rows if row[0] in combo]
        k = query.offset + query.page_size
        if ranked:  # score DESC, published DESC with NULLs last, id DESC
            depth = max(k, ranking.CANDIDATES)
            if len(rows) > depth:  # only rows scoring at least the depth-th best can be reranked onto the page
                threshold = heapq.nlargest(depth, [row[1] for row in rows])[-1]
                rows = [row for row in rows if row[1] >= threshold]
            top = sorted(((s, published[i] is not None, published[i], i) for i, s in rows), reverse=True)[:depth]
            top = self._rerank([(t[3], t[0]) for t in top], parsed, published)[:k]
        else:
            ids = [row[0] for row in rows]
            if query.sort == "oldest":  # published ASC, NULLs last, id ASC
                ids = heapq.nsmallest(k, ids, key=lambda i: (published[i] is None, published[i], i))
            else:  # published DESC, NULLs last, id DESC
                ids = heapq.nlargest(k, ids, key=lambda i: (published[i] is not None, published[i], i))
            top = [(i, 0) for i in ids]
        scores = dict(top[query.offset :])
        if scores and not ranked:  # hits show their score whatever the order
            marks = ", ".join(["%s"] * len(scores))
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {id_expr}, {score} FROM {from_} WHERE {where} AND {id_expr} IN ({marks})",
                    score_params + params + list(scores),
                )
                scores.update(cursor.fetchall())
        facets = _facet_counts(query.facets, values.combos, per_combo) if query.facets else {}
        return scores, total, facets

    def _page_in_sql(
        self,
        query: SearchQuery,
        parsed: ParsedQuery,
        from_: str,
        where: str,
        score: str,
        params: list,
        score_params: list,
    ) -> tuple[list[tuple], int, dict[str, list[tuple[str, int]]]]:
        if query.sort == "relevance" and parsed:
            return self._ranked_in_sql(query, parsed, from_, where, score, params, score_params)
        nulls_last = "CASE WHEN e.published IS NULL THEN 1 ELSE 0 END"
        if query.sort == "oldest":
            order = f"{nulls_last}, e.published ASC, e.id ASC"
        elif query.sort == "newest" or not parsed:
            order = f"{nulls_last}, e.published DESC, e.id DESC"
        else:
            order = f"score DESC, {nulls_last}, e.published DESC, e.id DESC"
        sql = f"SELECT {_SELECT}, {score} AS score FROM {from_} WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s"
        # The score expression comes first in the SELECT list, its params too.
        with self.connection.cursor() as cursor:
            cursor.execute(sql, score_params + params + [query.page_size, query.offset])
            rows = cursor.fetchall()
            if query.facets:
                total, facets = self._facets(cursor, from_, where, params, query.facets)
            else:
                cursor.execute(f"SELECT COUNT(*) FROM {from_} WHERE {where}", params)
                total, facets = cursor.fetchone()[0], {}
        return rows, total, facets

    # --- partial matches (gi_wagtail.search.relaxation) -----------------------------------------

    def ranked_page_ids(
        self,
        parsed: ParsedQuery,
        filters: dict[str, list[str]],
        *,
        exclude: Iterable[int] = (),
        limit: int = 100,
    ) -> list[tuple[int, float]]:
        if not parsed:
            return []
        from_, where, score, params, score_params = self._base(parsed, filters)
        excluded = list(exclude)
        if excluded:
            where += f" AND e.page_id NOT IN ({', '.join(['%s'] * len(excluded))})"
        sql = f"SELECT e.page_id, {score} AS score FROM {from_} WHERE {where} ORDER BY score DESC, e.id DESC LIMIT %s"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, score_params + params + excluded + [limit])
            return [(row[0], float(row[1] or 0)) for row in cursor.fetchall()]

    def titles_for(self, page_ids: list[int]) -> dict[int, str]:
        if not page_ids:
            return {}
        marks = ", ".join(["%s"] * len(page_ids))
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT page_id, title FROM {dialects.TABLE} WHERE page_id IN ({marks})", list(page_ids))
            return dict(cursor.fetchall())

    def hits_for(self, ranked: list[tuple[int, float]], parsed: ParsedQuery) -> list[Hit]:
        if not ranked:
            return []
        scores = dict(ranked)
        marks = ", ".join(["%s"] * len(scores))
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT {_SELECT}, 0 FROM {dialects.TABLE} e WHERE e.page_id IN ({marks})", list(scores))
            rows = {row[1]: row[:-1] + (scores[row[1]],) for row in cursor.fetchall()}
        return self._hits([rows[pk] for pk, _ in ranked if pk in rows], parsed)

    def facets_for(self, page_ids: list[int], facets: tuple[str, ...]) -> dict[str, list[tuple[str, int]]]:
        if not page_ids:
            return {name: [] for name in facets}
        columns = ", ".join(f"e.{name}" for name in FACETS)
        marks = ", ".join(["%s"] * len(page_ids))
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns}, COUNT(*) FROM {dialects.TABLE} e WHERE e.page_id IN ({marks}) GROUP BY {columns}",
                list(page_ids),
            )
            combos, per_combo = [], {}
            for *values, n in cursor.fetchall():
                per_combo[len(combos)] = n
                combos.append(tuple(values))
        return _facet_counts(facets, combos, per_combo)

    def _ranked_in_sql(
        self,
        query: SearchQuery,
        parsed: ParsedQuery,
        from_: str,
        where: str,
        score: str,
        params: list,
        score_params: list,
    ) -> tuple[list[tuple], int, dict[str, list[tuple[str, int]]]]:
        """The relevance order of the SQL path: the engine's best, reranked (see ``ranking``)."""
        depth = max(query.offset + query.page_size, ranking.CANDIDATES)
        sql = (
            f"SELECT e.id, e.published, {score} AS score FROM {from_} WHERE {where}"
            " ORDER BY score DESC, e.id DESC LIMIT %s"
        )
        with self.connection.cursor() as cursor:
            cursor.execute(sql, score_params + params + [depth])
            candidates = cursor.fetchall()
            if query.facets:
                total, facets = self._facets(cursor, from_, where, params, query.facets)
            else:
                cursor.execute(f"SELECT COUNT(*) FROM {from_} WHERE {where}", params)
                total, facets = cursor.fetchone()[0], {}
        published = {row[0]: row[1] for row in candidates}
        top = self._rerank([(row[0], float(row[2] or 0)) for row in candidates], parsed, published)
        scores = dict(top[query.offset : query.offset + query.page_size])
        rows = [row[:-1] + (scores[row[0]],) for row in self._entry_rows(list(scores))]
        return rows, total, facets

    def _rerank(self, top: list[tuple[int, float]], parsed: ParsedQuery, published: dict) -> list[tuple[int, float]]:
        """(entry id, score) best first after proximity and validity (``ranking``); ties go to
        the newer page, then the higher id. Titles come from the narrow entry table; the body's
        opening is read for the best few only, and only for queries of several words."""
        if not top:
            return top
        marks = ", ".join(["%s"] * len(top))
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT id, title, validity FROM {dialects.TABLE} WHERE id IN ({marks})", [i for i, _ in top]
            )
            info = {row[0]: row[1:] for row in cursor.fetchall()}
        words = ranking.phrase_words(parsed)
        weigh_titles = not self.dialect.weights_in_score
        if len(words) >= 2 or weigh_titles:  # normalised titles, in one conversion
            ids = list(info)
            titles = ranking.normalise_all([info[i][0] for i in ids])
            info = {i: (title, info[i][1]) for i, title in zip(ids, titles, strict=True)}

        def order(scored: list[tuple[int, float]]) -> list[tuple[int, float]]:
            keyed = [(value, published.get(i) is not None, published.get(i), i) for i, value in scored]
            keyed.sort(reverse=True)
            return [(k[3], k[0]) for k in keyed]

        adjusted = order(
            [
                (
                    i,
                    round(
                        score
                        * ranking.demotion(info.get(i, ("", ""))[1])
                        * ranking.title_proximity(words, info.get(i, ("", ""))[0])
                        * (ranking.title_weight(parsed, info.get(i, ("", ""))[0]) if weigh_titles else 1.0),
                        9,
                    ),
                )
                for i, score in top
            ]
        )
        if len(words) < 2:
            return adjusted
        head = adjusted[: ranking.BODY_CANDIDATES]
        ids = [i for i, _ in head if ranking.title_proximity(words, info.get(i, ("", ""))[0]) == 1.0]
        if not ids:
            return adjusted
        marks = ", ".join(["%s"] * len(ids))
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT entry_id, SUBSTR(body, 1, {ranking.BODY_HEAD}) FROM {dialects.TEXT} WHERE entry_id IN ({marks})",
                ids,
            )
            boosted = {row[0] for row in cursor.fetchall() if ranking.body_proximity(words, row[1] or "") > 1.0}
        if not boosted:
            return adjusted
        rescored = [(i, round(v * ranking.BODY_PHRASE, 9) if i in boosted else v) for i, v in head]
        return order(rescored) + adjusted[ranking.BODY_CANDIDATES :]

    def _entry_rows(self, ids: list[int]) -> list[tuple]:
        """Entry rows (as selected by the SQL path, score 0) for ids, in this order."""
        if not ids:
            return []
        marks = ", ".join(["%s"] * len(ids))
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT {_SELECT}, 0 FROM {dialects.TABLE} e WHERE e.id IN ({marks})", list(ids))
            rows = {row[0]: row for row in cursor.fetchall()}
        return [rows[i] for i in ids if i in rows]

    def _hits(self, rows: list[tuple], parsed: ParsedQuery) -> list[Hit]:
        bodies = {}
        if rows:
            marks = ", ".join(["%s"] * len(rows))
            with self.connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT entry_id, body, attachments FROM {dialects.TEXT} WHERE entry_id IN ({marks})",
                    [r[0] for r in rows],
                )
                bodies = {row[0]: (row[1] or "", row[2] or "") for row in cursor.fetchall()}
        hits = []
        for row in rows:
            (
                entry_id,
                page_id,
                title,
                url,
                doc_no,
                index_no,
                category,
                organisation,
                topic,
                genre,
                validity,
                published,
                score_value,
            ) = row
            body, attached = bodies.get(entry_id) or ("", "")
            in_attachment = attachment_snippet(title, body, attached, parsed, SNIPPET_LENGTH)
            hits.append(
                Hit(
                    page_id=page_id,
                    title=title,
                    url=url,
                    score=float(score_value or 0),
                    doc_no=doc_no,
                    index_no=index_no,
                    category=category,
                    organisation=organisation,
                    topic=topic,
                    genre=genre,
                    validity=validity,
                    published=self._datetime(published),
                    title_highlight=highlight_title(title, parsed),
                    highlight=in_attachment[1] if in_attachment else snippet(body, parsed, SNIPPET_LENGTH),
                    attachment=in_attachment[0] if in_attachment else "",
                )
            )
        return hits

    def _datetime(self, value: dt.datetime | str | None) -> dt.datetime | None:
        if isinstance(value, str):  # SQLite through a raw cursor
            value = parse_datetime(value)
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value

    def _facets(
        self, cursor: CursorWrapper, from_: str, where: str, params: list, facets: tuple[str, ...]
    ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        d = self.dialect
        if not d.materialized:
            return self._facets_grouped(cursor, from_, where, params, facets)
        parts = ["SELECT '_total' AS facet, '' AS value, COUNT(*) AS n FROM m"]
        for name in facets:
            col = f"CAST({name} AS {d.text_type})" if name == "year" else name
            parts.append(f"SELECT '{name}', {col}, COUNT(*) FROM m GROUP BY {col}")
        columns = ", ".join(f"e.{name}" for name in FACETS)
        sql = f"WITH m AS {d.materialized} (SELECT {columns} FROM {from_} WHERE {where}) " + " UNION ALL ".join(parts)
        cursor.execute(sql, params)
        total, counts = 0, {name: [] for name in facets}
        for facet, value, n in cursor.fetchall():
            if facet == "_total":
                total = n
            elif value not in (None, ""):
                counts[facet].append((str(value), n))
        return total, _sorted_facets(counts)

    def _facets_grouped(
        self, cursor: CursorWrapper, from_: str, where: str, params: list, facets: tuple[str, ...]
    ) -> tuple[int, dict[str, list[tuple[str, int]]]]:
        """One full-text search grouped by all facet columns at once (MySQL/MariaDB evaluate a
        CTE once per reference: six facets meant seven searches). Values equal under the
        column collation but spelled differently are counted apart if other facets differ."""
        columns = ", ".join(f"e.{name}" for name in FACETS)
        cursor.execute(f"SELECT {columns}, COUNT(*) FROM {from_} WHERE {where} GROUP BY {columns}", params)
        combos, per_combo = [], {}
        for *values, n in cursor.fetchall():
            per_combo[len(combos)] = n
            combos.append(tuple(values))
        return sum(per_combo.values()), _facet_counts(facets, combos, per_combo)

    def match_page_ids(self, parsed: ParsedQuery, limit: int = 1000) -> list[int]:
        """Page ids matching a parsed query, best first (no facets, no text)."""
        if not parsed:
            return []
        from_, where, score, params, score_params = self._base(parsed, {})
        sql = f"SELECT e.page_id, {score} AS score FROM {from_} WHERE {where} ORDER BY score DESC, e.id DESC LIMIT %s"
        with self.connection.cursor() as cursor:
            cursor.execute(sql, score_params + params + [limit])
            return [row[0] for row in cursor.fetchall()]


def _facet_counts(facets: tuple[str, ...], combos: list[tuple], per_combo: dict) -> dict[str, list[tuple[str, int]]]:
    """Facet value counts from counts of (category, year, organisation, topic, genre, validity) combinations."""
    positions = {name: FACETS.index(name) for name in facets}
    counts = {name: {} for name in facets}
    for combo, n in per_combo.items():
        values = combos[combo]
        for name, pos in positions.items():
            value = values[pos]
            if value is not None and value != "":
                value = str(value)
                bucket = counts[name]
                bucket[value] = bucket.get(value, 0) + n
    return _sorted_facets({name: list(c.items()) for name, c in counts.items()})


def _sorted_facets(counts: dict[str, list[tuple[str, int]]]) -> dict[str, list[tuple[str, int]]]:
    for name, values in counts.items():
        if name == "year":
            values.sort(key=lambda vc: vc[0], reverse=True)
        else:
            values.sort(key=lambda vc: (-vc[1], vc[0]))
    return counts

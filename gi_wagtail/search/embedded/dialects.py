"""Vendor SQL for the embedded backend.

Every term reaching this module is 14 lowercase ASCII letters (see
analysis.encode_term); the boolean operators are ours. Terms are still
checked once more before they are put into an expression.
"""

from __future__ import annotations

import re

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "gi_wagtail_searchentry"
TEXT = "gi_wagtail_searchentrytext"
FTS_TABLE = "gi_wagtail_searchentry_fts"
_TERM_RE = re.compile(r"[a-z]{14}")

# Field weights: title above document/index numbers and organisation, above body.
TITLE_WEIGHT, META_WEIGHT, BODY_WEIGHT = 10.0, 4.0, 1.0
# Attached files: below the page's own text (a policy's attachment repeats boilerplate).
ATTACHMENT_WEIGHT = 0.5

Groups = list[list[tuple[str, ...]]]  # AND of groups, OR of alternatives, AND of terms
# (from clause, where clause, score expression, from/where params, score params)
MatchFrom = tuple[str, str, str, list, list]
# (entry id expression, from clause, where clause, score expression, from/where params, score params)
MatchIds = tuple[str, str, str, str, list, list]


def _checked(term: str) -> str:
    if not _TERM_RE.fullmatch(term):
        raise ValueError("invalid search term")
    return term


def boolean_expression(groups: Groups, and_: str, or_: str) -> str:
    """Every group must match; within a group any alternative; within an alternative every term."""
    return and_.join(
        "(" + or_.join("(" + and_.join(_checked(t) for t in alt) + ")" for alt in group) + ")" for group in groups
    )


class Dialect:
    vendor = ""
    text_type = "CHAR"
    materialized = ""
    # Does the score weigh fields itself? (Otherwise the reranking weighs titles: ranking.title_weight.)
    weights_in_score = True

    def match_from(self, groups: Groups) -> MatchFrom:
        """(from clause, where clause, score expression, from/where params, score params)."""
        raise NotImplementedError

    def match_ids(self, groups: Groups) -> MatchIds | None:
        """Like ``match_from`` without the entry table, plus the entry id expression first;
        None where facets are better counted in SQL (see docvalues)."""
        return None


class SQLiteDialect(Dialect):
    vendor = "sqlite"
    text_type = "TEXT"
    materialized = "MATERIALIZED"

    def expression(self, groups: Groups) -> str:
        return boolean_expression(groups, " AND ", " OR ")

    def match_from(self, groups: Groups) -> MatchFrom:
        from_ = f"{FTS_TABLE} JOIN {TABLE} e ON e.id = {FTS_TABLE}.rowid"
        where = f"{FTS_TABLE} MATCH %s"
        score = f"(-bm25({FTS_TABLE}, {TITLE_WEIGHT}, {META_WEIGHT}, {BODY_WEIGHT}, {ATTACHMENT_WEIGHT}))"
        return from_, where, score, [self.expression(groups)], []

    def match_ids(self, groups: Groups) -> MatchIds:
        _from, where, score, params, score_params = self.match_from(groups)
        return f"{FTS_TABLE}.rowid", FTS_TABLE, where, score, params, score_params


class PostgresDialect(Dialect):
    vendor = "postgresql"
    text_type = "TEXT"
    materialized = "MATERIALIZED"

    def expression(self, groups: Groups) -> str:
        return boolean_expression(groups, " & ", " | ")

    def match_from(self, groups: Groups) -> MatchFrom:
        from_ = f"{TEXT} t JOIN {TABLE} e ON e.id = t.entry_id CROSS JOIN to_tsquery('simple', %s) q"
        where = "t.search_vector @@ q"
        # ts_rank weights are {D, C, B, A}: body D, attachments C, meta B, title A.
        w = f"'{{{BODY_WEIGHT / TITLE_WEIGHT}, {ATTACHMENT_WEIGHT / TITLE_WEIGHT}, {META_WEIGHT / TITLE_WEIGHT}, 1.0}}'"
        score = f"ts_rank({w}::float4[], t.search_vector, q)"
        return from_, where, score, [self.expression(groups)], []

    def match_ids(self, groups: Groups) -> MatchIds:
        _from, where, score, params, score_params = self.match_from(groups)
        return "t.entry_id", f"{TEXT} t CROSS JOIN to_tsquery('simple', %s) q", where, score, params, score_params


class MySQLDialect(Dialect):
    vendor = "mysql"
    text_type = "CHAR"
    materialized = ""
    weights_in_score = False

    def expression(self, groups: Groups) -> str:
        return " ".join(
            "+(" + " ".join("(" + " ".join("+" + _checked(t) for t in alt) + ")" for alt in group) + ")"
            for group in groups
        )

    def match_from(self, groups: Groups) -> MatchFrom:
        from_ = f"{TEXT} t JOIN {TABLE} e ON e.id = t.entry_id"
        # One MATCH over all columns filters and scores (one per column was several times slower);
        # the reranking weighs titles instead (weights_in_score).
        match = f"MATCH({', '.join('t.' + c for c in COLUMNS)}) AGAINST (%s IN BOOLEAN MODE)"
        return from_, match, match, [self.expression(groups)], [self.expression(groups)]

    def match_ids(self, groups: Groups) -> MatchIds:
        _from, where, score, params, score_params = self.match_from(groups)
        return "t.entry_id", f"{TEXT} t", where, score, params, score_params


DIALECTS = {d.vendor: d for d in (SQLiteDialect(), PostgresDialect(), MySQLDialect())}


def for_connection(connection: BaseDatabaseWrapper) -> Dialect:
    try:
        return DIALECTS[connection.vendor]
    except KeyError:
        raise NotImplementedError(
            f"The embedded search backend supports SQLite, PostgreSQL and MySQL/MariaDB, not {connection.vendor}"
        ) from None


# --- schema (used by the migrations) ---------------------------------------------------------

# Term columns of the text table, in FTS column order (bm25 weights follow this order).
COLUMNS_V1 = ("title_terms", "meta_terms", "body_terms")
COLUMNS = (*COLUMNS_V1, "attachment_terms")
# tsvector weight letter of each column (ts_rank weights are {D, C, B, A}).
_PG_WEIGHTS = {"title_terms": "A", "meta_terms": "B", "attachment_terms": "C", "body_terms": "D"}


def _sqlite_schema(columns: tuple[str, ...]) -> list[str]:
    # storage.write_rows inserts and updates the FTS table itself, a batch at a time (much
    # faster than a trigger per row); deletes, also Django's cascades, go through the trigger.
    cols = ", ".join(columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({cols},"
        f" content='{TEXT}', content_rowid='entry_id', tokenize='ascii')",
        f"CREATE TRIGGER {TABLE}_ad AFTER DELETE ON {TEXT} BEGIN"
        f" INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, {cols})"
        f" VALUES ('delete', old.entry_id, {old}); END",
        f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')",
    ]


def _postgres_schema(columns: tuple[str, ...]) -> list[str]:
    vector = " || ".join(f"setweight(to_tsvector('simple', {c}), '{_PG_WEIGHTS[c]}')" for c in columns)
    return [
        f"ALTER TABLE {TEXT} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({vector}) STORED",
        f"CREATE INDEX {TABLE}_search_vector_gin ON {TEXT} USING GIN (search_vector)",
    ]


def _mysql_names(columns: tuple[str, ...]) -> list[str]:
    # Version 1 scored each column with a MATCH of its own; version 2 needs the combined index only.
    return ["all", *(c.removesuffix("_terms") for c in columns)] if columns == COLUMNS_V1 else ["all"]


def _mysql_schema(columns: tuple[str, ...]) -> list[str]:
    sql = [f"CREATE FULLTEXT INDEX {TABLE}_ft_all ON {TEXT} ({', '.join(columns)})"]
    if columns != COLUMNS_V1:
        return sql
    return sql + [f"CREATE FULLTEXT INDEX {TABLE}_ft_{c.removesuffix('_terms')} ON {TEXT} ({c})" for c in columns]


SQLITE_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_ai",
    f"DROP TRIGGER IF EXISTS {TABLE}_ad",
    f"DROP TRIGGER IF EXISTS {TABLE}_au",
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
POSTGRES_DROP = [
    f"DROP INDEX IF EXISTS {TABLE}_search_vector_gin",
    f"ALTER TABLE {TEXT} DROP COLUMN IF EXISTS search_vector",
]


def schema(columns: tuple[str, ...]) -> dict[str, list[str]]:
    return {"sqlite": _sqlite_schema(columns), "postgresql": _postgres_schema(columns), "mysql": _mysql_schema(columns)}


def drop(columns: tuple[str, ...]) -> dict[str, list[str]]:
    mysql = [f"DROP INDEX {TABLE}_ft_{n} ON {TEXT}" for n in _mysql_names(columns)]
    return {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP, "mysql": mysql}


# Migration 0100 created the first version; 0104 added the attachment column.
SCHEMA_V1, DROP_V1 = schema(COLUMNS_V1), drop(COLUMNS_V1)
SCHEMA, DROP = schema(COLUMNS), drop(COLUMNS)

"""Writing embedded index rows in batches.

One upsert statement per table per batch (``executemany``) instead of two
``update_or_create`` round trips per document: indexing hundreds of freshly
imported pages costs a handful of queries. Upserts keep entry ids stable, so
the full-text structures see an update, as they did with update_or_create.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.utils import CursorWrapper
from django.db.models import Model
from django.utils import timezone

from gi_wagtail.search import analysis
from gi_wagtail.search.attachments import attachment_texts, pack
from gi_wagtail.search.base import SearchDocument
from gi_wagtail.search.embedded import dialects

ENTRY_COLUMNS = (
    "page_id",
    "title",
    "url",
    "doc_no",
    "index_no",
    "category",
    "organisation",
    "topic",
    "genre",
    "validity",
    "year",
    "published",
    "indexed_at",
)
TEXT_COLUMNS = ("entry_id", "body", "title_terms", "meta_terms", "body_terms", "attachments", "attachment_terms")
# Parameters per IN (...) list: below every engine's limit.
CHUNK = 500


def document_rows(doc: SearchDocument) -> tuple[dict, dict]:
    """Field values of SearchEntry and SearchEntryText for a document."""
    published = doc.published
    if published is not None and timezone.is_naive(published):
        published = timezone.make_aware(published)
    year = doc.year or (published.year if published else None)
    meta = " ".join(x for x in (doc.doc_no, doc.index_no, doc.organisation, doc.keywords) if x)
    entry = dict(
        title=doc.title[:255],
        url=doc.url[:500],
        doc_no=doc.doc_no[:100],
        index_no=doc.index_no[:100],
        category=doc.category[:100],
        organisation=doc.organisation[:100],
        topic=doc.topic[:100],
        genre=doc.genre[:100],
        validity=doc.validity[:50],
        year=year,
        published=published,
    )
    attachments = attachment_texts(doc)
    text = dict(
        body=doc.body[: analysis.MAX_INDEXED_CHARS],
        title_terms=analysis.index_text(doc.title),
        meta_terms=analysis.index_text(meta),
        body_terms=analysis.index_text(doc.body),
        attachments=pack(attachments),
        attachment_terms=analysis.index_text(*(f"{name} {text}" for name, text in attachments)),
    )
    return entry, text


def upsert_sql(vendor: str, table: str, columns: tuple[str, ...], key: str, only_changed: bool = False) -> str:
    """INSERT or UPDATE on ``key``. ``only_changed`` leaves identical rows alone, so
    rebuilding an up-to-date index does not rewrite its full-text entries
    (InnoDB skips identical rows by itself)."""
    cols = ", ".join(columns)
    values = ", ".join(["%s"] * len(columns))
    updated = [c for c in columns if c != key]
    if vendor == "mysql":
        return f"INSERT INTO {table} ({cols}) VALUES ({values}) ON DUPLICATE KEY UPDATE " + ", ".join(
            f"{c} = VALUES({c})" for c in updated
        )
    # SQLite >= 3.24 and PostgreSQL
    sql = f"INSERT INTO {table} ({cols}) VALUES ({values}) ON CONFLICT ({key}) DO UPDATE SET " + ", ".join(
        f"{c} = excluded.{c}" for c in updated
    )
    if only_changed:
        differs = "IS DISTINCT FROM" if vendor == "postgresql" else "IS NOT"
        sql += " WHERE " + " OR ".join(f"{table}.{c} {differs} excluded.{c}" for c in updated)
    return sql


def write(connection: BaseDatabaseWrapper, entry_model: type[Model], documents: Iterable[SearchDocument]) -> int:
    """Add or replace the rows of these documents (call inside a transaction)."""
    return write_rows(connection, entry_model, [(doc.page_id, *document_rows(doc)) for doc in documents])


def write_rows(connection: BaseDatabaseWrapper, entry_model: type[Model], page_rows: list[tuple]) -> int:
    """Write ``(page_id, entry, text)`` triples from ``document_rows`` (call inside a transaction)."""
    rows: dict[int, tuple[dict, dict]] = {}
    for page_id, entry, text in page_rows:
        rows[page_id] = (entry, text)  # the last document of a page wins
    if not rows:
        return 0
    published_field = entry_model._meta.get_field("published")
    now = published_field.get_db_prep_save(timezone.now(), connection)
    entry_params = []
    for page_id, (entry, _) in rows.items():
        entry["published"] = published_field.get_db_prep_save(entry["published"], connection)
        entry_params.append((page_id, *(entry[c] for c in ENTRY_COLUMNS[1:-1]), now))
    vendor = connection.vendor
    with connection.cursor() as cursor:
        cursor.executemany(upsert_sql(vendor, dialects.TABLE, ENTRY_COLUMNS, "page_id"), entry_params)
        ids = entry_ids(cursor, list(rows))
        text_params = [(ids[page_id], *(text[c] for c in TEXT_COLUMNS[1:])) for page_id, (_, text) in rows.items()]
        if vendor == "sqlite" and not _fts_triggers(cursor):
            _write_sqlite_text(cursor, text_params)
        else:
            if vendor in _DIGEST_SQL:
                text_params = _changed_only(cursor, vendor, text_params)
            cursor.executemany(
                upsert_sql(vendor, dialects.TEXT, TEXT_COLUMNS, "entry_id", only_changed=True), text_params
            )
    return len(rows)


# MD5 of a text row as the server computes it, and as _digest computes it.
_DIGEST_SQL = {
    "postgresql": "md5(" + " || chr(1) || ".join(TEXT_COLUMNS[1:]) + ")",
    "mysql": f"MD5(CONCAT_WS(CHAR(1 USING utf8mb4), {', '.join(TEXT_COLUMNS[1:])}))",
}


def _digest(params: tuple) -> str:
    return hashlib.md5("\x01".join(params[1:]).encode("utf-8"), usedforsecurity=False).hexdigest()


def _changed_only(cursor: CursorWrapper, vendor: str, text_params: list[tuple]) -> list[tuple]:
    """The rows whose text differs from the stored text. Comparing digests on the server spares
    sending and comparing every unchanged row (most rows of a rebuild)."""
    stored = {}
    ids = [p[0] for p in text_params]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        cursor.execute(
            f"SELECT entry_id, {_DIGEST_SQL[vendor]} FROM {dialects.TEXT}"
            f" WHERE entry_id IN ({', '.join(['%s'] * len(chunk))})",
            chunk,
        )
        stored.update(cursor.fetchall())
    return [p for p in text_params if stored.get(p[0]) != _digest(p)]


def _fts_triggers(cursor: CursorWrapper) -> bool:
    """Does this SQLite database still update its FTS table by insert/update triggers (created before 0100
    lost them)? Then writing the FTS table here as well would index rows twice."""
    cursor.execute(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s)",
        [f"{dialects.TABLE}_ai", f"{dialects.TABLE}_au"],
    )
    return bool(cursor.fetchone()[0])


def _write_sqlite_text(cursor: CursorWrapper, text_params: list[tuple]) -> None:
    """Text rows and their FTS5 entries, a statement per kind of change for the whole batch.

    FTS5 indexes a batch several times faster this way than through a trigger
    firing per row; unchanged rows are left alone.
    """
    fts, columns = dialects.FTS_TABLE, ", ".join(dialects.COLUMNS)
    term_positions = [TEXT_COLUMNS.index(c) for c in dialects.COLUMNS]
    marks = ", %s" * len(dialects.COLUMNS)
    old = {}
    ids = [p[0] for p in text_params]
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        cursor.execute(
            f"SELECT {', '.join(TEXT_COLUMNS)} FROM {dialects.TEXT}"
            f" WHERE entry_id IN ({', '.join(['%s'] * len(chunk))})",
            chunk,
        )
        old.update((row[0], tuple(row)) for row in cursor.fetchall())
    changed = [p for p in text_params if old.get(p[0]) != tuple(p)]
    if not changed:
        return
    replaced = [old[p[0]] for p in changed if p[0] in old]
    if replaced:  # the delete command needs the terms the row was indexed with
        cursor.executemany(
            f"INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', %s{marks})",
            [(r[0], *(r[i] for i in term_positions)) for r in replaced],
        )
    cursor.executemany(upsert_sql("sqlite", dialects.TEXT, TEXT_COLUMNS, "entry_id"), changed)
    cursor.executemany(
        f"INSERT INTO {fts}(rowid, {columns}) VALUES (%s{marks})",
        [(p[0], *(p[i] for i in term_positions)) for p in changed],
    )


def entry_ids(cursor: CursorWrapper, page_ids: list[int]) -> dict[int, int]:
    ids = {}
    for start in range(0, len(page_ids), CHUNK):
        chunk = page_ids[start : start + CHUNK]
        cursor.execute(
            f"SELECT page_id, id FROM {dialects.TABLE} WHERE page_id IN ({', '.join(['%s'] * len(chunk))})", chunk
        )
        ids.update(cursor.fetchall())
    return ids


def delete(connection: BaseDatabaseWrapper, page_ids: list[int]) -> int:
    """Delete the rows of these pages: text first (SQLite's trigger needs the old terms), then entries."""
    deleted = 0
    with connection.cursor() as cursor:
        for start in range(0, len(page_ids), CHUNK):
            chunk = page_ids[start : start + CHUNK]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"DELETE FROM {dialects.TEXT} WHERE entry_id IN"
                f" (SELECT id FROM {dialects.TABLE} WHERE page_id IN ({marks}))",
                chunk,
            )
            cursor.execute(f"DELETE FROM {dialects.TABLE} WHERE page_id IN ({marks})", chunk)
            deleted += cursor.rowcount
    return deleted

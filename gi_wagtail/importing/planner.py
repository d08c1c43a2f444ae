"""Refresh the query planner's table statistics after a large import.

PostgreSQL and MariaDB judge how many rows a category listing touches from
table statistics; right after 10,000 items arrive those still describe an
almost empty site, and PostgreSQL's listing query took 34 ms instead of 1 ms
until autovacuum caught up. SQLite plans without statistics unless asked.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection
from django.db.models import Model

# Items written by one import before the statistics are refreshed.
ANALYZE_AFTER = 500


def refresh_statistics(models: Iterable[type[Model]]) -> bool:
    """ANALYZE the tables of ``models``; False when it was not done.

    Never inside a transaction: MySQL's ANALYZE TABLE commits implicitly.
    """
    if connection.in_atomic_block or connection.vendor not in ("postgresql", "mysql"):
        return False
    quote = connection.ops.quote_name
    tables = ", ".join(quote(model._meta.db_table) for model in models)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {tables}")
        elif connection.vendor == "mysql":
            cursor.execute(f"ANALYZE TABLE {tables}")
            cursor.fetchall()  # MySQL answers with a status row per table
    return True

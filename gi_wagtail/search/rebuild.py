"""Full rebuilds: documents built and analysed in worker processes, written by one.

Building documents (Django models, StreamField text, URLs) and analysing
their text take nine tenths of a rebuild and need no coordination, so a
rebuild on a server with several cores spreads them over worker processes;
the parent writes each batch as it arrives, in order.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import os
from collections.abc import Callable, Iterator

from django.db import connections, router

from gi_wagtail.search.analysis import index_text
from gi_wagtail.search.base import SearchBackend
from gi_wagtail.search.documents import documents_for_ids
from gi_wagtail.search.embedded.storage import document_rows
from gi_wagtail.search.models import SearchEntry

MAX_JOBS = 4


def default_jobs(pages: int, batch_size: int) -> int:
    """Worker processes for a rebuild of ``pages`` pages: one per core, none for small sites."""
    if pages < 2 * batch_size or not _can_fork():
        return 1
    return max(1, min(MAX_JOBS, os.cpu_count() or 1))


def _can_fork() -> bool:
    connection = connections[router.db_for_write(SearchEntry)]
    if connection.in_atomic_block:  # children could not see uncommitted pages
        return False
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        return False
    return "fork" in multiprocessing.get_all_start_methods()


def page_rows(ids: list[int]) -> list[tuple]:
    """``(page_id, entry, text)`` rows of these pages, ready for ``storage.write_rows``."""
    return [(doc.page_id, *document_rows(doc)) for doc in documents_for_ids(ids)]


def rows_in_batches(ids: list[int], batch_size: int, jobs: int) -> Iterator[tuple[int, list[tuple]]]:
    """(number of ids, rows) per batch of ``ids``, in order, built by ``jobs`` processes."""
    batches = [ids[i : i + batch_size] for i in range(0, len(ids), batch_size)]
    if jobs <= 1:
        for batch in batches:
            yield len(batch), page_rows(batch)
        return
    _warm_up()
    # Children must not share the parent's database connections: close them; each side reconnects.
    connections.close_all()
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_init_worker)
    try:
        for batch, rows in zip(batches, pool.imap(page_rows, batches), strict=False):
            yield len(batch), rows
    except BaseException:
        pool.terminate()
        raise
    else:
        pool.close()  # workers exit normally and close their database connections
    finally:
        pool.join()


def _init_worker() -> None:
    # Workers end through os._exit: close their own database connections on the way out.
    multiprocessing.util.Finalize(None, connections.close_all, exitpriority=10)


def _warm_up() -> None:
    # Load the segmenter dictionary and OpenCC once, before forking: children share them.
    index_text("预热分词词典")


def write_all(
    backend: SearchBackend, ids: list[int], batch_size: int, jobs: int, progress: Callable[[int], object]
) -> int:
    written = 0
    write_rows = getattr(backend, "write_rows", None)
    if write_rows is None:  # another backend: documents, one batch at a time
        bulk = getattr(backend, "bulk_index", backend.index)
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            written += bulk(documents_for_ids(batch))
            progress(len(batch))
        return written
    for count, rows in rows_in_batches(ids, batch_size, jobs):
        written += write_rows(rows)
        progress(count)
    return written

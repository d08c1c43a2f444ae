"""No lost index update: a process killed between a commit and its index update loses nothing.

Each test runs the real import command in a subprocess on the test database (a file on SQLite, the
test database on PostgreSQL and MariaDB), kills it with SIGKILL, then runs ``gi_wagtail_search_health``
as a fresh process, as after a restart: it exits 1, ``--drain`` repairs the index, and search finds
every live item.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction

from gi_wagtail.models import DisclosureItemPage, SearchEntry, SearchIndexBacklog
from gi_wagtail.search.base import SearchQuery
from gi_wagtail.search.documents import searchable_pages
from gi_wagtail.search.embedded import EmbeddedBackend
from gi_wagtail.search.embedded.health import check, repair
from tests.factories import build_catalogue
from tests.search.stalled_tasks import QUEUED

pytestmark = pytest.mark.django_db(transaction=True)  # the subprocesses must see what the test commits

REPO = Path(__file__).resolve().parents[2]
CHUNK = 250  # gi_wagtail.importing.importer.CHUNK_SIZE
WORD = "科技创新券"


def database_url() -> str:
    s = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{s['NAME']}"
    scheme = "postgres" if connection.vendor == "postgresql" else "mysql"
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"{scheme}://{s['USER']}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT']}/{s['NAME']}"


def manage(*args: str, settings: str = "tests.settings", **popen) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": database_url(), "DJANGO_SETTINGS_MODULE": settings, "PYTHONPATH": str(REPO)}
    return subprocess.Popen(
        [sys.executable, "-m", "django", *args], cwd=REPO, env=env, text=True, stdout=subprocess.PIPE, **popen
    )


def health(*args: str) -> tuple[int, str]:
    proc = manage("gi_wagtail_search_health", *args, stderr=subprocess.STDOUT)
    out, _ = proc.communicate(timeout=300)
    return proc.returncode, out


@pytest.fixture
def import_file(tmp_path):
    get_user_model().objects.create_superuser("importer", "importer@example.invalid", None)
    build_catalogue()  # pages created live without publishing: not indexed
    repair()
    assert check().ok

    def write(count: int) -> Path:
        path = tmp_path / "items.jsonl"
        rows = [
            {
                "category": "政策法规",
                "title": f"关于第{i}批{WORD}兑付的公示",
                "published": f"2024-03-{1 + i % 28:02d}",
                "body": f"第{i}批{WORD}兑付企业名单。",
                "doc_no": f"高科发〔2024〕{i + 1}号",
            }
            for i in range(count)
        ]
        path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
        return path

    return write


def start_import(path: Path, settings: str = "tests.settings") -> subprocess.Popen:
    proc = manage(
        "gi_wagtail_import", str(path), "--publish", "--user", "importer", "--root", "xxgk",
        settings=settings, stdin=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    watchdog = threading.Timer(300, proc.kill)  # never hang the suite
    watchdog.daemon = True
    watchdog.start()
    return proc


def kill(proc: subprocess.Popen) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream:
            stream.close()


def live_items() -> set[int]:
    return set(searchable_pages().type(DisclosureItemPage).values_list("pk", flat=True))


def assert_everything_found() -> None:
    live = live_items()
    backend = EmbeddedBackend()
    assert backend.indexed_ids() >= live
    assert backend.indexed_ids() == set(searchable_pages().values_list("pk", flat=True))
    assert backend.search(SearchQuery(WORD)).total == len(live)
    for item in DisclosureItemPage.objects.filter(pk__in=live).order_by("?")[:5]:  # and one by one
        assert item.pk in [h.page_id for h in backend.search(SearchQuery(item.title)).hits]


def test_kill_after_the_chunk_commit_before_indexing(import_file):
    """The import is killed while its first chunk's index update waits to run: the chunk is committed,
    its 250 items are live and in the outbox, and none is in the index."""
    proc = start_import(import_file(CHUNK + 50), settings="tests.search.kill_settings")
    line = proc.stdout.readline()  # the stalled task backend prints this after the commit, then blocks
    assert line.startswith(QUEUED), (line, proc.stderr.read() if proc.poll() is not None else "")
    assert "update_search_index" in line
    kill(proc)

    live = live_items()
    assert len(live) == CHUNK  # the first chunk committed, the second never started
    assert set(SearchIndexBacklog.objects.values_list("page_id", flat=True)) >= live
    assert not set(SearchEntry.objects.values_list("page_id", flat=True)) & live
    assert EmbeddedBackend().search(SearchQuery(WORD)).total == 0

    code, out = health()
    assert code == 1, out
    assert f"documents: {SearchEntry.objects.count()} indexed" in out
    assert f"missing:   {CHUNK} pages" in out, out

    code, out = health("--drain")
    assert code == 0, out
    assert "healthy" in out
    assert SearchIndexBacklog.objects.count() == 0
    assert_everything_found()
    code, out = health()
    assert code == 0, out


# SQLite has no row locks to stop a drain midway: the case exists only on PostgreSQL and MariaDB, so it
# is collected there only (not reported as a skip).
ROW_LOCKS = "sqlite" not in settings.DATABASES["default"]["ENGINE"]


def _kill_in_the_middle_of_a_drain(import_file):
    """A drain killed after writing index rows, before deleting its outbox rows, leaves nothing behind:
    its transaction rolls back, the outbox rows stay, and the next drain applies them."""
    proc = start_import(import_file(CHUNK), settings="tests.search.kill_settings")
    assert proc.stdout.readline().startswith(QUEUED)
    kill(proc)
    assert SearchIndexBacklog.objects.count() >= CHUNK

    with transaction.atomic():
        list(SearchIndexBacklog.objects.select_for_update())  # the drain's DELETE waits for these rows
        drain = manage("gi_wagtail_search_health", "--drain", stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 300
            while not drain_waits_for_a_lock(drain.pid):
                assert drain.poll() is None and time.monotonic() < deadline, drain.stdout.read()
                time.sleep(0.1)
        finally:
            kill(drain)

    assert SearchIndexBacklog.objects.count() >= CHUNK
    assert not set(SearchEntry.objects.values_list("page_id", flat=True)) & live_items()
    code, out = health()
    assert code == 1, out
    code, out = health("--drain")
    assert code == 0, out
    assert_everything_found()


def drain_waits_for_a_lock(pid: int) -> bool:
    """Is another session blocked on a row lock while deleting outbox rows? (own connection: the test's
    is inside the transaction that holds the locks)"""
    from django.db import connections

    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            if other.vendor == "postgresql":
                cursor.execute(
                    "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE %s",
                    ["DELETE FROM %searchindexbacklog%"],
                )
            else:
                cursor.execute(
                    "SELECT COUNT(*) FROM information_schema.innodb_trx WHERE trx_state = 'LOCK WAIT'"
                    " AND trx_query LIKE %s",
                    ["DELETE FROM %searchindexbacklog%"],
                )
            return cursor.fetchone()[0] > 0
    finally:
        other.close()


@pytest.mark.parametrize("seed", [1, 2])
def test_kill_at_any_moment(import_file, seed):
    """Killed at a random moment of a six-chunk import (creating pages, committing, indexing), the
    index is consistent with the live pages after ``--drain``, whatever the moment."""
    path = import_file(6 * CHUNK)
    proc = start_import(path)
    deadline = time.monotonic() + 300
    while not DisclosureItemPage.objects.exists():  # the first chunk has committed
        assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
        time.sleep(0.05)
    time.sleep(random.Random(seed).uniform(0, 1.5))
    kill(proc)
    assert len(live_items()) < 6 * CHUNK  # killed before the end
    code, out = health("--drain")
    assert code == 0, out
    assert_everything_found()


if ROW_LOCKS:
    test_kill_in_the_middle_of_a_drain = _kill_in_the_middle_of_a_drain

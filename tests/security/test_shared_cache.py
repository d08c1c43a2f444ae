"""Rate limits under a production server: gunicorn with several worker processes.

Counters in a per-process cache (LocMemCache) let every worker allow the full limit; with
Django's RedisCache, shared by the workers, the site allows the limit once. Needs Redis at
GI_TEST_REDIS_URL (default redis://127.0.0.1:6379/0) and gunicorn (the test extra).
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.core import checks
from django.db import connection
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("GI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
LIMIT = 10
WORKERS = 3


def _database_url():
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{s['NAME']}"
    scheme = "postgres" if "postgresql" in s["ENGINE"] else "mysql"
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    port = f":{s['PORT']}" if s["PORT"] else ""
    return f"{scheme}://{auth}@{s['HOST'] or '127.0.0.1'}{port}/{s['NAME']}"


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _status(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _allowed_by_server(cache_name, tmp_path):
    """Start gunicorn with WORKERS workers, send 8 × LIMIT parallel searches; the number answered 200."""
    port = _free_port()
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="tests.security.gunicorn_settings",
        PYTHONPATH=str(ROOT),
        GI_TEST_DATABASE_URL=_database_url(),
        GI_TEST_CACHE=cache_name,
        GI_TEST_CACHE_PREFIX=f"gi_test_{uuid.uuid4().hex}",
        GI_TEST_REDIS_URL=REDIS_URL,
        GI_TEST_RATE=f"{LIMIT}/h",
    )
    cmd = [sys.executable, "-m", "gunicorn", "django.core.wsgi:get_wsgi_application()", f"--bind=127.0.0.1:{port}"]
    cmd += [f"--workers={WORKERS}", "--log-level=warning"]
    log = (tmp_path / f"gunicorn-{cache_name}.log").open("w")
    server = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:  # wait until every worker is up (no request yet: they would count)
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    pytest.fail(f"gunicorn did not start: {(tmp_path / f'gunicorn-{cache_name}.log').read_text()}")
                time.sleep(0.2)
        time.sleep(2)
        url = f"http://127.0.0.1:{port}/gi/search/"
        with ThreadPoolExecutor(max_workers=8) as pool:
            codes = list(pool.map(_status, [url] * (8 * LIMIT)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert set(codes) <= {200, 429}, codes
    return codes.count(200)


@pytest.mark.django_db(transaction=True)
def test_rate_limit_holds_across_worker_processes_with_redis(tmp_path):
    from tests.factories import root_page

    root_page()
    # Per process: each worker counts on its own, so the site allows more than the limit.
    assert _allowed_by_server("locmem", tmp_path) > LIMIT
    # Shared: the limit holds for the whole site.
    assert _allowed_by_server("redis", tmp_path) == LIMIT


@override_settings(DEBUG=False, CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_a_per_process_cache_in_production_is_a_warning():
    assert "gi_wagtail.W022" in {m.id for m in checks.run_checks()}


@override_settings(
    DEBUG=False, CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
)
def test_redis_passes_the_shared_cache_check():
    assert "gi_wagtail.W022" not in {m.id for m in checks.run_checks()}


@override_settings(DEBUG=True, CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_development_needs_no_shared_cache():
    assert "gi_wagtail.W022" not in {m.id for m in checks.run_checks()}


@pytest.mark.django_db
def test_search_still_answers_when_redis_is_down(client, settings, caplog):
    down = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{_free_port()}/0"}
    settings.CACHES = {"default": down}
    settings.GI_WAGTAIL = {**settings.GI_WAGTAIL, "PUBLIC_RATE_LIMIT": "60/m", "PUBLIC_CACHE_SECONDS": 600}
    response = client.get("/gi/search/", {"q": "科技"})
    assert response.status_code == 200
    assert "cache unavailable" in caplog.text

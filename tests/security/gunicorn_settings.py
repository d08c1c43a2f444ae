"""Settings of the gunicorn server started by tests/security/test_shared_cache.py.

The test project's settings, on the test database (GI_TEST_DATABASE_URL) and the cache named
by GI_TEST_CACHE: "redis" (Django's RedisCache, shared by every worker) or "locmem" (per process).
"""

import os

import dj_database_url

from tests.settings import *  # noqa: F403

DATABASES = {"default": dj_database_url.parse(os.environ["GI_TEST_DATABASE_URL"])}
if os.environ.get("GI_TEST_CACHE") == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("GI_TEST_REDIS_URL", "redis://127.0.0.1:6379/0"),
            "KEY_PREFIX": os.environ["GI_TEST_CACHE_PREFIX"],
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
GI_WAGTAIL = {**GI_WAGTAIL, "PUBLIC_RATE_LIMIT": os.environ["GI_TEST_RATE"]}  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1"]

"""Settings of the load benchmark's server (benchmarks/load.py): the demo site as deployed.

DEBUG off, persistent database connections, and the cache named by GI_LOAD_CACHE:
``redis`` (Django's RedisCache at GI_LOAD_REDIS_URL, default redis://127.0.0.1:6379/0),
or ``locmem`` (per process, what a site gets without configuring CACHES).
The public rate limit stays on, set high enough that wrk is never refused, so its
cost is part of every measured request.
"""

import os

from example_site.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "load-benchmark-only"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("GI_LOAD_CONN_MAX_AGE", "0"))  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405

if os.environ.get("GI_LOAD_CACHE", "redis") == "redis":
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ.get("GI_LOAD_REDIS_URL", "redis://127.0.0.1:6379/0"),
            "KEY_PREFIX": os.environ.get("GI_LOAD_CACHE_PREFIX", "gi_load"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

GI_WAGTAIL = {**GI_WAGTAIL, "PUBLIC_RATE_LIMIT": os.environ.get("GI_LOAD_RATE_LIMIT", "1000000/m")}  # noqa: F405
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A file, not :memory:, so threads in concurrency tests get real connections.
    import tempfile

    DATABASES["default"]["TEST"] = {"NAME": f"{tempfile.gettempdir()}/gi_wagtail_test_{os.getpid()}.sqlite3"}  # noqa: F405

# The suite sends hundreds of searches from one address; rate-limit tests set their own rate.
# The query log is written at once, so tests can read it right after a search.
GI_WAGTAIL = {**GI_WAGTAIL, "PUBLIC_RATE_LIMIT": None, "SEARCH_LOG_FLUSH_SECONDS": 0}  # noqa: F405

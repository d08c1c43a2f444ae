"""Settings of the test project: gi_wagtail on a small site of its own (``tests.testapp``), not the demo.

Like ``wagtail/test/settings.py``. ``DATABASE_URL`` switches from SQLite to PostgreSQL or MariaDB.
"""

import os
import tempfile

import dj_database_url

TMP_DIR = os.path.join(tempfile.gettempdir(), "gi_wagtail_tests")

DEBUG = False
SECRET_KEY = "test-only-secret"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

INSTALLED_APPS = [
    "tests.testapp",
    # gi_wagtail and what it needs.
    "gi_wagtail",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.typed_table_block",
    "django_tasks",
    "captcha",
    # What a `wagtail start` project has.
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "tests.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,  # tests/testapp/templates: the site's base.html, 404.html and 500.html
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{TMP_DIR}.sqlite3", conn_max_age=0)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers queue for the lock instead of failing with "database is locked". A file, not :memory:,
    # so threads in concurrency tests get real connections.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    DATABASES["default"]["TEST"] = {"NAME": f"{tempfile.gettempdir()}/gi_wagtail_test_{os.getpid()}.sqlite3"}
if DATABASES["default"]["ENGINE"] == "django.db.backends.mysql":
    DATABASES["default"].setdefault("OPTIONS", {})["charset"] = "utf8mb4"
    DATABASES["default"]["TEST"] = {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_general_ci"}

LANGUAGE_CODE = "zh-hans"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False

STATIC_URL = "/static/"
STATIC_ROOT = os.path.join(TMP_DIR, "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = os.path.join(TMP_DIR, "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "高青县科学技术局"
WAGTAILADMIN_BASE_URL = "http://localhost"
# What gi_wagtail's integration guide asks for (docs/integrators/installation.md).
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "pdf",
    "txt",
    "xlsx",
    "zip",
]  # gi_wagtail.security.uploads.DOCUMENT_EXTENSIONS
WAGTAILDOCS_DOCUMENT_FORM_BASE = "gi_wagtail.security.uploads.GiDocumentForm"
WAGTAIL_FINISH_WORKFLOW_ACTION = "gi_wagtail.review.finish.publish_reviewed_revision"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "gi_wagtail.search.wagtail_backend"}}
# django-simple-captcha accepts "PASSED" as the answer (the public 依申请公开 form's tests type it).
CAPTCHA_TEST_MODE = True
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

GI_WAGTAIL = {
    "SEARCH_BACKEND": "embedded",
    "INDEX_NUMBER_PATTERN": "{org_code}/{year}-{serial:05d}",
    # Public pages extend the test site's own base template.
    "BASE_TEMPLATE": "base.html",
    # The suite sends hundreds of searches from one address; rate-limit tests set their own rate.
    "PUBLIC_RATE_LIMIT": None,
    # Tests read the query log right after searching (the buffering has its own test).
    "SEARCH_LOG_FLUSH_SECONDS": 0,
    # Pages are rendered afresh, so query counts measure the rendering (tests/integration/test_public_cache.py
    # switches the fragment cache on).
    "PUBLIC_CACHE_SECONDS": None,
}

# The redaction filter on the request log, as docs/operators/security.md asks (the path loads at start-up).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"gi_redact": {"()": "gi_wagtail.security.log_filters.RedactPersonalDataFilter"}},
    "handlers": {"redacted": {"class": "logging.NullHandler", "filters": ["gi_redact"]}},
    "loggers": {"django.request": {"handlers": ["redacted"], "level": "ERROR"}},
}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

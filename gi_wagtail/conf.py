"""Integrator settings: one ``GI_WAGTAIL`` dict, defaults kept here.

Read values with ``gi_settings.NAME``; the merged view is rebuilt whenever
Django's ``setting_changed`` fires (``override_settings`` in tests).
"""

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

DEFAULTS = {
    # Search backend: "embedded" (the site's own database) or "elasticsearch".
    "SEARCH_BACKEND": "embedded",
    # Elasticsearch connection and index naming (used by the "elasticsearch" backend).
    "ELASTICSEARCH": {
        "HOSTS": ["http://127.0.0.1:9200"],
        "INDEX_PREFIX": "gi_wagtail",
        "ANALYZER": "cjk",  # "cjk", "smartcn" or "ik"
        "OPTIONS": {},
        # Documents per bulk request when indexing.
        "CHUNK_SIZE": 500,
        # Result pages deeper than this use search_after instead of from/size.
        "SEARCH_AFTER_FROM": 1000,
        # Answer from the embedded index while the cluster is down.
        "FALLBACK": True,
        # Public searches: seconds to open a connection, and in all for every request of one search;
        # past them the embedded index answers (a hung cluster costs a visitor at most SEARCH_TIMEOUT).
        "SEARCH_CONNECT_TIMEOUT": 0.3,
        "SEARCH_TIMEOUT": 1.0,
        # Circuit breaker: after this many failed searches in a row (0: off), searches go straight to
        # the embedded index for BREAKER_COOLDOWN seconds, then one trial search may reach the cluster.
        "BREAKER_FAILURES": 3,
        "BREAKER_COOLDOWN": 30,
    },
    # 索引号 pattern. Fields: {org_code} {year} {month} {category_code} {serial}.
    # {serial} is required; give it a width such as {serial:05d}.
    "INDEX_NUMBER_PATTERN": "{org_code}/{year}-{serial:05d}",
    # Template that every public gi_wagtail page extends.
    "BASE_TEMPLATE": "gi_wagtail/base.html",
    # Catalogue listings and search results per page.
    "ITEMS_PER_PAGE": 20,
    # Longest search query accepted (characters); longer input is cut.
    "SEARCH_MAX_QUERY_LENGTH": 100,
    # Largest accepted attachment upload, in megabytes (gi_wagtail.security.uploads).
    "MAX_UPLOAD_MB": 20,
    # Requests per client IP for rate-limited public views (gi_wagtail.security.ratelimit), e.g. "60/m"; None: off.
    "PUBLIC_RATE_LIMIT": "60/m",
    # Lifetime in seconds of cached listing and search-result fragments (gi_wagtail.security.public_cache),
    # invalidated on every publish; None or 0: no fragment caching. Needs a shared cache with several processes.
    "PUBLIC_CACHE_SECONDS": 600,
    # Searches are counted in memory and written to the query log this often (seconds); 0: every search at once.
    "SEARCH_LOG_FLUSH_SECONDS": 10,
    # Page types a 政府信息公开首页 may be added under, as "app_label.ModelName" strings;
    # None: under any page (the site's home page included).
    "DISCLOSURE_INDEX_PARENT_PAGE_TYPES": None,
    # 依申请公开 (gi_wagtail.requests).
    "REQUESTS": {
        # Holiday-notice days for a year the chinesecalendar package does not know yet (ISO dates),
        # and the last day they cover: e.g. the 国务院办公厅 notice for next year, published in November.
        "EXTRA_HOLIDAYS": [],
        "EXTRA_WORKDAYS": [],
        "CALENDAR_EXTENDED_TO": None,
        # Handlers are reminded of open requests due within this many working days.
        "REMIND_WITHIN_WORKDAYS": 5,
        # Closed requests are anonymised this many days after their reply (gi_wagtail_anonymise_requests).
        "RETENTION_DAYS": 365 * 3,
        # Online applications per client IP (None: off); the lookup page uses PUBLIC_RATE_LIMIT.
        "APPLY_RATE_LIMIT": "5/h",
    },
    # Extra synonym file (one group per line, words separated by spaces or commas).
    "SYNONYMS_FILE": None,
}

SEARCH_BACKENDS = ("embedded", "elasticsearch")
INDEX_NUMBER_FIELDS = ("org_code", "year", "month", "category_code", "serial")


class GiSettings:
    """Attribute access to ``GI_WAGTAIL`` merged over ``DEFAULTS``."""

    def __init__(self):
        self._cache = None

    @property
    def user_settings(self):
        return getattr(settings, "GI_WAGTAIL", {})

    def _merged(self):
        if self._cache is None:
            merged = {}
            user = self.user_settings if isinstance(self.user_settings, dict) else {}
            for key, default in DEFAULTS.items():
                value = user.get(key, default)
                if isinstance(default, dict) and isinstance(value, dict):
                    value = {**default, **value}
                merged[key] = value
            self._cache = merged
        return self._cache

    def __getattr__(self, name):
        if name.startswith("_") or name not in DEFAULTS:
            raise AttributeError(name)
        return self._merged()[name]

    def reload(self):
        self._cache = None


gi_settings = GiSettings()


@receiver(setting_changed)
def _reload(*, setting, **kwargs):
    if setting == "GI_WAGTAIL":
        gi_settings.reload()

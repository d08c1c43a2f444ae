"""Settings for benchmark runs: the example site's test settings plus a few switches.

DATABASE_URL picks the database. GI_BENCH_SEARCH_BACKEND selects the gi_wagtail
search backend (``embedded`` by default, ``elasticsearch`` when that backend
exists); GI_BENCH_ES_URL points it at a server.
"""

import os

from example_site.settings.test import *  # noqa: F403

GI_WAGTAIL = dict(GI_WAGTAIL)  # noqa: F405
GI_WAGTAIL["SEARCH_BACKEND"] = os.environ.get("GI_BENCH_SEARCH_BACKEND", "embedded")
if os.environ.get("GI_BENCH_ES_URL"):
    GI_WAGTAIL["ELASTICSEARCH"] = {"HOSTS": [os.environ["GI_BENCH_ES_URL"]], "INDEX_PREFIX": "gi_bench"}
# Keep memory flat while importing many items: nothing records queries unless asked.
DEBUG = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}

# The site's Wagtail search is gi_wagtail's (as in the example site); "stock" reads the same
# index entries through Wagtail's own database backend, for the side-by-side numbers.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "gi_wagtail.search.wagtail_backend"},
    "stock": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False},
}

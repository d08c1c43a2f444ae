"""Page signal handlers (search index sync is connected in gi_wagtail.search)."""

from .search import signals as _search_signals  # noqa: E402,F401  (index sync, editor synonyms)

"""Page signal handlers (search index sync is connected in gi_wagtail.search)."""

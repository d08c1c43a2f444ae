"""What integrators and stored data refer to in search stays where it is."""

import pytest
from django.urls import reverse
from django.utils.module_loading import import_string

from gi_wagtail.search import base


@pytest.mark.parametrize(
    "path",
    [
        "gi_wagtail.search.embedded.EmbeddedBackend",
        "gi_wagtail.search.elasticsearch.ElasticsearchBackend",
        "gi_wagtail.search.wagtail_backend.SearchBackend",
        "gi_wagtail.search.tasks.sync_pages",
        "gi_wagtail.search.tasks.update_search_index",
        "gi_wagtail.search.base.get_backend",
        "gi_wagtail.search.base.SearchBackend",
        "gi_wagtail.search.base.SearchQuery",
        "gi_wagtail.search.base.SearchDocument",
        "gi_wagtail.search.base.SearchResults",
        "gi_wagtail.search.base.Hit",
        "gi_wagtail.search.base.FACETS",
    ],
)
def test_dotted_paths_resolve(path):
    assert import_string(path) is not None


def test_backend_aliases():
    assert base.BACKENDS == {
        "embedded": "gi_wagtail.search.embedded.EmbeddedBackend",
        "elasticsearch": "gi_wagtail.search.elasticsearch.ElasticsearchBackend",
    }


def test_queued_task_path():
    """Queued django-tasks store this path: a task queued before an upgrade must still run after it."""
    from gi_wagtail.search.tasks import update_search_index

    assert update_search_index.module_path == "gi_wagtail.search.tasks.update_search_index"


def test_fts_table_names():
    from gi_wagtail.search.embedded import dialects

    assert (dialects.TABLE, dialects.TEXT, dialects.FTS_TABLE) == (
        "gi_wagtail_searchentry",
        "gi_wagtail_searchentrytext",
        "gi_wagtail_searchentry_fts",
    )


def test_url_names():
    assert reverse("gi_wagtail_search")
    assert reverse("gi_wagtail_search_backlog_retry") == "/admin/gi-wagtail/search-backlog/retry/"

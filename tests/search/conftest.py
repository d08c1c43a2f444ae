import pytest


def pytest_collection_modifyitems(items):
    """Database access for tests that use ``search_db``. InnoDB makes FULLTEXT
    changes visible only after COMMIT, so on MySQL/MariaDB those tests run
    with real commits (and the tree is rebuilt by tests.factories)."""
    from django.conf import settings

    transactional = "mysql" in settings.DATABASES["default"]["ENGINE"]
    for item in items:
        if "search_db" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db(transaction=transactional))


@pytest.fixture
def search_db():
    return True


@pytest.fixture
def backend(search_db):
    from gi_wagtail.search.embedded import EmbeddedBackend

    return EmbeddedBackend()


@pytest.fixture
def root_page(search_db):
    from tests.factories import root_page

    return root_page()


@pytest.fixture
def make_page(root_page):
    """Create a live child page of the tree root."""
    from wagtail.models import Page

    def make(title="页面", **kwargs):
        page = Page(title=title, slug=kwargs.pop("slug", None) or f"p{Page.objects.count()}", **kwargs)
        root_page.add_child(instance=page)
        return page

    return make


@pytest.fixture
def catalogue(search_db, django_capture_on_commit_callbacks):
    from tests.factories import build_catalogue, root_page

    root_page()
    with django_capture_on_commit_callbacks(execute=True):
        return build_catalogue()


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run index updates queued for after commit, as a real request would."""

    def run(fn, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return fn(*args, **kwargs)

    return run

"""gi_wagtail.search.wagtail_backend: Wagtail admin page search finds Chinese words."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from tests.factories import add_item, build_catalogue

BACKENDS = {
    "default": {"BACKEND": "gi_wagtail.search.wagtail_backend"},
}


@pytest.fixture
def site(search_db, settings, django_capture_on_commit_callbacks):
    from tests.factories import root_page

    settings.WAGTAILSEARCH_BACKENDS = BACKENDS
    root_page()
    with django_capture_on_commit_callbacks(execute=True):
        _, category, org = build_catalogue()
        live = add_item(
            category,
            "高岭县科学技术局关于开展科技特派员选派工作的通知",
            organisation=org,
            summary="科技特派员深入乡村一线。",
        )
        draft = add_item(category, "关于建筑工地扬尘治理的通知（草稿）", publish=False)
    return live, draft


def test_page_search_finds_words_inside_text(site):
    live, draft = site
    backend = get_search_backend()
    assert [p.pk for p in backend.search("特派员", Page)] == [live.pk]
    assert [p.pk for p in backend.search("科技局", Page.objects.all())] == [live.pk]  # synonym
    assert [p.pk for p in backend.search("乡村", Page)] == [live.pk]  # body text
    assert [p.pk for p in backend.search("扬尘", Page)] == [draft.pk]  # draft, by title
    assert list(backend.search("火星", Page)) == []
    assert list(Page.objects.search("特派员")) == [live.page_ptr] or [p.pk for p in Page.objects.search("特派员")] == [
        live.pk
    ]


def test_other_models_use_stock_search(site):
    from gi_wagtail.models import Organisation

    backend = get_search_backend()
    assert [o.name for o in backend.search("高青县科学技术局", Organisation)] == ["高青县科学技术局"]


def test_admin_page_search(site, client):
    live, draft = site
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "pw")
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "特派员"})
    assert response.status_code == 200
    assert live.title in response.content.decode()
    response = client.get(reverse("wagtailadmin_pages:search"), {"q": "扬尘"})
    assert draft.title in response.content.decode()

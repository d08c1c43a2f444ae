"""Publishing while Elasticsearch is down: nothing fails, nothing is lost.

osmem keeps everything in memory, so a restarted server is empty: the test
publishes only while the cluster is down and checks that exactly those items
arrive once it is back.
"""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gi_wagtail.models import SearchIndexBacklog
from gi_wagtail.search.base import SearchQuery
from tests.factories import add_item, build_catalogue
from tests.search.elasticsearch.conftest import ENV_URL, free_port, start_osmem, use_cluster

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

TITLES = ["高新技术企业认定管理办法", "科技特派员工作方案", "县财政局部门预算公开", "政府信息公开工作年度报告"]


class Cluster:
    """A cluster the test can stop and start again on the same address."""

    def __init__(self, es_engine):
        self.port = free_port()
        self.server = None
        self.shared = es_engine is None

    @property
    def url(self):
        return ENV_URL if self.shared else f"http://127.0.0.1:{self.port}"

    def start(self):
        if not self.shared:
            self.server = start_osmem(addr=f"127.0.0.1:{self.port}")

    def stop(self):
        if self.server:
            self.server.close()
            self.server = None


@pytest.fixture
def cluster(es_engine, settings, es_prefix):
    c = Cluster(es_engine)
    c.start()
    yield c
    c.stop()


def run(*args):
    from io import StringIO

    out = StringIO()
    try:
        call_command(*args, stdout=out, stderr=out)
        return True, out.getvalue()
    except CommandError as exc:
        return False, out.getvalue() + str(exc)


def search(text):
    from gi_wagtail.search.elasticsearch import ElasticsearchBackend

    return ElasticsearchBackend().search(SearchQuery(text))


def test_publish_during_outage_is_queued_then_delivered(
    cluster, settings, es_prefix, django_capture_on_commit_callbacks
):
    dead = f"http://127.0.0.1:{free_port()}"
    use_cluster(settings, cluster.url, es_prefix)
    _, category, organisation = build_catalogue()
    call_command("gi_wagtail_rebuild_index", "--backend", "elasticsearch", verbosity=0)

    # Down: osmem stopped (or, against a shared cluster, an address nobody serves).
    cluster.stop()
    if cluster.shared:
        use_cluster(settings, dead, es_prefix)
    items = []
    for i, title in enumerate(TITLES):
        with django_capture_on_commit_callbacks(execute=True):
            items.append(add_item(category, title, organisation=organisation, published_on=dt.date(2024, 3, i + 1)))
    assert all(item.live for item in items)  # publishing succeeded
    backlog = list(SearchIndexBacklog.objects.all())
    assert {r.page_id for r in backlog} == {i.pk for i in items}
    assert all(r.attempts == 1 and r.last_error and r.next_attempt_at for r in backlog), [
        (r.page_id, r.action, r.attempts, r.last_error[:40], r.next_attempt_at)
        for r in backlog
        if not (r.attempts == 1 and r.last_error and r.next_attempt_at)
    ]

    # Public search falls back to the embedded backend and says so.
    results = search("科技特派员")
    assert results.fallback is True and results.engine == "embedded"
    assert "unavailable" in str(results.notice) or "暂时不可用" in str(results.notice)  # English or zh-hans
    assert [h.page_id for h in results.hits if not h.partial] == [items[1].pk]

    healthy, output = run("gi_wagtail_search_health")
    assert not healthy
    assert "UNREACHABLE" in output and f"backlog:   {len(TITLES)} pages pending" in output

    # Back up: drain, and every item published during the outage is searchable.
    cluster.start()
    use_cluster(settings, cluster.url, es_prefix)
    healthy, output = run("gi_wagtail_search_health", "--drain")
    assert f"Drained: {len(TITLES)} indexed, 0 deleted, 0 failed, 0 remaining" in output
    assert SearchIndexBacklog.objects.count() == 0
    for item in items:
        results = search(item.title)
        assert results.fallback is False
        assert item.pk in [h.page_id for h in results.hits], item.title
    if cluster.shared:
        assert healthy, output
    else:  # osmem restarted empty: the pages indexed before the outage are gone, and health says so
        assert not healthy and "--repair" in output
        healthy, output = run("gi_wagtail_search_health", "--repair")
        assert healthy, output


def test_unpublish_and_delete_reach_the_index(cluster, settings, es_prefix, django_capture_on_commit_callbacks):
    use_cluster(settings, cluster.url, es_prefix)
    _, category, organisation = build_catalogue()
    with django_capture_on_commit_callbacks(execute=True):
        kept = add_item(category, "科技成果转化项目公示", organisation=organisation)
        gone = add_item(category, "科技成果登记办法", organisation=organisation)
        hidden = add_item(category, "科技成果奖励名单", organisation=organisation)
    assert {h.page_id for h in search("科技成果").hits} == {kept.pk, gone.pk, hidden.pk}
    with django_capture_on_commit_callbacks(execute=True):
        hidden.unpublish()
        gone.delete()
    assert [h.page_id for h in search("科技成果").hits] == [kept.pk]
    assert SearchIndexBacklog.objects.count() == 0


def test_rebuild_command_swaps_the_alias(cluster, settings, es_prefix, django_capture_on_commit_callbacks):
    from gi_wagtail.search.elasticsearch import ElasticsearchBackend

    use_cluster(settings, cluster.url, es_prefix)
    _, category, organisation = build_catalogue()
    with django_capture_on_commit_callbacks(execute=True):
        for title in TITLES:
            add_item(category, title, organisation=organisation)
    backend = ElasticsearchBackend()
    before = backend.current_indices()
    old_total = backend.search(SearchQuery("", page_size=50)).total
    assert old_total == len(TITLES)  # what publishing indexed
    seen_during = []

    # Searches during the rebuild read the old, complete index.
    def progress(n):
        seen_during.append(backend.search(SearchQuery("", page_size=50)).total)

    from gi_wagtail.search.documents import iter_documents, searchable_pages

    expected = set(searchable_pages().values_list("pk", flat=True))  # items and the pages above them
    assert backend.rebuild(iter_documents(), progress=progress) == len(expected)
    assert len(seen_during) == len(expected) and set(seen_during) == {old_total}
    assert backend.search(SearchQuery("", page_size=50)).total == len(expected)
    after = backend.current_indices()
    assert len(after) == 1 and after != before
    assert not backend.client.indices.exists(index=before[0])
    assert backend.indexed_ids() == expected


def test_index_prefix_separates_sites(cluster, settings):
    from gi_wagtail.search.base import SearchDocument
    from gi_wagtail.search.elasticsearch import ElasticsearchBackend

    use_cluster(settings, cluster.url, "site_a-prod")
    a = ElasticsearchBackend()
    a.rebuild([SearchDocument(page_id=1, title="甲站科技通知")])
    use_cluster(settings, cluster.url, "site_b-prod")
    b = ElasticsearchBackend()
    b.rebuild([SearchDocument(page_id=1, title="乙站财政通知")])
    try:
        assert [h.title for h in b.search(SearchQuery("通知")).hits] == ["乙站财政通知"]
        use_cluster(settings, cluster.url, "site_a-prod")
        assert [h.title for h in ElasticsearchBackend().search(SearchQuery("通知")).hits] == ["甲站科技通知"]
    finally:
        for name in a.current_indices() + b.current_indices():
            a.client.indices.delete(index=name, ignore_unavailable=True)


def test_admin_health_panel_and_retry(
    cluster, settings, es_prefix, client, django_user_model, django_capture_on_commit_callbacks
):
    use_cluster(settings, cluster.url, es_prefix)
    _, category, organisation = build_catalogue()
    admin = django_user_model.objects.create_superuser("admin", "a@example.com", "pw")
    client.force_login(admin)
    cluster.stop()
    if cluster.shared:
        use_cluster(settings, f"http://127.0.0.1:{free_port()}", es_prefix)
    with django_capture_on_commit_callbacks(execute=True):
        add_item(category, "应急预案", organisation=organisation)
    html = client.get("/admin/").content.decode()
    assert "Elasticsearch is unreachable" in html or "无法连接" in html or "无法访问" in html
    assert "gi-wagtail-search-health" in html
    cluster.start()
    use_cluster(settings, cluster.url, es_prefix)
    response = client.post("/admin/gi-wagtail/search-backlog/retry/")
    assert response.status_code == 302
    assert SearchIndexBacklog.objects.count() == 0
    html = client.get("/admin/").content.decode()
    # Reachable again, but the index holds only the item published meanwhile.
    assert "无法连接" not in html and "gi_wagtail_search_health --repair" in html
    call_command("gi_wagtail_search_health", "--repair", stdout=StringIO(), stderr=StringIO())
    html = client.get("/admin/").content.decode()
    assert "help-critical" not in html


def test_public_search_page_says_it_fell_back(cluster, settings, es_prefix, client, django_capture_on_commit_callbacks):
    from django.urls import reverse

    use_cluster(settings, cluster.url, es_prefix)
    _, category, organisation = build_catalogue()
    with django_capture_on_commit_callbacks(execute=True):
        item = add_item(category, "森林防火责任书", organisation=organisation)
    url = reverse("gi_wagtail_search")
    html = client.get(url, {"q": "森林防火"}).content.decode()
    assert "gi-search-fallback" not in html and "森林防火" in html
    cluster.stop()
    if cluster.shared:
        use_cluster(settings, f"http://127.0.0.1:{free_port()}", es_prefix)
    response = client.get(url, {"q": "森林防火"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "gi-search-fallback" in html
    assert item.url in html  # found by the embedded backend
    data = client.get(url, {"q": "森林防火", "format": "json"}).json()
    assert data["notice"] and [h["id"] for h in data["hits"]] == [item.pk]

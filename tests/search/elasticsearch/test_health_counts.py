"""``gi_wagtail_search_health`` is not fooled by a cluster that restarted empty: it compares the
documents with the live pages, and ``--repair`` indexes what is missing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gi_wagtail.search.base import SearchQuery
from gi_wagtail.search.documents import count_documents
from tests.factories import add_item, build_catalogue
from tests.search.elasticsearch.conftest import ENV_URL, free_port, start_osmem, use_cluster

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

TITLES = ["高新技术企业认定管理办法", "科技特派员工作方案", "县财政局部门预算公开"]


def health(*args):
    out = StringIO()
    try:
        call_command("gi_wagtail_search_health", *args, stdout=out, stderr=out)
        return True, out.getvalue()
    except CommandError as exc:
        return False, out.getvalue() + str(exc)


@pytest.fixture
def restartable(es_engine, es_url):
    """(url, restart): osmem keeps everything in memory, so a restart leaves it empty."""
    if ENV_URL:  # a shared cluster cannot be restarted: the test deletes its indices instead
        yield ENV_URL, None
        return
    port = free_port()
    server = {"osmem": start_osmem(addr=f"127.0.0.1:{port}")}

    def restart():
        server["osmem"].close()
        server["osmem"] = start_osmem(addr=f"127.0.0.1:{port}")

    yield f"http://127.0.0.1:{port}", restart
    server["osmem"].close()


def test_a_cluster_that_restarted_empty_is_not_healthy_and_repair_refills_it(
    restartable, settings, es_prefix, django_capture_on_commit_callbacks
):
    from gi_wagtail.search.elasticsearch import ElasticsearchBackend

    url, restart = restartable
    use_cluster(settings, url, es_prefix)
    _, category, organisation = build_catalogue()
    call_command("gi_wagtail_rebuild_index", "--backend", "elasticsearch", verbosity=0)
    with django_capture_on_commit_callbacks(execute=True):
        items = [add_item(category, title, organisation=organisation) for title in TITLES]
    live = count_documents()
    healthy, output = health()
    assert healthy, output
    assert f"documents: {live} indexed, {live} live pages" in output

    # The cluster comes back empty; one publish afterwards creates the index again, with one document.
    if restart:
        restart()
    else:
        backend = ElasticsearchBackend()
        backend.client.indices.delete(index=f"{es_prefix}-*", allow_no_indices=True)
        backend.close()
    with django_capture_on_commit_callbacks(execute=True):
        items.append(add_item(category, "政府信息公开工作年度报告", organisation=organisation))
    healthy, output = health()
    assert not healthy
    assert f"documents: 1 indexed, {live + 1} live pages" in output
    assert f"Elasticsearch holds 1 documents but {live + 1} pages are live" in output
    assert "--repair" in output

    healthy, output = health("--repair")
    assert f"Repaired: {live} missing pages indexed, 0 extra documents removed" in output
    assert healthy, output
    results = ElasticsearchBackend().search(SearchQuery("科技特派员"))
    assert results.fallback is False
    assert [h.page_id for h in results.hits if not h.partial] == [items[1].pk]


def test_repair_removes_documents_of_pages_gone(settings, es_url, es_prefix, django_capture_on_commit_callbacks):
    from gi_wagtail.search.base import SearchDocument
    from gi_wagtail.search.elasticsearch import ElasticsearchBackend

    use_cluster(settings, es_url, es_prefix)
    build_catalogue()
    call_command("gi_wagtail_rebuild_index", "--backend", "elasticsearch", verbosity=0)
    backend = ElasticsearchBackend()
    backend.index([SearchDocument(page_id=987654, title="已删除的页面", url="/gone/")])  # a page gone meanwhile
    healthy, output = health()
    assert not healthy and f"holds {count_documents() + 1} documents" in output
    healthy, output = health("--repair")
    assert "Repaired: 0 missing pages indexed, 1 extra documents removed" in output
    assert healthy, output
    assert 987654 not in backend.indexed_ids()
    backend.close()

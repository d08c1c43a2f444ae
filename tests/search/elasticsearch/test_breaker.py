"""A hung or failing Elasticsearch costs a visitor at most ``SEARCH_TIMEOUT``, and after
``BREAKER_FAILURES`` failed searches nothing is asked of it until the cool-down is over.

The "cluster" here is a real TCP server in a thread: one accepts connections and never answers,
the other accepts and closes them at once. It counts the connections it accepts.
"""

import socket
import threading
import time

import pytest
from django.core.management import call_command
from django.urls import reverse

from gi_wagtail.search.elasticsearch.breaker import Breaker
from tests.factories import add_item, build_catalogue
from tests.search.elasticsearch.conftest import use_cluster

pytestmark = [pytest.mark.elasticsearch, pytest.mark.django_db]

NOTICE = "主检索服务暂时不可用"  # "The main search service is unavailable" (zh-hans)
TITLE = "科技特派员工作方案"
COOLDOWN = 1.5


class SilentServer:
    """Accepts TCP connections; keeps them open without a word, or (``close``) closes them at once."""

    def __init__(self, close=False):
        self.close_at_once = close
        self.accepted = 0
        self.held = []
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.sock.settimeout(0.05)
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def _serve(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            if self.close_at_once:
                conn.close()
            else:
                self.held.append(conn)

    def connections(self):
        """Accepted so far (after a moment, so a connection the kernel took is counted)."""
        time.sleep(0.2)
        return self.accepted

    def stop(self):
        self.running = False
        self.thread.join()
        self.sock.close()
        for conn in self.held:
            conn.close()


@pytest.fixture
def hung():
    server = SilentServer()
    yield server
    server.stop()


@pytest.fixture
def closing():
    server = SilentServer(close=True)
    yield server
    server.stop()


@pytest.fixture
def item(settings, django_capture_on_commit_callbacks):
    """A published item in the embedded index (the fallback)."""
    settings.GI_WAGTAIL = {**getattr(settings, "GI_WAGTAIL", {}), "SEARCH_BACKEND": "embedded"}
    _, category, organisation = build_catalogue()
    with django_capture_on_commit_callbacks(execute=True):
        item = add_item(category, TITLE, organisation=organisation)
    return item


@pytest.fixture
def warm(client, item):
    """One search first, so loading dictionaries, templates and the client library is not counted below."""
    import gi_wagtail.search.elasticsearch.backend  # noqa: F401

    seconds, data = as_json(client)
    assert "notice" not in data and [h["id"] for h in data["hits"]] == [item.pk]
    seconds, html = page(client)
    assert NOTICE not in html and listed(html, item)
    return seconds


def listed(html, item):
    return f'href="{item.url}"' in html


def page(client, q="科技特派员"):
    """The public search page: (seconds taken, HTML)."""
    start = time.monotonic()
    response = client.get(reverse("gi_wagtail_search"), {"q": q})
    assert response.status_code == 200
    return time.monotonic() - start, response.content.decode()


def as_json(client, q="科技特派员"):
    start = time.monotonic()
    response = client.get(reverse("gi_wagtail_search"), {"q": q, "format": "json"})
    assert response.status_code == 200
    return time.monotonic() - start, response.json()


def test_hung_engine_costs_a_visitor_at_most_a_second_then_the_breaker_opens(
    client, settings, hung, item, warm, es_prefix, es_url
):
    use_cluster(settings, hung.url, es_prefix, BREAKER_FAILURES=3, BREAKER_COOLDOWN=COOLDOWN)

    # Three searches wait for the hung engine (SEARCH_TIMEOUT, default 1 s), then the fallback answers.
    seconds, html = page(client)
    assert seconds < 1.5
    assert NOTICE in html and listed(html, item)
    seconds, data = as_json(client)
    assert seconds < 1.5
    assert NOTICE in data["notice"] and [h["id"] for h in data["hits"]] == [item.pk]
    seconds, html = page(client)
    assert seconds < 1.5 and NOTICE in html
    assert hung.connections() == 3

    # Open: the fallback answers at once and the engine is not asked.
    for _ in range(3):
        seconds, html = page(client)
        assert seconds < 0.5 and NOTICE in html and listed(html, item)
    seconds, data = as_json(client)
    assert seconds < 0.5 and NOTICE in data["notice"] and data["hits"][0]["id"] == item.pk
    assert hung.connections() == 3

    # Cool-down over: one trial reaches the engine; it fails and the breaker opens again.
    time.sleep(COOLDOWN)
    seconds, html = page(client)
    assert seconds < 1.5 and NOTICE in html
    assert hung.connections() == 4
    seconds, html = page(client)
    assert seconds < 0.5 and NOTICE in html
    assert hung.connections() == 4

    # The engine is back (a real one, holding the item): after the cool-down the trial
    # succeeds, the answer comes from Elasticsearch without a notice, and the breaker is closed.
    use_cluster(settings, es_url, es_prefix, BREAKER_FAILURES=3, BREAKER_COOLDOWN=COOLDOWN)
    call_command("gi_wagtail_rebuild_index", "--backend", "elasticsearch", verbosity=0)
    time.sleep(COOLDOWN)
    _, data = as_json(client)
    assert "notice" not in data and [h["id"] for h in data["hits"]] == [item.pk]
    use_cluster(settings, hung.url, es_prefix, BREAKER_FAILURES=3, BREAKER_COOLDOWN=COOLDOWN)
    seconds, html = page(client)  # closed: this search asks the (hung again) engine
    assert seconds < 1.5 and NOTICE in html
    assert hung.connections() == 5


def test_refused_answers_open_the_breaker_without_retries(client, settings, closing, item, warm, es_prefix):
    use_cluster(settings, closing.url, es_prefix, BREAKER_FAILURES=2, BREAKER_COOLDOWN=60)
    for _ in range(2):
        seconds, html = page(client)
        assert seconds < 1.0 and NOTICE in html and listed(html, item)
    assert closing.connections() == 2  # one connection per search: no retry on the same node
    for _ in range(5):
        _, data = as_json(client)
        assert NOTICE in data["notice"] and data["hits"][0]["id"] == item.pk
    assert closing.connections() == 2


def test_a_slow_engine_shares_one_budget_across_the_requests_of_a_search(client, settings, hung, item, warm, es_prefix):
    use_cluster(settings, hung.url, es_prefix, SEARCH_TIMEOUT=0.4, SEARCH_CONNECT_TIMEOUT=0.1, BREAKER_FAILURES=0)
    for _ in range(4):  # breaker off: every search waits, but only 0.4 s
        seconds, html = page(client)
        assert 0.3 < seconds < 0.9 and NOTICE in html
    assert hung.connections() == 4


def test_one_trial_at_a_time_when_half_open(settings):
    breaker = Breaker("gi_test_half_open", failures=2, cooldown=0.5)
    other_worker = Breaker("gi_test_half_open", failures=2, cooldown=0.5)
    assert breaker.allow()
    breaker.failure()
    assert breaker.state() == "closed" and other_worker.allow()
    other_worker.failure()  # the count is shared
    assert breaker.state() == "open"
    assert not breaker.allow() and not other_worker.allow()
    time.sleep(0.6)
    assert breaker.state() == "half-open"
    assert breaker.allow()  # the trial
    assert not other_worker.allow()  # only one
    breaker.success()
    assert breaker.state() == "closed"
    assert other_worker.allow() and breaker.allow()


def test_a_success_resets_the_count_of_failures(settings):
    breaker = Breaker("gi_test_reset", failures=2, cooldown=30)
    breaker.allow()
    breaker.failure()
    breaker.allow()
    breaker.success()
    breaker.allow()
    breaker.failure()
    assert breaker.state() == "closed" and breaker.allow()

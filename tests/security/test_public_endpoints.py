"""Public endpoints: rate limiting, CSRF on every POST, no stack traces for visitors, clean rich text."""

import json

from django.core.cache import cache
from django.core.checks import run_checks
from django.test import Client, TestCase, override_settings
from django.urls import URLPattern, URLResolver, reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import gi_wagtail.urls
from gi_wagtail.review.workflow import setup_workflow
from gi_wagtail.security.sanitize import sanitize_rich_text
from tests.factories import add_item, build_catalogue
from tests.helpers import edit_form_data, make_staff

EVIL = '<p>通知正文<script>alert("x")</script><img src="x" onerror="alert(1)"><a href="javascript:alert(1)" onclick="alert(2)">链接</a></p>'


@override_settings(ROOT_URLCONF="tests.security.urls")
class RateLimitTests(TestCase):
    def setUp(self):
        cache.clear()

    def test_limit_per_client_then_429_with_friendly_page(self):
        for _ in range(3):
            self.assertEqual(self.client.get("/t/limited/", REMOTE_ADDR="10.0.0.1").status_code, 200)
        response = self.client.get("/t/limited/", REMOTE_ADDR="10.0.0.1")
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response["Retry-After"], "60")
        self.assertTemplateUsed(response, "gi_wagtail/rate_limited.html")
        self.assertTemplateUsed(response, "base.html")  # the site's own look, via BASE_TEMPLATE
        self.assertContains(response, 'class="gi-rate-limited"', status_code=429)
        # Another visitor is not affected.
        self.assertEqual(self.client.get("/t/limited/", REMOTE_ADDR="10.0.0.2").status_code, 200)

    @override_settings(GI_WAGTAIL={"PUBLIC_RATE_LIMIT": "2/h", "BASE_TEMPLATE": "base.html"})
    def test_default_rate_comes_from_settings(self):
        codes = [self.client.get("/t/limited-default/", REMOTE_ADDR="10.0.0.3").status_code for _ in range(3)]
        self.assertEqual(codes, [200, 200, 429])

    @override_settings(GI_WAGTAIL={"PUBLIC_RATE_LIMIT": "2/m", "BASE_TEMPLATE": "base.html"})
    def test_public_search_is_rate_limited(self):
        codes = [self.client.get("/gi/search/", {"q": "科技局"}, REMOTE_ADDR="10.0.0.9").status_code for _ in range(3)]
        self.assertEqual(codes, [200, 200, 429])

    @override_settings(GI_WAGTAIL={"PUBLIC_RATE_LIMIT": None})
    def test_none_switches_limiting_off(self):
        codes = {self.client.get("/t/limited-default/", REMOTE_ADDR="10.0.0.4").status_code for _ in range(70)}
        self.assertEqual(codes, {200})

    @override_settings(GI_WAGTAIL={"PUBLIC_RATE_LIMIT": "lots"})
    def test_bad_rate_setting_is_a_check_error(self):
        self.assertIn("gi_wagtail.E020", {m.id for m in run_checks()})

    def test_good_rate_setting_passes_checks(self):
        self.assertNotIn("gi_wagtail.E020", {m.id for m in run_checks()})


def _all_patterns(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _all_patterns(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            yield pattern


@override_settings(ROOT_URLCONF="tests.security.urls")
class CsrfTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        setup_workflow()
        cls.staff = make_staff()

    def test_no_gi_wagtail_view_is_csrf_exempt(self):
        for pattern in _all_patterns(gi_wagtail.urls.urlpatterns):
            self.assertFalse(getattr(pattern.callback, "csrf_exempt", False), pattern)

    def test_public_post_without_token_is_refused(self):
        client = Client(enforce_csrf_checks=True)
        self.assertEqual(client.post("/t/feedback/", {"text": "hi"}).status_code, 403)
        client.get("/t/limited/")  # any page; the token comes from the cookie set by a form page in real use
        token = "a" * 32
        client.cookies["csrftoken"] = token
        self.assertEqual(client.post("/t/feedback/", {"text": "hi", "csrfmiddlewaretoken": token}).status_code, 200)

    def test_admin_workflow_and_edit_posts_need_token(self):
        item = add_item(self.category, "待审条目", publish=False)
        setup_workflow().start(item, self.staff.editor)
        item.refresh_from_db()
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.staff.reviewer)
        url = reverse(
            "wagtailadmin_pages:workflow_action", args=(item.pk, "approve", item.current_workflow_task_state.pk)
        )
        response = client.post(url, {"reason": "同意", "reviewer_name": "李审查"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(item.current_workflow_task_state.status, "in_progress")
        client.force_login(self.staff.editor)
        response = client.post(reverse("wagtailadmin_pages:edit", args=(item.pk,)), {"title": "改"})
        self.assertEqual(response.status_code, 403)


@override_settings(ROOT_URLCONF="tests.security.urls", DEBUG=False, DEBUG_PROPAGATE_EXCEPTIONS=False)
class ErrorPageTests(TestCase):
    def test_server_error_shows_friendly_page_without_traceback(self):
        self.client.raise_request_exception = False
        with self.assertLogs("django.request", level="ERROR"):
            response = self.client.get("/t/boom/")
        self.assertEqual(response.status_code, 500)
        body = response.content.decode()
        self.assertIn("服务器错误", body)
        for leak in ("Traceback", "RuntimeError", "/srv/secret", "token=abc123", "settings"):
            self.assertNotIn(leak, body)

    def test_missing_page_is_plain_404(self):
        response = self.client.get("/xxgk/no-such-item/")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Traceback", response.content.decode())
        self.assertNotIn("urlpatterns", response.content.decode())


def body_html(response):
    """The item's body: the page around it legitimately loads the site's own scripts."""
    html = response.content.decode()
    return html[html.index('<div class="gi-body">') : html.index("</article>")]


class RichTextTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()

    def test_editor_input_is_whitelisted_before_render(self):
        self.login()
        item = add_item(self.category, "富文本条目")
        # What the Draftail editor posts: pasted HTML, and hand-made contentstate with a javascript: link.
        pasted = rich_text(
            '<p>通知正文<script>alert("x")</script><a href="javascript:alert(1)" onclick="alert(2)">链接</a></p>'
        )
        forged = json.dumps(
            {
                "blocks": [
                    {
                        "key": "a1",
                        "text": '第二段<script>alert("y")</script><img src=x onerror=alert(1)>',
                        "type": "unstyled",
                        "depth": 0,
                        "inlineStyleRanges": [],
                        "entityRanges": [{"offset": 0, "length": 3, "key": 0}],
                    }
                ],
                "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": "javascript:alert(3)"}}},
            }
        )
        data = edit_form_data(self.client, item, **{"action-publish": "action-publish"})
        data.pop("body-count")
        data.update(nested_form_data({"body": streamfield([("paragraph", pasted), ("paragraph", forged)])}))
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=(item.pk,)), data)
        self.assertEqual(response.status_code, 302)
        html = body_html(self.client.get(item.url))
        self.assertIn("通知正文", html)
        self.assertIn("第二段", html)
        for bad in ("<script", "<img", "javascript:", "onclick=", 'alert("x")</script>'):
            self.assertNotIn(bad, html)

    def test_sanitizer_for_direct_writes(self):
        clean = sanitize_rich_text(
            EVIL + '<p onmouseover="x()">二<a href="https://www.gov.cn/">国务院</a><iframe src="//x"></iframe>'
        )
        self.assertEqual(clean, '<p>通知正文<a>链接</a></p><p>二<a href="https://www.gov.cn/">国务院</a></p>')
        item = add_item(self.category, "导入条目", body=[("paragraph", sanitize_rich_text(EVIL))])
        html = body_html(self.client.get(item.url))
        self.assertIn("通知正文", html)
        self.assertNotIn("<script", html)
        self.assertNotIn("onerror", html)

    def test_sanitizer_never_fails_on_garbage(self):
        for garbage in ("<p><b>unclosed", "</p></p><<<>>>", "\x00\x01", "<a href=x", None, ""):
            self.assertIsInstance(sanitize_rich_text(garbage), str)

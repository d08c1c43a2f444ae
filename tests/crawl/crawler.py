"""Open screens with the test client and collect every bad answer, instead of stopping at the first."""

import traceback
from pathlib import Path

from django.template.base import Node
from django.test import Client
from wagtail.models import Page

from tests.crawl import screens
from tests.crawl.formdata import edit_form, serialise

PROJECT = str(Path(__file__).resolve().parents[2])
# What a role that may not open a screen gets: a refusal or a redirect; 404 for what does not exist (yet).
REFUSED_OR_MOVED = {301, 302, 303, 403, 404, 405}
# A superuser may open every admin screen: only redirects, and 405 for a view that takes POST only.
SUPERUSER_MOVED = {301, 302, 303, 405}


class Crawler:
    def __init__(self, role, user=None):
        self.role = role
        self.client = Client()
        if user is not None:
            self.client.force_login(user)
        self.allowed = {200} | (SUPERUSER_MOVED if user is not None and user.is_superuser else REFUSED_OR_MOVED)
        self.bad = []  # (status or exception, role, url, detail)
        self.opened = 0

    def open(self, url, method="get", data=None, allowed=None):
        allowed = self.allowed if allowed is None else allowed
        self.opened += 1
        try:
            response = (
                getattr(self.client, method)(url, data=data) if data is not None else getattr(self.client, method)(url)
            )
        except Exception as exc:  # the test client re-raises what the view raised: that is a 500
            self.bad.append(("500", self.role, url, _where(exc)))
            return None
        if response.status_code not in allowed:
            self.bad.append((str(response.status_code), self.role, url, ""))
        return response

    def flag(self, url, detail):
        self.bad.append(("bad", self.role, url, detail))

    # -- the screens -------------------------------------------------------------------------------------------

    def public(self, page, follow_links=False):
        url = page.url
        if not url:
            return
        response = self.open(url, allowed=REFUSED_OR_MOVED | {200})  # 404 for a page not published
        if follow_links and response is not None and response.status_code == 200:
            for link in screens.subpage_links(response.content.decode(), url):
                self.open(link, allowed={200, 301, 302})

    def admin(self, page):
        responses = {}
        for label, url in screens.page_admin_urls(page):
            responses[label] = self.open(url)
        edit = responses.get("edit")
        if edit is not None and edit.status_code == 200:
            self.preview(page, edit)

    def preview(self, page, edit_response):
        """The Preview button: POST the serialised edit form to preview_on_edit, then load the preview."""
        form, soup = edit_form(edit_response.content.decode())
        preview = soup.find(attrs={"data-w-preview-url-value": True})
        if form is None or preview is None:
            return  # a read-only editor (locked page, reviewer): no form to preview from
        preview_url = preview["data-w-preview-url-value"]
        data = serialise(form, soup, block_fields(page))
        response = self.open(preview_url, method="post", data=_multidict(data))
        if response is None or response.status_code != 200:
            return
        if not response.json().get("is_valid"):
            self.flag(preview_url, f"preview form invalid: {form_errors(page, data, self.client)}")
            return
        for mode in [mode for mode, _label in page.specific.preview_modes] or [""]:
            shown = self.open(f"{preview_url}?mode={mode}&in_preview_panel=true", allowed={200})
            if shown is not None and "wagtailadmin/generic/preview_error.html" in [t.name for t in shown.templates]:
                self.flag(preview_url, "preview shows 'preview not available'")

    def report(self):
        return "\n".join(f"{status} {role} {url} {detail}".rstrip() for status, role, url, detail in self.bad)


def block_fields(page):
    """StreamField name → block definition, from the page type's edit form."""
    form_class = page.specific_class.get_edit_handler().get_form_class()
    return {name: field.block for name, field in form_class.base_fields.items() if hasattr(field, "block")}


def form_errors(page, pairs, client):
    """Why a serialised form does not validate (for the failure message only)."""
    from django.contrib.auth import SESSION_KEY, get_user_model

    page = page.specific
    user = get_user_model().objects.get(pk=client.session[SESSION_KEY])
    form_class = page.specific_class.get_edit_handler().get_form_class()
    form = form_class(
        _multidict(pairs),
        instance=page.get_latest_revision_as_object(),
        for_user=user,
        parent_page=Page.objects.get(pk=page.get_parent().pk),
    )
    form.defer_required_fields()
    form.is_valid()
    return form.errors.as_json()


def _multidict(pairs):
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data


def _where(exc):
    """Exception, message, the innermost frame in this project (else the innermost frame) and template line."""
    frames = traceback.extract_tb(exc.__traceback__)
    own = [f for f in frames if f.filename.startswith(PROJECT) and "/tests/" not in f.filename]
    frame = (own or frames)[-1]
    where = f"{type(exc).__name__}: {str(exc)[:200]} at {frame.filename.removeprefix(PROJECT + '/')}:{frame.lineno}"
    return where + _template_line(exc)


def _template_line(exc):
    """The innermost template node being rendered when the exception was raised."""
    found = ""
    for frame, _lineno in traceback.walk_tb(exc.__traceback__):
        node = frame.f_locals.get("self")
        if isinstance(node, Node) and getattr(node, "origin", None) and getattr(node, "token", None):
            found = f" (template {node.origin.template_name}:{node.token.lineno})"
    return found

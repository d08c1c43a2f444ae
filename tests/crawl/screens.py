"""Which screens exist, found from the page tree, the admin menu and the URL resolver, not from a list."""

from urllib.parse import urlencode, urlsplit

from bs4 import BeautifulSoup
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.menu import admin_menu
from wagtail.admin.viewsets import viewsets
from wagtail.coreutils import resolve_model_string
from wagtail.models import Page, get_page_models

# Page types and admin views of the product and of the site around it: the demo's `home` app, or the
# test project's `testapp` (the crawl runs on both).
APPS = ("gi_wagtail", "home", "testapp")
SEARCH_QUERY = "科技"


def own_page_models():
    return [model for model in get_page_models() if model._meta.app_label in APPS and not model._meta.abstract]


def page_admin_urls(page):
    """(label, url) of the admin screens of one page."""
    urls = [
        ("edit", reverse("wagtailadmin_pages:edit", args=[page.pk])),
        ("view_draft", reverse("wagtailadmin_pages:view_draft", args=[page.pk])),
        ("history", reverse("wagtailadmin_pages:history", args=[page.pk])),
        ("add_subpage", reverse("wagtailadmin_pages:add_subpage", args=[page.pk])),
        ("workflow_history", reverse("wagtailadmin_pages:workflow_history", args=[page.pk])),
    ]
    if page.numchild:
        urls.append(("explore", reverse("wagtailadmin_explore", args=[page.pk])))
    revisions = list(page.revisions.order_by("created_at", "pk").values_list("pk", flat=True))
    if revisions:
        urls.append(
            ("compare", reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, revisions[0], revisions[-1]]))
        )
        urls.append(("revision_view", reverse("wagtailadmin_pages:revisions_view", args=[page.pk, revisions[0]])))
    if len(revisions) > 1:  # the history's "review this version" of an older revision
        urls.append(("revision_revert", reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revisions[0]])))
    if page.live and page.has_unpublished_changes:
        urls.append(("compare_live", reverse("wagtailadmin_pages:revisions_compare", args=[page.pk, "live", "latest"])))
    state = page.current_workflow_state
    if state and state.current_task_state:
        task_state = state.current_task_state
        urls.append(
            ("workflow_preview", reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id]))
        )
        for action, _label, _modal in task_state.task.specific.get_actions(page, _superuser_for_actions()):
            urls.append(
                (
                    f"workflow_action_{action}",
                    reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk]),
                )
            )
    return urls


def _superuser_for_actions():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(is_superuser=True).first()


def add_view_urls():
    """(label, url) of the add view of each own page type under a page that may hold it; a page type with no
    possible parent in the crawled tree is returned with url None."""
    parents = [page.specific for page in Page.objects.order_by("path")]
    urls = []
    for model in own_page_models():
        meta = model._meta
        parent = next(
            (p for p in parents if model.can_create_at(p) and model in p.specific_class.allowed_subpage_models()), None
        )
        url = parent and reverse("wagtailadmin_pages:add", args=[meta.app_label, meta.model_name, parent.pk])
        urls.append((f"add {meta.label}", url))
        urls.append(
            (f"type_use {meta.label}", reverse("wagtailadmin_pages:type_use", args=[meta.app_label, meta.model_name]))
        )
    return urls


def menu_urls(user):
    """Every entry of the admin menu the user sees, submenus included."""
    request = RequestFactory().get("/admin/")
    request.user = user
    found = []

    def walk(menu):
        for item in menu.menu_items_for_request(request):
            if hasattr(item, "menu"):
                walk(item.menu)
            elif item.url.startswith("/"):
                found.append((f"menu {item.name}", item.url))

    walk(admin_menu)
    return found


def _viewset_models():
    models = {}
    for viewset in viewsets.viewsets:
        try:
            models[viewset.url_namespace] = resolve_model_string(viewset.model)
        except (AttributeError, ImproperlyConfigured):  # a viewset of no single model (page explorer, …)
            continue
    return models


def own_admin_urls():
    """(label, url) of every URL the app registers (its own names, or viewsets of its models), args filled from
    real objects; a URL whose args cannot be filled is returned with url None."""
    models = _viewset_models()
    found = []

    def walk(patterns, namespaces):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, namespaces + ([entry.namespace] if entry.namespace else []))
            elif isinstance(entry, URLPattern) and entry.name:
                name = ":".join(namespaces + [entry.name])
                model = models.get(namespaces[-1]) if namespaces else None
                module = getattr(entry.callback, "__module__", "")
                own = (
                    "gi_wagtail" in name
                    or module.startswith(APPS)
                    or (model is not None and model._meta.app_label in APPS)
                )
                if own:
                    found.extend(_fill(name, entry, model))

    walk(get_resolver().url_patterns, [])
    return found


def _fill(name, entry, model):
    params = list(entry.pattern.converters)
    if not params:
        url = reverse(name)
        return [(name, url), (f"{name} ?q", f"{url}?{urlencode({'q': SEARCH_QUERY})}")]
    if params in (["pk"], ["id"]) and model is not None:
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            return [(name, reverse(name, kwargs={params[0]: obj.pk}))]
    if name == "gi_wagtail_request_notice":  # a request's notices: the receipt, as DOCX and for print
        from gi_wagtail.requests.models import DisclosureRequest

        obj = DisclosureRequest.objects.order_by("pk").first()
        if obj is not None:
            return [
                (f"{name} {fmt}", reverse(name, kwargs={"pk": obj.pk, "kind": "receipt", "fmt": fmt}))
                for fmt in ("docx", "print")
            ]
    return [(name, None)]


def subpage_links(html, page_url):
    """Links in a public page that lead below it (downloads, comparison, filters, pagination)."""
    path = urlsplit(page_url).path
    links = set()
    for anchor in BeautifulSoup(html, "html.parser").find_all("a", href=True):
        href = anchor["href"]
        if href.startswith("?"):
            href = path + href
        parts = urlsplit(href)
        if parts.netloc or not parts.path.startswith(path) or href in (path, page_url):
            continue
        links.add(href if href.startswith("/") else path + href)
    return sorted(links)

"""Navigation of the public pages, as in bakerydemo's ``navigation_tags``.

    {% load gi_wagtail_tags %}
    {% gi_breadcrumb %}      renders gi_wagtail/includes/breadcrumb.html for the current page
    {% gi_category_nav %}    renders gi_wagtail/includes/category_nav.html (the catalogue's menu)
    {% gi_ancestors page as ancestors %}         the trail's pages, top first
    {% gi_catalogue_navigation page as nav %}   the menu's data: nav.root, nav.categories
    {% gi_request_link %}    the 依申请公开 entry: this site's form or the external platform
    {% gi_cached spec %}...{% endgi_cached %}   the body, served from the public cache when ``spec`` says so

The two includes also work when a template includes them directly: they then ask for their data.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import FilterExpression, Node, NodeList, Parser, Token
from django.template.context import Context
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page, Site

from gi_wagtail.catalogue import navigation
from gi_wagtail.requests.models import RequestMode, RequestSettings
from gi_wagtail.security import public_cache

register = template.Library()


def _page(context: Context, page: Page | None) -> Page | None:
    return page if page is not None else context.get("page")


@register.inclusion_tag("gi_wagtail/includes/breadcrumb.html", takes_context=True)
def gi_breadcrumb(context: Context, page: Page | None = None) -> dict[str, Any]:
    """The trail from the top of the site down to ``page`` (default: the page being rendered)."""
    page = _page(context, page)
    return {"page": page, "ancestors": gi_ancestors(page), "request": context.get("request")}


@register.inclusion_tag("gi_wagtail/includes/category_nav.html", takes_context=True)
def gi_category_nav(context: Context, page: Page | None = None) -> dict[str, Any]:
    """The categories of the disclosure index above ``page`` (default: the page being rendered)."""
    page = _page(context, page)
    return {"page": page, "nav": gi_catalogue_navigation(page), "request": context.get("request")}


@register.simple_tag
def gi_ancestors(page: Page | None) -> list[Page]:
    """The pages above ``page``, below the tree root, top first."""
    return navigation.ancestors(page) if page is not None else []


@register.simple_tag
def gi_catalogue_navigation(page: Page | None) -> dict[str, Any]:
    """``{"root": disclosure index or None, "categories": [...]}`` for ``page``."""
    if page is None:
        return {"root": None, "categories": []}
    return navigation.catalogue_navigation(page)


@register.inclusion_tag("gi_wagtail/requests/includes/request_link.html", takes_context=True)
def gi_request_link(context: Context) -> dict[str, Any]:
    """The 依申请公开 entry of the current site: this site's form, or the external platform in external mode."""
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    settings = RequestSettings.for_site(site) if site is not None else RequestSettings()
    if settings.mode == RequestMode.EXTERNAL:
        return {"url": settings.external_url, "external": True, "name": settings.external_name or settings.external_url}
    try:
        return {"url": reverse("gi_wagtail_request_apply"), "external": False}
    except NoReverseMatch:  # the project does not include gi_wagtail.urls
        return {"url": ""}


class CachedNode(Node):
    def __init__(self, nodelist: NodeList, spec: FilterExpression) -> None:
        self.nodelist, self.spec = nodelist, spec

    def render(self, context: Context) -> SafeString:
        # spec: None (render as usual) or {"key": ..., "entry": stored entry or None, "meta": {...}}
        spec = self.spec.resolve(context)
        if not spec or not spec.get("key"):
            return self.nodelist.render(context)
        if spec.get("entry"):
            return mark_safe(spec["entry"]["html"])  # rendered (and escaped) by this very template
        html = self.nodelist.render(context)
        public_cache.store(spec["key"], html, **spec.get("meta", {}))
        return html


@register.tag
def gi_cached(parser: Parser, token: Token) -> CachedNode:
    """``{% gi_cached spec %}...{% endgi_cached %}``: see gi_wagtail.security.public_cache."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("gi_cached takes one argument: {% gi_cached spec %}")
    nodelist = parser.parse(("endgi_cached",))
    parser.delete_first_token()
    return CachedNode(nodelist, parser.compile_filter(bits[1]))

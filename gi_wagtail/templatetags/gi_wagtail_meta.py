"""网站标识 and page metadata, as the 《政府网站发展指引》 and the 检查指标 ask.

{% load gi_wagtail_meta %}
{% gi_page_meta %}        in <head>: SiteName, SiteDomain, SiteIDCode, ColumnName, ColumnType, and on
                          article pages ArticleTitle, PubDate, ContentSource, Keywords
{% gi_site_identity %}    in the footer: 主办单位, 联系方式, 网站标识码, ICP备案号, 公安备案号
{% gi_page_metadata as meta %}   the meta tags as a list of (name, content) pairs
"""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.http import HttpRequest
from django.template.context import Context
from django.utils import timezone
from wagtail.models import Page, Site

from gi_wagtail.catalogue.models.category import AbstractCatalogueCategoryPage
from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage
from gi_wagtail.catalogue.models.item import AbstractDisclosureItemPage
from gi_wagtail.catalogue.models.site_identity import SiteIdentity
from gi_wagtail.reports.models import AbstractAnnualReportPage

register = template.Library()

# ColumnType: which of the four functions of a government site (《政府网站发展指引》) the column serves.
INFORMATION = "信息发布"
INTERPRETATION = "解读回应"
SERVICE = "办事服务"

# Pages that are not Wagtail pages: (URL name prefix, ColumnName, ColumnType).
VIEW_COLUMNS = (
    ("gi_wagtail_search", "站内搜索", INFORMATION),
    ("gi_wagtail_request", "依申请公开", SERVICE),
)


def site_and_identity(request: HttpRequest | None) -> tuple[Site | None, SiteIdentity]:
    """The current site and its identity setting (unsaved defaults when none is stored yet)."""
    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None, SiteIdentity()
    if request is None:
        return site, SiteIdentity.cached_for_site(site)
    identity = getattr(request, "_gi_site_identity", None)
    if identity is None or identity.site_id != site.pk:
        identity = request._gi_site_identity = SiteIdentity.cached_for_site(site)
    return site, identity


def _column_page(page: Page) -> Page | None:
    """The column a page belongs to: itself for a category or index, else the nearest one above it."""
    if isinstance(page, (AbstractCatalogueCategoryPage, AbstractDisclosureIndexPage)):
        return page
    ancestors = getattr(page, "gi_ancestors", None)
    if ancestors is None:
        ancestors = [p for p in page.get_ancestors() if not p.is_root()]
    for ancestor in reversed(ancestors):
        if issubclass(ancestor.specific_class or Page, (AbstractCatalogueCategoryPage, AbstractDisclosureIndexPage)):
            return ancestor
    return ancestors[-1] if ancestors else None


def column_type(page: Page | None, column: Page | None) -> str:
    """A page type may set ``gi_column_type``; a 政策解读 column is 解读回应, other columns 信息发布."""
    explicit = getattr(page, "gi_column_type", None) or getattr(column, "gi_column_type", None)
    if explicit:
        return explicit
    if column is not None and "解读" in column.title:
        return INTERPRETATION
    return INFORMATION


def pub_date(page: Page) -> str:
    """ "YYYY-MM-DD HH:MM": the page's publication date, with the time it went live when that was the same day.

    A back-dated 发布日期 keeps 00:00 rather than borrowing a time from another day.
    """
    published = getattr(page, "published_on", None)
    went_live = page.first_published_at or page.last_published_at
    live_local = timezone.localtime(went_live) if went_live else None
    if published is None:
        return live_local.strftime("%Y-%m-%d %H:%M") if live_local else ""
    if live_local is not None and live_local.date() == published:
        return live_local.strftime("%Y-%m-%d %H:%M")
    return datetime.datetime.combine(published, datetime.time()).strftime("%Y-%m-%d %H:%M")


def _content_source(page: Page, site_name: str) -> str:
    organisation = getattr(page, "organisation", None)
    if organisation is not None:
        return str(organisation)
    for ancestor in reversed(getattr(page, "gi_ancestors", [])):
        if issubclass(ancestor.specific_class or Page, AbstractDisclosureIndexPage):
            return ancestor.specific.agency_name or site_name
    return site_name


def _keywords(page: Page, column_name: str) -> str:
    if isinstance(page, AbstractAnnualReportPage):
        return ",".join(["政府信息公开工作年度报告", str(page.year)])
    keywords = getattr(page, "keywords", None)
    names = [tag.name for tag in keywords.all()] if keywords is not None else []
    if not names:
        names = [str(value) for value in (getattr(page, "topic", None), getattr(page, "genre", None)) if value]
    return ",".join(names or [column_name])


def page_metadata(context: Context | dict[str, Any]) -> list[tuple[str, str]]:
    """The meta tags of the page being rendered, in the order the 规范 lists them."""
    request = context.get("request")
    page = context.get("page")
    if not isinstance(page, Page):
        page = context.get("self") if isinstance(context.get("self"), Page) else None
    site, identity = site_and_identity(request)
    site_name = identity.site_name or (site.site_name if site else "") or ""
    domain = identity.site_domain or (site.hostname if site else "")
    meta = [("SiteName", site_name), ("SiteDomain", domain), ("SiteIDCode", identity.site_id_code)]

    if page is not None:
        column = _column_page(page)
        column_name = column.title if column is not None else page.title
        meta += [("ColumnName", column_name), ("ColumnType", column_type(page, column))]
        if isinstance(page, (AbstractDisclosureItemPage, AbstractAnnualReportPage)):
            meta += [
                ("ArticleTitle", page.title),
                ("PubDate", pub_date(page)),
                ("ContentSource", _content_source(page, site_name)),
                ("Keywords", _keywords(page, column_name)),
            ]
        return meta

    match = getattr(request, "resolver_match", None)
    url_name = (match.url_name or "") if match else ""
    for prefix, name, kind in VIEW_COLUMNS:
        if url_name.startswith(prefix):
            return meta + [("ColumnName", name), ("ColumnType", kind)]
    return meta + [("ColumnName", site_name), ("ColumnType", INFORMATION)]


@register.simple_tag(takes_context=True)
def gi_page_metadata(context: Context) -> list[tuple[str, str]]:
    return page_metadata(context)


@register.inclusion_tag("gi_wagtail/includes/page_meta.html", takes_context=True)
def gi_page_meta(context: Context) -> dict[str, Any]:
    return {"meta": page_metadata(context)}


@register.inclusion_tag("gi_wagtail/includes/site_identity.html", takes_context=True)
def gi_site_identity(context: Context) -> dict[str, Any]:
    site, identity = site_and_identity(context.get("request"))
    return {"identity": identity, "site_name": identity.site_name or (site.site_name if site else "")}

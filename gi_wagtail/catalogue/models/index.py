"""The agency's 政府信息公开 column."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.coreutils import resolve_model_string
from wagtail.fields import RichTextField
from wagtail.models import Page, get_page_models

from gi_wagtail.catalogue.index_form import DisclosureIndexAdminForm
from gi_wagtail.catalogue.models.base import GiPage
from gi_wagtail.catalogue.models.category import with_content
from gi_wagtail.conf import gi_settings

# Fallbacks when the editor has not picked the pages: the standard column names.
GUIDE_TITLES = ("政府信息公开指南",)
ANNUAL_REPORT_TITLES = ("政府信息公开年报", "政府信息公开工作年度报告")


class AbstractDisclosureIndexPage(GiPage):
    agency_name = models.CharField(_("agency name"), max_length=200, help_text=_("e.g. 高青县科学技术局"))
    org_code = models.CharField(
        _("organisation code"),
        max_length=32,
        blank=True,
        help_text=_("组织机构代码 or 统一社会信用代码; the {org_code} part of every 索引号."),
    )
    intro = RichTextField(_("introduction"), blank=True)
    guide_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("disclosure guide page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The 政府信息公开指南. Defaults to the category titled 政府信息公开指南."),
    )
    annual_reports_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("annual reports page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page listing the annual reports. Defaults to the category titled 政府信息公开年报."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("agency_name"), FieldPanel("org_code")], heading=_("Agency")),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("guide_page"), FieldPanel("annual_reports_page")], heading=_("Links")),
        FieldPanel("gi_create_columns"),
    ]

    base_form_class = DisclosureIndexAdminForm

    gi_template = "gi_wagtail/pages/disclosure_index_page.html"

    # The item page type of the "latest items" list (a site with its own item page names it here).
    gi_item_model = "gi_wagtail.DisclosureItemPage"

    class Meta:
        abstract = True

    @classmethod
    def clean_parent_page_models(cls) -> list[type[Page]]:
        """Where a 政府信息公开首页 may be added.

        A subclass that sets ``parent_page_types`` decides for itself. Otherwise
        ``GI_WAGTAIL["DISCLOSURE_INDEX_PARENT_PAGE_TYPES"]`` lists the allowed parent
        page types (checked by ``gi_wagtail.E010``); unset (``None``), any page will
        do: the site's home page, the tree root or a 目录分类 of a larger column.
        """
        if getattr(cls, "parent_page_types", None) is not None:
            return super().clean_parent_page_models()
        names = gi_settings.DISCLOSURE_INDEX_PARENT_PAGE_TYPES
        if names is None:
            return get_page_models()
        if isinstance(names, str) or not isinstance(names, (list, tuple)):
            raise ValueError(f"GI_WAGTAIL['DISCLOSURE_INDEX_PARENT_PAGE_TYPES'] must be a list, not {names!r}")
        key = tuple(names)
        cached = cls.__dict__.get("_gi_parent_page_models")
        if cached is None or cached[0] != key:
            # Resolved again only when the setting changes (override_settings in tests).
            models_ = [resolve_model_string(name, cls._meta.app_label) for name in key]
            for model in models_:
                if not issubclass(model, Page):
                    raise LookupError(f"{model} is not a Page subclass")
            cached = cls._gi_parent_page_models = (key, models_)
        return cached[1]

    def _linked(self, page_id: int | None, titles: Iterable[str], categories: list[Page]) -> Page | None:
        if page_id:
            page = self.gi_public(Page.objects.live()).filter(pk=page_id).first()
            return page.specific if page else None
        return next((c for c in categories if c.title in titles or c.slug in titles), None)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        categories = list(with_content(self.gi_public(self.get_children().live())).specific())
        annual_reports = self._linked(self.annual_reports_page_id, ANNUAL_REPORT_TITLES, categories)
        context.update(
            {
                "categories": categories,
                "guide": self._linked(self.guide_page_id, GUIDE_TITLES, categories),
                "annual_reports": annual_reports,
                "annual_report_pages": (
                    self.gi_public(annual_reports.get_children().live()).order_by("-first_published_at")[:5]
                    if annual_reports
                    else []
                ),
                "latest_items": (
                    self.gi_public(resolve_model_string(self.gi_item_model).objects.live())
                    .descendant_of(self)
                    .order_by("-published_on", "-pk")
                    .select_related("organisation")[: gi_settings.ITEMS_PER_PAGE]
                ),
            }
        )
        return context


class DisclosureIndexPage(AbstractDisclosureIndexPage):
    # No parent_page_types: GI_WAGTAIL["DISCLOSURE_INDEX_PARENT_PAGE_TYPES"] decides (any page by default).

    class Meta:
        verbose_name = _("disclosure index page")
        verbose_name_plural = _("disclosure index pages")

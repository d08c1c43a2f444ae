"""The agency's 政府信息公开 column."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .base import GiPage

from ..conf import gi_settings

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
        "wagtailcore.Page", verbose_name=_("disclosure guide page"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("The 政府信息公开指南. Defaults to the category titled 政府信息公开指南."),
    )
    annual_reports_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("annual reports page"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("The page listing the annual reports. Defaults to the category titled 政府信息公开年报."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("agency_name"), FieldPanel("org_code")], heading=_("Agency")),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("guide_page"), FieldPanel("annual_reports_page")], heading=_("Links")),
    ]

    gi_template = "gi_wagtail/pages/disclosure_index_page.html"

    class Meta:
        abstract = True

    def _linked(self, page_id, titles, categories):
        if page_id:
            page = self.gi_public(Page.objects.live()).filter(pk=page_id).first()
            return page.specific if page else None
        return next((c for c in categories if c.title in titles or c.slug in titles), None)

    def get_context(self, request, *args, **kwargs):
        from ..catalogue_filters import with_content
        from .disclosure_item import DisclosureItemPage

        context = super().get_context(request, *args, **kwargs)
        categories = list(with_content(self.gi_public(self.get_children().live())).specific())
        annual_reports = self._linked(self.annual_reports_page_id, ANNUAL_REPORT_TITLES, categories)
        context.update({
            "categories": categories,
            "guide": self._linked(self.guide_page_id, GUIDE_TITLES, categories),
            "annual_reports": annual_reports,
            "annual_report_pages": (
                self.gi_public(annual_reports.get_children().live()).order_by("-first_published_at")[:5]
                if annual_reports else []
            ),
            "latest_items": (
                self.gi_public(DisclosureItemPage.objects.live()).descendant_of(self).order_by("-published_on", "-pk")
                .select_related("organisation")[: gi_settings.ITEMS_PER_PAGE]
            ),
        })
        return context


class DisclosureIndexPage(AbstractDisclosureIndexPage):
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("disclosure index page")
        verbose_name_plural = _("disclosure index pages")

"""The agency's 政府信息公开 column."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .base import GiPage

from ..conf import gi_settings


class AbstractDisclosureIndexPage(GiPage):
    agency_name = models.CharField(_("agency name"), max_length=200, help_text=_("e.g. 高青县科学技术局"))
    org_code = models.CharField(
        _("organisation code"),
        max_length=32,
        blank=True,
        help_text=_("组织机构代码 or 统一社会信用代码; the {org_code} part of every 索引号."),
    )
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("agency_name"), FieldPanel("org_code")], heading=_("Agency")),
        FieldPanel("intro"),
    ]

    gi_template = "gi_wagtail/pages/disclosure_index_page.html"

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        from .disclosure_item import DisclosureItemPage

        context = super().get_context(request, *args, **kwargs)
        context["categories"] = self.get_children().live().public().specific()
        context["latest_items"] = (
            DisclosureItemPage.objects.live().public().descendant_of(self).order_by("-published_on", "-pk")
            .select_related("organisation")[: gi_settings.ITEMS_PER_PAGE]
        )
        return context


class DisclosureIndexPage(AbstractDisclosureIndexPage):
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("disclosure index page")
        verbose_name_plural = _("disclosure index pages")

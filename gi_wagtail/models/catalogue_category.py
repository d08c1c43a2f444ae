"""目录分类: a (possibly nested) catalogue category."""

from django.core.paginator import Paginator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from .base import GiPage

from ..conf import gi_settings


class AbstractCatalogueCategoryPage(GiPage):
    code = models.CharField(
        _("category code"), max_length=16, blank=True, help_text=_("The {category_code} part of 索引号, e.g. 01.")
    )
    description = RichTextField(_("description"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("code"), FieldPanel("description")]

    gi_template = "gi_wagtail/pages/catalogue_category_page.html"

    class Meta:
        abstract = True

    def get_items(self):
        from .disclosure_item import DisclosureItemPage

        return (
            DisclosureItemPage.objects.live().public().descendant_of(self)
            .select_related("organisation").order_by("-published_on", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.get_items(), gi_settings.ITEMS_PER_PAGE)
        context["subcategories"] = self.get_children().live().public().type(AbstractCatalogueCategoryPage).specific()
        context["items_page"] = paginator.get_page(request.GET.get("page"))
        return context


class CatalogueCategoryPage(AbstractCatalogueCategoryPage):
    parent_page_types = ["gi_wagtail.DisclosureIndexPage", "gi_wagtail.CatalogueCategoryPage"]

    class Meta:
        verbose_name = _("catalogue category page")
        verbose_name_plural = _("catalogue category pages")

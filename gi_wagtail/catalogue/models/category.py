"""目录分类: a (possibly nested) catalogue category."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Exists, OuterRef, QuerySet
from django.db.models.functions import Cast, Substr
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.coreutils import resolve_model_string
from wagtail.fields import RichTextField
from wagtail.models import Page

from gi_wagtail.catalogue.filters import CatalogueFilterForm, apply_filters
from gi_wagtail.catalogue.models.base import GiPage, page_models_of
from gi_wagtail.conf import gi_settings
from gi_wagtail.security import public_cache


class AbstractCatalogueCategoryPage(GiPage):
    code = models.CharField(
        _("category code"), max_length=16, blank=True, help_text=_("The {category_code} part of 索引号, e.g. 01.")
    )
    description = RichTextField(_("description"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("code"), FieldPanel("description")]

    gi_template = "gi_wagtail/pages/catalogue_category_page.html"
    # Annual reports placed in a category are listed above its items. Named, not imported:
    # the reports room builds on the catalogue, not the other way round.
    gi_annual_report_model = "gi_wagtail.AnnualReportPage"
    # The item page type the listing shows (a site with its own item page names it here).
    gi_item_model = "gi_wagtail.DisclosureItemPage"

    class Meta:
        abstract = True

    @classmethod
    def clean_parent_page_models(cls) -> list[type[Page]]:
        """Under any disclosure index or catalogue category, subclasses included, unless ``parent_page_types`` is set."""
        if getattr(cls, "parent_page_types", None) is not None:
            return super().clean_parent_page_models()
        if cls._clean_parent_page_models is None:
            from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage

            cls._clean_parent_page_models = page_models_of(AbstractDisclosureIndexPage, AbstractCatalogueCategoryPage)
        return cls._clean_parent_page_models

    def get_items(self) -> QuerySet:
        return (
            self.gi_public(resolve_model_string(self.gi_item_model).objects.live())
            .descendant_of(self)
            .select_related("organisation", "topic__parent", "genre")
            .order_by("-published_on", "-pk")
        )

    def get_subcategories(self) -> QuerySet:
        children = self.gi_public(self.get_children().live()).type(AbstractCatalogueCategoryPage)
        return with_content(children).specific()

    def get_annual_reports(self) -> QuerySet:
        """Annual reports placed in this category (the 政府信息公开年报 column), newest year first."""
        model = resolve_model_string(self.gi_annual_report_model)
        return self.gi_public(model.objects.live().child_of(self)).order_by("-year", "-pk")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        key = listing_cache_key(request, self)
        entry = public_cache.lookup(key)
        context["gi_cache"] = {"key": key, "entry": entry} if key else None
        if entry is not None:  # the template serves the stored body: nothing to query
            return context
        items = self.get_items()
        form = CatalogueFilterForm(request.GET)
        values, messages = form.clean_values()
        paginator = Paginator(apply_filters(items, values), gi_settings.ITEMS_PER_PAGE)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            {
                "annual_reports": self.get_annual_reports(),
                "subcategories": self.get_subcategories(),
                "items_page": paginator.get_page(request.GET.get("page")),
                "filter_form": form,
                "filter_messages": messages,
                "filter_values": values,
                "filter_query": query.urlencode(),
                "years": publication_years(items),
            }
        )
        return context


LISTING_PARAMS = {"page", "year", "topic", "genre", "validity", "sort"}


def listing_cache_key(request: HttpRequest, page: Page) -> str | None:
    """The public cache key of a listing's body; None for unusual query strings (never cached)."""
    params = []
    for name, values in request.GET.lists():
        if name not in LISTING_PARAMS or len(values) != 1 or len(values[0]) > 24:
            return None
        params.append((name, values[0]))
    return public_cache.fragment_key(request, "listing", page.pk, sorted(params))


def publication_years(items: QuerySet) -> list[int]:
    """Distinct publication years, newest first, as ints.

    The first four characters of the ISO date, in SQL: dates() calls a Python
    function per row on SQLite (18 ms for a 3,800-item category).
    """
    year = Substr(Cast("published_on", models.CharField(max_length=10)), 1, 4)
    values = items.order_by().annotate(gi_year=year).values_list("gi_year", flat=True).distinct()
    return sorted({int(value) for value in values if value}, reverse=True)


def with_content(pages: QuerySet) -> QuerySet:
    """Only categories with at least one live non-category page below them (no empty columns)."""
    category_types = [
        ContentType.objects.get_for_model(model).pk
        for model in apps.get_models()
        if issubclass(model, AbstractCatalogueCategoryPage)
    ]
    content = (
        Page.objects.live()
        .filter(path__startswith=OuterRef("path"), depth__gt=OuterRef("depth"))
        .exclude(content_type__in=category_types)
    )
    return pages.filter(Exists(content))


class CatalogueCategoryPage(AbstractCatalogueCategoryPage):
    class Meta:
        verbose_name = _("catalogue category page")
        verbose_name_plural = _("catalogue category pages")

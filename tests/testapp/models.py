"""The integrator's page types: each abstract gi_wagtail page subclassed, as the integration guide allows."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page

from gi_wagtail.models import (
    AbstractAnnualReportPage,
    AbstractCatalogueCategoryPage,
    AbstractDisclosureIndexPage,
    AbstractDisclosureItemPage,
)


class HomePage(Page):
    pass


class AgencyIndexPage(AbstractDisclosureIndexPage):
    """The agency's 政府信息公开 column, as the site defines it."""

    gi_item_model = "testapp.AgencyItemPage"


class AgencyCategoryPage(AbstractCatalogueCategoryPage):
    gi_item_model = "testapp.AgencyItemPage"
    gi_annual_report_model = "testapp.AgencyReportPage"


class AgencyItemPage(AbstractDisclosureItemPage):
    """An item with one field of the site's own; no keywords, attachments or interpreted policies."""

    source_note = models.CharField("来源说明", max_length=100, blank=True)

    content_panels = AbstractDisclosureItemPage.content_panels + [FieldPanel("source_note")]


class AgencyReportPage(AbstractAnnualReportPage):
    pass

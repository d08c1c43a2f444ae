"""政府信息公开工作年度报告: an annual report page with structured tables."""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape, strip_tags
from django.utils.text import normalize_newlines
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.rich_text import RichText

from gi_wagtail.catalogue.models.base import GiPage, page_models_of
from gi_wagtail.catalogue.models.category import AbstractCatalogueCategoryPage
from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage
from gi_wagtail.reports import views
from gi_wagtail.reports.blocks import ReportSectionBlock
from gi_wagtail.reports.findings import Finding, has_errors
from gi_wagtail.reports.formats import TABLE_NAMES, get_format
from gi_wagtail.reports.forms import AnnualReportPageForm
from gi_wagtail.reports.panels import ReportFindingsPanel
from gi_wagtail.reports.schema import validate_shape
from gi_wagtail.reports.validator import validate
from gi_wagtail.reports.widgets import MISSING_KEY, UNITS_KEY


class ReportFormat(models.TextChoices):
    F2008 = "2008", _("2008 regulations: free text (2008年条例)")
    F2019 = "2019", _("2019 trial format (国办公开办函〔2019〕60号)")
    F2021 = "2021", _("2021 format (国办公开办函〔2021〕30号)")


_BREAKS = re.compile(r"<br\s*/?>|</p>|</li>|</h\d>", re.I)


def _plain(value: object) -> str:
    """Rich text to plain text, keeping paragraph breaks (the narrative rules work per clause)."""
    text = _BREAKS.sub("\n", str(value or ""))
    return html.unescape(strip_tags(text)).strip()


_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _rich_text(text: str) -> str:
    """Plain text as Wagtail's editor stores rich text: a <p> per paragraph, <br/> within one.

    Draftail's converter rejects <br> ("Unmatched tags: expected br, got p"), so the edit view
    of a report written that way failed; the 0102 migration repairs reports saved before.
    """
    paragraphs = _PARAGRAPH_BREAK.split(normalize_newlines(text or "").strip())
    return "".join(f"<p>{escape(p.strip())}</p>".replace("\n", "<br/>") for p in paragraphs if p.strip())


def _number(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


class AbstractAnnualReportPage(RoutablePageMixin, GiPage):
    """The report page without its place in the tree: subclass it to keep the fields, routes and checks."""

    organisation = models.ForeignKey(
        "gi_wagtail.Organisation",
        verbose_name=_("organisation"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(
        _("report year"),
        validators=[MinValueValidator(1990), MaxValueValidator(2100)],
        help_text=_("统计期限: 1 January to 31 December of this year."),
    )
    report_format = models.CharField(
        _("report format"),
        max_length=4,
        choices=ReportFormat.choices,
        default=ReportFormat.F2021,
        help_text=_("The template version the report follows; chosen explicitly, not derived from the year."),
    )
    published_on = models.DateField(_("publication date (公布日期)"), null=True, blank=True)
    filed_on = models.DateField(_("date filed with the 主管部门 (备案日期)"), null=True, blank=True)
    sections = StreamField([("section", ReportSectionBlock())], verbose_name=_("narrative sections"), blank=True)
    tables = models.JSONField(_("tables 二, 三 and 四"), default=dict, blank=True)
    key_figures = models.JSONField(_("key figures (2008 format)"), default=dict, blank=True)
    fee_notices_count = models.PositiveIntegerField(_("fee notices issued (收费通知件数)"), null=True, blank=True)
    fee_notices_amount = models.DecimalField(
        _("amount of fee notices (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fees_collected = models.DecimalField(
        _("fees actually collected (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    fee_text = models.TextField(_("fee remarks"), blank=True)
    provenance = models.JSONField(_("where prefilled figures came from"), default=dict, blank=True)
    import_notes = models.JSONField(_("import notes"), default=list, blank=True)
    validation_override = models.BooleanField(
        _("publish despite validation errors"),
        default=False,
        help_text=_("Only for editors with the override permission; give the reason below."),
    )
    override_reason = models.TextField(_("reason for publishing with errors"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("organisation"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("report_format")]),
                FieldRowPanel([FieldPanel("published_on"), FieldPanel("filed_on")]),
            ],
            heading=_("Report"),
        ),
        FieldPanel("sections"),
        FieldPanel("tables"),
        FieldPanel("key_figures"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("fee_notices_count"), FieldPanel("fee_notices_amount"), FieldPanel("fees_collected")]
                ),
                FieldPanel("fee_text"),
            ],
            heading=_("Fees (2021 format, section 六)"),
        ),
        ReportFindingsPanel(heading=_("Validation")),
        FieldPanel("prefill_from_catalogue"),
        MultiFieldPanel(
            [FieldPanel("validation_override"), FieldPanel("override_reason")], heading=_("Validation override")
        ),
    ]

    base_form_class = AnnualReportPageForm
    gi_template = "gi_wagtail/pages/annual_report_page.html"
    subpage_types = []

    class Meta:
        abstract = True

    @classmethod
    def clean_parent_page_models(cls) -> list[type[Page]]:
        """Under any disclosure index or catalogue category, subclasses included, unless ``parent_page_types`` is set."""
        if getattr(cls, "parent_page_types", None) is not None:
            return super().clean_parent_page_models()
        if cls._clean_parent_page_models is None:
            cls._clean_parent_page_models = page_models_of(AbstractDisclosureIndexPage, AbstractCatalogueCategoryPage)
        return cls._clean_parent_page_models

    # ---- data ------------------------------------------------------------------

    def section_items(self) -> Iterator[tuple[str, str, Any]]:
        """(key, heading, body) of each narrative section; unkeyed sections get section_<n>."""
        for i, child in enumerate(self.sections or []):
            value = child.value
            key = value.get("key") or f"section_{i + 1}"
            yield key, value.get("heading") or "", value.get("body")

    def report_data(self) -> dict[str, Any]:
        """The report in the JSON schema of gi_wagtail.reports.schema (normalised)."""
        sections = {}
        for key, heading, body in self.section_items():
            if key in sections:
                key = f"{key}_{len(sections) + 1}"
            sections[key] = {"heading": heading, "text": _plain(getattr(body, "source", body))}
        data = {
            "format": self.report_format,
            "year": self.year,
            # The snippet's name, edited elsewhere: control characters would fail the shape check below.
            "organisation": "".join(ch for ch in self.organisation.name if ch.isprintable())
            if self.organisation_id
            else "",
            "title": self.title or "",
            "publish_date": self.published_on.isoformat() if self.published_on else None,
            "filed_date": self.filed_on.isoformat() if self.filed_on else None,
            "sections": sections,
            "provenance": self.provenance or {},
            "notes": self.import_notes or [],
        }
        fmt = get_format(self.report_format)
        if fmt.has_tables:
            data["tables"] = {k: v for k, v in (self.tables or {}).items() if k in TABLE_NAMES}
            data["missing"] = self.missing_cells()
            data[UNITS_KEY] = [a for a in (self.tables or {}).get(UNITS_KEY) or [] if isinstance(a, str)]
        if fmt.has_fee_figures:
            data["fees"] = {
                "notices_count": self.fee_notices_count,
                "notices_amount": _number(self.fee_notices_amount),
                "collected": _number(self.fees_collected),
                "text": self.fee_text or "",
            }
        if fmt.key_figures:
            data["key_figures"] = self.key_figures or {}
        return validate_shape(data)

    def missing_cells(self) -> list[str]:
        """Cells not known (an import could not read them), kept in ``tables["missing"]``; blank otherwise."""
        missing = (self.tables or {}).get(MISSING_KEY) or []
        return [a for a in missing if isinstance(a, str)]

    def previous_report(self) -> AbstractAnnualReportPage | None:
        """The same organisation's report for the year before (live one preferred)."""
        if not self.organisation_id or not self.year:
            return None
        qs = type(self).objects.filter(organisation_id=self.organisation_id, year=self.year - 1)
        if self.pk:
            qs = qs.exclude(pk=self.pk)
        return qs.order_by("-live", "-last_published_at", "-pk").first()

    def findings(self) -> list[Finding]:
        """The validator's findings, with the cross-year rules against the previous year's report."""
        previous = self.previous_report()
        prev_data = None
        if previous is not None:
            try:
                prev_data = previous.report_data()
            except ValidationError:
                prev_data = None
        return validate(self.report_data(), previous=prev_data)

    def has_validation_errors(self) -> bool:
        return has_errors(self.findings())

    def apply_report_data(self, data: dict[str, Any]) -> None:
        """Copy an imported report (schema dict) onto this page (not saved)."""
        data = validate_shape(data)
        self.year = data["year"]
        self.report_format = data["format"]
        if not self.title:
            self.title = data["title"] or f"{data['year']}年政府信息公开工作年度报告"
        self.published_on = datetime.date.fromisoformat(data["publish_date"]) if data["publish_date"] else None
        self.filed_on = datetime.date.fromisoformat(data["filed_date"]) if data["filed_date"] else None
        self.sections = [
            (
                "section",
                {
                    "key": key if not key.startswith("section_") else "",
                    "heading": sec["heading"],
                    "body": RichText(_rich_text(sec["text"])),
                },
            )
            for key, sec in data["sections"].items()
        ]
        self.tables = dict(data.get("tables") or {})
        for key in (MISSING_KEY, UNITS_KEY):
            if data.get(key):
                self.tables[key] = list(data[key])
        self.key_figures = data.get("key_figures") or {}
        fees = data.get("fees") or {}
        self.fee_notices_count = fees.get("notices_count")
        self.fee_notices_amount = fees.get("notices_amount")
        self.fees_collected = fees.get("collected")
        self.fee_text = fees.get("text", "")
        self.provenance = data.get("provenance") or {}
        self.import_notes = data.get("notes") or []

    def clean(self) -> None:
        super().clean()
        if self.organisation_id and self.year:
            clash = type(self).objects.filter(organisation_id=self.organisation_id, year=self.year)
            if self.pk:
                clash = clash.exclude(pk=self.pk)
            if clash.exists():
                raise ValidationError(
                    {"year": _("This organisation already has a report for %(year)s.") % {"year": self.year}}
                )
        if self.validation_override and not self.override_reason.strip():
            raise ValidationError({"override_reason": _("Give the reason for publishing despite errors.")})

    # ---- public views (gi_wagtail.reports.views) --------------------------------

    @path("", name="gi_wagtail_report")
    def report_view(self, request: HttpRequest) -> HttpResponse:
        return self.render(request)

    @path("report/json/", name="gi_wagtail_report_json")
    def report_json_view(self, request: HttpRequest) -> HttpResponse:
        return views.report_json_response(self, request)

    @path("download/<str:table>/<str:fmt>/", name="gi_wagtail_report_table")
    def table_download_view(self, request: HttpRequest, table: str, fmt: str) -> HttpResponse:
        return views.table_download_response(self, request, table, fmt)

    @path("compare/", name="gi_wagtail_report_compare")
    def compare_view(self, request: HttpRequest) -> HttpResponse:
        return views.compare_response(self, request)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return views.report_context(self, request, super().get_context(request, *args, **kwargs))


class AnnualReportPage(AbstractAnnualReportPage):
    class Meta:
        verbose_name = _("annual report page")
        verbose_name_plural = _("annual report pages")
        permissions = [("override_report_validation", "Can publish annual reports with validation errors")]
        indexes = [models.Index(fields=["organisation", "year"], name="gi_wagtail_report_org_year")]

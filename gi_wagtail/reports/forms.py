"""Admin form of the annual report page: grid fields, prefill, validation before publish."""

from __future__ import annotations

import contextlib
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm

from gi_wagtail.reports.findings import ERROR, Finding
from gi_wagtail.reports.prefill import FEE_FIELDS, prefill_page
from gi_wagtail.reports.widgets import KeyFiguresField, ReportTablesField

OVERRIDE_PERMISSION = "gi_wagtail.override_report_validation"
GUARDED_ACTIONS = ("action-publish", "action-submit")
MAX_LISTED = 15


class AnnualReportPageForm(WagtailAdminPageForm):
    prefill_from_catalogue = forms.BooleanField(
        required=False,
        label=_("Prefill blank cells from the catalogue and the request register"),
        help_text=_(
            "Counts documents and items of this report year, and tables 三 and 四 and the fee figures from the "
            "request register for the report's year and organisation. Only blank cells are filled; filled cells "
            "are marked with their source."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.report_findings: list[Finding] = []
        page = self.instance
        if "tables" in self.fields:
            self.fields["tables"] = ReportTablesField(required=False, label=self.fields["tables"].label)
            self.fields["tables"].widget.current_format = page.report_format or "2021"
            self.fields["tables"].widget.provenance = page.provenance or {}
            self._link_register(page)
        if "key_figures" in self.fields:
            self.fields["key_figures"] = KeyFiguresField(required=False, label=self.fields["key_figures"].label)
            self.fields["key_figures"].widget.provenance = page.provenance or {}
        if page.pk and page.year:
            with contextlib.suppress(ValidationError):
                self._show_findings(page.findings())

    def _link_register(self, page: Any) -> None:
        """Let the grid link register-prefilled cells to the requests behind them."""
        widget = self.fields["tables"].widget
        widget.register_query = {
            "year": page.year or "",
            "report_format": page.report_format or "",
            "organisation": page.organisation_id or "",
        }
        for address, name in FEE_FIELDS.items():
            source = (page.provenance or {}).get(address)
            if name in self.fields and source:
                self.fields[name].help_text = _("Prefilled: %(source)s") % {"source": source}

    def _show_findings(self, findings: list[Finding]) -> None:
        self.report_findings = findings
        for name in ("tables", "key_figures"):
            if name in self.fields:
                self.fields[name].widget.findings = findings

    def is_guarded_action(self) -> bool:
        return any(action in self.data for action in GUARDED_ACTIONS)

    def _post_clean(self) -> None:
        super()._post_clean()  # builds self.instance from the cleaned data
        if self.errors:
            return
        page = self.instance
        if "tables" in self.fields:
            self.fields["tables"].widget.current_format = page.report_format
        if self.cleaned_data.get("prefill_from_catalogue"):
            prefill_page(page)
            for name in ("tables", "key_figures"):
                if name in self.fields:
                    self.fields[name].widget.provenance = page.provenance
            if "tables" in self.fields:
                self._link_register(page)
        try:
            findings = page.findings()
        except ValidationError as exc:
            self.add_error(None, exc)
            return
        self._show_findings(findings)
        errors = [f for f in findings if f.severity == ERROR]
        user = getattr(self, "for_user", None)
        if page.validation_override and not (user and user.has_perm(OVERRIDE_PERMISSION)):
            self.add_error(
                "validation_override", _("You do not have permission to publish reports with validation errors.")
            )
            return
        if errors and self.is_guarded_action() and not page.validation_override:
            listed = [f"{f.label or f.location}：{f.message}" for f in errors[:MAX_LISTED]]
            if len(errors) > MAX_LISTED:
                listed.append(_("… and %(count)s more.") % {"count": len(errors) - MAX_LISTED})
            self.add_error(
                None,
                ValidationError(
                    [
                        _(
                            "The report has %(count)s validation error(s); fix them before publishing, or "
                            "tick the override and give a reason."
                        )
                        % {"count": len(errors)}
                    ]
                    + listed
                ),
            )

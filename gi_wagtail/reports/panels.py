"""Admin panel listing validation findings (errors, warnings, hints) next to the form, per table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from wagtail.admin.panels import Panel

from gi_wagtail.reports.validator import grouped_by_table


class ReportFindingsPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "gi_wagtail/admin/reports/findings_panel.html"

        def get_context_data(self, parent_context: Mapping[str, Any] | None = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            findings = getattr(self.form, "report_findings", None) or []
            context["findings"] = [f.as_dict() for f in findings]
            # Grouped per table (二, 三, 四, then the rest), errors first inside each group.
            context["groups"] = [
                {"heading": heading, "findings": [f.as_dict() for f in group]}
                for heading, group in grouped_by_table(findings)
            ]
            context["counts"] = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
            context["notes"] = getattr(self.instance, "import_notes", None) or []
            return context

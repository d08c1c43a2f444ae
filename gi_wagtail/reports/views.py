"""Public responses of an annual report page: its context, the JSON file, table downloads, the comparison.

The page's routes (``AbstractAnnualReportPage``) delegate here; nothing here imports the page model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.http import Http404, HttpRequest, HttpResponse

from gi_wagtail.reports.compare import comparison
from gi_wagtail.reports.exports import export_table, report_json
from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.render import filled_layout
from gi_wagtail.reports.schema import FEE_KEYS

if TYPE_CHECKING:
    from gi_wagtail.reports.models import AbstractAnnualReportPage

DOWNLOAD_FORMATS = ("csv", "xlsx", "json")
COMPARE_TEMPLATE = "gi_wagtail/pages/annual_report_compare.html"
# Narrative section after which each table is printed (the rest follow the sections).
TABLE_PLACES = (("table2", "proactive"), ("table3", "requests"), ("table4", "review_litigation"))


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def report_context(page: AbstractAnnualReportPage, request: HttpRequest, context: dict[str, Any]) -> dict[str, Any]:
    """Add the report, its filled table layouts and its download links to the page's ``context``."""
    data = page.report_data()
    base = (page.get_url(request) or "").rstrip("/") + "/"

    def route(name: str, *args: str) -> str:
        return base + page.reverse_subpage(name, args=args)

    context["report"] = data
    context["report_tables"] = [
        {
            "layout": filled_layout(data, name),
            "name": name,
            "downloads": [(fmt.upper(), route("gi_wagtail_report_table", name, fmt)) for fmt in DOWNLOAD_FORMATS],
        }
        for name in data.get("tables", {})
    ]
    keys = {key for key, _heading, _body in page.section_items()}
    context["placed_tables"] = [table for table, key in TABLE_PLACES if key in keys]
    context["report_json_url"] = route("gi_wagtail_report_json")
    context["compare_url"] = route("gi_wagtail_report_compare")
    context["key_figure_rows"] = (
        [(f.label, data["key_figures"].get(f.key)) for f in get_format(page.report_format).key_figures]
        if data.get("key_figures")
        else []
    )
    context["fee_rows"] = [(k, data["fees"][k]) for k in FEE_KEYS] if data.get("fees") else []
    return context


def report_json_response(page: AbstractAnnualReportPage, request: HttpRequest) -> HttpResponse:
    """The whole report in the JSON schema, as a download."""
    response = HttpResponse(report_json(page.report_data()), content_type="application/json; charset=utf-8")
    return _attachment(response, f"annual-report-{page.year}.json")


def table_download_response(page: AbstractAnnualReportPage, request: HttpRequest, table: str, fmt: str) -> HttpResponse:
    """One table as CSV, XLSX or JSON; 404 for a table the report's format lacks or an unknown format."""
    try:
        content, content_type, filename = export_table(page.report_data(), table, fmt)
    except KeyError:
        raise Http404("unknown table or download format") from None
    return _attachment(HttpResponse(content, content_type=content_type), filename)


def compare_response(page: AbstractAnnualReportPage, request: HttpRequest) -> HttpResponse:
    """The organisation's live, public reports of every year side by side."""
    pages = list(type(page).objects.live().public().filter(organisation_id=page.organisation_id).order_by("year"))
    data = comparison([p.report_data() for p in pages])
    data["pages"] = pages
    return page.render(request, context_overrides={"comparison": data}, template=COMPARE_TEMPLATE)

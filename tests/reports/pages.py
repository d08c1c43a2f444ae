"""Builders for annual report pages (Django tests)."""
from wagtail.rich_text import RichText

from gi_wagtail.models.reports import AnnualReportPage

from .factories import balanced_report


def add_report(parent, organisation, year=2021, fmt="2021", publish=True, report=None, **fields):
    data = report or balanced_report(fmt, year, outcomes={"granted": {"natural_person": 3},
                                                          "partial": {"org_business": 1}})
    page = AnnualReportPage(title=f"{year}年政府信息公开工作年度报告", slug=f"report-{year}",
                            organisation=organisation, live=False, **fields)
    page.apply_report_data(data)
    page.title = f"{year}年政府信息公开工作年度报告"
    if not page.sections:
        page.sections = [("section", {"key": "general", "heading": "一、总体情况",
                                      "body": RichText("<p>总体情况良好。</p>")})]
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page

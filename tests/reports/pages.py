"""Builders for annual report pages (Django tests)."""

from wagtail.rich_text import RichText

from gi_wagtail.reports.models import AnnualReportPage
from tests.reports.factories import balanced_report


def add_report(parent, organisation, year=2021, fmt="2021", publish=True, report=None, **fields):
    data = report or balanced_report(
        fmt, year, outcomes={"granted": {"natural_person": 3}, "partial": {"org_business": 1}}
    )
    page = AnnualReportPage(
        title=f"{year}年政府信息公开工作年度报告",
        slug=f"report-{year}",
        organisation=organisation,
        live=False,
        **fields,
    )
    page.apply_report_data(data)
    page.title = f"{year}年政府信息公开工作年度报告"
    if not page.sections:
        page.sections = [
            ("section", {"key": "general", "heading": "一、总体情况", "body": RichText("<p>总体情况良好。</p>")})
        ]
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page


def edit_form_data(page, **extra):
    """The POST the admin edit form (and its Preview button) sends for this page as it is stored.

    The section bodies go through Draftail's converter (`rich_text`), as the editor loads them.
    """
    from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

    from gi_wagtail.reports.formats import CATEGORY_NAMES_KEY, get_format

    def text(value):
        return "" if value is None else str(value)

    sections = [
        (
            "section",
            {
                "key": child.value.get("key") or "",
                "heading": child.value.get("heading") or "",
                "body": rich_text(getattr(child.value.get("body"), "source", "") or ""),
            },
        )
        for child in page.sections
    ]
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "organisation": page.organisation_id,
            "year": page.year,
            "report_format": page.report_format,
            "published_on": text(page.published_on),
            "filed_on": text(page.filed_on),
            "sections": streamfield(sections),
            "fee_notices_count": text(page.fee_notices_count),
            "fee_notices_amount": text(page.fee_notices_amount),
            "fees_collected": text(page.fees_collected),
            "fee_text": page.fee_text or "",
            "override_reason": page.override_reason or "",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )
    fmt = get_format(page.report_format)
    if fmt.has_tables:
        for table in ("table2", "table3", "table4"):
            for row, cols in fmt.cell_keys(table).items():
                for col in cols:
                    value = (page.tables or {}).get(table, {}).get(row, {}).get(col)
                    data[f"tables__{page.report_format}__{table}__{row}__{col}"] = text(value)
    figures = page.key_figures or {}
    for fig in get_format("2008").key_figures:
        data[f"key_figures__{fig.key}"] = text(figures.get(fig.key))
    data[f"key_figures__{CATEGORY_NAMES_KEY}"] = "、".join(figures.get(CATEGORY_NAMES_KEY) or [])
    data.update(extra)
    return data

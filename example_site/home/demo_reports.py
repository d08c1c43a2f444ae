"""Demo annual reports: both seed reports, one report per statutory format, and one with an error.

The seeds are the two real pre-2019 reports (also in tests/reports/fixtures/seeds), kept here
so the demo works from a plain clone. Each report stands under its own agency: the 峄城 2017
report gets its own disclosure root with a 年报 category. The narratives agree with the tables,
except in the 2022 draft: it repeats 2021 with a wrong row total, so the validator flags it and
it stays a draft for editors to see in the admin.
"""

from pathlib import Path

from gi_wagtail.models import AnnualReportPage, CatalogueCategoryPage, DisclosureIndexPage, Organisation
from gi_wagtail.reports.parsers import parse_file
from gi_wagtail.reports.schema import get_cell, set_cell

DATA = Path(__file__).resolve().parent / "demo_reports"

PUBLISHED = [
    ("gaoqing-kjj-2012-annual-report.txt", "gaoqing-2012"),
    ("gaoqing-kjj-2019-report.json", "gaoqing-2019"),
    ("gaoqing-kjj-2021-report.json", "gaoqing-2021"),
]
YICHENG = ("yicheng-kjj-2017-annual-report.txt", "yicheng-2017")
YICHENG_AGENCY = "枣庄市峄城区科学技术局"
REPORTS_CATEGORY = ("xxgknb", "政府信息公开年报", "07")


def _organisation(name):
    organisation, _ = Organisation.objects.get_or_create(name=name)
    return organisation


def _add_report(parent, report, slug, publish):
    organisation = _organisation(report["organisation"])
    existing = AnnualReportPage.objects.filter(organisation=organisation, year=report["year"]).first()
    if existing:
        if existing.get_parent().pk != parent.pk:
            existing.move(parent, pos="last-child")  # demo databases built before each agency had its root
        return existing, False
    page = AnnualReportPage(organisation=organisation, slug=slug, live=False)
    page.apply_report_data(report)
    page.title = report["title"] or f"{report['organisation']}{report['year']}年政府信息公开工作年度报告"
    parent.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    if publish:
        revision.publish()
    return page, True


def published_child(parent, model, slug, **fields):
    """The child page with this slug, created and published when missing (the demo is re-run)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def yicheng_reports_category(home):
    """峄城's own disclosure root (under the home page) and its 年报 category."""
    root = published_child(
        home,
        DisclosureIndexPage,
        "yicheng-xxgk",
        title="峄城区科学技术局政府信息公开",
        agency_name=YICHENG_AGENCY,
        intro="<p>枣庄市峄城区科学技术局政府信息公开工作年度报告。</p>",
    )
    slug, title, code = REPORTS_CATEGORY
    return published_child(root, CatalogueCategoryPage, slug, title=title, code=code)


COLUMNS = (
    "natural_person",
    "org_business",
    "org_research",
    "org_public_interest",
    "org_legal_service",
    "org_other",
    "total",
)


def report_with_error(report_2021):
    """2022 carries 2021's open requests over (rule 6 holds), but one row total is wrong (rule 2 fails)."""
    report = parse_file(DATA / "gaoqing-kjj-2021-report.json")
    report.update(year=2022, title="高青县科学技术局2022年政府信息公开工作年度报告")
    for column in COLUMNS:
        carried_in = get_cell(report_2021, f"table3.carried_out.{column}")
        handled = get_cell(report, f"table3.handled_total.{column}") or 0
        carried_out = get_cell(report, f"table3.carried_out.{column}") or 0
        report = set_cell(report, f"table3.carried_in.{column}", carried_in)
        # Keep rule 1: received + carried in = handled + carried out.
        report = set_cell(report, f"table3.received.{column}", max(handled + carried_out - (carried_in or 0), 0))
    granted_total = get_cell(report, "table3.granted.total") or 0
    report = set_cell(report, "table3.granted.total", granted_total + 5)  # the deliberate error
    return report


def build_demo_reports(home, category, stdout=None):
    """高青's reports go into its 年报 `category`; 峄城's into its own root under `home`."""
    created = 0
    for filename, slug in PUBLISHED:
        _, new = _add_report(category, parse_file(DATA / filename), slug, publish=True)
        created += new
    filename, slug = YICHENG
    _, new = _add_report(yicheng_reports_category(home), parse_file(DATA / filename), slug, publish=True)
    created += new
    _, new = _add_report(
        category, report_with_error(parse_file(DATA / "gaoqing-kjj-2021-report.json")), "gaoqing-2022", publish=False
    )
    created += new
    if stdout is not None:
        stdout.write(f"Annual reports: {created} new (the 2022 draft has a deliberate error).")

"""Tables 三 and 四 (and 2021 fees) prefilled from the request register through the report editor."""

import datetime
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from gi_wagtail.models import Organisation
from gi_wagtail.reports.models import AnnualReportPage
from gi_wagtail.reports.prefill import register_scope
from gi_wagtail.reports.schema import empty_report
from gi_wagtail.requests import services, tables
from gi_wagtail.requests.models import DisclosureRequest
from tests.factories import build_catalogue
from tests.reports.pages import add_report, edit_form_data

pytestmark = pytest.mark.django_db
D = datetime.date


def register(received, applicant_type="natural_person", organisation=None, **kw):
    return services.register(
        {
            "channel": "online",
            "received_on": received,
            "applicant_type": applicant_type,
            "description": "测试信息",
            "organisation": organisation,
            **kw,
        }
    )


@pytest.fixture
def site():
    index, _category, org = build_catalogue()
    carried = register(D(2024, 12, 23), organisation=org)
    services.reply(carried, "granted", D(2025, 1, 8))
    for day in (3, 4, 5):
        services.reply(register(D(2025, 3, day), organisation=org), "granted", D(2025, 3, 20))
    services.reply(register(D(2025, 4, 1), "org_business", organisation=org), "withheld_4", D(2025, 4, 20))
    answered = register(D(2025, 5, 6), "org_research", organisation=org)
    services.reply(answered, "partial", D(2025, 5, 30))
    services.record_appeal(answered, "review", D(2025, 6, 10), result="corrected", decided_on=D(2025, 8, 1))
    fee = register(D(2025, 7, 1), organisation=org, fee_method="per_page", fee_pages=150, fee_amount=1700)
    services.add_event(fee, "fee_notice_sent", D(2025, 7, 3))
    services.add_event(fee, "fee_paid", D(2025, 7, 8))
    fee.fee_paid = 1700
    fee.save()
    services.reply(fee, "granted", D(2025, 7, 20))
    register(D(2025, 12, 30), "org_other", organisation=org)  # open at the year's end
    # Another agency's request is not counted.
    register(D(2025, 3, 3), organisation=Organisation.objects.create(name="测试县教育局"))
    return index, org


def blank_report(index, org, year, fmt="2021"):
    return add_report(index, org, year=year, fmt=fmt, publish=False, report=empty_report(fmt, year, org.name))


def prefill(client, page, **extra):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[page.pk]), edit_form_data(page, prefill_from_catalogue="on", **extra)
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    return AnnualReportPage.objects.get(pk=page.pk).latest_revision.as_object()


def test_the_editor_fills_blank_cells_from_the_register(admin_client, site):
    index, org = site
    page = blank_report(index, org, 2025)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert "Prefill blank cells from the catalogue and the request register" in html
    saved = prefill(admin_client, page)
    t3 = saved.tables["table3"]
    assert t3 == tables.table3(2025, "2021", org)
    assert (t3["received"]["total"], t3["carried_in"]["total"], t3["carried_out"]["org_other"]) == (7, 1, 1)
    assert t3["granted"]["natural_person"] == 5 and t3["withheld_4"]["org_business"] == 1
    assert saved.tables["table4"]["cases"]["review_corrected"] == 1
    assert (saved.fee_notices_count, saved.fee_notices_amount, saved.fees_collected) == (1, 1700, 1700)
    assert "收费通知1件" in saved.fee_text
    assert saved.provenance["table3.granted.natural_person"].startswith("request register ")
    assert saved.provenance["table4.cases.review_total"].startswith("request register ")
    assert "高青县科学技术局 in 2025" in saved.provenance["fees.notices_count"]
    assert not [f for f in saved.findings() if f.location.split(".")[0] in ("table3", "table4")]


def test_entered_figures_are_never_overwritten(admin_client, site):
    index, org = site
    report = empty_report("2021", 2025, org.name)
    report["tables"]["table3"]["granted"]["natural_person"] = 9
    report["tables"]["table4"]["cases"]["review_total"] = 0
    report["fees"]["collected"] = 5
    page = add_report(index, org, year=2025, fmt="2021", publish=False, report=report)
    saved = prefill(admin_client, page)
    assert saved.tables["table3"]["granted"]["natural_person"] == 9  # the register says 5
    assert saved.tables["table4"]["cases"]["review_total"] == 0  # the register says 1
    assert saved.fees_collected == 5 and saved.fee_notices_count == 1
    assert "table3.granted.natural_person" not in saved.provenance
    assert saved.tables["table3"]["granted"]["org_research"] == 0  # blank cells around it are filled
    # Without the checkbox nothing is prefilled.
    plain = blank_report(index, org, 2026)
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[plain.pk]), edit_form_data(plain))
    assert response.status_code == 302
    assert (
        AnnualReportPage.objects.get(pk=plain.pk).latest_revision.as_object().tables["table3"]["received"]["total"]
        is None
    )


def test_carried_forward_equals_next_years_carried_over(admin_client, site):
    index, org = site
    register(D(2026, 2, 2), organisation=org)
    first = prefill(admin_client, blank_report(index, org, 2025))
    second_page = blank_report(index, org, 2026)
    second_page.slug = "report-2026"
    second = prefill(admin_client, second_page)
    assert first.tables["table3"]["carried_out"] == second.tables["table3"]["carried_in"]
    assert second.tables["table3"]["carried_in"]["total"] == 1
    assert not [f for f in second.findings() if f.rule == "R6"]  # rule 6 across the two reports


def test_2019_format_and_the_scope_of_a_report_without_organisation(admin_client, site):
    index, org = site
    saved = prefill(admin_client, blank_report(index, org, 2025, fmt="2019"))
    assert saved.tables["table3"]["other"]["total"] == 0 and saved.tables["table3"]["granted"]["total"] == 5
    assert saved.fee_notices_count is None  # the 2019 format has no fee figures
    assert register_scope(None) == (False, None)  # requests carry organisations: no agency-less counting
    assert register_scope(org) == (True, org)


def test_no_register_prefill_where_the_register_is_not_used(admin_client, db):
    index, _category, org = build_catalogue()
    saved = prefill(admin_client, blank_report(index, org, 2025))
    assert saved.tables["table3"]["received"]["total"] is None
    assert not any(k.startswith("table3") for k in saved.provenance)


def test_prefilled_cells_link_to_the_requests_behind_them(admin_client, site):
    index, org = site
    page = blank_report(index, org, 2025)
    prefill(admin_client, page)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    html = admin_client.get(edit).content.decode()
    listing = reverse("gi_wagtail_requests:index")
    hrefs = [part.split('"', 1)[0] for part in html.split(f'href="{listing}?')[1:]]
    assert hrefs
    queries = [parse_qs(urlsplit("?" + h.replace("&amp;", "&")).query) for h in hrefs]
    cell = next(q for q in queries if q["cell"] == ["table3.granted.natural_person"])
    assert cell == {
        "year": ["2025"],
        "report_format": ["2021"],
        "organisation": [str(org.pk)],
        "cell": ["table3.granted.natural_person"],
    }
    assert all(q["cell"][0].startswith("table3.") for q in queries)  # table 四 has no listing filter
    # Following the link lists exactly the requests counted in that cell.
    href = next(h for h in hrefs if "table3.granted.natural_person" in h).replace("&amp;", "&")
    listed = admin_client.get(f"{listing}?{href}").content.decode()
    expected = tables.requests_for_cell(2025, "2021", "table3.granted.natural_person", org)
    assert expected.count() == 5
    for request in DisclosureRequest.objects.filter(organisation=org):
        assert (request.reference in listed) == expected.filter(pk=request.pk).exists(), request.reference


def test_a_single_agency_register_without_organisations_counts_for_the_report(admin_client, db):
    index, _category, org = build_catalogue()
    services.reply(register(D(2025, 3, 3)), "granted", D(2025, 3, 20))  # no organisation recorded
    assert register_scope(org) == (True, None) and register_scope(None) == (True, None)
    saved = prefill(admin_client, blank_report(index, org, 2025))
    assert saved.tables["table3"]["granted"]["natural_person"] == 1

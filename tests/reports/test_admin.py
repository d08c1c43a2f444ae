"""Editing in the Wagtail admin: grid inputs, errors block publishing, audited override."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, PageLogEntry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.models import AnnualReportPage
from gi_wagtail.reports.wagtail_hooks import OVERRIDE_ACTION
from tests.factories import build_catalogue
from tests.reports.factories import balanced_report, with_cell
from tests.reports.pages import add_report

pytestmark = pytest.mark.django_db


def grid_post(page, report, **extra):
    """The POST data the edit form sends, built from a report dict."""
    fmt = get_format(report["format"])
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "organisation": page.organisation_id,
            "year": report["year"],
            "report_format": report["format"],
            "published_on": "",
            "filed_on": "",
            "sections": streamfield(
                [
                    (
                        "section",
                        {
                            "key": "requests",
                            "heading": "三、收到和处理政府信息公开申请情况",
                            "body": rich_text("<p>见下表。</p>"),
                        },
                    )
                ]
            ),
            "fee_notices_count": "",
            "fee_notices_amount": "",
            "fees_collected": "",
            "fee_text": "",
            "override_reason": "",
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
        }
    )
    for table in ("table2", "table3", "table4"):
        for row, cols in fmt.cell_keys(table).items():
            for col in cols:
                value = report["tables"][table][row][col]
                data[f"tables__{report['format']}__{table}__{row}__{col}"] = "" if value is None else str(value)
    data.update(extra)
    return data


@pytest.fixture
def setup(db):
    index, _category, org = build_catalogue()
    page = add_report(index, org, publish=False)
    return index, org, page


@pytest.fixture
def editor(django_user_model, setup):
    """A Wagtail editor who may publish but not override validation."""
    index = setup[0]
    group = Group.objects.create(name="Report editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for perm in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(group=group, page=index, permission=Permission.objects.get(codename=perm))
    user = django_user_model.objects.create_user("editor", password="pw")
    user.groups.add(group)
    return user


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def test_edit_form_shows_grid_with_official_labels_and_findings(admin_client, setup):
    page = setup[2]
    html = admin_client.get(edit_url(page)).content.decode()
    assert 'name="tables__2021__table3__received__natural_person"' in html
    assert 'name="tables__2019__table3__other__total"' in html  # the other format's grid, hidden
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in html
    assert "No validation findings." in html


def test_errors_block_publishing_but_not_saving_a_draft(admin_client, setup):
    page = setup[2]
    bad = with_cell(balanced_report("2021", 2021), "table3.granted.total", 9)
    response = admin_client.post(edit_url(page), grid_post(page, bad, **{"action-publish": "action-publish"}))
    assert response.status_code == 200
    html = response.content.decode()
    assert "validation error(s)" in html and "table3.granted.total" in html
    page.refresh_from_db()
    assert not page.live

    response = admin_client.post(edit_url(page), grid_post(page, bad))  # plain save
    assert response.status_code == 302
    page = AnnualReportPage.objects.get(pk=page.pk)
    revision = page.latest_revision.as_object()
    assert revision.tables["table3"]["granted"]["total"] == 9


def test_blank_and_zero_are_kept_apart_and_bad_input_is_reported(admin_client, setup):
    page = setup[2]
    report = with_cell(balanced_report("2021", 2021), "table3.withheld_1.org_other", None)
    data = grid_post(page, report)
    data["tables__2021__table3__carried_in__natural_person"] = "０"  # full-width zero
    assert admin_client.post(edit_url(page), data).status_code == 302
    saved = AnnualReportPage.objects.get(pk=page.pk).latest_revision.as_object()
    assert saved.tables["table3"]["withheld_1"]["org_other"] is None
    assert saved.tables["table3"]["carried_in"]["natural_person"] == 0
    data["tables__2021__table3__granted__total"] = "many"
    response = admin_client.post(edit_url(page), data)
    assert response.status_code == 200
    assert "cannot read" in response.content.decode()


def test_override_with_reason_publishes_and_is_audited(admin_client, setup):
    page = setup[2]
    bad = with_cell(balanced_report("2021", 2021), "table3.granted.total", 9)
    data = grid_post(
        page,
        bad,
        **{"action-publish": "action-publish", "validation_override": "on", "override_reason": "已公开的报告原文如此"},
    )
    response = admin_client.post(edit_url(page), data)
    assert response.status_code == 302
    page = AnnualReportPage.objects.get(pk=page.pk)
    assert page.live and page.validation_override
    assert page.latest_revision.content["override_reason"] == "已公开的报告原文如此"
    entry = PageLogEntry.objects.get(page=page, action=OVERRIDE_ACTION)
    assert entry.data["reason"] == "已公开的报告原文如此"
    assert {"rule": "R2", "location": "table3.granted.total"} in entry.data["errors"]


def test_override_needs_a_reason(admin_client, setup):
    page = setup[2]
    bad = with_cell(balanced_report("2021", 2021), "table3.granted.total", 9)
    data = grid_post(page, bad, **{"action-publish": "action-publish", "validation_override": "on"})
    response = admin_client.post(edit_url(page), data)
    assert response.status_code == 200
    assert not AnnualReportPage.objects.get(pk=page.pk).live


def test_override_needs_the_permission(client, editor, setup):
    page = setup[2]
    client.force_login(editor)
    bad = with_cell(balanced_report("2021", 2021), "table3.granted.total", 9)
    data = grid_post(
        page, bad, **{"action-publish": "action-publish", "validation_override": "on", "override_reason": "reason"}
    )
    response = client.post(edit_url(page), data)
    assert response.status_code == 200
    assert "permission to publish reports with validation errors" in response.content.decode()
    assert not AnnualReportPage.objects.get(pk=page.pk).live
    good = grid_post(page, balanced_report("2021", 2021), **{"action-publish": "action-publish"})
    assert client.post(edit_url(page), good).status_code == 302
    assert AnnualReportPage.objects.get(pk=page.pk).live
    assert not PageLogEntry.objects.filter(action=OVERRIDE_ACTION).exists()


def bulk_publish_url(page):
    return reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish")) + f"?id={page.pk}"


def test_bulk_publish_is_blocked_for_reports_with_errors(admin_client, setup):
    index, org, _page = setup
    bad = add_report(
        index,
        org,
        year=2019,
        fmt="2021",
        publish=False,
        report=with_cell(balanced_report("2021", 2019), "table3.granted.total", 9),
    )
    response = admin_client.post(bulk_publish_url(bad))
    assert response.status_code == 302
    assert not AnnualReportPage.objects.get(pk=bad.pk).live
    # The refusal goes back to the listing, never to another site named in ?next=.
    response = admin_client.post(bulk_publish_url(bad) + "&next=https://evil.example/")
    assert response.status_code == 302 and "evil.example" not in response["Location"]
    listing = reverse("wagtailadmin_explore", args=(index.pk,))
    assert admin_client.post(bulk_publish_url(bad) + f"&next={listing}")["Location"] == listing
    good = add_report(index, org, year=2018, fmt="2021", publish=False, report=balanced_report("2021", 2018))
    admin_client.post(bulk_publish_url(good))
    assert AnnualReportPage.objects.get(pk=good.pk).live


def test_bulk_publish_with_override_is_audited(admin_client, setup):
    index, org, _page = setup
    bad = add_report(
        index,
        org,
        year=2019,
        fmt="2021",
        publish=False,
        validation_override=True,
        override_reason="原文如此",
        report=with_cell(balanced_report("2021", 2019), "table3.granted.total", 9),
    )
    admin_client.post(bulk_publish_url(bad))
    assert AnnualReportPage.objects.get(pk=bad.pk).live
    assert PageLogEntry.objects.get(page=bad, action=OVERRIDE_ACTION).data["reason"] == "原文如此"


def test_empty_imported_sections_do_not_block_saving(admin_client, setup):
    page = setup[2]
    data = grid_post(page, balanced_report("2021", 2021))
    data.update(
        nested_form_data(
            {
                "sections": streamfield(
                    [
                        ("section", {"key": "preamble", "heading": "", "body": rich_text("<p>根据《条例》……</p>")}),
                        (
                            "section",
                            {"key": "problems", "heading": "五、存在的主要问题及改进情况", "body": rich_text("")},
                        ),
                    ]
                )
            }
        )
    )
    assert admin_client.post(edit_url(page), data).status_code == 302


def test_prefill_from_the_admin_form_records_provenance(admin_client, setup):
    import datetime

    from gi_wagtail.models import CatalogueCategoryPage
    from tests.factories import add_item

    index, _org, page = setup
    docs = index.add_child(instance=CatalogueCategoryPage(title="规范性文件", slug="gfxwj", code="05"))
    add_item(docs, "甲", published_on=datetime.date(2021, 3, 1))
    report = balanced_report("2021", 2021)
    report["tables"]["table2"]["normative_docs"] = {"issued": None, "repealed": None, "in_force": None}
    response = admin_client.post(edit_url(page), grid_post(page, report, prefill_from_catalogue="on"))
    assert response.status_code == 302
    saved = AnnualReportPage.objects.get(pk=page.pk).latest_revision.as_object()
    assert saved.tables["table2"]["normative_docs"] == {"issued": 1, "repealed": 0, "in_force": 1}
    assert "规范性文件" in saved.provenance["table2.normative_docs.issued"]
    html = admin_client.get(edit_url(page)).content.decode()
    assert "gi-cell--prefilled" in html and "gi-cell-provenance" in html

"""Prefilling report figures from catalogue items, with provenance."""

import datetime

import pytest

from gi_wagtail.models import CatalogueCategoryPage, DisclosureIndexPage, Validity
from gi_wagtail.reports.prefill import prefill_page
from gi_wagtail.reports.schema import empty_report
from tests.factories import add_item, build_catalogue
from tests.reports.pages import add_report

pytestmark = pytest.mark.django_db


def test_2021_normative_documents_issued_repealed_in_force():
    index, category, org = build_catalogue()
    docs = index.add_child(instance=CatalogueCategoryPage(title="规范性文件", slug="gfxwj", code="05"))
    d = datetime.date
    add_item(docs, "甲", published_on=d(2019, 5, 1))  # in force
    add_item(docs, "乙", published_on=d(2021, 3, 1))  # issued in 2021, in force
    add_item(docs, "丙", published_on=d(2021, 6, 1))  # issued in 2021, in force
    add_item(docs, "丁", published_on=d(2018, 1, 1), validity=Validity.REPEALED, invalid_on=d(2021, 9, 1))
    add_item(docs, "戊", published_on=d(2022, 1, 5))  # next year: not counted
    add_item(docs, "己", published_on=d(2021, 2, 1), publish=False)  # draft: not counted
    add_item(category, "不是规范性文件", published_on=d(2021, 2, 1))
    page = add_report(index, org, report=empty_report("2021", 2021), publish=False)
    filled = prefill_page(page)
    assert filled == {
        "table2.normative_docs.issued": 2,
        "table2.normative_docs.repealed": 1,
        "table2.normative_docs.in_force": 3,
    }
    assert "规范性文件" in page.provenance["table2.normative_docs.issued"]
    assert page.report_data()["provenance"]["table2.normative_docs.in_force"].endswith("2021-12-31")


def test_prefill_never_overwrites_entered_figures():
    index, _category, org = build_catalogue()
    docs = index.add_child(instance=CatalogueCategoryPage(title="行政规范性文件", slug="gf", code="05"))
    add_item(docs, "甲", published_on=datetime.date(2021, 3, 1))
    report = empty_report("2021", 2021)
    report["tables"]["table2"]["normative_docs"]["issued"] = 5
    page = add_report(index, org, report=report, publish=False)
    filled = prefill_page(page)
    assert "table2.normative_docs.issued" not in filled
    assert page.tables["table2"]["normative_docs"]["issued"] == 5
    assert "table2.normative_docs.issued" not in page.provenance


def test_legacy_proactive_items_of_the_year():
    index, category, org = build_catalogue()
    for day in (1, 2, 3):
        add_item(category, f"条目{day}", published_on=datetime.date(2012, 4, day))
    add_item(category, "去年", published_on=datetime.date(2011, 4, 1))
    page = add_report(index, org, year=2012, fmt="2008", report=empty_report("2008", 2012), publish=False)
    assert prefill_page(page) == {"key_figures.proactive_items": 3}
    assert "2012" in page.provenance["key_figures.proactive_items"]


def test_counts_only_the_agency_above_the_report_wherever_it_sits():
    # The report sits in the 年报 column of its own disclosure index; a second agency's documents are not counted.
    index, category, org = build_catalogue()
    docs = index.add_child(instance=CatalogueCategoryPage(title="规范性文件", slug="gfxwj", code="05"))
    reports = index.add_child(instance=CatalogueCategoryPage(title="政府信息公开年报", slug="nb", code="09"))
    add_item(docs, "本机关文件", published_on=datetime.date(2021, 3, 1))
    other = index.get_parent().add_child(
        instance=DisclosureIndexPage(
            title="另一机关", slug="other", agency_name="高青县教育和体育局", org_code="11370322004250000X"
        )
    )
    other_docs = other.add_child(instance=CatalogueCategoryPage(title="规范性文件", slug="gfxwj", code="05"))
    add_item(other_docs, "别的机关的文件", published_on=datetime.date(2021, 4, 1))
    page = add_report(reports, org, report=empty_report("2021", 2021), publish=False)
    assert prefill_page(page)["table2.normative_docs.issued"] == 1
    assert "“规范性文件”" in page.provenance["table2.normative_docs.issued"]


def test_every_concrete_item_page_type_is_counted_once():
    from gi_wagtail.models import AbstractDisclosureItemPage, DisclosureItemPage
    from gi_wagtail.reports.prefill import item_models

    models = item_models()
    assert DisclosureItemPage in models
    assert all(issubclass(m, AbstractDisclosureItemPage) and not m._meta.abstract for m in models)
    assert len(set(models)) == len(models)

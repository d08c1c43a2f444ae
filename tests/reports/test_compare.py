"""Comparing one organisation's reports across years and formats."""

import pytest

from gi_wagtail.reports.compare import comparison
from gi_wagtail.reports.parsers import parse_file
from tests.factories import add_item, build_catalogue
from tests.reports.conftest import GAOQING
from tests.reports.factories import balanced_report, with_cell
from tests.reports.pages import add_report


def test_comparison_mixes_2008_2019_and_2021(seeds_dir):
    old = parse_file(seeds_dir / GAOQING)
    y2020 = with_cell(
        balanced_report("2019", 2020, outcomes={"granted": {"natural_person": 2}}, carried_out={"natural_person": 1}),
        "table2.normative_docs.made",
        4,
    )
    y2021 = with_cell(
        balanced_report("2021", 2021, outcomes={"granted": {"natural_person": 3}}, carried_in={"natural_person": 2}),
        "table2.normative_docs.issued",
        2,
    )
    data = comparison([y2021, old, y2020])
    assert data["years"] == [2012, 2020, 2021] and data["formats"] == ["2008", "2019", "2021"]
    rows = {row["label"]: row["values"] for row in data["rows"]}
    assert rows["Items proactively disclosed"] == [36, None, None]
    assert rows["Requests received"] == [0, 3, 1]
    assert rows["Normative documents issued this year"] == [None, 4, 2]
    assert rows["Administrative reviews"] == [0, 0, 0]
    assert set(data) == {"years", "formats", "rows"}  # no validator counts in the public comparison


@pytest.mark.django_db
def test_compare_page_lists_live_reports_of_the_organisation(client, seeds_dir):
    index, _category, org = build_catalogue()
    add_report(index, org, year=2012, report=parse_file(seeds_dir / GAOQING))
    page = add_report(index, org, year=2021)
    add_report(index, org, year=2022, publish=False)  # drafts are not public
    html = client.get(page.url).content.decode()
    assert f'href="{page.url}compare/"' in html
    response = client.get(f"{page.url}compare/")
    html = response.content.decode()
    assert response.status_code == 200
    assert ">2012</a></th>" in html and ">2021</a></th>" in html and "2022" not in html
    assert '<th scope="row">Requests received</th><td>0</td><td>4</td>' in html


@pytest.mark.django_db
def test_compare_page_has_the_same_category_navigation_as_the_report(client):
    index, category, org = build_catalogue()
    add_item(
        category, "关于印发《高青县科技创新券管理办法》的通知", organisation=org
    )  # empty categories are not listed
    page = add_report(index, org, year=2021)

    def sidenav(url):
        html = client.get(url).content.decode()
        start = html.index('<nav class="gi-sidenav"')
        return html[start : html.index("</nav>", start)]

    nav = sidenav(f"{page.url}compare/")
    assert nav == sidenav(page.url)
    assert f'href="{index.url}"' in nav and f'href="{category.url}"' in nav


@pytest.mark.django_db
def test_public_comparison_shows_no_internal_check_counts(seeds_dir):
    from django.test import Client

    index, _category, org = build_catalogue()
    add_report(index, org, year=2012, report=parse_file(seeds_dir / GAOQING))
    # published (e.g. with an override) although the validator finds errors in it
    page = add_report(index, org, year=2021, report=with_cell(balanced_report("2021", 2021), "table3.granted.total", 9))
    assert page.has_validation_errors()
    for language in ("en", "zh-hans"):
        response = Client(HTTP_ACCEPT_LANGUAGE=language).get(f"{page.url}compare/")
        html = response.content.decode()
        assert response.status_code == 200 and ">2021</a></th>" in html
        for word in ("Validation", "warning", "error", "校验", "警告", "错误", "R2"):
            assert word not in html, (language, word)

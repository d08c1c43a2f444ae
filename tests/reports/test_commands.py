"""gi_wagtail_check_report and gi_wagtail_import_report."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gi_wagtail.reports.models import AnnualReportPage
from gi_wagtail.reports.parsers import parse_file
from gi_wagtail.reports.schema import dump_report, load_report
from tests.factories import build_catalogue
from tests.reports.factories import balanced_report, with_cell


def run(*args):
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def write(tmp_path, report, name="report.json"):
    path = tmp_path / name
    path.write_text(dump_report(report), "utf-8")
    return str(path)


def test_check_report_prints_findings_and_exits_1_on_error(tmp_path):
    path = write(tmp_path, with_cell(balanced_report("2021", 2021), "table3.received.total", 3))
    with pytest.raises(SystemExit) as exc:
        run("gi_wagtail_check_report", path)
    assert exc.value.code == 1


def test_check_report_output_is_json(tmp_path, capsys):
    path = write(tmp_path, with_cell(balanced_report("2021", 2021), "table3.received.total", 3))
    out = StringIO()
    with pytest.raises(SystemExit):
        call_command("gi_wagtail_check_report", path, stdout=out, stderr=StringIO())
    result = json.loads(out.getvalue())
    assert result["summary"]["error"] >= 1
    finding = next(f for f in result["findings"] if f["location"] == "table3.received.total")
    assert set(finding) >= {"rule", "severity", "location", "message"}
    assert finding["rule"] in ("R1", "R2")


def test_check_report_clean_file_and_previous_year(tmp_path):
    previous = write(tmp_path, balanced_report("2021", 2020, carried_out={"natural_person": 1}), "prev.json")
    current = write(
        tmp_path,
        balanced_report("2021", 2021, carried_in={"natural_person": 1}, outcomes={"granted": {"natural_person": 1}}),
    )
    out, _err = run("gi_wagtail_check_report", current, "--previous", previous)
    assert json.loads(out)["findings"] == []
    wrong_prev = write(tmp_path, balanced_report("2021", 2020, carried_out={"natural_person": 2}), "p2.json")
    with pytest.raises(SystemExit):
        run("gi_wagtail_check_report", current, "--previous", wrong_prev)


def test_check_report_bad_file_is_a_command_error(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"format": "2021", "year": 2021, "tables": {"table3": {"recieved": {}}}}', "utf-8")
    with pytest.raises(CommandError, match="unknown row"):
        run("gi_wagtail_check_report", str(path))


@pytest.mark.django_db
def test_import_dry_run_writes_nothing(fixtures_dir):
    index, _c, org = build_catalogue()
    out, _ = run(
        "gi_wagtail_import_report",
        str(fixtures_dir / "county-kjj-2021-report.html"),
        "--parent",
        str(index.pk),
        "--organisation",
        org.name,
        "--dry-run",
        "--json",
    )
    result = json.loads(out)
    assert result["dry_run"] and result["page_id"] is None
    assert result["format"] == "2021" and result["summary"]["error"] == 0
    assert not AnnualReportPage.objects.exists()
    # what was parsed, in the documented schema
    report = result["report"]
    assert load_report(json.dumps(report)) == report
    assert report == parse_file(fixtures_dir / "county-kjj-2021-report.html")
    assert report["tables"]["table3"]["received"]["total"] == 7
    assert set(report["fees"]) == {"notices_count", "notices_amount", "collected", "text"}
    assert report["sections"] and all(s["text"] or s["heading"] for s in report["sections"].values())


@pytest.mark.django_db
def test_import_dry_run_of_a_legacy_text_shows_sections_and_key_figures(seeds_dir):
    index, _c, _org = build_catalogue()
    out, _ = run(
        "gi_wagtail_import_report",
        str(seeds_dir / "gaoqing-kjj-2012-annual-report.txt"),
        "--parent",
        str(index.pk),
        "--dry-run",
        "--json",
    )
    report = json.loads(out)["report"]
    assert report["format"] == "2008" and not report.get("tables")
    assert report["key_figures"]["proactive_items"] == 36
    assert list(report["sections"])[:3] == ["preamble", "general", "organisation"]
    assert not AnnualReportPage.objects.exists()


def failure(*args):
    with pytest.raises(CommandError) as exc:
        run(*args)
    return str(exc.value), exc.value.returncode


@pytest.mark.django_db
def test_import_dry_run_fails_where_the_real_run_fails(tmp_path):
    index, _c, org = build_catalogue()
    bad = write(tmp_path, with_cell(balanced_report("2021", 2021), "table3.received.total", 3))
    args = ("gi_wagtail_import_report", bad, "--parent", str(index.pk), "--organisation", org.name)
    # publishing a report with errors, an unknown organisation: same message, same exit code
    for extra in (("--publish",), ("--organisation", "不存在的局")):
        assert failure(*args, *extra, "--dry-run") == failure(*args, *extra)
    assert not AnnualReportPage.objects.exists()
    out, _ = run(*args, "--json")
    page_id = json.loads(out)["page_id"]
    real = failure(*args)
    assert "already has a report for 2021" in real[0] and real[1] == 1
    assert failure(*args, "--dry-run") == real
    assert failure(*args, "--dry-run", "--json") == real
    assert list(AnnualReportPage.objects.values_list("pk", flat=True)) == [page_id]


@pytest.mark.django_db
def test_import_html_creates_a_draft_page(fixtures_dir):
    index, _c, org = build_catalogue()
    out, _ = run(
        "gi_wagtail_import_report",
        str(fixtures_dir / "county-kjj-2021-report.html"),
        "--parent",
        str(index.pk),
        "--organisation",
        org.name,
        "--json",
    )
    page = AnnualReportPage.objects.get(pk=json.loads(out)["page_id"])
    assert not page.live and page.organisation == org and page.year == 2021
    assert page.tables["table3"]["received"]["total"] == 7
    assert page.get_parent().specific == index
    assert page.latest_revision is not None


@pytest.mark.django_db
def test_import_seed_as_2008_report_and_publish(seeds_dir):
    index, _c, org = build_catalogue()
    out, _ = run(
        "gi_wagtail_import_report",
        str(seeds_dir / "gaoqing-kjj-2012-annual-report.txt"),
        "--parent",
        str(index.pk),
        "--publish",
        "--json",
    )  # organisation named in the seed
    page = AnnualReportPage.objects.get(pk=json.loads(out)["page_id"])
    assert page.live and page.report_format == "2008" and page.key_figures["proactive_items"] == 36
    assert [c.value["key"] for c in page.sections][:3] == ["preamble", "general", "organisation"]


@pytest.mark.django_db
def test_import_is_atomic(tmp_path):
    index, _c, org = build_catalogue()
    bad = write(tmp_path, with_cell(balanced_report("2021", 2021), "table3.received.total", 3))
    with pytest.raises(CommandError, match="validation errors"):
        run("gi_wagtail_import_report", bad, "--parent", str(index.pk), "--organisation", org.name, "--publish")
    assert not AnnualReportPage.objects.exists()
    with pytest.raises(CommandError, match="does not exist"):
        run("gi_wagtail_import_report", bad, "--parent", str(index.pk), "--organisation", "不存在的局")
    with pytest.raises(CommandError, match="--parent is required"):
        run("gi_wagtail_import_report", bad, "--organisation", org.name)
    assert not AnnualReportPage.objects.exists()
    # the draft import of the same file works and keeps the errors visible
    out, _ = run("gi_wagtail_import_report", bad, "--parent", str(index.pk), "--organisation", org.name, "--json")
    assert json.loads(out)["summary"]["error"] > 0
    with pytest.raises(CommandError, match="already has a report for 2021"):
        run("gi_wagtail_import_report", bad, "--parent", str(index.pk), "--organisation", org.name)
    assert AnnualReportPage.objects.count() == 1


@pytest.mark.django_db
def test_import_refuses_an_ambiguous_parent_path(tmp_path):
    from gi_wagtail.models import CatalogueCategoryPage, DisclosureIndexPage

    index, _c, org = build_catalogue()
    index.add_child(instance=CatalogueCategoryPage(title="政府信息公开年报", slug="xxgknb", code="07"))
    other = index.get_parent().add_child(
        instance=DisclosureIndexPage(title="另一机关", slug="other", agency_name="另一机关")
    )
    other.add_child(instance=CatalogueCategoryPage(title="政府信息公开年报", slug="xxgknb", code="07"))
    path = write(tmp_path, balanced_report("2021", 2021))
    args = ("gi_wagtail_import_report", path, "--organisation", org.name)
    with pytest.raises(CommandError, match="ambiguous"):
        run(*args, "--parent", "xxgknb", "--dry-run")
    out, _ = run(*args, "--parent", "xxgk/xxgknb", "--json")
    assert AnnualReportPage.objects.get(pk=json.loads(out)["page_id"]).get_parent().url_path.endswith("/xxgk/xxgknb/")

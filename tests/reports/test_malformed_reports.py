"""Malformed report files found by fuzzing (issue #19): file:line problems, never a traceback."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from gi_wagtail.reports.models import AnnualReportPage
from gi_wagtail.reports.schema import dump_report
from tests.factories import build_catalogue
from tests.reports.factories import balanced_report


def import_report(path, index, org):
    call_command(
        "gi_wagtail_import_report",
        str(path),
        "--parent",
        str(index.pk),
        "--organisation",
        org.name,
        stdout=StringIO(),
        stderr=StringIO(),
    )


def line_of(text, needle):
    return text[: text.index(needle)].count("\n") + 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("where", "value", "needle"),
    [
        ("tables.table3.received.natural_person", float("nan"), "NaN"),
        ("tables.table3.received.natural_person", 2**64, str(2**64)),
        ("fees.collected", float("inf"), "Infinity"),
        ("title", "长" * 300, "长长长"),
        ("organisation", "局\x00", "\\u0000"),
    ],
)
def test_odd_values_are_problems_on_their_line(tmp_path, where, value, needle):
    index, _category, org = build_catalogue()
    report = balanced_report("2021", 2021)
    target, *keys, last = [report, *where.split(".")]
    for key in keys:
        target = target[key]
    target[last] = value
    text = json.dumps(report, ensure_ascii=False, indent=2)
    path = tmp_path / "report.json"
    path.write_text(text, "utf-8")
    with pytest.raises(CommandError) as exc:
        import_report(path, index, org)
    assert str(exc.value).startswith(f"{path}:{line_of(text, needle)}: ")
    assert "\n" not in str(exc.value)
    assert not AnnualReportPage.objects.exists()


def test_deeply_nested_report_json(tmp_path):
    path = tmp_path / "report.json"
    path.write_text('{"format": "2021",\n"tables": ' + "[" * 100000 + "]" * 100000 + "}", "utf-8")
    with pytest.raises(CommandError, match=rf"^{path}:2: invalid JSON: nested"):
        call_command("gi_wagtail_check_report", str(path), stdout=StringIO(), stderr=StringIO())


@pytest.mark.django_db
def test_nul_and_long_title_in_html_are_dropped_and_the_report_kept(tmp_path, fixtures_dir):
    index, _category, org = build_catalogue()
    html = (fixtures_dir / "county-kjj-2021-report.html").read_bytes()
    html = html.replace(b"<title>", b"<title>" + "长".encode() * 300, 1)
    html = html[:5000] + b"\x00" + html[5000:]
    path = tmp_path / "report.html"
    path.write_bytes(html)
    import_report(path, index, org)
    page = AnnualReportPage.objects.get()
    assert len(page.title) <= 255
    assert "\x00" not in json.dumps(page.sections.get_prep_value())


@pytest.mark.django_db
def test_a_negative_fee_count_is_reported_not_written(tmp_path):
    index, _category, org = build_catalogue()
    report = balanced_report("2021", 2021)
    report["fees"]["notices_count"] = -1
    path = tmp_path / "report.json"
    path.write_text(dump_report(report), "utf-8")
    import_report(path, index, org)
    page = AnnualReportPage.objects.get()
    assert page.fee_notices_count is None

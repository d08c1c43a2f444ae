"""gi_wagtail_check_report --format text|json on real reports and on a report with errors."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from gi_wagtail.reports.schema import dump_report
from tests.reports.factories import balanced_report, with_cell

REAL_REPORTS = ("county-kjj-2021-report.html", "district-kjj-2019-report.html")


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("gi_wagtail_check_report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", REAL_REPORTS)
def test_json_is_the_default_and_carries_labels(fixtures_dir, name):
    path = str(fixtures_dir / name)
    default, _ = run(path)
    explicit, _ = run(path, "--format", "json")
    assert default == explicit
    result = json.loads(default)
    assert result["summary"]["error"] == 0
    for finding in result["findings"]:
        assert set(finding) == {"rule", "severity", "location", "label", "message", "code", "cells"}
    incomplete = [f for f in result["findings"] if f["code"] == "incomplete"]
    assert [f["location"] for f in incomplete].count("table3") == 1
    table3 = next(f for f in incomplete if f["location"] == "table3")
    assert table3["label"] == "表三" and all(c.startswith("table3.") for c in table3["cells"])


@pytest.mark.parametrize("name", REAL_REPORTS)
def test_text_lists_findings_per_table_with_printed_labels(fixtures_dir, name):
    out, err = run(str(fixtures_dir / name), "--format", "text")
    lines = out.splitlines()
    assert lines[0].endswith(name)
    assert "0" in lines[1] and not err  # summary line: no errors
    assert any(line.startswith("== ") and line.endswith(" · 表三 ==") for line in lines)
    assert "table3." not in out  # machine keys only in JSON
    body = [line for line in lines if line.startswith("[")]
    assert body and all(" R" in line for line in body)
    assert any("R13 表三" in line for line in body)


def test_text_puts_errors_first_and_exits_1(tmp_path):
    report = with_cell(balanced_report("2021", 2021), "table4.cases.review_total", 7)
    report = with_cell(report, "table3.granted.total", 9)
    report = with_cell(report, "table3.partial.org_other", None)
    path = tmp_path / "report.json"
    path.write_text(dump_report(report), "utf-8")
    out = StringIO()
    with pytest.raises(SystemExit) as exc:
        call_command("gi_wagtail_check_report", str(path), "--format", "text", stdout=out, stderr=StringIO())
    assert exc.value.code == 1
    lines = out.getvalue().splitlines()
    headings = [line for line in lines if line.startswith("== ")]
    # errors of 表三 and 表四 first, then the warnings (the completeness finding of 表三)
    assert [h.rsplit(" · ", 1)[1] for h in headings] == ["表三 ==", "表四 ==", "表三 =="]
    assert headings[0].split(" · ")[0] == headings[1].split(" · ")[0] != headings[2].split(" · ")[0]
    entries = [line for line in lines if line.startswith("[")]
    assert "R2 表三“（一）予以公开”行“总计”列" in entries[0]
    assert "R13 表三" in entries[-1]
    assert entries[0].split("]")[0] != entries[-1].split("]")[0]  # an error label, then a warning label
    with pytest.raises(SystemExit) as exc:
        call_command("gi_wagtail_check_report", str(path), stdout=StringIO(), stderr=StringIO())
    assert exc.value.code == 1

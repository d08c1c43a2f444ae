"""Import an annual report file (JSON / HTML / legacy text) as a draft AnnualReportPage."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gi_wagtail.importing.reports import ReportImportError, prepare_page, save_page
from gi_wagtail.reports.findings import severity_name
from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.locations import describe
from gi_wagtail.reports.parsers import ReportParseError, parse_file
from gi_wagtail.reports.validator import summary, validate
from gi_wagtail.text.quote import one_line


class Command(BaseCommand):
    help = "Import an annual report; nothing is created unless the whole import succeeds."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--parent", help="id or URL path of the parent page (disclosure index or category)")
        parser.add_argument("--organisation", help="organisation name (default: the one named in the report)")
        parser.add_argument("--format", choices=["2008", "2019", "2021"], help="force the report format")
        parser.add_argument("--year", type=int, help="report year when the file does not state it")
        parser.add_argument("--publish", action="store_true", help="publish if there are no validation errors")
        parser.add_argument("--dry-run", action="store_true", help="parse and validate only; write nothing")
        parser.add_argument("--json", action="store_true", help="machine-readable output")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            report = parse_file(opts["file"], format=opts.get("format"), year=opts.get("year"))
        except ReportParseError as exc:
            raise CommandError(parse_errors(opts["file"], exc)) from None
        findings = validate(report)
        # The dry run makes every check the real run makes; it only skips writing.
        try:
            parent, page = prepare_page(report, opts.get("parent"), opts.get("organisation"), opts["publish"])
        except ReportImportError as exc:
            raise CommandError(one_line(exc)) from None
        result = {
            "file": opts["file"],
            "format": report["format"],
            "year": report["year"],
            "organisation": page.organisation.name,
            "notes": report["notes"],
            "missing": report["missing"],  # cells not known (not printed blanks)
            "units_not_printed": report["units_not_printed"],
            "unit_conversions": {a: t for a, t in report["provenance"].items() if a in report["units"]},
            "summary": summary(findings),
            "findings": [f.as_dict() for f in findings],
            "page_id": None,
            "dry_run": opts["dry_run"],
            "report": report,
        }
        if not opts["dry_run"]:
            try:
                save_page(parent, page, opts["publish"])
            except ReportImportError as exc:
                raise CommandError(one_line(exc)) from None
            result["page_id"] = page.pk
            result["published"] = page.live
        if opts["json"]:
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
            return
        self.stdout.write(
            _("%(format)s report %(year)s of %(org)s: %(errors)s error(s), %(warnings)s warning(s).")
            % {
                "format": report["format"],
                "year": report["year"],
                "org": result["organisation"],
                "errors": result["summary"]["error"],
                "warnings": result["summary"]["warning"],
            }
        )
        for note in report["notes"]:
            self.stdout.write("  note: " + one_line(note))
        self._write_blanks_and_units(report, result)
        for f in findings:
            self.stdout.write(f"  [{severity_name(f.severity)}] {f.rule} {f.label}：{f.message}")
        if result["page_id"]:
            self.stdout.write(_("Created page %(id)s.") % {"id": result["page_id"]})
        else:
            self.stdout.write(_("Dry run: nothing was written."))

    def _write_blanks_and_units(self, report: dict[str, Any], result: dict[str, Any]) -> None:
        fmt = get_format(report["format"])
        if report["missing"]:
            self.stdout.write(
                "  "
                + _("%(n)s cell(s) could not be read and are marked as missing (not known): %(cells)s")
                % {"n": len(report["missing"]), "cells": "、".join(describe(fmt, a) for a in report["missing"][:6])}
                + ("……" if len(report["missing"]) > 6 else "")
            )
        for address, text in result["unit_conversions"].items():
            self.stdout.write(f"  {describe(fmt, address)}: {text}")


def parse_errors(path: str, exc: ReportParseError) -> str:
    """One ``file:line: problem`` line per problem of an unreadable report file (as the catalogue import prints)."""
    return "\n".join(f"{path}:{line}: {one_line(problem)}" for line, problem in exc.errors)

"""Validate an annual report file: prints findings as JSON (default) or a Chinese listing, exits 1 on errors."""

import json
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from gi_wagtail.management.commands.gi_wagtail_import_report import parse_errors
from gi_wagtail.reports.findings import has_errors, severity_name
from gi_wagtail.reports.parsers import ReportParseError, parse_file
from gi_wagtail.reports.validator import grouped_by_table, summary, validate


class Command(BaseCommand):
    help = "Check an annual report (JSON, HTML or text) against the statutory rules."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="report file (JSON in the gi_wagtail report schema, or HTML/text)")
        parser.add_argument("--previous", help="the same organisation's report for the previous year")
        parser.add_argument(
            "--format",
            choices=("json", "text"),
            default="json",
            help="json (default): machine-readable findings; text: a listing for editors, per table, errors first",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # Editors read the listing in the site's language (zh-hans), not the shell's.
        with translation.override(settings.LANGUAGE_CODE or "zh-hans"):
            try:
                report = _parse(options["file"])
                previous = _parse(options["previous"]) if options.get("previous") else None
            except ReportParseError as exc:
                raise CommandError(parse_errors(exc.path, exc)) from None
            findings = validate(report, previous=previous)
            counts = summary(findings)
            if options["format"] == "text":
                self.write_text(options["file"], findings, counts)
            else:
                out = {"file": options["file"], "summary": counts, "findings": [f.as_dict() for f in findings]}
                self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            if has_errors(findings):
                self.stderr.write(_("%(count)s error(s) found.") % {"count": counts["error"]})
                sys.exit(1)

    def write_text(self, path: str, findings: list, counts: dict[str, int]) -> None:
        self.stdout.write(path)
        self.stdout.write(
            _("%(errors)s error(s), %(warnings)s warning(s), %(infos)s hint(s).")
            % {"errors": counts["error"], "warnings": counts["warning"], "infos": counts["info"]}
        )
        if not findings:
            self.stdout.write(_("No validation findings."))
        for heading, group in grouped_by_table(findings):
            self.stdout.write("")
            self.stdout.write(f"== {heading} ==")
            for f in group:
                self.stdout.write(f"[{severity_name(f.severity)}] {f.rule} {f.label or f.location}：{f.message}")


def _parse(path: str) -> dict[str, Any]:
    try:
        return parse_file(path)
    except ReportParseError as exc:
        exc.path = path
        raise

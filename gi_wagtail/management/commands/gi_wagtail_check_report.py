"""Validate an annual report JSON file: prints findings as JSON, exits 1 on errors."""

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from gi_wagtail.reports.findings import has_errors
from gi_wagtail.reports.parsers import ReportParseError, parse_file
from gi_wagtail.reports.validator import summary, validate


class Command(BaseCommand):
    help = "Check an annual report (JSON, HTML or text) against the statutory rules."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="report file (JSON in the gi_wagtail report schema, or HTML/text)")
        parser.add_argument("--previous", help="the same organisation's report for the previous year")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = parse_file(options["file"])
            previous = parse_file(options["previous"]) if options.get("previous") else None
        except ReportParseError as exc:
            raise CommandError(str(exc)) from None
        findings = validate(report, previous=previous)
        out = {"file": options["file"], "summary": summary(findings), "findings": [f.as_dict() for f in findings]}
        self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
        if has_errors(findings):
            self.stderr.write(_("%(count)s error(s) found.") % {"count": summary(findings)["error"]})
            sys.exit(1)

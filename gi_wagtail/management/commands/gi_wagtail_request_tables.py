"""Print tables 三 and 四 (and the 2021 fee figures) of a year, generated from the request register.

``--json`` prints them in the report JSON schema (gi_wagtail.reports.schema; table 二 blank),
ready for ``gi_wagtail_check_report``; otherwise a readable text table.
"""

from __future__ import annotations

import datetime
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gi_wagtail.reports.formats import get_format
from gi_wagtail.reports.prefill import register_report
from gi_wagtail.reports.schema import dump_report
from gi_wagtail.requests.lookups import find_organisation


class Command(BaseCommand):
    help = "Print tables 三 and 四 of a year from the request register (--json: in the report JSON schema)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--year", type=int, required=True)
        parser.add_argument("--format", dest="report_format", choices=["2019", "2021"], required=True)
        parser.add_argument("--organisation", default="", help="Name or short name (default: every request).")
        parser.add_argument("--json", action="store_true", help="Print the report JSON schema.")

    def handle(self, *args: Any, year: int, report_format: str, **options: Any) -> None:
        if not 1990 <= year <= datetime.date.today().year + 1:
            raise CommandError(_("--year must be a year between 1990 and next year."))
        organisation = None
        if options["organisation"].strip():
            organisation = find_organisation(options["organisation"])
            if organisation is None:
                raise CommandError(_("Unknown organisation %(name)s.") % {"name": options["organisation"].strip()})
        report = register_report(year, report_format, organisation)
        if options["json"]:
            self.stdout.write(dump_report(report))
            return
        self.stdout.write(self._text(report))

    @staticmethod
    def _text(report: dict[str, Any]) -> str:
        fmt = get_format(report["format"])
        who = report["organisation"] or _("all requests")
        lines = [f"{report['year']} ({report['format']}) — {who}", "", fmt.table3.caption]
        columns = fmt.table3.columns
        labels = [(f"{row.group} {row.label}" if row.group else row.label, row.key) for row in fmt.table3.rows]
        width = max(_width(label) for label, _key in labels) + 2
        lines.append(" " * width + " ".join(_pad(c.label, 12) for c in columns))
        for label, key in labels:
            cells = report["tables"]["table3"][key]
            lines.append(label + " " * (width - _width(label)) + " ".join(_pad(str(cells[c.key]), 12) for c in columns))
        lines += ["", fmt.table4.caption]
        cases = report["tables"]["table4"]["cases"]
        for column in fmt.table4.columns:
            lines.append(f"  {column.parent} {column.label}: {cases[column.key]}")
        if report.get("fees"):
            fees = report["fees"]
            lines += [
                "",
                _("Fee notices: %(count)s, amount %(amount)s yuan; collected %(collected)s yuan.")
                % {"count": fees["notices_count"], "amount": fees["notices_amount"], "collected": fees["collected"]},
            ]
        return "\n".join(lines) + "\n"


def _width(text: str) -> int:
    """Terminal columns: CJK characters take two."""
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _pad(text: str, width: int) -> str:
    return " " * max(width - _width(text), 0) + text

"""Import a bureau's 登记台账 (request register) from CSV or XLSX: one request per row.

Columns (English keys or Chinese headings): received_on, channel, applicant_type, outcome,
replied_on, organisation, description, reference, fee and 复议/诉讼 columns; see
docs/integrators/request-import.md. Exits with status 1 when any row failed (the valid rows
are kept). Personal data columns are imported but never printed.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gi_wagtail.importing import ImportFileError, read_records
from gi_wagtail.importing.requests import RequestImporter


class Command(BaseCommand):
    help = (
        "Import disclosure requests from a 登记台账 (CSV: UTF-8, UTF-8 with BOM or GBK; or XLSX), one request per "
        "row. Columns: received_on, channel, applicant_type, outcome, replied_on, organisation; optional "
        "description, reference, fee_*, appeal_*, extended_* (Chinese headings accepted). Re-running the same "
        "file creates nothing new."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row as the real run does; write nothing."
        )
        parser.add_argument(
            "--organisation",
            default="",
            help="Organisation (name or short name) of rows without an organisation column.",
        )
        parser.add_argument("--format", choices=["csv", "xlsx"], help="Default: from the file name and content.")
        parser.add_argument("--encoding", help="Force a text encoding (default: detect UTF-8, UTF-8 with BOM or GBK).")
        parser.add_argument("--user", help="Username recorded on the audit log entries.")

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("Unknown user %(name)s.") % {"name": options["user"]})
        importer = RequestImporter(dry_run=options["dry_run"], organisation=options["organisation"].strip(), user=user)
        try:
            result = importer.run(read_records(file, options["format"], options["encoding"]))
        except ImportFileError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        for line, reason in result.errors:
            self.stderr.write(f"{file}:{line}: {reason}")
        if options["dry_run"]:
            summary = _(
                "Would import requests: %(created)s created, %(updated)s answered, %(unchanged)s unchanged, "
                "%(failed)s failed."
            )
        else:
            summary = _(
                "Imported requests: %(created)s created, %(updated)s answered, %(unchanged)s unchanged, "
                "%(failed)s failed."
            )
        summary %= {
            "created": result.created,
            "updated": result.updated,
            "unchanged": result.unchanged,
            "failed": len(result.errors),
        }
        self.stdout.write(self.style.SUCCESS(summary) if not result.errors else self.style.WARNING(summary))
        if result.organisations_created:
            verb = (
                _("Organisations that would be created: %(names)s")
                if options["dry_run"]
                else _("Organisations created: %(names)s")
            )
            self.stdout.write(verb % {"names": "、".join(result.organisations_created)})
        if result.errors:
            if options["dry_run"]:
                message = _("%(count)s row(s) would fail; nothing was written (--dry-run).")
            else:
                message = _("%(count)s row(s) failed; the valid rows were kept.")
            raise CommandError(message % {"count": len(result.errors)})

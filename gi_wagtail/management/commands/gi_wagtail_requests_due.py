"""Print each open request with its date of receipt, due date, paused and extension days, and overdue."""

from __future__ import annotations

import datetime
import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from gi_wagtail.requests.due import due_rows
from gi_wagtail.requests.lookups import find_organisation


class Command(BaseCommand):
    help = (
        "List open disclosure requests with their due date on a day (default today): reference, received_on, "
        "due, paused_days, extension_days, overdue, waiting_for (--json for JSON)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--on", help="The day to look from (YYYY-MM-DD; default today).")
        parser.add_argument("--organisation", default="", help="Name or short name (default: every organisation).")
        parser.add_argument("--json", action="store_true", help="Print a JSON list.")

    def handle(self, *args: Any, **options: Any) -> None:
        on = timezone.localdate()
        if options["on"]:
            try:
                on = datetime.date.fromisoformat(options["on"].strip())
            except ValueError:
                raise CommandError(_("--on must be a date in YYYY-MM-DD form.")) from None
        organisation = None
        if options["organisation"].strip():
            organisation = find_organisation(options["organisation"])
            if organisation is None:
                raise CommandError(_("Unknown organisation %(name)s.") % {"name": options["organisation"].strip()})
        rows = due_rows(on, organisation)
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write(_("No open requests."))
            return
        for row in rows:
            if row["error"]:
                state = _("due date unknown: %(error)s") % {"error": row["error"]}
            else:
                state = _("due %(due)s, %(paused)s working days paused, %(extension)s extension days") % {
                    "due": row["due"] or _("— (awaiting correction)"),
                    "paused": row["paused_days"],
                    "extension": row["extension_days"],
                }
                if row["overdue"]:
                    state += " — " + _("OVERDUE")
                if row["waiting_for"]:
                    state += " — " + _("waiting for: %(what)s") % {"what": ", ".join(row["waiting_for"])}
            self.stdout.write(f"{row['reference']}  {row['received_on']}  {state}")

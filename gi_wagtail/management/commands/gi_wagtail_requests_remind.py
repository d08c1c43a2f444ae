"""Queue (or with --now run) the daily reminder of requests near or past their due date.

Run it once a day from cron or a systemd timer (docs/operators/requests.md). Running it twice on
one day sends nothing new: each request is reminded of at most once a day.
"""

import datetime
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from gi_wagtail.requests.tasks import send_due_reminders


class Command(BaseCommand):
    help = "E-mail the handlers their open requests that are overdue or due soon (queued, or at once with --now)."

    def add_arguments(self, parser):
        parser.add_argument("--now", action="store_true", help="run here and now instead of queueing the task")
        parser.add_argument("--on", help="the day to count from (YYYY-MM-DD; default today)")

    def handle(self, *args, now=False, on=None, **options):
        if on:
            try:
                on = datetime.date.fromisoformat(on).isoformat()
            except ValueError as exc:
                raise CommandError(_("--on takes a date as YYYY-MM-DD.")) from exc
        if now:
            counts = send_due_reminders.call(on)
            self.stdout.write(json.dumps(counts, sort_keys=True))
            return
        result = send_due_reminders.enqueue(on)
        self.stdout.write(_("Queued the reminder task (%(id)s).") % {"id": result.id})

"""Anonymise closed requests whose reply is older than GI_WAGTAIL["REQUESTS"]["RETENTION_DAYS"].

The applicant's personal data is erased (services.anonymise); dates, outcome, applicant type and
fees stay, so tables 三 and 四 are unchanged. A request split into parts (一事一申请) is anonymised
once all its parts are. Requests already anonymised are left alone, so the command can run daily.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gi_wagtail.conf import gi_settings
from gi_wagtail.requests import services
from gi_wagtail.requests.models import DisclosureRequest, Status


def due_for_anonymisation(cutoff):
    """Requests to anonymise: closed and replied before ``cutoff``, then split requests whose parts are."""
    closed = DisclosureRequest.objects.filter(
        status=Status.CLOSED, replied_on__lt=cutoff, anonymised_at__isnull=True
    ).order_by("pk")
    part_kept = DisclosureRequest.objects.filter(parent=OuterRef("pk")).filter(
        Q(anonymised_at__isnull=True) & ~Q(status=Status.CLOSED, replied_on__lt=cutoff)
    )
    split = (
        DisclosureRequest.objects.filter(status=Status.SPLIT, anonymised_at__isnull=True)
        .filter(~Exists(part_kept))
        .order_by("pk")
    )
    return closed, split


class Command(BaseCommand):
    help = "Erase the applicants' personal data of requests answered longer ago than the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="only count, change nothing")

    def handle(self, *args, dry_run=False, **options):
        days = gi_settings.REQUESTS.get("RETENTION_DAYS")
        if not isinstance(days, int) or days < 1:
            raise CommandError(_("GI_WAGTAIL['REQUESTS']['RETENTION_DAYS'] must be a whole number of days."))
        cutoff = timezone.localdate() - datetime.timedelta(days=days)
        closed, split = due_for_anonymisation(cutoff)
        requests = list(closed) + list(split)
        if not dry_run:
            for request in requests:
                services.anonymise(request)
        message = (
            _("Would anonymise %(n)d requests answered before %(cutoff)s.")
            if dry_run
            else _("Anonymised %(n)d requests answered before %(cutoff)s.")
        )
        self.stdout.write(message % {"n": len(requests), "cutoff": cutoff.isoformat()})

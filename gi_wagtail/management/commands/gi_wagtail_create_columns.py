from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from wagtail.models import Page

from gi_wagtail.catalogue.columns import create_standard_columns
from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage


class Command(BaseCommand):
    help = (
        "Create the standard sub-columns of the 政府信息公开专栏 (指南, 制度, 法定主动公开内容 with its categories, 年报) "
        "under a disclosure index; only the missing ones (idempotent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--index", type=int, help="Page ID of the 政府信息公开首页 (default: every one).")

    def handle(self, *args: Any, **options: Any) -> None:
        indexes = Page.objects.type(AbstractDisclosureIndexPage).order_by("path")
        if options["index"] is not None:
            indexes = indexes.filter(pk=options["index"])
            if not indexes.exists():
                raise CommandError(_("Page %(id)s is not a disclosure index page.") % {"id": options["index"]})
        if not indexes.exists():
            raise CommandError(_("There is no disclosure index page."))
        for index in indexes.specific():
            created = create_standard_columns(index)
            self.stdout.write(
                _("%(index)s: %(count)d columns created.") % {"index": index.title, "count": len(created)}
            )

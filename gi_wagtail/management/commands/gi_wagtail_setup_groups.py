from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from gi_wagtail.requests.setup import setup_handlers_group
from gi_wagtail.review.roots import add_root_argument, resolve_roots
from gi_wagtail.review.setup import setup_groups


class Command(BaseCommand):
    help = (
        "Create the groups 信息公开编辑, 保密审查员, 信息公开管理员 and 依申请公开经办人 with their permissions "
        "(idempotent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_root_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        roots = resolve_roots(options["root"])
        groups = setup_groups(roots)
        handlers = setup_handlers_group()
        groups[handlers.name] = handlers
        self.stdout.write(
            _("Groups ready: %(groups)s; disclosure roots: %(roots)s")
            % {"groups": ", ".join(groups), "roots": ", ".join(r.title for r in roots) or "-"}
        )

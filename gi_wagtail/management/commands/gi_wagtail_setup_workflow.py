from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from gi_wagtail.review.roots import add_root_argument, resolve_roots
from gi_wagtail.review.workflow import setup_workflow


class Command(BaseCommand):
    help = (
        "Create the 信息公开发布审核 workflow (保密审查 → 领导审签) and assign it to the disclosure roots (idempotent)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_root_argument(parser)
        parser.add_argument(
            "--without-leader-sign-off", action="store_true", help="Only the secrecy review, no 领导审签 step."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        roots = resolve_roots(options["root"])
        workflow = setup_workflow(roots, leader_sign_off=not options["without_leader_sign_off"])
        tasks = " → ".join(t.name for t in workflow.tasks)
        self.stdout.write(
            _("Workflow %(name)s (%(tasks)s) assigned to: %(roots)s")
            % {"name": workflow.name, "tasks": tasks, "roots": ", ".join(r.title for r in roots) or "-"}
        )

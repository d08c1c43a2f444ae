"""Import catalogue items from a JSON Lines, CSV or XLSX file (one item per record).

Items are saved as drafts and submitted to the disclosure root's review workflow, unless
``--publish`` (by a ``--user`` with publish permission) publishes them at once. Exits with
status 1 when any record failed; the valid records are kept (all or nothing: ``--atomic``).
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from gi_wagtail.importing import Importer, ImportFileError, read_records
from gi_wagtail.importing.importer import ImportResult, resolve_root, root_parent
from gi_wagtail.importing.readers import DEFAULT_MAX_RECORD_BYTES
from gi_wagtail.importing.records import RecordError
from gi_wagtail.importing.review import check_permission
from gi_wagtail.text.quote import one_line


class Command(BaseCommand):
    help = (
        "Import disclosure items. Columns: category, title, body, published; optional index_no, doc_no, "
        "organisation, written_on, topic, genre, validity, keywords, summary (Chinese headings accepted). "
        "Re-running updates items matched by index_no, else by category+title+published. "
        "Items are saved as drafts and submitted for review unless --publish is given. "
        "Exits with status 1 when any record failed (the valid ones are kept unless --atomic)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file")
        parser.add_argument(
            "--format", choices=["jsonl", "csv", "xlsx"], help="Default: from the file name and content."
        )
        parser.add_argument(
            "--encoding", help="Force a text encoding (default: detect UTF-8, UTF-8 with BOM or GB18030/GBK)."
        )
        parser.add_argument("--root", help="Disclosure index page (id or slug) to import into.")
        parser.add_argument("--create-categories", action="store_true", help="Create missing categories.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; change nothing.")
        parser.add_argument(
            "--atomic", action="store_true", help="All or nothing: any bad record rolls back the whole import."
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish at once instead of submitting drafts for review (needs --user with publish permission).",
        )
        parser.add_argument(
            "--user",
            help="Username the import acts as: recorded on revisions and audit log entries "
            "(without it, entries have no user, as for system actions).",
        )
        parser.add_argument(
            "--max-record-size", type=int, default=DEFAULT_MAX_RECORD_BYTES, help="Longest accepted record, in bytes."
        )

    def handle(self, *args: Any, file: str, **options: Any) -> None:
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Unknown user {options['user']!r}.")
        dry_run, publish = options["dry_run"], options["publish"]
        try:
            root = resolve_root(options["root"], create=False)
            # Checked before anything is written, in a dry run too.
            check_permission(root or root_parent(), user, publish, creates_root=root is None)
            if root is None and not dry_run:
                with transaction.atomic():
                    root = resolve_root(options["root"], user=user, publish=publish)
        except RecordError as exc:
            raise CommandError(str(exc)) from exc
        importer = Importer(
            root=root,
            user=user,
            create_categories=options["create_categories"],
            dry_run=dry_run,
            atomic=options["atomic"],
            publish=publish,
        )
        records = read_records(file, options["format"], options["encoding"], options["max_record_size"])
        try:
            result = importer.run(records)
        except ImportFileError as exc:
            where = f"{file}:{exc.line}" if exc.line else file
            raise CommandError(f"{where}: {one_line(exc)}") from exc
        for line, reason in result.errors:
            self.stderr.write(f"{file}:{line}: {one_line(reason)}")
        for reason in result.index_errors:
            self.stderr.write(f"search index not updated: {one_line(reason)} (run `manage.py update_index`)")
        verb = "Would import" if dry_run else "Imported"
        summary = (
            f"{verb}: {result.created} created, {result.updated} updated, {len(result.errors)} failed, "
            f"{result.categories_created} categories created"
            + (f", {result.unchanged} unchanged (no new draft)" if result.unchanged else "")
            + f" in {result.seconds:.1f}s "
            f"({result.items_per_second:.0f} items/s)."
        )
        if result.rolled_back:
            raise CommandError(f"{len(result.errors)} bad record(s); nothing imported (--atomic).")
        self.stdout.write(self.style.SUCCESS(summary) if not result.errors else self.style.WARNING(summary))
        if not dry_run and result.created + result.updated + result.categories_created:
            self.stdout.write(self._outcome(result, publish))
        if result.errors:
            if dry_run:
                message = _("%(count)s record(s) would fail; nothing was written (--dry-run).")
            else:
                message = _("%(count)s record(s) failed; the valid records were kept.")
            raise CommandError(message % {"count": len(result.errors)})

    @staticmethod
    def _outcome(result: ImportResult, publish: bool) -> str:
        if publish:
            return _("Published at once (--publish).")
        if result.submitted:
            return _("Saved as drafts; %(count)s page(s) submitted for review.") % {"count": result.submitted}
        return _(
            "Saved as drafts; none newly submitted for review (no workflow applies, or the pages are under review "
            "already): they wait for an editor to publish or submit them."
        )

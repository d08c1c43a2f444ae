"""Import catalogue items from a JSON Lines, CSV or XLSX file (one item per record)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from gi_wagtail.importing import Importer, ImportFileError, read_records
from gi_wagtail.importing.importer import resolve_root
from gi_wagtail.importing.readers import DEFAULT_MAX_RECORD_BYTES
from gi_wagtail.importing.records import RecordError


class Command(BaseCommand):
    help = (
        "Import disclosure items. Columns: category, title, body, published; optional index_no, doc_no, "
        "organisation, written_on, topic, genre, validity, keywords, summary (Chinese headings accepted). "
        "Re-running updates items matched by index_no, else by category+title+published."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", choices=["jsonl", "csv", "xlsx"], help="Default: from the file name and content.")
        parser.add_argument("--encoding", help="Force a text encoding (default: detect UTF-8, UTF-8 with BOM or GB18030/GBK).")
        parser.add_argument("--root", help="Disclosure index page (id or slug) to import into.")
        parser.add_argument("--create-categories", action="store_true", help="Create missing categories.")
        parser.add_argument("--dry-run", action="store_true", help="Validate and report; change nothing.")
        parser.add_argument("--atomic", action="store_true", help="All or nothing: any bad record rolls back the whole import.")
        parser.add_argument("--user", help="Username recorded on revisions and log entries.")
        parser.add_argument("--max-record-size", type=int, default=DEFAULT_MAX_RECORD_BYTES, help="Longest accepted record, in bytes.")

    def handle(self, *args, file, **options):
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Unknown user {options['user']!r}.")
        dry_run = options["dry_run"]
        try:
            if dry_run:
                root = resolve_root(options["root"], create=False)
            else:
                with transaction.atomic():
                    root = resolve_root(options["root"])
        except RecordError as exc:
            raise CommandError(str(exc)) from exc
        importer = Importer(
            root=root, user=user, create_categories=options["create_categories"], dry_run=dry_run, atomic=options["atomic"]
        )
        records = read_records(file, options["format"], options["encoding"], options["max_record_size"])
        try:
            result = importer.run(records)
        except ImportFileError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        for line, reason in result.errors:
            self.stderr.write(f"{file}:{line}: {reason}")
        for reason in result.index_errors:
            self.stderr.write(f"search index not updated: {reason} (run `manage.py update_index`)")
        verb = "Would import" if dry_run else "Imported"
        summary = (
            f"{verb}: {result.created} created, {result.updated} updated, {len(result.errors)} failed, "
            f"{result.categories_created} categories created in {result.seconds:.1f}s "
            f"({result.items_per_second:.0f} items/s)."
        )
        if result.rolled_back:
            raise CommandError(f"{len(result.errors)} bad record(s); nothing imported (--atomic).")
        self.stdout.write(self.style.SUCCESS(summary) if not result.errors else self.style.WARNING(summary))

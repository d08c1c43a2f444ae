"""(Re)load the shipped 主题分类 and 体裁 vocabularies. Safe to re-run."""

from django.core.management.base import BaseCommand
from django.db import transaction

from gi_wagtail.catalogue.vocabularies import load_vocabularies


class Command(BaseCommand):
    help = "Load the shipped topic classes (主题分类) and genres (体裁); existing rows are kept."

    def handle(self, *args, **options):
        with transaction.atomic():
            created = load_vocabularies()
        self.stdout.write(f"Vocabularies loaded, {created} new entries.")

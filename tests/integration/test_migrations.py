from io import StringIO

from django.core.management import call_command
from django.test import TestCase


class MigrationsTests(TestCase):
    def test_models_and_migrations_agree(self):
        out = StringIO()
        call_command("makemigrations", "gi_wagtail", "testapp", "--check", "--dry-run", stdout=out)
        self.assertIn("No changes detected", out.getvalue())

"""Load the demo content of a fictional county science bureau. Safe to re-run."""

import secrets

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from home.demo import build_demo_site


class Command(BaseCommand):
    help = "Create the demo site content and an admin login (idempotent)."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = self._home_page()
            build_demo_site(home, stdout=self.stdout)
            # Editors' groups and the 信息公开发布审核 workflow (保密审查 → 领导审签) on the disclosure root.
            call_command("gi_wagtail_setup_groups", stdout=self.stdout)
            call_command("gi_wagtail_setup_workflow", stdout=self.stdout)
            password = self._admin_password()
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        self.stdout.write(f"Site:  http://127.0.0.1:8000/\nAdmin: http://127.0.0.1:8000/admin/\nLogin: admin / {password}")

    def _home_page(self):
        from home.models import HomePage

        home = HomePage.objects.first()
        if home is None:
            root = Page.get_first_root_node()
            # wagtail's initial migration leaves a placeholder page at depth 2.
            for placeholder in root.get_children().exact_type(Page):
                placeholder.delete()
            home = root.add_child(instance=HomePage(title="高青县科学技术局", slug="home"))
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="高青县科学技术局")
        elif site.root_page_id != home.pk or site.site_name != "高青县科学技术局":
            site.root_page = home
            site.site_name = "高青县科学技术局"
            site.save()
        return home

    def _admin_password(self):
        # A fresh password on every run, so the one printed is always the one that works.
        password = secrets.token_urlsafe(9)
        user, _ = get_user_model().objects.get_or_create(
            username="admin", defaults={"email": "admin@example.com", "is_staff": True, "is_superuser": True}
        )
        user.is_staff = user.is_superuser = True
        user.set_password(password)
        user.save()
        return password

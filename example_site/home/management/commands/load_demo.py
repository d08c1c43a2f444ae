"""Load the demo content of a fictional county science bureau. Safe to re-run."""

import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.models import Page, Site

from gi_wagtail.models import Organisation
from gi_wagtail.requests.setup import HANDLERS, setup_handlers_group
from gi_wagtail.review.setup import EDITORS, MANAGERS, REVIEWERS
from home.demo import build_demo_site
from home.demo_data import AGENCY
from home.demo_requests import build_demo_requests

# One login per role, so the whole review workflow (submit → 保密审查 → 领导审签) can be walked in the demo.
# (role, username, group or None for the superuser, what the role can do)
DEMO_LOGINS = [
    ("超级管理员", "admin", None, "全部权限：站点设置、用户与分组、所有页面"),
    (EDITORS, "editor", EDITORS, "新建、修改信息并提交审核；不能发布"),
    (REVIEWERS, "reviewer", REVIEWERS, "保密审查：审核通过或退回，不能修改页面"),
    (MANAGERS, "manager", MANAGERS, "领导审签与直接发布；管理机构、主题分类、体裁"),
]
HANDLER_LOGIN = (HANDLERS, "handler", HANDLERS, "登记、办理依申请公开，查看申请人信息")


class Command(BaseCommand):
    help = "Create the demo site content and one login per role (idempotent; fresh passwords on every run)."

    def handle(self, *args, **options):
        with transaction.atomic():
            home = self._home_page()
            index = build_demo_site(home, stdout=self.stdout)
            # A year of 依申请公开 requests, and the 2025 report generated from them.
            build_demo_requests(
                Organisation.objects.get(name=AGENCY),
                index.get_children().get(slug="xxgknb").specific,
                stdout=self.stdout,
            )
            # Editors' groups and the 信息公开发布审核 workflow (保密审查 → 领导审签) on the disclosure root.
            call_command("gi_wagtail_setup_groups", stdout=self.stdout)
            call_command("gi_wagtail_setup_workflow", stdout=self.stdout)
            setup_handlers_group()
            roles = [*DEMO_LOGINS, HANDLER_LOGIN]
            logins = [(role, username, self._login(username, group), can) for role, username, group, can in roles]
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        self.stdout.write("Site:  http://127.0.0.1:8000/\nAdmin: http://127.0.0.1:8000/admin/\n")
        self.stdout.write(_table(["角色", "用户名", "密码", "可以做什么"], logins))

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
            Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="高青县科学技术局"
            )
        elif site.root_page_id != home.pk or site.site_name != "高青县科学技术局":
            site.root_page = home
            site.site_name = "高青县科学技术局"
            site.save()
        return home

    def _login(self, username, group_name):
        # A fresh password on every run, so the one printed is always the one that works.
        password = secrets.token_urlsafe(9)
        superuser = group_name is None
        user, _ = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.com"}
        )
        user.is_staff = superuser
        user.is_superuser = superuser
        user.is_active = True
        user.set_password(password)
        user.save()
        if group_name:
            user.groups.set([Group.objects.get(name=group_name)])
        return password


def _width(text):
    # CJK characters take two columns in a terminal.
    return sum(2 if ord(char) > 0x2E80 else 1 for char in text)


def _table(header, rows):
    rows = [header] + [list(row) for row in rows]
    widths = [max(_width(row[col]) for row in rows) for col in range(len(header) - 1)]
    lines = []
    for number, row in enumerate(rows):
        cells = [cell + " " * (widths[col] - _width(cell)) for col, cell in enumerate(row[:-1])]
        lines.append("  ".join(cells + [row[-1]]))
        if number == 0:
            lines.append("  ".join("-" * width for width in widths + [_width(row[-1])]))
    return "\n".join(lines) + "\n"

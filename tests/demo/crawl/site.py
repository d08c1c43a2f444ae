"""The content the crawl walks: the demo column, both seed reports imported from text, one user per role,
and pages in the states that matter (draft changes, in review, many revisions, private, locked, scheduled)."""

import datetime
from io import StringIO
from pathlib import Path

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import PageViewRestriction

from gi_wagtail.catalogue.models.item import ItemAttachment
from gi_wagtail.models import (
    AnnualReportPage,
    CatalogueCategoryPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    Organisation,
)
from gi_wagtail.review.setup import EDITORS, MANAGERS, REVIEWERS
from gi_wagtail.search.models import SearchSynonym
from tests.factories import root_page

SEEDS = Path(__file__).resolve().parents[2] / "reports" / "fixtures" / "seeds"
SEED_REPORTS = ["gaoqing-kjj-2012-annual-report.txt", "yicheng-kjj-2017-annual-report.txt"]
PASSWORD = "crawl-password-1"
# One login per shipped role; None is the superuser.
ROLES = {"superuser": None, "editor": EDITORS, "reviewer": REVIEWERS, "manager": MANAGERS}


def build_crawl_site():
    """Build everything; returns {"users": {role: user}, "pages": {state: page}}."""
    out = StringIO()
    root_page()  # recreates the tree root if a transactional test flushed it
    call_command("gi_wagtail_load_vocabularies", stdout=out)
    call_command("load_demo", stdout=out)  # demo column, groups and the 信息公开发布审核 workflow
    index = DisclosureIndexPage.objects.get(slug="xxgk")  # 高青; the demo also has 峄城's own column
    users = _users()
    imported = _import_seed_reports(index)
    pages = {"imported_report": imported[0], "imported_report_yicheng": imported[1]}
    pages.update(_page_states(index, users))
    _ensure_request()
    return {"users": users, "pages": pages}


def _ensure_request():
    """One request for the register's screens (unless the demo holds some), and one notice template."""
    import datetime

    from gi_wagtail.requests import services
    from gi_wagtail.requests.models import DisclosureRequest, NoticeTemplate

    # A changed notice text, for the notice templates' edit, history and usage screens.
    NoticeTemplate.objects.get_or_create(
        kind="receipt", defaults={"title": "登记回执", "body": "受理编号：{reference}"}
    )
    if not DisclosureRequest.objects.exists():
        services.register(
            {
                "channel": "in_person",
                "received_on": datetime.date(2025, 3, 3),
                "applicant_type": "natural_person",
                "applicant_name": "爬取测试",
                "description": "2024年科技项目立项名单",
            }
        )


def _users():
    users = {}
    for role, group in ROLES.items():
        user = get_user_model().objects.create_user(
            f"crawl-{role}", f"{role}@example.com", PASSWORD, is_superuser=group is None, is_staff=group is None
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        users[role] = user
    return users


def _import_seed_reports(index):
    """Both seed reports through the real command, into their own category and under their own organisations
    (the demo already holds copies under the agencies named in the files)."""
    category = index.add_child(instance=CatalogueCategoryPage(title="导入的年报", slug="imported-reports", code="99"))
    category.save_revision().publish()
    pages = []
    for filename in SEED_REPORTS:
        organisation = Organisation.objects.create(name=f"导入测试{filename.split('-')[0]}科学技术局")
        out = StringIO()
        call_command(
            "gi_wagtail_import_report",
            str(SEEDS / filename),
            "--parent",
            str(category.pk),
            "--organisation",
            organisation.name,
            "--publish",
            stdout=out,
        )
        pages.append(AnnualReportPage.objects.child_of(category).get(organisation=organisation))
    return pages


def _item(title):
    return DisclosureItemPage.objects.get(title=title)


def _page_states(index, users):
    editor, superuser = users["editor"], users["superuser"]
    items = list(DisclosureItemPage.objects.live().order_by("path"))
    draft, in_review, revised, password_page, login_page, locked, scheduled = items[:7]

    # Published, with unpublished changes.
    draft.title += "（修订稿）"
    draft.save_revision(user=editor, log_action=True)

    # Submitted by an editor: waits for 保密审查 by the reviewers' group.
    in_review.title += "（送审稿）"
    in_review.save_revision(user=editor, log_action=True)
    in_review.get_workflow().start(in_review, editor)

    # Several revisions (the compare view then has something to compare).
    for n in range(3):
        revised.summary = f"第{n + 1}次修订的摘要。"
        revised.save_revision(user=superuser, log_action=True).publish(user=superuser)

    # View restrictions: a password, and login-only on the whole category below it.
    PageViewRestriction.objects.create(
        page=password_page, restriction_type=PageViewRestriction.PASSWORD, password="gi-secret"
    )
    PageViewRestriction.objects.create(page=login_page, restriction_type=PageViewRestriction.LOGIN)

    # Locked by the superuser: other roles get the read-only editor.
    locked.locked, locked.locked_by, locked.locked_at = True, superuser, timezone.now()
    locked.save(update_fields=["locked", "locked_by", "locked_at"])

    # A change scheduled to go live next month.
    scheduled.go_live_at = timezone.now() + datetime.timedelta(days=30)
    scheduled.save_revision(user=superuser, approved_go_live_at=scheduled.go_live_at)

    # An attachment, and a page never published.
    document = get_document_model().objects.create(title="创新券申请汇总表")
    document.file.save("vouchers.csv", ContentFile("索引号,标题\n".encode()), save=True)
    ItemAttachment.objects.create(page=revised, document=document, title="创新券申请汇总表")
    category = revised.get_parent()
    never = DisclosureItemPage(
        title="从未发布的草稿",
        slug="never-published",
        live=False,
        organisation=revised.organisation,
        published_on=datetime.date(2025, 1, 6),
    )
    category.add_child(instance=never)
    never.save_revision(user=editor)
    SearchSynonym.objects.create(terms="科技局 科学技术局")
    return {
        "draft": draft,
        "in_review": in_review,
        "revised": revised,
        "password": password_page,
        "login": login_page,
        "locked": locked,
        "scheduled": scheduled,
        "never_published": never,
    }

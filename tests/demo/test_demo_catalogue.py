from io import StringIO

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import TestCase, override_settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from gi_wagtail.models import AnnualReportPage, CatalogueCategoryPage, DisclosureItemPage, Validity, ValidityEvent
from gi_wagtail.security.uploads import validate_document_file


class DemoCatalogueTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def test_every_category_but_the_annual_reports_is_filled(self):
        for category in CatalogueCategoryPage.objects.exclude(slug="xxgknb"):
            with self.subTest(category=category.title):
                self.assertTrue(DisclosureItemPage.objects.child_of(category).live().exists())

    def test_rerun_creates_nothing_new(self):
        before = (
            DisclosureItemPage.objects.count(),
            CatalogueCategoryPage.objects.count(),
            ValidityEvent.objects.count(),
        )
        out = StringIO()
        call_command("load_demo", stdout=out)
        self.assertIn("0 new items", out.getvalue())
        self.assertEqual(
            (DisclosureItemPage.objects.count(), CatalogueCategoryPage.objects.count(), ValidityEvent.objects.count()),
            before,
        )

    def test_the_stock_search_url_hands_over_to_the_checked_public_search(self):
        # wagtail start's view listed private pages' titles and failed on a NUL (PostgreSQL).
        item = DisclosureItemPage.objects.live().first()
        PageViewRestriction.objects.create(page=item, restriction_type="password", password="secret")
        for raw in ("query=%00", f"query={item.title}", "query=%E7%A7%91%E6%8A%80%00&page=%C2%B2"):
            with self.subTest(raw=raw):
                response = self.client.get(f"/search/?{raw}", follow=True)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.redirect_chain[0][1], 301)
                self.assertTrue(response.redirect_chain[0][0].startswith(reverse("gi_wagtail_search")))
                self.assertNotContains(response, f">{item.title}<")

    def test_pages_render_with_specialised_content(self):
        expectations = {
            "高青县科学技术局政府信息公开指南（2024年版）": ["高青县科学技术局办公室", "0533-6961250"],
            "高青县科学技术局机构概况": ["政策法规与创新股", "高新技术与成果转化股"],
            "高青县科学技术局领导信息": ["王明远", "党组书记、局长", "分管办公室"],
            "高青县“十四五”科技创新发展规划": ["2021—2025"],
            "2019—2023年高青县高新技术企业统计情况": ['<th scope="row">2023年</th>', "<svg"],
        }
        for title, texts in expectations.items():
            with self.subTest(title=title):
                response = self.client.get(DisclosureItemPage.objects.get(title=title).url)
                for text in texts:
                    self.assertContains(response, text)

    def test_repealed_policy_has_a_dated_event_and_interpretation_links_back(self):
        old = DisclosureItemPage.objects.get(title="高青县科技计划项目管理暂行办法")
        self.assertEqual(old.validity, Validity.REPEALED)
        event = old.validity_events.get()
        self.assertEqual(
            (event.old_status, event.new_status, str(event.effective_on), event.repealing_document),
            ("valid", "repealed", "2024-04-02", "高科发〔2024〕7号"),
        )
        policy = DisclosureItemPage.objects.get(title="关于印发《高青县科技创新券管理办法》的通知")
        self.assertContains(self.client.get(policy.url), "《高青县科技创新券管理办法》政策解读")

    def test_index_links_to_guide_and_annual_reports(self):
        response = self.client.get("/xxgk/")
        self.assertContains(response, "政策法规")
        self.assertContains(response, "gi-annual-reports-link")
        self.assertContains(response, "gi-guide-link")


class DemoReportTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo", stdout=StringIO())

    def test_seeds_and_statutory_formats_are_published(self):
        live = {(page.organisation.name, page.year, page.report_format) for page in AnnualReportPage.objects.live()}
        self.assertEqual(
            live,
            {
                ("高青县科学技术局", 2012, "2008"),
                ("枣庄市峄城区科学技术局", 2017, "2008"),
                ("高青县科学技术局", 2019, "2019"),
                ("高青县科学技术局", 2021, "2021"),
                ("高青县科学技术局", 2025, "2021"),  # generated from the demo's request register
            },
        )
        seed = AnnualReportPage.objects.get(year=2012)
        self.assertContains(self.client.get(seed.url), "主动公开政府信息36条")

    def test_report_with_deliberate_error_is_flagged_and_kept_a_draft(self):
        draft = AnnualReportPage.objects.get(year=2022)
        self.assertFalse(draft.live)
        errors = [finding for finding in draft.findings() if finding.severity == "error"]
        # One wrong cell breaks its row total (R2) and the column sum behind handled_total (R3).
        self.assertEqual(
            [(finding.rule, finding.location) for finding in errors],
            [("R2", "table3.granted.total"), ("R3", "table3.handled_total.total")],
        )


def _printed_logins(output):
    """{username: password} from the login table load_demo prints."""
    logins = {}
    for line in output.splitlines():
        cells = line.split()
        if len(cells) >= 3 and cells[1] in {"admin", "editor", "reviewer", "manager"}:
            logins[cells[1]] = cells[2]
    return logins


class DemoLoginTests(TestCase):
    """Each printed login works in the admin login form and has its role's rights, so the review workflow can be walked."""

    @classmethod
    def setUpTestData(cls):
        out = StringIO()
        call_command("load_demo", stdout=out)
        cls.output = out.getvalue()
        cls.logins = _printed_logins(cls.output)
        cls.item = DisclosureItemPage.objects.get(title="关于印发《高青县科技创新券管理办法》的通知")

    def _log_in(self, username):
        response = self.client.post("/admin/login/", {"username": username, "password": self.logins[username]})
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertEqual(self.client.get("/admin/").status_code, 200)

    def test_one_login_per_role_with_what_it_can_do(self):
        self.assertEqual(set(self.logins), {"admin", "editor", "reviewer", "manager"})
        for role in ("超级管理员", "信息公开编辑", "保密审查员", "信息公开管理员"):
            self.assertIn(role, self.output)
        self.assertIn("可以做什么", self.output)
        self.assertEqual(len(set(self.logins.values())), 4)

    def test_passwords_change_on_every_run(self):
        out = StringIO()
        call_command("load_demo", stdout=out)
        fresh = _printed_logins(out.getvalue())
        for username, old in self.logins.items():
            with self.subTest(username=username):
                self.assertNotEqual(fresh[username], old)
                self.assertFalse(self.client.login(username=username, password=old))
                self.assertTrue(self.client.login(username=username, password=fresh[username]))

    def test_editor_adds_and_edits_but_cannot_publish(self):
        self._log_in("editor")
        category = self.item.get_parent()
        add = self.client.get(f"/admin/pages/add/gi_wagtail/disclosureitempage/{category.pk}/")
        self.assertEqual(add.status_code, 200)
        edit = self.client.get(f"/admin/pages/{self.item.pk}/edit/")
        self.assertEqual(edit.status_code, 200)
        self.assertContains(edit, 'name="action-submit"')
        self.assertNotContains(edit, 'name="action-publish"')

    def test_reviewer_cannot_edit_or_add(self):
        self._log_in("reviewer")
        category = self.item.get_parent()
        for url in (
            f"/admin/pages/{self.item.pk}/edit/",
            f"/admin/pages/add/gi_wagtail/disclosureitempage/{category.pk}/",
        ):
            with self.subTest(url=url):
                self.assertIn(self.client.get(url).status_code, (302, 403))

    def test_manager_publishes_but_does_not_manage_users(self):
        self._log_in("manager")
        edit = self.client.get(f"/admin/pages/{self.item.pk}/edit/")
        self.assertContains(edit, 'name="action-publish"')
        self.assertIn(self.client.get("/admin/users/").status_code, (302, 403))

    def test_admin_manages_users(self):
        self._log_in("admin")
        self.assertEqual(self.client.get("/admin/users/").status_code, 200)


# On disk (each test's own MEDIA_ROOT, see tests/conftest.py), as in the demo: Wagtail's document
# view serves files by their path, which the suite's in-memory storage only pretends to have.
@override_settings(
    STORAGES={**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
)
class DemoAttachmentTests(TestCase):
    def test_item_lists_its_attachments_and_they_download(self):
        call_command("load_demo", stdout=StringIO())
        item = DisclosureItemPage.objects.get(title="关于印发《高青县科技创新券管理办法》的通知")
        response = self.client.get(item.url)
        attachments = list(item.attachments.all())
        self.assertEqual([a.document.file_extension for a in attachments], ["pdf", "docx"])
        self.assertContains(response, "高青县科技创新券管理办法（全文）")
        self.assertContains(response, "高青县科技创新券申领表")
        for attachment, magic in zip(attachments, (b"%PDF-", b"PK"), strict=False):
            with self.subTest(document=attachment.document.title):
                self.assertContains(response, f'href="{attachment.document.url}" download')
                download = self.client.get(attachment.document.url)
                self.assertEqual(download.status_code, 200)
                content = b"".join(download.streaming_content) if download.streaming else download.content
                self.assertTrue(content.startswith(magic))
                # The stored file passes the same checks as an editor's upload.
                validate_document_file(SimpleUploadedFile(attachment.document.filename, content))

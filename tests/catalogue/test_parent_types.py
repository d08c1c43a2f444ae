"""Where a 政府信息公开首页 can be added: under any page by default, restricted by a setting."""

from django.core import checks
from django.test import override_settings
from django.urls import reverse
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import querydict_from_html

from gi_wagtail.catalogue.checks import index_parent_errors
from gi_wagtail.models import CatalogueCategoryPage, DisclosureIndexPage
from tests.factories import root_page
from tests.testapp.models import HomePage

ROOT_ONLY = {"DISCLOSURE_INDEX_PARENT_PAGE_TYPES": ["wagtailcore.Page"]}


class DisclosureIndexParentTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.root = root_page()
        cls.home = cls.root.add_child(instance=HomePage(title="某县人民政府", slug="gi-parent-home"))
        Site.objects.update_or_create(
            is_default_site=True, defaults={"hostname": "localhost", "root_page": cls.home, "port": 80}
        )

    def setUp(self):
        self.login()

    def chooser(self, parent):
        response = self.client.get(reverse("wagtailadmin_pages:add_subpage", args=(parent.pk,)))
        self.assertEqual(response.status_code, 200)
        return response

    def offered(self, parent):
        """Whether the 'add child page' chooser of ``parent`` offers a 政府信息公开首页.

        With a single allowed type Wagtail skips the chooser and redirects to that add form.
        """
        response = self.client.get(reverse("wagtailadmin_pages:add_subpage", args=(parent.pk,)))
        if response.status_code == 302:
            return response["Location"] == self.add_url(parent)
        self.assertEqual(response.status_code, 200)
        return self.add_url(parent) in response.content.decode()

    def add_url(self, parent):
        return reverse("wagtailadmin_pages:add", args=("gi_wagtail", "disclosureindexpage", parent.pk))

    def add_form_data(self, parent, **fields):
        """The add form as the admin draws it, filled in like an editor does."""
        response = self.client.get(self.add_url(parent))
        self.assertEqual(response.status_code, 200)
        data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
        for name, value in fields.items():
            data[name] = value
        return {key: data.getlist(key) for key in data}

    def test_home_page_chooser_offers_the_index(self):
        response = self.chooser(self.home)
        self.assertContains(response, "政府信息公开首页")
        self.assertContains(response, self.add_url(self.home))

    def test_index_is_created_under_the_home_page_through_the_add_form(self):
        data = self.add_form_data(
            self.home, title="政府信息公开", slug="xxgk", agency_name="某县科学技术局", org_code="000014349"
        )
        self.assertCanCreate(self.home, DisclosureIndexPage, data)
        index = DisclosureIndexPage.objects.get(slug="xxgk")
        self.assertEqual(index.get_parent().pk, self.home.pk)
        self.assertTrue(index.live)
        self.assertEqual(self.client.get("/xxgk/").status_code, 200)
        # Categories go under it as before.
        self.assertContains(
            self.chooser(index),
            reverse("wagtailadmin_pages:add", args=("gi_wagtail", "cataloguecategorypage", index.pk)),
        )

    def test_index_may_also_sit_at_the_root_or_inside_a_larger_column(self):
        self.assertCanCreateAt(Page, DisclosureIndexPage)
        self.assertCanCreateAt(CatalogueCategoryPage, DisclosureIndexPage)

    @override_settings(GI_WAGTAIL=ROOT_ONLY)
    def test_setting_restricts_where_the_index_may_be_added(self):
        self.assertFalse(self.offered(self.home))
        self.assertCanNotCreateAt(HomePage, DisclosureIndexPage)
        self.assertCanCreateAt(Page, DisclosureIndexPage)
        self.assertTrue(self.offered(self.root))
        # The form the admin draws under the root, posted under the home page instead: refused, nothing created.
        data = self.add_form_data(self.root, title="政府信息公开", slug="xxgk", agency_name="某县科学技术局")
        data["action-publish"] = "action-publish"
        response = self.client.post(self.add_url(self.home), data)
        self.assertRedirects(response, reverse("wagtailadmin_home"), fetch_redirect_response=False)
        self.assertFalse(DisclosureIndexPage.objects.exists())
        self.assertCanCreate(self.root, DisclosureIndexPage, data)

    def test_setting_can_name_the_sites_own_home_page_type(self):
        with self.settings(GI_WAGTAIL={"DISCLOSURE_INDEX_PARENT_PAGE_TYPES": ["testapp.HomePage"]}):
            self.assertTrue(self.offered(self.home))
            self.assertFalse(self.offered(self.root))
            self.assertCanNotCreateAt(Page, DisclosureIndexPage)
            self.assertEqual([m.id for m in checks.run_checks() if m.id == "gi_wagtail.E010"], [])
        # Back to the default: any page.
        self.assertTrue(self.offered(self.root))


class DisclosureIndexParentCheckTests(WagtailPageTestCase):
    def messages(self, value):
        return [error.msg for error in index_parent_errors(value)]

    def test_unset_and_valid_lists_pass(self):
        self.assertEqual(self.messages(None), [])
        self.assertEqual(
            self.messages(["wagtailcore.Page", "testapp.HomePage", "gi_wagtail.CatalogueCategoryPage"]), []
        )

    def test_bad_values_are_named(self):
        cases = {
            "testapp.HomePage": "not 'testapp.HomePage'",
            (): "non-empty list",
            ("HomePage",): "'HomePage' is not an 'app_label.ModelName' string",
            ("testapp.NoSuchPage",): "'testapp.NoSuchPage' is not an installed model",
            ("gi_wagtail.Organisation",): "'gi_wagtail.Organisation' is not a page type",
        }
        for value, expected in cases.items():
            with self.subTest(value=value):
                messages = self.messages(value)
                self.assertEqual(len(messages), 1, messages)
                self.assertIn(expected, messages[0])

    @override_settings(
        GI_WAGTAIL={"DISCLOSURE_INDEX_PARENT_PAGE_TYPES": ["testapp.HomePage", "testapp.Nope", "sites.Site"]}
    )
    def test_system_check_reports_each_bad_entry(self):
        messages = [m for m in checks.run_checks() if m.id == "gi_wagtail.E010"]
        self.assertEqual(len(messages), 2, messages)
        self.assertIn("testapp.Nope", messages[0].msg)
        self.assertIn("sites.Site", messages[1].msg)

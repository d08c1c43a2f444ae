"""发布机构 defaults to the agency of the disclosure root: in the admin's add form and in imports."""

import json
import tempfile
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from gi_wagtail.models import CatalogueCategoryPage, DisclosureIndexPage, DisclosureItemPage, Organisation
from tests.factories import add_item, build_catalogue
from tests.helpers import make_staff

AGENCY = "高青县科学技术局"


class AdminAddFormTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        call_command("gi_wagtail_setup_groups", stdout=StringIO())
        cls.staff = make_staff()

    def setUp(self):
        self.client.force_login(self.staff.editor)

    def add_url(self, category=None):
        return reverse(
            "wagtailadmin_pages:add", args=("gi_wagtail", "disclosureitempage", (category or self.category).pk)
        )

    def post_item(self, slug, category=None, **fields):
        data = nested_form_data(
            {
                "title": f"条目 {slug}",
                "slug": slug,
                "published_on": "2024-03-15",
                "published_on_confirmed": "on",  # a back-dated new item
                "validity": "valid",
                "disclosure_method": "proactive",
                "disclosure_scope": "public",
                "body": streamfield([]),
                "attachments": inline_formset([]),
                "action-submit": "submit",
                **fields,
            }
        )
        response = self.client.post(self.add_url(category), data)
        if response.status_code != 302:
            self.fail(response.context["form"].errors)
        return DisclosureItemPage.objects.get(slug=slug)

    def test_the_add_form_shows_the_agency_and_saves_it_when_left_empty(self):
        response = self.client.get(self.add_url())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["form"]["organisation"].value(), self.organisation.pk)
        self.assertContains(response, AGENCY)
        self.assertEqual(self.post_item("no-org").organisation, self.organisation)  # the field sent empty

    def test_an_organisation_chosen_by_the_editor_is_kept(self):
        other = Organisation.objects.create(name="高青县财政局")
        self.assertEqual(self.post_item("other-org", organisation=other.pk).organisation, other)

    def test_a_missing_agency_organisation_is_created_once(self):
        Organisation.objects.all().delete()
        response = self.client.get(self.add_url())
        created = Organisation.objects.get()
        self.assertEqual((created.name, created.org_code), (AGENCY, self.index.org_code))
        self.assertEqual(response.context["form"]["organisation"].value(), created.pk)
        self.client.get(self.add_url())
        self.assertEqual(self.post_item("created-org").organisation, created)
        self.assertEqual(Organisation.objects.count(), 1)

    def test_each_disclosure_root_brings_its_own_agency(self):
        other_index = Page.objects.get(slug="gi-home").add_child(
            instance=DisclosureIndexPage(title="峄城区政府信息公开", slug="yc-xxgk", agency_name="枣庄市峄城区人民政府")
        )
        other_category = other_index.add_child(instance=CatalogueCategoryPage(title="政策文件", slug="zcwj"))
        call_command("gi_wagtail_setup_groups", stdout=StringIO())  # editors' permissions on the new root
        response = self.client.get(self.add_url(other_category))
        agency = Organisation.objects.get(name="枣庄市峄城区人民政府")
        self.assertEqual(response.context["form"]["organisation"].value(), agency.pk)
        self.assertEqual(self.post_item("yc-item", category=other_category).organisation, agency)

    def test_editing_an_existing_item_does_not_fill_it_in(self):
        item = add_item(self.category, "没有发布机构的旧条目")
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(item.pk,)))
        self.assertEqual(response.status_code, 200)
        self.assertIsNone(response.context["form"]["organisation"].value())


class ImportDefaultTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()

    def run_import(self, records, *args):
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "items.jsonl"
            path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
            out = StringIO()
            call_command("gi_wagtail_import", str(path), *args, stdout=out, stderr=StringIO())
        return out.getvalue()

    def test_records_without_organisation_get_the_agency(self):
        self.run_import(
            [
                {"category": "zcfg", "title": "无发布机构", "published": "2024-03-15"},
                {"category": "zcfg", "title": "有发布机构", "published": "2024-03-15", "organisation": "县财政局"},
            ]
        )
        self.assertEqual(DisclosureItemPage.objects.get(title="无发布机构").organisation, self.organisation)
        self.assertEqual(DisclosureItemPage.objects.get(title="有发布机构").organisation.name, "县财政局")

    def test_a_missing_agency_organisation_is_created_but_not_in_a_dry_run(self):
        Organisation.objects.all().delete()
        records = [{"category": "zcfg", "title": f"条目{i}", "published": "2024-03-15"} for i in range(3)]
        self.run_import(records, "--dry-run")
        self.assertFalse(Organisation.objects.exists())
        self.run_import(records)
        agency = Organisation.objects.get()
        self.assertEqual((agency.name, agency.org_code), (AGENCY, self.index.org_code))
        self.assertEqual(set(DisclosureItemPage.objects.values_list("organisation", flat=True)), {agency.pk})

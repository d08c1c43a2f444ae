import datetime

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from gi_wagtail.models import CatalogueCategoryPage, DisclosureIndexPage, DisclosureItemPage, Validity
from tests.factories import add_item, build_catalogue


class CataloguePageTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        cls.item = add_item(
            cls.category,
            "关于印发《科技创新券管理办法》的通知",
            doc_no="高科发〔2024〕3号",
            organisation=cls.organisation,
            body=[("paragraph", "<p>为支持中小微企业开展科技创新活动。</p>")],
        )

    def test_page_tree_rules(self):
        # Exact parent sets, the site's subclasses included, are in tests/testapp.
        self.assertCanCreateAt(DisclosureIndexPage, CatalogueCategoryPage)
        self.assertCanCreateAt(CatalogueCategoryPage, CatalogueCategoryPage)
        self.assertCanNotCreateAt(Page, CatalogueCategoryPage)
        self.assertCanCreateAt(CatalogueCategoryPage, DisclosureItemPage)
        self.assertCanNotCreateAt(DisclosureIndexPage, DisclosureItemPage)
        self.assertCanCreateAt(Page, DisclosureIndexPage)

    def test_index_lists_categories_and_latest_items(self):
        response = self.client.get(self.index.url)
        self.assertContains(response, "政策法规")
        self.assertContains(response, self.item.title)
        self.assertContains(response, self.item.index_no)

    def test_category_lists_item_with_standard_columns(self):
        response = self.client.get(self.category.url)
        for text in (self.item.index_no, self.item.title, "高科发〔2024〕3号", "2024-03-01"):
            self.assertContains(response, text)

    def test_item_shows_metadata_table(self):
        response = self.client.get(self.item.url)
        self.assertContains(response, self.item.index_no)
        self.assertContains(response, "高青县科学技术局")
        self.assertContains(response, "为支持中小微企业开展科技创新活动。")
        self.assertContains(response, '<th scope="row">', count=10)
        self.assertContains(response, '<th scope="row">索引号</th>', html=False)

    def test_repealed_item_stays_visible_and_marked(self):
        item = add_item(
            self.category, "已废止的旧办法", validity=Validity.REPEALED, invalid_on=datetime.date(2024, 6, 1)
        )
        response = self.client.get(item.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "gi-repealed")
        self.assertContains(response, "2024-06-01")


class IndexNumberTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue(org_code="000014349")

    def test_generated_on_first_publish_from_pattern(self):
        draft = add_item(self.category, "草稿", publish=False)
        self.assertEqual(DisclosureItemPage.objects.get(pk=draft.pk).index_no, "")
        draft.get_latest_revision().publish()
        self.assertEqual(DisclosureItemPage.objects.get(pk=draft.pk).index_no, "000014349/2024-00001")

    def test_serials_increase_and_restart_per_year(self):
        numbers = [
            add_item(self.category, f"条目{i}", published_on=datetime.date(year, 1, 5)).index_no
            for i, year in enumerate([2023, 2023, 2024])
        ]
        self.assertEqual(numbers, ["000014349/2023-00001", "000014349/2023-00002", "000014349/2024-00001"])

    def test_never_renumbered_by_later_revisions(self):
        item = add_item(self.category, "原标题")
        number = item.index_no
        item.title = "新标题"
        item.published_on = datetime.date(2025, 1, 1)
        item.save_revision().publish()
        item.refresh_from_db()
        self.assertEqual((item.title, item.index_no), ("新标题", number))

    def test_imported_legacy_number_is_kept_and_skipped(self):
        legacy = add_item(self.category, "历史条目", index_no="000014349/2024-00001")
        fresh = add_item(self.category, "新条目")
        self.assertEqual(legacy.index_no, "000014349/2024-00001")
        self.assertEqual(fresh.index_no, "000014349/2024-00002")

    def test_copy_gets_a_new_number(self):
        item = add_item(self.category, "原件")
        draft_copy = item.copy(update_attrs={"slug": "draft-copy", "title": "副本"}, keep_live=False)
        self.assertEqual(draft_copy.index_no, "")
        live_copy = item.copy(update_attrs={"slug": "live-copy", "title": "副本2"})
        self.assertEqual((item.index_no, live_copy.index_no), ("000014349/2024-00001", "000014349/2024-00002"))

    def test_doc_no_bracket_forms_normalise_alike(self):
        forms = ["高科发〔2024〕3号", "高科发[2024]3号", "高科发【2024】3号", "高科发（2024）3号", "高科发(2024) 3号"]
        items = [add_item(self.category, f"文号{i}", doc_no=doc_no) for i, doc_no in enumerate(forms)]
        self.assertEqual({item.doc_no_normalised for item in items}, {"高科发[2024]3号"})


class AdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()

    def setUp(self):
        self.login()

    def test_editor_creates_and_publishes_item_in_admin(self):
        data = nested_form_data(
            {
                "title": "关于公布2024年度科技型中小企业名单的通知",
                "slug": "kjxzxqy-2024",
                "organisation": self.organisation.pk,
                "published_on": "2024-05-06",
                "published_on_confirmed": "on",
                "written_on": "2024-05-01",
                "doc_no": "高科字〔2024〕9号",
                "validity": "valid",
                "disclosure_method": "proactive",
                "disclosure_scope": "public",
                "keywords": "科技型中小企业, 名单",
                "body": streamfield([("paragraph", rich_text("<p>现将名单予以公布。</p>"))]),
                "attachments": inline_formset([]),
                "action-publish": "publish",
            }
        )
        response = self.client.post(f"/admin/pages/add/gi_wagtail/disclosureitempage/{self.category.pk}/", data)
        if response.status_code != 302:
            self.fail(response.context["form"].errors)
        item = DisclosureItemPage.objects.get(slug="kjxzxqy-2024")
        self.assertTrue(item.live)
        self.assertEqual(item.index_no, "11370322MB2851234X/2024-00001")
        self.assertEqual(sorted(t.name for t in item.keywords.all()), ["名单", "科技型中小企业"])
        self.assertContains(self.client.get(item.url), "现将名单予以公布。")

    def test_snippet_group_is_in_admin(self):
        response = self.client.get("/admin/snippets/gi_wagtail/organisation/")
        self.assertContains(response, "高青县科学技术局")

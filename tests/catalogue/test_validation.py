"""Metadata validation: dates, 文号, 索引号 uniqueness, years — in clean() and in the admin forms."""

import datetime

from django.core.exceptions import ValidationError
from django.test import SimpleTestCase
from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase

from gi_wagtail.catalogue.validation import (
    DocNo,
    parse_doc_no,
    parse_index_no,
    validate_doc_no,
    validate_index_no_text,
    validate_year,
)
from gi_wagtail.models import DisclosureItemPage
from tests.factories import add_item, build_catalogue
from tests.helpers import edit_form_data


class DocNoTests(SimpleTestCase):
    def test_bracket_styles_and_di(self):
        expected = DocNo("高科发", 2024, 12)
        for text in (
            "高科发〔2024〕12号",
            "高科发[2024]12号",
            "高科发【2024】12号",
            "高科发（2024）12号",
            "高科发(2024)12号",
            "高科发［2024］12号",
            " 高科发 〔2024〕 第12号 ",
            "高科发〔２０２４〕１２号",
        ):
            self.assertEqual(parse_doc_no(text), expected, text)
        self.assertEqual(str(expected), "高科发〔2024〕12号")
        self.assertEqual(parse_doc_no("国办公开办函〔2021〕30号"), DocNo("国办公开办函", 2021, 30))

    def test_rejects_malformed(self):
        for text in (
            "高科发2024-3",
            "〔2024〕3号",
            "高科发〔24〕3号",
            "高科发〔2024〕号",
            "高科发〔2024〕0号",
            "高科发〔2024〕3",
            "",
        ):
            self.assertIsNone(parse_doc_no(text), text)
        with self.assertRaises(ValidationError) as ctx:
            validate_doc_no("高科发2024-3")
        self.assertEqual(ctx.exception.code, "doc_no_format")
        self.assertIn("高科发〔2024〕12号", ctx.exception.messages[0])
        validate_doc_no("")

    def test_year_range(self):
        with self.assertRaises(ValidationError) as ctx:
            validate_doc_no("高科发〔1024〕3号")
        self.assertEqual(ctx.exception.code, "year_range")
        for year in (1948, datetime.date.today().year + 2):
            with self.assertRaises(ValidationError):
                validate_year(year)
        validate_year(1949)
        validate_year(datetime.date.today().year)

    def test_index_no_text(self):
        validate_index_no_text("000014349/2017-00110")
        validate_index_no_text("XXXXXXXX-X/2022-00012")
        for bad in ("0001 4349", "<script>", "a\x00b", "x" * 65, 'a"b'):
            with self.assertRaises(ValidationError, msg=bad):
                validate_index_no_text(bad)

    def test_index_no_parser_patterns(self):
        self.assertEqual(
            parse_index_no("000014349/2017-00110", "{org_code}/{year}-{serial:05d}"),
            {"org_code": "000014349", "year": 2017, "serial": 110},
        )
        self.assertEqual(
            parse_index_no("11370322MB2851234X/202110-00012", "{org_code}/{year}{month}-{serial:05d}"),
            {"org_code": "11370322MB2851234X", "year": 2021, "month": "10", "serial": 12},
        )
        self.assertEqual(
            parse_index_no("XXXXXXXXX-2020-000123", "{org_code}-{year}-{serial:06d}"),
            {"org_code": "XXXXXXXXX", "year": 2020, "serial": 123},
        )
        self.assertIsNone(parse_index_no("000014349/2017-0011", "{org_code}/{year}-{serial:05d}"))
        self.assertIsNone(parse_index_no("anything", "{nonsense"))


class ItemCleanTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        cls.published = add_item(cls.category, "已发布条目", index_no="11370322MB2851234X/2024-00077")

    def setUp(self):
        self.login()

    def errors_for(self, **fields):
        item = DisclosureItemPage(title="新条目", slug="new", **fields)
        item._gi_parent_page = self.category
        with self.assertRaises(ValidationError) as ctx:
            item.full_clean(exclude=["path", "depth"])
        return ctx.exception.message_dict

    def test_date_order(self):
        errors = self.errors_for(written_on=datetime.date(2024, 5, 2), published_on=datetime.date(2024, 5, 1))
        self.assertIn("成文日期", errors["written_on"][0])
        errors = self.errors_for(effective_on=datetime.date(2024, 5, 2), invalid_on=datetime.date(2024, 5, 1))
        self.assertIn("invalid_on", errors)

    def test_same_day_is_fine(self):
        item = DisclosureItemPage(
            title="同日",
            slug="same",
            written_on=datetime.date(2024, 5, 1),
            published_on=datetime.date(2024, 5, 1),
            effective_on=datetime.date(2024, 5, 1),
            invalid_on=datetime.date(2024, 5, 1),
            doc_no="高科发〔2024〕1号",
        )
        item._gi_parent_page = self.category
        item.full_clean(exclude=["path", "depth"])

    def test_implausible_year(self):
        errors = self.errors_for(published_on=datetime.date(1900, 1, 1))
        self.assertIn("1949", errors["published_on"][0])

    def test_duplicate_index_no_is_a_field_error(self):
        errors = self.errors_for(index_no=self.published.index_no)
        self.assertIn("索引号", errors["index_no"][0])
        self.assertIn(self.published.index_no, errors["index_no"][0])

    def test_admin_create_with_taken_index_no_shows_form_error(self):
        url = reverse("wagtailadmin_pages:add", args=("gi_wagtail", "disclosureitempage", self.category.pk))
        response = self.client.get(url)
        from wagtail.test.utils.form_data import querydict_from_html

        data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
        data.update(
            {
                "title": "重复索引号",
                "slug": "dup",
                "index_no": self.published.index_no,
                "body-count": "0",
                "doc_no": "高科发2024-3",
                "written_on": "2024-06-02",
                "published_on": "2024-06-01",
                "published_on_confirmed": "on",
            }
        )
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        form = response.context["form"]
        self.assertEqual(
            {field: [e.code for e in errs.as_data()] for field, errs in form.errors.items()},
            {"index_no": ["index_no_taken"], "doc_no": ["doc_no_format"], "written_on": ["date_order"]},
        )
        self.assertContains(response, "高科发〔2024〕12号")
        self.assertFalse(DisclosureItemPage.objects.filter(slug="dup").exists())

    def test_admin_edit_with_taken_index_no_shows_form_error(self):
        other = add_item(self.category, "另一条目")
        data = edit_form_data(
            self.client, other, index_no=self.published.index_no, **{"action-publish": "action-publish"}
        )
        response = self.client.post(reverse("wagtailadmin_pages:edit", args=(other.pk,)), data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("index_no", response.context["form"].errors)
        other.refresh_from_db()
        self.assertNotEqual(other.index_no, self.published.index_no)

    def test_same_index_no_in_another_agency_is_fine(self):
        from gi_wagtail.models import CatalogueCategoryPage, DisclosureIndexPage

        other_index = self.index.get_parent().add_child(
            instance=DisclosureIndexPage(title="乡镇", slug="xz2", agency_name="某镇")
        )
        other_category = other_index.add_child(instance=CatalogueCategoryPage(title="其他", slug="qt"))
        item = add_item(other_category, "同号不同机构", index_no=self.published.index_no)
        self.assertEqual(item.index_no, self.published.index_no)

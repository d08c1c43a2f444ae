import csv
import datetime
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from gi_wagtail.models import CatalogueCategoryPage, DisclosureItemPage, Genre, TopicClass, Validity, ValidityEvent
from tests.factories import add_item, build_catalogue


class CategoryListingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        cls.science = TopicClass.objects.get(parent__name="科技、教育", name="科技")
        cls.notice = Genre.objects.get(name="通知")
        cls.sub = cls.category.add_child(instance=CatalogueCategoryPage(title="规范性文件", slug="gfxwj"))
        cls.empty = cls.category.add_child(instance=CatalogueCategoryPage(title="空栏目", slug="empty"))
        for i in range(25):
            add_item(
                cls.category,
                f"二〇二四年第{i:02d}号通知",
                published_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
                topic=cls.science,
                genre=cls.notice,
                organisation=cls.organisation,
                doc_no=f"高科发〔2024〕{i}号",
            )
        add_item(
            cls.sub,
            "二〇二二年的旧办法",
            published_on=datetime.date(2022, 6, 1),
            validity=Validity.REPEALED,
            invalid_on=datetime.date(2023, 1, 1),
        )

    def get(self, **params):
        return self.client.get(self.category.url, params)

    def test_default_listing_is_paginated_newest_first_with_standard_columns(self):
        response = self.get()
        page = response.context["items_page"]
        self.assertEqual((page.paginator.count, len(page.object_list)), (26, 20))
        self.assertEqual(page.object_list[0].title, "二〇二四年第24号通知")
        for text in ("索引号", "高科发〔2024〕24号", "2024-01-25"):
            self.assertContains(response, text)
        self.assertContains(self.get(page=2), "二〇二二年的旧办法")
        self.assertEqual(response.context["years"], [2024, 2022])  # the year filter offers what is there
        self.assertContains(self.get(year=2022), '<option value="2022" selected>2022</option>', html=True)

    def test_filters_and_sorting(self):
        self.assertEqual(self.get(year=2022).context["items_page"].paginator.count, 1)
        self.assertEqual(self.get(validity="repealed").context["items_page"].object_list[0].title, "二〇二二年的旧办法")
        self.assertEqual(self.get(genre=self.notice.pk).context["items_page"].paginator.count, 25)
        # A top-level topic includes its second-level classes.
        self.assertEqual(self.get(topic=self.science.parent_id).context["items_page"].paginator.count, 25)
        self.assertEqual(self.get(sort="published").context["items_page"].object_list[0].title, "二〇二二年的旧办法")
        titles = [i.title for i in self.get(sort="title", year=2024).context["items_page"].object_list]
        self.assertEqual(titles, sorted(titles))

    def test_bad_parameters_are_ignored_with_a_message_never_a_500(self):
        for params in (
            {"year": "abc"},
            {"year": "99999"},
            {"topic": "x"},
            {"topic": "999999"},
            {"genre": "-1"},
            {"validity": "maybe"},
            {"sort": "drop table"},
            {"page": "zzz"},
            {"page": "-3"},
            {"page": "9999"},
            {"year": "2024\x00"},
        ):
            with self.subTest(params=params):
                response = self.get(**params)
                self.assertEqual(response.status_code, 200)
                if "page" not in params:
                    self.assertContains(response, "gi-messages")
                    self.assertEqual(response.context["items_page"].paginator.count, 26)
        response = self.get(year="abc", validity="repealed")
        self.assertEqual(response.context["items_page"].paginator.count, 1)

    def test_filter_options_follow_vocabulary_changes(self):
        self.assertContains(
            self.get(genre=self.notice.pk), f'<option value="{self.notice.pk}" selected>通知</option>', html=True
        )
        added = Genre.objects.create(name="公示公告", sort_order=999)
        self.assertContains(self.get(), f'<option value="{added.pk}">公示公告</option>', html=True)
        added.delete()
        self.assertNotContains(self.get(), "公示公告")

    def test_pagination_links_keep_filters(self):
        response = self.get(year=2024)
        self.assertContains(response, "?year=2024&amp;page=2")

    def test_query_count_does_not_grow_with_page_size(self):
        self.get()  # warm caches (site root paths, content types)
        with CaptureQueriesContext(connection) as few:
            self.get(year=2022)
        with CaptureQueriesContext(connection) as many:
            self.get()
        self.assertEqual(len(few.captured_queries), len(many.captured_queries))

    def test_empty_categories_are_hidden_from_navigation(self):
        response = self.get()
        self.assertContains(response, "规范性文件")
        self.assertNotContains(response, "空栏目")
        index = self.client.get(self.index.url)
        self.assertContains(index, "政策法规")
        self.assertNotContains(index, "空栏目")

    def test_index_links_to_guide_and_annual_reports(self):
        guide = self.index.add_child(instance=CatalogueCategoryPage(title="政府信息公开指南", slug="xxgkzn"))
        add_item(guide, "高青县科学技术局政府信息公开指南")
        reports = self.index.add_child(instance=CatalogueCategoryPage(title="政府信息公开年报", slug="xxgknb"))
        add_item(reports, "2023年政府信息公开工作年度报告")
        response = self.client.get(self.index.url)
        self.assertContains(response, f'class="gi-guide-link" href="{guide.url}"')
        self.assertContains(response, f'class="gi-annual-reports-link" href="{reports.url}"')
        self.assertContains(response, "2023年政府信息公开工作年度报告")
        # An editor's explicit choice wins over the title convention.
        self.index.annual_reports_page = self.category
        self.index.save()
        self.assertContains(
            self.client.get(self.index.url), f'class="gi-annual-reports-link" href="{self.category.url}"'
        )


class ValidityAndInterpretationTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()

    def test_validity_changes_on_publish_are_dated_events_with_user(self):
        user = self.create_superuser("editor")
        policy = add_item(self.category, "科技创新券管理办法")
        self.assertFalse(policy.validity_events.exists())  # a new valid item is not a change
        replacement = add_item(self.category, "科技创新券管理办法（2025年修订）")
        policy.validity = Validity.REPEALED
        policy.invalid_on = datetime.date(2025, 3, 1)
        policy.repealing_document = "高科发〔2025〕2号"
        policy.repealed_by = replacement
        policy.save_revision(user=user)
        self.assertFalse(policy.validity_events.exists())  # a draft is not public yet
        policy.get_latest_revision().publish(user=user)
        event = ValidityEvent.objects.get(item=policy)
        self.assertEqual(
            (
                event.old_status,
                event.new_status,
                event.effective_on,
                event.user,
                event.repealing_document,
                event.repealed_by_id,
            ),
            (Validity.VALID, Validity.REPEALED, datetime.date(2025, 3, 1), user, "高科发〔2025〕2号", replacement.pk),
        )
        # Publishing again without a change records nothing; restoring validity does.
        policy.save_revision(user=user).publish(user=user)
        self.assertEqual(policy.validity_events.count(), 1)
        policy.validity = Validity.VALID
        policy.save_revision(user=user).publish(user=user)
        self.assertEqual(
            list(policy.validity_events.values_list("old_status", "new_status")),
            [("valid", "repealed"), ("repealed", "valid")],
        )
        # Citizens see the history on the item page.
        response = self.client.get(policy.url)
        self.assertContains(response, "高科发〔2025〕2号")
        self.assertContains(response, "2025-03-01")
        self.assertEqual(response.content.decode().count("→"), 2)
        # What the annual report counts: repealed in 2025.
        self.assertEqual(ValidityEvent.objects.filter(new_status="repealed", effective_on__year=2025).count(), 1)

    def test_item_first_published_as_repealed_records_an_event(self):
        item = add_item(self.category, "历史文件", validity=Validity.REPEALED, invalid_on=datetime.date(2020, 5, 1))
        self.assertEqual(
            list(item.validity_events.values_list("old_status", "new_status", "effective_on")),
            [("", "repealed", datetime.date(2020, 5, 1))],
        )

    def test_policy_and_interpretation_link_both_ways(self):
        policy = add_item(self.category, "关于加快科技创新的若干政策")
        interpretation = add_item(self.category, "《关于加快科技创新的若干政策》政策解读")
        interpretation.interprets.add(policy)
        interpretation.save_revision().publish()
        self.assertContains(
            self.client.get(policy.url),
            f'<a href="{interpretation.url}">《关于加快科技创新的若干政策》政策解读</a>',
            html=True,
        )
        self.assertContains(
            self.client.get(interpretation.url), f'<a href="{policy.url}">关于加快科技创新的若干政策</a>', html=True
        )

    def test_related_items_hide_restricted_and_draft_pages(self):
        policy = add_item(self.category, "仅限内部的政策")
        PageViewRestriction.objects.create(
            page=policy, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        )
        draft = add_item(self.category, "尚未发布的解读", publish=False)
        interpretation = add_item(self.category, "《仅限内部的政策》政策解读")
        interpretation.interprets.add(policy)
        interpretation.save_revision().publish()
        draft.interprets.add(policy)
        draft.save_revision()
        self.assertNotContains(self.client.get(interpretation.url), "仅限内部的政策</a>")
        PageViewRestriction.objects.filter(page=policy).delete()
        response = self.client.get(policy.url)
        self.assertContains(response, "《仅限内部的政策》政策解读</a>")
        self.assertNotContains(response, "尚未发布的解读")

    def test_preview_shows_the_policies_chosen_in_the_form(self):
        # The admin's Preview builds the page from the unsaved form: its relations are in memory only.
        self.login()
        policy = add_item(self.category, "预览中的政策")
        interpretation = add_item(self.category, "预览中的解读")
        data = nested_form_data(
            {
                "title": interpretation.title,
                "slug": interpretation.slug,
                "published_on": "2024-03-01",  # unchanged
                "validity": "valid",
                "disclosure_method": "proactive",
                "disclosure_scope": "public",
                "keywords": "",
                "body": streamfield([("paragraph", rich_text("<p>解读正文</p>"))]),
                "attachments": inline_formset([]),
            }
        )
        data["interprets"] = [policy.pk]
        preview_url = f"/admin/pages/{interpretation.pk}/edit/preview/"
        self.assertEqual(self.client.post(preview_url, data).json(), {"is_valid": True, "is_available": True})
        response = self.client.get(preview_url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, f'<a href="{policy.url}">预览中的政策</a>', html=True)

    def test_editor_links_an_interpretation_in_admin(self):
        self.login()
        policy = add_item(self.category, "被解读的政策")
        data = nested_form_data(
            {
                "title": "政策解读：被解读的政策",
                "slug": "jd-1",
                "published_on": "2024-05-06",
                "published_on_confirmed": "on",
                "validity": "valid",
                "disclosure_method": "proactive",
                "disclosure_scope": "public",
                "keywords": "",
                "body": streamfield([("paragraph", rich_text("<p>解读正文</p>"))]),
                "attachments": inline_formset([]),
                "action-publish": "publish",
            }
        )
        data["interprets"] = [policy.pk]  # a multiple select: one key, many values
        response = self.client.post(f"/admin/pages/add/gi_wagtail/disclosureitempage/{self.category.pk}/", data)
        if response.status_code != 302:
            self.fail(response.context["form"].errors)
        interpretation = DisclosureItemPage.objects.get(slug="jd-1")
        self.assertEqual(list(policy.interpretations.all()), [interpretation])


class AdminListingTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.category, cls.organisation = build_catalogue()
        other = cls.index.add_child(instance=CatalogueCategoryPage(title="规划计划", slug="ghjh"))
        add_item(cls.category, "政策甲", doc_no="高科发〔2024〕1号", organisation=cls.organisation)
        add_item(other, "规划乙", validity=Validity.EXPIRED, published_on=datetime.date(2022, 1, 1))

    def setUp(self):
        self.login()

    def test_listing_spans_categories_and_filters(self):
        response = self.client.get("/admin/gi_wagtail_items/")
        self.assertContains(response, "政策甲")
        self.assertContains(response, "规划乙")
        response = self.client.get("/admin/gi_wagtail_items/", {"validity": "expired"})
        self.assertNotContains(response, "政策甲")
        self.assertContains(response, "规划乙")

    def test_csv_export_contains_metadata(self):
        response = self.client.get("/admin/gi_wagtail_items/", {"export": "csv"})
        self.assertEqual(response.status_code, 200)
        self.assertIn("gi_wagtail_catalogue_items.csv", response["Content-Disposition"])
        content = b"".join(response.streaming_content).decode("utf-8-sig")
        heading, *rows = list(csv.reader(io.StringIO(content)))
        self.assertEqual(heading[:3], ["索引号", "标题", "文号"])  # the shipped zh-hans headings
        self.assertEqual(len(rows), 2)
        row = next(r for r in rows if r[1] == "政策甲")
        self.assertEqual(row[:4], ["11370322MB2851234X/2024-00001", "政策甲", "高科发〔2024〕1号", "高青县科学技术局"])

    def test_xlsx_export(self):
        response = self.client.get("/admin/gi_wagtail_items/", {"export": "xlsx", "validity": "expired"})
        self.assertEqual(response.status_code, 200)
        content = b"".join(response.streaming_content) if response.streaming else response.content
        sheet = load_workbook(io.BytesIO(content)).active
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(len(rows), 2)
        self.assertIn("规划乙", rows[1])

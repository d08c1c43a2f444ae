from django.test import TestCase
from wagtail import blocks as wagtail_blocks

from gi_wagtail.blocks import ItemBodyBlock, PlanBlock, StatisticsTableBlock
from gi_wagtail.blocks.organisation import DepartmentBlock


def all_blocks():
    body = ItemBodyBlock()
    return list(body.child_blocks.values()) + [DepartmentBlock()]


class BlockMetaTests(TestCase):
    def test_every_block_has_template_icon_description_and_preview(self):
        for block in all_blocks():
            with self.subTest(block=type(block).__name__):
                meta = block.meta
                self.assertTrue(meta.template.startswith("gi_wagtail/blocks/"), meta.template)
                self.assertNotEqual(meta.icon, "placeholder")
                self.assertTrue(str(meta.description))
                self.assertTrue(meta.preview_value)

    def test_every_block_renders_its_preview_value(self):
        for block in all_blocks():
            with self.subTest(block=type(block).__name__):
                value = block.normalize(block.meta.preview_value)
                html = block.render(value)
                self.assertTrue(html.strip())


class SpecialisedBlockRenderingTests(TestCase):
    def render(self, name, raw):
        block = ItemBodyBlock().child_blocks[name]
        return block.render(block.normalize(raw))

    def test_guide_shows_every_section_and_contact(self):
        html = self.render(
            "guide",
            ItemBodyBlock().child_blocks["guide"].meta.preview_value
            | {"fax": "0533-6961250", "email": "gqkj@example.gov.cn"},
        )
        for text in (
            "主动公开",
            "申请表",
            "高青县科学技术局办公室",
            "黄河路87号",
            "0533-6961249",
            "0533-6961250",
            "mailto:gqkj@example.gov.cn",
            "8:30",
        ):
            self.assertIn(text, html)

    def test_organisation_profile_lists_departments(self):
        html = self.render(
            "organisation_profile",
            {
                "functions": "<p>职能一</p>",
                "departments": [
                    {"name": "办公室", "duties": "负责日常运转", "phone": "0533-1", "head": "李华"},
                    {"name": "科技创新股", "duties": "负责项目管理", "phone": "", "head": ""},
                ],
            },
        )
        self.assertIn("<h3>办公室</h3>", html)
        self.assertIn("<h3>科技创新股</h3>", html)
        self.assertIn("李华", html)
        self.assertIn("负责项目管理", html)

    def test_leader_renders_only_filled_parts(self):
        html = self.render(
            "leader", {"name": "王明远", "post": "局长", "responsibilities": "", "photo": None, "cv": ""}
        )
        self.assertIn("王明远", html)
        self.assertNotIn("<img", html)
        self.assertNotIn("<h3>", html)

    def test_plan_shows_period_and_status_and_rejects_reversed_period(self):
        html = self.render(
            "plan", {"kind": "plan", "period_start": 2021, "period_end": 2025, "status": "in_force", "summary": ""}
        )
        self.assertIn("2021—2025", html)
        self.assertIn("gi-plan-in_force", html)
        block = PlanBlock()
        with self.assertRaises(wagtail_blocks.StructBlockValidationError):
            block.clean(
                block.normalize({"kind": "plan", "period_start": 2025, "period_end": 2021, "status": "in_force"})
            )

    def test_statistics_table_is_accessible_and_charts_without_javascript(self):
        html = self.render(
            "statistics_table",
            {
                "title": "高新技术企业数量",
                "unit": "家",
                "period": "2021—2023年",
                "source": "县科技局",
                "chart": True,
                "table": {
                    "columns": [{"type": "text", "heading": "年份"}, {"type": "integer", "heading": "企业数"}],
                    "rows": [{"values": ["2021年", 20]}, {"values": ["2022年", 30]}, {"values": ["2023年", 40]}],
                    "caption": "",
                },
            },
        )
        self.assertIn("高新技术企业数量", html)
        self.assertIn('<th scope="col">年份</th>', html)
        self.assertIn('<th scope="row">2021年</th>', html)
        self.assertIn("<td>40</td>", html)
        self.assertIn('role="img"', html)
        self.assertNotIn("<script", html)
        # Bars scale to the largest value: 40 → full width, 20 → half.
        self.assertIn('width="300.0"', html)
        self.assertIn('width="150.0"', html)
        self.assertIn("县科技局", html)

    def test_statistics_without_numbers_has_no_chart(self):
        block = StatisticsTableBlock()
        value = block.normalize(
            {
                "title": "名单",
                "unit": "个",
                "period": "2023年",
                "chart": True,
                "table": {
                    "columns": [{"type": "text", "heading": "名称"}],
                    "rows": [{"values": ["甲"]}],
                    "caption": "",
                },
            }
        )
        html = block.render(value)
        self.assertIn('<th scope="row">甲</th>', html)
        self.assertNotIn("<svg", html)

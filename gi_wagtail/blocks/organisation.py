"""机构概况: functions, internal departments (内设机构) with duties and contacts."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class DepartmentBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=100)
    head = blocks.CharBlock(label=_("head"), max_length=100, required=False)
    duties = blocks.TextBlock(label=_("duties"))
    phone = blocks.CharBlock(label=_("phone"), max_length=64, required=False)

    class Meta:
        template = "gi_wagtail/blocks/department_block.html"
        icon = "group"
        label = _("Internal department")
        description = _("One 内设机构 with its duties and contact.")
        preview_value = {"name": "办公室", "duties": "负责机关日常运转、政府信息公开等工作。", "phone": "0533-6961249"}


class OrganisationProfileBlock(blocks.StructBlock):
    functions = blocks.RichTextBlock(label=_("functions"), features=["bold", "ol", "ul", "link"])
    address = blocks.CharBlock(label=_("office address"), max_length=255, required=False)
    phone = blocks.CharBlock(label=_("phone"), max_length=64, required=False)
    office_hours = blocks.CharBlock(label=_("office hours"), max_length=200, required=False)
    departments = blocks.ListBlock(DepartmentBlock(), label=_("internal departments"), min_num=0)

    class Meta:
        template = "gi_wagtail/blocks/organisation_profile_block.html"
        icon = "site"
        label = _("Organisation profile")
        description = _("机构概况: the agency's functions, contacts and internal departments.")
        preview_value = {
            "functions": "<ol><li>贯彻执行国家和省、市科技工作方针政策。</li><li>组织实施县级科技计划项目。</li></ol>",
            "address": "高青县城黄河路87号",
            "phone": "0533-6961249",
            "office_hours": "工作日 8:30—17:30",
            "departments": [{"name": "办公室", "duties": "负责机关日常运转。", "phone": "0533-6961249"}],
        }

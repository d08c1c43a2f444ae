"""Narrative section of an annual report: canonical key, heading as printed, rich text."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

SECTION_KEY_CHOICES = [
    ("preamble", _("Preamble (前言)")),
    ("general", _("General situation (总体情况 / 概述)")),
    ("organisation", _("Organisation and rules (组织领导和制度建设)")),
    ("proactive", _("Proactive disclosure (主动公开)")),
    ("requests", _("Requests (依申请公开)")),
    ("fees", _("Fees and waivers (收费及减免)")),
    ("review_litigation", _("Administrative review and litigation (行政复议、行政诉讼)")),
    ("secrecy", _("Confidentiality review (保密审查)")),
    ("problems", _("Problems and improvements (存在的主要问题及改进情况)")),
    ("other", _("Other matters (其他需要报告的事项)")),
]


class ReportSectionBlock(blocks.StructBlock):
    key = blocks.ChoiceBlock(
        choices=SECTION_KEY_CHOICES,
        required=False,
        label=_("Section"),
        help_text=_("Used to compare reports across years and to check the numbers."),
    )
    # Both optional: imported reports have an unheaded preamble and official sections left empty.
    heading = blocks.CharBlock(
        max_length=120, required=False, label=_("Heading as printed"), help_text=_("e.g. 一、总体情况")
    )
    body = blocks.RichTextBlock(features=["bold", "italic", "ol", "ul", "link"], required=False, label=_("Text"))

    class Meta:
        icon = "doc-full"
        label = _("Report section")
        template = "gi_wagtail/reports/section_block.html"

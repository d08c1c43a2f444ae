"""StreamField blocks, one module per kind of content."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from gi_wagtail.blocks.guide import GuideBlock
from gi_wagtail.blocks.organisation import DepartmentBlock, OrganisationProfileBlock
from gi_wagtail.blocks.people import LeaderBlock
from gi_wagtail.blocks.plans import PlanBlock
from gi_wagtail.blocks.statistics import StatisticsTableBlock
from gi_wagtail.blocks.text import HeadingBlock, ParagraphBlock


class ItemBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    guide = GuideBlock()
    organisation_profile = OrganisationProfileBlock()
    leader = LeaderBlock()
    plan = PlanBlock()
    statistics_table = StatisticsTableBlock()

    class Meta:
        label = _("Body")


__all__ = [
    "DepartmentBlock",
    "GuideBlock",
    "HeadingBlock",
    "ItemBodyBlock",
    "LeaderBlock",
    "OrganisationProfileBlock",
    "ParagraphBlock",
    "PlanBlock",
    "StatisticsTableBlock",
]

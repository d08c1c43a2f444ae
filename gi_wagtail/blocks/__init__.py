"""StreamField blocks, one module per kind of content."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .guide import GuideBlock
from .organisation import DepartmentBlock, OrganisationProfileBlock
from .people import LeaderBlock
from .plans import PlanBlock
from .statistics import StatisticsTableBlock
from .text import HeadingBlock, ParagraphBlock


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
    "DepartmentBlock", "GuideBlock", "HeadingBlock", "ItemBodyBlock", "LeaderBlock", "OrganisationProfileBlock",
    "ParagraphBlock", "PlanBlock", "StatisticsTableBlock",
]

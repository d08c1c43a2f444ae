"""StreamField blocks, one module per kind of content."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from .text import HeadingBlock, ParagraphBlock


class ItemBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = ParagraphBlock()

    class Meta:
        label = _("Body")


__all__ = ["HeadingBlock", "ItemBodyBlock", "ParagraphBlock"]

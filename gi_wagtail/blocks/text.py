"""Text blocks for item bodies."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(label=_("level"), choices=[("h2", _("Heading 2")), ("h3", _("Heading 3"))], default="h2")

    class Meta:
        template = "gi_wagtail/blocks/heading_block.html"
        icon = "title"
        label = _("Heading")
        description = _("A section heading inside the item text.")
        preview_value = {"text": "一、主要内容", "level": "h2"}


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", ["bold", "italic", "ol", "ul", "link", "document-link", "h3", "h4"])
        super().__init__(**kwargs)

    class Meta:
        template = "gi_wagtail/blocks/paragraph_block.html"
        icon = "pilcrow"
        label = _("Paragraph")
        description = _("Formatted body text.")
        preview_value = "<p>为进一步推进科技创新工作，现将有关事项通知如下。</p>"

"""机构领导: leader profiles (name, post, 分工, photo, CV)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class LeaderBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("name"), max_length=50)
    post = blocks.CharBlock(label=_("post"), max_length=100)
    responsibilities = blocks.TextBlock(label=_("responsibilities (分工)"), required=False)
    photo = ImageChooserBlock(label=_("photo"), required=False)
    cv = blocks.RichTextBlock(label=_("CV (简历)"), features=["bold", "ol", "ul"], required=False)

    class Meta:
        template = "gi_wagtail/blocks/leader_block.html"
        icon = "user"
        label = _("Leader")
        description = _("One leader: name, post, responsibilities, photo and CV; only filled parts are shown.")
        preview_value = {
            "name": "王明远",
            "post": "局长",
            "responsibilities": "主持局全面工作。",
            "cv": "<p>男，汉族，1975年出生，大学学历。</p>",
        }

"""信息公开指南: the statutory guide as structured sections (2019 regulations art. 12)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

_RICH = ["bold", "italic", "ol", "ul", "link", "document-link"]


class GuideBlock(blocks.StructBlock):
    effective_on = blocks.DateBlock(
        label=_("effective from"), required=False, help_text=_("Guides are revised yearly.")
    )
    scope = blocks.RichTextBlock(label=_("scope of proactive disclosure"), features=_RICH)
    methods = blocks.RichTextBlock(label=_("disclosure methods and time limits"), features=_RICH)
    request_procedure = blocks.RichTextBlock(label=_("request procedure"), features=_RICH)
    fees = blocks.RichTextBlock(label=_("fees"), features=_RICH, required=False)
    remedies = blocks.RichTextBlock(label=_("supervision and remedies"), features=_RICH, required=False)
    receiving_office = blocks.CharBlock(label=_("receiving office"), max_length=200)
    address = blocks.CharBlock(label=_("office address"), max_length=255)
    phone = blocks.CharBlock(label=_("phone"), max_length=64)
    fax = blocks.CharBlock(label=_("fax"), max_length=64, required=False)
    email = blocks.EmailBlock(label=_("e-mail"), required=False)
    office_hours = blocks.CharBlock(label=_("office hours"), max_length=200)
    postcode = blocks.CharBlock(label=_("postcode"), max_length=16, required=False)

    class Meta:
        template = "gi_wagtail/blocks/guide_block.html"
        icon = "help"
        label = _("Disclosure guide")
        description = _("The 政府信息公开指南: scope, methods, request procedure and the receiving office's contacts.")
        preview_value = {
            "scope": "<p>本机关主动公开的政府信息范围详见政府信息公开目录。</p>",
            "methods": "<p>通过本局门户网站“政府信息公开”专栏公开，自信息形成或变更之日起20个工作日内公开。</p>",
            "request_procedure": "<p>申请人可通过当面、信函或网络提交《政府信息公开申请表》。</p>",
            "receiving_office": "高青县科学技术局办公室",
            "address": "高青县城黄河路87号",
            "phone": "0533-6961249",
            "office_hours": "工作日 上午8:30—12:00，下午13:30—17:30",
        }

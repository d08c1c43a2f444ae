"""规划计划: plans with their period and status."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

PLAN_STATUSES = [
    ("drafting", _("Being drafted")),
    ("in_force", _("In force")),
    ("completed", _("Completed")),
    ("superseded", _("Superseded")),
]


class PlanBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        default="plan",
        choices=[("plan", _("Plan (规划)")), ("programme", _("Work plan (计划)")), ("summary", _("Summary (总结)"))],
    )
    period_start = blocks.IntegerBlock(label=_("period from (year)"), min_value=1949, max_value=2100)
    period_end = blocks.IntegerBlock(label=_("period to (year)"), min_value=1949, max_value=2100)
    status = blocks.ChoiceBlock(label=_("status"), choices=PLAN_STATUSES, default="in_force")
    summary = blocks.RichTextBlock(label=_("main content"), features=["bold", "ol", "ul", "link"], required=False)

    class Meta:
        template = "gi_wagtail/blocks/plan_block.html"
        icon = "date"
        label = _("Plan")
        description = _("A plan or work plan with its period (e.g. 2021–2025) and status.")
        preview_value = {
            "kind": "plan",
            "period_start": 2021,
            "period_end": 2025,
            "status": "in_force",
            "summary": "<p>到2025年，全县高新技术企业达到60家。</p>",
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["status_label"] = dict(PLAN_STATUSES).get(value.get("status"), value.get("status"))
        return context

    def clean(self, value):
        from django.core.exceptions import ValidationError
        from wagtail.blocks import StructBlockValidationError

        value = super().clean(value)
        if value.get("period_start") and value.get("period_end") and value["period_end"] < value["period_start"]:
            raise StructBlockValidationError(
                block_errors={"period_end": ValidationError(_("The period cannot end before it starts."))}
            )
        return value

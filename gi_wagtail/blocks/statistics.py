"""统计数据: typed statistical tables with unit, period and source, plus a server-rendered bar chart."""

import uuid
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.typed_table_block.blocks import TypedTableBlock

CHART_WIDTH = 300  # bar area width in SVG user units
BAR_HEIGHT = 22


class StatisticsTableBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("table title"), max_length=200)
    unit = blocks.CharBlock(label=_("unit"), max_length=50, help_text=_("e.g. 家, 万元, %"))
    period = blocks.CharBlock(label=_("period"), max_length=100, help_text=_("e.g. 2023年"))
    source = blocks.CharBlock(label=_("source"), max_length=200, required=False)
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Text"))),
            ("number", blocks.DecimalBlock(label=_("Number"), required=False)),
            ("integer", blocks.IntegerBlock(label=_("Whole number"), required=False)),
        ],
        label=_("data"),
    )
    chart = blocks.BooleanBlock(
        label=_("show a bar chart"),
        required=False,
        default=True,
        help_text=_("Bars of the first number column, labelled by the first text column."),
    )

    class Meta:
        template = "gi_wagtail/blocks/statistics_table_block.html"
        icon = "table"
        label = _("Statistics table")
        description = _(
            "A statistical table with unit, period and source, rendered as an accessible table and a bar chart."
        )
        preview_value = {
            "title": "高新技术企业数量",
            "unit": "家",
            "period": "2019—2023年",
            "source": "高青县科学技术局",
            "chart": True,
            "table": {
                "columns": [{"type": "text", "heading": "年份"}, {"type": "integer", "heading": "企业数"}],
                "rows": [{"values": ["2021年", 28]}, {"values": ["2022年", 35]}, {"values": ["2023年", 42]}],
                "caption": "",
            },
        }

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["chart"] = chart_data(value["table"]) if value.get("chart") else None
        context["chart_id"] = f"gi-chart-{uuid.uuid4().hex[:8]}"
        return context


def chart_data(table):
    """Bars (label, value, width, y) for the first text column against the first number column, or None."""
    kinds = [column["block"].name for column in table.columns]
    if "text" not in kinds or not ({"number", "integer"} & set(kinds)):
        return None
    label_at = kinds.index("text")
    value_at = next(i for i, kind in enumerate(kinds) if kind in ("number", "integer"))
    points = [(row["values"][label_at], row["values"][value_at]) for row in table.row_data]
    points = [(label, Decimal(value)) for label, value in points if value is not None]
    if not points:
        return None
    top = max(abs(value) for _, value in points) or Decimal(1)
    bars = [
        {
            "label": label,
            "value": value,
            "width": round(float(abs(value) / top) * CHART_WIDTH, 1),
            "y": i * (BAR_HEIGHT + 8),
        }
        for i, (label, value) in enumerate(points)
    ]
    return {
        "bars": bars,
        "heading": table.columns[value_at]["heading"],
        "label_width": 110,
        "bar_height": BAR_HEIGHT,
        "width": 110 + CHART_WIDTH + 70,
        "height": len(bars) * (BAR_HEIGHT + 8),
    }

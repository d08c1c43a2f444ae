"""Declarative definitions of the annual report formats.

- "2008": free-text report under the 2008 regulations (sections + key figures).
- "2019": 国办公开办函〔2019〕60号 试行 format (2019 and 2020 reports).
- "2021": 国办公开办函〔2021〕30号 format (2021 reports onwards).
"""

from gi_wagtail.reports.formats.base import (
    AMOUNT,
    COUNT,
    SIGNED,
    Column,
    FormatSpec,
    GridTableDef,
    KeyFigure,
    ReportFormat,
    Row,
)
from gi_wagtail.reports.formats.sections import PREAMBLE, S2008, S2019, section_key_for_heading
from gi_wagtail.reports.formats.table2 import TABLE2_2019, TABLE2_2021
from gi_wagtail.reports.formats.table3 import OUTCOME_ROWS_2019, OUTCOME_ROWS_2021, TABLE3_2019, TABLE3_2021
from gi_wagtail.reports.formats.table4 import TABLE4

KEY_FIGURES_2008 = (
    KeyFigure("proactive_items", "主动公开政府信息数（条）"),
    KeyFigure("catalogue_categories", "主动公开信息类别数（类）"),
    KeyFigure("requests_received", "收到政府信息公开申请数（件）"),
    KeyFigure("requests_handled", "办结政府信息公开申请数（件）"),
    KeyFigure("fees_collected", "收取费用（元）", kind=AMOUNT),
    KeyFigure("admin_reviews", "行政复议数（件）"),
    KeyFigure("lawsuits", "行政诉讼数（件）"),
)
# Non-numeric key figure: the names of the catalogue categories.
CATEGORY_NAMES_KEY = "catalogue_category_names"

FORMATS = {
    "2008": FormatSpec("2008", "2008年条例 年度报告（自由文本）", sections=S2008, key_figures=KEY_FIGURES_2008),
    "2019": FormatSpec(
        "2019",
        "国办公开办函〔2019〕60号（试行）",
        sections=S2019,
        table2=TABLE2_2019,
        table3=TABLE3_2019,
        table4=TABLE4,
        extra={"outcome_rows": OUTCOME_ROWS_2019},
    ),
    "2021": FormatSpec(
        "2021",
        "国办公开办函〔2021〕30号",
        sections=S2019,
        table2=TABLE2_2021,
        table3=TABLE3_2021,
        table4=TABLE4,
        has_fee_figures=True,
        extra={"outcome_rows": OUTCOME_ROWS_2021},
    ),
}
FORMAT_CODES = tuple(FORMATS)
TABLE_NAMES = ("table2", "table3", "table4")


def get_format(code: str) -> FormatSpec:
    try:
        return FORMATS[str(code)]
    except KeyError:
        raise KeyError(f"unknown report format {code!r}; expected one of {', '.join(FORMATS)}") from None


def default_format_for_year(year: int) -> str:
    """Template version normally used for a report year (editors may override)."""
    if year <= 2018:
        return "2008"
    if year <= 2020:
        return "2019"
    return "2021"


__all__ = [
    "AMOUNT",
    "CATEGORY_NAMES_KEY",
    "COUNT",
    "FORMATS",
    "FORMAT_CODES",
    "KEY_FIGURES_2008",
    "PREAMBLE",
    "SIGNED",
    "TABLE_NAMES",
    "Column",
    "FormatSpec",
    "GridTableDef",
    "ReportFormat",
    "Row",
    "default_format_for_year",
    "get_format",
    "section_key_for_heading",
]

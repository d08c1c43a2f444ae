"""Table 四: 政府信息公开行政复议、行政诉讼情况 (identical in 2019 and 2021)."""

from gi_wagtail.reports.formats.base import Column, GridTableDef, Row

REVIEW = "行政复议"
LITIGATION = "行政诉讼"
DIRECT = "未经复议直接起诉"
AFTER_REVIEW = "复议后起诉"

GROUPS = (("review", REVIEW), ("lit_direct", DIRECT), ("lit_after_review", AFTER_REVIEW))
RESULTS = (
    ("upheld", "结果维持"),
    ("corrected", "结果纠正"),
    ("other", "其他结果"),
    ("pending", "尚未审结"),
    ("total", "总计"),
)
PARTS = ("upheld", "corrected", "other", "pending")

COLUMNS = tuple(
    Column(f"{g}_{r}", label, parent=glabel, aliases=("合计",) if r == "total" else ())
    for g, glabel in GROUPS
    for r, label in RESULTS
)

TABLE4 = GridTableDef(
    key="table4",
    caption="四、政府信息公开行政复议、行政诉讼情况",
    rows=(Row("cases", "", aliases=()),),
    columns=COLUMNS,
)
GROUP_KEYS = tuple(g for g, _ in GROUPS)

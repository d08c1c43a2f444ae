"""Table 三: 收到和处理政府信息公开申请情况 (2019 试行 and 2021 formats)."""

from gi_wagtail.reports.formats.base import Column, GridTableDef, Row

CORNER_LABEL = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEADER = "申请人情况"
ORG_HEADER = "法人或其他组织"
RESULTS_LABEL = "三、本年度办理结果"

COLUMNS = (
    Column("natural_person", "自然人"),
    Column("org_business", "商业企业", parent=ORG_HEADER),
    Column("org_research", "科研机构", parent=ORG_HEADER),
    Column("org_public_interest", "社会公益组织", parent=ORG_HEADER),
    Column("org_legal_service", "法律服务机构", parent=ORG_HEADER),
    Column("org_other", "其他", parent=ORG_HEADER),
    Column("total", "总计", aliases=("合计",)),
)
ORG_COLUMNS = tuple(c.key for c in COLUMNS if c.parent)
APPLICANT_COLUMNS = ("natural_person",) + ORG_COLUMNS

G_WITHHELD = "（三）不予公开"
G_UNAVAILABLE = "（四）无法提供"
G_NOT_HANDLED = "（五）不予处理"
G_OTHER = "（六）其他处理"

_HEAD = (
    Row("received", "一、本年新收政府信息公开申请数量", aliases=("本年新收申请数量", "本年新收政府信息公开申请")),
    Row("carried_in", "二、上年结转政府信息公开申请数量", aliases=("上年结转申请数量", "上年结转政府信息公开申请")),
    Row("granted", "（一）予以公开", section=RESULTS_LABEL),
    Row(
        "partial",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        section=RESULTS_LABEL,
        aliases=("部分公开",),
    ),
)
_WITHHELD = tuple(
    Row(f"withheld_{i}", label, group=G_WITHHELD, section=RESULTS_LABEL, aliases=aliases)
    for i, (label, aliases) in enumerate(
        (
            ("1.属于国家秘密", ()),
            ("2.其他法律行政法规禁止公开", ()),
            ("3.危及“三安全一稳定”", ("危及三安全一稳定",)),
            ("4.保护第三方合法权益", ()),
            ("5.属于三类内部事务信息", ()),
            ("6.属于四类过程性信息", ()),
            ("7.属于行政执法案卷", ()),
            ("8.属于行政查询事项", ()),
        ),
        start=1,
    )
)
_UNAVAILABLE = tuple(
    Row(f"unavailable_{i}", label, group=G_UNAVAILABLE, section=RESULTS_LABEL)
    for i, label in enumerate(
        ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确"), start=1
    )
)
_NOT_HANDLED = tuple(
    Row(f"not_handled_{i}", label, group=G_NOT_HANDLED, section=RESULTS_LABEL)
    for i, label in enumerate(
        (
            "1.信访举报投诉类申请",
            "2.重复申请",
            "3.要求提供公开出版物",
            "4.无正当理由大量反复申请",
            "5.要求行政机关确认或重新出具已获取信息",
        ),
        start=1,
    )
)
_OTHER_2019 = (Row("other", "（六）其他处理", section=RESULTS_LABEL),)
_OTHER_2021 = tuple(
    Row(f"other_{i}", label, group=G_OTHER, section=RESULTS_LABEL)
    for i, label in enumerate(
        (
            "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
            "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
            "3.其他",
        ),
        start=1,
    )
)
_TAIL = (
    Row("handled_total", "（七）总计", section=RESULTS_LABEL, aliases=("总计", "合计")),
    Row("carried_out", "四、结转下年度继续办理", aliases=("结转下年度继续办理",)),
)

TABLE3_2019 = GridTableDef(
    key="table3",
    caption="三、收到和处理政府信息公开申请情况",
    rows=_HEAD + _WITHHELD + _UNAVAILABLE + _NOT_HANDLED + _OTHER_2019 + _TAIL,
    columns=COLUMNS,
    corner_label=CORNER_LABEL,
)
TABLE3_2021 = GridTableDef(
    key="table3",
    caption="三、收到和处理政府信息公开申请情况",
    rows=_HEAD + _WITHHELD + _UNAVAILABLE + _NOT_HANDLED + _OTHER_2021 + _TAIL,
    columns=COLUMNS,
    corner_label=CORNER_LABEL,
)

# Rows summed into handled_total (rule 3), per format.
OUTCOME_ROWS_2019 = tuple(r.key for r in TABLE3_2019.rows if r.section and r.key != "handled_total")
OUTCOME_ROWS_2021 = tuple(r.key for r in TABLE3_2021.rows if r.section and r.key != "handled_total")

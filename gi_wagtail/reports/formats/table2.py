"""Table 二: 主动公开政府信息情况, organised by 条例 art. 20 items."""

from gi_wagtail.reports.formats.base import AMOUNT, SIGNED, Block, Column, Row, Table2Def

CONTENT_HEADER = "信息内容"
ITEM_1 = "第二十条第（一）项"
ITEM_5 = "第二十条第（五）项"
ITEM_6 = "第二十条第（六）项"
ITEM_8 = "第二十条第（八）项"
ITEM_9 = "第二十条第（九）项"

_REGULATIONS = Row("regulations", "规章")
_LICENSING = Row("licensing", "行政许可")
_PENALTY = Row("penalty", "行政处罚")
_ENFORCEMENT = Row("enforcement", "行政强制")
_FEES = Row("admin_fees", "行政事业性收费")

_2019_PREV = Column("prev_count", "上一年项目数量")
_2019_CHANGE = Column("change", "本年增/减", kind=SIGNED, aliases=("本年增减", "本年增/减少"))
_2019_DECISIONS = Column("decisions", "处理决定数量")

TABLE2_2019 = Table2Def(
    blocks=(
        Block(
            "item_1",
            ITEM_1,
            rows=(_REGULATIONS, Row("normative_docs", "规范性文件", aliases=("行政规范性文件",))),
            columns=(
                Column("made", "本年新制作数量"),
                Column("published", "本年新公开数量"),
                Column("total_published", "对外公开总数量"),
            ),
        ),
        Block(
            "item_5",
            ITEM_5,
            rows=(_LICENSING, Row("other_services", "其他对外管理服务事项")),
            columns=(_2019_PREV, _2019_CHANGE, _2019_DECISIONS),
        ),
        Block("item_6", ITEM_6, rows=(_PENALTY, _ENFORCEMENT), columns=(_2019_PREV, _2019_CHANGE, _2019_DECISIONS)),
        Block("item_8", ITEM_8, rows=(_FEES,), columns=(_2019_PREV, _2019_CHANGE)),
        Block(
            "item_9",
            ITEM_9,
            rows=(Row("procurement", "政府集中采购"),),
            columns=(Column("count", "采购项目数量"), Column("amount", "采购总金额", kind=AMOUNT, unit="万元")),
        ),
    )
)

_2021_DECISIONS = Column("decisions", "本年处理决定数量", aliases=("处理决定数量",))

TABLE2_2021 = Table2Def(
    blocks=(
        Block(
            "item_1",
            ITEM_1,
            rows=(_REGULATIONS, Row("normative_docs", "行政规范性文件", aliases=("规范性文件",))),
            columns=(
                Column("issued", "本年制发件数"),
                Column("repealed", "本年废止件数"),
                Column("in_force", "现行有效件数"),
            ),
        ),
        Block("item_5", ITEM_5, rows=(_LICENSING,), columns=(_2021_DECISIONS,)),
        Block("item_6", ITEM_6, rows=(_PENALTY, _ENFORCEMENT), columns=(_2021_DECISIONS,)),
        Block(
            "item_8",
            ITEM_8,
            rows=(_FEES,),
            columns=(
                Column(
                    "amount",
                    "本年收费金额（单位：万元）",
                    kind=AMOUNT,
                    unit="万元",
                    aliases=("本年收费金额", "收费金额"),
                ),
            ),
        ),
    )
)

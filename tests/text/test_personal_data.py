"""The personal-data scanner: what it finds in text about to be published, and what it must leave alone."""

import json
from pathlib import Path

import pytest

from gi_wagtail.text.personal_data import (
    BANK_CARD,
    ID_CARD,
    ID_CARD_15,
    MOBILE,
    NAME_LIST,
    context,
    id_check_char,
    is_bank_card,
    is_credit_code,
    is_id_number,
    luhn_valid,
    masked_text,
    scan,
)


def id_number(first17):
    return first17 + id_check_char(first17)


def card_number(prefix):
    """``prefix`` plus the Luhn check digit."""
    for digit in "0123456789":
        if luhn_valid(prefix + digit):
            return prefix + digit
    raise AssertionError


ID_1 = id_number("37032219850312401")  # 高青县, born 1985-03-12
ID_2 = id_number("11010519491231002")  # the GB 11643 example
ID_X = "11010519491231002X"
CARD = card_number("621700123456789012")  # 19 digits, UnionPay
CARD_16 = card_number("622848001234567")


def kinds(text):
    return [h.kind for h in scan(text)]


def test_check_character_of_the_standard_example():
    assert id_check_char("11010519491231002") == "X"
    assert is_id_number(ID_X) and is_id_number(ID_X.lower())
    assert not is_id_number("110105194912310021")  # wrong check character


@pytest.mark.parametrize(
    "value",
    [
        "110105194913310025",  # month 13
        "110105190002300021",  # 30 February
        "990105194912310021",  # no province 99
        "110105219912310021",  # born in 2199
    ],
)
def test_implausible_id_numbers(value):
    fixed = value[:17] + id_check_char(value[:17])
    assert not is_id_number(fixed)


def test_id_number_found_and_masked():
    text = f"申请人身份证号：{ID_1}。"
    [hit] = scan(text)
    assert (hit.kind, text[hit.start : hit.end]) == (ID_CARD, ID_1)
    assert hit.masked == "370322********" + ID_1[-4:]
    assert ID_1 not in repr(hit)


def test_id_number_with_x_in_full_width_digits():
    full_width = ID_X.translate(str.maketrans("0123456789X", "０１２３４５６７８９Ｘ"))
    text = f"身份证：{full_width}"
    [hit] = scan(text)
    assert hit.kind == ID_CARD
    assert text[hit.start : hit.end] == full_width
    assert hit.masked == "110105********002X"


def test_grouped_id_number():
    text = f"身份证号 {ID_1[:6]} {ID_1[6:14]} {ID_1[14:]}"
    assert kinds(text) == [ID_CARD]


def test_old_15_digit_id_only_with_a_label():
    assert kinds("身份证号码：370322850312401") == [ID_CARD_15]
    assert kinds("统计代码 370322850312401 项") == []


@pytest.mark.parametrize(
    "text",
    [
        "联系电话：13953312345",
        "手机 139 5331 2345",
        "手机：139-5331-2345",
        "手机：+86 139 5331 2345",
        "手机：+8613953312345",
        "手机：１３９５３３１２３４５",
    ],
)
def test_mobile_numbers(text):
    [hit] = scan(text)
    assert hit.kind == MOBILE
    assert hit.masked.replace(" ", "").replace("-", "") == "139****2345"


def test_bank_cards():
    assert is_bank_card(CARD) and is_bank_card(CARD_16)
    assert kinds(f"开户行：农业银行，卡号：{CARD}") == [BANK_CARD]
    grouped = " ".join(CARD_16[i : i + 4] for i in range(0, 16, 4))
    [hit] = scan(f"银行卡 {grouped}")
    assert hit.kind == BANK_CARD and hit.masked == "6228 **** **** " + CARD_16[-4:]
    broken = CARD[:-1] + str((int(CARD[-1]) + 1) % 10)
    assert kinds(f"卡号：{broken}") == []


def test_a_valid_id_number_is_not_a_bank_card():
    value = next(v for n in range(1000) if luhn_valid(v := id_number(f"37032219850312{n:03d}")))
    assert not is_bank_card(value)
    assert kinds(value) == [ID_CARD]


def test_list_of_names_with_id_numbers():
    text = f"公示名单如下：\n1 张建国 {ID_1}\n2 欧阳明辉 {ID_2}\n监督电话：0533-6961250"
    hits = scan(text)
    assert [h.kind for h in hits] == [ID_CARD, ID_CARD, NAME_LIST]
    listing = hits[-1]
    assert listing.masked.startswith("2: 张** 370322********")
    assert [text[s:e] for s, e in listing.names] == ["张建国", "欧阳明辉"]
    shown = masked_text(text, hits)
    for clear in ("张建国", "欧阳明辉", ID_1, ID_2):
        assert clear not in shown
    assert "0533-6961250" in shown and len(shown) == len(text)


def test_table_cells_run_together_by_stripped_tags():
    # <tr><td>1</td><td>张建国</td><td>男</td><td>身份证</td><td>手机</td></tr> without the tags.
    text = f"序号姓名性别身份证号联系电话1张建国男{ID_1}139533123452李秀英女{ID_2}13812345678"
    hits = scan(text)
    assert [h.kind for h in hits] == [ID_CARD, MOBILE, ID_CARD, MOBILE, NAME_LIST]
    assert [text[s:e] for s, e in hits[-1].names] == ["张建国", "李秀英"]
    assert all(ID_1 not in part and ID_2 not in part for h in hits for part in context(text, hits, h))


def test_a_trailing_serial_run_into_a_named_id():
    text = f"1张建国{ID_1}2李秀英{ID_2}"
    assert kinds(text) == [ID_CARD, ID_CARD, NAME_LIST]


def test_a_code_that_embeds_a_region_and_a_date_is_not_an_id():
    contract = id_number("37032220240301001") + "345"
    assert kinds(f"合同编号：{contract}") == []
    assert kinds(f"合同编号：1{contract[:18]}") == []


def test_one_row_is_not_a_list():
    assert kinds("联系人：张建国，手机：13953312345") == [MOBILE]


def test_labels_before_numbers_are_not_names():
    text = "联系电话：13953312345\n咨询电话：13812345678\n手机号码：13712345678"
    assert NAME_LIST not in kinds(text)


def test_context_marks_the_hit_and_masks_its_neighbours():
    text = f"王小明 {ID_1} 赵丽 {ID_2} 已核实。"
    hits = scan(text)
    before, marked, after = context(text, hits, hits[1])
    assert marked == "110105********" + ID_2[-4:]
    assert "王**" in before and "赵*" in before and ID_1 not in before
    assert after == " 已核实。"


# --- what must not be flagged: real-looking government text --------------------------------------

GOVERNMENT_TEXT = [
    "索引号：11370322MB2851234X/2024-00012",
    "索引号：113703220042853411/2024-00012",
    "统一社会信用代码：91370322MA3C4XYZ1F",
    "高青县人民政府办公室关于印发《高青县2024年民生实事》的通知 高政办发〔2024〕13号",
    "成文日期：2024-03-01 发布日期：2024年03月05日 20240305093015",
    "联系电话：0533-6961250 传真：0533-6961251 邮编：256300",
    "监督举报电话：12345、(0533)6961250",
    "全年一般公共预算收入13812345678元，同比增长8.5%。",
    "项目总投资15600000000元，其中中央预算内投资13900000000.00元。",
    "2024年共发放补贴资金1,385,246.50元，惠及13812户。",
    "编号：GXZF-2024-13812345678-001",
    "订单号 ORD13812345678",
    "统计数据：13953312345亿元",
    "合同编号：370322202403010012345",
    "发票号码 62170012345678901234567",
    "坐标 117.8234567890123456, 37.1712345678",
    "会议于2024年3月1日召开，张建国、李秀英、王桂兰等12名同志出席。",
]


@pytest.mark.parametrize("text", GOVERNMENT_TEXT)
def test_government_text_is_not_flagged(text):
    assert scan(text) == []


def test_credit_code_check():
    assert is_credit_code("91350100M000100Y43")
    assert not is_credit_code("91350100M000100Y44")


def test_empty_and_plain_text():
    assert scan("") == []
    assert scan("关于开展2024年度政府信息公开工作年度报告编制的通知") == []


def test_real_government_pages_yield_only_the_contact_mobiles():
    """80 pages from government sites (benchmarks/search_eval_unseen): the one hit is a notice that
    names two contacts with their mobile numbers; nothing else is flagged."""
    corpus = Path(__file__).resolve().parents[2] / "benchmarks" / "search_eval_unseen" / "corpus.jsonl"
    found = {}
    for line in corpus.read_text(encoding="utf-8").splitlines():
        page = json.loads(line)
        hits = scan(page["title"] + "\n" + page["body"])
        if hits:
            found[page["id"]] = [h.kind for h in hits]
    assert found == {"u073": [MOBILE, MOBILE, NAME_LIST]}

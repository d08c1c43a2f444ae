"""Personal data in text about to be published: 身份证号, 手机号, bank card numbers, lists of names.

Inspections flag published lists of names with ID numbers. ``scan(text)`` finds

- ``id_card``: 18-character 居民身份证号码 (GB 11643-1999) with a valid region prefix, birth date and
  ISO 7064 MOD 11-2 check character; ``id_card_15``: the old 15-digit number, only next to a
  身份证 label or a name (it has no check digit);
- ``mobile``: 11-digit 手机号 1[3-9]…, also written 138 1234 5678, 138-1234-5678, +86 …;
- ``bank_card``: 16–19 digits passing the Luhn check, not an ID number nor a 统一社会信用代码;
- ``name_list``: two or more rows where a 2–4 character Chinese name stands right before one of them.

A number inside a longer run of digits or letters (索引号, 统一社会信用代码, dates, amounts, 文号) is
not one of these. A hit carries its kind, its span in the text and a masked form; the clear value
never leaves the text. Full-width digits and letters count as their ASCII forms (NFKC, per character,
so offsets stay those of the original text).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

ID_CARD = "id_card"
ID_CARD_15 = "id_card_15"
MOBILE = "mobile"
BANK_CARD = "bank_card"
NAME_LIST = "name_list"
NUMBER_KINDS = (ID_CARD, ID_CARD_15, MOBILE, BANK_CARD)

# Rows with a name before a number from which a list is reported.
MIN_LIST_ROWS = 2


@dataclass(frozen=True)
class Hit:
    """One finding: ``text[start:end]`` is the personal data, ``masked`` what may be shown of it.

    ``names`` are the spans of personal names that belong to the hit (the name before a number,
    every name of a list); they are masked wherever the text around a hit is shown.
    """

    kind: str
    start: int
    end: int
    masked: str
    names: tuple[tuple[int, int], ...] = ()


# --- normalisation ------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """NFKC per character where it yields one character (全角 ０-９ Ｘ － → 0-9 X -): same length."""
    if text.isascii():
        return text
    out = []
    for char in text:
        if char.isascii():
            out.append(char)
            continue
        folded = unicodedata.normalize("NFKC", char)
        out.append(folded if len(folded) == 1 else char)
    return "".join(out)


# --- checks -------------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return text.split()


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
# Province-level prefixes of GB/T 2260 (and 83 of the residence permits for Taiwan residents).
_PROVINCES = frozenset(
    _words("11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83")
)


def id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def _plausible_region(number: str) -> bool:
    # Province, then a city and county part that are not both "00" past a real prefix.
    return number[:2] in _PROVINCES and number[2:6] != "0000"


def _plausible_birth(year: int, month: int, day: int, today: dt.date | None = None) -> bool:
    try:
        born = dt.date(year, month, day)
    except ValueError:
        return False
    return dt.date(1900, 1, 1) <= born <= (today or dt.date.today())


def is_id_number(value: str) -> bool:
    """A valid 18-character 身份证号: region prefix, birth date and check character (X upper or lower)."""
    value = value.upper()
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        return False
    if not value.isascii():
        return False
    return (
        _plausible_region(value)
        and _plausible_birth(int(value[6:10]), int(value[10:12]), int(value[12:14]))
        and id_check_char(value[:17]) == value[17]
    )


def is_old_id_number(value: str) -> bool:
    """A plausible 15-digit 身份证号 (before 1999): region prefix and a 19yy birth date."""
    return (
        len(value) == 15
        and value.isascii()
        and value.isdigit()
        and _plausible_region(value)
        and _plausible_birth(1900 + int(value[6:8]), int(value[8:10]), int(value[10:12]))
    )


def luhn_valid(digits: str) -> bool:
    if not (digits.isascii() and digits.isdigit()):
        return False
    total = 0
    for i, char in enumerate(reversed(digits)):
        d = int(char)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


_USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def is_credit_code(value: str) -> bool:
    """A valid 统一社会信用代码 (GB 32100-2015), which all-digit ones look like 18-digit card numbers."""
    value = value.upper()
    if len(value) != 18 or any(c not in _USCC_CHARS for c in value):
        return False
    total = sum(_USCC_CHARS.index(c) * w for c, w in zip(value[:17], _USCC_WEIGHTS, strict=True))
    return _USCC_CHARS[(31 - total % 31) % 31] == value[17]


# Card numbers start with these (UnionPay 62, Visa 4, Mastercard 5, JCB/Amex 3, older domestic 9).
_CARD_PREFIXES = ("3", "4", "5", "6", "9")


def is_bank_card(digits: str) -> bool:
    return (
        16 <= len(digits) <= 19
        and digits.isascii()
        and digits.isdigit()
        and digits.startswith(_CARD_PREFIXES)
        and luhn_valid(digits)
        and not is_id_number(digits)
        and not is_credit_code(digits)
        # a serial number run into an ID (table cells without their tags) is the ID
        and not any(is_id_number(digits[i : i + 18]) for i in range(len(digits) - 17))
    )


# --- masking ------------------------------------------------------------------------------------


def mask(value: str, keep_start: int, keep_end: int) -> str:
    """Digits and letters past the first ``keep_start`` and before the last ``keep_end`` become "*";
    separators stay, so the masked form has the length of the value."""
    positions = [i for i, c in enumerate(value) if c.isalnum()]
    hidden = set(positions[keep_start : len(positions) - keep_end])
    return "".join("*" if i in hidden else c for i, c in enumerate(value))


_KEEP = {ID_CARD: (6, 4), ID_CARD_15: (6, 3), MOBILE: (3, 4), BANK_CARD: (4, 4)}


def mask_name(name: str) -> str:
    return name[:1] + "*" * (len(name) - 1)


# --- numbers ------------------------------------------------------------------------------------

# Nothing of a longer code on either side: digits, Latin letters, or "digit/" "digit-" joints of
# 索引号 and dates (11370322MB2851234X/2024-00012, 2024-13812345678 is no phone number).
_BEFORE = r"(?<![0-9A-Za-z])(?<![0-9A-Za-z][/\-.])"
_AFTER = r"(?![0-9A-Za-z])(?![/\-.,][0-9])"
# Amounts and quantities: a number followed by a unit is not a phone or card number.
_UNIT = r"(?!\s*(?:元|万|亿|千|百|吨|亩|公斤|千克|平方|立方|米|公里|人次|次|件|户|个|%|‰))"

_PATTERNS = (
    # 18-character ID, plain or grouped 6-8-4 with one kind of separator.
    (ID_CARD, re.compile(_BEFORE + r"([0-9]{6})([ \-]?)([0-9]{8})\2([0-9]{3}[0-9Xx])" + _AFTER)),
    (ID_CARD_15, re.compile(_BEFORE + r"[0-9]{15}" + _AFTER + _UNIT)),
    # Bank cards: 16-19 digits in a row, or groups of four (the last of 1-4).
    (BANK_CARD, re.compile(_BEFORE + r"[0-9]{16,19}" + _AFTER + _UNIT)),
    (BANK_CARD, re.compile(_BEFORE + r"[0-9]{4}([ \-])[0-9]{4}\1[0-9]{4}\1[0-9]{4}(?:\1[0-9]{1,3})?" + _AFTER)),
    # Mobile numbers, with an optional +86 / 0086 / 86 prefix, plain or 3-4-4.
    (
        MOBILE,
        re.compile(
            r"(?<![0-9A-Za-z+])(?<![0-9A-Za-z][/\-.])(?:(?:\+|00)?86[ \-]?)?"
            r"(1[3-9][0-9]([ \-]?)[0-9]{4}\2[0-9]{4})" + _AFTER + _UNIT
        ),
    ),
)

# A 身份证 label shortly before a 15-digit number.
_ID_LABEL = re.compile(r"(?:身份证|身份号码|证件号)[^0-9\n]{0,12}$")


def _digits(value: str) -> str:
    return "".join(c for c in value if c.isalnum()).upper()


def _number_hits(text: str) -> list[Hit]:
    found = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            group = 1 if kind == MOBILE else 0
            start, end = match.span(group)
            value = match.group(group)
            digits = _digits(value)
            if kind == ID_CARD:
                ok = is_id_number(digits)
            elif kind == ID_CARD_15:
                ok = is_old_id_number(digits)
                ok = ok and _labelled(text, start)
            elif kind == BANK_CARD:
                ok = is_bank_card(digits)
            else:
                ok = True
            if ok:
                keep_start, keep_end = _KEEP[kind]
                found.append(Hit(kind, start, end, mask(value, keep_start, keep_end)))
    found.extend(_merged_cells(text))
    # Overlaps (an ID that is also Luhn-valid, a grouped card read as a phone): the longest wins.
    found.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[Hit] = []
    for hit in found:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept


# Table cells that lost their boundaries (HTML stripped of its tags): 370322…123X13812345678, with
# the serial number of a row before or after (…138123456782李四 …).
_LONG_RUN = re.compile(_BEFORE + r"[0-9Xx]{19,120}" + _AFTER)
_PARTS = ((ID_CARD, 18), (MOBILE, 11))
_SERIAL = 4


def _merged_cells(text: str) -> list[Hit]:
    """ID and mobile numbers that make up a long run of digits (give or take row serials), one an ID."""
    hits = []
    for match in _LONG_RUN.finditer(text):
        run = match.group().upper()
        for lead in range(_SERIAL + 1):
            parts = next(
                (
                    p
                    for trail in range(_SERIAL + 1)
                    if run[:lead].isdigit() or not lead
                    if (p := _segment(run[: len(run) - trail], lead))
                ),
                None,
            )
            # One ID with a serial beside it needs a name or label before it (not a 合同编号 with a date).
            if parts and len(parts) == 1 and not _labelled(text, match.start()):
                parts = None
            if parts and any(kind == ID_CARD for kind, _s, _e in parts):
                for kind, start, end in parts:
                    value = match.group()[start:end]
                    hits.append(Hit(kind, match.start() + start, match.start() + end, mask(value, *_KEEP[kind])))
                break
    return hits


def _labelled(text: str, start: int) -> bool:
    return bool(_ID_LABEL.search(text[max(0, start - 20) : start]) or _name_before(text, start, 0))


def _segment(run: str, start: int = 0) -> list[tuple[str, int, int]] | None:
    if start == len(run):
        return []
    for kind, length in _PARTS:
        part = run[start : start + length]
        valid = is_id_number(part) if kind == ID_CARD else re.fullmatch(r"1[3-9][0-9]{9}", part) is not None
        if len(part) == length and valid:
            rest = _segment(run, start + length)
            if rest is not None:
                return [(kind, start, start + length), *rest]
    return None


# --- names --------------------------------------------------------------------------------------

# Common surnames (over nine in ten people in China), single and compound.
_SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔"
    "钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛"
    "邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝"
    "路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂"
    "全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝"
)
_COMPOUND_SURNAMES = (
    "欧阳",
    "司马",
    "诸葛",
    "上官",
    "东方",
    "皇甫",
    "令狐",
    "慕容",
    "尉迟",
    "公孙",
    "夏侯",
    "长孙",
    "宇文",
)
# Words that start with a surname character but are labels or office words, not names.
_NOT_NAMES = frozenset(
    _words(
        "联系电话 联系人 电话 手机 手机号 手机号码 号码 身份证 身份证号 身份证号码 证件号 证件号码 银行卡 银行卡号 卡号 账号 开户行 单位 地址 姓名 性别 民族 编号 序号 传真 邮编 办公室 常务 高新区 管理 金额 方式 时间 日期 文号 公示 公告 申请人 法人 法定代表人 负责人 经办人 监督电话 举报电话 咨询电话 投诉电话 值班电话 成员 组长 副组长 华为 石油 黄河 江苏 安徽 宁夏 吉林 广东 湖南 湖北 河南 河北 山东 山西 陕西 云南 贵州 四川 福建 江西 浙江 辽宁 海南 甘肃 青海 重庆 天津 上海 北京 西藏 新疆 广西 内蒙古 黑龙江 台湾 香港 澳门 合计 总计 小计 其中 项目 全部 全年 全市 全县 全区 全省 万元 时间段"
    )
)
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Between a name and its number: separators of a row, a gender / ethnicity cell, a label.
_BETWEEN = (
    r"[\s|｜:：,，、;；/\\()（）\[\]【】\-—]*"
    r"(?:(?:男|女)[\s|｜:：,，、;；]*)?(?:[" + _CJK + r"]{1,3}族[\s|｜:：,，、;；]*)?"
    r"(?:(?:公民)?(?:身份证号码|身份证号|身份证|证件号码|证件号|手机号码|手机号|手机|联系电话|电话|银行卡号|卡号|账号)"
    r"[\s|｜:：,，、;；]*)?$"
)
_NAME_BEFORE = re.compile(r"(?<![" + _CJK + r"])([" + _CJK + r"]{2,4}?)" + _BETWEEN)
_NAME_WINDOW = 24


def _is_name(word: str) -> bool:
    if word in _NOT_NAMES:
        return False
    if word[:2] in _COMPOUND_SURNAMES:
        return len(word) >= 3
    return word[0] in _SURNAMES


def _name_before(text: str, start: int, floor: int) -> tuple[int, int] | None:
    """The span of a personal name standing right before ``text[start]`` (not before ``floor``)."""
    lower = max(floor, start - _NAME_WINDOW)
    match = _NAME_BEFORE.search(text, lower, start)
    if match is None or not _is_name(match.group(1)):
        return None
    return match.span(1)


# --- scanning -----------------------------------------------------------------------------------


def scan(text: str) -> list[Hit]:
    """Personal data in ``text``: numbers in order, then a ``name_list`` hit if there is a list."""
    if not text:
        return []
    text = normalise(text)
    numbers = _number_hits(text)
    hits = []
    rows = []
    floor = 0
    for hit in numbers:
        name = _name_before(text, hit.start, floor)
        if name is not None:
            hit = Hit(hit.kind, hit.start, hit.end, hit.masked, (name,))
            rows.append((name, hit))
        hits.append(hit)
        floor = hit.end
    if len(rows) >= MIN_LIST_ROWS:
        names = tuple(name for name, _hit in rows)
        summary = "; ".join(f"{mask_name(text[s:e])} {hit.masked}" for (s, e), hit in rows[:3])
        if len(rows) > 3:
            summary += " …"
        hits.append(Hit(NAME_LIST, names[0][0], rows[-1][1].end, f"{len(rows)}: {summary}", names))
    return hits


def masked_text(text: str, hits: Iterable[Hit]) -> str:
    """``text`` with every hit and every name of a hit replaced by its masked form (same length)."""
    chars = list(text)
    for hit in hits:
        if hit.kind != NAME_LIST:
            chars[hit.start : hit.end] = hit.masked
        for start, end in hit.names:
            chars[start:end] = mask_name(text[start:end])
    return "".join(chars)


def context(text: str, hits: list[Hit], hit: Hit, width: int = 30) -> tuple[str, str, str]:
    """(before, the hit, after) around ``hit``, every hit in them masked; a ``name_list`` is shown
    from its first name to its last number (cut to ``4 * width`` characters)."""
    shown = masked_text(text, hits)
    start = max(0, hit.start - width)
    end = min(len(shown), hit.end + width)
    middle = shown[hit.start : hit.end]
    if len(middle) > 4 * width:
        middle = middle[: 4 * width] + "…"
    before = ("…" if start else "") + shown[start : hit.start]
    after = shown[hit.end : end] + ("…" if end < len(shown) else "")
    return before, middle, after


def counts(hits: Iterable[Hit]) -> dict[str, int]:
    """{kind: number of hits}."""
    result: dict[str, int] = {}
    for hit in hits:
        result[hit.kind] = result.get(hit.kind, 0) + 1
    return result

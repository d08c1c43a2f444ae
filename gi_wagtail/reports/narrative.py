"""Numbers stated in narrative text ("共收到申请5件", "予以公开3件", ...).

Used by the validator (rules 10 and 12) and by the legacy text parser to fill
2008-style key figures. Extraction is clause by clause so that a negation
("未收到…申请") only applies to its own clause.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from gi_wagtail.reports.values import CN_NUMBER_CHARS, to_number
from gi_wagtail.text.normalise import to_simplified

NUM = rf"(\d+|[{CN_NUMBER_CHARS}]+)"
_GAP = r"[^，,。；;：:]{0,20}?"

# kind -> patterns; the first group is the number.
_COUNT_PATTERNS = {
    "requests_received": (
        rf"(?:共|新)?收到{_GAP}申请(?:共|总计|合计)?{NUM}(?:件|个|份)",
        rf"新收{_GAP}申请(?:数量)?(?:为|共)?{NUM}(?:件|个|份)",
        rf"受理{_GAP}申请(?:共)?{NUM}(?:件|个|份)",
    ),
    "granted": (rf"(?<!部分)(?:予以公开|同意公开|全部公开)(?:的)?(?:共|答复)?{NUM}件",),
    "partial": (rf"(?<![及和与、])部分公开(?:的)?(?:共|答复)?{NUM}件",),
    "carried_in": (rf"上(?:一)?年(?:度)?(?:结转|转结)(?:的)?(?:政府信息公开)?(?:申请)?(?:共)?{NUM}件",),
    "withheld": (rf"不予公开(?:的)?(?:共)?{NUM}件",),
    "unavailable": (rf"无法提供(?:的)?(?:共)?{NUM}件",),
    "not_handled": (rf"不予处理(?:的)?(?:共)?{NUM}件",),
    "other_handled": (rf"其他处理(?:的)?(?:共)?{NUM}件",),
    "handled": (rf"(?:共|已)?办结{_GAP}{NUM}件", rf"(?:共)?答复{_GAP}申请{NUM}件"),
    "carried_out": (
        rf"结转(?:至)?下(?:一)?年(?:度)?(?:继续办理)?(?:的)?{NUM}件",
        rf"转(?:入)?下(?:一)?年(?:度)?(?:继续)?(?:办理)?(?:的)?{NUM}件",
    ),
    "reviews": (rf"行政复议(?:案件|申请)?(?:共)?{NUM}(?:件|起|宗)",),
    "lawsuits": (rf"(?<!复议后)(?<!直接)诉讼(?:案件)?(?:共)?{NUM}(?:件|起|宗)",),
    "fee_notices": (rf"(?:发出|出具|送达)?收费通知(?:书)?(?:共)?{NUM}(?:件|份|次)",),
    "proactive_items": (rf"主动公开(?:各类)?(?:政府)?信息(?:共|总计)?{NUM}(?:条|件|篇)",),
    "catalogue_categories": (rf"(?:等|共){NUM}(?:个)?(?:大)?类",),
}
_FEE_PATTERNS = (
    r"(?:实际)?收取(?:信息处理费|费用)?(?:共计|合计|共)?(\d+(?:\.\d+)?)元",
    r"信息处理费(?:共计|合计|共)(\d+(?:\.\d+)?)元",
)
_NEG = r"(?:未收到|没有收到|未接到|没有接到|未有|没有|未发生|没有发生|无)"
_NO_REQUESTS = (
    rf"(?:未收到|没有收到|未接到|没有接到|未有|没有){_GAP}(?:公开申请|依申请公开|申请)",
    r"无(?:政府信息)?(?:依申请公开|公开申请|政府信息公开申请|申请公开)",
    r"申请(?:数量|数)?(?:为)?(?:0|零)(?:件|个)",
)
_NO_REVIEW = rf"{_NEG}[^。；;]{{0,30}}?行政复议"
_NO_LAWSUIT = rf"{_NEG}[^。；;]{{0,40}}?行政诉讼"
_NO_FEES = (rf"{_NEG}[^。；;，,]{{0,16}}?收费", r"未(?:收取|发生收费)", r"收费(?:及减免)?情况为零")
_ALL_UPHELD = r"(?:均|全部|都)(?:获|被|予以|予|得到)?维持"
# "予以公开及部分公开258件", "同意公开和部分公开共12件": one figure for two rows.
_GRANTED_PARTIAL = rf"(?:予以公开|同意公开|全部公开)(?:及|和|与|、|或)部分公开(?:的)?(?:共|合计)?{NUM}件"
# "… 265件，占32.9%": a share of some total, right after a group's count.
_SHARE_TAIL = re.compile(r"[,，]?(?:占|比例为|占比)(?:比)?(?:为)?(\d+(?:\.\d+)?)%")
SHARE_KINDS = ("granted_partial", "granted", "partial", "withheld", "unavailable", "not_handled", "other_handled")
# Negations that speak of organisations' requests only, not of all requests.
_ORG_ONLY = r"(?:法人|其他组织|企业|单位)[^。；;，,]{0,12}(?:的)?(?:公开)?申请"
_CATEGORY_NAMES = rf"(?:有|包括|包含|分为)([^。；;]+?)等{NUM}(?:个)?类"

_CLAUSE_SPLIT = re.compile(r"[。；;！!？?\n]+")


@dataclass(frozen=True)
class Statement:
    kind: (
        str  # see _COUNT_PATTERNS, plus fees_collected, no_requests, all_upheld (groups named), granted_partial, share
    )
    value: object  # int / float / True / list
    snippet: str
    section: str = ""


def clauses(text: str) -> Iterator[str]:
    """The clauses of ``text`` (split at sentence and clause punctuation), spaces removed."""
    text = to_simplified(unicodedata.normalize("NFKC", text or ""))
    for clause in _CLAUSE_SPLIT.split(text):
        clause = re.sub(r"\s+", "", clause)
        if clause:
            yield clause


def extract(text: str, section: str = "") -> list[Statement]:
    out: list[Statement] = []
    for clause in clauses(text):

        def add(kind: str, value: object, clause: str = clause) -> None:
            out.append(Statement(kind, value, clause[:80], section))

        # "申请行政复议" is about review, not about disclosure requests.
        plain = re.sub(r"申请(?:行政)?复议", "复议", clause)
        # Applications of other kinds (行政许可申请, 复议申请 …) are not requests for disclosure.
        plain = re.sub(r"(?:行政许可|许可|复议|诉讼|项目|资金|补贴|办事)(?:事项)?申请", "", plain)
        # "上年转结…申请0件" / "结转下年度0件" speak of carried requests, not of requests received.
        plain = re.sub(r"(?:结转|转结|转下)[^，,。；;]{0,20}?(?:0|零)件", "", plain)
        no_requests = any(re.search(p, plain) for p in _NO_REQUESTS)
        org_only = re.search(_ORG_ONLY, plain) and not re.search(r"公民|自然人|个人|任何", plain)
        if no_requests and "无正当理由" not in clause and not org_only:
            add("no_requests", True)
        if re.search(_NO_REVIEW, clause) and not re.search(_COUNT_PATTERNS["reviews"][0], clause):
            add("reviews", 0)
        if re.search(_NO_LAWSUIT, clause) and not re.search(_COUNT_PATTERNS["lawsuits"][0], clause):
            add("lawsuits", 0)
        if any(re.search(p, clause) for p in _NO_FEES) and not re.search(_FEE_PATTERNS[0], clause):
            add("fees_collected", 0)
        if re.search(_ALL_UPHELD, clause):
            named = tuple(g for g, word in (("review", "复议"), ("lawsuit", "诉讼")) if word in clause)
            if named:
                add("all_upheld", named)
        for kind, (count, percent, decimals) in shares(clause):
            add("share", (kind, count, percent, decimals))
        combined = re.search(_GRANTED_PARTIAL, clause)
        if combined:
            with contextlib.suppress(ValueError):
                add("granted_partial", to_number(combined.group(1)))
            clause = clause[: combined.start()] + "，" + clause[combined.end() :]  # not read again as 部分公开
        m = re.search(_CATEGORY_NAMES, clause)
        if m:
            names = [n for n in re.split(r"[、,，和及]", m.group(1)) if n]
            add("catalogue_category_names", names)
        for kind, patterns in _COUNT_PATTERNS.items():
            for pattern in patterns:
                m = re.search(pattern, clause)
                if m:
                    try:
                        add(kind, to_number(m.group(1)))
                    except ValueError:
                        continue
                    break
        for pattern in _FEE_PATTERNS:
            m = re.search(pattern, clause)
            if m:
                value = float(m.group(1))
                add("fees_collected", int(value) if value.is_integer() else value)
                break
    return out


def shares(clause: str) -> Iterator[tuple[str, tuple[int, float, int]]]:
    """(kind, (count, percent, decimals)) for each "…N件，占P%" of an outcome group in a clause."""
    for kind in SHARE_KINDS:
        pattern = _GRANTED_PARTIAL if kind == "granted_partial" else _COUNT_PATTERNS[kind][0]
        for m in re.finditer(pattern, clause):
            tail = _SHARE_TAIL.match(clause, m.end())
            if not tail:
                continue
            try:
                count = to_number(m.group(1))
            except ValueError:
                continue
            digits = tail.group(1)
            yield kind, (count, float(digits), len(digits.split(".")[1]) if "." in digits else 0)


def extract_sections(sections: Mapping[str, Mapping[str, Any]]) -> list[Statement]:
    out = []
    for key, sec in (sections or {}).items():
        out.extend(extract(sec.get("text", ""), key))
    return out


def first_value(statements: Iterable[Statement], kind: str) -> object:
    """The value of the first statement of ``kind`` (None when there is none)."""
    for s in statements:
        if s.kind == kind:
            return s.value
    return None

"""Validate one row of a bureau's 登记台账 (request register) into a ``RequestRow``.

Column names are the English keys or the usual Chinese headings; values are the register's
keys (``natural_person``, ``granted`` …), their English labels, or the Chinese words a 台账
uses (自然人, 予以公开, 不予公开-国家秘密, the table 三 row labels …). Error messages name the
column as it is headed in the file and never repeat personal data.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from gi_wagtail.importing.records import RecordError, parse_date
from gi_wagtail.reports.formats.table3 import TABLE3_2019, TABLE3_2021
from gi_wagtail.requests.fees import FeeMethod
from gi_wagtail.requests.models import AppealKind, AppealResult, Channel
from gi_wagtail.requests.outcomes import ApplicantType, Outcome

DEFAULT_DESCRIPTION = "（台账导入）"

ALIASES: dict[str, tuple[str, ...]] = {
    "received_on": ("received_on", "收到日期", "收到时间", "受理日期", "收到申请日期", "登记日期", "申请日期"),
    "channel": ("channel", "申请渠道", "提交方式", "申请方式", "渠道"),
    "applicant_type": ("applicant_type", "申请人类型", "申请人性质", "申请人情况"),
    "outcome": ("outcome", "办理结果", "答复类型", "答复结果", "处理结果"),
    "replied_on": ("replied_on", "答复日期", "办结日期", "答复时间", "办结时间"),
    "organisation": ("organisation", "organization", "机构", "承办机构", "受理机关", "承办单位"),
    "description": ("description", "申请内容", "申请信息内容", "所需信息", "所需信息内容描述"),
    "reference": ("reference", "编号", "受理编号", "登记编号", "申请编号"),
    "fee_method": ("fee_method", "收费方式", "计费方式"),
    "fee_pages": ("fee_pages", "页数", "收费页数"),
    "fee_amount": ("fee_amount", "收费金额", "应收金额", "信息处理费"),
    "fee_notice_on": ("fee_notice_on", "收费通知日期"),
    "fee_paid_on": ("fee_paid_on", "缴费日期"),
    "fee_paid": ("fee_paid", "实收金额", "已缴金额", "实缴金额"),
    "appeal_kind": ("appeal_kind", "复议诉讼", "复议诉讼类型", "救济途径"),
    "appeal_filed_on": ("appeal_filed_on", "复议诉讼日期", "提起日期"),
    "appeal_result": ("appeal_result", "复议诉讼结果"),
    "appeal_decided_on": ("appeal_decided_on", "审结日期"),
    "extended_days": ("extended_days", "延期天数", "延期工作日", "延长工作日"),
    "extended_on": ("extended_on", "延期日期"),
    "extension_approved_by": ("extension_approved_by", "延期批准人", "批准人"),
    # Personal data: imported when present, never printed.
    "applicant_name": ("applicant_name", "姓名", "申请人", "申请人姓名", "申请人名称"),
    "applicant_id_number": ("applicant_id_number", "证件号码", "身份证号", "身份证号码", "统一社会信用代码"),
    "applicant_contact": ("applicant_contact", "联系人"),
    "applicant_phone": ("applicant_phone", "联系电话", "电话"),
    "applicant_email": ("applicant_email", "电子邮箱", "邮箱"),
    "applicant_address": ("applicant_address", "通信地址", "联系地址", "地址"),
    "applicant_postcode": ("applicant_postcode", "邮编", "邮政编码"),
}
_HEADERS = {alias.lower(): key for key, names in ALIASES.items() for alias in names}
PERSONAL = (
    ("applicant_name", 200),
    ("applicant_id_number", 64),
    ("applicant_contact", 100),
    ("applicant_phone", 40),
    ("applicant_email", 254),
    ("applicant_address", 255),
    ("applicant_postcode", 10),
)

_PUNCTUATION = re.compile(r"[\s（）()、.．\-－—_:：“”\"'‘’;；,，/／]+")
_NUMBERING = re.compile(r"^[（(]?[一二三四五六七八九十0-9]+[）)]?[、.．]?")


def normalise(text: str) -> str:
    """A label reduced for matching: no numbering, punctuation, spaces or the word 属于."""
    text = _NUMBERING.sub("", str(text).strip())
    return _PUNCTUATION.sub("", text).replace("属于", "").lower()


def _choices(enum: Any, extra: dict[str, str]) -> dict[str, str]:
    out = {}
    for value, label in enum.choices:
        if value:
            out[normalise(value)] = value
            out[normalise(str(label))] = value
    out.update({normalise(k): v for k, v in extra.items()})
    return out


CHANNELS = _choices(
    Channel,
    {
        "当面": "in_person", "当面提交": "in_person", "现场": "in_person", "现场申请": "in_person",
        "邮寄": "post", "邮政寄送": "post", "信函": "post", "平信": "post",
        "挂号信": "registered_post", "挂号": "registered_post", "EMS": "registered_post", "邮政特快": "registered_post",
        "传真": "fax", "网上": "online", "网上申请": "online", "在线": "online", "互联网": "online", "网络": "online",
        "电子邮件": "email", "电子邮箱": "email", "email": "email", "统一平台": "external", "外部平台": "external",
    },
)  # fmt: skip
APPLICANT_TYPES = _choices(
    ApplicantType,
    {
        "自然人": "natural_person", "公民": "natural_person", "个人": "natural_person",
        "商业企业": "org_business", "企业": "org_business", "科研机构": "org_research",
        "社会公益组织": "org_public_interest", "法律服务机构": "org_legal_service",
        "其他": "org_other", "其他组织": "org_other", "其他法人或其他组织": "org_other",
    },
)  # fmt: skip
FEE_METHODS = _choices(
    FeeMethod, {"按件": "per_request", "按件计收": "per_request", "按量": "per_page", "按量计收": "per_page"}
)
APPEAL_KINDS = _choices(
    AppealKind,
    {
        "行政复议": "review", "复议": "review", "行政诉讼": "lit_direct", "诉讼": "lit_direct",
        "直接起诉": "lit_direct", "未经复议直接起诉": "lit_direct", "复议后起诉": "lit_after_review",
    },
)  # fmt: skip
APPEAL_RESULTS = _choices(
    AppealResult,
    {
        "维持": "upheld", "结果维持": "upheld", "纠正": "corrected", "结果纠正": "corrected",
        "其他": "other", "其他结果": "other", "尚未审结": "pending", "未审结": "pending", "审理中": "pending",
    },
)  # fmt: skip


def _outcomes() -> dict[str, str]:
    """Outcome keys, their labels, and the table 三 row labels with and without their group."""
    out = _choices(Outcome, {"其他处理": "other_3", "区分处理": "partial"})
    for table in (TABLE3_2021, TABLE3_2019):
        for row in table.rows:
            if row.key not in Outcome.values:
                continue
            for label in (row.label, *row.aliases):
                out.setdefault(normalise(label), row.key)
                if row.group:
                    out.setdefault(normalise(row.group) + normalise(label), row.key)
    return out


OUTCOMES = _outcomes()


@dataclass
class RequestRow:
    line: int
    received_on: datetime.date
    channel: str
    applicant_type: str
    organisation: str = ""
    description: str = DEFAULT_DESCRIPTION
    reference: str = ""
    outcome: str = ""
    replied_on: datetime.date | None = None
    personal: dict[str, str] = field(default_factory=dict)
    fee_method: str = ""
    fee_pages: int | None = None
    fee_amount: Decimal | None = None
    fee_notice_on: datetime.date | None = None
    fee_paid_on: datetime.date | None = None
    fee_paid: Decimal | None = None
    extended_days: int | None = None
    extended_on: datetime.date | None = None
    extension_approved_by: str = ""
    appeal_kind: str = ""
    appeal_filed_on: datetime.date | None = None
    appeal_result: str = AppealResult.PENDING
    appeal_decided_on: datetime.date | None = None

    def content_key(self) -> str:
        """A hash of what the row says (the idempotency key when the 台账 has no number column)."""
        parts = [
            str(getattr(self, name))
            for name in self.__dataclass_fields__
            if name not in ("line", "personal", "organisation", "reference")
        ]
        parts += [f"{k}={v}" for k, v in sorted(self.personal.items())]
        return hashlib.sha256("|".join(parts).encode()).hexdigest()


class _Row:
    """The raw values of one row by key, remembering each column's heading for error messages."""

    def __init__(self, data: Mapping[Any, Any]) -> None:
        self.values: dict[str, Any] = {}
        self.headings: dict[str, str] = {}
        for heading, value in data.items():
            key = _HEADERS.get(str(heading).strip().lower())
            if key and key not in self.values:
                if isinstance(value, str):
                    value = value.strip()
                self.values[key] = value
                self.headings[key] = str(heading).strip()

    def error(self, key: str, message: str) -> RecordError:
        return RecordError(
            _("column “%(column)s”: %(message)s") % {"column": self.headings.get(key, key), "message": message}
        )

    def has(self, key: str) -> bool:
        value = self.values.get(key)
        return value is not None and str(value).strip() != ""

    def text(self, key: str, limit: int) -> str:
        if not self.has(key):
            return ""
        text = str(self.values[key]).strip()
        if len(text) > limit:
            raise self.error(key, _("longer than %(max)s characters") % {"max": limit})
        return text

    def date(self, key: str) -> datetime.date | None:
        if not self.has(key):
            return None
        try:
            return parse_date(self.values[key], self.headings.get(key, key))
        except RecordError as exc:
            raise self.error(
                key, _("“%(value)s” is not a date (use YYYY-MM-DD)") % {"value": str(self.values[key])[:40]}
            ) from exc

    def choice(self, key: str, words: dict[str, str], hint: str) -> str:
        if not self.has(key):
            return ""
        value = words.get(normalise(str(self.values[key])))
        if value is None:
            raise self.error(
                key,
                _("unknown value “%(value)s” (use %(hint)s)") % {"value": str(self.values[key])[:40], "hint": hint},
            )
        return value

    def integer(self, key: str, low: int, high: int) -> int | None:
        if not self.has(key):
            return None
        text = str(self.values[key]).strip()
        try:
            number = int(Decimal(text))
            if number != Decimal(text):
                raise ValueError(text)
        except (InvalidOperation, ValueError):
            raise self.error(key, _("“%(value)s” is not a whole number") % {"value": text[:20]}) from None
        if not low <= number <= high:
            raise self.error(key, _("must be between %(low)s and %(high)s") % {"low": low, "high": high})
        return number

    def amount(self, key: str) -> Decimal | None:
        if not self.has(key):
            return None
        text = str(self.values[key]).strip().replace(",", "").replace("元", "").replace("¥", "").replace("￥", "")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise self.error(key, _("“%(value)s” is not an amount in yuan") % {"value": text[:20]}) from None
        if not value.is_finite() or value < 0 or value >= Decimal("1e8"):
            raise self.error(key, _("“%(value)s” is not an amount in yuan") % {"value": text[:20]})
        return value.quantize(Decimal("0.01"))


def clean_row(line: int, data: Mapping[Any, Any], default_organisation: str = "") -> RequestRow:
    """A validated ``RequestRow``, or ``RecordError`` naming the column and the problem."""
    row = _Row(data)
    missing = [key for key in ("received_on", "channel", "applicant_type") if not row.has(key)]
    if missing:
        raise RecordError(_("missing required column(s): %(fields)s") % {"fields": ", ".join(missing)})
    out = RequestRow(
        line=line,
        received_on=row.date("received_on"),
        channel=row.choice(
            "channel", CHANNELS, "当面, 邮寄, 挂号信, 传真, 网上, 电子邮件 or " + ", ".join(Channel.values)
        ),
        applicant_type=row.choice(
            "applicant_type", APPLICANT_TYPES, "自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他"
        ),
        organisation=row.text("organisation", 200) or default_organisation,
        description=row.text("description", 5000) or DEFAULT_DESCRIPTION,
        reference=row.text("reference", 100),
        outcome=row.choice(
            "outcome", OUTCOMES, _("a 2021 table 三 row key such as granted or withheld_4, or its label")
        ),
        replied_on=row.date("replied_on"),
    )
    if out.outcome and not out.replied_on:
        raise row.error("replied_on", _("an answered request needs its date of reply"))
    if out.replied_on and not out.outcome:
        raise row.error("outcome", _("a date of reply is given but no outcome (leave both blank while open)"))
    if out.replied_on and out.replied_on < out.received_on:
        raise row.error("replied_on", _("the date of reply is before the date of receipt"))
    for key, limit in PERSONAL:
        if not row.has(key):
            continue
        if len(str(row.values[key]).strip()) > limit:  # the value itself is never repeated
            raise row.error(key, _("longer than %(max)s characters") % {"max": limit})
        out.personal[key] = str(row.values[key]).strip()
    if out.personal.get("applicant_email"):
        try:
            validate_email(out.personal["applicant_email"])
        except ValidationError:
            raise row.error("applicant_email", _("not a valid e-mail address")) from None
    _fees(row, out)
    _extension(row, out)
    _appeal(row, out)
    return out


def _fees(row: _Row, out: RequestRow) -> None:
    out.fee_method = row.choice("fee_method", FEE_METHODS, "按件, 按量, per_request or per_page")
    out.fee_pages = row.integer("fee_pages", 0, 1_000_000)
    out.fee_amount = row.amount("fee_amount")
    out.fee_notice_on = row.date("fee_notice_on")
    out.fee_paid_on = row.date("fee_paid_on")
    out.fee_paid = row.amount("fee_paid")
    if out.fee_method == FeeMethod.PER_PAGE and out.fee_pages is None and out.fee_amount is None:
        raise row.error("fee_pages", _("a fee per page needs the number of pages or the amount"))
    if (out.fee_notice_on or out.fee_amount is not None) and not out.fee_method:
        raise row.error("fee_method", _("a fee needs its method (按件 or 按量)"))
    if (out.fee_paid_on or out.fee_paid is not None) and not out.fee_notice_on:
        raise row.error("fee_notice_on", _("a payment needs the date of the fee notice"))
    if out.fee_paid_on and out.fee_paid_on < out.fee_notice_on:
        raise row.error("fee_paid_on", _("the payment is before the fee notice"))


def _extension(row: _Row, out: RequestRow) -> None:
    out.extended_days = row.integer("extended_days", 1, 20)
    out.extended_on = row.date("extended_on")
    out.extension_approved_by = row.text("extension_approved_by", 100)
    if out.extended_days and not out.extended_on:
        raise row.error("extended_on", _("an extension needs the date it was decided"))
    if out.extended_on and not out.extended_days:
        raise row.error("extended_days", _("an extension needs its number of working days (1 to 20)"))
    if out.extended_days and not out.extension_approved_by:
        raise row.error(
            "extension_approved_by", _("an extension needs the approval of the head of the disclosure office")
        )


def _appeal(row: _Row, out: RequestRow) -> None:
    out.appeal_kind = row.choice(
        "appeal_kind", APPEAL_KINDS, "行政复议, 直接起诉, 复议后起诉 or review, lit_direct, lit_after_review"
    )
    out.appeal_filed_on = row.date("appeal_filed_on")
    out.appeal_result = (
        row.choice("appeal_result", APPEAL_RESULTS, "维持, 纠正, 其他, 尚未审结") or AppealResult.PENDING
    )
    out.appeal_decided_on = row.date("appeal_decided_on")
    if out.appeal_kind and not out.appeal_filed_on:
        raise row.error("appeal_filed_on", _("a review or lawsuit needs the date it was filed"))
    if not out.appeal_kind and (out.appeal_filed_on or row.has("appeal_result") or out.appeal_decided_on):
        raise row.error("appeal_kind", _("say which kind of review or lawsuit (行政复议, 直接起诉, 复议后起诉)"))
    if out.appeal_kind and not out.outcome:
        raise row.error("appeal_kind", _("a review or lawsuit is filed against an answer; the request has no outcome"))
    if out.appeal_result != AppealResult.PENDING and not out.appeal_decided_on:
        raise row.error("appeal_decided_on", _("a decided review or lawsuit needs its date of decision"))
    if out.appeal_decided_on and out.appeal_filed_on and out.appeal_decided_on < out.appeal_filed_on:
        raise row.error("appeal_decided_on", _("decided before it was filed"))

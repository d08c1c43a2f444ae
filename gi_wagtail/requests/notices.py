"""The notices of a request (登记回执, 补正申请通知书 … 告知书): built-in texts, editors' overrides, filling.

A ``NoticeTemplate`` row overrides the built-in text of its kind. Placeholders in braces are
filled from a WHITELIST (``PLACEHOLDERS``) by plain substitution: editor text is never rendered
as a Django template. An unknown placeholder is refused when the template is saved
(``unknown_placeholders``) and printed as it stands otherwise.

The built-in texts are Chinese legal documents under the 2019 《中华人民共和国政府信息公开条例》
(国务院令第711号), so they are written in Chinese rather than translated from English msgids.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gi_wagtail.requests import deadlines
from gi_wagtail.requests.models import (
    DisclosureRequest,
    EventKind,
    NoticeKind,
    NoticeTemplate,
    RequestEvent,
    RequestSettings,
)
from gi_wagtail.requests.outcomes import REPLY_NOTICE
from gi_wagtail.requests.services import suggested_fee

BLANK = "________"
PLACEHOLDER_RE = re.compile(r"\{([^{}\s]+)\}")
LAW = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

PLACEHOLDERS = {
    "reference": _("reference number"),
    "lookup_code": _("lookup code (查询码)"),
    "received_on": _("date of receipt"),
    "due_on": _("due date"),
    "original_due_on": _("due date before the extension"),
    "today": _("today's date"),
    "issued_on": _("date of the step the notice belongs to (shown under the signature)"),
    "applicant_name": _("applicant's name"),
    "description": _("description of the information"),
    "document_numbers": _("document number (文号) of the information"),
    "form_wanted": _("form wanted"),
    "delivery": _("delivery"),
    "agency_name": _("agency name (request settings)"),
    "reception": _("reception point (request settings)"),
    "extension_days": _("working days of the extension"),
    "extension_reason": _("reason for the extension (its note)"),
    "correction_sent_on": _("date the correction was asked for"),
    "correction_note": _("what is to be corrected (note of the correction step)"),
    "third_party_sent_on": _("date the third party was consulted"),
    "fee_method": _("fee method"),
    "fee_pages": _("pages"),
    "fee_amount": _("fee (yuan)"),
    "fee_notice_on": _("date of the fee notice"),
    "fee_due_on": _("last day for payment"),
    "outcome": _("outcome"),
    "outcome_reason": _("reason of the outcome, in the notice's words"),
    "legal_basis": _("legal basis of the outcome"),
    "replied_on": _("date of reply"),
    "reply_note": _("reply summary"),
}

# {outcome_reason} and {legal_basis} of each outcome; ``{correction_sent_on}`` is filled in afterwards.
OUTCOME_TEXT: dict[str, tuple[str, str]] = {
    "granted": ("属于可以公开的政府信息", f"{LAW}第三十六条第（一）项、第（二）项"),
    "partial": ("含有不应当公开的内容，但能够作区分处理", f"{LAW}第三十七条"),
    "withheld_1": ("属于国家秘密", f"{LAW}第十四条"),
    "withheld_2": ("属于法律、行政法规禁止公开的政府信息", f"{LAW}第十四条"),
    "withheld_3": ("公开后可能危及国家安全、公共安全、经济安全、社会稳定", f"{LAW}第十四条"),
    "withheld_4": ("涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害", f"{LAW}第十五条"),
    "withheld_5": ("属于人事管理、后勤管理、内部工作流程等方面的内部事务信息", f"{LAW}第十六条第一款"),
    "withheld_6": (
        "属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
        f"{LAW}第十六条第二款",
    ),
    "withheld_7": ("属于行政执法案卷信息", f"{LAW}第十六条第二款"),
    "withheld_8": (
        "属于工商、不动产登记资料等有关法律、行政法规对信息的获取有特别规定的信息，请您依照有关法律、行政法规的规定办理查询",
        f"{LAW}第三十六条第（七）项",
    ),
    "unavailable_1": ("本机关未制作或者获取您申请获取的政府信息，该政府信息不存在", f"{LAW}第三十六条第（四）项"),
    "unavailable_2": (
        "本机关未保存现成的您所申请的信息，提供该信息需要对现有政府信息进行加工、分析，本机关不予提供",
        f"{LAW}第三十八条",
    ),
    "unavailable_3": ("经补正后您的申请内容仍不明确，本机关无法确定您所需的政府信息", f"{LAW}第三十条"),
    "not_handled_1": (
        "您提出的申请实为信访、投诉、举报等诉求，不属于政府信息公开申请，请您通过相应渠道提出",
        f"{LAW}第三十九条第一款",
    ),
    "not_handled_2": (
        "您已就相同的政府信息提出过申请，本机关已经作出答复，您重复申请公开相同的政府信息",
        f"{LAW}第三十六条第（六）项",
    ),
    "not_handled_3": (
        "您要求提供的是政府公报、报刊、书籍等公开出版物，请您通过公开出版物的发行渠道获取",
        f"{LAW}第三十九条第二款",
    ),
    "not_handled_4": (
        "您申请公开政府信息的数量、频次明显超过合理范围，经本机关要求说明理由，所说明的理由不合理",
        f"{LAW}第三十五条",
    ),
    "not_handled_5": (
        "您的申请系要求本机关确认或者重新出具您已获取的信息，不属于政府信息公开申请",
        f"{LAW}第二条、第二十七条",
    ),
    "other_1": (
        "本机关已于{correction_sent_on}书面告知您补正申请内容，您无正当理由逾期未补正，视为放弃申请",
        f"{LAW}第三十条",
    ),
    "other_2": ("本机关已向您发出收费通知，您逾期未缴纳信息处理费，视为放弃申请", FEE_RULES),
    "other_3": ("您已撤回该政府信息公开申请", f"{LAW}的有关规定"),
}

FEE_METHOD_TEXT = {"per_request": "按件计收", "per_page": "按量计收"}
FORM_TEXT = {"paper": "纸质", "electronic": "电子文档", "other": "其他形式"}
DELIVERY_TEXT = {
    "post": "邮寄",
    "email": "电子邮件",
    "collect": "当面领取",
    "fax": "传真",
    "online": "网上下载",
}

_RECEIVED = (
    "本机关于{received_on}收到您（单位）提出的政府信息公开申请（申请编号：{reference}），申请获取：{description}"
)
_REMEDY = (
    "如对本告知书不服，可以自收到本告知书之日起六十日内依法申请行政复议，"
    "或者自收到本告知书之日起六个月内依法向人民法院提起行政诉讼。"
)
_CONTACT = "联系方式：{reception}"

DEFAULTS: dict[str, tuple[str, str]] = {
    NoticeKind.RECEIPT: (
        "政府信息公开申请登记回执",
        "\n".join(
            [
                "{applicant_name}：",
                "本机关于{received_on}收到您（单位）提交的政府信息公开申请，已予登记。申请编号：{reference}；"
                "查询码：{lookup_code}。",
                "您申请获取的政府信息：{description}",
                f"根据{LAW}第三十三条的规定，本机关将自收到申请之日起20个工作日内予以答复，答复期限至{{due_on}}；"
                "需要延长答复期限的，将另行书面告知。需要补正申请的，答复期限自本机关收到补正后的申请之日起计算；"
                "征求第三方和其他机关意见所需时间，以及缴纳信息处理费的时间，不计算在答复期限内。",
                "您可以凭申请编号和查询码查询办理进度、提交补正材料，请妥善保管本回执。",
                _CONTACT,
            ]
        ),
    ),
    NoticeKind.CORRECTION: (
        "政府信息公开补正申请通知书",
        "\n".join(
            [
                "{applicant_name}：",
                _RECEIVED,
                f"经审查，您的申请内容不明确，本机关无法确定您所需的政府信息。根据{LAW}第二十九条、第三十条的规定，"
                "请您对以下事项作出补正：",
                "{correction_note}",
                "请您自收到本通知书之日起15个工作日内，通过原申请渠道或者凭查询码在线提交补正后的申请。"
                "答复期限自本机关收到补正后的申请之日起计算。无正当理由逾期不补正的，视为放弃申请，"
                "本机关将不再处理该政府信息公开申请。",
                _CONTACT,
            ]
        ),
    ),
    NoticeKind.EXTENSION: (
        "政府信息公开延期答复告知书",
        "\n".join(
            [
                "{applicant_name}：",
                _RECEIVED,
                "因{extension_reason}，本机关不能在{original_due_on}前作出答复。根据"
                f"{LAW}第三十三条第二款的规定，经本机关政府信息公开工作机构负责人同意，答复期限延长"
                "{extension_days}个工作日，本机关将于{due_on}前作出答复。",
                "特此告知。",
                _CONTACT,
            ]
        ),
    ),
    NoticeKind.THIRD_PARTY: (
        "政府信息公开权利人意见征询单",
        "\n".join(
            [
                f"{BLANK}：",
                "本机关于{received_on}收到政府信息公开申请（申请编号：{reference}），申请获取：{description}",
                f"经审查，本机关认为公开该政府信息可能损害您（单位）的合法权益。根据{LAW}第三十二条的规定，"
                "现书面征求您（单位）的意见。",
                "请您自收到本征询单之日起15个工作日内提出书面意见；不同意公开的，请说明理由。逾期未提出意见的，"
                "由本机关依照该条例的规定决定是否公开。您不同意公开且有合理理由的，本机关不予公开；"
                "本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由"
                "书面告知您（单位）。",
                f"意见：□同意公开　□不同意公开，理由：{BLANK}",
                f"权利人（签名或者盖章）：{BLANK}　　日期：{BLANK}",
                _CONTACT,
            ]
        ),
    ),
    NoticeKind.FEE: (
        "政府信息公开信息处理费收费通知",
        "\n".join(
            [
                "{applicant_name}：",
                _RECEIVED,
                f"您申请公开政府信息的数量、频次明显超过合理范围。根据{LAW}第四十二条和{FEE_RULES}的规定，"
                "本机关依法收取信息处理费。计收方式：{fee_method}；应缴金额：人民币{fee_amount}元。",
                f"请您于{{fee_due_on}}前缴纳上述费用（缴纳方式：{BLANK}）。逾期未缴纳的，视为放弃申请，"
                "本机关将不再处理该政府信息公开申请。自本机关发出收费通知至您缴纳费用的时间，不计算在答复期限内。",
                "您确有经济困难，或者申请公开的政府信息涉及公共利益的，可以向本机关提出减免信息处理费的申请，"
                "并说明理由。",
                _CONTACT,
            ]
        ),
    ),
    NoticeKind.REPLY_GRANTED: (
        "政府信息公开告知书",
        "\n".join(
            [
                "{applicant_name}：",
                _RECEIVED,
                "经审查，您申请获取的政府信息{outcome_reason}。根据{legal_basis}的规定，现答复如下：",
                "{reply_note}",
                "本机关按照您要求的形式（{form_wanted}）和获取方式（{delivery}）向您提供该政府信息。"
                "该政府信息已经主动公开的，您也可以通过本机关政府信息公开平台查阅。",
                _REMEDY,
                "特此告知。",
            ]
        ),
    ),
    NoticeKind.REPLY_PARTIAL: (
        "政府信息部分公开告知书",
        "\n".join(
            [
                "{applicant_name}：",
                _RECEIVED,
                "经审查，您申请获取的政府信息{outcome_reason}。根据{legal_basis}的规定，本机关向您提供可以公开的部分，"
                "不应当公开的部分不予公开。具体如下：",
                "{reply_note}",
                "可以公开的部分，本机关按照您要求的形式（{form_wanted}）和获取方式（{delivery}）向您提供。",
                _REMEDY,
                "特此告知。",
            ]
        ),
    ),
    NoticeKind.REPLY_WITHHELD: (
        "政府信息不予公开告知书",
        "\n".join(
            [
                "{applicant_name}：",
                _RECEIVED,
                "经审查，您申请获取的政府信息{outcome_reason}。根据{legal_basis}的规定，本机关决定不予公开。",
                "{reply_note}",
                _REMEDY,
                "特此告知。",
            ]
        ),
    ),
    NoticeKind.REPLY_NOT_HELD: (
        "政府信息不存在告知书",
        "\n".join(
            [
                "{applicant_name}：",
                _RECEIVED,
                "经检索、查找，{outcome_reason}。根据{legal_basis}的规定，特此告知。",
                f"您申请获取的政府信息不属于本机关负责公开的，根据{LAW}第三十六条第（五）项的规定告知如下："
                f"负责公开该政府信息的行政机关为{BLANK}，联系方式：{BLANK}，请您向该机关提出申请。",
                "{reply_note}",
                _REMEDY,
            ]
        ),
    ),
    NoticeKind.REPLY_UNCLEAR: (
        "政府信息无法提供告知书",
        "\n".join(
            [
                "{applicant_name}：",
                _RECEIVED,
                "本机关已于{correction_sent_on}书面告知您补正申请内容。经审查，{outcome_reason}。"
                "根据{legal_basis}的规定，本机关无法向您提供该政府信息。",
                "您可以在明确所需政府信息的名称、文号或者便于本机关查询的其他特征性描述后，重新提出申请。",
                "{reply_note}",
                _REMEDY,
                "特此告知。",
            ]
        ),
    ),
    NoticeKind.REPLY_NOT_HANDLED: (
        "政府信息公开申请不予处理告知书",
        "\n".join(
            [
                "{applicant_name}：",
                _RECEIVED,
                "经审查，{outcome_reason}。根据{legal_basis}的规定，本机关对该申请不予处理。",
                "{reply_note}",
                _REMEDY,
                "特此告知。",
            ]
        ),
    ),
    NoticeKind.REPLY_OTHER: (
        "政府信息公开申请终止办理告知书",
        "\n".join(
            [
                "{applicant_name}：",
                _RECEIVED,
                "经查，{outcome_reason}。根据{legal_basis}的规定，本机关终止办理该政府信息公开申请。",
                "{reply_note}",
                "特此告知。",
            ]
        ),
    ),
}


@dataclass(frozen=True)
class Notice:
    """A filled notice, ready for DOCX or the print page (plain text; the renderers escape it)."""

    kind: str
    title: str
    reference: str
    paragraphs: list[str]
    agency_name: str
    issued_on: str

    @property
    def kind_label(self) -> str:
        return str(NoticeKind(self.kind).label)


def chinese_date(day: datetime.date | None) -> str:
    """2025年3月3日 (no leading zeros, as official documents write dates); a blank line when unknown."""
    if day is None:
        return BLANK
    return f"{day.year}年{day.month}月{day.day}日"


def unknown_placeholders(text: str) -> list[str]:
    """The placeholders in ``text`` that are not in the whitelist, in order of appearance."""
    return list(dict.fromkeys(name for name in PLACEHOLDER_RE.findall(text or "") if name not in PLACEHOLDERS))


def fill(text: str, values: dict[str, str]) -> str:
    """Replace whitelisted ``{name}`` placeholders; anything else in braces stays as it is."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        return values[name] if name in PLACEHOLDERS and name in values else match.group(0)

    return PLACEHOLDER_RE.sub(replace, text)


def _last(events: list[RequestEvent], kind: str) -> RequestEvent | None:
    found = [e for e in events if e.kind == kind]
    return found[-1] if found else None


def _money(amount: Decimal | None) -> str:
    return BLANK if amount is None else f"{amount:,.2f}"


def _safe_date(compute: Any, *args: Any) -> datetime.date | None:
    try:
        return compute(*args)
    except ValueError:  # CalendarRangeError: the calendar does not reach that day yet
        return None


def request_settings(site: Any = None) -> RequestSettings:
    """The site's request settings (the default site's without one; unsaved defaults if none exist)."""
    from wagtail.models import Site

    site = site or Site.objects.filter(is_default_site=True).first()
    return RequestSettings.for_site(site) if site else RequestSettings()


def values_for(
    request: DisclosureRequest,
    settings: RequestSettings | None = None,
    today: datetime.date | None = None,
) -> dict[str, str]:
    """Every placeholder's text for this request (blank lines where a value is not known yet)."""
    settings = settings if settings is not None else request_settings()
    today = today or timezone.localdate()
    events = list(request.events.all())
    correction = _last(events, EventKind.CORRECTION_SENT)
    extension = _last(events, EventKind.EXTENDED)
    third_party = _last(events, EventKind.THIRD_PARTY_SENT)
    fee_notice = _last(events, EventKind.FEE_NOTICE_SENT)
    original_due = None
    if extension is not None:
        rest = [deadlines.Event(e.kind, e.on, e.days) for e in events if e.kind != EventKind.EXTENDED]
        original_due = _safe_date(lambda: deadlines.compute(request.received_on, rest, today).due)
    fee_amount = request.fee_amount
    if fee_amount is None and request.fee_method:
        fee_amount = suggested_fee(request)
    fee_method = FEE_METHOD_TEXT.get(request.fee_method, BLANK)
    if request.fee_method == "per_page" and request.fee_pages:
        fee_method = f"{fee_method}（共{request.fee_pages}页）"
    reason, basis = OUTCOME_TEXT.get(request.outcome, (BLANK, f"{LAW}的有关规定"))
    agency = settings.agency_name or (request.organisation.name if request.organisation_id else "") or BLANK
    values = {
        "reference": request.reference,
        "lookup_code": request.lookup_code,
        "received_on": chinese_date(request.received_on),
        "due_on": chinese_date(request.due_on),
        "original_due_on": chinese_date(original_due),
        "today": chinese_date(today),
        "applicant_name": request.applicant_name or "申请人",
        "description": request.description.strip() or BLANK,
        "document_numbers": request.document_numbers or BLANK,
        "form_wanted": FORM_TEXT.get(request.form_wanted, BLANK),
        "delivery": DELIVERY_TEXT.get(request.delivery, BLANK),
        "agency_name": agency,
        "reception": settings.reception.strip() or BLANK,
        "extension_days": str(extension.days) if extension and extension.days else BLANK,
        "extension_reason": (extension.note.strip() if extension else "") or BLANK,
        "correction_sent_on": chinese_date(correction.on if correction else None),
        "correction_note": (correction.note.strip() if correction else "") or BLANK,
        "third_party_sent_on": chinese_date(third_party.on if third_party else None),
        "fee_method": fee_method,
        "fee_pages": str(request.fee_pages) if request.fee_pages else BLANK,
        "fee_amount": _money(fee_amount),
        "fee_notice_on": chinese_date(fee_notice.on if fee_notice else None),
        "fee_due_on": chinese_date(_safe_date(deadlines.fee_payment_due, fee_notice.on) if fee_notice else None),
        "outcome": request.get_outcome_display() if request.outcome else BLANK,
        "legal_basis": basis,
        "replied_on": chinese_date(request.replied_on),
        "reply_note": request.reply_note.strip(),  # a line of its own: left out when empty
    }
    values["outcome_reason"] = fill(reason, values)
    return values


def issued_on(kind: str, request: DisclosureRequest, today: datetime.date) -> datetime.date:
    """The date a notice bears: the day of its step (a reprint keeps it), else today."""
    step = {
        NoticeKind.CORRECTION: EventKind.CORRECTION_SENT,
        NoticeKind.EXTENSION: EventKind.EXTENDED,
        NoticeKind.THIRD_PARTY: EventKind.THIRD_PARTY_SENT,
        NoticeKind.FEE: EventKind.FEE_NOTICE_SENT,
    }
    if kind == NoticeKind.RECEIPT:
        return request.received_on
    if kind in step:
        event = _last(list(request.events.all()), step[kind])
        return event.on if event else today
    return request.replied_on or today


def text_of(kind: str) -> tuple[str, str]:
    """(title, body) of a kind: the editors' template if there is one, else the built-in text."""
    if kind not in NoticeKind.values:
        raise KeyError(kind)
    template = NoticeTemplate.objects.filter(kind=kind).first()
    if template is not None:
        return template.title, template.body
    return DEFAULTS[kind]


def render(
    request: DisclosureRequest,
    kind: str,
    settings: RequestSettings | None = None,
    today: datetime.date | None = None,
) -> Notice:
    """The notice ``kind`` of ``request``, filled. ``KeyError`` for an unknown kind."""
    title, body = text_of(kind)
    today = today or timezone.localdate()
    values = values_for(request, settings, today)
    values["issued_on"] = chinese_date(issued_on(kind, request, today))
    paragraphs = [fill(line, values).strip() for line in body.replace("\r\n", "\n").split("\n")]
    return Notice(
        kind=kind,
        title=fill(title, values).strip(),
        reference=request.reference,
        paragraphs=[p for p in paragraphs if p],
        agency_name=values["agency_name"],
        issued_on=values["issued_on"],
    )


def relevant_kinds(request: DisclosureRequest) -> list[str]:
    """The notices that belong to the request's history: receipt always, then one per step taken."""
    kinds = [NoticeKind.RECEIPT.value]
    steps = set(request.events.values_list("kind", flat=True))
    for event, kind in (
        (EventKind.CORRECTION_SENT, NoticeKind.CORRECTION),
        (EventKind.THIRD_PARTY_SENT, NoticeKind.THIRD_PARTY),
        (EventKind.EXTENDED, NoticeKind.EXTENSION),
        (EventKind.FEE_NOTICE_SENT, NoticeKind.FEE),
    ):
        if event in steps:
            kinds.append(kind.value)
    if request.outcome in REPLY_NOTICE:
        kinds.append(REPLY_NOTICE[request.outcome])
    return kinds

"""Demo 依申请公开: a year of requests to 高青县科学技术局 (2025), some still open, and 2026's so far.

Every request goes through the register's services with dates in the past, so due dates,
fees and audit entries are what staff entry gives. Applicants are obviously fictional (张某,
示例科技有限公司, example.com addresses, 000 phone numbers). Safe to re-run: each request has a
demo key (``source_key``) and is created once. The 2025 annual report is then generated from
the register (and the catalogue) by the report prefill.
"""

import datetime

from django.utils.timezone import localdate
from wagtail.rich_text import RichText

from gi_wagtail.models import AnnualReportPage
from gi_wagtail.reports.prefill import prefill_page
from gi_wagtail.reports.schema import empty_report
from gi_wagtail.requests import services
from gi_wagtail.requests.models import DisclosureRequest

D = datetime.date

PEOPLE = {
    "zhang": ("natural_person", "张某", "000000000000000001", "010-00000001", "zhang@example.com"),
    "li": ("natural_person", "李某", "000000000000000002", "010-00000002", "li@example.com"),
    "wang": ("natural_person", "王某", "000000000000000003", "010-00000003", ""),
    "zhao": ("natural_person", "赵某", "000000000000000004", "010-00000004", "zhao@example.com"),
    "liu": ("natural_person", "刘某", "000000000000000005", "010-00000005", ""),
    "firm": ("org_business", "示例科技有限公司", "91000000MA00000001", "010-00000011", "office@example.com"),
    "consult": ("org_business", "示例信息咨询有限公司", "91000000MA00000002", "010-00000012", "info@example.com"),
    "lab": ("org_research", "示例大学科研处", "12000000000000000X", "010-00000021", "lab@example.com"),
    "fund": ("org_public_interest", "示例公益基金会", "53000000000000000Y", "010-00000031", ""),
    "law": ("org_legal_service", "示例律师事务所", "31000000000000000Z", "010-00000041", "law@example.com"),
    "village": ("org_other", "示例村民委员会", "54000000000000000W", "010-00000051", ""),
}

TOPICS = [
    "2024年度县级科技计划项目立项名单及资助金额",
    "高新技术企业培育库入库企业名单",
    "科技特派员选派文件及考核结果",
    "县科技创新专项资金管理办法及2025年使用情况",
    "农业科技园区建设规划",
    "科普示范基地认定文件",
    "某企业研发费用加计扣除核查意见",
    "2025年科技成果转化项目验收报告",
    "县科学技术局2024年部门决算",
    "专利资助资金拨付明细",
]

# (key, received, channel, who, topic index, steps, outcome, replied_on, extra)
# steps: (event kind, date[, days, approved_by]); extra: fee fields or an appeal.
REQUESTS_2025 = [
    ("d01", D(2025, 1, 6), "in_person", "zhang", 0, [], "granted", D(2025, 1, 15), {}),
    ("d02", D(2025, 1, 20), "online", "li", 1, [], "granted", D(2025, 2, 18), {}),
    ("d03", D(2025, 2, 10), "post", "firm", 6, [("third_party_sent", D(2025, 2, 14)), ("third_party_answered", D(2025, 3, 3))],
     "withheld_4", D(2025, 3, 18), {"appeal": ("review", D(2025, 4, 2), "upheld", D(2025, 6, 5))}),
    ("d04", D(2025, 2, 24), "email", "lab", 7, [], "partial", D(2025, 3, 14), {}),
    ("d05", D(2025, 3, 3), "online", "wang", 2, [("correction_sent", D(2025, 3, 5)), ("correction_received", D(2025, 3, 12))],
     "granted", D(2025, 4, 2), {}),
    ("d06", D(2025, 3, 10), "fax", "law", 8, [], "granted", D(2025, 3, 25), {}),
    ("d07", D(2025, 3, 17), "in_person", "fund", 5, [], "granted", D(2025, 3, 17), {}),
    ("d08", D(2025, 3, 24), "online", "zhao", 3, [("correction_sent", D(2025, 3, 26))], "other_1", D(2025, 5, 12), {}),
    ("d09", D(2025, 4, 1), "registered_post", "village", 4, [], "unavailable_1", D(2025, 4, 22), {}),
    ("d10", D(2025, 4, 14), "online", "liu", 9, [("agency_sent", D(2025, 4, 16)), ("agency_answered", D(2025, 4, 29))],
     "granted", D(2025, 5, 20), {}),
    ("d11", D(2025, 5, 6), "email", "lab", 7,
     [("fee_notice_sent", D(2025, 5, 9)), ("fee_paid", D(2025, 5, 15))], "granted", D(2025, 5, 30),
     {"fee_method": "per_page", "fee_pages": 150}),
    ("d12", D(2025, 5, 19), "online", "zhang", 6, [], "withheld_6", D(2025, 6, 10),
     {"appeal": ("lit_direct", D(2025, 7, 1), "pending", None)}),
    ("d13", D(2025, 6, 9), "in_person", "li", 0, [], "not_handled_2", D(2025, 6, 13), {}),
    ("d14", D(2025, 7, 1), "online", "wang", 3,
     [("fee_notice_sent", D(2025, 7, 4))], "other_2", D(2025, 8, 15), {"fee_method": "per_page", "fee_pages": 60}),
    ("d15", D(2025, 7, 14), "post", "firm", 1,
     [("extended", D(2025, 8, 4), 15, "县科学技术局办公室主任")], "partial", D(2025, 8, 29), {}),
    ("d16", D(2025, 8, 4), "online", "zhao", 8, [], "not_handled_1", D(2025, 8, 8), {}),
    ("d17", D(2025, 8, 18), "email", "fund", 5, [], "granted", D(2025, 9, 5), {}),
    ("d18", D(2025, 9, 1), "online", "liu", 4, [("correction_sent", D(2025, 9, 3)), ("correction_received", D(2025, 9, 10))],
     "unavailable_3", D(2025, 9, 30), {}),
    ("d19", D(2025, 9, 26), "in_person", "zhang", 2, [], "granted", D(2025, 10, 28), {}),
    ("d20", D(2025, 10, 13), "online", "law", 9, [], "unavailable_2", D(2025, 11, 3), {}),
    ("d21", D(2025, 10, 27), "fax", "village", 3, [], "other_3", D(2025, 11, 5), {}),
    ("d22", D(2025, 11, 3), "online", "li", 7, [], "withheld_4", D(2025, 11, 24),
     {"appeal": ("review", D(2025, 12, 1), "corrected", D(2025, 12, 26))}),
    ("d23", D(2025, 11, 17), "email", "lab", 1, [], "granted", D(2025, 12, 5), {}),
    ("d24", D(2025, 12, 1), "online", "wang", 0, [], "not_handled_3", D(2025, 12, 4), {}),
    # Open at the year's end: 结转下年度, answered in 2026.
    ("d25", D(2025, 12, 15), "online", "zhao", 9, [], "granted", D(2026, 1, 9), {}),
    ("d26", D(2025, 12, 22), "post", "firm", 2, [("third_party_sent", D(2025, 12, 26)), ("third_party_answered", D(2026, 1, 12))],
     "partial", D(2026, 1, 30), {}),
    ("d27", D(2025, 12, 29), "in_person", "fund", 4, [], "granted", D(2026, 1, 20), {}),
]  # fmt: skip

# 示例信息咨询有限公司 sends eleven requests in June 2025: the eleventh costs ¥100 (按件计收).
BULK = [
    (f"c{n:02d}", D(2025, 6, 2 + n), "online", "consult", n % len(TOPICS), [], "granted", D(2025, 6, 27), {})
    for n in range(1, 11)
] + [
    ("c11", D(2025, 6, 16), "online", "consult", 5,
     [("fee_notice_sent", D(2025, 6, 18)), ("fee_paid", D(2025, 6, 20))], "granted", D(2025, 7, 4),
     {"fee_method": "per_request"}),
]  # fmt: skip

# 2026 so far: still open on 2026-11-28 (one waits for a 补正, one for a third party).
REQUESTS_2026 = [
    ("e01", D(2026, 3, 2), "online", "liu", 1, [], "granted", D(2026, 3, 20), {}),
    ("e02", D(2026, 10, 26), "online", "zhang", 3, [], "", None, {}),
    ("e03", D(2026, 11, 2), "in_person", "lab", 7, [("third_party_sent", D(2026, 11, 5))], "", None, {}),
    ("e04", D(2026, 11, 9), "email", "fund", 5, [("correction_sent", D(2026, 11, 11))], "", None, {}),
    ("e05", D(2026, 11, 16), "post", "village", 4, [], "", None, {}),
    ("e06", D(2026, 11, 23), "online", "li", 9, [], "", None, {}),
]  # fmt: skip


def _create(organisation, spec):
    key, received, channel, who, topic, steps, outcome, replied_on, extra = spec
    source_key = f"demo-{key}"
    existing = DisclosureRequest.objects.filter(source_key=source_key).first()
    if existing is not None or received > localdate():
        return False
    applicant_type, name, id_number, phone, email = PEOPLE[who]
    fields = {
        "organisation": organisation,
        "channel": channel,
        "received_on": received,
        "applicant_type": applicant_type,
        "applicant_name": name,
        "applicant_id_type": "id_card" if applicant_type == "natural_person" else "credit_code",
        "applicant_id_number": id_number,
        "applicant_phone": phone,
        "applicant_email": email,
        "applicant_address": "山东省淄博市高青县示例路1号（虚构地址）",
        "description": TOPICS[topic],
        "form_wanted": "electronic" if email else "paper",
        "delivery": "email" if email else "post",
        "source_key": source_key,
    }
    for name_ in ("fee_method", "fee_pages"):
        if name_ in extra:
            fields[name_] = extra[name_]
    request = services.register(fields)
    if request.fee_method:
        request.fee_amount = services.suggested_fee(request)
        request.save(update_fields=["fee_amount"])
    for step in steps:
        if step[1] > localdate():
            continue
        kind, on = step[0], step[1]
        if kind == "extended":
            services.add_event(request, kind, on, days=step[2], approved_by=step[3])
        else:
            services.add_event(request, kind, on)
        if kind == "fee_paid":
            DisclosureRequest.objects.filter(pk=request.pk).update(fee_paid=request.fee_amount)
    if outcome and replied_on <= localdate():
        services.reply(request, outcome, replied_on, note="（示例答复）")
        if "appeal" in extra:
            kind, filed_on, result, decided_on = extra["appeal"]
            services.record_appeal(request, kind, filed_on, result=result, decided_on=decided_on)
    return True


def build_demo_requests(organisation, category, stdout=None):
    """The demo register and the 2025 report generated from it, in the 年报 ``category``."""
    created = sum(_create(organisation, spec) for spec in REQUESTS_2025 + BULK + REQUESTS_2026)
    report, new_report = report_2025(organisation, category)
    if stdout is not None:
        stdout.write(
            f"Requests: {created} new ({DisclosureRequest.objects.filter(organisation=organisation).count()} in the "
            f"register); 2025 annual report {'created' if new_report else 'kept'} from the register."
        )
    return report


def report_2025(organisation, category):
    """高青's 2025 report: tables 三 and 四 and the fees prefilled from the register, table 二 from the catalogue."""
    existing = AnnualReportPage.objects.filter(organisation=organisation, year=2025).first()
    if existing is not None:
        return existing, False
    page = AnnualReportPage(organisation=organisation, slug="gaoqing-2025", live=False)
    page.apply_report_data(empty_report("2021", 2025, organisation.name))
    page.title = f"{organisation.name}2025年政府信息公开工作年度报告"
    prefill_page(page)
    t3 = page.tables["table3"]
    page.sections = [
        (
            "section",
            {
                "key": "general",
                "heading": "一、总体情况",
                "body": RichText(
                    "<p>2025年，县科学技术局认真贯彻《中华人民共和国政府信息公开条例》，依法办理政府信息公开申请。"
                    "本报告中的政府信息公开申请数据由依申请公开登记台账自动生成。</p>"
                ),
            },
        ),
        (
            "section",
            {
                "key": "requests",
                "heading": "三、收到和处理政府信息公开申请情况",
                "body": RichText(
                    f"<p>本年度新收政府信息公开申请{t3['received']['total']}件，上年结转{t3['carried_in']['total']}件，"
                    f"结转下年度继续办理{t3['carried_out']['total']}件。</p>"
                ),
            },
        ),
    ]
    category.add_child(instance=page)
    revision = page.save_revision(log_action=True)
    if not page.has_validation_errors():
        revision.publish()
    return page, True

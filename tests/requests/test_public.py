"""The citizen's side of 依申请公开: apply through the real form, get the 登记回执 and follow the request by 查询码."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from gi_wagtail.requests import services
from gi_wagtail.requests.models import DisclosureRequest, RequestEvent, Status
from tests.factories import add_item
from tests.requests.public_support import (
    VALID_CREDIT_CODE,
    VALID_ID,
    application,
    extend_calendar,
    make_site,
    use_fragment,
)

pytestmark = pytest.mark.django_db
ZH = {"HTTP_ACCEPT_LANGUAGE": "zh-hans"}
APPLY = "/gi/requests/apply/"
LOOKUP = "/gi/requests/status/"


@pytest.fixture(autouse=True)
def _setup(settings, tmp_path_factory):
    use_fragment(settings, tmp_path_factory)
    extend_calendar(settings)
    settings.LANGUAGE_CODE = "zh-hans"


@pytest.fixture
def site():
    return make_site()


def _apply(client, **changes):
    return client.post(APPLY, application(**changes), REMOTE_ADDR="10.1.0.1", **ZH)


def _code(html: str) -> str:
    match = re.search(r'class="gi-code"[^>]*><strong>([0-9A-Z]+)</strong>', html)
    assert match, html
    return match.group(1)


def test_urls_are_named_and_carry_no_code():
    assert reverse("gi_wagtail_request_apply") == APPLY
    assert reverse("gi_wagtail_request_lookup") == LOOKUP
    assert reverse("gi_wagtail_request_status") == "/gi/requests/status/request/"
    assert reverse("gi_wagtail_request_receipt") == "/gi/requests/receipt/"
    assert reverse("gi_wagtail_request_correction") == "/gi/requests/status/correction/"


def test_form_is_in_chinese_with_labels_and_captcha(client, site):
    response = client.get(APPLY, **ZH)
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("政府信息公开申请", "申请人", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构",
                 "统一社会信用代码", "所需政府信息的名称或内容描述", "文号（如知道）", "电子文档", "邮寄",
                 "申请减免信息处理费", "验证码", "提交申请"):  # fmt: skip
        assert text in html, text
    assert 'name="captcha_1"' in html and 'class="captcha"' in html
    assert '<label for="id_applicant_name"' in html
    assert "gi_wagtail/requests/gi_requests.css" in html


def test_citizen_applies_and_gets_receipt_with_lookup_code(client, site):
    _index, _category, organisation = site
    response = _apply(client)
    assert response.status_code == 302
    assert response["Location"] == "/gi/requests/receipt/"
    registered = DisclosureRequest.objects.get()
    assert registered.lookup_code not in response["Location"]
    assert registered.channel == "online" and registered.received_on == timezone.localdate()
    assert registered.organisation == organisation
    assert registered.applicant_name == "王小明" and registered.applicant_id_type == "id_card"
    assert registered.delivery == "email" and registered.form_wanted == "electronic"
    assert registered.document_numbers == "高科发〔2024〕12号"
    receipt = client.get(response["Location"], **ZH)
    html = receipt.content.decode()
    assert _code(html) == registered.lookup_code
    assert registered.reference in html
    assert "政府信息公开申请登记回执" in html and "收到申请之日起 20 个工作日" in html
    assert registered.due_on is not None and registered.due_on.isoformat() in html
    assert "以行政机关确认为准" in html and "打印登记回执" in html
    assert "王小明" not in html and VALID_ID not in html
    assert ModelLogEntry.objects.filter(action="gi_wagtail.request.register").count() == 1


def test_receipt_without_an_application_goes_back_to_the_form(client, site):
    response = client.get("/gi/requests/receipt/")
    assert response.status_code == 302 and response["Location"] == APPLY


def test_organisation_applies_with_credit_code_and_contact(client, site):
    response = _apply(
        client,
        applicant_type="org_research",
        applicant_name="山东某某科技研究院",
        applicant_id_type="",
        applicant_id_number=VALID_CREDIT_CODE.lower(),
        applicant_contact="李四",
        applicant_phone="0533-6961249",
        delivery="post",
        form_wanted="paper",
    )
    assert response.status_code == 302
    registered = DisclosureRequest.objects.get()
    assert registered.applicant_id_type == "credit_code" and registered.applicant_id_number == VALID_CREDIT_CODE
    assert registered.applicant_contact == "李四" and registered.applicant_phone == "0533-6961249"


def test_bad_input_gets_chinese_messages_and_keeps_what_was_typed(client, site):
    response = _apply(
        client,
        applicant_id_number="110105194912310021",  # wrong check digit
        applicant_phone="12345",
        applicant_email="",
        description="名单",
        consent=None,
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert DisclosureRequest.objects.count() == 0
    assert "请修改以下内容" in html and 'role="alert"' in html
    assert "居民身份证号码不正确" in html
    assert "请填写11位手机号码" in html
    assert "您选择了通过电子邮件获取，请填写电子邮箱。" in html
    assert "所需信息的描述至少 5 个字" in html
    assert "提交前请勾选承诺所填内容真实有效。" in html
    # The summary links to the fields; the fields say they are invalid.
    assert 'href="#id_applicant_phone"' in html and 'aria-invalid="true"' in html
    # What was typed is kept.
    assert 'value="王小明"' in html and 'value="110105194912310021"' in html and 'value="12345"' in html
    assert "高科发〔2024〕12号" in html, html[html.find("id_description") :][:600]
    assert ">名单</textarea>" in html or ">\n名单</textarea>" in html


def test_more_rules_of_the_form(client, site):
    html = _apply(
        client,
        applicant_type="org_business",
        applicant_id_number="91350100M000100Y44",
        applicant_contact="",
        delivery="post",
        applicant_address="",
        applicant_postcode="2563",
        captcha_1="WRONG",
    ).content.decode()
    assert "统一社会信用代码不正确" in html
    assert "请填写法人或者其他组织的联系人姓名。" in html
    assert "您选择了邮寄，请填写通信地址。" in html
    assert "邮政编码为6位数字。" in html
    assert "验证码不正确" in html
    html = _apply(client, applicant_id_type="", description="长" * 2001).content.decode()
    assert "请选择身份证件类型。" in html and "最多 2000 个字（您输入了 2001 个）" in html
    assert DisclosureRequest.objects.count() == 0


def test_control_characters_are_stripped(client, site):
    _apply(client, applicant_name="王\x01小\u200b明", description="科技\x07项目\r\n立项名单\x1b")
    registered = DisclosureRequest.objects.get()
    assert registered.applicant_name == "王小明"
    assert registered.description == "科技项目\n立项名单"


def test_passport_holder_needs_no_resident_id_check(client, site):
    response = _apply(client, applicant_id_type="passport", applicant_id_number="E12345678", delivery="collect")
    assert response.status_code == 302


def test_apply_is_rate_limited_per_client(client, site, settings):
    extend_calendar(settings, apply_rate="2/h")
    codes = [_apply(client).status_code for _ in range(3)]
    assert codes == [302, 302, 429]
    assert DisclosureRequest.objects.count() == 2
    other = client.post(APPLY, application(), REMOTE_ADDR="10.1.0.2", **ZH)
    assert other.status_code == 302
    assert client.get(APPLY, REMOTE_ADDR="10.1.0.1").status_code == 200  # reading the form is not counted


def _register(received_on=None, **fields):
    data = {
        "channel": "online",
        "received_on": received_on or timezone.localdate(),
        "applicant_type": "natural_person",
        "applicant_name": "赵六",
        "applicant_id_type": "id_card",
        "applicant_id_number": VALID_ID,
        "applicant_phone": "13905330000",
        "applicant_email": "zl@example.com",
        "applicant_address": "高青县芦湖街道",
        "description": "2024年科技项目验收结果",
    }
    data.update(fields)
    return services.register(data)


def _look_up(client, code, addr="10.2.0.1"):
    return client.post(LOOKUP, {"code": code}, REMOTE_ADDR=addr, **ZH)


def test_status_by_code_shows_progress_never_personal_data(client, site):
    received = timezone.localdate() - datetime.timedelta(days=10)
    req = _register(received_on=received)
    services.add_event(req, "third_party_sent", received + datetime.timedelta(days=2), note="征求某公司意见：张某")
    services.add_event(req, "note", received + datetime.timedelta(days=3), note="内部备注：申请人赵六来电")
    response = _look_up(client, req.lookup_code.lower()[:4] + " " + req.lookup_code.lower()[4:])
    assert response.status_code == 302 and response["Location"] == "/gi/requests/status/request/"
    assert req.lookup_code not in response["Location"]
    html = client.get(response["Location"], **ZH).content.decode()
    req.refresh_from_db()
    assert req.reference in html and received.isoformat() in html
    assert "征求意见中" in html and "征求第三方意见" in html
    for secret in ("赵六", VALID_ID, "13905330000", "zl@example.com", "芦湖街道", "张某", "内部备注", req.lookup_code):
        assert secret not in html, secret
    assert "备注" not in html  # internal notes are not a public step


def test_answered_request_shows_the_outcome_in_plain_chinese(client, site):
    req = _register(received_on=timezone.localdate() - datetime.timedelta(days=5))
    services.reply(req, "unavailable_1", timezone.localdate())
    _look_up(client, req.lookup_code)
    html = client.get("/gi/requests/status/request/", **ZH).content.decode()
    assert "已答复" in html and "无法提供：本机关不掌握相关政府信息" in html
    assert "答复截止日期" not in html


def test_unknown_and_malformed_codes_get_the_same_message(client, site):
    _register()
    message = "没有与该查询码对应的申请。请核对登记回执上的查询码后重新输入。"
    unknown = _look_up(client, "ABCDEFGHJKMN")
    malformed = _look_up(client, "0000")
    assert unknown.status_code == malformed.status_code == 200
    assert message in unknown.content.decode() and message in malformed.content.decode()
    assert 'value="0000"' in malformed.content.decode()  # kept as typed
    assert client.get("/gi/requests/status/request/").status_code == 302  # not authorised


def test_lookup_is_rate_limited(client, site, settings):
    settings.GI_WAGTAIL = {**settings.GI_WAGTAIL, "PUBLIC_RATE_LIMIT": "3/m"}
    codes = [_look_up(client, "ABCDEFGHJKMN", addr="10.3.0.1").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_citizen_answers_correction_and_the_clock_restarts(client, site):
    today = timezone.localdate()
    req = _register(received_on=today - datetime.timedelta(days=14))
    due_before = DisclosureRequest.objects.get(pk=req.pk).due_on
    services.add_event(req, "correction_sent", today - datetime.timedelta(days=10))
    _look_up(client, req.lookup_code)
    html = client.get("/gi/requests/status/request/", **ZH).content.decode()
    assert "待申请人补正" in html and "提交补正" in html and "告知补正" in html
    # An empty answer: a Chinese message, nothing recorded.
    response = client.post("/gi/requests/status/correction/", {"text": " "}, **ZH)
    assert "请填写补正内容后再提交。" in response.content.decode()
    assert not RequestEvent.objects.filter(kind="correction_received").exists()
    response = client.post(
        "/gi/requests/status/correction/", {"text": "所需信息为2024年第二批科技项目的验收结果"}, **ZH
    )
    assert response.status_code == 302 and response["Location"] == "/gi/requests/status/request/"
    event = RequestEvent.objects.get(kind="correction_received")
    assert event.by_applicant and event.on == today and event.user is None
    assert event.note == "所需信息为2024年第二批科技项目的验收结果"
    req.refresh_from_db()
    assert req.status == Status.OPEN
    assert req.due_on > due_before and req.due_on == services.deadline_of(req).due
    html = client.get("/gi/requests/status/request/", **ZH).content.decode()
    assert "已收到您的补正" in html and req.due_on.isoformat() in html and "收到补正" in html
    assert 'name="text"' not in html  # no second answer
    again = client.post("/gi/requests/status/correction/", {"text": "再次补正内容"}, **ZH)
    assert again.status_code == 302 and RequestEvent.objects.filter(kind="correction_received").count() == 1


def test_correction_needs_a_looked_up_request(client, site):
    response = client.post("/gi/requests/status/correction/", {"text": "补正内容"})
    assert response.status_code == 302 and response["Location"] == LOOKUP


def test_receipt_session_opens_the_status_page(client, site):
    _apply(client)
    html = client.get("/gi/requests/status/request/", **ZH).content.decode()
    assert "办理中" in html and DisclosureRequest.objects.get().reference in html


def test_split_request_lists_its_parts(client, site):
    req = _register()
    parts = services.split(req, ["项目A验收结果", "项目B验收结果"])
    _look_up(client, req.lookup_code)
    html = client.get("/gi/requests/status/request/", **ZH).content.decode()
    assert "已拆分办理" in html and parts[0].reference in html and parts[1].reference in html


def test_external_mode_links_out(client):
    make_site(mode="external", external_url="https://ysqgk.example.gov.cn/", external_name="山东省依申请公开平台")
    html = client.get(APPLY, **ZH).content.decode()
    assert 'href="https://ysqgk.example.gov.cn/"' in html and "山东省依申请公开平台" in html
    assert 'name="applicant_name"' not in html
    response = client.post(APPLY, application(), REMOTE_ADDR="10.4.0.1", **ZH)
    assert response.status_code == 200 and DisclosureRequest.objects.count() == 0
    html = client.get(LOOKUP, **ZH).content.decode()
    assert "请在该平台查询办理进度" in html and "https://ysqgk.example.gov.cn/" in html


def test_index_and_guide_link_to_the_form(client):
    index, category, _organisation = make_site()
    guide = {
        "scope": "<p>主动公开范围</p>",
        "methods": "<p>公开方式</p>",
        "request_procedure": "<p>申请程序</p>",
        "receiving_office": "高青县科学技术局办公室",
        "address": "高青县城黄河路87号",
        "phone": "0533-6961249",
        "office_hours": "工作日",
    }
    item = add_item(category, "高青县科学技术局政府信息公开指南", body=[("guide", guide)])
    for url in (index.url, item.url):
        html = client.get(url, **ZH).content.decode()
        assert f'class="gi-request-link" href="{APPLY}"' in html, url
        assert ">依申请公开</a>" in html


def test_index_links_to_the_external_platform_in_external_mode(client):
    index, _category, _organisation = make_site(
        mode="external", external_url="https://ysqgk.example.gov.cn/", external_name="山东省依申请公开平台"
    )
    html = client.get(index.url, **ZH).content.decode()
    assert 'href="https://ysqgk.example.gov.cn/"' in html and "前往山东省依申请公开平台申请政府信息公开" in html

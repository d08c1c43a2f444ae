"""Notices: built-in and editor-changed texts, DOCX and print views, permissions and the audit log."""

import datetime
import gettext
import io
import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry, Site

import gi_wagtail
from gi_wagtail.requests import documents, notices, services
from gi_wagtail.requests.models import NoticeKind, NoticeTemplate, RequestSettings
from gi_wagtail.requests.outcomes import REPLY_NOTICE, Outcome

pytestmark = pytest.mark.django_db

FRAGMENT = Path(gi_wagtail.__file__).parent / "locale" / "fragments" / "requests_notices.po"
AGENCY = "高青县科学技术局"


def _register(**kw):
    fields = {
        "channel": "in_person",
        "received_on": datetime.date(2025, 3, 3),
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "applicant_id_number": "370322199001011234",
        "applicant_phone": "13800000000",
        "description": "2024年科技项目立项名单",
    }
    fields.update(kw)
    return services.register(fields)


@pytest.fixture
def agency():
    site = Site.objects.get(is_default_site=True)
    settings = RequestSettings.for_site(site)
    settings.agency_name = AGENCY
    settings.reception = "高青县青城路1号 科技局办公室，0533-6961234"
    settings.save()
    return settings


def _user(username, *perms, admin=True):
    user = get_user_model().objects.create_user(username=username, password="pw", email=f"{username}@example.invalid")
    group = Group.objects.create(name=f"g-{username}")
    codenames = [p.split(".", 1)[1] for p in perms] + (["access_admin"] if admin else [])
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    return user


@pytest.fixture
def handler_client(client):
    client.force_login(_user("handler", "gi_wagtail.view_disclosurerequest"))
    return client


def _url(req, kind, fmt):
    return reverse("gi_wagtail_request_notice", args=(req.pk, kind, fmt))


def _docx_text(content):
    document = docx.Document(io.BytesIO(content))
    return "\n".join(p.text for p in document.paragraphs), document


def test_receipt_docx_has_reference_due_date_and_agency(handler_client, agency):
    req = _register()
    response = handler_client.get(_url(req, "receipt", "docx"))
    assert response.status_code == 200
    assert response["Content-Type"] == documents.DOCX_CONTENT_TYPE
    assert "YSQ2025-0001" in response["Content-Disposition"]
    assert "%E5%BC%A0%E4%B8%89" not in response["Content-Disposition"]  # 张三, URL-encoded
    assert response["Cache-Control"].startswith("no-store")
    text, document = _docx_text(response.content)
    assert "YSQ2025-0001" in text
    assert "2025年3月31日" in text and "2025年3月3日" in text
    assert AGENCY in text and "张三：" in text and "第三十三条" in text
    assert req.lookup_code in text
    assert document.paragraphs[0].text == "政府信息公开申请登记回执"
    assert document.paragraphs[0].alignment == 1  # centred
    assert document.paragraphs[-2].text == AGENCY and document.paragraphs[-2].alignment == 2  # right
    assert document.paragraphs[-1].text == "2025年3月3日"
    body = document.paragraphs[3].runs[0]
    assert body.font.size.pt == 16
    assert body._element.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert "张三" not in (document.core_properties.author + document.core_properties.title)


def test_editor_changed_template_is_used(admin_client, agency):
    req = _register()
    add = reverse(NoticeTemplate.snippet_viewset.get_url_name("add"))
    prefilled = admin_client.get(add, {"kind": "receipt"})
    assert prefilled.status_code == 200
    assert "政府信息公开申请登记回执" in prefilled.content.decode()
    response = admin_client.post(
        add,
        {
            "kind": "receipt",
            "title": "申请登记回执（本局格式）",
            "body": "{applicant_name}：\n编号{reference}，请于{due_on}前等候答复。",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    text, _document = _docx_text(admin_client.get(_url(req, "receipt", "docx")).content)
    assert "申请登记回执（本局格式）" in text
    assert "编号YSQ2025-0001，请于2025年3月31日前等候答复。" in text
    assert "20个工作日内予以答复" not in text  # the built-in text is replaced


def _fragment_catalogue(tmp_path):
    assert shutil.which("msgfmt"), "gettext tools missing: run make sysdeps"
    mo = tmp_path / "notices.mo"
    subprocess.run(["msgfmt", "--check-format", "-o", str(mo), str(FRAGMENT)], check=True)
    with open(mo, "rb") as handle:
        return gettext.GNUTranslations(handle)


def test_unknown_placeholder_is_refused_on_save_in_chinese(admin_client, tmp_path):
    add = reverse(NoticeTemplate.snippet_viewset.get_url_name("add"))
    typed = "{applicant_name}：\n您的身份证号为{applicant_id}。"
    response = admin_client.post(add, {"kind": "correction", "title": "补正通知", "body": typed})
    assert response.status_code == 200  # the form again, with what was typed
    assert not NoticeTemplate.objects.exists()
    form = response.context["form"]
    [error] = form.errors.as_data()["body"]
    assert error.code == "unknown_placeholder"
    assert "{applicant_id}" in error.params["names"]
    page = response.content.decode()
    with translation.override("zh-hans"):
        assert str(error.message % error.params) in page.replace("&#x27;", "'")
    assert "您的身份证号为{applicant_id}。" in page  # kept for correcting
    with translation.override("en"):
        msgid = str(error.message)
    chinese = _fragment_catalogue(tmp_path).gettext(msgid) % error.params
    assert "未知的占位符" in chinese and "{applicant_id}" in chinese


def test_literal_braces_stay_and_unknown_placeholders_render_literally():
    assert notices.fill("{reference} {nope} {{x}}", {"reference": "YSQ1"}) == "YSQ1 {nope} {{x}}"
    assert notices.unknown_placeholders("{reference}{nope}{nope}{张三}") == ["nope", "张三"]


def test_print_view_escapes_html_in_the_description(handler_client, agency):
    req = _register(description='<script>alert("x")</script><b>名单</b>')
    response = handler_client.get(_url(req, "receipt", "print"), {"autoprint": "1"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page and "<b>名单" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;名单&lt;/b&gt;" in page
    assert 'data-autoprint="true"' in page and "notice_print.js" in page
    assert "2025年3月31日" in page and AGENCY in page


def test_permission_denied_without_view_permission(client, agency):
    req = _register()
    client.force_login(_user("editor", "gi_wagtail.view_noticetemplate"))
    for fmt in ("docx", "print"):
        assert client.get(_url(req, "receipt", fmt)).status_code == 403
    assert not ModelLogEntry.objects.filter(action="gi_wagtail.request.notice").exists()


def test_unknown_kind_or_format_is_404(handler_client):
    req = _register()
    assert handler_client.get(_url(req, "nonsense", "docx")).status_code == 404
    assert handler_client.get(_url(req, "receipt", "pdf")).status_code == 404
    assert handler_client.get(reverse("gi_wagtail_request_notice", args=(9999, "receipt", "docx"))).status_code == 404


def test_download_is_audit_logged_without_personal_data(handler_client, agency):
    req = _register()
    handler_client.get(_url(req, "receipt", "docx"))
    handler_client.get(_url(req, "receipt", "print"))
    entries = ModelLogEntry.objects.filter(action="gi_wagtail.request.notice", object_id=str(req.pk))
    assert sorted(e.data["fmt"] for e in entries) == ["docx", "print"]
    for entry in entries:
        assert entry.data == {"kind": "receipt", "fmt": entry.data["fmt"]}
        assert entry.user.username == "handler"
        assert "张三" not in entry.label and "3703" not in str(entry.data)


def _advanced_request():
    """A request that went through every step: 补正, consultation, extension, fee."""
    req = _register(fee_method="per_page", fee_pages=150, applicant_type="org_business", applicant_name="某某有限公司")
    services.add_event(req, "correction_sent", datetime.date(2025, 3, 5), note="请写明项目名称和年份。")
    services.add_event(req, "correction_received", datetime.date(2025, 3, 7), by_applicant=True)
    services.add_event(req, "third_party_sent", datetime.date(2025, 3, 10))
    services.add_event(req, "third_party_answered", datetime.date(2025, 3, 14))
    services.add_event(req, "extended", datetime.date(2025, 3, 20), days=10, approved_by="李主任", note="需要调取档案")
    services.add_event(req, "fee_notice_sent", datetime.date(2025, 3, 21))
    services.add_event(req, "fee_paid", datetime.date(2025, 3, 24))
    req.refresh_from_db()
    return req


def test_step_notices_fill_their_values(agency):
    req = _advanced_request()
    assert notices.relevant_kinds(req) == ["receipt", "correction", "third_party", "extension", "fee"]
    correction = "\n".join(notices.render(req, "correction").paragraphs)
    assert "请写明项目名称和年份。" in correction and "第三十条" in correction
    extension = notices.render(req, "extension")
    text = "\n".join(extension.paragraphs)
    assert "延长10个工作日" in text and "需要调取档案" in text and "第三十三条第二款" in text
    assert notices.chinese_date(req.due_on) in text and extension.issued_on == "2025年3月20日"
    fee = "\n".join(notices.render(req, "fee").paragraphs)
    assert "1,700.00元" in fee and "按量计收（共150页）" in fee and "国办函〔2020〕109号" in fee
    third = notices.render(req, "third_party")
    assert "某某有限公司" not in "\n".join(third.paragraphs)  # the third party never learns who asked


@pytest.mark.parametrize("outcome", Outcome.values)
def test_every_reply_notice_renders(outcome, agency):
    req = _register()
    services.add_event(req, "correction_sent", datetime.date(2025, 3, 4), note="请写明年份。")
    services.add_event(req, "correction_received", datetime.date(2025, 3, 6))
    services.reply(req, outcome, datetime.date(2025, 3, 20), note="详见附件。")
    req.refresh_from_db()
    kind = REPLY_NOTICE[outcome]
    assert notices.relevant_kinds(req)[-1] == kind
    notice = notices.render(req, kind)
    text = "\n".join(notice.paragraphs)
    assert not re.search(r"\{\w+\}", text + notice.title), text
    assert "YSQ2025-0001" in text and "2024年科技项目立项名单" in text
    assert notices.OUTCOME_TEXT[outcome][1] in text
    assert notice.issued_on == "2025年3月20日" and notice.agency_name == AGENCY
    if kind != "reply_other":
        assert "六十日内" in text and "六个月内" in text
    if kind == "reply_not_held":
        assert "第三十六条第（五）项" in text and notices.BLANK in text
    content_text, _document = _docx_text(documents.build_docx(notice))
    assert "YSQ2025-0001" in content_text


def test_every_kind_renders_even_before_its_step(agency):
    req = _register()
    for kind in NoticeKind.values:
        notice = notices.render(req, kind)
        assert notice.title == notices.DEFAULTS[kind][0]
        assert not re.search(r"\{\w+\}", "\n".join(notice.paragraphs))
    with pytest.raises(KeyError):
        notices.render(req, "nonsense")


def test_notices_include_lists_the_relevant_notices(agency):
    req = _advanced_request()
    services.reply(req, "withheld_4", datetime.date(2025, 4, 20))
    req.refresh_from_db()
    html = render_to_string("gi_wagtail/requests/admin/_notices.html", {"object": req})
    for kind in ("receipt", "correction", "third_party", "extension", "fee", "reply_withheld"):
        assert _url(req, kind, "docx") in html and _url(req, kind, "print") in html
    assert "reply_granted" not in html
    other = _register()
    html = render_to_string("gi_wagtail/requests/admin/_notices.html", {"request_obj": other})
    assert _url(other, "receipt", "docx") in html and "correction" not in html


def test_anonymised_request_addresses_the_applicant_generically(agency):
    req = _register()
    services.reply(req, "granted", datetime.date(2025, 3, 10))
    req.refresh_from_db()
    services.anonymise(req)
    req.refresh_from_db()
    assert notices.render(req, "reply_granted").paragraphs[0] == "申请人："


def _msgids_in_code():
    import ast

    base = Path(gi_wagtail.__file__).parent
    sources = [
        *(base / "requests" / name for name in ("notices.py", "documents.py", "notice_views.py", "notice_hooks.py")),
        base / "requests" / "tasks.py",
        base / "management" / "commands" / "gi_wagtail_requests_remind.py",
        base / "management" / "commands" / "gi_wagtail_anonymise_requests.py",
    ]
    found = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in {"_", "gettext", "gettext_lazy"}
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                found.add(node.args[0].value)
    for path in (base / "templates" / "gi_wagtail" / "requests" / "admin").glob("*notice*.html"):
        found.update(re.findall(r'{% translate "([^"]+)" %}', path.read_text("utf-8")))
    return found


def test_every_message_of_the_notices_is_translated(tmp_path):
    catalogue = _fragment_catalogue(tmp_path)
    msgids = _msgids_in_code()
    assert "Notice templates" in msgids and "Print" in msgids
    for msgid in msgids:
        translated = catalogue.gettext(msgid)
        assert translated != msgid or msgid == "DOCX", msgid
        assert sorted(re.findall(r"%\(\w+\)", msgid)) == sorted(re.findall(r"%\(\w+\)", translated)), msgid


def test_notice_templates_have_their_own_admin_menu_item(admin_client):
    from wagtail.admin.menu import admin_menu

    assert "gi_wagtail_notice_templates" in {item.name for item in admin_menu.registered_menu_items}
    NoticeTemplate.objects.create(
        kind="fee", title="收费通知（本局）", body="{applicant_name}：\n请缴费{fee_amount}元。"
    )
    listing = admin_client.get(reverse(NoticeTemplate.snippet_viewset.get_url_name("list")))
    assert listing.status_code == 200 and "收费通知（本局）" in listing.content.decode()
    template = NoticeTemplate.objects.get()
    edit = admin_client.get(reverse(NoticeTemplate.snippet_viewset.get_url_name("edit"), args=(template.pk,)))
    assert edit.status_code == 200 and "{fee_amount}" in edit.content.decode()


def test_docx_metadata_never_carries_the_applicant(agency):
    req = _register()
    NoticeTemplate.objects.create(
        kind="receipt", title="{applicant_name}的登记回执", body="{applicant_name}：\n已登记。"
    )
    _text, document = _docx_text(documents.build_docx(notices.render(req, "receipt")))
    assert document.paragraphs[0].text == "张三的登记回执"
    props = document.core_properties
    assert "张三" not in "".join(str(v or "") for v in (props.title, props.author, props.subject, props.comments))
    assert props.title == "登记回执" and props.author == AGENCY

"""The daily reminder: Django's locmem e-mail backend (its real test backend) collects the mails."""

import datetime
import json
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from gi_wagtail.requests import services
from gi_wagtail.requests.tasks import send_due_reminders

pytestmark = pytest.mark.django_db

ON = "2025-03-25"
PERSONAL = ("张三", "370322199001011234", "13800000000", "zhangsan@example.invalid", "青城路", "立项名单")


def _register(handler=None, **kw):
    fields = {
        "channel": "in_person",
        "received_on": datetime.date(2025, 3, 3),  # due 2025-03-31: 4 working days left on the 25th
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "applicant_id_number": "370322199001011234",
        "applicant_phone": "13800000000",
        "applicant_email": "zhangsan@example.invalid",
        "applicant_address": "高青县青城路1号",
        "description": "2024年科技项目立项名单",
        "handler": handler,
    }
    fields.update(kw)
    return services.register(fields)


def _user(username, change=False, active=True):
    user = get_user_model().objects.create_user(
        username=username, password="pw", email=f"{username}@example.invalid", is_active=active
    )
    if change:
        group, _created = Group.objects.get_or_create(name="依申请公开经办人")
        group.permissions.set(Permission.objects.filter(codename="change_disclosurerequest"))
        user.groups.add(group)
    return user


def test_handler_gets_one_mail_listing_their_due_requests_without_personal_data(mailoutbox):
    handler, other = _user("handler", change=True), _user("other", change=True)
    soon = _register(handler)
    overdue = _register(handler, received_on=datetime.date(2025, 2, 5))
    later = _register(handler, received_on=datetime.date(2025, 3, 20))
    waiting = _register(handler, received_on=datetime.date(2025, 2, 6))
    services.add_event(waiting, "correction_sent", datetime.date(2025, 2, 7))  # clock stands still
    elsewhere = _register(other, received_on=datetime.date(2025, 3, 4))
    counts = send_due_reminders.call(ON)
    assert counts["due"] == 3 and counts["reminded"] == 3 and counts["mails"] == 2
    mine = [m for m in mailoutbox if m.to == ["handler@example.invalid"]]
    assert len(mine) == 1 and len(mailoutbox) == 2
    body = mine[0].body
    assert soon.reference in body and "2025年3月31日" in body
    assert overdue.reference in body
    assert later.reference not in body and waiting.reference not in body and elsewhere.reference not in body
    assert body.index(overdue.reference) < body.index(soon.reference)  # most urgent first
    assert "http://localhost/admin/" in body
    for mail in mailoutbox:
        for text in PERSONAL:
            assert text not in mail.subject + mail.body
    entry = ModelLogEntry.objects.get(action="gi_wagtail.request.remind", object_id=str(soon.pk))
    assert entry.data == {"reference": soon.reference, "on": ON}


def test_reminded_once_a_day(mailoutbox):
    _register(_user("handler", change=True))
    assert send_due_reminders.call(ON)["mails"] == 1
    again = send_due_reminders.call(ON)
    assert again["mails"] == 0 and again["already_reminded"] == 1
    assert len(mailoutbox) == 1
    assert send_due_reminders.call("2025-03-26")["mails"] == 1  # the next day: reminded again


def test_nothing_sent_when_nothing_is_due(mailoutbox):
    handler = _user("handler", change=True)
    _register(handler, received_on=datetime.date(2025, 3, 20))
    closed = _register(handler, received_on=datetime.date(2025, 2, 5))
    services.reply(closed, "granted", datetime.date(2025, 3, 5))
    counts = send_due_reminders.call(ON)
    assert counts == {
        "due": 0,
        "reminded": 0,
        "already_reminded": 0,
        "no_recipient": 0,
        "mails": 0,
        "unknown_due_date": 0,
    }
    assert mailoutbox == []


def test_request_without_handler_goes_to_everyone_who_may_change_requests(mailoutbox):
    _user("clerk1", change=True)
    _user("clerk2", change=True)
    _user("retired", change=True, active=False)
    _user("editor")
    req = _register()
    assert send_due_reminders.call(ON)["mails"] == 2
    assert sorted(m.to[0] for m in mailoutbox) == ["clerk1@example.invalid", "clerk2@example.invalid"]
    assert all(req.reference in m.body for m in mailoutbox)


def test_command_runs_now_or_queues_the_task(mailoutbox):
    req = _register(_user("handler", change=True))
    out = StringIO()
    call_command("gi_wagtail_requests_remind", "--now", "--on", ON, stdout=out)
    assert json.loads(out.getvalue())["mails"] == 1
    assert req.reference in mailoutbox[0].body
    out = StringIO()
    call_command("gi_wagtail_requests_remind", "--on", "2025-03-26", stdout=out)  # the immediate backend runs it
    assert len(mailoutbox) == 2
    assert out.getvalue().strip()


def test_command_refuses_a_bad_date():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("gi_wagtail_requests_remind", "--now", "--on", "25.3.2025")


def test_reminder_window_follows_the_setting(mailoutbox, settings):
    _register(_user("handler", change=True))  # 4 working days left on the 25th
    settings.GI_WAGTAIL = {**settings.GI_WAGTAIL, "REQUESTS": {"REMIND_WITHIN_WORKDAYS": 3}}
    assert send_due_reminders.call(ON)["due"] == 0
    assert send_due_reminders.call("2025-03-26")["mails"] == 1  # 3 left

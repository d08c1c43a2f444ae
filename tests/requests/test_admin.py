"""The handlers' register in the Wagtail admin, through its real views."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry

from gi_wagtail.requests import services, workdays
from gi_wagtail.requests.models import Appeal, DisclosureRequest, EventKind, Status
from gi_wagtail.requests.setup import HANDLERS, setup_handlers_group
from gi_wagtail.review.setup import EDITORS, setup_groups
from tests.helpers import make_staff, make_user

pytestmark = pytest.mark.django_db

NAME = "王小明"
ID_NUMBER = "370322199001011234"
PHONE = "13805331234"
INDEX = "gi_wagtail_requests:index"


def url(name, *args):
    return reverse(f"gi_wagtail_requests:{name}", args=args)


@pytest.fixture
def groups():
    setup_groups([])
    setup_handlers_group()


@pytest.fixture
def handler(client, groups):
    user = make_user("handler", HANDLERS)
    client.force_login(user)
    return user


def _register(**kw):
    fields = {
        "channel": "in_person",
        "received_on": datetime.date(2025, 3, 3),
        "applicant_type": "natural_person",
        "applicant_name": NAME,
        "applicant_id_number": ID_NUMBER,
        "applicant_phone": PHONE,
        "description": "2024年科技项目立项名单",
    }
    fields.update(kw)
    return services.register(fields)


def _received_for_due_in(workdays_left):
    """A date of receipt whose 20-working-day limit ends ``workdays_left`` working days after today."""
    today = timezone.localdate()
    day = today
    while workdays.workdays_between(day, today) < 20 - workdays_left:
        day -= datetime.timedelta(days=1)
    return day


def _act(client, req, action, **fields):
    data = {"action": action, **{f"{action}-{k}": v for k, v in fields.items()}}
    return client.post(url("inspect", req.pk), data, follow=True)


def _messages(response):
    return [str(m) for m in response.context["messages"]]


def test_handler_registers_a_postal_request(client, handler):
    response = client.get(url("add"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "signed for" in html or "签收" in html  # the receipt-date help for each channel
    other = make_user("not-a-handler")
    choices = list(response.context["form"].fields["handler"].queryset)
    assert handler in choices and other not in choices
    data = {
        "channel": "registered_post",
        "received_on": "2025-03-03",
        "applicant_type": "natural_person",
        "applicant_name": NAME,
        "applicant_id_type": "id_card",
        "applicant_id_number": ID_NUMBER,
        "applicant_phone": PHONE,
        "description": "2024年科技项目立项名单",
    }
    response = client.post(url("add"), data)
    req = DisclosureRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == url("inspect", req.pk)
    assert req.reference == "YSQ2025-0001"
    assert req.due_on == datetime.date(2025, 3, 31)
    assert req.identity_key and req.identity_key != ID_NUMBER
    entry = ModelLogEntry.objects.get(action="gi_wagtail.request.register")
    assert entry.user == handler and NAME not in str(entry.data) and ID_NUMBER not in str(entry.data)
    # a future date is refused, and what was typed is kept
    data["received_on"] = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(url("add"), data)
    assert response.status_code == 200
    assert DisclosureRequest.objects.count() == 1
    assert "2024年科技项目立项名单" in response.content.decode()


def test_online_channel_is_not_offered_to_staff(client, handler):
    response = client.post(url("add"), {"channel": "online", "received_on": "2025-03-03"})
    assert response.status_code == 200
    assert "channel" in response.context["form"].errors


def test_steps_extension_fee_reply_and_audit(client, handler):
    req = _register()
    page = client.get(url("inspect", req.pk))
    assert page.status_code == 200
    html = page.content.decode()
    assert NAME in html and ID_NUMBER in html and "2025-03-31" in html

    r = _act(client, req, "event", kind="correction_sent", on="2025-03-05")
    assert r.status_code == 200
    req.refresh_from_db()
    assert req.status == Status.AWAITING_CORRECTION and req.due_on is None
    _act(client, req, "event", kind="correction_received", on="2025-03-10")
    req.refresh_from_db()
    assert req.status == Status.OPEN and req.due_on == datetime.date(2025, 4, 8)  # clock restarts on 3-10

    # extension: missing approval, too many days, then a valid one, then a second one
    r = _act(client, req, "extend", on="2025-03-20", days="10", approved_by="")
    assert "approved_by" in r.context["forms"]["extend"].errors
    assert r.context["forms"]["extend"]["days"].value() == "10"  # what was typed is kept
    r = _act(client, req, "extend", on="2025-03-20", days="25", approved_by="李主任")
    assert "days" in r.context["forms"]["extend"].errors
    r = _act(client, req, "extend", on="2025-03-20", days="10", approved_by="李主任", note="需调取档案")
    assert any("延长" in m or "extended" in m for m in _messages(r))
    req.refresh_from_db()
    assert req.due_on == datetime.date(2025, 4, 22)
    r = _act(client, req, "extend", on="2025-03-21", days="5", approved_by="李主任")
    assert any("only once" in m or "只能延长一次" in m for m in _messages(r))
    assert r.context["forms"]["extend"]["approved_by"].value() == "李主任"
    assert req.events.filter(kind="extended").count() == 1

    # fee notice (per page; the amount comes from the rules), then payment
    page = client.get(url("inspect", req.pk)).content.decode()
    _act(client, req, "fee_notice", on="2025-03-24", method="per_page", pages="150", amount="")
    req.refresh_from_db()
    assert req.status == Status.AWAITING_FEE and req.fee_amount == 1700
    _act(client, req, "fee_paid", on="2025-03-26", paid="1700")
    req.refresh_from_db()
    assert req.status == Status.OPEN and req.fee_paid == 1700
    assert req.due_on == datetime.date(2025, 4, 24)  # 3-25 and 3-26 not counted

    r = _act(client, req, "reply", outcome="granted", on="2025-04-10", note="已提供名单")
    req.refresh_from_db()
    assert req.status == Status.CLOSED and req.outcome == "granted" and req.replied_on == datetime.date(2025, 4, 10)
    r = _act(client, req, "event", kind="note", on="2025-04-11")
    assert any("closed" in m or "已办结" in m for m in _messages(r))

    actions = list(ModelLogEntry.objects.for_instance(req).values_list("action", "data"))
    kinds = [a for a, _d in actions]
    assert kinds.count("gi_wagtail.request.event") == 5  # 补正 ×2, extension, fee notice, payment
    assert kinds.count("gi_wagtail.request.fee") == 2
    assert {"gi_wagtail.request.register", "gi_wagtail.request.reply"} <= set(kinds)
    assert not any(NAME in str(d) or ID_NUMBER in str(d) or PHONE in str(d) for _a, d in actions)
    history = client.get(url("history", req.pk))
    assert history.status_code == 200
    page = client.get(url("inspect", req.pk)).content.decode()
    assert page.count('class="gi-log-entry"') == len(actions)
    assert "：" + str(EventKind.EXTENDED.label) + "</td>" in page  # the log names the step in words


def test_fee_waiver_and_per_request_suggestion(client, handler):
    req = _register()
    page = client.get(url("inspect", req.pk)).content.decode()
    assert "¥0" in page  # the applicant's first request of the month is free per request
    _act(client, req, "fee_notice", on="2025-03-05", method="per_request", amount="100")
    r = _act(client, req, "fee_waived", on="2025-03-06", reason="")
    assert "reason" in r.context["forms"]["fee_waived"].errors
    _act(client, req, "fee_waived", on="2025-03-06", reason="申请人为低保户")
    req.refresh_from_db()
    assert req.fee_waiver_reason == "申请人为低保户" and req.status == Status.OPEN


def test_split_and_appeal(client, handler):
    req = _register(applicant_type="org_business")
    r = _act(client, req, "split", descriptions="只有一项")
    assert any("at least two" in m or "至少" in m for m in _messages(r))
    _act(client, req, "split", descriptions="项目A资料\n\n项目B资料\n")
    req.refresh_from_db()
    assert req.status == Status.SPLIT
    parts = list(req.parts.order_by("reference"))
    assert [p.reference for p in parts] == ["YSQ2025-0001-1", "YSQ2025-0001-2"]
    assert [p.description for p in parts] == ["项目A资料", "项目B资料"]
    page = client.get(url("inspect", req.pk)).content.decode()
    assert url("inspect", parts[0].pk) in page

    part = parts[0]
    _act(client, part, "reply", outcome="withheld_4", on="2025-03-20")
    r = _act(client, part, "appeal", kind="review", filed_on="2025-04-01", result="upheld", decided_on="")
    assert any("date of the decision" in m or "决定日期" in m for m in _messages(r))
    _act(client, part, "appeal", kind="review", filed_on="2025-04-01", result="pending", decided_on="")
    appeal = Appeal.objects.get()
    assert appeal.request == part and appeal.result == "pending"
    _act(client, part, "appeal_decision", appeal=str(appeal.pk), result="corrected", decided_on="2025-06-01")
    appeal.refresh_from_db()
    assert appeal.result == "corrected" and appeal.decided_on == datetime.date(2025, 6, 1)
    assert ModelLogEntry.objects.for_instance(part).filter(action="gi_wagtail.request.appeal").count() == 2
    assert ModelLogEntry.objects.for_instance(req).filter(action="gi_wagtail.request.split").exists()


def _listing_refs(response):
    return {obj.reference for obj in response.context["object_list"]}


def test_listing_filters_and_report_cell(client, handler):
    today = timezone.localdate()
    overdue = _register(received_on=datetime.date(2025, 3, 3))
    near = _register(received_on=_received_for_due_in(3))
    later = _register(received_on=today)
    paused = _register(received_on=today, applicant_type="org_research")
    services.add_event(paused, "third_party_sent", today)
    answered = _register(received_on=datetime.date(2025, 5, 6))
    services.reply(answered, "granted", datetime.date(2025, 5, 20))

    assert _listing_refs(client.get(reverse(INDEX), {"due_state": "overdue"})) == {overdue.reference}
    assert _listing_refs(client.get(reverse(INDEX), {"due_state": "near_due"})) == {near.reference}
    assert _listing_refs(client.get(reverse(INDEX), {"due_state": "paused"})) == {paused.reference}
    assert _listing_refs(client.get(reverse(INDEX), {"status": "closed"})) == {answered.reference}
    assert _listing_refs(client.get(reverse(INDEX), {"received_year": "2025"})) == {
        overdue.reference,
        answered.reference,
    } | ({near.reference} if near.received_on.year == 2025 else set())
    listing = client.get(reverse(INDEX)).content.decode()
    assert "gi-due--overdue" in listing and "gi-due--near_due" in listing
    assert later.reference in listing and NAME not in listing

    params = {"year": "2025", "report_format": "2021", "cell": "table3.granted.natural_person"}
    response = client.get(reverse(INDEX), params)
    assert _listing_refs(response) == {answered.reference}
    assert "2025" in response.context["report_cell"]["heading"]
    assert "table3.granted.natural_person" not in response.context["report_cell"]["heading"]
    assert response.context["report_cell"]["heading"] in response.content.decode()
    results = client.get(reverse("gi_wagtail_requests:index_results"), params)
    assert _listing_refs(results) == {answered.reference}
    assert response.context["report_cell"]["heading"] in results.content.decode()
    export = client.get(reverse(INDEX), {**params, "export": "csv"})
    assert b"".join(export.streaming_content).decode().count("YSQ") == 1
    params["cell"] = "table3.carried_out.total"
    assert overdue.reference in _listing_refs(client.get(reverse(INDEX), params))
    unknown_org = client.get(reverse(INDEX), {**params, "organisation": "999999"})
    assert unknown_org.status_code == 200 and "error" in unknown_org.context["report_cell"]
    params["cell"] = "table3.nonsense"
    response = client.get(reverse(INDEX), params)
    assert response.status_code == 200 and "error" in response.context["report_cell"]
    assert not _listing_refs(response)


def test_export_has_no_personal_data_and_escapes_formulas(client, handler):
    _register(description='=HYPERLINK("http://evil.example")', applicant_email="a@example.com")
    _register(description="-1+2")
    response = client.get(reverse(INDEX), {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 3 and len(rows[0]) == 11
    assert ID_NUMBER not in text and PHONE not in text and NAME not in text and "a@example.com" not in text
    descriptions = {row[4] for row in rows[1:]}
    assert descriptions == {'\'=HYPERLINK("http://evil.example")', "'-1+2"}
    response = client.get(reverse(INDEX), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    cells = [str(c.value) for row in sheet.iter_rows() for c in row]
    assert ID_NUMBER not in cells and PHONE not in cells and NAME not in cells
    assert response["Content-Disposition"].endswith('disclosure-requests.xlsx"')


def test_dashboard_panel_counts(client, handler):
    _register(received_on=datetime.date(2025, 3, 3))
    _register(received_on=datetime.date(2025, 3, 4))
    _register(received_on=_received_for_due_in(3))
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "gi-requests-panel" in html
    rows = {row["state"]: row["count"] for row in _panel_rows(response)}
    assert rows == {"open": 3, "overdue": 2, "near_due": 1, "paused": 0}
    assert reverse(INDEX) + "?due_state=overdue" in html


def _panel_rows(response):
    from gi_wagtail.requests.panels import RequestsDuePanel

    for panel in response.context["panels"]:
        if isinstance(panel, RequestsDuePanel):
            return panel.get_context_data()["rows"]
    raise AssertionError("no requests panel")


def _assert_denied(response, target):
    """Wagtail answers a missing permission with 403, or for a page view with a redirect to the dashboard."""
    if response.status_code == 302:
        assert response["Location"] == reverse("wagtailadmin_home"), target
    else:
        assert response.status_code == 403, target
    assert NAME.encode() not in response.content and ID_NUMBER.encode() not in response.content


def test_editor_without_the_group_sees_nothing(client, groups):
    req = _register()
    staff = make_staff()
    client.force_login(staff.editor)
    for target in (
        reverse(INDEX),
        reverse(INDEX) + "?export=csv",
        url("inspect", req.pk),
        url("add"),
        url("edit", req.pk),
        url("history", req.pk),
    ):
        _assert_denied(client.get(target), target)
    _assert_denied(client.post(url("inspect", req.pk), {"action": "reply", "reply-outcome": "granted"}), "post")
    assert DisclosureRequest.objects.get(pk=req.pk).status == Status.OPEN
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "gi-requests-panel" not in home and reverse(INDEX) not in home
    for search in (reverse("wagtailadmin_pages:search"), "/admin/search/"):
        response = client.get(search, {"q": NAME})
        assert NAME not in response.content.decode().replace(f'value="{NAME}"', "")
    assert not ModelLogEntry.objects.filter(user=staff.editor).exists()


def test_handler_sees_menu_and_superuser_too(client, handler, django_user_model):
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) in home
    boss = django_user_model.objects.create_superuser("boss", "boss@example.invalid", "pw")
    client.force_login(boss)
    assert client.get(reverse(INDEX)).status_code == 200


def test_setup_command_is_idempotent(groups):
    call_command("gi_wagtail_setup_groups", stdout=io.StringIO())
    call_command("gi_wagtail_setup_groups", stdout=io.StringIO())
    from django.contrib.auth.models import Group

    codes = set(Group.objects.get(name=HANDLERS).permissions.values_list("codename", flat=True))
    assert codes == {"access_admin", "view_disclosurerequest", "add_disclosurerequest", "change_disclosurerequest"}
    assert not Group.objects.get(name=EDITORS).permissions.filter(codename__endswith="disclosurerequest").exists()


def test_calendar_range_error_is_shown_not_raised(client, handler):
    req = _register(received_on=datetime.date(2003, 6, 2))  # before the calendar's first year
    assert req.due_on is None
    response = client.get(url("inspect", req.pk))
    assert response.status_code == 200
    assert "2003-06-03" in response.content.decode() and "help-critical" in response.content.decode()


def test_edit_corrects_details_and_keeps_identity_key_in_step(client, handler):
    req = _register()
    old_key = req.identity_key
    response = client.get(url("edit", req.pk))
    assert response.status_code == 200
    form = response.context["form"]
    assert "received_on" not in form.fields and "status" not in form.fields and "outcome" not in form.fields
    data = {name: value for name, value in form.initial.items() if value is not None and name in form.fields}
    data.update(applicant_id_number="370322199202021111", applicant_phone="13900000000")
    data["fee_waiver_requested"] = ""
    response = client.post(url("edit", req.pk), data)
    assert response.status_code == 302, response.context["form"].errors
    req.refresh_from_db()
    assert req.applicant_id_number == "370322199202021111" and req.identity_key != old_key
    entries = ModelLogEntry.objects.for_instance(req).filter(action="wagtail.edit")
    assert entries.count() == 1
    assert "370322199202021111" not in str(list(entries.values_list("data", "label")))


def test_consultation_pauses_the_clock_and_bad_input_is_kept(client, handler):
    req = _register()
    _act(client, req, "event", kind="third_party_sent", on="2025-03-10", note="征求权利人意见")
    req.refresh_from_db()
    assert req.status == Status.CONSULTING
    page = client.get(url("inspect", req.pk)).content.decode()
    assert "征求权利人意见" in page
    r = _act(client, req, "event", kind="agency_answered", on="2025-03-12")
    assert any("no open step" in m or "没有" in m for m in _messages(r))
    assert r.context["forms"]["event"]["kind"].value() == "agency_answered"
    r = _act(client, req, "event", kind="third_party_answered", on="2025-03-01")
    assert any("before the date of receipt" in m or "早于" in m for m in _messages(r))
    _act(client, req, "event", kind="third_party_answered", on="2025-03-14")
    req.refresh_from_db()
    assert req.status == Status.OPEN
    assert req.due_on == datetime.date(2025, 4, 7)  # 3-31 + 4 working days, 清明 4-4 not counted
    deadline = client.get(url("inspect", req.pk)).context["deadline"]["deadline"]
    assert deadline.paused_days == 4  # 3-11 … 3-14
    assert ModelLogEntry.objects.for_instance(req).filter(action="gi_wagtail.request.event").count() == 2

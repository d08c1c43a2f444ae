"""gi_wagtail_anonymise_requests: closed requests past the retention period lose their personal data."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.translation import gettext

from gi_wagtail.requests import services, tables
from gi_wagtail.requests.models import DisclosureRequest

pytestmark = pytest.mark.django_db


def _register(received_on, **kw):
    fields = {
        "channel": "in_person",
        "received_on": received_on,
        "applicant_type": "natural_person",
        "applicant_name": "张三",
        "applicant_id_number": "370322199001011234",
        "applicant_phone": "13800000000",
        "applicant_address": "高青县青城路1号",
        "description": "2024年科技项目立项名单",
    }
    fields.update(kw)
    return services.register(fields)


def _run(*args):
    out = StringIO()
    call_command("gi_wagtail_anonymise_requests", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def register(settings):
    settings.GI_WAGTAIL = {**settings.GI_WAGTAIL, "REQUESTS": {"RETENTION_DAYS": 365}}  # setting_changed reloads
    today = timezone.localdate()
    old_day = today - datetime.timedelta(days=500)
    old = _register(old_day, applicant_type="org_business", applicant_name="某某有限公司")
    services.reply(old, "withheld_4", old_day + datetime.timedelta(days=10))
    recent = _register(today - datetime.timedelta(days=100))
    services.reply(recent, "granted", today - datetime.timedelta(days=90))
    still_open = _register(old_day)
    split_parent = _register(old_day, applicant_name="李四")
    parts = services.split(split_parent, ["项目A资料", "项目B资料"])
    services.reply(parts[0], "granted", old_day + datetime.timedelta(days=5))
    services.reply(parts[1], "partial", old_day + datetime.timedelta(days=6))
    return {"old": old, "recent": recent, "open": still_open, "split": split_parent, "parts": parts}


def _said(message, n):
    cutoff = (timezone.localdate() - datetime.timedelta(days=365)).isoformat()
    return gettext(message) % {"n": n, "cutoff": cutoff}


def _tables(years):
    return {year: tables.tables(year, "2021") for year in years}


def test_old_closed_requests_are_anonymised_and_the_tables_stay(register):
    years = sorted({r.received_on.year for r in DisclosureRequest.objects.all()} | {timezone.localdate().year})
    before = _tables(years)
    assert _run("--dry-run").strip() == _said("Would anonymise %(n)d requests answered before %(cutoff)s.", 4)
    assert DisclosureRequest.objects.filter(anonymised_at__isnull=False).count() == 0  # a dry run changes nothing
    assert _run().strip() == _said("Anonymised %(n)d requests answered before %(cutoff)s.", 4)
    for key in ("old", "split"):
        req = DisclosureRequest.objects.get(pk=register[key].pk)
        assert req.anonymised_at is not None
        assert req.applicant_name == req.applicant_id_number == req.applicant_phone == req.identity_key == ""
    for part in register["parts"]:
        assert DisclosureRequest.objects.get(pk=part.pk).applicant_name == ""
    old = DisclosureRequest.objects.get(pk=register["old"].pk)
    assert old.applicant_type == "org_business" and old.outcome == "withheld_4" and old.description
    for key in ("recent", "open"):
        kept = DisclosureRequest.objects.get(pk=register[key].pk)
        assert kept.anonymised_at is None and kept.applicant_name == "张三"
    assert _tables(years) == before


def test_second_run_changes_nothing(register):
    _run()
    stamped = dict(DisclosureRequest.objects.values_list("pk", "anonymised_at"))
    assert _run().strip() == _said("Anonymised %(n)d requests answered before %(cutoff)s.", 0)
    assert dict(DisclosureRequest.objects.values_list("pk", "anonymised_at")) == stamped


def test_split_request_waits_for_its_open_part(register):
    # Another year than the fixture's split request: services._next_reference cannot yet follow a split
    # request with the year's highest serial (it reads the part's suffix as the serial).
    received = timezone.localdate() - datetime.timedelta(days=900)
    req = _register(received, applicant_name="王五")
    parts = services.split(req, ["甲", "乙"])
    services.reply(parts[0], "granted", received + datetime.timedelta(days=10))
    _run()
    assert DisclosureRequest.objects.get(pk=req.pk).anonymised_at is None
    assert DisclosureRequest.objects.get(pk=parts[0].pk).anonymised_at is not None
    assert DisclosureRequest.objects.get(pk=parts[1].pk).applicant_name == "王五"

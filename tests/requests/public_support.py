"""Shared set-up of the public 依申请公开 tests: the Chinese fragment, a calendar that reaches the due dates, a site."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

from django.utils import timezone

import gi_wagtail
from gi_wagtail.requests.models import RequestSettings
from tests.factories import build_catalogue

FRAGMENT = Path(gi_wagtail.__file__).parent / "locale" / "fragments" / "requests_public.po"
VALID_ID = "11010519491231002X"  # GB 11643 example number
VALID_CREDIT_CODE = "91350100M000100Y43"


def use_fragment(settings, tmp_path_factory) -> None:
    """Serve this area's zh-hans fragment ahead of the shipped catalogue (the lead merges it into django.po)."""
    locale = tmp_path_factory.mktemp("locale")
    target = locale / "zh_Hans" / "LC_MESSAGES"
    target.mkdir(parents=True)
    subprocess.run(["msgfmt", "--check-format", "-o", str(target / "django.mo"), str(FRAGMENT)], check=True)
    settings.LOCALE_PATHS = [str(locale)]


def extend_calendar(settings, apply_rate: str | None = "5/h") -> None:
    """Weekdays count as working days past chinesecalendar's last year, so today's due dates are known."""
    until = (timezone.localdate() + datetime.timedelta(days=400)).isoformat()
    settings.GI_WAGTAIL = {
        **settings.GI_WAGTAIL,
        "REQUESTS": {"CALENDAR_EXTENDED_TO": until, "APPLY_RATE_LIMIT": apply_rate},
    }


def make_site(mode: str = "internal", **fields):
    """The test site with a disclosure index; RequestSettings with an organisation for online requests."""
    index, category, organisation = build_catalogue()
    site = index.get_site()
    request_settings = RequestSettings.for_site(site)
    request_settings.mode = mode
    request_settings.default_organisation = organisation
    request_settings.agency_name = "高青县科学技术局"
    for name, value in fields.items():
        setattr(request_settings, name, value)
    request_settings.save()
    return index, category, organisation


def application(**changes) -> dict:
    """A complete, valid application by a natural person (what a citizen types), with the test captcha."""
    data = {
        "applicant_type": "natural_person",
        "applicant_name": "王小明",
        "applicant_id_type": "id_card",
        "applicant_id_number": VALID_ID,
        "applicant_contact": "",
        "applicant_phone": "13905331234",
        "applicant_email": "wxm@example.com",
        "applicant_address": "山东省淄博市高青县黄河路1号",
        "applicant_postcode": "256300",
        "description": "2024年度县级科技计划项目立项名单及资金安排",
        "document_numbers": "高科发〔2024〕12号",
        "form_wanted": "electronic",
        "delivery": "email",
        "consent": "on",
        "captcha_0": "abc",
        "captcha_1": "PASSED",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}

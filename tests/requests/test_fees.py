"""信息处理费 per 国办函〔2020〕109号: the worked example, the page bands, per applicant per month, waivers."""

import datetime
from decimal import Decimal

import pytest

from gi_wagtail.requests import fees, services, tables
from gi_wagtail.requests.models import DisclosureRequest, Status

D = datetime.date


def test_the_worked_example_thirty_five_requests_in_a_month_cost_3000_yuan():
    # 10 × 0 + 20 × 100 + 5 × 200
    assert fees.requests_fee(35) == Decimal(3000)
    assert [fees.request_rate(n) for n in (1, 10, 11, 30, 31, 40, 41, 51)] == [0, 0, 100, 100, 200, 200, 300, 400]
    assert fees.requests_fee(10) == 0 and fees.requests_fee(11) == 100


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (150, 1700), (200, 2700), (201, 2740)],
)
def test_page_bands(pages, yuan):
    # 150 pages: 70 × 10 + 50 × 20; 201 pages: 70 × 10 + 100 × 20 + 1 × 40.
    assert fees.pages_fee(pages) == Decimal(yuan)


def test_negative_counts_are_refused():
    with pytest.raises(ValueError):
        fees.pages_fee(-1)
    with pytest.raises(ValueError):
        fees.request_rate(0)


def _register(day, id_number="110101199001011234", **kw):
    fields = {
        "channel": "online",
        "received_on": day,
        "applicant_type": "natural_person",
        "applicant_name": "测试申请人",
        "applicant_id_number": id_number,
        "description": "测试信息",
        "fee_method": "per_request",
    }
    fields.update(kw)
    return services.register(fields)


@pytest.mark.django_db
def test_per_request_fees_count_one_applicant_per_calendar_month_across_requests():
    march = [_register(D(2025, 3, 1 + n)) for n in range(12)]
    assert [services.suggested_fee(r) for r in march] == [0] * 10 + [100, 100]
    # The same person in April starts again from the first request.
    assert services.suggested_fee(_register(D(2025, 4, 1))) == 0
    # Another applicant in March is counted on their own.
    assert services.suggested_fee(_register(D(2025, 3, 20), id_number="110101199202022345")) == 0
    # Two requests on the same day are ordered by registration.
    same_day = _register(D(2025, 3, 28))
    assert services.suggested_fee(same_day) == 100
    # Identity is the ID number, spaces and case aside.
    assert services.suggested_fee(_register(D(2025, 3, 29), id_number="1101 0119 9001 0112 34")) == 100


@pytest.mark.django_db
def test_per_page_fee_and_a_request_without_identity():
    assert services.suggested_fee(_register(D(2025, 5, 6), fee_method="per_page", fee_pages=150)) == 1700
    anonymous = _register(D(2025, 5, 6), id_number="", applicant_name="")
    assert anonymous.identity_key == "" and services.suggested_fee(anonymous) == 0
    assert services.suggested_fee(_register(D(2025, 5, 6), fee_method="")) is None


@pytest.mark.django_db
def test_a_waived_fee_ends_the_wait_and_collects_nothing():
    request = _register(
        D(2025, 6, 2), fee_method="per_page", fee_pages=120, fee_amount=Decimal(1100), fee_waiver_reason="困难群众"
    )
    services.add_event(request, "fee_notice_sent", D(2025, 6, 4))
    request.refresh_from_db()
    assert request.status == Status.AWAITING_FEE
    services.add_event(request, "fee_waived", D(2025, 6, 9), note="申请人生活困难，依申请减免")
    request.refresh_from_db()
    assert request.status == Status.OPEN
    # 6/5, 6/6, 6/9 were waited: three working days after the plain due date 6/30 (端午 5/31-6/2 before).
    assert services.deadline_of(request).paused_days == 3
    assert request.due_on == D(2025, 7, 3)
    services.reply(request, "granted", D(2025, 6, 20))
    figures = tables.fees(2025)
    assert figures == {"notices_count": 1, "notices_amount": 1100.0, "collected": 0.0}
    assert DisclosureRequest.objects.get(pk=request.pk).fee_waiver_reason == "困难群众"

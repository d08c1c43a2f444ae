"""信息处理费 per 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号).

Both methods are excess-progressive. 按件计收 counts the same applicant's requests in one
calendar month: the 1st–10th are free, the 11th–30th cost ¥100 each, and from the 31st each
further step of ten costs ¥100 more per request (31st–40th ¥200, 41st–50th ¥300 …).
按量计收 counts the pages of one request: 1–30 free, 31–100 ¥10, 101–200 ¥20, from 201 ¥40.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _

FREE_REQUESTS = 10
PAGE_BANDS = ((30, 0), (100, 10), (200, 20), (None, 40))  # (last page of the band, yuan per page)


class FeeMethod(models.TextChoices):
    NONE = "", _("No fee")
    PER_REQUEST = "per_request", _("Per request (按件计收)")
    PER_PAGE = "per_page", _("Per page (按量计收)")


def request_rate(nth_in_month: int) -> Decimal:
    """Fee in yuan for the applicant's ``nth_in_month`` request of a calendar month (按件)."""
    if nth_in_month < 1:
        raise ValueError("requests are counted from 1")
    if nth_in_month <= FREE_REQUESTS:
        return Decimal(0)
    if nth_in_month <= 30:
        return Decimal(100)
    return Decimal(100 * (2 + (nth_in_month - 31) // 10))


def requests_fee(count: int) -> Decimal:
    """Total 按件 fee for ``count`` requests of one applicant in one month (35 → ¥3,000)."""
    return sum((request_rate(n) for n in range(1, count + 1)), Decimal(0))


def pages_fee(pages: int) -> Decimal:
    """按量 fee in yuan for one request of ``pages`` pages (150 → 70×10 + 50×20 = ¥1,700)."""
    if pages < 0:
        raise ValueError("pages cannot be negative")
    total, floor = Decimal(0), 0
    for last, rate in PAGE_BANDS:
        top = pages if last is None else min(pages, last)
        if top > floor:
            total += Decimal(rate * (top - floor))
        if last is None or pages <= last:
            break
        floor = last
    return total

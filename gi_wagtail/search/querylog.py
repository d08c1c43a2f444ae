"""An anonymous log of what visitors search for, and the popular searches drawn from it.

Counts live in Wagtail's ``search_promotions`` models (``Query`` and its daily hits), so
editors see them in Wagtail's "Promoted search results" reports too. Nothing about the
visitor is kept: no address, session or user, only the query and a count per day. And only
queries that cannot carry personal data are kept at all: ones that found published pages,
without long digit runs (身份证号, 手机号, bank cards), e-mail addresses or URLs. A query
becomes "popular" only once it was searched on ``MIN_DAYS`` different days, so a single
visitor's unusual query never reaches the public page.

Hits are counted in memory and written every ``GI_WAGTAIL["SEARCH_LOG_FLUSH_SECONDS"]``
(and when the process exits), not once per search: under load, a write per search makes
the searches queue for the database (SQLite above all). 0 writes every hit at once.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import re
import threading
import time
import unicodedata

from django.apps import apps
from django.db import transaction
from django.db.models import Count, F, Sum
from django.utils import timezone

from gi_wagtail.conf import gi_settings
from gi_wagtail.text.normalise import to_simplified

logger = logging.getLogger(__name__)

MIN_CHARS, MAX_CHARS = 2, 30
# Popular: searched on at least this many days within the window.
MIN_DAYS = 3
WINDOW_DAYS = 90
# Six or more digits in a row (ID, phone and card numbers; 文号 have years and short numbers).
_PERSONAL = re.compile(r"\d{6,}|@|https?:|www\.", re.IGNORECASE)
_DIGITS_AND_SPACES = re.compile(r"[\d\s\-]{11,}")


def enabled() -> bool:
    return apps.is_installed("wagtail.contrib.search_promotions")


def loggable(query: str) -> str:
    """The query as logged (normalised), or "" when it must not be kept."""
    # Simplified and half-width, as typed otherwise (文号 keep their brackets).
    text = " ".join(to_simplified(unicodedata.normalize("NFKC", query or "")).split())
    if not (MIN_CHARS <= len(text) <= MAX_CHARS):
        return ""
    if _PERSONAL.search(text) or _DIGITS_AND_SPACES.search(text):
        return ""
    return text


_pending: dict[tuple[str, dt.date], int] = {}
_lock = threading.Lock()
_last_flush = time.monotonic()


def _flush_seconds() -> float:
    value = gi_settings.SEARCH_LOG_FLUSH_SECONDS
    return value if isinstance(value, (int, float)) and value > 0 else 0


def record(query: str, total: int) -> None:
    """Count one search for ``query`` if it found something and carries no personal data."""
    text = loggable(query)
    if not text or total <= 0 or not enabled():
        return
    with _lock:
        key = (text, timezone.localdate())
        _pending[key] = _pending.get(key, 0) + 1
        due = time.monotonic() - _last_flush >= _flush_seconds()
    if due:
        flush()


def flush() -> None:
    """Write the hits counted so far (one row update per query and day)."""
    global _last_flush
    with _lock:
        pending = dict(_pending)
        _pending.clear()
        _last_flush = time.monotonic()
    if not pending:
        return
    from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

    with transaction.atomic():
        for (text, day), hits in pending.items():
            daily, _ = QueryDailyHits.objects.get_or_create(query=Query.get(text), date=day)
            QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)


def discard() -> None:
    """Forget the hits not written yet (tests)."""
    with _lock:
        _pending.clear()


@atexit.register
def _flush_at_exit() -> None:
    try:
        flush()
    except Exception as exc:  # noqa: BLE001 the database may be gone already
        logger.warning("gi_wagtail search log: unsaved hits lost at exit (%s)", type(exc).__name__)


def popular(limit: int = 8, today: dt.date | None = None) -> list[str]:
    """Queries searched most within the window, each on at least ``MIN_DAYS`` days."""
    if not enabled():
        return []
    from wagtail.contrib.search_promotions.models import Query

    since = (today or timezone.localdate()) - dt.timedelta(days=WINDOW_DAYS)
    rows = (
        Query.objects.filter(daily_hits__date__gte=since)
        .annotate(days=Count("daily_hits", distinct=True), total=Sum("daily_hits__hits"))
        .filter(days__gte=MIN_DAYS)
        .order_by("-total", "query_string")
        .values_list("query_string", flat=True)[: limit * 3]
    )
    return [q for q in rows if loggable(q)][:limit]

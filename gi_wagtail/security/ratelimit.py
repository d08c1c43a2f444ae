"""Rate limiting for public endpoints (search and the like), counted in Django's cache.

    from gi_wagtail.security.ratelimit import ratelimit

    @ratelimit("gi_wagtail_search")          # GI_WAGTAIL["PUBLIC_RATE_LIMIT"], per client IP
    def search(request): ...

Counters live in the cache named by ``RATELIMIT_USE_CACHE`` (default "default"): use a
shared cache (Redis, Memcached) when the site runs more than one process. Behind a
proxy set ``RATELIMIT_IP_META_KEY`` so the client's address, not the proxy's, is counted.
Only a hash of the address is stored; nothing is logged. When the cache does not answer
(Redis down), requests are let through and a warning is logged: visitors never get a 500.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import _split_rate, is_ratelimited

from gi_wagtail.conf import gi_settings

logger = logging.getLogger(__name__)

RATE_RE = re.compile(r"^[1-9]\d*/\d*[smhd]$")


def rate_problem(rate: object) -> str | None:
    """Why ``rate`` is not a usable limit such as "60/m" or "10/5s" (None if it is, or is None)."""
    if rate is None:
        return None
    if not isinstance(rate, str) or not RATE_RE.match(rate):
        return 'it must look like "60/m" (requests per s, m, h or d), or be None to switch limiting off'
    return None


def rate_limited_response(request: HttpRequest, rate: str) -> HttpResponse:
    """The friendly 429 page, with Retry-After set to the rate's period."""
    _count, seconds = _split_rate(rate)
    response = render(
        request, "gi_wagtail/rate_limited.html", {"gi_base_template": gi_settings.BASE_TEMPLATE}, status=429
    )
    response["Retry-After"] = str(seconds)
    return response


def check_rate_limit(
    request: HttpRequest, group: str, rate: str | None = None, key: str = "ip", method: Any = ALL
) -> HttpResponse | None:
    """Count this request; return a 429 response when the client is over the limit, else None."""
    rate = gi_settings.PUBLIC_RATE_LIMIT if rate is None else rate
    if not rate:
        return None
    try:
        limited = is_ratelimited(request, group=group, key=key, rate=rate, method=method, increment=True)
    except Exception as exc:  # noqa: BLE001 the cache server's errors (connection refused, timeout)
        logger.warning("gi_wagtail rate limit not counted: cache unavailable (%s)", type(exc).__name__)
        return None
    if limited:
        return rate_limited_response(request, rate)
    return None


View = Callable[..., HttpResponse]


def ratelimit(group: str, rate: str | None = None, key: str = "ip", method: Any = ALL) -> Callable[[View], View]:
    """View decorator: answer 429 with a friendly page once the client exceeds ``rate``."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            return check_rate_limit(request, group, rate, key, method) or view(request, *args, **kwargs)

        return wrapped

    return decorator

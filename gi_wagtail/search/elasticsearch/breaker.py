"""A circuit breaker for public searches against Elasticsearch.

Closed: searches reach the cluster; each failed one counts, a successful one resets the count.
Open (``failures`` in a row): searches go straight to the fallback for ``cooldown`` seconds.
Half-open (cool-down over): one search at a time may try the cluster; success closes the breaker,
failure opens it for another cool-down.

The state lives in Django's cache so every worker (process) sees it; ``cache.add`` picks the one
trial search. A cache that fails leaves the breaker closed: search must not depend on it.
"""

from __future__ import annotations

import logging
import time

from django.core.cache import cache

from gi_wagtail.search.elasticsearch.config import breaker_settings

logger = logging.getLogger(__name__)

PREFIX = "gi_wagtail:elasticsearch:breaker"
TRIAL_SECONDS = 10  # how long one trial search may hold the half-open slot (a crashed worker's is freed)


class Breaker:
    def __init__(self, name: str, failures: int, cooldown: float) -> None:
        self.threshold = failures
        self.cooldown = cooldown
        self.failures_key = f"{PREFIX}:{name}:failures"
        self.open_key = f"{PREFIX}:{name}:open_until"  # wall-clock time the cool-down ends
        self.trial_key = f"{PREFIX}:{name}:trial"
        self._dirty = True  # some state may be set: ``success`` clears it

    @property
    def enabled(self) -> bool:
        return self.threshold > 0

    def allow(self) -> bool:
        """May this search reach the cluster?"""
        if not self.enabled:
            return True
        try:
            state = cache.get_many([self.failures_key, self.open_key])
            self._dirty = bool(state)
            open_until = state.get(self.open_key)
            if open_until is None:
                return True
            if time.time() < open_until:
                return False
            return bool(cache.add(self.trial_key, 1, TRIAL_SECONDS))  # half-open: one trial
        except Exception:  # a failing cache must not stop search
            logger.exception("Search circuit breaker: cache unavailable")
            return True

    def success(self) -> None:
        if not (self.enabled and self._dirty):
            return
        try:
            if cache.get(self.open_key) is not None:
                logger.info("Elasticsearch answered again; search circuit breaker closed")
            cache.delete_many([self.failures_key, self.open_key, self.trial_key])
            self._dirty = False
        except Exception:
            logger.exception("Search circuit breaker: cache unavailable")

    def failure(self) -> None:
        if not self.enabled:
            return
        try:
            if cache.get(self.open_key) is not None:  # the trial failed
                self._open("the trial search failed")
                return
            cache.add(self.failures_key, 0, None)
            try:
                count = cache.incr(self.failures_key)
            except ValueError:  # evicted meanwhile
                cache.set(self.failures_key, count := 1, None)
            self._dirty = True
            if count >= self.threshold:
                self._open(f"{count} failed searches in a row")
        except Exception:
            logger.exception("Search circuit breaker: cache unavailable")

    def _open(self, why: str) -> None:
        cache.set(self.open_key, time.time() + self.cooldown, None)
        cache.delete_many([self.failures_key, self.trial_key])
        self._dirty = True
        logger.warning(
            "Search circuit breaker open (%s): public search uses the embedded index for %g s", why, self.cooldown
        )

    def state(self) -> str:
        """The state, "closed", "open" or "half-open" (for the health report)."""
        try:
            open_until = cache.get(self.open_key)
        except Exception:
            logger.exception("Search circuit breaker: cache unavailable")
            return "unknown (cache unavailable)"
        if open_until is None:
            return "closed"
        return "open" if time.time() < open_until else "half-open"


def search_breaker(name: str) -> Breaker:
    """The breaker of public searches on the index ``name`` (its alias), from the settings."""
    failures, cooldown = breaker_settings()
    return Breaker(name, failures, cooldown)

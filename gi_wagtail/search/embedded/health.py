"""Is the embedded index consistent with the live pages? For ``gi_wagtail_search_health`` and the
admin dashboard panel; ``repair`` drains the outbox and re-indexes whatever still differs."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gi_wagtail.search import outbox
from gi_wagtail.search.backlog import SearchIndexBacklog
from gi_wagtail.search.documents import searchable_pages
from gi_wagtail.search.embedded import EmbeddedBackend
from gi_wagtail.search.models import SearchEntry

# Outbox rows younger than this may belong to a commit being drained right now.
SETTLE = dt.timedelta(seconds=5)
# Page ids listed in a report.
SHOWN = 10


@dataclass
class Health:
    indexed: int = 0  # index entries
    expected: int = 0  # live public pages
    missing: list[int] = field(default_factory=list)  # live public pages without an entry
    extra: list[int] = field(default_factory=list)  # entries of pages that are gone, drafts or private
    outdated: list[int] = field(default_factory=list)  # entries older than their page's last publication
    backlog: int = 0  # pages waiting in the outbox
    backlog_oldest: dt.datetime | None = None
    backlog_error: str = ""

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.outdated or self.backlog)

    @property
    def settling(self) -> bool:
        """Everything pending is younger than ``SETTLE``: a drain may be applying it right now."""
        return bool(self.backlog_oldest) and timezone.now() - self.backlog_oldest < SETTLE

    @property
    def differing(self) -> list[int]:
        return sorted({*self.missing, *self.extra, *self.outdated})


def check(backend: EmbeddedBackend | None = None, *, settle: float = 0) -> Health:
    """Compare the index with the pages: counts, and which pages differ. With ``settle``, a result
    that may only show a commit being drained right now is checked again after that many seconds."""
    health = _compare(backend or EmbeddedBackend())
    if settle and not health.ok and health.settling:
        time.sleep(settle)
        health = _compare(backend or EmbeddedBackend())
    return health


def _compare(backend: EmbeddedBackend) -> Health:
    entries = SearchEntry.objects.using(backend.using)
    indexed = set(entries.values_list("page_id", flat=True))
    live = set(searchable_pages().values_list("pk", flat=True))
    health = Health(indexed=len(indexed), expected=len(live))
    health.missing = sorted(live - indexed)
    health.extra = sorted(indexed - live)
    older = entries.filter(page__last_published_at__gt=F("indexed_at")).values_list("page_id", flat=True)
    health.outdated = sorted(pk for pk in older.iterator() if pk in live)
    backlog = SearchIndexBacklog.objects.order_by("id")
    health.backlog = backlog.values("page_id").distinct().count()
    if health.backlog:
        first = backlog.first()
        health.backlog_oldest = first.created_at if first else None
        health.backlog_error = backlog.exclude(last_error="").values_list("last_error", flat=True).last() or ""
    return health


def repair(backend: EmbeddedBackend | None = None) -> tuple[outbox.DrainResult, int]:
    """Drain the outbox (retry delays ignored), then queue and drain the pages that still differ.
    Returns the last drain's result and how many pages the comparison added."""
    backend = backend or EmbeddedBackend()
    result = outbox.drain(backend, force=True)
    differing = check(backend).differing
    if differing:
        with transaction.atomic():
            outbox.enqueue(differing)
        again = outbox.drain(backend, force=True)
        for name in ("indexed", "deleted", "failed"):
            setattr(again, name, getattr(again, name) + getattr(result, name))
        result = again
    return result, len(differing)

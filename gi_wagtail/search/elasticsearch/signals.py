"""The Elasticsearch outbox receiver, connected by ``gi_wagtail.search.signals`` only when
``GI_WAGTAIL["SEARCH_BACKEND"] == "elasticsearch"``.

``gi_wagtail.search.signals`` decides which pages change; this records each of them in the
outbox inside the changing transaction, so an outage or a crash after the commit loses nothing.
"""

from __future__ import annotations

from typing import Any

from wagtail.models import Page

from gi_wagtail.search.elasticsearch.outbox import enqueue
from gi_wagtail.search.tasks import pages_scheduled

_UID = "gi_wagtail_elasticsearch_outbox"


def _record(sender: type[Page], page_ids: list[int], action: str = "index", **kwargs: Any) -> None:
    enqueue(page_ids, action)


def connect() -> None:
    pages_scheduled.connect(_record, sender=Page, dispatch_uid=_UID)


def disconnect() -> None:
    pages_scheduled.disconnect(sender=Page, dispatch_uid=_UID)

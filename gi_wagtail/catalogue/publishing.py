"""What writing a disclosure item sets besides the fields an editor fills in.

One implementation for both ways items are written: the page's ``save()`` (the admin,
revisions, page-by-page imports) and the bulk importer, which inserts pages without ``save()``.

- derived fields (``fill_derived_fields()`` of the page: the 文号 matching key);
- the agency: the 政府信息公开首页 (disclosure index) above the item;
- the 索引号 of a live item without one: allocated once, never changed;
- a dated validity event when the public sees a validity it has not seen before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Page

from gi_wagtail.catalogue.index_numbers import allocate_index_numbers, index_number_fields
from gi_wagtail.catalogue.models.validity import Validity, ValidityEvent, record_validity_change
from gi_wagtail.catalogue.models.vocabularies import Organisation

Item = Any  # an AbstractDisclosureItemPage instance (the models import this module)

__all__ = [
    "agency_organisation",
    "assign_agency",
    "assign_index_numbers",
    "needs_index_number",
    "prepare",
    "record_validity",
    "validity_before",
]


def prepare(items: Sequence[Item], agency: Page | None = None, categories: Sequence[Page | None] | None = None) -> None:
    """Before ``items`` are written: derived fields, agency and 索引号.

    ``agency`` (the disclosure index above all of them) and ``categories`` (each item's parent)
    spare the tree look-ups when the caller knows them.
    """
    for item in items:
        item.fill_derived_fields()
        assign_agency(item, agency)
    assign_index_numbers(items, categories)


def assign_agency(item: Item, agency: Page | None = None) -> None:
    """Record the disclosure index above ``item`` (found in the tree unless given), once."""
    if item.agency_id:
        return
    if agency is None:
        if not item.path:
            return  # not in the tree yet
        agency = item.find_agency()
    item.agency = agency


def needs_index_number(item: Item) -> bool:
    return bool(item.live and not item.index_no and item.agency_id)


def assign_index_numbers(items: Sequence[Item], categories: Sequence[Page | None] | None = None) -> None:
    """Give each live item without a 索引号 a new one, in order; numbers the items hold are never handed out."""
    categories = categories or [None] * len(items)
    by_agency: dict[int, list[tuple[Item, Page | None]]] = {}
    for item, category in zip(items, categories, strict=True):
        if needs_index_number(item):
            by_agency.setdefault(item.agency_id, []).append((item, category))
    held = {item.index_no for item in items if item.index_no}
    for agency_id, entries in by_agency.items():
        model = type(entries[0][0])._meta.concrete_model
        fields = [
            index_number_fields(item, item.published_on or timezone.localdate(), category=category)
            for item, category in entries
        ]
        for (item, _), number in zip(
            entries, allocate_index_numbers(model, agency_id, fields, also_taken=held), strict=True
        ):
            item.index_no = number


def validity_before(item: Item, update_fields: Sequence[str] | None = None) -> str | None:
    """The validity the public saw before this write ("" if none); None when there is nothing to compare.

    The public sees an item once it is published (``first_published_at``). The admin's create
    view saves a new page live once before it publishes the page's revision: that save is not
    the publication, and the event is recorded by the publication, which knows who published.
    """
    if not item.live or item.first_published_at is None:
        return None
    if update_fields is not None and "validity" not in update_fields:
        return None
    if not item.pk:
        return ""
    last_event = (
        ValidityEvent.objects.filter(item_id=item.pk)
        .order_by("-changed_at", "-pk")
        .values_list("new_status", flat=True)
        .first()
    )
    if last_event is not None:
        return last_event
    row = (
        type(item)
        ._meta.concrete_model.objects.filter(pk=item.pk)
        .values_list("validity", "live", "first_published_at")
        .first()
    )
    return row[0] if row and row[1] and row[2] else ""


def record_validity(item: Item, before: str | None) -> ValidityEvent | None:
    """After the write: a status the public has not seen before is a dated event; a new valid item is not.

    The event waits on the page for ``page_published``, which tells who published it.
    """
    if before is None or before == item.validity or (not before and item.validity == Validity.VALID):
        return None
    item._gi_validity_event = record_validity_change(item, before)
    return item._gi_validity_event


def agency_organisation(agency: Page | None, create: bool = True) -> Organisation | None:
    """The Organisation snippet named after ``agency`` (a disclosure index page), or None.

    Created when missing (with the agency's 组织机构代码), so an editor finds the agency
    already chosen as 发布机构; ``create=False`` only looks it up (dry runs).
    """
    agency = getattr(agency, "specific", agency)  # tree queries give plain Page objects
    name = (getattr(agency, "agency_name", "") or "").strip()
    if not name:
        return None
    found = Organisation.objects.filter(name=name).first()
    if found is not None or not create:
        return found
    try:
        with transaction.atomic():
            return Organisation.objects.create(name=name, org_code=getattr(agency, "org_code", "") or "")
    except IntegrityError:  # created meanwhile by another request (the name is unique)
        return Organisation.objects.get(name=name)

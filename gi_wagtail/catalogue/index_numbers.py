"""索引号 (index number): the one owner of ``GI_WAGTAIL["INDEX_NUMBER_PATTERN"]``.

Checking a pattern (system check E002), reading and formatting numbers made from it, and
allocating new ones: one counter row per agency and scope (``IndexNumberSequence``),
serials never reused.
"""

from __future__ import annotations

import datetime
import re
import string
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import models, transaction
from django.db.models import F
from wagtail.models import Page

from gi_wagtail.catalogue.models.index_numbers import IndexNumberSequence
from gi_wagtail.conf import INDEX_NUMBER_FIELDS, gi_settings

# What each pattern field may hold in an existing number.
_FIELD_RES = {
    "org_code": r"[0-9A-Za-z-]+?",
    "year": r"\d{4}",
    "month": r"\d{2}",
    "category_code": r"[0-9A-Za-z]+?",
}
# Fields the serial restarts for, when the pattern holds them.
_SCOPE_FIELDS = ("year", "month", "category_code")


def index_number_pattern_problem(pattern: object) -> str | None:
    """Return why ``pattern`` is not a usable 索引号 pattern, or None."""
    if not isinstance(pattern, str) or not pattern.strip():
        return "it must be a non-empty string"
    try:
        parts = list(string.Formatter().parse(pattern))
    except ValueError as exc:
        return f"it is not a valid format string ({exc})"
    fields = [field for _, field, _, _ in parts if field is not None]
    unknown = sorted({f for f in fields if f not in INDEX_NUMBER_FIELDS})
    if unknown:
        return f"unknown field(s) {', '.join(unknown)}; allowed: {', '.join(INDEX_NUMBER_FIELDS)}"
    if "serial" not in fields:
        return "it must contain {serial}, e.g. {serial:05d}"
    try:
        pattern.format(org_code="X", year=2024, month="01", category_code="01", serial=1)
    except (ValueError, KeyError, IndexError) as exc:
        return f"it cannot be formatted ({exc})"
    return None


def index_no_regex(pattern: str) -> re.Pattern[str] | None:
    """A regex matching numbers made from an ``INDEX_NUMBER_PATTERN``; None if the pattern is unusable."""
    try:
        parts = list(string.Formatter().parse(pattern))
    except (ValueError, TypeError):
        return None
    regex, seen = [], set()
    for literal, field, spec, _conversion in parts:
        regex.append(re.escape(literal))
        if field is None:
            continue
        if field in seen:
            regex.append(f"(?P={field})")
            continue
        if field == "serial":
            width = re.match(r"0?(\d*)d?$", spec or "")
            minimum = int(width[1]) if width and width[1] else 1
            regex.append(rf"(?P<serial>\d{{{minimum},}})")
        elif field in _FIELD_RES:
            regex.append(f"(?P<{field}>{_FIELD_RES[field]})")
        else:
            return None
        seen.add(field)
    return re.compile("".join(regex))


def parse_index_no(value: object, pattern: str) -> dict[str, Any] | None:
    """Split a 索引号 made from ``pattern`` into its fields (year/serial as int); None if it does not fit."""
    if not isinstance(value, str):
        return None
    regex = index_no_regex(pattern)
    match = regex.fullmatch(value) if regex else None
    if not match:
        return None
    fields: dict[str, Any] = match.groupdict()
    for key in ("year", "serial"):
        if key in fields:
            fields[key] = int(fields[key])
    return fields


def format_index_no(pattern: str, **fields: Any) -> str:
    return pattern.format(**fields)


def index_number_fields(
    item: models.Model, when: datetime.date, agency: Page | None = None, category: Page | None = None
) -> dict[str, Any]:
    """The pattern's fields; ``agency`` and ``category`` spare the look-ups when the caller has them."""
    if agency is None and item.agency_id:
        agency = item.agency.specific
    if category is None and item.path:
        # The parent is known from the tree path, also before the page's first save.
        parent = item.get_parent()
        category = parent.specific if parent is not None else None
    return {
        "org_code": getattr(agency, "org_code", "") or "",
        "year": when.year,
        "month": f"{when.month:02d}",
        "category_code": getattr(category, "code", "") or "",
    }


def _scope(pattern: str, fields: dict[str, Any]) -> str:
    # The serial restarts for each distinct value of the other fields in the pattern.
    parts = [str(fields[name]) for name in _SCOPE_FIELDS if "{" + name in pattern]
    return "|".join(parts) or "all"


def _reserve(agency_id: int, scope: str, count: int) -> int:
    """Reserve ``count`` consecutive serials; return the last one."""
    with transaction.atomic():
        # Lock the agency's page row first: concurrent publishes for one agency
        # queue here, so creating and bumping the counter cannot deadlock
        # (InnoDB gap locks on a racing get_or_create otherwise do).
        Page.objects.select_for_update().filter(pk=agency_id).values_list("pk", flat=True).get()
        sequence, _ = IndexNumberSequence.objects.get_or_create(agency_id=agency_id, scope=scope)
        IndexNumberSequence.objects.filter(pk=sequence.pk).update(last_serial=F("last_serial") + count)
        return IndexNumberSequence.objects.filter(pk=sequence.pk).values_list("last_serial", flat=True).get()


def allocate_index_numbers(
    model: type[models.Model], agency_id: int, field_sets: Sequence[dict[str, Any]], also_taken: Iterable[str] = ()
) -> list[str]:
    """New 索引号 for several items of one agency (one dict of pattern fields each), in order.

    ``also_taken`` holds numbers about to be written that the database does not have yet.
    """
    pattern = gi_settings.INDEX_NUMBER_PATTERN
    also_taken = set(also_taken)
    numbers: list[str] = [""] * len(field_sets)
    pending = list(range(len(field_sets)))
    while pending:
        by_scope: dict[str, list[int]] = {}
        for position in pending:
            by_scope.setdefault(_scope(pattern, field_sets[position]), []).append(position)
        candidates = {}
        for scope, positions in by_scope.items():
            last = _reserve(agency_id, scope, len(positions))
            for serial, position in zip(range(last - len(positions) + 1, last + 1), positions, strict=True):
                candidates[position] = format_index_no(pattern, serial=serial, **field_sets[position])
        # Legacy numbers imported verbatim may already occupy a serial: skip it.
        taken = (
            set(
                model.objects.filter(agency_id=agency_id, index_no__in=candidates.values()).values_list(
                    "index_no", flat=True
                )
            )
            | also_taken
        )
        pending = [position for position, candidate in candidates.items() if candidate in taken]
        for position, candidate in candidates.items():
            if candidate not in taken:
                numbers[position] = candidate
    return numbers


def allocate_index_number(item: models.Model, when: datetime.date) -> str:
    """Return a new 索引号 for ``item``, unique within its agency."""
    model = type(item)._meta.concrete_model
    return allocate_index_numbers(model, item.agency_id, [index_number_fields(item, when)])[0]

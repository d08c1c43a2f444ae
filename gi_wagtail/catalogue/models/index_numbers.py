"""索引号 allocation: one counter row per agency and scope, never reused."""

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from gi_wagtail.conf import gi_settings


class IndexNumberSequence(models.Model):
    agency = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=64, help_text=_("Year, year+month or year+category the serial restarts for."))
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "scope"], name="gi_wagtail_index_sequence_unique")]
        verbose_name = _("索引号 sequence")


def index_number_fields(item, when, agency=None, category=None):
    """The pattern's fields; ``agency`` and ``category`` spare the look-ups when the caller has them."""
    if agency is None and item.agency_id:
        agency = item.agency.specific
    if category is None and item.pk and item.depth:
        category = item.get_parent().specific
    return {
        "org_code": getattr(agency, "org_code", "") or "",
        "year": when.year,
        "month": f"{when.month:02d}",
        "category_code": getattr(category, "code", "") or "",
    }


def _scope(pattern, fields):
    # The serial restarts for each distinct value of the other fields in the pattern.
    parts = [str(fields[name]) for name in ("year", "month", "category_code") if "{" + name in pattern]
    return "|".join(parts) or "all"


def _reserve(agency_id, scope, count):
    """Reserve ``count`` consecutive serials; return the last one."""
    with transaction.atomic():
        # Lock the agency's page row first: concurrent publishes for one agency
        # queue here, so creating and bumping the counter cannot deadlock
        # (InnoDB gap locks on a racing get_or_create otherwise do).
        Page.objects.select_for_update().filter(pk=agency_id).values_list("pk", flat=True).get()
        sequence, _ = IndexNumberSequence.objects.get_or_create(agency_id=agency_id, scope=scope)
        IndexNumberSequence.objects.filter(pk=sequence.pk).update(last_serial=F("last_serial") + count)
        return IndexNumberSequence.objects.filter(pk=sequence.pk).values_list("last_serial", flat=True).get()


def allocate_index_numbers(model, agency_id, field_sets, also_taken=()):
    """New 索引号 for several items of one agency (one dict of pattern fields each), in order.

    ``also_taken`` holds numbers about to be written that the database does not have yet.
    """
    pattern = gi_settings.INDEX_NUMBER_PATTERN
    also_taken = set(also_taken)
    numbers = [None] * len(field_sets)
    pending = list(range(len(field_sets)))
    while pending:
        by_scope = {}
        for position in pending:
            by_scope.setdefault(_scope(pattern, field_sets[position]), []).append(position)
        candidates = {}
        for scope, positions in by_scope.items():
            last = _reserve(agency_id, scope, len(positions))
            for serial, position in zip(range(last - len(positions) + 1, last + 1), positions):
                candidates[position] = pattern.format(serial=serial, **field_sets[position])
        # Legacy numbers imported verbatim may already occupy a serial: skip it.
        taken = set(model.objects.filter(agency_id=agency_id, index_no__in=candidates.values())
                    .values_list("index_no", flat=True)) | also_taken
        pending = [position for position, candidate in candidates.items() if candidate in taken]
        for position, candidate in candidates.items():
            if candidate not in taken:
                numbers[position] = candidate
    return numbers


def allocate_index_number(item, when):
    """Return a new 索引号 for ``item``, unique within its agency."""
    model = type(item)._meta.concrete_model
    return allocate_index_numbers(model, item.agency_id, [index_number_fields(item, when)])[0]

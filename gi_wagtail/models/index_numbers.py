"""索引号 allocation: one counter row per agency and scope, never reused."""

from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from ..conf import gi_settings


class IndexNumberSequence(models.Model):
    agency = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=64, help_text=_("Year, year+month or year+category the serial restarts for."))
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "scope"], name="gi_wagtail_index_sequence_unique")]
        verbose_name = _("索引号 sequence")


def index_number_fields(item, when):
    agency = item.agency.specific if item.agency_id else None
    category = item.get_parent().specific if item.pk and item.depth else None
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


def _next_serial(agency_id, scope):
    with transaction.atomic():
        # Lock the agency's page row first: concurrent publishes for one agency
        # queue here, so creating and bumping the counter cannot deadlock
        # (InnoDB gap locks on a racing get_or_create otherwise do).
        Page.objects.select_for_update().filter(pk=agency_id).values_list("pk", flat=True).get()
        sequence, _ = IndexNumberSequence.objects.get_or_create(agency_id=agency_id, scope=scope)
        IndexNumberSequence.objects.filter(pk=sequence.pk).update(last_serial=F("last_serial") + 1)
        return IndexNumberSequence.objects.filter(pk=sequence.pk).values_list("last_serial", flat=True).get()


def allocate_index_number(item, when):
    """Return a new 索引号 for ``item``, unique within its agency."""
    pattern = gi_settings.INDEX_NUMBER_PATTERN
    fields = index_number_fields(item, when)
    scope = _scope(pattern, fields)
    model = type(item)._meta.concrete_model
    while True:
        candidate = pattern.format(serial=_next_serial(item.agency_id, scope), **fields)
        # Legacy numbers imported verbatim may already occupy a serial: skip it.
        if not model.objects.filter(agency_id=item.agency_id, index_no=candidate).exists():
            return candidate

"""Dated validity changes (有效性变更) of catalogue items.

The annual report counts 本年废止件数 and 现行有效件数 from these events, so every
published change of an item's validity is recorded with who, when and why.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Validity(models.TextChoices):
    VALID = "valid", _("Valid (有效)")
    EXPIRED = "expired", _("Expired (失效)")
    REPEALED = "repealed", _("Repealed (废止)")


class ValidityEvent(models.Model):
    item = models.ForeignKey(
        "gi_wagtail.DisclosureItemPage",
        verbose_name=_("item"),
        on_delete=models.CASCADE,
        related_name="validity_events",
    )
    changed_at = models.DateTimeField(_("recorded at"), default=timezone.now, db_index=True)
    effective_on = models.DateField(_("effective on"), help_text=_("Date the new status took effect."))
    old_status = models.CharField(_("old status"), max_length=16, blank=True)
    new_status = models.CharField(_("new status"), max_length=16)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    repealing_document = models.CharField(_("repealing document"), max_length=255, blank=True)
    repealed_by = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("repealed by (page)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["changed_at", "pk"]
        verbose_name = _("validity change")
        verbose_name_plural = _("validity changes")
        indexes = [models.Index(fields=["new_status", "effective_on"], name="gi_wagtail_validity_new")]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.old_status or '-'} → {self.new_status} ({self.effective_on})"

    def get_old_status_display(self) -> str:
        return _status_label(self.old_status)

    def get_new_status_display(self) -> str:
        return _status_label(self.new_status)


def _status_label(value: str) -> str:
    return dict(Validity.choices).get(value, value)


def record_validity_change(item: models.Model, old_status: str | None) -> ValidityEvent:
    """Create the event for ``item`` whose live validity just changed from ``old_status``."""
    if item.validity == Validity.VALID:
        effective_on = item.effective_on or timezone.localdate()
    else:
        effective_on = item.invalid_on or timezone.localdate()
    return ValidityEvent.objects.create(
        item_id=item.pk,
        old_status=old_status or "",
        new_status=item.validity,
        effective_on=effective_on,
        repealing_document=item.repealing_document,
        repealed_by_id=item.repealed_by_id,
    )

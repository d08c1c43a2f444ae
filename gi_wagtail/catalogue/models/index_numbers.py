"""The 索引号 counter: one row per agency and scope (allocation: ``gi_wagtail.catalogue.index_numbers``)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IndexNumberSequence(models.Model):
    agency = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(max_length=64, help_text=_("Year, year+month or year+category the serial restarts for."))
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "scope"], name="gi_wagtail_index_sequence_unique")]
        verbose_name = _("索引号 sequence")

    def __str__(self) -> str:
        return f"{self.scope}: {self.last_serial}"

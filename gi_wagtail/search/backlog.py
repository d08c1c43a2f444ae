"""Outbox of search index updates that have not reached Elasticsearch yet."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchIndexBacklog(models.Model):
    """One pending index update. Written in the publishing transaction, removed
    once the cluster has accepted it, so an outage never loses an update."""

    class Action(models.TextChoices):
        INDEX = "index", _("Index")
        DELETE = "delete", _("Delete")

    # Not a foreign key: a deleted page must still be removed from the index.
    page_id = models.PositiveBigIntegerField(_("page id"), db_index=True)
    action = models.CharField(_("action"), max_length=8, choices=Action.choices, default=Action.INDEX)
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True, db_index=True)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("search index backlog entry")
        verbose_name_plural = _("search index backlog")

    def __str__(self) -> str:
        return f"{self.action} page {self.page_id}"

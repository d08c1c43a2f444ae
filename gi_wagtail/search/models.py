"""Search index storage for the embedded (site database) search backend."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model_string

from gi_wagtail.search.synonyms import parse_lines


class SearchEntry(models.Model):
    """One live, public page as the embedded backend sees it: the columns
    used to filter, count, sort and list results. Kept narrow so scanning
    thousands of matches stays fast; the text lives in SearchEntryText."""

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("title"), max_length=255)
    url = models.CharField(_("URL"), max_length=500, blank=True)
    doc_no = models.CharField(_("document number"), max_length=100, blank=True)
    index_no = models.CharField(_("index number"), max_length=100, blank=True)
    category = models.CharField(_("category"), max_length=100, blank=True, db_index=True)
    organisation = models.CharField(_("organisation"), max_length=100, blank=True, db_index=True)
    topic = models.CharField(_("topic"), max_length=100, blank=True, db_index=True)
    genre = models.CharField(_("genre"), max_length=100, blank=True, db_index=True)
    validity = models.CharField(_("validity"), max_length=50, blank=True, db_index=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True, db_index=True)
    published = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    indexed_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")

    def __str__(self) -> str:
        return self.title


class SearchEntryText(models.Model):
    """Text and encoded analysis terms of a SearchEntry (see
    gi_wagtail.search.analysis). Vendor full-text structures over the terms
    are created by the hand-written migration ``0100_search_fts``."""

    entry = models.OneToOneField(SearchEntry, on_delete=models.CASCADE, primary_key=True, related_name="text")
    body = models.TextField(blank=True)
    title_terms = models.TextField(blank=True)
    meta_terms = models.TextField(blank=True)
    body_terms = models.TextField(blank=True)
    # Attached files' names and text (see storage.pack_attachments), and their terms.
    attachments = models.TextField(blank=True, default="")
    attachment_terms = models.TextField(blank=True, default="")

    class Meta:
        verbose_name = _("search entry text")
        verbose_name_plural = _("search entry texts")

    def __str__(self) -> str:
        return str(self.entry)


class AttachmentText(models.Model):
    """Text extracted from an attached document (PDF, DOCX, XLSX …), kept so that indexing
    does not parse the file again until it changes (``file_hash``)."""

    document = models.OneToOneField(
        get_document_model_string(), on_delete=models.CASCADE, related_name="+", verbose_name=_("document")
    )
    file_hash = models.CharField(_("file hash"), max_length=40, blank=True)
    text = models.TextField(_("text"), blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    extracted_at = models.DateTimeField(_("extracted at"), auto_now=True)

    class Meta:
        verbose_name = _("attachment text")
        verbose_name_plural = _("attachment texts")

    def __str__(self) -> str:
        return str(self.document_id)


class SearchSynonym(models.Model):
    """An editor-defined synonym group (extends data/synonyms.txt)."""

    terms = models.CharField(
        _("terms"),
        max_length=500,
        help_text=_("Two or more interchangeable words separated by spaces or commas, e.g. 数据局 大数据发展管理局"),
    )
    active = models.BooleanField(_("active"), default=True)

    panels = [FieldPanel("terms"), FieldPanel("active")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    def clean(self) -> None:
        if not parse_lines([self.terms.replace("#", " ")]):
            raise ValidationError({"terms": _("Enter at least two different words.")})

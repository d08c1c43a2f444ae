"""公开条目: one catalogue item with its statutory metadata."""

import re

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from gi_wagtail.catalogue.forms import DisclosureItemAdminForm
from gi_wagtail.blocks import ItemBodyBlock
from gi_wagtail.catalogue.models.base import GiPage
from gi_wagtail.catalogue.models.index_numbers import allocate_index_number


class Validity(models.TextChoices):
    VALID = "valid", _("Valid (有效)")
    EXPIRED = "expired", _("Expired (失效)")
    REPEALED = "repealed", _("Repealed (废止)")


class DisclosureMethod(models.TextChoices):
    PROACTIVE = "proactive", _("Proactive (主动公开)")
    ON_REQUEST = "on_request", _("On request (依申请公开)")


class DisclosureScope(models.TextChoices):
    PUBLIC = "public", _("The public (面向社会)")
    APPLICANT = "applicant", _("The applicant (面向申请人)")


_DOC_NO_BRACKETS = str.maketrans({"〔": "[", "〕": "]", "【": "[", "】": "]", "（": "[", "）": "]", "(": "[", ")": "]", "［": "[", "］": "]"})


def normalise_doc_no(doc_no):
    """Canonical 文号 for matching: every bracket style becomes [], spaces go."""
    return re.sub(r"\s+", "", (doc_no or "").translate(_DOC_NO_BRACKETS))


class ItemKeyword(TaggedItemBase):
    content_object = ParentalKey("gi_wagtail.DisclosureItemPage", on_delete=models.CASCADE, related_name="keyword_items")


class AbstractDisclosureItemPage(GiPage):
    index_no = models.CharField(
        _("index number (索引号)"),
        max_length=64,
        blank=True,
        help_text=_("Generated on first publish when left empty. Never changes afterwards."),
    )
    agency = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "gi_wagtail.Organisation", verbose_name=_("publishing organisation (发布机构)"),
        null=True, blank=True, on_delete=models.PROTECT, related_name="+",
    )
    written_on = models.DateField(_("date written (成文日期)"), null=True, blank=True)
    published_on = models.DateField(_("publication date (发布日期)"), default=timezone.localdate)
    doc_no = models.CharField(_("document number (文号)"), max_length=100, blank=True, help_text=_("e.g. 高科发〔2024〕12号"))
    doc_no_normalised = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    topic = models.ForeignKey(
        "gi_wagtail.TopicClass", verbose_name=_("topic (主题分类)"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )
    genre = models.ForeignKey(
        "gi_wagtail.Genre", verbose_name=_("genre (体裁)"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    validity = models.CharField(_("validity (有效性)"), max_length=16, choices=Validity.choices, default=Validity.VALID)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    invalid_on = models.DateField(_("expired or repealed on"), null=True, blank=True)
    repealing_document = models.CharField(
        _("repealing document"), max_length=255, blank=True,
        help_text=_("Title or 文号 of the document that repealed or replaced this one."),
    )
    repealed_by = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("repealed by (page)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    disclosure_method = models.CharField(
        _("disclosure method (公开方式)"), max_length=16, choices=DisclosureMethod.choices, default=DisclosureMethod.PROACTIVE
    )
    disclosure_scope = models.CharField(
        _("disclosure scope (公开范围)"), max_length=16, choices=DisclosureScope.choices, default=DisclosureScope.PUBLIC
    )
    summary = models.TextField(_("summary (内容概述)"), blank=True, max_length=500)
    body = StreamField(ItemBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("index_no"),
                FieldPanel("organisation"),
                FieldRowPanel([FieldPanel("written_on"), FieldPanel("published_on")]),
                FieldPanel("doc_no"),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("genre")]),
                FieldPanel("keywords"),
            ],
            heading=_("Catalogue metadata"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("validity"),
                FieldRowPanel([FieldPanel("effective_on"), FieldPanel("invalid_on")]),
                FieldRowPanel([FieldPanel("repealing_document"), FieldPanel("repealed_by")]),
            ],
            heading=_("Validity"),
        ),
        FieldRowPanel([FieldPanel("disclosure_method"), FieldPanel("disclosure_scope")]),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("Attachments")),
        FieldPanel("interprets"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("index_no", boost=3),
        index.SearchField("doc_no", boost=3),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("published_on"),
        index.FilterField("validity"),
    ]

    # A copy is a new item: it gets its own 索引号 when published.
    exclude_fields_in_copy = ["index_no", "agency"]
    base_form_class = DisclosureItemAdminForm
    gi_template = "gi_wagtail/pages/disclosure_item_page.html"

    class Meta:
        abstract = True

    @property
    def is_repealed(self):
        return self.validity == Validity.REPEALED

    def _gi_related_items(self, **lookup):
        return self.gi_public(type(self).objects.live().filter(**lookup)).order_by("-published_on", "-pk")

    def public_policies(self):
        """Live, public policies this item interprets.

        Read through the in-memory relation, so a preview (whose relations are not saved) shows
        what the editor chose.
        """
        relation = getattr(self, "interprets", None)
        ids = [page.pk for page in relation.all()] if relation is not None else []
        return self._gi_related_items(pk__in=ids) if ids else type(self).objects.none()

    def public_interpretations(self):
        """Live, public interpretations of this item (the reverse of ``interprets``)."""
        if not self.pk or not hasattr(self, "interprets"):
            return type(self).objects.none()
        return self._gi_related_items(interprets=self.pk)

    def find_agency(self):
        from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage

        if not self.path:
            # A page being created in the admin knows its parent (see DisclosureItemAdminForm).
            parent = getattr(self, "_gi_parent_page", None)
            return parent.get_ancestors(inclusive=True).type(AbstractDisclosureIndexPage).last() if parent else None
        return self.get_ancestors().type(AbstractDisclosureIndexPage).last()

    def clean(self):
        from gi_wagtail.catalogue.validation import validate_disclosure_item

        super().clean()
        validate_disclosure_item(self, agency=None if self.agency_id else self.find_agency())

    def with_content_json(self, content):
        # Revisions never carry the 索引号 back: it stays what the database holds.
        obj = super().with_content_json(content)
        if self.index_no:
            obj.index_no = self.index_no
        obj.agency_id = self.agency_id
        return obj

    def _previous_validity(self):
        """The validity the public saw before this save, or None when it need not be compared."""
        from gi_wagtail.catalogue.models.validity import ValidityEvent

        last_event = ValidityEvent.objects.filter(item_id=self.pk).order_by("-changed_at", "-pk").values_list("new_status", flat=True).first()
        if last_event is not None:
            return last_event
        row = type(self)._meta.concrete_model.objects.filter(pk=self.pk).values_list("validity", "live").first()
        return row[0] if row and row[1] else ""

    def fill_derived_fields(self):
        """Set the fields computed from others (the importer's bulk path, which bypasses save(), calls this too)."""
        self.doc_no_normalised = normalise_doc_no(self.doc_no)

    def save(self, *args, **kwargs):
        from gi_wagtail.catalogue.models.validity import record_validity_change

        self.fill_derived_fields()
        if self.path and not self.agency_id:
            agency = self.find_agency()
            self.agency_id = agency.pk if agency else None
        if self.live and not self.index_no and self.agency_id:
            self.index_no = allocate_index_number(self, self.published_on or timezone.localdate())
        update_fields = kwargs.get("update_fields")
        previous = None
        if self.live and (update_fields is None or "validity" in update_fields):
            previous = self._previous_validity() if self.pk else ""
        result = super().save(*args, **kwargs)
        # A status the public has not seen before is a dated event; a new valid item is not.
        if previous is not None and previous != self.validity and (previous or self.validity != Validity.VALID):
            self._gi_validity_event = record_validity_change(self, previous)
        return result


class DisclosureItemPage(AbstractDisclosureItemPage):
    keywords = ClusterTaggableManager(through=ItemKeyword, blank=True, verbose_name=_("keywords (关键词)"))
    interprets = ParentalManyToManyField(
        "self", symmetrical=False, blank=True, related_name="interpretations",
        verbose_name=_("interprets policies"), help_text=_("For a 政策解读: the policies it interprets."),
    )

    parent_page_types = ["gi_wagtail.CatalogueCategoryPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("disclosure item page")
        verbose_name_plural = _("disclosure item pages")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "index_no"], condition=~models.Q(index_no=""), name="gi_wagtail_item_unique_index_no"
            )
        ]
        indexes = [models.Index(fields=["published_on"], name="gi_wagtail_item_published")]


class ItemAttachment(Orderable):
    page = ParentalKey("gi_wagtail.DisclosureItemPage", on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(get_document_model_string(), verbose_name=_("document"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=255, blank=True, help_text=_("Defaults to the document title."))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def display_title(self):
        return self.title or self.document.title

"""公开条目: one catalogue item with its statutory metadata."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models import QuerySet
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

from gi_wagtail.blocks import ItemBodyBlock
from gi_wagtail.catalogue import publishing
from gi_wagtail.catalogue.forms import DisclosureItemAdminForm
from gi_wagtail.catalogue.models.base import GiPage, page_models_of
from gi_wagtail.catalogue.models.validity import Validity
from gi_wagtail.catalogue.validation import validate_disclosure_item
from gi_wagtail.text.doc_no import normalise_doc_no

# Validity and normalise_doc_no are importable from here, as before they moved.
__all__ = [
    "AbstractDisclosureItemPage",
    "DisclosureItemPage",
    "DisclosureMethod",
    "DisclosureScope",
    "ItemAttachment",
    "ItemKeyword",
    "Validity",
    "normalise_doc_no",
]


class DisclosureMethod(models.TextChoices):
    PROACTIVE = "proactive", _("Proactive (主动公开)")
    ON_REQUEST = "on_request", _("On request (依申请公开)")


class DisclosureScope(models.TextChoices):
    PUBLIC = "public", _("The public (面向社会)")
    APPLICANT = "applicant", _("The applicant (面向申请人)")


class ItemKeyword(TaggedItemBase):
    content_object = ParentalKey(
        "gi_wagtail.DisclosureItemPage", on_delete=models.CASCADE, related_name="keyword_items"
    )


def disclosure_item_panels(*, keywords: bool = False, attachments: bool = False, interprets: bool = False) -> list:
    """The item editor's panels. Keywords, attachments and interpreted policies are relations of the concrete
    page; a subclass of the abstract page that defines them turns their panels on."""
    return Page.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("index_no"),
                FieldPanel("organisation"),
                FieldRowPanel([FieldPanel("written_on"), FieldPanel("published_on")]),
                FieldRowPanel([FieldPanel("published_on_reason"), FieldPanel("published_on_confirmed")]),
                FieldPanel("doc_no"),
                FieldRowPanel([FieldPanel("topic"), FieldPanel("genre")]),
                *([FieldPanel("keywords")] if keywords else []),
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
        *([InlinePanel("attachments", label=_("Attachments"))] if attachments else []),
        *([FieldPanel("interprets")] if interprets else []),
    ]


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
        "gi_wagtail.Organisation",
        verbose_name=_("publishing organisation (发布机构)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    written_on = models.DateField(_("date written (成文日期)"), null=True, blank=True)
    published_on = models.DateField(_("publication date (发布日期)"), default=timezone.localdate)
    doc_no = models.CharField(
        _("document number (文号)"), max_length=100, blank=True, help_text=_("e.g. 高科发〔2024〕12号")
    )
    doc_no_normalised = models.CharField(max_length=100, blank=True, editable=False, db_index=True)
    topic = models.ForeignKey(
        "gi_wagtail.TopicClass",
        verbose_name=_("topic (主题分类)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    genre = models.ForeignKey(
        "gi_wagtail.Genre",
        verbose_name=_("genre (体裁)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    validity = models.CharField(_("validity (有效性)"), max_length=16, choices=Validity.choices, default=Validity.VALID)
    effective_on = models.DateField(_("effective from"), null=True, blank=True)
    invalid_on = models.DateField(_("expired or repealed on"), null=True, blank=True)
    repealing_document = models.CharField(
        _("repealing document"),
        max_length=255,
        blank=True,
        help_text=_("Title or 文号 of the document that repealed or replaced this one."),
    )
    repealed_by = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("repealed by (page)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disclosure_method = models.CharField(
        _("disclosure method (公开方式)"),
        max_length=16,
        choices=DisclosureMethod.choices,
        default=DisclosureMethod.PROACTIVE,
    )
    disclosure_scope = models.CharField(
        _("disclosure scope (公开范围)"), max_length=16, choices=DisclosureScope.choices, default=DisclosureScope.PUBLIC
    )
    summary = models.TextField(_("summary (内容概述)"), blank=True, max_length=500)
    body = StreamField(ItemBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = disclosure_item_panels()
    subpage_types = []

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

    @classmethod
    def clean_parent_page_models(cls) -> list[type[Page]]:
        """Under any catalogue category, subclasses included, unless ``parent_page_types`` is set."""
        if getattr(cls, "parent_page_types", None) is not None:
            return super().clean_parent_page_models()
        if cls._clean_parent_page_models is None:
            from gi_wagtail.catalogue.models.category import AbstractCatalogueCategoryPage

            cls._clean_parent_page_models = page_models_of(AbstractCatalogueCategoryPage)
        return cls._clean_parent_page_models

    @property
    def is_repealed(self) -> bool:
        return self.validity == Validity.REPEALED

    def _gi_related_items(self, **lookup: Any) -> QuerySet:
        return self.gi_public(type(self).objects.live().filter(**lookup)).order_by("-published_on", "-pk")

    def public_policies(self) -> QuerySet:
        """Live, public policies this item interprets.

        Read through the in-memory relation, so a preview (whose relations are not saved) shows
        what the editor chose.
        """
        relation = getattr(self, "interprets", None)
        ids = [page.pk for page in relation.all()] if relation is not None else []
        return self._gi_related_items(pk__in=ids) if ids else type(self).objects.none()

    def public_interpretations(self) -> QuerySet:
        """Live, public interpretations of this item (the reverse of ``interprets``)."""
        if not self.pk or not hasattr(self, "interprets"):
            return type(self).objects.none()
        return self._gi_related_items(interprets=self.pk)

    def find_agency(self) -> Page | None:
        """The disclosure index (政府信息公开首页) above this item, or None."""
        # The one deferred import of the page tree: the index lists items, an item looks up its index.
        from gi_wagtail.catalogue.models.index import AbstractDisclosureIndexPage

        if not self.path:
            # A page being created in the admin knows its parent (see DisclosureItemAdminForm).
            parent = getattr(self, "_gi_parent_page", None)
            agency = parent.get_ancestors(inclusive=True).type(AbstractDisclosureIndexPage).last() if parent else None
        else:
            agency = self.get_ancestors().type(AbstractDisclosureIndexPage).last()
        return agency.specific if agency else None

    def clean(self) -> None:
        super().clean()
        validate_disclosure_item(self, agency=None if self.agency_id else self.find_agency())

    def with_content_json(self, content: dict[str, Any]) -> AbstractDisclosureItemPage:
        # Revisions never carry the 索引号 back: it stays what the database holds.
        obj = super().with_content_json(content)
        if self.index_no:
            obj.index_no = self.index_no
        obj.agency_id = self.agency_id
        return obj

    def fill_derived_fields(self) -> None:
        """Set the fields computed from others (``publishing.prepare`` calls this on every write, bulk ones too)."""
        self.doc_no_normalised = normalise_doc_no(self.doc_no)

    def save(self, *args: Any, **kwargs: Any) -> Any:
        publishing.prepare([self])  # derived fields, agency, 索引号
        before = publishing.validity_before(self, kwargs.get("update_fields"))
        result = super().save(*args, **kwargs)
        publishing.record_validity(self, before)
        return result


class DisclosureItemPage(AbstractDisclosureItemPage):
    keywords = ClusterTaggableManager(through=ItemKeyword, blank=True, verbose_name=_("keywords (关键词)"))
    interprets = ParentalManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="interpretations",
        verbose_name=_("interprets policies"),
        help_text=_("For a 政策解读: the policies it interprets."),
    )

    content_panels = disclosure_item_panels(keywords=True, attachments=True, interprets=True)

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
    document = models.ForeignKey(
        get_document_model_string(), verbose_name=_("document"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("title"), max_length=255, blank=True, help_text=_("Defaults to the document title."))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    @property
    def display_title(self) -> str:
        return self.title or self.document.title

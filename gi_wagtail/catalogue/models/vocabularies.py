"""Controlled vocabularies and organisations, edited as snippets."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Organisation(index.Indexed, models.Model):
    """A publishing body (发布机构), e.g. 高青县科学技术局."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=100, blank=True, help_text=_("Common abbreviation, e.g. 科技局.")
    )
    org_code = models.CharField(
        _("organisation code"),
        max_length=32,
        blank=True,
        help_text=_("组织机构代码 or 统一社会信用代码, used in 索引号."),
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("org_code"),
        FieldPanel("address"),
        FieldPanel("phone"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("short_name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self):
        return self.name


class TopicClass(models.Model):
    """One class of the gov.cn two-level 主题分类 scheme."""

    name = models.CharField(_("name"), max_length=100)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent class"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    aliases = models.CharField(
        _("aliases"), max_length=255, blank=True, help_text=_("Other names, separated by commas.")
    )

    panels = [FieldPanel("name"), FieldPanel("parent"), FieldPanel("sort_order"), FieldPanel("aliases")]

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [models.UniqueConstraint(fields=["parent", "name"], name="gi_wagtail_topic_unique_name")]
        verbose_name = _("topic class")
        verbose_name_plural = _("topic classes")

    def __str__(self):
        return f"{self.parent.name}\\{self.name}" if self.parent_id else self.name


class Genre(models.Model):
    """体裁 / 公文种类: the 15 official document kinds plus non-公文 genres."""

    name = models.CharField(_("name"), max_length=50, unique=True)
    is_official_document = models.BooleanField(_("official document (公文)"), default=True)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("is_official_document"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("genre")
        verbose_name_plural = _("genres")

    def __str__(self):
        return self.name

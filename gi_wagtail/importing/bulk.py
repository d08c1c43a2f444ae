"""Create many published items in a few queries per chunk instead of ~50 per item.

Every page ends up as Wagtail's own publish leaves it: a valid tree position
(path, depth, parent's numchild, url_path), a live revision, ``wagtail.create``
and ``wagtail.publish`` log entries, reference-index rows, keywords, a 索引号 and
the ``page_published`` signal. ``post_save`` is not sent for these pages (bulk
inserts never send it); the importer indexes them for search itself.

The importer runs this inside a savepoint and falls back to the page-by-page
path for the chunk if anything here fails, so a chunk is never half-written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Cast
from django.utils import timezone
from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.signals import page_published

from gi_wagtail.catalogue import publishing
from gi_wagtail.catalogue.validation import validate_disclosure_item


class BulkUnsupportedError(Exception):
    """The database cannot return the keys of bulk-inserted rows: use the page-by-page path."""


@dataclass
class NewItem:
    page: object  # an unsaved DisclosureItemPage with its fields and in-memory keywords set
    category: Page
    line: int
    source: object = None  # what the caller needs to retry the item on its own


def validation_message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)


def check(items: Sequence[NewItem], agency: Page) -> dict[int, str]:
    """Validate unsaved items without a query per item; return {line: message} for the bad ones."""
    if not items:
        return {}
    model = type(items[0].page)
    numbers = [item.page.index_no for item in items if item.page.index_no]
    taken = set(model._default_manager.filter(agency=agency, index_no__in=numbers).values_list("index_no", flat=True))
    # Foreign keys come from the importer's caches of existing rows: skip their one-query-each validation.
    skip = [f.name for f in model._meta.concrete_fields if f.is_relation] + ["path", "depth", "url_path", "slug"]
    errors = {}
    for item in items:
        try:
            item.page.clean_fields(exclude=skip)
            validate_disclosure_item(item.page, agency=agency, taken_index_nos=taken)
        except ValidationError as error:
            errors[item.line] = validation_message(error)
    return errors


class BulkCreator:
    def __init__(self, agency: Page, user: Any = None) -> None:
        self.agency = agency
        self.user = user

    def create(self, items: list[NewItem]) -> None:
        if not items:
            return
        if not connection.features.can_return_rows_from_bulk_insert:
            raise BulkUnsupportedError
        self.model = type(items[0].page)
        self.content_type = ContentType.objects.get_for_model(self.model)
        self.base_content_type = ContentType.objects.get_for_model(Page)
        self.now = timezone.now()
        pages = [item.page for item in items]
        self._prepare(pages)
        numchild = {item.category.pk: (item.category, item.category.numchild) for item in items}
        try:
            self._write(items, pages)
        except Exception:
            for category, count in numchild.values():  # the caller's cached categories stay true
                category.numchild = count
            raise

    def _write(self, items: list[NewItem], pages: list[Page]) -> None:
        self._place(items)
        # What save() would set: derived fields, agency, 索引号; then the validity event after the insert.
        publishing.prepare(pages, agency=self.agency, categories=[item.category for item in items])
        validity_before = [publishing.validity_before(page) for page in pages]
        Page.objects.bulk_create(pages)  # the Page rows; RETURNING fills in each id
        for page in pages:
            page.page_ptr_id = page.id
            page._state.adding = False
        self._insert_own_rows(pages)
        self._add_children(pages)
        self._add_revisions(pages)
        self._add_references(pages)
        self._log(pages)
        for page, before in zip(pages, validity_before, strict=True):
            publishing.record_validity(page, before)
            page_published.send(sender=self.model, instance=page, revision=page.live_revision)

    # -- steps ------------------------------------------------------------------------------------
    def _place(self, items: list[NewItem]) -> None:
        """Tree positions after each category's current last child; the categories' numchild grows."""
        by_category = {}
        for item in items:
            by_category.setdefault(item.category.pk, (item.category, []))[1].append(item.page)
        for category, pages in by_category.values():
            depth = category.depth + 1
            last = (
                Page.objects.filter(path__startswith=category.path, depth=depth)
                .order_by("-path")
                .values_list("path", flat=True)
                .first()
            )
            step = Page._str2int(last[-Page.steplen :]) if last else 0
            for offset, page in enumerate(pages, start=1):
                page.depth, page.numchild = depth, 0
                page.path = Page._get_path(category.path, depth, step + offset)
                page.url_path = f"{category.url_path}{page.slug}/"
                page.locale_id = category.locale_id
            Page.objects.filter(pk=category.pk).update(numchild=F("numchild") + len(pages))
            category.numchild += len(pages)

    def _prepare(self, pages: list[Page]) -> None:
        for page in pages:
            page.content_type = self.content_type
            page.draft_title = page.title
            page.live, page.has_unpublished_changes = True, False
            page.first_published_at = page.last_published_at = self.now
            page.latest_revision_created_at = self.now
            page.owner = self.user
            # Pin every child relation to its in-memory list while the page has no pk: serialising
            # the revision and scanning references then cost no query per relation.
            for relation in get_all_child_relations(page):
                name = relation.get_accessor_name()
                setattr(page, name, list(getattr(page, name).all()))
            for field in get_all_child_m2m_relations(page):
                if getattr(page, "_cluster_related_objects", {}).get(field.name):
                    raise BulkUnsupportedError(field.name)  # many-to-many rows: left to the page-by-page path
                setattr(page, field.name, [])

    def _insert_own_rows(self, pages: list[Page]) -> None:
        fields = list(self.model._meta.local_concrete_fields)
        batch = max(1, connection.ops.bulk_batch_size(fields, pages))
        for start in range(0, len(pages), batch):
            self.model._base_manager._insert(pages[start : start + batch], fields=fields)

    def _add_revisions(self, pages: list[Page]) -> None:
        revisions = [
            Revision(
                content_type=self.content_type,
                base_content_type=self.base_content_type,
                object_id=str(page.pk),
                created_at=self.now,
                user=self.user,
                content=page.serializable_data(),
                object_str=str(page),
            )
            for page in pages
        ]
        Revision.objects.bulk_create(revisions)
        for page, revision in zip(pages, revisions, strict=False):
            page.latest_revision = page.live_revision = revision
        # Two set-based UPDATEs: Django's bulk_update builds a CASE per row and costs ~1 ms a page.
        newest = (
            Revision.objects.filter(
                base_content_type=self.base_content_type, object_id=Cast(OuterRef("pk"), models.CharField())
            )
            .order_by("-pk")
            .values("pk")[:1]
        )
        changed = Page.objects.filter(pk__in=[page.pk for page in pages])
        changed.update(latest_revision=Subquery(newest))
        changed.update(live_revision=F("latest_revision"))

    def _add_children(self, pages: list[Page]) -> None:
        """Insert the in-memory child objects (keywords, attachments…) with their new parent ids."""
        for relation in get_all_child_relations(pages[0]):
            name, parent_field = relation.get_accessor_name(), relation.field.attname
            rows = []
            for page in pages:
                for child in getattr(page, name).all():
                    setattr(child, parent_field, page.pk)
                    rows.append(child)
            relation.related_model.objects.bulk_create(rows)

    def _add_references(self, pages: list[Page]) -> None:
        if not ReferenceIndex.is_indexed(self.model):
            return
        rows = []
        for page in pages:
            for to_content_type_id, to_object_id, model_path, content_path in set(
                ReferenceIndex._extract_references_from_object(page)
            ):
                rows.append(
                    (
                        self.content_type.pk,
                        self.base_content_type.pk,
                        page.pk,
                        to_content_type_id,
                        to_object_id,
                        model_path,
                        content_path,
                        ReferenceIndex._get_content_path_hash(content_path),
                    )
                )
        insert_rows(
            ReferenceIndex,
            [
                "content_type",
                "base_content_type",
                "object_id",
                "to_content_type",
                "to_object_id",
                "model_path",
                "content_path",
                "content_path_hash",
            ],
            rows,
        )

    def _log(self, pages: list[Page]) -> None:
        uuid = get_active_log_context().uuid
        user_id = self.user.pk if self.user else None
        # As the admin's create then publish: the create entry has no revision, the publish entry has one.
        rows = [
            (
                self.content_type.pk,
                page.get_admin_display_title(),
                action,
                self.now,
                {},
                user_id,
                uuid,
                revision_id,
                True,
                False,
                page.pk,
            )
            for page in pages
            for action, revision_id in (("wagtail.create", None), ("wagtail.publish", page.live_revision.pk))
        ]
        insert_rows(
            PageLogEntry,
            [
                "content_type",
                "label",
                "action",
                "timestamp",
                "data",
                "user",
                "uuid",
                "revision",
                "content_changed",
                "deleted",
                "page",
            ],
            rows,
        )


def insert_rows(model: type[models.Model], field_names: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT many rows without building a model instance for each (thousands per import)."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    prepared = [[f.get_db_prep_save(value, connection) for f, value in zip(fields, row, strict=False)] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, prepared)

"""Turn validated records into catalogue items: drafts submitted for review, or published.

Look-ups (categories, organisations, topics, genres, existing items) are cached
once per run. Records are committed in chunks.

By default (``publish=False``) every new or changed page is saved as the admin saves a
draft and submitted to its disclosure root's workflow (see ``review``), page by page,
each in its own savepoint.

With ``publish=True`` updates go through Wagtail's normal revision/publish path, each in
its own savepoint; new items of a chunk are created together by ``bulk.BulkCreator`` (a
valid tree position, revision, log entries and 索引号 for every page), falling back to one
savepoint per item when the bulk write fails, so every error is reported on its own line.
"""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable, Iterable
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page, Revision, Site, Workflow, WorkflowState
from wagtail.signals import page_published

from gi_wagtail.catalogue.models.category import AbstractCatalogueCategoryPage, CatalogueCategoryPage
from gi_wagtail.catalogue.models.index import DisclosureIndexPage
from gi_wagtail.catalogue.models.item import DisclosureItemPage
from gi_wagtail.catalogue.models.vocabularies import Genre, Organisation, TopicClass
from gi_wagtail.catalogue.publishing import agency_organisation
from gi_wagtail.importing import bulk, review
from gi_wagtail.importing.bulk import NewItem
from gi_wagtail.importing.indexing import deferred_indexing, index_pages
from gi_wagtail.importing.planner import ANALYZE_AFTER, refresh_statistics
from gi_wagtail.importing.readers import RawRecord
from gi_wagtail.importing.records import ItemRecord, RecordError, clean_record
from gi_wagtail.search.models import SearchEntry, SearchEntryText
from gi_wagtail.search.tasks import batched_updates
from gi_wagtail.text.quote import escape, one_line, quote

# Records per commit (one fsync on SQLite per chunk) and per bulk creation of new items.
CHUNK_SIZE = 250

_PATH_SEPARATORS = ("/", ">", "\\")


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    categories_created: int = 0
    submitted: int = 0  # pages (items and new categories) submitted to a review workflow
    unchanged: int = 0  # drafts only: records equal to the item's latest revision, left alone
    errors: list = field(default_factory=list)  # (line, reason)
    index_errors: list = field(default_factory=list)  # search indexing failures (pages are saved)
    dry_run: bool = False
    rolled_back: bool = False
    seconds: float = 0.0

    @property
    def records(self) -> int:
        return self.created + self.updated + self.unchanged + len(self.errors)

    @property
    def items_per_second(self) -> float:
        return (self.created + self.updated) / self.seconds if self.seconds else 0.0


def resolve_root(
    spec: str | int | None = None, create: bool = True, user: Any = None, publish: bool = False
) -> DisclosureIndexPage | None:
    """The disclosure index to import into: ``spec`` (id or slug), the site's first one, or a new one.

    A new one is created under the default site's root page, published or submitted like the items.
    """
    if spec:
        query = Q(slug=spec) | Q(pk=int(spec)) if str(spec).isdigit() else Q(slug=spec)
        root = DisclosureIndexPage.objects.filter(query).first()
        if root is None:
            raise RecordError(_("no disclosure index page %(spec)s") % {"spec": quote(spec)})
        return root
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    roots = DisclosureIndexPage.objects.order_by("path")
    root = (roots.descendant_of(site.root_page, inclusive=True).first() if site else None) or roots.first()
    if root is None and create:
        name = (site.site_name if site else "") or _("Government information disclosure")
        root = DisclosureIndexPage(title="政府信息公开", slug="xxgk", agency_name=name)
        review.create_page(root_parent(), root, user=user, publish=publish)
    return root


def root_parent() -> Page:
    """Where ``resolve_root`` creates a missing disclosure index: the default site's root page."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page if site else Page.get_first_root_node()


class Importer:
    def __init__(
        self,
        root: DisclosureIndexPage | None = None,
        user: Any = None,
        create_categories: bool = False,
        dry_run: bool = False,
        atomic: bool = False,
        publish: bool = False,
    ) -> None:
        self.root = root
        self.user = user
        self.publish = publish
        self._workflows = {}  # category pk -> the workflow its new items are submitted to
        self.create_categories = create_categories
        self.dry_run = dry_run
        self.atomic = atomic
        self.result = ImportResult(dry_run=dry_run)
        self._seen_index = {}
        self.tags = {}
        self._undo = []
        self._to_index = []
        if root is not None:
            self._load_caches()
        else:
            self.categories, self.items_by_index, self.items_by_key = {}, {}, {}
            self._load_vocabularies()

    # -- caches ---------------------------------------------------------
    def _load_caches(self) -> None:
        self.categories = {}
        pages = {p.path: p for p in self.root.get_descendants().type(AbstractCatalogueCategoryPage).specific()}
        for page in sorted(pages.values(), key=lambda p: p.path):
            trail = [a.title for a in self._trail(page, pages)]
            for key in (page.slug, page.title, "/".join(trail)):
                self.categories.setdefault(key, page)
        self.items_by_index, self.items_by_key = {}, {}
        rows = DisclosureItemPage.objects.descendant_of(self.root).values_list(
            "pk", "index_no", "path", "title", "published_on"
        )
        for pk, index_no, path, title, published_on in rows:
            if index_no:
                self.items_by_index[index_no] = pk
            self.items_by_key[(path[: -Page.steplen], title, published_on)] = pk
        self._load_vocabularies()

    def _trail(self, page: Page, pages: dict[str, Page]) -> list[Page]:
        trail, path = [], page.path
        while path in pages:
            trail.insert(0, pages[path])
            path = path[: -Page.steplen]
        return trail

    def _load_vocabularies(self) -> None:
        self.organisations = {}
        for org in Organisation.objects.all():
            for key in (org.name, org.short_name):
                if key:
                    self.organisations.setdefault(key, org)
        self.topics, leaves = {}, {}
        for topic in TopicClass.objects.select_related("parent").order_by("parent_id", "sort_order"):
            names = [topic.name] + [a.strip() for a in topic.aliases.split(",") if a.strip()]
            for name in names:
                if topic.parent_id is None:
                    self.topics.setdefault(name, topic)
                    continue
                for sep in ("\\", "/", ">", "-"):
                    self.topics.setdefault(f"{topic.parent.name}{sep}{name}", topic)
                leaves.setdefault(name, []).append(topic)
        # A bare leaf name (科技) is accepted when unambiguous; top-level classes win over leaves.
        for name, found in leaves.items():
            if len(found) == 1:
                self.topics.setdefault(name, found[0])
        self.genres = {g.name: g for g in Genre.objects.all()}
        for genre in list(self.genres.values()):
            self.genres.setdefault(genre.name.split("（")[0], genre)

    def _remember(self, mapping: dict, key: Any, value: Any) -> None:
        mapping[key] = value
        self._undo.append((mapping, key))

    # -- look-ups -------------------------------------------------------
    def _category(self, spec: str) -> Page | None:
        spec = spec.strip()
        page = self.categories.get(spec)
        if page is not None:
            return page
        if not self.create_categories:
            raise RecordError(
                _("unknown category %(category)s (use --create-categories to create it)") % {"category": quote(spec)}
            )
        if self.dry_run:
            return None
        parts = [spec]
        for sep in _PATH_SEPARATORS:
            if sep in spec:
                parts = [p.strip() for p in spec.split(sep) if p.strip()]
                break
        parent, trail = self.root, []
        for part in parts:
            trail.append(part)
            key = "/".join(trail)
            page = self.categories.get(key) or (self.categories.get(part) if len(trail) == 1 else None)
            if page is None:
                page = CatalogueCategoryPage(title=part[:255], slug=self._slug(part))
                self._submitted(review.create_page(parent, page, user=self.user, publish=self.publish))
                self.result.categories_created += 1
                self._remember(self.categories, key, page)
                self._remember(self.categories, page.slug, page)
            parent = page
        self._remember(self.categories, spec, parent)
        return parent

    def _organisation(self, name: str) -> Organisation | None:
        """The named 发布机构, created if unknown; without a name, the agency of the disclosure root."""
        agency_name = (getattr(self.root, "agency_name", "") or "").strip()
        name = name or agency_name
        if not name:
            return None
        org = self.organisations.get(name)
        if org is None and not self.dry_run:
            org = agency_organisation(self.root) if name == agency_name else Organisation.objects.create(name=name)
            self._remember(self.organisations, name, org)
        return org

    def _topic(self, name: str) -> TopicClass | None:
        if not name:
            return None
        topic = self.topics.get(name.strip())
        if topic is None:
            raise RecordError(_("unknown topic %(topic)s") % {"topic": quote(name)})
        return topic

    def _genre(self, name: str) -> Genre | None:
        if not name:
            return None
        genre = self.genres.get(name.strip())
        if genre is None:
            raise RecordError(_("unknown genre %(genre)s") % {"genre": quote(name)})
        return genre

    @staticmethod
    def _slug(title: str) -> str:
        base = slugify(title, allow_unicode=True)[:60].strip("-")
        return f"{base}-{uuid.uuid4().hex[:8]}" if base else uuid.uuid4().hex[:12]

    # -- writing --------------------------------------------------------
    def _resolve(
        self, record: ItemRecord
    ) -> tuple[Page | None, Organisation | None, TopicClass | None, Genre | None, int | None]:
        """Look-ups for one record: (category, organisation, topic, genre, existing item pk or None)."""
        category = self._category(record.category)
        organisation = self._organisation(record.organisation)
        topic, genre = self._topic(record.topic), self._genre(record.genre)
        if record.index_no:
            if record.index_no in self._seen_index:
                raise RecordError(
                    _("duplicate index number %(index_no)s (already on line %(line)s)")
                    % {"index_no": escape(record.index_no), "line": self._seen_index[record.index_no]}
                )
            self._seen_index[record.index_no] = record.line
        existing = self.items_by_index.get(record.index_no) if record.index_no else None
        if existing is None and category is not None:
            existing = self.items_by_key.get((category.path, record.title, record.published))
        return category, organisation, topic, genre, existing

    def _fill(
        self,
        page: DisclosureItemPage,
        record: ItemRecord,
        organisation: Organisation | None,
        topic: TopicClass | None,
        genre: Genre | None,
    ) -> None:
        page.title = record.title
        page.published_on = record.published
        page.written_on = record.written_on
        page.doc_no = record.doc_no
        page.organisation = organisation
        page.topic = topic
        page.genre = genre
        page.summary = record.summary
        if record.validity:
            page.validity = record.validity
        if record.index_no:
            page.index_no = record.index_no
        page.body = [("paragraph", record.body_html)] if record.body_html else []
        # The through objects directly: ClusterTaggableManager.set() costs ~1 ms a page.
        through = type(page).keywords.through
        setattr(page, self._keyword_relation(through), [through(tag=tag) for tag in self._tags(page, record.keywords)])

    _COMPARED_FIELDS = (
        "title",
        "published_on",
        "written_on",
        "doc_no",
        "organisation_id",
        "topic_id",
        "genre_id",
        "summary",
        "validity",
        "index_no",
    )

    def _content(self, page: DisclosureItemPage) -> list[Any]:
        """What the importer writes to an item, comparable between the page filled from a record and a revision."""
        relation = self._keyword_relation(type(page).keywords.through)
        body = [(child.block_type, child.block.get_prep_value(child.value)) for child in page.body]
        keywords = sorted(item.tag.name for item in getattr(page, relation).all())
        return [getattr(page, name) for name in self._COMPARED_FIELDS] + [body, keywords]

    @staticmethod
    def _keyword_relation(through: type) -> str:
        return through._meta.get_field("content_object").remote_field.get_accessor_name()

    def _tags(self, page: DisclosureItemPage, names: list[str]) -> list[Any]:
        """Tag objects for keyword names, looked up or created once per run (taggit queries per call)."""
        missing = [name for name in names if name not in self.tags]
        if missing:
            found = page.keywords._to_tag_model_instances(missing, {})
            by_name = {tag.name.lower(): tag for tag in found}
            for name in missing:  # forgotten again if this record's savepoint rolls back
                self._remember(self.tags, name, by_name.get(name.lower()))
        return [self.tags[name] for name in names if self.tags[name] is not None]

    def _route(self, record: ItemRecord, pending: list[NewItem]) -> None:
        """Dry-run count, update in place, or queue a new item for the chunk's bulk creation."""
        if self.dry_run:
            try:
                self._count(self._resolve(record)[-1])
            except RecordError as exc:
                self._failed(record, exc, len(self._to_index))
            return
        if self._is_pending(record, pending):
            self._create_bulk(pending)  # the record updates an item of this chunk: create that first
        mark = len(self._to_index)
        self._undo = []
        try:
            with transaction.atomic():  # undoes a category or organisation created for a bad record
                category, organisation, topic, genre, existing = self._resolve(record)
                if existing:
                    self._update(existing, record, category, organisation, topic, genre)
                else:
                    page = DisclosureItemPage(slug=self._slug(record.title), live=False)
                    self._fill(page, record, organisation, topic, genre)
                    pending.append(NewItem(page, category, record.line, source=(record, organisation, topic, genre)))
        except Exception as exc:  # noqa: BLE001 — a bad record must not stop the others
            self._failed(record, exc, mark)

    def _is_pending(self, record: ItemRecord, pending: list[NewItem]) -> bool:
        category = self.categories.get(record.category.strip())
        key = (category.path, record.title, record.published) if category is not None else None
        return any(
            (record.index_no and item.page.index_no == record.index_no)
            or key == (item.category.path, item.page.title, item.page.published_on)
            for item in pending
        )

    def _update(
        self,
        existing: int,
        record: ItemRecord,
        category: Page,
        organisation: Organisation | None,
        topic: TopicClass | None,
        genre: Genre | None,
    ) -> None:
        page = DisclosureItemPage.objects.get(pk=existing)
        # (the latest revision may be the page object itself: compared before the record fills it in)
        latest = None if self.publish else self._content(page.get_latest_revision_as_object())
        self._fill(page, record, organisation, topic, genre)
        if page.get_parent().pk != category.pk:
            page.move(category, pos="last-child", user=self.user)
            page.refresh_from_db(fields=["path", "depth", "url_path"])
        elif latest is not None and self._content(page) == latest:
            # Nothing new for the reviewers: no revision, no new submission.
            self.result.unchanged += 1
            return
        if self.publish:
            page.save_revision(user=self.user, log_action=True).publish(user=self.user)
        else:
            self._submitted(review.save_draft(page, self.user, page.get_workflow()))
        self._to_index.append(page)
        self._count(existing)

    def _create_bulk(self, pending: list[NewItem]) -> None:
        """Create the queued new items together; if that fails, one by one so each error names its line."""
        items, pending[:] = list(pending), []
        errors = bulk.check(items, self.root)
        for item in items:
            if item.line in errors:
                self.result.errors.append((item.line, errors[item.line]))
        items = [item for item in items if item.line not in errors]
        if not items:
            return
        if not self.publish:  # drafts are written as the admin writes them, page by page
            for item in items:
                self._create_one(item)
            return
        try:
            with transaction.atomic():
                bulk.BulkCreator(self.root, self.user).create(items)
        except Exception:  # noqa: BLE001 — retried below, record by record
            for item in items:
                self._create_one(item)
            return
        for item in items:
            self._created(item.page, item.category, item.source[0])

    def _create_one(self, item: NewItem) -> None:
        record, organisation, topic, genre = item.source
        page = DisclosureItemPage(slug=self._slug(record.title), live=False)
        mark = len(self._to_index)
        try:
            with transaction.atomic():
                self._fill(page, record, organisation, topic, genre)
                if self.publish:
                    self._create_live(page, item.category)
                else:
                    page.agency = self.root
                    self._submitted(
                        review.create_page(item.category, page, user=self.user, workflow=self._workflow(item.category))
                    )
                self._created(page, item.category, record)
        except Exception as exc:  # noqa: BLE001
            self._failed(record, exc, mark)

    def _created(self, page: DisclosureItemPage, category: Page, record: ItemRecord) -> None:
        self._to_index.append(page)
        self._count(None)
        if page.index_no:
            self.items_by_index[page.index_no] = page.pk
        self.items_by_key[(category.path, record.title, record.published)] = page.pk

    def _submitted(self, state: WorkflowState | None) -> None:
        if state is not None:
            self.result.submitted += 1

    def _workflow(self, category: Page) -> Workflow | None:
        if category.pk not in self._workflows:
            self._workflows[category.pk] = category.get_workflow()
        return self._workflows[category.pk]

    def _count(self, existing: int | None) -> None:
        if existing:
            self.result.updated += 1
        else:
            self.result.created += 1

    def _failed(self, record: ItemRecord, exc: Exception, mark: int) -> None:
        del self._to_index[mark:]
        self._rollback_caches()
        reason = str(exc) if isinstance(exc, RecordError) else one_line(f"{type(exc).__name__}: {exc}", 300)
        self.result.errors.append((record.line, reason))

    def _create_live(self, page: DisclosureItemPage, category: Page) -> None:
        """Insert one new page already published: one save instead of save + revision save + publish save.

        The result is what creating and publishing in the admin leaves behind: live, a live
        revision, create and publish log entries and the page_published signal.
        """
        now = timezone.now()
        page.live, page.has_unpublished_changes = True, False
        page.first_published_at = page.last_published_at = now
        page.owner = self.user
        page.agency = self.root
        category.add_child(instance=page)
        revision = Revision.objects.create(
            content_object=page,
            base_content_type=page.get_base_content_type(),
            user=self.user,
            content=page.serializable_data(),
            object_str=str(page),
        )
        page.latest_revision = page.live_revision = revision
        page.latest_revision_created_at = revision.created_at
        Page.objects.filter(pk=page.pk).update(
            latest_revision=revision, live_revision=revision, latest_revision_created_at=revision.created_at
        )
        # add_child's save already logged wagtail.create, as the admin's create does
        log(instance=page, action="wagtail.publish", user=self.user, revision=revision, content_changed=True)
        page_published.send(sender=type(page), instance=page, revision=revision)

    def _flush_index(self) -> None:
        if self._to_index:
            pages, self._to_index = self._to_index, []
            try:
                index_pages(pages)
            except Exception as exc:  # noqa: BLE001 — the pages are saved; only the index lags
                self.result.index_errors.append(f"{type(exc).__name__}: {exc}"[:300])

    def _clean(self, raw: RawRecord) -> ItemRecord | None:
        """The validated record, or None after recording why the raw record is bad."""
        if raw.error:
            self.result.errors.append((raw.line, raw.error))
            return None
        try:
            return clean_record(raw.line, raw.data)
        except RecordError as exc:
            self.result.errors.append((raw.line, str(exc)))
            return None

    def _rollback_caches(self) -> None:
        for mapping, key in self._undo:
            mapping.pop(key, None)
        self._undo = []

    def _import_chunk(self, raws: list[RawRecord], progress: Callable[[ImportResult], object] | None) -> None:
        pending = []
        with transaction.atomic(), batched_updates():  # the chunk's outbox rows commit with it
            for raw in raws:
                record = self._clean(raw)
                if record is not None:
                    self._route(record, pending)
                if progress:
                    progress(self.result)
            self._create_bulk(pending)

    def run(
        self, raw_records: Iterable[RawRecord], progress: Callable[[ImportResult], object] | None = None
    ) -> ImportResult:
        started = time.perf_counter()
        with deferred_indexing():
            self._run(raw_records, progress)
        self.result.errors.sort(key=lambda error: error[0])  # bulk validation reports a chunk's errors late
        if (
            not self.dry_run
            and not self.result.rolled_back
            and self.result.created + self.result.updated >= ANALYZE_AFTER
        ):
            refresh_statistics([Page, DisclosureItemPage, SearchEntry, SearchEntryText])
        self.result.seconds = time.perf_counter() - started
        return self.result

    def _run(self, raw_records: Iterable[RawRecord], progress: Callable[[ImportResult], object] | None) -> None:
        records = iter(raw_records)
        with transaction.atomic() if self.atomic else nullcontext():
            while chunk := list(itertools.islice(records, CHUNK_SIZE)):
                self._import_chunk(chunk, progress)
                if not self.atomic:
                    self._flush_index()
            if self.atomic and self.result.errors and not self.dry_run:
                transaction.set_rollback(True)
                self.result.rolled_back = True
                self._to_index = []
        self._flush_index()

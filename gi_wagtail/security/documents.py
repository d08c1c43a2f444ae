"""Attachments follow the review of the pages that use them.

A document that a page uses only in content the public cannot see yet (a draft, a page in review, a
private page, an unpublished draft revision of a live page) is not served at ``/documents/<id>/<name>``:
the public gets a 404, as if the URL did not exist. Editors who may edit one of those pages still
download it. A document used by no page, or by a live page the visitor may view, is served as before.

Which pages use a document comes from Wagtail's reference index (the pages' saved content, inline
attachments and rich-text links included) and from the latest revisions saved since the document was
uploaded (a draft that attaches a new file changes no saved content until it is published).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.models import Page, ReferenceIndex, Revision


@dataclass
class DocumentUse:
    """The pages using a document: ``saved`` through their stored content, ``drafted`` only in a later revision."""

    saved: list[Page] = field(default_factory=list)
    drafted: list[Page] = field(default_factory=list)

    @property
    def pages(self) -> list[Page]:
        return self.saved + self.drafted

    @property
    def live_pages(self) -> list[Page]:
        """Pages that show the document to their visitors now (a live page's stored content is its live content)."""
        return [page for page in self.saved if page.live]


def _saved_users(document: object) -> list[Page]:
    page_type = ContentType.objects.get_for_model(Page)
    ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
    }
    return list(Page.objects.filter(pk__in=ids)) if ids else []


def _references(obj: object, document: object) -> bool:
    doc_type = ContentType.objects.get_for_model(type(document))
    wanted = {doc_type.pk, ReferenceIndex._get_base_content_type(document).pk}
    for content_type_id, object_id, _model_path, _content_path in ReferenceIndex._extract_references_from_object(obj):
        if content_type_id in wanted and str(object_id) == str(document.pk):
            return True
    return False


def _drafted_users(document: object, known: Iterable[int]) -> list[Page]:
    # Only pages with a pending draft can use a document in a revision but not in their saved content, and
    # only revisions saved after the upload can name it; the id must appear in the revision's text.
    drafts = Page.objects.filter(has_unpublished_changes=True, latest_revision__isnull=False).exclude(
        pk__in=list(known)
    )
    revisions = Revision.page_revisions.filter(
        pk__in=drafts.values("latest_revision"), content__icontains=str(document.pk)
    )
    created_at = getattr(document, "created_at", None)
    if created_at is not None:
        revisions = revisions.filter(created_at__gte=created_at)
    pages = []
    for revision in revisions.select_related("content_type"):
        try:
            draft = revision.as_object()
        except Exception:  # noqa: BLE001 a revision from an older schema that no longer loads: skip it
            continue
        if _references(draft, document):
            pages.append(Page.objects.get(pk=revision.object_id))
    return pages


def document_use(document: object) -> DocumentUse:
    saved = _saved_users(document)
    return DocumentUse(saved=saved, drafted=_drafted_users(document, [page.pk for page in saved]))


def published_users(document: object) -> list[Page]:
    """Live pages whose content uses the document (what a file replacement would change without review)."""
    return [page for page in _saved_users(document) if page.live]


def _may_view(page: Page, request: HttpRequest) -> bool:
    return page.live and all(restriction.accept_request(request) for restriction in page.get_view_restrictions())


def _may_edit(pages: Iterable[Page], request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return False
    return any(page.specific_deferred.permissions_for_user(user).can_edit() for page in pages)


def before_serve_document(document: object, request: HttpRequest) -> HttpResponse | None:
    """``before_serve_document`` hook: a 404, as for a wrong URL, unless this visitor may see the document.

    Deciding on a restricted document reads the visitor's session, so Django marks the response
    ``Vary: Cookie``: a shared cache keeps what an editor downloaded apart from what the public gets.
    """
    use = document_use(document)
    if not use.pages:
        return None  # not used by any page: as before
    live = use.live_pages
    if any(not page.get_view_restrictions() for page in live):
        return None  # published on a public page
    if any(_may_view(page, request) for page in live) or _may_edit(use.pages, request):
        return None  # a visitor let into the private page, or an editor of a page using it
    raise Http404("No document matches the given query.")

"""The reviewer's admin listing: pages waiting for the current user's 保密审查 or 领导审签 decision.

A 保密审查员 holds no page permission, so Wagtail's page listings (the explorer, the catalogue
item listing) show them nothing. This listing is built from the review tasks instead: it shows
what the user may decide on now, never their own submissions.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Cast
from django.http import HttpRequest, HttpResponseBase
from django.urls import URLPattern
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, UserColumn
from wagtail.admin.ui.tables.pages import PageStatusColumn, PageTitleColumn, ParentPageColumn
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Page, WorkflowState

from gi_wagtail.review.models import AbstractReviewTask
from gi_wagtail.review.queue import pages_awaiting_review, prime_current_tasks, request_user_is_reviewer, review_tasks


def _with_review_state(pages: QuerySet[Page]) -> QuerySet[Page]:
    """Annotate the current review step, since when it waits, and who submitted (one query)."""
    current = WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        status=WorkflowState.STATUS_IN_PROGRESS,
    )
    return pages.annotate(
        gi_review_step=Subquery(current.values("current_task_state__task__name")[:1]),
        gi_review_since=Subquery(current.values("current_task_state__started_at")[:1]),
        gi_submitted_by_id=Subquery(current.values("requested_by_id")[:1]),
    )


class ReviewQueueIndexView(IndexView):
    # Reviewers hold no page permission: the review tasks decide who may open this listing.
    any_permission_required = None
    template_name = "gi_wagtail/admin/review/queue.html"
    is_searchable = False
    default_ordering = "gi_review_since"
    page_title = _("Waiting for my review")
    base_columns = [
        PageTitleColumn("title", label=_("Title"), sort_key="title", classname="title"),
        ParentPageColumn("parent", label=_("Parent")),
        Column("gi_review_step", label=_("Review step"), sort_key="gi_review_step", width="12%"),
        UserColumn("gi_submitted_by", label=_("Submitted by"), width="14%"),
        DateColumn("gi_review_since", label=_("In review since"), sort_key="gi_review_since", width="14%"),
        PageStatusColumn("status", label=_("Status"), sort_key="live", width="12%"),
    ]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not request_user_is_reviewer(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_add_url(self) -> None:
        return None  # a queue of submissions: nothing is created here

    @cached_property
    def review_tasks(self) -> list[AbstractReviewTask]:
        return review_tasks()

    def get_base_queryset(self) -> QuerySet[Page]:
        pages = pages_awaiting_review(self.request.user, self.review_tasks)
        return self.annotate_queryset(_with_review_state(pages))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        pages = list(context["object_list"])
        prime_current_tasks(pages, self.review_tasks)
        submitters = {page.gi_submitted_by_id for page in pages} - {None}
        users = get_user_model().objects.select_related("wagtail_userprofile").in_bulk(submitters)
        for page in pages:
            page.gi_submitted_by = users.get(page.gi_submitted_by_id)
        return context


class ReviewQueueMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return request_user_is_reviewer(request)


class ReviewQueueViewSet(PageListingViewSet):
    """待我审查: the listing behind the reviewer's menu entry."""

    model = Page
    name = "gi_wagtail_review_queue"
    icon = "tasks"
    menu_label = _("Waiting for my review")
    menu_order = 205
    add_to_admin_menu = True
    index_view_class = ReviewQueueIndexView
    menu_item_class = ReviewQueueMenuItem
    filterset_class = None

    def get_urlpatterns(self) -> list[URLPattern]:
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "choose_parent"]

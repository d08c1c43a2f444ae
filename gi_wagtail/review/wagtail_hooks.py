"""Admin hooks for the review workflow: audit-log formatting, the reviewer save guard, the reviewer's menu."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets import viewsets
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.log_actions import LogActionRegistry, LogFormatter
from wagtail.models import Page, PageLogEntry, get_page_models
from wagtail.permissions import page_permission_policy

from gi_wagtail.catalogue.models.base import GiPage
from gi_wagtail.review.models import REVIEW_LOG_ACTION, AbstractReviewTask, ReviewDecision
from gi_wagtail.review.personal_data import counts_text, findings_for
from gi_wagtail.review.viewsets import ReviewQueueViewSet


@hooks.register("register_log_actions")
def register_review_log_actions(actions: LogActionRegistry) -> None:
    @actions.register_action(REVIEW_LOG_ACTION)
    class ReviewDecisionFormatter(LogFormatter):
        label = gettext_lazy("Review decision")

        def format_message(self, log_entry: PageLogEntry) -> str:
            data = log_entry.data or {}
            try:
                decision = ReviewDecision(data.get("decision")).label
            except ValueError:
                decision = data.get("decision", "")
            return _("%(task)s: %(decision)s, signed by %(name)s") % {
                "task": (data.get("task") or {}).get("title", ""),
                "decision": decision,
                "name": data.get("reviewer_name", ""),
            }

        def format_comment(self, log_entry: PageLogEntry) -> str:
            data = log_entry.data or {}
            override = (data.get("personal_data") or {}).get("override_reason")
            if override:
                return _("%(reason)s (personal data published because: %(override)s)") % {
                    "reason": data.get("reason", ""),
                    "override": override,
                }
            return data.get("reason", "")


def _holds_edit_permission(page: Page, user: Any) -> bool:
    if user.is_superuser:
        return True
    tester = page.permissions_for_user(user)
    return "change" in tester.permissions or ("add" in tester.permissions and page.owner_id == user.pk)


@hooks.register("before_edit_page")
def refuse_reviewer_content_changes(request: HttpRequest, page: Page) -> HttpResponse | None:
    """A reviewer reaches the editor only through the review task: they decide, they never edit.

    A workflow action sent from the editor is performed on the revision under
    review without saving the submitted form, so the reviewed text is what gets published.
    """
    if request.method != "POST" or _holds_edit_permission(page, request.user):
        return None
    task = page.current_workflow_task
    if not isinstance(task, AbstractReviewTask) or not request.POST.get("action-workflow-action"):
        raise PermissionDenied
    action = request.POST.get("workflow-action-name")
    if action not in [name for name, _label, _modal in task.get_actions(page, request.user)]:
        raise PermissionDenied
    try:
        extra = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        raise PermissionDenied from None
    if not isinstance(extra, dict):
        raise PermissionDenied
    task.on_action(page.current_workflow_task_state, request.user, action, **extra)
    messages.success(request, _("Your decision has been recorded."))
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_of_personal_data_on_submit(request: HttpRequest, page: Page) -> None:
    """Tell the editor who submits an item for review what personal data the 保密审查 will find in it."""
    if request.method != "POST" or not request.POST.get("action-submit"):
        return
    findings = findings_for(page.get_latest_revision_as_object())
    if findings:
        messages.warning(
            request,
            _(
                "Possible personal data in this item: %(counts)s. The secrecy review (保密审查) will not approve "
                "it without a recorded reason; remove it unless publishing it is lawful."
            )
            % {"counts": counts_text(findings)},
        )


@hooks.register("register_admin_viewset")
def register_review_queue() -> ReviewQueueViewSet:
    return ReviewQueueViewSet()


def _can_open(viewset: PageListingViewSet, user: Any) -> bool:
    required = viewset.index_view_class.any_permission_required
    return required is None or page_permission_policy.user_has_any_permission(user, required)


@hooks.register("construct_main_menu")
def hide_page_listings_the_user_cannot_open(request: HttpRequest, menu_items: list[MenuItem]) -> None:
    """Wagtail shows a page listing's menu entry to everyone and refuses the listing to users without a
    page permission: a 保密审查员 saw 公开目录条目 and was sent back to the dashboard. Their entry is
    待我审查 (ReviewQueueViewSet) instead. Only gi_wagtail's own listings are touched.
    """
    hidden = {
        viewset.menu_url
        for viewset in viewsets.viewsets
        if isinstance(viewset, PageListingViewSet)
        and type(viewset).__module__.startswith("gi_wagtail.")
        and viewset.add_to_admin_menu
        and not _can_open(viewset, request.user)
    }
    menu_items[:] = [item for item in menu_items if getattr(item, "url", None) not in hidden]


# Wagtail 8 routes the editor's Preview panel through a per-page-type viewset whose preview view
# also requires the model-wide "change" permission, so a 保密审查员 (who opens the editor through
# the review task, see AbstractReviewTask.user_can_access_editor) saw an empty panel. The page-level
# check in the view's get_object (can_edit(), which includes task reviewers) still applies.
# Wagtail 7.4 routes Preview outside the viewsets and makes no model-wide check.
try:
    from wagtail.admin.views.pages.preview import PreviewOnEditView
    from wagtail.admin.viewsets.pages import PageViewSet, page_viewset_registry
except ImportError:  # Wagtail 7.4
    PageViewSet = None


if PageViewSet is not None and hasattr(PageViewSet, "preview_on_edit_view_class"):

    class ReviewerPreviewOnEditView(PreviewOnEditView):
        permission_required = None

    class ReviewedPageViewSet(PageViewSet):
        """Base for an integrator's own viewset of a gi_wagtail page type: keeps the reviewers' preview."""

        preview_on_edit_view_class = ReviewerPreviewOnEditView

    def _viewset_name(model: type[Page]) -> str:
        meta = model._meta
        return (
            f"gi_wagtail_reviewed_{meta.model_name}"
            if meta.app_label == "gi_wagtail"
            else f"gi_wagtail_reviewed_{meta.app_label}_{meta.model_name}"
        )

    @hooks.register("register_admin_viewset")
    def register_reviewed_page_viewsets() -> list[ReviewedPageViewSet]:
        # Every gi_wagtail page type, an integrator's subclasses included; a type that already has its own
        # viewset keeps it (base it on ReviewedPageViewSet to keep the reviewers' preview).
        return [
            ReviewedPageViewSet(_viewset_name(model), model=model)
            for model in get_page_models()
            if issubclass(model, GiPage) and model not in page_viewset_registry.values_by_class
        ]

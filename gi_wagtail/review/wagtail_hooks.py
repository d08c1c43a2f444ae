"""Admin hooks for the review workflow: audit-log formatting and the reviewer save guard."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogFormatter

from gi_wagtail.review.models import REVIEW_LOG_ACTION, AbstractReviewTask, ReviewDecision


@hooks.register("register_log_actions")
def register_review_log_actions(actions):
    @actions.register_action(REVIEW_LOG_ACTION)
    class ReviewDecisionFormatter(LogFormatter):
        label = gettext_lazy("Review decision")

        def format_message(self, log_entry):
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

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")


def _holds_edit_permission(page, user):
    if user.is_superuser:
        return True
    tester = page.permissions_for_user(user)
    return "change" in tester.permissions or ("add" in tester.permissions and page.owner_id == user.pk)


@hooks.register("before_edit_page")
def refuse_reviewer_content_changes(request, page):
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
        raise PermissionDenied
    if not isinstance(extra, dict):
        raise PermissionDenied
    task.on_action(page.current_workflow_task_state, request.user, action, **extra)
    messages.success(request, _("Your decision has been recorded."))
    return redirect("wagtailadmin_pages:edit", page.pk)


# Wagtail 8 routes the editor's Preview panel through a per-page-type viewset whose preview view
# also requires the model-wide "change" permission, so a 保密审查员 (who opens the editor through
# the review task, see AbstractReviewTask.user_can_access_editor) saw an empty panel. The page-level
# check in the view's get_object (can_edit(), which includes task reviewers) still applies.
# Wagtail 7.4 routes Preview outside the viewsets and makes no model-wide check.
try:
    from wagtail.admin.viewsets.pages import PageViewSet
    from wagtail.admin.views.pages.preview import PreviewOnEditView
except ImportError:  # Wagtail 7.4
    PageViewSet = None


if PageViewSet is not None and hasattr(PageViewSet, "preview_on_edit_view_class"):

    class ReviewerPreviewOnEditView(PreviewOnEditView):
        permission_required = None

    class ReviewedPageViewSet(PageViewSet):
        preview_on_edit_view_class = ReviewerPreviewOnEditView

    @hooks.register("register_admin_viewset")
    def register_reviewed_page_viewsets():
        from gi_wagtail.models import AnnualReportPage, CatalogueCategoryPage, DisclosureIndexPage, DisclosureItemPage

        return [
            ReviewedPageViewSet(f"gi_wagtail_reviewed_{model._meta.model_name}", model=model)
            for model in (DisclosureIndexPage, CatalogueCategoryPage, DisclosureItemPage, AnnualReportPage)
        ]

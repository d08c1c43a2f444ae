"""What happens when the 信息公开发布审核 workflow is approved: the reviewed revision is published.

Set ``WAGTAIL_FINISH_WORKFLOW_ACTION = "gi_wagtail.review.finish.publish_reviewed_revision"``.
Wagtail's default publishes the *latest* revision as the approving user, so it
fails (403) when the last reviewer holds no publish permission, which is the
case for 保密审查员 in a workflow without 领导审签, and it would publish a draft
saved after the review.
"""

# Wagtail imports this module while it defines WorkflowState: models are imported in the functions
# (the only deferred imports left in review/), and only for type checkers up here.
from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from wagtail.models import TaskState, WorkflowState

SETTING_VALUE = "gi_wagtail.review.finish.publish_reviewed_revision"


def _approved_by_reviewer(task_state: TaskState, user: Any) -> bool:
    from wagtail.models import TaskState

    from gi_wagtail.review.models import AbstractReviewTask, is_own_submission

    task = task_state.task.specific
    return (
        isinstance(task, AbstractReviewTask)
        and user is not None
        and task_state.status == TaskState.STATUS_APPROVED
        and task_state.finished_by_id == user.pk
        and task.user_is_reviewer(user)
        and not is_own_submission(task_state, user)
    )


def publish_reviewed_revision(workflow_state: WorkflowState, user: Any = None) -> None:
    """Publish the revision the last reviewer approved (Wagtail's default action for anything else)."""
    from wagtail.workflows import publish_workflow_state

    task_state = workflow_state.current_task_state
    if task_state is None or task_state.revision is None or not _approved_by_reviewer(task_state, user):
        publish_workflow_state(workflow_state, user=user)
        return
    # The last review task's group is the publication authority: its approval is the permission.
    task_state.revision.publish(user=user, skip_permission_checks=True)

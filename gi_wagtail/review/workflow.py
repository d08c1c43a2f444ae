"""The default 信息公开发布审核 workflow: 保密审查, then (optionally) 领导审签."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from wagtail.models import Page, Workflow, WorkflowPage, WorkflowTask

from gi_wagtail.review.models import LeaderSignOffTask, SecrecyReviewTask
from gi_wagtail.review.setup import MANAGERS, REVIEWERS, disclosure_roots, setup_groups

WORKFLOW_NAME = "信息公开发布审核"
SECRECY_TASK_NAME = "保密审查"
LEADER_TASK_NAME = "领导审签"


@transaction.atomic
def setup_workflow(roots: Iterable[Page] | None = None, leader_sign_off: bool = True) -> Workflow:
    """Create (or complete) the workflow and assign it to ``roots``; idempotent. Returns the workflow."""
    roots = disclosure_roots() if roots is None else list(roots)
    groups = setup_groups(roots)
    review, _created = SecrecyReviewTask.objects.get_or_create(name=SECRECY_TASK_NAME)
    review.groups.add(groups[REVIEWERS])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.update_or_create(workflow=workflow, task=review, defaults={"sort_order": 0})
    leader, _created = LeaderSignOffTask.objects.get_or_create(name=LEADER_TASK_NAME)
    leader.groups.add(groups[MANAGERS])
    if leader_sign_off:
        WorkflowTask.objects.update_or_create(workflow=workflow, task=leader, defaults={"sort_order": 1})
    else:
        WorkflowTask.objects.filter(workflow=workflow, task=leader).delete()
    for root in roots:
        WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    return workflow

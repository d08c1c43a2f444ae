"""Who reviews, and what waits for them: the queries behind the reviewer's listing and menu entry."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import HttpRequest
from wagtail.models import Page, Task, TaskState

from gi_wagtail.review.models import AbstractReviewTask


def review_task_models() -> list[type[AbstractReviewTask]]:
    """Every concrete review task type (保密审查, 领导审签 and any subclass)."""
    return [model for model in apps.get_models() if issubclass(model, AbstractReviewTask)]


def review_tasks() -> list[AbstractReviewTask]:
    """The active review tasks, each in its own class."""
    types = ContentType.objects.get_for_models(*review_task_models(), for_concrete_models=False).values()
    return list(Task.objects.filter(active=True, content_type__in=types).specific())


def is_reviewer(user: Any) -> bool:
    """True when ``user`` decides in at least one active review task (as AbstractReviewTask.user_is_reviewer)."""
    if not (user.is_authenticated and user.is_active):
        return False
    for model in review_task_models():
        tasks = model.objects.filter(active=True)
        if not user.is_superuser:
            tasks = tasks.filter(groups__in=user.groups.all())
        if tasks.exists():
            return True
    return False


def request_user_is_reviewer(request: HttpRequest) -> bool:
    """``is_reviewer`` for the request's user, asked once per request (the menu asks on every admin page)."""
    if not hasattr(request, "_gi_wagtail_is_reviewer"):
        request._gi_wagtail_is_reviewer = is_reviewer(request.user)
    return request._gi_wagtail_is_reviewer


def pages_awaiting_review(user: Any, tasks: list[AbstractReviewTask] | None = None) -> QuerySet[Page]:
    """Pages whose current review task ``user`` may decide on (own submissions and revisions excluded)."""
    states = TaskState.objects.none()
    for task in review_tasks() if tasks is None else tasks:
        states = states | task.get_task_states_user_can_moderate(user)
    page_type = ContentType.objects.get_for_model(Page)
    ids = states.filter(workflow_state__base_content_type=page_type).values_list("workflow_state__object_id", flat=True)
    return Page.objects.filter(pk__in=[int(pk) for pk in ids])


def prime_current_tasks(pages: list[Page], tasks: list[AbstractReviewTask]) -> None:
    """Load the pages' current task states in their own class at once, with their (already loaded) tasks.

    Wagtail's page title column asks every row whether the user may edit it, which for a reviewer
    reads the current task state and task in their specific classes: two queries a row otherwise.
    """
    states = [
        workflow_state.current_task_state
        for page in pages
        for workflow_state in getattr(page, "_current_workflow_states", [])[:1]
        if workflow_state.current_task_state is not None
    ]
    specific = {state.pk: state for state in TaskState.objects.filter(pk__in=[s.pk for s in states]).specific()}
    by_id = {task.pk: task for task in tasks}
    for state in states:
        loaded = specific.get(state.pk)
        if loaded is None:
            continue
        if loaded.task_id in by_id:
            loaded.task = by_id[loaded.task_id]
        state.__dict__["specific"] = loaded

"""How an import meets the review workflow: pages are written as the admin writes them.

Without ``--publish`` nothing goes live: new and changed pages are saved as drafts (a new
revision, ``wagtail.create``/``wagtail.edit`` log entries) and submitted to the workflow of their
disclosure root (``wagtail.workflow.start``), as the admin's "Submit for moderation" does.
``--publish`` publishes at once, for a user holding publish permission there.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from wagtail.models import Page, Workflow, WorkflowState

from gi_wagtail.importing.records import RecordError

_PARENTS_WORKFLOW = object()


def check_permission(target: Page, user: Any, publish: bool, creates_root: bool = False) -> None:
    """Refuse (RecordError) an import ``user`` may not do under ``target``, before anything is written.

    ``target`` is the disclosure root, or the page a missing root will be created under
    (``creates_root``). Publishing needs a user with publish permission there (Wagtail's page
    permission policy, not ``is_superuser``); drafts by a named user need add permission.
    """
    if publish and user is None:
        raise RecordError(
            _(
                "--publish needs --user: the username of someone allowed to publish under “%(page)s”. "
                "Without --publish the items are saved as drafts and submitted for review."
            )
            % {"page": target.title}
        )
    if user is None:
        return
    tester = target.permissions_for_user(user)
    if publish:
        allowed = tester.can_publish_subpage() if creates_root else tester.can_publish()
        message = _(
            "%(user)s may not publish pages under “%(page)s”; nothing was imported. "
            "Import without --publish to submit the items for review, or use a user with publish permission."
        )
    else:
        allowed = tester.can_add_subpage()
        message = _("%(user)s may not add pages under “%(page)s”; nothing was imported.")
    if not allowed:
        raise RecordError(message % {"user": user.get_username(), "page": target.title})


def create_page(
    parent: Page,
    page: Page,
    user: Any = None,
    publish: bool = False,
    workflow: Workflow | object | None = _PARENTS_WORKFLOW,
) -> WorkflowState | None:
    """Add ``page`` under ``parent`` as the admin's create view does, then publish it or submit it.

    ``workflow`` saves looking up the parent's workflow again for every page of a category.
    Returns the workflow state the page was submitted to, or None.
    """
    page.owner = user
    page.live = False
    parent.add_child(instance=page)  # logs wagtail.create
    revision = page.save_revision(user=user, log_action=True, clean=False)
    if publish:
        revision.publish(user=user)
        page.refresh_from_db(
            fields=[
                "live",
                "has_unpublished_changes",
                "live_revision",
                "first_published_at",
                "last_published_at",
                "url_path",
            ]
        )
        return None
    return submit(page, user, parent.get_workflow() if workflow is _PARENTS_WORKFLOW else workflow, new=True)


def save_draft(page: Page, user: Any, workflow: Workflow | None) -> WorkflowState | None:
    """A new revision of an existing page, as the admin's "Save draft" then "Submit for moderation".

    Returns the workflow state the page was submitted to, or None.
    """
    if not page.live:
        page.save()  # a page never published keeps its fields on the row too, as the edit view saves it
    page.save_revision(user=user, log_action=True)
    return submit(page, user, workflow)


def submit(page: Page, user: Any, workflow: Workflow | None, new: bool = False) -> WorkflowState | None:
    """Submit ``page`` to ``workflow`` (None: no review configured, the page stays a draft).

    A page already under review keeps its workflow, and the new draft waits for a later
    submission: the admin only lets a page in moderation be saved. A page sent back for changes
    is resubmitted to the same task. Returns the state submitted to, or None.
    """
    if workflow is None:
        return None
    state = None if new else page.current_workflow_state
    if state is None:
        return workflow.start(page, user)
    if state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user)
        return state
    return None

"""Review steps for the 信息公开发布审核 workflow: 保密审查 and 领导审签.

Both are group approval tasks whose decision (通过 / 不通过), reason and
reviewer name are stored on the task state and written to the audit log.
Nobody may decide on a submission they made or on a revision they wrote.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import AbstractGroupApprovalTask, Revision, TaskState

from gi_wagtail.review import personal_data
from gi_wagtail.review.forms import ApprovalDecisionForm, ReviewDecisionForm

REVIEW_LOG_ACTION = "gi_wagtail.review_decision"


class ReviewDecision(models.TextChoices):
    APPROVED = "approved", _("Approved (通过)")
    REJECTED = "rejected", _("Not approved (不通过)")


class ReviewTaskState(TaskState):
    """A task state that keeps the reviewer's decision, reason and signed name."""

    decision = models.CharField(_("decision"), max_length=16, choices=ReviewDecision.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    reviewer_name = models.CharField(_("reviewer name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("review task state")
        verbose_name_plural = _("review task states")

    def personal_data_findings(self) -> list[personal_data.Finding]:
        """Personal data in the revision under review, masked (the decision modal shows them)."""
        return personal_data.findings_for_state(self)

    def personal_data_token(self) -> str:
        return personal_data.state_token(self)

    def get_comment(self) -> str:
        if not self.decision:
            return self.comment
        return _("%(decision)s — %(reason)s (%(name)s)") % {
            "decision": self.get_decision_display(),
            "reason": self.reason,
            "name": self.reviewer_name,
        }


def is_own_submission(task_state: TaskState, user: Any) -> bool:
    """True when ``user`` submitted the workflow or wrote any revision of the work under review.

    That is every revision since the last publication up to the one submitted: a colleague who
    merely clicks submit saves a revision of their own on top of the draft someone else wrote.
    Revisions saved during the review (Wagtail saves one when a reviewer decides from the editor)
    are not the submitted work.
    """
    if user is None or not user.is_authenticated:
        return False
    workflow_state = task_state.workflow_state
    if workflow_state.requested_by_id == user.pk:
        return True
    revision = task_state.revision
    if revision is not None and revision.user_id == user.pk:
        return True
    revisions = unpublished_revisions(workflow_state).filter(user_id=user.pk)
    if task_state.revision_id:
        revisions = revisions.filter(pk__lte=task_state.revision_id)
    return revisions.exists()


def unpublished_revisions(workflow_state: Any) -> QuerySet[Revision]:
    """Revisions of the object under review written after its live (last published) revision."""
    revisions = Revision.objects.filter(
        base_content_type_id=workflow_state.base_content_type_id, object_id=workflow_state.object_id
    )
    obj = workflow_state.content_object
    live_revision_id = getattr(obj, "live_revision_id", None)
    if live_revision_id:
        revisions = revisions.filter(pk__gt=live_revision_id)
    return revisions


def _states_with_drafts_by(states: QuerySet[TaskState], user: Any) -> list[int]:
    """Task states whose submitted work includes a revision by ``user`` (see ``is_own_submission``).

    A fixed number of queries per content type, whatever the length of the queue.
    """
    rows = list(
        states.values_list("pk", "workflow_state__base_content_type_id", "workflow_state__object_id", "revision_id")
    )
    if not rows:
        return []
    written: dict[tuple[int, str], list[int]] = {}
    for ct_id, object_id, revision_id in Revision.objects.filter(
        user_id=user.pk, object_id__in={r[2] for r in rows}
    ).values_list("base_content_type_id", "object_id", "pk"):
        written.setdefault((ct_id, object_id), []).append(revision_id)
    live: dict[tuple[int, str], int] = {}
    for ct_id in {r[1] for r in rows}:
        model = ContentType.objects.get_for_id(ct_id).model_class()
        if model is not None and hasattr(model, "live_revision_id"):
            ids = [r[2] for r in rows if r[1] == ct_id]
            for pk, live_id in model._default_manager.filter(pk__in=ids).values_list("pk", "live_revision_id"):
                live[(ct_id, str(pk))] = live_id or 0
    own = []
    for pk, ct_id, object_id, revision_id in rows:
        low, high = live.get((ct_id, object_id), 0), revision_id or float("inf")
        if any(low < rev <= high for rev in written.get((ct_id, object_id), ())):
            own.append(pk)
    return own


class AbstractReviewTask(AbstractGroupApprovalTask):
    """Group approval that records a decision and refuses self-approval."""

    task_state_class = ReviewTaskState
    # Personal data found in the item blocks 通过 unless the reviewer overrides it with a reason.
    blocks_personal_data = False
    action_template = "gi_wagtail/workflow/review_action_modal.html"

    class Meta:
        abstract = True

    def _current_state(self, obj: Any) -> TaskState | None:
        state = getattr(obj, "current_workflow_task_state", None)
        if state is not None and state.task_id == self.pk:
            return state
        return None

    def user_is_reviewer(self, user: Any) -> bool:
        return user.is_active and (user.is_superuser or self._user_in_groups(user))

    def user_can_decide(self, obj: Any, user: Any) -> bool:
        if not self.user_is_reviewer(user):
            return False
        state = self._current_state(obj)
        return state is None or not is_own_submission(state, user)

    def user_can_access_editor(self, obj: Any, user: Any) -> bool:
        # Reviewers open the editor to read the item; saving is refused by the
        # before_edit_page hook unless they hold the edit permission anyway.
        return self.user_is_reviewer(user)

    def locked_for_user(self, obj: Any, user: Any) -> bool:
        return not self.user_is_reviewer(user)

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, Promise, bool]]:
        if not self.user_can_decide(obj, user):
            return []
        return [
            ("reject", _("Not approved (不通过)"), True),
            ("approve", _("Approved (通过)"), True),
        ]

    def get_form_for_action(self, action: str) -> type[forms.Form]:
        return ApprovalDecisionForm if action == "approve" and self.blocks_personal_data else ReviewDecisionForm

    def get_template_for_action(self, action: str) -> str:
        return self.action_template

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any) -> QuerySet[TaskState]:
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        if user.is_authenticated:
            states = states.exclude(workflow_state__requested_by=user).exclude(revision__user=user)
            states = states.exclude(pk__in=_states_with_drafts_by(states, user))
        return states

    @transaction.atomic
    def on_action(self, task_state: TaskState, user: Any, action_name: str, **kwargs: Any) -> None:
        if action_name not in ("approve", "reject"):
            raise PermissionDenied
        if not self.user_is_reviewer(user) or is_own_submission(task_state, user):
            raise PermissionDenied
        # The page editor passes the modal's data through unvalidated JSON: check it again.
        # The form's own scan reads a task state the client names: the real one is checked below.
        form = self.get_form_for_action(action_name)(data={**kwargs, "reviewed_state": None})
        if not form.is_valid():
            raise PermissionDenied
        task_state = task_state.specific
        decision = ReviewDecision.APPROVED if action_name == "approve" else ReviewDecision.REJECTED
        found = personal_data.findings_for_state(task_state) if self.blocks_personal_data else []
        overridden = bool(
            form.cleaned_data.get("personal_data_override")
            and form.cleaned_data.get("personal_data_reason", "").strip()
        )
        if found and decision == ReviewDecision.APPROVED and not overridden:
            raise PermissionDenied
        task_state.decision = decision
        task_state.reason = form.cleaned_data["reason"]
        task_state.reviewer_name = form.cleaned_data["reviewer_name"]
        task_state.save(update_fields=["decision", "reason", "reviewer_name"])
        log(
            instance=task_state.revision.as_object(),
            action=REVIEW_LOG_ACTION,
            user=user,
            revision=task_state.revision,
            data={
                "task": {"id": self.pk, "title": self.name},
                "decision": decision.value,
                "reason": task_state.reason,
                "reviewer_name": task_state.reviewer_name,
                **self._personal_data_record(found, decision, form.cleaned_data),
            },
        )
        comment = str(task_state.get_comment())
        if decision == ReviewDecision.APPROVED:
            task_state.approve(user=user, comment=comment)
        else:
            task_state.reject(user=user, comment=comment)

    @staticmethod
    def _personal_data_record(
        found: list[personal_data.Finding], decision: str, cleaned_data: dict[str, Any]
    ) -> dict[str, Any]:
        """The audit log's part on personal data: masked hits and counts, and the override's reason."""
        if not found:
            return {}
        record = personal_data.audit_summary(found)
        if decision == ReviewDecision.APPROVED:
            record["override_reason"] = cleaned_data["personal_data_reason"].strip()
        return {"personal_data": record}


class SecrecyReviewTask(AbstractReviewTask):
    """保密审查: checks that nothing secret or personal is about to be published."""

    blocks_personal_data = True

    class Meta:
        verbose_name = _("secrecy review task (保密审查)")
        verbose_name_plural = _("secrecy review tasks (保密审查)")

    @classmethod
    def get_description(cls) -> Promise:
        return _(
            "Members of the chosen groups check the item for classified or personal information and "
            "record a decision, a reason and their name. Submitters cannot review their own items."
        )


class LeaderSignOffTask(AbstractReviewTask):
    """领导审签: the responsible leader signs off after the secrecy review."""

    class Meta:
        verbose_name = _("leader sign-off task (领导审签)")
        verbose_name_plural = _("leader sign-off tasks (领导审签)")

    @classmethod
    def get_description(cls) -> Promise:
        return _(
            "Members of the chosen groups sign off the item for publication after the secrecy review, "
            "recording a decision, a reason and their name."
        )

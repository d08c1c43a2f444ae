"""Personal data in an item under review: where it is, masked, and what the audit log may keep of it.

The item's title, body and attached files are scanned (``gi_wagtail.text.personal_data``) as search
reads them. Only masked values, kinds and counts leave this module; nothing is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.utils.translation import gettext_lazy as _
from wagtail.models import TaskState

from gi_wagtail.catalogue.review_text import ATTACHMENT, BODY, TITLE, page_texts
from gi_wagtail.text import personal_data

KIND_LABELS = {
    personal_data.ID_CARD: _("ID card number (身份证号)"),
    personal_data.ID_CARD_15: _("old 15-digit ID card number (身份证号)"),
    personal_data.MOBILE: _("mobile phone number (手机号)"),
    personal_data.BANK_CARD: _("bank card number (银行卡号)"),
    personal_data.NAME_LIST: _("list of names with numbers (姓名与号码名单)"),
}
WHERE_LABELS = {TITLE: _("title"), BODY: _("text"), ATTACHMENT: _("attachment")}
# Hits kept in the audit log entry (their kinds are all counted).
MAX_LOGGED_HITS = 50


@dataclass(frozen=True)
class Finding:
    """One hit and the masked text around it."""

    where: str
    name: str
    kind: str
    masked: str
    before: str
    marked: str
    after: str

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))

    @property
    def where_label(self) -> str:
        label = str(WHERE_LABELS.get(self.where, self.where))
        return f"{label}《{self.name}》" if self.name else label


def findings_for(obj: Any) -> list[Finding]:
    """Findings in a page (or a revision's object); other objects have none."""
    findings = []
    for where, name, text in page_texts(obj) if hasattr(obj, "path") else []:
        hits = personal_data.scan(text)
        for hit in hits:
            before, marked, after = personal_data.context(text, hits, hit)
            findings.append(Finding(where, name, hit.kind, hit.masked, before, marked, after))
    return findings


def findings_for_state(task_state: TaskState | None) -> list[Finding]:
    """Findings in the revision a task state reviews."""
    if task_state is None or task_state.revision is None:
        return []
    return findings_for(task_state.revision.as_object())


_SALT = "gi_wagtail.review.personal_data"


def state_token(task_state: TaskState) -> str:
    """The task state the decision modal was opened for, signed so that the form reads only that one."""
    return signing.dumps(task_state.pk, salt=_SALT)


def findings_for_token(token: Any) -> list[Finding]:
    try:
        pk = int(signing.loads(str(token or ""), salt=_SALT))
    except (signing.BadSignature, TypeError, ValueError):
        return []
    return findings_for_state(TaskState.objects.filter(pk=pk).select_related("revision").first())


def audit_summary(findings: list[Finding]) -> dict[str, Any]:
    """What the audit log keeps: counts per kind and masked hits, never a clear number or name."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind] = counts.get(finding.kind, 0) + 1
    return {
        "counts": counts,
        "hits": [
            {"kind": f.kind, "where": f.where, "masked": f.masked}
            for f in findings
            if f.kind != personal_data.NAME_LIST
        ][:MAX_LOGGED_HITS],
    }


def counts_text(findings: list[Finding]) -> str:
    """ "身份证号 2, 手机号 1" in the current language."""
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.kind_label] = counts.get(finding.kind_label, 0) + 1
    return ", ".join(f"{label} {n}" for label, n in counts.items())

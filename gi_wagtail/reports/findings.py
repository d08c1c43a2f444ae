"""Validation findings: rule id, severity, cell-addressable location, message."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)


def gettext_noop(message: str) -> str:
    """Marks a msgid for extraction (same name as Django's, which needs settings)."""
    return message


def translate(msgid: str) -> str:
    """gettext when Django is configured; the English msgid otherwise (pure-Python use)."""
    try:
        from django.conf import settings
        from django.utils.translation import gettext

        if not settings.configured:
            return msgid
        return gettext(msgid)
    except Exception:  # noqa: BLE001 no Django / translation infrastructure not ready
        return msgid


@dataclass(frozen=True)
class Finding:
    rule: str  # "R1" .. "R12"
    severity: str
    location: str  # e.g. "table3.received.total"
    msgid: str  # English, marked with gettext_noop at the call site
    params: dict = field(default_factory=dict)
    cells: tuple = ()  # every cell address the rule looked at
    code: str = ""  # sub-kind, e.g. "incomplete", "conflict"
    label: str = ""  # printed Chinese labels of ``location``, filled in by validate()
    extra_msgid: str = ""  # a second sentence (same params), e.g. which checks were skipped

    @property
    def message(self) -> str:
        params = {k: ("—" if v is None else v) for k, v in self.params.items()}
        text = translate(self.msgid) % params
        if self.extra_msgid:
            text = f"{text} {translate(self.extra_msgid) % params}"
        return text

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "location": self.location,
            "label": self.label or self.location,
            "message": self.message,
            "code": self.code,
            "cells": list(self.cells),
        }


SEVERITY_NAMES = {ERROR: gettext_noop("Error"), WARNING: gettext_noop("Warning"), INFO: gettext_noop("Hint")}


def severity_name(severity: str) -> str:
    """The translated name of a severity (错误 / 警告 / 提示)."""
    return translate(SEVERITY_NAMES.get(severity, severity))


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == ERROR for f in findings)


def table_of(location: str) -> str:
    """The table a finding is about ("table2".."table4"), or "" for fees, key figures, narrative, year."""
    head = location.split(".", 1)[0]
    return head if head in ("table2", "table3", "table4") else ""


def by_location(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    """Findings grouped by the cell (or section) they are about."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        out.setdefault(f.location, []).append(f)
    return out

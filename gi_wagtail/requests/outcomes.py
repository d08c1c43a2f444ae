"""Statutory outcome types of a request and the table 三 row each one is counted in.

The codes are the 2021 row keys of table 三; the 2019 format has one row ``other`` for the
three 2021 ``other_*`` rows. Every outcome maps to exactly one row in each format.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

FORMATS = ("2019", "2021")


class ApplicantType(models.TextChoices):
    NATURAL_PERSON = "natural_person", _("Natural person")
    ORG_BUSINESS = "org_business", _("Business enterprise")
    ORG_RESEARCH = "org_research", _("Research institution")
    ORG_PUBLIC_INTEREST = "org_public_interest", _("Public-interest organisation")
    ORG_LEGAL_SERVICE = "org_legal_service", _("Legal service provider")
    ORG_OTHER = "org_other", _("Other organisation")


class Outcome(models.TextChoices):
    GRANTED = "granted", _("Disclosed (予以公开)")
    PARTIAL = "partial", _("Partly disclosed (部分公开)")
    WITHHELD_1 = "withheld_1", _("Withheld: state secret")
    WITHHELD_2 = "withheld_2", _("Withheld: other laws and regulations forbid disclosure")
    WITHHELD_3 = "withheld_3", _("Withheld: endangers security or stability (三安全一稳定)")
    WITHHELD_4 = "withheld_4", _("Withheld: protects third-party rights")
    WITHHELD_5 = "withheld_5", _("Withheld: internal affairs information")
    WITHHELD_6 = "withheld_6", _("Withheld: process information")
    WITHHELD_7 = "withheld_7", _("Withheld: administrative enforcement files")
    WITHHELD_8 = "withheld_8", _("Withheld: administrative enquiry matter")
    UNAVAILABLE_1 = "unavailable_1", _("Cannot provide: the agency does not hold the information")
    UNAVAILABLE_2 = "unavailable_2", _("Cannot provide: would have to be created")
    UNAVAILABLE_3 = "unavailable_3", _("Cannot provide: still unclear after correction")
    NOT_HANDLED_1 = "not_handled_1", _("Not handled: petition, report or complaint")
    NOT_HANDLED_2 = "not_handled_2", _("Not handled: repeated request")
    NOT_HANDLED_3 = "not_handled_3", _("Not handled: asks for published material")
    NOT_HANDLED_4 = "not_handled_4", _("Not handled: numerous repeated requests without good reason")
    NOT_HANDLED_5 = "not_handled_5", _("Not handled: asks to confirm or reissue information already obtained")
    OTHER_1 = "other_1", _("Other: not corrected in time")
    OTHER_2 = "other_2", _("Other: fee not paid in time")
    OTHER_3 = "other_3", _("Other (withdrawn and the like)")


# The 告知书 an outcome is answered with (a NoticeKind value).
REPLY_NOTICE = {
    "granted": "reply_granted",
    "partial": "reply_partial",
    **{f"withheld_{i}": "reply_withheld" for i in range(1, 9)},
    "unavailable_1": "reply_not_held",
    "unavailable_2": "reply_not_held",
    "unavailable_3": "reply_unclear",
    **{f"not_handled_{i}": "reply_not_handled" for i in range(1, 6)},
    "other_1": "reply_other",
    "other_2": "reply_other",
    "other_3": "reply_other",
}


def table_row(outcome: str, report_format: str) -> str:
    """The table 三 row key an answered request is counted in."""
    if outcome not in Outcome.values:
        raise ValueError(f"unknown outcome {outcome!r}")
    if report_format == "2019" and outcome.startswith("other_"):
        return "other"
    if report_format not in FORMATS:
        raise ValueError(f"unknown report format {report_format!r}")
    return outcome
